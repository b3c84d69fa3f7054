"""The Markdown text editor: a QPlainTextEdit tuned for writing."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QKeyEvent,
    QResizeEvent,
    QTextCursor,
    QTextFormat,
    QTextOption,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from postedit.core.formatting import Edited, continuation, index_from_utf16, utf16_from_index
from postedit.ui.editor.highlighter import MarkdownHighlighter, palette_is_dark

EDITOR_POINT_SIZE = 12


def _writing_font() -> QFont:
    """The system's fixed-width font a little larger: Markdown's marks line up."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSize(max(font.pointSize(), EDITOR_POINT_SIZE))
    return font


class MarkdownEditor(QPlainTextEdit):
    """Soft-wrapped, highlighted, with the current line shown and line signals."""

    cursor_moved = Signal(int, int)  # 1-based line and column, for the status bar
    top_line_changed = Signal(int)  # 0-based first visible line, for scroll sync

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("markdownEditor")
        self.setFont(_writing_font())
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDocumentMargin(14)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * 4)
        self._highlighter = MarkdownHighlighter(
            self.document(), dark=palette_is_dark(self.palette())
        )
        self._last_top_line = -1
        self.cursorPositionChanged.connect(self._on_cursor_moved)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self._on_cursor_moved()

    # --- what the pane uses ------------------------------------------------------------------

    def set_markdown(self, text: str) -> None:
        """Show a new text; its undo history starts empty."""
        self.setPlainText(text)
        self.document().clearUndoRedoStacks()
        self.document().setModified(False)

    def markdown(self) -> str:
        """The text exactly as typed, lines joined by "\n".

        `toPlainText()` turns no-break spaces into spaces, so one keystroke would
        rewrite every no-break space of the post; the raw text keeps them.
        """
        return self.document().toRawText().replace("\u2029", "\n")

    def first_visible_line(self) -> int:
        return self.firstVisibleBlock().blockNumber()

    def scroll_to_line(self, line: int) -> None:
        """Put `line` (0-based) at the top of the view without moving the cursor."""
        block = self.document().findBlockByNumber(max(0, line))
        if not block.isValid():
            block = self.document().lastBlock()
        # QPlainTextEdit scrolls in blocks: the scroll bar's value is the top block.
        self.verticalScrollBar().setValue(block.blockNumber())

    def selected_lines(self) -> tuple[QTextCursor, str, int, int]:
        """A cursor over the whole lines the selection touches, their text and the
        selection inside that text (Python indices)."""
        cursor = self.textCursor()
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        lines = QTextCursor(self.document())
        lines.setPosition(start)
        lines.movePosition(QTextCursor.MoveOperation.StartOfBlock)
        first = lines.position()
        lines.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        lines.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
        text = lines.selectedText().replace("\u2029", "\n")
        return (
            lines,
            text,
            index_from_utf16(text, start - first),
            index_from_utf16(text, end - first),
        )

    def apply(self, lines: QTextCursor, edited: Edited) -> None:
        """Replace the lines under `lines` with an edit, as one undo step, and select."""
        first = lines.selectionStart()
        lines.beginEditBlock()
        lines.insertText(edited.text)
        lines.endEditBlock()
        cursor = self.textCursor()
        cursor.setPosition(first + utf16_from_index(edited.text, edited.start))
        cursor.setPosition(
            first + utf16_from_index(edited.text, edited.end), QTextCursor.MoveMode.KeepAnchor
        )
        self.setTextCursor(cursor)
        self.setFocus()

    # --- behaviour ---------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._highlighter.set_dark(palette_is_dark(self.palette()))
            self._on_cursor_moved()

    def _on_cursor_moved(self) -> None:
        cursor = self.textCursor()
        selection = QTextEdit.ExtraSelection()
        base = self.palette().base().color()
        selection.format.setBackground(
            base.lighter(120) if palette_is_dark(self.palette()) else QColor("#f6f8fb")
        )
        selection.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.cursor = QTextCursor(cursor)
        selection.cursor.clearSelection()
        self.setExtraSelections([selection])
        block = cursor.block()
        column = index_from_utf16(block.text(), cursor.positionInBlock()) + 1
        self.cursor_moved.emit(block.blockNumber() + 1, column)

    def _on_scrolled(self) -> None:
        top = self.first_visible_line()
        self._colour_visible_lines()
        if top != self._last_top_line:
            self._last_top_line = top
            self.top_line_changed.emit(top)

    def _colour_visible_lines(self) -> None:
        """Lines that come into view before the background colouring got there are
        coloured at once, not left plain while it works its way down."""
        if not self._highlighter.busy():
            return
        bottom = self.cursorForPosition(self.viewport().rect().bottomLeft()).blockNumber()
        self._highlighter.colour_now(self.first_visible_line(), bottom)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._colour_visible_lines()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter continues a list or quote, like every writing tool does."""
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter and not event.modifiers() and self._continue_list():
            return
        if enter and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            # Qt would insert U+2028, an invisible line separator, into the post.
            self.textCursor().insertText("\n")
            self.ensureCursorVisible()
            return
        super().keyPressEvent(event)

    def _continue_list(self) -> bool:
        cursor = self.textCursor()
        if cursor.hasSelection():
            return False
        block = cursor.block()
        line = block.text()
        before = line[: index_from_utf16(line, cursor.positionInBlock())]
        result = continuation(before)
        if result is not None and result[1] and line[len(before) :].strip():
            # The cursor sits between a marker and its item's text: the item is not
            # empty, so Enter starts a new one here instead of stripping the marker.
            result = continuation(line)
        if result is None:
            return False
        prefix, end_list = result
        cursor.beginEditBlock()
        if end_list:
            # An empty item ends the list: clear its marker instead of adding another,
            # and start after a blank line, so what is typed next is a paragraph of its
            # own and not part of the last item (Markdown's lazy continuation).
            cursor.movePosition(
                QTextCursor.MoveOperation.StartOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            cursor.removeSelectedText()
            cursor.insertText("\n")
        else:
            cursor.insertText("\n" + prefix)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        return True
