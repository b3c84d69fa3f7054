"""Which lines an edit touched: the common prefix and suffix of two texts, in lines.

The incremental renderer is handed the whole new text on every keystroke, not the
edit, so it recovers the edit by comparing the new text with the previous one.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_NEWLINES = re.compile(r"\r\n?")


def source_lines(text: str) -> list[str]:
    """The lines markdown-it numbers: after its normalisation of line ends and NULs.

    `str.splitlines` also breaks at form feeds and U+2028, which markdown-it does not,
    so line numbers would drift; this splits exactly where markdown-it counts a line.
    """
    return normalized(text).split("\n")


class LineChange(NamedTuple):
    """Old lines `[start, old_end)` became new lines `[start, new_end)`."""

    start: int
    old_end: int
    new_end: int

    @property
    def delta(self) -> int:
        """How many lines the edit added (negative when it removed lines)."""
        return self.new_end - self.old_end


def normalized(text: str) -> str:
    """`text` as markdown-it parses it: `\\r\\n` and `\\r` as `\\n`, NUL as U+FFFD."""
    if "\r" in text:
        text = _NEWLINES.sub("\n", text)
    if "\0" in text:
        text = text.replace("\0", "\ufffd")
    return text


# Comparing growing slices finds the first difference at memcmp speed, copying about
# twice the common part: a keystroke in a 1 MB post must not cost a Python loop per line.
_FIRST_CHUNK = 4096


def _common_prefix(old: str, new: str, limit: int) -> int:
    """Length of the longest common prefix, at most `limit`."""
    low, size = 0, _FIRST_CHUNK
    while low < limit:
        high = min(low + size, limit)
        if old[low:high] != new[low:high]:
            break
        low, size = high, size * 2
    else:
        return limit
    while high - low > 1:  # old[:low] == new[:low]; the difference is before `high`
        middle = (low + high) // 2
        if old[low:middle] == new[low:middle]:
            low = middle
        else:
            high = middle
    return low if old[low] != new[low] else high


def _common_suffix(old: str, new: str, limit: int) -> int:
    """Length of the longest common suffix, at most `limit`."""
    end_old, end_new = len(old), len(new)
    low, size = 0, _FIRST_CHUNK
    while low < limit:
        high = min(low + size, limit)
        if old[end_old - high : end_old - low] != new[end_new - high : end_new - low]:
            break
        low, size = high, size * 2
    else:
        return limit
    while high - low > 1:  # the last `low` characters agree; the difference is within `high`
        middle = (low + high) // 2
        if old[end_old - middle : end_old - low] == new[end_new - middle : end_new - low]:
            low = middle
        else:
            high = middle
    return low if old[end_old - high] != new[end_new - high] else high


def text_change(old: str, old_lines: list[str], new: str) -> tuple[LineChange, list[str]] | None:
    """The lines that differ between two normalised texts, and the new text's lines.

    `old_lines` are `old`'s lines; the new lines reuse them outside the change, so
    a small edit costs little more than a few comparisons of the whole text.
    """
    if old == new:
        return None
    limit = min(len(old), len(new))
    prefix = _common_prefix(old, new, limit)
    suffix = _common_suffix(old, new, limit - prefix)
    first = old.count("\n", 0, prefix)
    old_end = first + old.count("\n", prefix, len(old) - suffix) + 1
    new_after = new.count("\n", prefix, len(new) - suffix)
    line_start = new.rfind("\n", 0, prefix) + 1
    line_stop = new.find("\n", len(new) - suffix)
    middle = new[line_start : len(new) if line_stop < 0 else line_stop].split("\n")
    assert len(middle) == new_after + 1
    lines = old_lines[:first] + middle + old_lines[old_end:]
    return LineChange(first, old_end, first + len(middle)), lines
