"""What the form shows when the front matter cannot be read: the problem and its text.

A banner says where and what in plain words; below it, the raw front-matter
text stays editable. Nothing is reformatted or repaired behind the writer's
back: the text shown is the text a save writes.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QFontDatabase, QTextCursor, QTextFormat
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from postedit.ui.form.base import exact_text, is_dark


class BrokenFrontMatter(QWidget):
    """Banner plus raw front-matter editor; `text_edited` carries the writer's text."""

    text_edited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setObjectName("banner")
        background, border = ("#4a3512", "#8a6420") if is_dark(self) else ("#fff4e0", "#e6b45e")
        self.banner.setStyleSheet(
            f"QLabel#banner {{ background: {background}; border: 1px solid {border};"
            " border-radius: 6px; padding: 8px 10px; }"
        )
        self.text = QPlainTextEdit(self)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setAccessibleName("Front matter text")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(8)
        layout.addWidget(self.banner)
        layout.addWidget(self.text, 1)
        self._loading = False
        self.text.textChanged.connect(self._on_text_changed)

    def show_problem(
        self, line: int, column: int, message: str, *, editable: bool, text_line: int = 0
    ) -> None:
        """Say what is wrong and where; `editable` False when the text is in the body.

        `line` is the file's line (what Hugo reports); `text_line` the same line
        counted in the text shown here (0: not in it), which gets highlighted.
        """
        words = f"The front matter has a problem on line {line}, column {column}: {message}"
        if not editable:
            words += " Its end is missing, so all of it is shown in the text editor below."
        self.banner.setText(words)
        self.text.setVisible(editable)
        self._highlight(text_line)

    def point_at(self, text_line: int, column: int) -> None:
        """Put the cursor where the problem is (when a post opens, not while typing)."""
        block = self.text.document().findBlockByNumber(max(text_line - 1, 0))
        if not block.isValid():
            return
        cursor = QTextCursor(block)
        cursor.movePosition(
            QTextCursor.MoveOperation.Right, n=min(max(column - 1, 0), block.length() - 1)
        )
        self.text.setTextCursor(cursor)

    def highlighted_line(self) -> int:
        """The 1-based line of the shown text marked as the problem's (0: none)."""
        selections = self.text.extraSelections()
        return selections[0].cursor.blockNumber() + 1 if selections else 0

    def _highlight(self, text_line: int) -> None:
        block = self.text.document().findBlockByNumber(text_line - 1)
        if text_line < 1 or not block.isValid():
            self.text.setExtraSelections([])
            return
        selection = QTextEdit.ExtraSelection()
        selection.format.setBackground(QColor("#5a4318" if is_dark(self) else "#fde9c4"))
        selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.cursor = QTextCursor(block)
        self.text.setExtraSelections([selection])

    def set_text(self, text: str) -> None:
        """Show the raw front-matter text (not reported as an edit)."""
        self._loading = True
        try:
            self.text.setPlainText(text)
            self.text.moveCursor(QTextCursor.MoveOperation.Start)
        finally:
            self._loading = False

    def _on_text_changed(self) -> None:
        if not self._loading:
            self.text_edited.emit(exact_text(self.text))
