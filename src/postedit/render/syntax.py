"""Where the Markdown editor colours a line: spans of kinds, one line at a time.

The editor's highlighter asks for one line at a time (as Qt's QSyntaxHighlighter
does), carrying a small integer state from line to line for constructs that span
lines: fenced code and HTML comments. This is a presentation aid, not a parser: it
must be fast (it runs on every keystroke for the edited line) and forgiving; the
preview shows what Hugo really makes of the text.
"""

from __future__ import annotations

import re
from enum import IntEnum
from typing import NamedTuple


class SpanKind(IntEnum):
    """What a coloured stretch of the line is."""

    HEADING = 1
    EMPHASIS = 2
    STRONG = 3
    STRIKE = 4
    CODE = 5  # inline code and the lines inside a fenced block
    FENCE = 6  # the fence lines themselves
    LINK_TEXT = 7
    URL = 8
    LIST_MARKER = 9
    QUOTE = 10
    SHORTCODE = 11
    HTML = 12
    COMMENT = 13
    RULE = 14
    FOOTNOTE = 15


class Span(NamedTuple):
    start: int
    length: int
    kind: SpanKind


NORMAL = 0
IN_COMMENT = 1
# A fenced block's state remembers its fence so only a matching fence closes it:
# FENCE_BASE + 2 * length (+1 for tildes).
FENCE_BASE = 16

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_RULE = re.compile(r"^ {0,3}(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|=+[ \t]*)$")
_QUOTE = re.compile(r"^(?: {0,3}>[ \t]?)+")
_LIST = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]+\[[ xX]\])?(?=[ \t]|$)")

# Inline patterns, applied in this order; later kinds win where they overlap, so
# code and shortcodes (whose insides are not Markdown) come last.
_INLINE: tuple[tuple[re.Pattern[str], SpanKind], ...] = (
    (re.compile(r"(?<![*\w])\*(?![\s*])(?:[^*\n]*?[^\s*])?\*(?!\*)"), SpanKind.EMPHASIS),
    (re.compile(r"(?<![_\w])_(?![\s_])(?:[^_\n]*?[^\s_])?_(?![_\w])"), SpanKind.EMPHASIS),
    (re.compile(r"\*\*(?!\s)[^\n]*?(?<!\s)\*\*|__(?!\s)[^\n]*?(?<!\s)__"), SpanKind.STRONG),
    (re.compile(r"~~(?!\s)[^\n]*?(?<!\s)~~"), SpanKind.STRIKE),
    (re.compile(r"!?\[[^\]\n]*\](?=[(\[])"), SpanKind.LINK_TEXT),
    (re.compile(r"(?<=\])\([^)\s]*(?:\s+\"[^\"]*\")?\)|(?<=\])\[[^\]\n]*\]"), SpanKind.URL),
    (re.compile(r"<(?:https?|mailto|ftp):[^>\s]*>|\bhttps?://[^\s<>()]+"), SpanKind.URL),
    (re.compile(r"\[\^[^\]\s]+\]"), SpanKind.FOOTNOTE),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"), SpanKind.HTML),
    (re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)"), SpanKind.CODE),
    (re.compile(r"\{\{[<%].*?[%>]\}\}"), SpanKind.SHORTCODE),
)
_COMMENT_START = "<!--"
_COMMENT_END = "-->"


def _fence_state(marker: str) -> int:
    return FENCE_BASE + 2 * len(marker) + (1 if marker[0] == "~" else 0)


def _closes_fence(line: str, state: int) -> bool:
    match = _FENCE.match(line)
    if match is None or line[match.end() :].strip():
        return False
    marker = match.group(1)
    length, tilde = divmod(state - FENCE_BASE, 2)
    return (marker[0] == "~") == bool(tilde) and len(marker) >= length


def _comment_spans(line: str, start: int, spans: list[Span]) -> int:
    """Colour HTML comments from `start`; returns the state at the end of the line."""
    position = start
    while True:
        opening = line.find(_COMMENT_START, position)
        if opening < 0:
            return NORMAL
        closing = line.find(_COMMENT_END, opening + len(_COMMENT_START))
        if closing < 0:
            spans.append(Span(opening, len(line) - opening, SpanKind.COMMENT))
            return IN_COMMENT
        end = closing + len(_COMMENT_END)
        spans.append(Span(opening, end - opening, SpanKind.COMMENT))
        position = end


def _inline_spans(line: str, start: int, spans: list[Span]) -> None:
    for pattern, kind in _INLINE:
        for match in pattern.finditer(line, start):
            spans.append(Span(match.start(), match.end() - match.start(), kind))


def line_spans(line: str, state: int = NORMAL) -> tuple[list[Span], int]:
    """The coloured spans of one line and the state the next line starts in.

    Spans may overlap; a later span wins over an earlier one where they do.
    """
    spans: list[Span] = []
    if state >= FENCE_BASE:
        if _closes_fence(line, state):
            return [Span(0, len(line), SpanKind.FENCE)], NORMAL
        return ([Span(0, len(line), SpanKind.CODE)] if line else []), state
    start = 0
    if state == IN_COMMENT:
        closing = line.find(_COMMENT_END)
        if closing < 0:
            return ([Span(0, len(line), SpanKind.COMMENT)] if line else []), IN_COMMENT
        start = closing + len(_COMMENT_END)
        spans.append(Span(0, start, SpanKind.COMMENT))
    elif fence := _FENCE.match(line):
        marker = fence.group(1)
        if marker[0] == "~" or "`" not in line[fence.end() :]:
            return [Span(0, len(line), SpanKind.FENCE)], _fence_state(marker)
    if start == 0:
        if _HEADING.match(line):
            spans.append(Span(0, len(line), SpanKind.HEADING))
        elif _RULE.match(line):
            return [Span(0, len(line), SpanKind.RULE)], NORMAL
        prefix = _QUOTE.match(line)
        if prefix:
            spans.append(Span(0, prefix.end(), SpanKind.QUOTE))
        marker = _LIST.match(line, prefix.end() if prefix else 0)
        if marker:
            spans.append(Span(marker.start(), marker.end() - marker.start(), SpanKind.LIST_MARKER))
    _inline_spans(line, start, spans)
    end_state = _comment_spans(line, start, spans)
    return spans, end_state
