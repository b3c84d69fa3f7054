"""The preview's content as top-level blocks, so an update replaces only the changed ones.

A keystroke in a 1 MB post changes one paragraph of its HTML. Re-laying out the
whole article in the page, or even scanning all of the HTML on the GUI thread to
find that paragraph, would make every keystroke cost the whole post. So the render
worker splits each rendering into top-level blocks, starting from the blocks of the
rendering before: blocks that reappear unchanged at the start and the end of the
new HTML are kept (the same string objects), and only the changed region between
them is scanned for block boundaries. The GUI thread then needs nothing but the
patch (or, when it shows some other rendering, a comparison of block strings).
No Qt here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from typing import NamedTuple

_TAG = re.compile(
    r"<(?:!--.*?-->|(/?)([a-zA-Z][a-zA-Z0-9:-]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(/?)>)", re.S
)
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)
_RAW_TEXT = frozenset({"script", "style", "textarea", "title"})
_DATA_LINE = re.compile(r' data-line="(\d+)"')


def block_starts(content: str, start: int = 0, end: int | None = None) -> list[int] | None:
    """Offsets where the top-level blocks of `content[start:end]` begin (`start` first).

    A block is one top-level element or comment with the whitespace after it, so
    the blocks join back into the text. None when the range does not close every
    element it opens (unbalanced raw HTML): then it cannot be split safely.
    """
    end = len(content) if end is None else end
    starts = [start] if start < end else []
    depth = 0
    position = start
    while position < end:
        match = _TAG.search(content, position, end)
        if match is None:
            break
        closing, name, self_closing = match.group(1, 2, 3)
        position = match.end()
        if name is not None:
            name = name.lower()
            if closing:
                depth -= 1
            elif name in _RAW_TEXT:
                close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(content, position, end)
                if close is None:
                    return None
                position = close.end()
            elif name not in _VOID and not self_closing:
                depth += 1
                continue
        if depth < 0:
            return None
        if depth == 0:
            while position < end and content[position] in " \t\r\n":
                position += 1
            if position < end:
                starts.append(position)
    return starts if depth == 0 else None


def split_blocks(content: str) -> tuple[str, ...]:
    """`content` as top-level blocks; one block when unbalanced HTML allows no split."""
    starts = block_starts(content)
    if starts is None:
        return (content,) if content else ()
    return tuple(content[start:end] for start, end in pairwise([*starts, len(content)]))


class BlockPatch(NamedTuple):
    """Keep `head` blocks and `tail` blocks, put `blocks` between them.

    `shift` is added to every `data-line` in the kept tail: lines typed or deleted
    above a block move it without changing anything else about it.
    """

    head: int
    tail: int
    blocks: tuple[str, ...]
    shift: int = 0


def shift_lines(block: str, shift: int) -> str:
    """`block` with every `data-line` moved by `shift`: what the page does to a kept block."""
    return _DATA_LINE.sub(lambda match: f' data-line="{int(match[1]) + shift}"', block)


def _last_data_line(text: str, start: int = 0) -> int | None:
    """The last `data-line` in `text[start:]` (None when there is none)."""
    found = text.rfind(' data-line="', start)
    match = _DATA_LINE.match(text, found) if found >= 0 else None
    return int(match[1]) if match else None


def _last_block_line(blocks: Sequence[str]) -> int | None:
    """The last `data-line` in the joined `blocks` (None when there is none)."""
    for block in reversed(blocks):
        line = _last_data_line(block)
        if line is not None:
            return line
    return None


def diff_blocks(old: Sequence[str], new: str) -> tuple[BlockPatch, tuple[str, ...]] | None:
    """The smallest run of whole blocks that turns the `old` blocks into `new`, and
    the blocks of `new` (the kept ones are `old`'s own strings when not shifted).

    Costs a string comparison per kept block plus a scan of the changed region,
    so a keystroke in a 1 MB post scans a paragraph. A new line keeps the blocks
    below it too, their `data-line` shifted. None when the changed region cannot
    be split (unbalanced raw HTML): split the whole text instead.
    """
    position = 0
    head = 0
    for block in old:
        if not new.startswith(block, position):
            break
        position += len(block)
        head += 1
    rest = old[head:]
    end, tail = len(new), 0
    for block in reversed(rest):
        if end - len(block) < position or not new.endswith(block, position, end):
            break
        end -= len(block)
        tail += 1
    kept: Sequence[str] = rest[len(rest) - tail :]
    old_line = _last_block_line(rest)
    new_line = _last_data_line(new, position) if old_line is not None else None
    shift = 0
    if old_line is not None and new_line is not None and new_line != old_line:
        shifted_end, shifted = len(new), []
        for block in reversed(rest):
            moved = shift_lines(block, new_line - old_line)
            if shifted_end - len(moved) < position or not new.endswith(
                moved, position, shifted_end
            ):
                break
            shifted_end -= len(moved)
            shifted.append(moved)
        if len(shifted) > tail:
            end, tail, shift = shifted_end, len(shifted), new_line - old_line
            kept = shifted[::-1]
    starts = block_starts(new, position, end)
    if starts is None:
        return None
    middle = tuple(new[start:stop] for start, stop in pairwise([*starts, end]))
    return BlockPatch(head, tail, middle, shift), (*old[:head], *middle, *kept)


class ContentBlocks(NamedTuple):
    """One rendering's content as blocks, and how it differs from the one before."""

    blocks: tuple[str, ...]  # "".join(blocks) is the content
    previous: tuple[str, ...] | None  # the blocks `patch` starts from
    patch: BlockPatch | None  # None: nothing to start from, or no safe split


class BlockSplitter:
    """Splits the successive renderings of one post, each from the one before.

    One per open post, used by one render at a time (the render worker's).
    """

    def __init__(self) -> None:
        self._blocks: tuple[str, ...] | None = None

    def split(self, content: str) -> ContentBlocks:
        """`content`'s blocks, found by comparing it with the last content split."""
        previous = self._blocks
        found = diff_blocks(previous, content) if previous is not None else None
        if found is None:
            self._blocks = split_blocks(content)
            return ContentBlocks(self._blocks, None, None)
        patch, self._blocks = found
        return ContentBlocks(self._blocks, previous, patch)


def compare_blocks(old: Sequence[str], new: Sequence[str]) -> BlockPatch:
    """The patch from `old` to `new` by comparing block strings (no line shifts).

    For when the page shows some other rendering than the one `new` was split
    from; kept blocks are mostly the same string objects, so this is cheap.
    """
    head = 0
    limit = min(len(old), len(new))
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[len(old) - 1 - tail] == new[len(new) - 1 - tail]:
        tail += 1
    return BlockPatch(head, tail, tuple(new[head : len(new) - tail]))
