"""Colours for Markdown in the editor, laid on without ever blocking typing.

The spans come from render.syntax, one line at a time, with a small state carried
from line to line (fenced code, HTML comments). Qt's QSyntaxHighlighter colours the
whole document at once when a text is set: seconds on a 1 MB post, with the
window frozen. This highlighter colours the lines the writer sees at once and the rest in
slices from the event loop, and an edit recolours the edited lines at once and the
lines whose state it changed as far as they go (the rest in slices again).

Formats go straight onto each block's layout, as QSyntaxHighlighter does, so they
are no part of the text: no undo step, no `contentsChanged`. Each block keeps in
its user state the state it started with and the one it ended with, so a pass
knows exactly where an edit's effect ends.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QTextBlock,
    QTextCharFormat,
    QTextDocument,
    QTextLayout,
)

from postedit.render.syntax import NORMAL, SpanKind, line_spans, painted
from postedit.ui.editor.pending import PendingRuns

# Lines an edit (or a new text) colours before returning: more than a screen.
SYNC_LINES = 300
# Lines and seconds a background slice may take: far below a frame at ~15 us a line.
SLICE_LINES = 800
SLICE_SECONDS = 0.008
_UNKNOWN = -1  # a block's user state before it was ever coloured
_STATE_BITS = 16  # user state = start state << 16 | end state


def _format(
    color: str | None = None,
    *,
    bold: bool = False,
    italic: bool = False,
    strike: bool = False,
    background: str | None = None,
    fixed: bool = False,
) -> QTextCharFormat:
    text_format = QTextCharFormat()
    if color:
        text_format.setForeground(QColor(color))
    if background:
        text_format.setBackground(QColor(background))
    if bold:
        text_format.setFontWeight(QFont.Weight.Bold)
    if italic:
        text_format.setFontItalic(True)
    if strike:
        text_format.setFontStrikeOut(True)
    if fixed:
        text_format.setFontFixedPitch(True)
        text_format.setFontFamilies(["monospace"])
    return text_format


def _formats(dark: bool) -> dict[SpanKind, QTextCharFormat]:
    """A calm palette: structure in muted colours, content left alone."""
    if dark:
        accent, muted, code_bg, link, special = (
            "#8ab4f8",
            "#8a8f98",
            "#2a2d33",
            "#7cc4c0",
            "#d7a8e8",
        )
    else:
        accent, muted, code_bg, link, special = (
            "#1f4e8c",
            "#80868b",
            "#f1f3f4",
            "#0b7a75",
            "#8e44ad",
        )
    return {
        SpanKind.HEADING: _format(accent, bold=True),
        SpanKind.EMPHASIS: _format(italic=True),
        SpanKind.STRONG: _format(bold=True),
        SpanKind.STRIKE: _format(muted, strike=True),
        SpanKind.CODE: _format(background=code_bg, fixed=True),
        SpanKind.FENCE: _format(muted, background=code_bg, fixed=True),
        SpanKind.LINK_TEXT: _format(link),
        SpanKind.URL: _format(muted),
        SpanKind.LIST_MARKER: _format(accent, bold=True),
        SpanKind.QUOTE: _format(muted, bold=True),
        SpanKind.SHORTCODE: _format(special, fixed=True),
        SpanKind.HTML: _format(muted),
        SpanKind.COMMENT: _format(muted, italic=True),
        SpanKind.RULE: _format(muted),
        SpanKind.FOOTNOTE: _format(link),
    }


def _end_state(user_state: int) -> int:
    return NORMAL if user_state == _UNKNOWN else user_state & ((1 << _STATE_BITS) - 1)


def _start_state(user_state: int) -> int:
    return _UNKNOWN if user_state == _UNKNOWN else user_state >> _STATE_BITS


class MarkdownHighlighter(QObject):
    """Colours a QTextDocument's blocks: edited lines at once, a new text in slices.

    It follows edits through `contentsChange`, which Qt emits only for a document
    with a layout (as QPlainTextEdit's own has), just like QSyntaxHighlighter."""

    slice_highlighted = Signal(int)  # lines coloured by one background slice
    caught_up = Signal()  # nothing is left to colour

    def __init__(
        self,
        document: QTextDocument,
        *,
        dark: bool = False,
        sync_lines: int = SYNC_LINES,
        slice_lines: int = SLICE_LINES,
        slice_seconds: float = SLICE_SECONDS,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        super().__init__(document)
        self._document = document
        self._formats = _formats(dark)
        self._pending = PendingRuns()
        self._sync_lines = sync_lines
        self.slice_lines = slice_lines
        self._slice_seconds = slice_seconds
        self._clock = clock
        self._block_count = document.blockCount()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._on_timer_timeout)
        document.contentsChange.connect(self._on_document_contents_change)
        if not document.isEmpty():
            self._pending.add(0, self._block_count - 1)
            self._highlight_pending(self._sync_lines, None)
            self._schedule()

    # --- what the editor uses ------------------------------------------------------------

    def set_dark(self, dark: bool) -> None:
        """Recolour everything in the new palette: the top at once, the rest in slices."""
        self._formats = _formats(dark)
        self._pending.add(0, self._document.blockCount() - 1)
        self._highlight_pending(self._sync_lines, None)
        self._schedule()

    def colour_now(self, first: int, last: int) -> None:
        """Colour blocks `first`..`last` at once where the background pass has still
        to reach them: what scrolls into view is not left plain. Each block starts
        from the state of the line above as it stands (a guess where that line is not
        coloured yet); the pass comes by later and puts right what the guess got wrong."""
        last = min(last, first + self._sync_lines - 1)
        for run in self._pending.runs():
            start, end = max(first, run.start), min(last, run.force)
            if start <= end:
                self._highlight_run(start, end, end - start + 1, None, follow=False)

    def busy(self) -> bool:
        """Whether some lines still wait for their colours."""
        return bool(self._pending)

    # --- the work ------------------------------------------------------------------------

    def _on_document_contents_change(self, position: int, removed: int, added: int) -> None:
        document = self._document
        first_block = document.findBlock(position)
        if not first_block.isValid():
            first_block = document.lastBlock()
        last_block = document.findBlock(position + added)
        if not last_block.isValid():
            last_block = document.lastBlock()
        first, last = first_block.blockNumber(), last_block.blockNumber()
        count = document.blockCount()
        old_last = last - (count - self._block_count)
        self._block_count = count
        self._pending.edited(first, old_last, last)
        if self._pending.covers(first):
            # A pending run will recolour these lines with the right states: colour
            # them now for the writer, and leave what follows to that run.
            self._pending.add(first, last)
            self._highlight_run(first, last, self._sync_lines, None, follow=False)
        else:
            self._highlight_run(first, last, self._sync_lines, None)
        self._schedule()

    def _on_timer_timeout(self) -> None:
        deadline = self._clock() + self._slice_seconds
        done = self._highlight_pending(self.slice_lines, deadline)
        self.slice_highlighted.emit(done)
        self._schedule()
        if not self._pending:
            self.caught_up.emit()

    def _schedule(self) -> None:
        if self._pending and not self._timer.isActive():
            self._timer.start()

    def _highlight_pending(self, max_lines: int, deadline: float | None) -> int:
        """Work through the topmost runs; returns how many lines were coloured."""
        done = 0
        while self._pending and done < max_lines:
            if deadline is not None and done and self._clock() >= deadline:
                break
            run = self._pending.pop_first()
            assert run is not None
            done += self._highlight_run(run.start, run.force, max_lines - done, deadline)
        return done

    def _highlight_run(
        self, start: int, force: int, max_lines: int, deadline: float | None, *, follow: bool = True
    ) -> int:
        """Colour from block `start` on, every block through `force`, then on until the
        states agree again (`follow`); when the budget ends first, the rest goes back
        to the pending runs."""
        document = self._document
        block = document.findBlockByNumber(start)
        if not block.isValid():
            return 0
        previous = block.previous()
        state = _end_state(previous.userState()) if previous.isValid() else NORMAL
        first_position = block.position()
        number, done = start, 0
        upcoming = self._pending.next_start(start)
        while True:
            state = self._highlight_block(block, state)
            done += 1
            following = block.next()
            last_position = block.position() + block.length()
            if not following.isValid():
                break
            number += 1
            if not follow:
                if number > force or done >= max_lines:
                    break
                block = following
                continue
            if upcoming is not None and number >= upcoming:
                # Reached a run still to do: carry its work on from here.
                taken = self._pending.take_at(number)
                if taken is not None:
                    force = max(force, taken)
                upcoming = self._pending.next_start(number)
            if number > force and _start_state(following.userState()) == state:
                break
            out_of_time = deadline is not None and done % 32 == 0 and self._clock() >= deadline
            if done >= max_lines or out_of_time:
                self._pending.add(number, max(number, force))
                break
            block = following
        # One call for the whole stretch: Qt drops the stretch's line layouts and lays
        # out again only what it paints.
        document.markContentsDirty(first_position, last_position - first_position)
        return done

    def _highlight_block(self, block: QTextBlock, state: int) -> int:
        text = block.text()
        spans, end_state = line_spans(text, state)
        if spans or block.userState() != _UNKNOWN:
            # render.syntax counts Python characters; Qt counts UTF-16 units.
            wide = not text.isascii() and any(ord(char) > 0xFFFF for char in text)
            ranges = []
            for span in painted(spans):
                start, length = span.start, span.length
                if wide:
                    start = len(text[: span.start].encode("utf-16-le")) // 2
                    length = (
                        len(text[span.start : span.start + span.length].encode("utf-16-le")) // 2
                    )
                format_range = QTextLayout.FormatRange()
                format_range.start = start
                format_range.length = length
                format_range.format = self._formats[span.kind]
                ranges.append(format_range)
            block.layout().setFormats(ranges)
        block.setUserState(state << _STATE_BITS | end_state)
        return end_state


def palette_is_dark(palette: QPalette) -> bool:
    """Whether the window colour is dark, so editor colours can follow the app theme."""
    return palette.color(QPalette.ColorRole.Base).lightness() < 128
