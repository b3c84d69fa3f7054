"""Two versions of a post side by side: which front-matter fields and lines differ.

Used when the post changed on disk while the writer had unsaved edits, and when a
recovered text meets a file that changed since. Fields are compared as values
(reading each side with `Document.from_text`), so a re-indented list is not a
difference but a changed title is; each value is shown as short, readable text.
Lines are compared over the whole text (front matter and body) with
`difflib.SequenceMatcher` (exact for ordinary posts; see EXACT_LINE_LIMIT for how
huge texts stay fast).

Lines are split on line ends only (LF, CRLF, lone CR), not on the form feeds and
Unicode separators `str.splitlines` also breaks on, so line numbers agree with the
editor's; a text ending with a line end has a last, empty line, as in an editor.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from difflib import SequenceMatcher
from typing import Any, Literal

from postedit.core.document import Document, DocumentError
from postedit.core.values import same_value

__all__ = [
    "Comparison",
    "FieldDifference",
    "LineBlock",
    "compare_lines",
    "compare_texts",
    "show_value",
    "split_text_lines",
]

# Above this many lines to compare (after the common start and end are set aside),
# SequenceMatcher's exact search could take seconds on a 1 MB post: the range is then
# cut at lines unique on both sides (see `_diff`), and a piece still this large
# ignores very frequent lines (blank lines, `---`) when looking for matches. The
# blocks still turn one text into the other exactly; they may just be coarser.
EXACT_LINE_LIMIT = 4000

_LINE_END = re.compile(r"\r\n|\r|\n")
_FLOW_PLAIN = re.compile(r"[^\s,:{}\[\]\"'#&*!|>%@`][^,:{}\[\]\"'#]*")

Tag = Literal["equal", "replace", "delete", "insert"]


@dataclass(frozen=True)
class FieldDifference:
    """One front-matter field that differs; None where a side does not have it."""

    key: str
    mine: str | None
    theirs: str | None


@dataclass(frozen=True)
class LineBlock:
    """A run of lines: equal on both sides, or replaced, deleted or inserted."""

    tag: Tag
    mine: range
    theirs: range


@dataclass(frozen=True)
class Comparison:
    """How two versions of a post differ."""

    fields: tuple[FieldDifference, ...]
    lines: tuple[LineBlock, ...]
    front_matter_readable: bool

    @property
    def identical(self) -> bool:
        """Whether nothing differs, field or line (line-end style aside)."""
        return not self.fields and all(block.tag == "equal" for block in self.lines)

    @property
    def differences(self) -> int:
        """How many places in the text differ (runs of changed lines).

        Fields are not added: a changed field is also a changed line.
        """
        return sum(block.tag != "equal" for block in self.lines)


def split_text_lines(text: str) -> list[str]:
    """The lines of `text` as an editor shows them (see the module docstring)."""
    return _LINE_END.split(text)


Opcode = tuple[Tag, int, int, int, int]


def compare_lines(mine: Sequence[str], theirs: Sequence[str]) -> tuple[LineBlock, ...]:
    """Blocks that turn `mine` into `theirs`, covering both sequences in order."""
    start = 0
    limit = min(len(mine), len(theirs))
    while start < limit and mine[start] == theirs[start]:
        start += 1
    end = 0
    while end < limit - start and mine[-1 - end] == theirs[-1 - end]:
        end += 1
    opcodes: list[Opcode] = [("equal", 0, start, 0, start)]
    opcodes += _diff(mine, theirs, start, len(mine) - end, start, len(theirs) - end)
    opcodes.append(("equal", len(mine) - end, len(mine), len(theirs) - end, len(theirs)))
    merged: list[Opcode] = []
    for opcode in opcodes:
        tag, i1, i2, j1, j2 = opcode
        if i1 == i2 and j1 == j2:
            continue
        if merged and tag == "equal" and merged[-1][0] == "equal":
            merged[-1] = ("equal", merged[-1][1], i2, merged[-1][3], j2)
        else:
            merged.append(opcode)
    return tuple(LineBlock(tag, range(i1, i2), range(j1, j2)) for tag, i1, i2, j1, j2 in merged)


def _diff(
    mine: Sequence[str], theirs: Sequence[str], i1: int, i2: int, j1: int, j2: int
) -> list[Opcode]:
    """Opcodes for mine[i1:i2] against theirs[j1:j2], in absolute line numbers.

    Small ranges get SequenceMatcher's exact search. Large ones are first cut at
    lines that occur once on each side and in the same order (as patience diff
    does), and each piece between those anchors is compared on its own; a piece
    still too large ignores very frequent lines when looking for matches.
    """
    if i2 - i1 + j2 - j1 > EXACT_LINE_LIMIT:
        anchors = _unique_anchors(mine, theirs, i1, i2, j1, j2)
        if anchors:
            opcodes: list[Opcode] = []
            last_i, last_j = i1, j1
            for i, j in anchors:
                opcodes += _match(mine, theirs, last_i, i, last_j, j)
                opcodes.append(("equal", i, i + 1, j, j + 1))
                last_i, last_j = i + 1, j + 1
            opcodes += _match(mine, theirs, last_i, i2, last_j, j2)
            return opcodes
    return _match(mine, theirs, i1, i2, j1, j2)


def _match(
    mine: Sequence[str], theirs: Sequence[str], i1: int, i2: int, j1: int, j2: int
) -> list[Opcode]:
    if i1 == i2 and j1 == j2:
        return []
    exact = i2 - i1 + j2 - j1 <= EXACT_LINE_LIMIT
    matcher = SequenceMatcher(None, mine[i1:i2], theirs[j1:j2], autojunk=not exact)
    return [
        (tag, i1 + a1, i1 + a2, j1 + b1, j1 + b2) for tag, a1, a2, b1, b2 in matcher.get_opcodes()
    ]


def _unique_anchors(
    mine: Sequence[str], theirs: Sequence[str], i1: int, i2: int, j1: int, j2: int
) -> list[tuple[int, int]]:
    """Pairs of lines unique on both sides, the longest run increasing on both sides."""
    counts_mine: dict[str, int] = {}
    for line in mine[i1:i2]:
        counts_mine[line] = counts_mine.get(line, 0) + 1
    where_theirs: dict[str, int] = {}
    counts_theirs: dict[str, int] = {}
    for j in range(j1, j2):
        line = theirs[j]
        counts_theirs[line] = counts_theirs.get(line, 0) + 1
        where_theirs[line] = j
    pairs = [
        (i, where_theirs[mine[i]])
        for i in range(i1, i2)
        if counts_mine[mine[i]] == 1 and counts_theirs.get(mine[i]) == 1
    ]
    # Longest increasing subsequence of the `theirs` positions (patience sorting).
    tails: list[int] = []  # index into pairs of the smallest tail of each length
    previous: list[int] = [-1] * len(pairs)
    for index, (_, j) in enumerate(pairs):
        low = _bisect(pairs, tails, j)
        if low:
            previous[index] = tails[low - 1]
        if low == len(tails):
            tails.append(index)
        else:
            tails[low] = index
    chain: list[tuple[int, int]] = []
    index = tails[-1] if tails else -1
    while index >= 0:
        chain.append(pairs[index])
        index = previous[index]
    chain.reverse()
    return chain


def _bisect(pairs: Sequence[tuple[int, int]], tails: Sequence[int], j: int) -> int:
    """The first place in `tails` whose pair's `theirs` position is not below `j`."""
    low, high = 0, len(tails)
    while low < high:
        middle = (low + high) // 2
        if pairs[tails[middle]][1] < j:
            low = middle + 1
        else:
            high = middle
    return low


