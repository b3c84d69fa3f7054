"""Two versions of a post side by side, so the writer can choose one knowingly.

A table lists the front-matter fields that differ; below it the two whole texts
sit next to each other, read-only, with the differing lines marked (changed,
added, removed each in its own colour) and scrolled together. The comparison
itself comes from `core.compare`; this dialog only shows it and records the
writer's choice.
"""

from __future__ import annotations

from enum import Enum
from typing import Literal

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QFontDatabase, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from postedit.core.compare import Comparison, LineBlock, compare_texts, split_text_lines
from postedit.ui.form.base import is_dark

Side = Literal["mine", "theirs"]

ABSENT = "(not set)"

# Backgrounds for marked lines: (light theme, dark theme). Soft enough to keep
# the text readable, distinct enough to tell apart.
_COLORS: dict[str, tuple[str, str]] = {
    "changed": ("#fbedc4", "#5a4a1a"),
    "added": ("#d8f0da", "#234a2b"),
    "removed": ("#f8d7d5", "#5c2a2a"),
}


class CompareChoice(Enum):
    KEEP_MINE = "keep mine"
    USE_THEIRS = "use theirs"
    CANCEL = "cancel"


def _count_words(count: int) -> str:
    if count == 0:
        return "No differences"
    return "1 difference" if count == 1 else f"{count} differences"


