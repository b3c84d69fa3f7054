"""Where the Markdown editor colours a line: spans of kinds, one line at a time.

The editor's highlighter asks for one line at a time (as Qt's QSyntaxHighlighter
does), carrying a small integer state from line to line for constructs that span
lines: fenced code and HTML comments. This is a presentation aid, not a parser: it
must be fast (it runs on every keystroke for the edited line) and forgiving; the
preview shows what Hugo really makes of the text.
"""

from __future__ import annotations

import itertools
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
# code and shortcodes (whose insides are not Markdown) come last. Each comes with the
# text it cannot match without: most lines of prose contain none of them, and a
# substring test costs a fraction of a regex scan. Where every match starts at most
# one character before that text (lead), the scan starts there too: the lookbehinds
# make each position a regex tries cost something.
_INLINE: tuple[tuple[str, bool, re.Pattern[str], SpanKind], ...] = (
    # The emphasis marks come first and look behind afterwards: a pattern that starts
    # with a literal is found by a fast scan, one that starts with a lookbehind is not.
    (
        "*",
        True,
        re.compile(r"\*(?<![*\w]\*)(?![\s*])(?:[^*\n]*?[^\s*])?\*(?!\*)"),
        SpanKind.EMPHASIS,
    ),
    (
        "_",
        True,
        re.compile(r"_(?<![_\w]_)(?![\s_])(?:[^_\n]*?[^\s_])?_(?![_\w])"),
        SpanKind.EMPHASIS,
    ),
    ("**", True, re.compile(r"\*\*(?!\s)[^\n]*?(?<!\s)\*\*"), SpanKind.STRONG),
    ("__", True, re.compile(r"__(?!\s)[^\n]*?(?<!\s)__"), SpanKind.STRONG),
    ("~~", True, re.compile(r"~~(?!\s)[^\n]*?(?<!\s)~~"), SpanKind.STRIKE),
    ("[", True, re.compile(r"!?\[[^\]\n]*\](?=[(\[])"), SpanKind.LINK_TEXT),
    ("](", True, re.compile(r"\((?<=\]\()[^)\s]*(?:\s+\"[^\"]*\")?\)"), SpanKind.URL),
    ("][", True, re.compile(r"\[(?<=\]\[)[^\]\n]*\]"), SpanKind.URL),
    ("<", True, re.compile(r"<(?:https?|mailto|ftp):[^>\s]*>"), SpanKind.URL),
    ("http", True, re.compile(r"\bhttps?://[^\s<>()]+"), SpanKind.URL),
    ("[^", True, re.compile(r"\[\^[^\]\s]+\]"), SpanKind.FOOTNOTE),
    ("<", True, re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"), SpanKind.HTML),
    ("`", True, re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)"), SpanKind.CODE),
    ("{{", True, re.compile(r"\{\{[<%].*?[%>]\}\}"), SpanKind.SHORTCODE),
)
_ANY_TRIGGER = re.compile(r"[*_~\[\]<`{]|http")
_COMMENT_START = "<!--"
_COMMENT_END = "-->"


# Fence lengths beyond this count as this long: the state must fit in a few bits
# (the editor packs two states into one int), and no writer types 200 backticks.
_MAX_FENCE = 200
# The first character a block construct can start with (after up to three spaces).
_BLOCK_STARTS = frozenset("`~#-*_=>+0123456789")


def _fence_state(marker: str) -> int:
    return FENCE_BASE + 2 * min(len(marker), _MAX_FENCE) + (1 if marker[0] == "~" else 0)


def _closes_fence(line: str, state: int) -> bool:
    match = _FENCE.match(line)
    if match is None or line[match.end() :].strip():
        return False
    marker = match.group(1)
    length, tilde = divmod(state - FENCE_BASE, 2)
    return (marker[0] == "~") == bool(tilde) and min(len(marker), _MAX_FENCE) >= length


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
    if not _ANY_TRIGGER.search(line, start):
        return
    for trigger, lead, pattern, kind in _INLINE:
        found = line.find(trigger, start)
        if found >= 0:
            for match in pattern.finditer(line, max(start, found - 1) if lead else start):
                spans.append(Span(match.start(), match.end() - match.start(), kind))


def _block_spans(line: str, first: str, spans: list[Span]) -> bool:
    """Heading, quote and list marker at the start of the line (`first` is its first
    character after indentation); True for a rule, which is the whole line alone."""
    if first not in _BLOCK_STARTS:
        return False
    if first == "#" and _HEADING.match(line):
        spans.append(Span(0, len(line), SpanKind.HEADING))
    elif first in "-*_=" and _RULE.match(line):
        spans.clear()
        spans.append(Span(0, len(line), SpanKind.RULE))
        return True
    prefix = _QUOTE.match(line) if first == ">" else None
    if prefix:
        spans.append(Span(0, prefix.end(), SpanKind.QUOTE))
    if prefix or first in "-*+0123456789":
        marker = _LIST.match(line, prefix.end() if prefix else 0)
        if marker:
            spans.append(Span(marker.start(), marker.end() - marker.start(), SpanKind.LIST_MARKER))
    return False


def line_spans(line: str, state: int = NORMAL) -> tuple[list[Span], int]:
    """The coloured spans of one line and the state the next line starts in.

    Spans may overlap; a later span wins over an earlier one where they do.
    """
    if not line:
        return [], state
    spans: list[Span] = []
    if state >= FENCE_BASE:
        if _closes_fence(line, state):
            return [Span(0, len(line), SpanKind.FENCE)], NORMAL
        return ([Span(0, len(line), SpanKind.CODE)] if line else []), state
    start = 0
    first = line.lstrip(" \t")[:1]
    if state == IN_COMMENT:
        closing = line.find(_COMMENT_END)
        if closing < 0:
            return ([Span(0, len(line), SpanKind.COMMENT)] if line else []), IN_COMMENT
        start = closing + len(_COMMENT_END)
        spans.append(Span(0, start, SpanKind.COMMENT))
    elif first in "`~" and (fence := _FENCE.match(line)):
        marker = fence.group(1)
        if marker[0] == "~" or "`" not in line[fence.end() :]:
            return [Span(0, len(line), SpanKind.FENCE)], _fence_state(marker)
    if start == 0 and first and _block_spans(line, first, spans):
        return spans, NORMAL
    _inline_spans(line, start, spans)
    end_state = _comment_spans(line, start, spans) if _COMMENT_START in line else NORMAL
    return spans, end_state


def painted(spans: list[Span]) -> list[Span]:
    """The same colouring as non-overlapping spans in order, a later span winning
    where two overlap: what Qt needs, since it merges overlapping formats instead."""
    if len(spans) < 2:
        return list(spans)
    ordered = sorted(spans, key=lambda span: span.start)
    if all(a.start + a.length <= b.start for a, b in itertools.pairwise(ordered)):
        return ordered
    end = max(span.start + span.length for span in spans)
    owner: list[int] = [-1] * end
    for index, span in enumerate(spans):
        owner[span.start : span.start + span.length] = [index] * span.length
    result: list[Span] = []
    run_start = 0
    for position in range(1, end + 1):
        if position == end or owner[position] != owner[run_start]:
            if owner[run_start] >= 0:
                kind = spans[owner[run_start]].kind
                result.append(Span(run_start, position - run_start, kind))
            run_start = position
    return result
