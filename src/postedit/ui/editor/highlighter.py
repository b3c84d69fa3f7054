"""Colours for Markdown in the editor; the spans come from render.syntax."""

from __future__ import annotations

from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)

from postedit.render.syntax import SpanKind, line_spans


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


class MarkdownHighlighter(QSyntaxHighlighter):
    """Highlights one block (line) at a time; Qt re-runs only the lines an edit touches."""

    def __init__(self, document: QTextDocument, *, dark: bool = False) -> None:
        super().__init__(document)
        self._formats = _formats(dark)

    def set_dark(self, dark: bool) -> None:
        self._formats = _formats(dark)
        self.rehighlight()

    def highlightBlock(self, text: str) -> None:
        spans, state = line_spans(text, max(self.previousBlockState(), 0))
        # render.syntax counts Python characters; Qt counts UTF-16 units.
        wide = any(ord(char) > 0xFFFF for char in text)
        for span in spans:
            start, length = span.start, span.length
            if wide:
                start = len(text[: span.start].encode("utf-16-le")) // 2
                length = len(text[span.start : span.start + span.length].encode("utf-16-le")) // 2
            self.setFormat(start, length, self._formats[span.kind])
        self.setCurrentBlockState(state)


def palette_is_dark(palette: QPalette) -> bool:
    """Whether the window colour is dark, so editor colours can follow the app theme."""
    return palette.color(QPalette.ColorRole.Base).lightness() < 128