class CompareDialog(QDialog):
    """Both versions of a post, differences marked; `choice` says what the writer chose."""

    def __init__(
        self,
        mine: str,
        theirs: str,
        parent: QWidget | None = None,
        *,
        mine_label: str = "Your version (not saved)",
        theirs_label: str = "On disk",
        keep_label: str = "Keep mine",
        use_label: str = "Use theirs",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Compare versions")
        self.choice = CompareChoice.CANCEL
        self.comparison: Comparison = compare_texts(mine, theirs)
        dark = is_dark(self)
        self._colors = {
            name: QColor(pair[1] if dark else pair[0]) for name, pair in _COLORS.items()
        }

        self.summary = QLabel(self)
        self.summary.setObjectName("compareSummary")
        summary = _count_words(self.comparison.differences)
        if not self.comparison.front_matter_readable:
            summary += ". The front matter of one version cannot be read: compare the text below."
        self.summary.setText(summary)
        self.summary.setWordWrap(True)

        self.fields = QTableWidget(0, 3, self)
        self.fields.setHorizontalHeaderLabels(["Field", mine_label, theirs_label])
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.fields.verticalHeader().setVisible(False)
        header = self.fields.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self._fill_fields()

        self.mine_view = self._text_view(mine, mine_label)
        self.theirs_view = self._text_view(theirs, theirs_label)
        self._mark_lines()

        buttons = QDialogButtonBox(self)
        self.keep_button = QPushButton(keep_label, self)
        self.use_button = QPushButton(use_label, self)
        self.close_button = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.use_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_button.setAutoDefault(False)
        self.use_button.setAutoDefault(False)

        texts = QGridLayout()
        texts.addWidget(QLabel(mine_label, self), 0, 0)
        texts.addWidget(QLabel(theirs_label, self), 0, 1)
        texts.addWidget(self.mine_view, 1, 0)
        texts.addWidget(self.theirs_view, 1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.fields)
        layout.addLayout(texts, 1)
        layout.addWidget(buttons)
        self.resize(1000, 680)

        self._syncing = False
        self._connect_signals()

    def _connect_signals(self) -> None:
        self.keep_button.clicked.connect(self._on_keep_clicked)
        self.use_button.clicked.connect(self._on_use_clicked)
        self.close_button.clicked.connect(self.reject)
        self.mine_view.verticalScrollBar().valueChanged.connect(self._on_mine_scrolled)
        self.theirs_view.verticalScrollBar().valueChanged.connect(self._on_theirs_scrolled)

    # -- what tests and the window read -------------------------------------------------

    def field_rows(self) -> list[tuple[str, str, str]]:
        """The table's rows as shown: (field, yours, on disk)."""
        rows = []
        for row in range(self.fields.rowCount()):
            cells = [self.fields.item(row, column) for column in range(3)]
            key, ours, others = (cell.text() if cell else "" for cell in cells)
            rows.append((key, ours, others))
        return rows

    def marked_lines(self, side: Side) -> list[int]:
        """0-based lines marked as different on one side."""
        view = self.mine_view if side == "mine" else self.theirs_view
        return sorted(selection.cursor.blockNumber() for selection in view.extraSelections())

    # -- building ------------------------------------------------------------------------

    def _fill_fields(self) -> None:
        differences = self.comparison.fields
        self.fields.setRowCount(len(differences))
        for row, difference in enumerate(differences):
            values = (
                difference.key,
                ABSENT if difference.mine is None else difference.mine,
                ABSENT if difference.theirs is None else difference.theirs,
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.fields.setItem(row, column, item)
        self.fields.setVisible(bool(differences))
        if differences:
            height = self.fields.horizontalHeader().sizeHint().height() + 4
            height += sum(
                self.fields.sizeHintForRow(row) for row in range(min(len(differences), 6))
            )
            self.fields.setMaximumHeight(height)

    def _text_view(self, text: str, label: str) -> QPlainTextEdit:
        view = QPlainTextEdit(self)
        view.setReadOnly(True)
        # Paragraphs are long lines: wrapped, a changed word is seen without scrolling.
        view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        view.setAccessibleName(label)
        # The same lines the comparison numbered, one text block each.
        view.setPlainText("\n".join(split_text_lines(text)))
        return view

    def _mark_lines(self) -> None:
        mine: list[QTextEdit.ExtraSelection] = []
        theirs: list[QTextEdit.ExtraSelection] = []
        for block in self.comparison.lines:
            if block.tag == "equal":
                continue
            mine_kind = "changed" if block.tag == "replace" else "removed"
            theirs_kind = "changed" if block.tag == "replace" else "added"
            mine += self._selections(self.mine_view, block.mine, mine_kind)
            theirs += self._selections(self.theirs_view, block.theirs, theirs_kind)
        self.mine_view.setExtraSelections(mine)
        self.theirs_view.setExtraSelections(theirs)

    def _selections(
        self, view: QPlainTextEdit, lines: range, kind: str
    ) -> list[QTextEdit.ExtraSelection]:
        selections = []
        document = view.document()
        block = document.findBlockByNumber(lines.start) if lines else None
        for _ in lines:
            if block is None or not block.isValid():
                break
            selection = QTextEdit.ExtraSelection()
            selection.format.setBackground(self._colors[kind])
            selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
            selection.cursor = QTextCursor(block)
            selections.append(selection)
            block = block.next()
        return selections

    # -- scrolling together --------------------------------------------------------------

    def _on_mine_scrolled(self, _value: int) -> None:
        line = _top_line(self.mine_view)
        self._follow(self.theirs_view, _map_line(self.comparison.lines, line, "mine"))

    def _on_theirs_scrolled(self, _value: int) -> None:
        line = _top_line(self.theirs_view)
        self._follow(self.mine_view, _map_line(self.comparison.lines, line, "theirs"))

    def _follow(self, view: QPlainTextEdit, line: int) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            # With wrapping the scroll bar counts screen lines, not text lines.
            block = view.document().findBlockByNumber(line)
            view.verticalScrollBar().setValue(block.firstLineNumber() if block.isValid() else line)
        finally:
            self._syncing = False

    # -- choices -------------------------------------------------------------------------

    def _on_keep_clicked(self) -> None:
        self.choice = CompareChoice.KEEP_MINE
        self.accept()

    def _on_use_clicked(self) -> None:
        self.choice = CompareChoice.USE_THEIRS
        self.accept()

    def reject(self) -> None:
        self.choice = CompareChoice.CANCEL
        super().reject()


def _top_line(view: QPlainTextEdit) -> int:
    """The number of the text line at the top of `view`."""
    return view.cursorForPosition(QPoint(0, 0)).blockNumber()


def _map_line(blocks: tuple[LineBlock, ...], line: int, side: Side) -> int:
    """The line on the other side that matches `line` (a block's start when it differs)."""
    for block in blocks:
        here, there = (block.mine, block.theirs) if side == "mine" else (block.theirs, block.mine)
        if line in here:
            if block.tag == "equal":
                return there.start + (line - here.start)
            return there.start
    last = blocks[-1] if blocks else None
    if last is None:
        return line
    there = last.theirs if side == "mine" else last.mine
    return max(there.stop - 1, 0)