def _flow(value: Any) -> str:
    """A value inside a list or map, in YAML flow style."""
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_flow(key)}: {_flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    if isinstance(value, str):
        plain = _FLOW_PLAIN.fullmatch(value) and value == value.strip()
        return value if plain else json.dumps(value, ensure_ascii=False)
    return show_value(value)


def show_value(value: Any) -> str:
    """A front-matter value as short text a writer reads at a glance.

    Strings as they are, dates in ISO form, lists of plain values joined with
    commas, anything nested in compact YAML flow style.
    """
    if value is None:
        return "(empty)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        if value and not any(isinstance(item, Mapping | list | tuple) for item in value):
            return ", ".join(_flow(item) for item in value)
        return _flow(value)
    if isinstance(value, Mapping):
        return _flow(value)
    return str(value)


def _field_differences(mine: Document, theirs: Document) -> tuple[FieldDifference, ...]:
    ours, others = mine.front_matter, theirs.front_matter
    keys = list(ours) + [key for key in others if key not in ours]
    differences: list[FieldDifference] = []
    for key in keys:
        present_mine, present_theirs = key in ours, key in others
        if present_mine and present_theirs and same_value(ours[key], others[key]):
            continue
        differences.append(
            FieldDifference(
                key,
                show_value(ours[key]) if present_mine else None,
                show_value(others[key]) if present_theirs else None,
            )
        )
    return tuple(differences)


def compare_texts(mine: str, theirs: str) -> Comparison:
    """Compare two whole post texts: their front-matter fields and their lines."""
    lines = compare_lines(split_text_lines(mine), split_text_lines(theirs))
    mine_document, theirs_document = _read(mine), _read(theirs)
    if mine_document is None or theirs_document is None:
        return Comparison((), lines, False)
    readable = (
        mine_document.front_matter_error is None and theirs_document.front_matter_error is None
    )
    fields = _field_differences(mine_document, theirs_document) if readable else ()
    return Comparison(fields, lines, readable)


def _read(text: str) -> Document | None:
    """The post `text` holds, or None when it is not text a post can be (NUL bytes...)."""
    try:
        return Document.from_text(text)
    except (DocumentError, UnicodeEncodeError):
        return None
