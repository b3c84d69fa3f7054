"""Incremental Markdown rendering: re-render only the top-level blocks an edit touches.

The preview re-renders the post on every keystroke; parsing a 1 MB post from scratch
takes seconds, most of it spent on blocks the keystroke did not touch. A top-level
block's HTML depends only on its own lines plus a little document-wide state (link
reference definitions, footnote labels and numbers, heading-id dedup, its line
number), so `IncrementalMarkdown` keeps every block's tokens and HTML, re-parses the
blocks around the changed lines, recomputes the document-wide state, and re-renders
only the blocks whose output that state changes.

Block boundaries can move: an unclosed fence or HTML block swallows what follows, a
line joins the paragraph above it lazily, a `---` turns a paragraph into a heading.
So the re-parse starts two blocks above the change (a block's end is decided by the
first line of the block after it, so nothing above that point sees the edit) and
stops where the new parse starts a block on the same line as an old, untouched block
(from there on both parses start from a clean state on the same lines). Whenever the
incremental path cannot show its result is right it parses the whole text again;
tests compare every result with `render_markdown` after random edit sequences.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import chain
from typing import Any

from postedit.render.config import DEFAULT_MARKUP, MarkupConfig
from postedit.render.incremental_blocks import (
    Block,
    BlockParser,
    RefDef,
    effective_references,
    footnotes_env,
    references_env,
)
from postedit.render.incremental_diff import LineChange, normalized, source_lines, text_change
from postedit.render.incremental_ids import assign_ids, copy_ids
from postedit.render.markdown import Heading, RenderedMarkdown, render_markdown

# The re-parse starts this many blocks above the block the change is in.
_BLOCKS_BEFORE = 2


@dataclass
class _Placed:
    """A block where it is in the current text."""

    start: int
    block: Block
    joined_at: int = -1  # the start its HTML was last joined for; -1: not since rendering

    @property
    def end(self) -> int:
        return self.start + self.block.lines


class _Keep:
    """The default of `render(line_of=...)`: keep the current line map."""


_KEEP = _Keep()


class _Unsure(Exception):
    """The incremental path cannot show its result equals a full render."""


class IncrementalMarkdown:
    """`render_markdown` for a text that changes a little between calls.

    One instance per open post. `render(text)` always returns exactly what
    `render_markdown(text, config, preview=preview, line_of=line_of)` returns.
    """

    def __init__(
        self,
        config: MarkupConfig = DEFAULT_MARKUP,
        *,
        preview: bool = False,
        line_of: Callable[[int], int] | None = None,
    ) -> None:
        self._config = config
        self._preview = preview
        self._user_line_of = line_of
        self._parser = BlockParser(config, preview=preview)
        self._line_of: Callable[[int], int] = line_of or _same_line
        self._relink = False  # line_of changed: join every block's line numbers again
        # The last text, normalised as markdown-it does; None: nothing to build on.
        self._source: str | None = None
        self._lines: list[str] = []  # its lines
        self._blocks: list[_Placed] = []
        self._pieces: list[str] = []  # each block's HTML, joined at its place
        self._heads: list[tuple[Heading, ...]] = []  # each block's headings, at its place
        self._needs_full_render = False
        self._refdefs: list[RefDef] = []  # every definition, in document order
        self._references: dict[str, RefDef] = {}
        self._note_counts: Counter[str] = Counter()  # footnote label -> definitions
        self._numbering: dict[int, dict[str, Any]] = {}  # env["footnotes"]["list"]
        self._refs_env: dict[str, Any] = {}
        self._notes_env: dict[str, int] = {}
        self._tail = ""
        self._tail_dirty = True
        self._opaque = False  # the last text needed a full render (Block.unsupported)
        self._result = RenderedMarkdown("", ())
        self.full_parses = 0  # how often the whole text was parsed (tests, benchmarks)

    def render(
        self,
        text: str,
        *,
        preview: bool | None = None,
        line_of: Callable[[int], int] | _Keep | None = _KEEP,
    ) -> RenderedMarkdown:
        """The rendering of `text`, re-parsing only what changed since the last call.

        `preview` and `line_of` let `render` stand in for `render_markdown` where a
        caller passes them per call (`render_post(markdown=...)`): a `line_of` other
        than the current one replaces it, and every block's line numbers are joined
        afresh (no re-parse); a `preview` other than the instance's renders in full.
        """
        if preview is not None and preview != self._preview:
            kept = self._user_line_of if isinstance(line_of, _Keep) else line_of
            return render_markdown(text, self._config, preview=preview, line_of=kept)
        if not isinstance(line_of, _Keep) and line_of is not self._user_line_of:
            self._user_line_of = line_of
            self._line_of = line_of or _same_line
            self._relink = True
        source = normalized(text)
        if self._opaque:
            if "[^" in text:
                # Footnotes this module cannot place (see Block.unsupported) were here
                # the last time; until the text has no footnote syntax, render it whole.
                return self._full_render(text)
            self._opaque = False
            self._source = None
        relink, self._relink = self._relink, False
        dirty: range | None = None  # the blocks to join again; None: look at all
        if self._source is None:
            lines = source_lines(source)
            self._rebuild(lines)
        else:
            found = text_change(self._source, self._lines, source)
            if found is None:
                if not relink:
                    return self._result
                lines = self._lines
            else:
                change, lines = found
                try:
                    dirty = self._update(lines, change)
                except _Unsure:
                    self._rebuild(lines)
                    dirty = None
        if self._needs_full_render:
            return self._full_render(text)
        if relink:
            for placed in self._blocks:
                placed.joined_at = -1
            self._tail_dirty = True
            dirty = None
        self._source, self._lines = source, lines
        self._result = self._assemble(dirty)
        return self._result

    def _full_render(self, text: str) -> RenderedMarkdown:
        self._opaque = True
        self._needs_full_render = False
        self._source = None
        self._blocks, self._pieces, self._heads = [], [], []
        self._result = render_markdown(
            text, self._config, preview=self._preview, line_of=self._user_line_of
        )
        return self._result

    # -- the whole text ---------------------------------------------------------------

    def _rebuild(self, lines: list[str]) -> None:
        self.full_parses += 1
        parsed, refdefs = self._parser.parse(lines, 0, len(lines))
        self._refdefs = refdefs
        self._references = effective_references(refdefs)
        self._refs_env = references_env(self._references)
        self._note_counts = Counter(label for _, block in parsed for label in block.note_labels)
        self._notes_env = footnotes_env(self._note_counts)
        self._blocks = [_Placed(start, block) for start, block in parsed]
        self._pieces = [""] * len(self._blocks)
        self._heads = [()] * len(self._blocks)
        for placed in self._blocks:
            self._parser.finish(placed.block, self._refs_env, self._notes_env)
        self._needs_full_render = any(placed.block.unsupported for placed in self._blocks)
        self._number_headings(set())
        self._number_notes(set())
        for placed in self._blocks:
            self._parser.render(placed.block)
        self._tail_dirty = True

    # -- one edit ---------------------------------------------------------------------

    def _update(self, lines: list[str], change: LineChange) -> range | None:
        """Re-parse around `change`; the blocks whose HTML must be joined again."""
        blocks = self._blocks
        first = _first_ending_after(blocks, change.start)
        restart_index = max(0, first - _BLOCKS_BEFORE)
        restart = blocks[restart_index].start if restart_index else 0
        resume_index, parsed, refdefs = self._reparse(lines, change, restart)
        old = blocks[restart_index:resume_index]
        old_end = blocks[resume_index].start if resume_index < len(blocks) else None
        tail = blocks[resume_index:]
        if change.delta:
            for placed in tail:
                placed.start += change.delta
        fresh = [_Placed(start, block) for start, block in parsed]
        self._blocks = blocks[:restart_index] + fresh + tail
        self._pieces[restart_index:resume_index] = [""] * len(fresh)
        self._heads[restart_index:resume_index] = [()] * len(fresh)

        # Link reference definitions: the ones in the re-parsed lines are replaced.
        before = [d for d in self._refdefs if d.line < restart]
        rest = self._refdefs[len(before) :]
        inside = [d for d in rest if old_end is None or d.line < old_end]
        after = self._refdefs[len(before) + len(inside) :]
        if change.delta:
            after = [d.moved(change.delta) for d in after]
        self._refdefs = before + refdefs + after
        changed_refs: set[str] = set()
        if [d[1:] for d in inside] != [d[1:] for d in refdefs]:
            references = effective_references(self._refdefs)
            changed_refs = _changed_labels(self._references, references)
            self._references = references
            if changed_refs:
                self._refs_env = references_env(references)
        elif change.delta:
            # Same definitions, moved: the first per label is still the first.
            self._references = effective_references(self._refdefs)

        # Footnote definitions: which labels exist anywhere in the document.
        had = set(self._note_counts)
        for placed in old:
            self._note_counts.subtract(placed.block.note_labels)
        for placed in fresh:
            self._note_counts.update(placed.block.note_labels)
        self._note_counts = +self._note_counts
        changed_notes = had ^ set(self._note_counts)
        if changed_notes:
            self._notes_env = footnotes_env(self._note_counts)

        touched = {id(placed) for placed in fresh}
        for placed in fresh:
            self._parser.finish(placed.block, self._refs_env, self._notes_env)
        pairs = (
            self._refinish(lines, changed_refs, changed_notes, touched)
            if changed_refs or changed_notes
            else []
        )

        # Equal keys in equal order (region, and each block parsed again) give equal
        # ids and footnote numbers; otherwise the document-wide pass runs.
        groups = [([a], [b]) for a, b in pairs]
        groups.append(([p.block for p in old], [p.block for p in fresh]))
        if all(_keys(a, "id_keys") == _keys(b, "id_keys") for a, b in groups):
            for a, b in groups:
                copy_ids([s for x in a for s in x.id_slots], [s for x in b for s in x.id_slots])
        else:
            self._number_headings(touched)
        if all(_keys(a, "note_sequence") == _keys(b, "note_sequence") for a, b in groups):
            for a, b in groups:
                _copy_note_numbers(a, b)
            notes_moved = any(x.notes for a, b in groups for x in a + b)
            if changed_notes or notes_moved:
                self._tail_dirty = True  # the definitions the list shows changed
            elif change.delta and self._numbering and self._preview:
                self._tail_dirty = True  # their line numbers moved
        else:
            self._number_notes(touched)
            self._tail_dirty = True
        self._needs_full_render = (
            any(placed.block.unsupported for placed in self._blocks if id(placed) in touched)
            if len(touched) > len(fresh)
            else any(placed.block.unsupported for placed in fresh)
        )
        if len(touched) > len(fresh):
            for placed in self._blocks:
                if id(placed) in touched:
                    self._parser.render(placed.block)
                    placed.joined_at = -1
            return None
        for placed in fresh:
            self._parser.render(placed.block)
        stop = len(self._blocks) if change.delta else restart_index + len(fresh)
        return range(restart_index, stop)

    def _reparse(
        self, lines: list[str], change: LineChange, restart: int
    ) -> tuple[int, list[tuple[int, Block]], list[RefDef]]:
        """Parse from `restart` until the new blocks line up with old, untouched ones.

        Returns the index of the first old block kept, the new blocks before it (with
        their first lines) and the link reference definitions in the new lines.
        """
        blocks = self._blocks
        delta = change.delta
        resume = _first_starting_at(blocks, change.old_end)
        step = 1
        while resume < len(blocks):
            # One block past the candidate is parsed too, so the parser decides where
            # the block above the candidate ends with the lookahead it has in the text.
            stop_index = min(resume + step, len(blocks))
            stop = blocks[stop_index].start + delta if stop_index < len(blocks) else len(lines)
            parsed, refdefs = self._parser.parse(lines, restart, stop)
            target = blocks[resume].start + delta
            for index, (start, _) in enumerate(parsed):
                if start == target:
                    return resume, parsed[:index], [d for d in refdefs if d.line < target]
                if start > target:
                    break
            resume = stop_index
            step *= 2
        parsed, refdefs = self._parser.parse(lines, restart, len(lines))
        return len(blocks), parsed, refdefs

    def _refinish(
        self, lines: list[str], refs: set[str], notes: set[str], touched: set[int]
    ) -> list[tuple[Block, Block]]:
        """Parse again the blocks whose links or footnote references looked up a label
        whose definition changed; each such block before and after."""
        pairs: list[tuple[Block, Block]] = []
        for placed in self._blocks:
            block = placed.block
            if id(placed) in touched or not (
                block.ref_lookups & refs or block.note_lookups & notes
            ):
                continue
            parsed, _ = self._parser.parse(lines, placed.start, placed.end)
            if len(parsed) != 1 or parsed[0][1].lines != block.lines:
                raise _Unsure("a block parses differently on its own")
            pairs.append((block, parsed[0][1]))
            placed.block = parsed[0][1]
            self._parser.finish(placed.block, self._refs_env, self._notes_env)
            touched.add(id(placed))
        return pairs

    def _number_headings(self, touched: set[int]) -> None:
        """Give every heading its document-wide unique id; mark blocks whose ids moved."""
        slots = [slot for placed in self._blocks for slot in placed.block.id_slots]
        changed = {id(slot) for slot in assign_ids(slots, self._config)}
        if changed:
            for placed in self._blocks:
                if any(id(slot) in changed for slot in placed.block.id_slots):
                    touched.add(id(placed))

    def _number_notes(self, touched: set[int]) -> None:
        """Number footnote references by first use, as mdit-py-plugins does while parsing."""
        numbers: dict[str, int] = {}
        numbering: dict[int, dict[str, Any]] = {}
        for placed in self._blocks:
            moved = False
            for token in placed.block.note_refs:
                label = str(token.meta["label"])
                number = numbers.setdefault(label, len(numbers))
                entry = numbering.setdefault(number, {"label": label, "count": 0})
                if token.meta["id"] != number or token.meta["subId"] != entry["count"]:
                    token.meta["id"] = number
                    token.meta["subId"] = entry["count"]
                    moved = True
                entry["count"] += 1
            if moved:
                touched.add(id(placed))
        self._numbering = numbering

    # -- result -----------------------------------------------------------------------

    def _assemble(self, dirty: range | None) -> RenderedMarkdown:
        """Join the blocks' HTML; `dirty` are the blocks that moved or changed."""
        line_of = self._line_of
        fast_line_of = None if line_of is _same_line else line_of
        blocks, pieces, heads = self._blocks, self._pieces, self._heads
        for index in range(len(blocks)) if dirty is None else dirty:
            placed = blocks[index]
            if placed.joined_at == placed.start:
                continue
            block = placed.block
            pieces[index] = block.html_at(placed.start, fast_line_of)
            if block.headings or heads[index]:
                heads[index] = tuple(
                    heading._replace(line=line_of(heading.line + placed.start))
                    for heading in block.headings
                )
            placed.joined_at = placed.start
        if self._tail_dirty:
            notes = [(p.start, note) for p in blocks if p.block.notes for note in p.block.notes]
            self._tail = self._parser.footnote_tail_html(notes, self._numbering, line_of)
            self._tail_dirty = False
        html = "".join(pieces) + self._tail
        return RenderedMarkdown(html, tuple(chain.from_iterable(heads)))


def _same_line(line: int) -> int:
    return line


def _first_ending_after(blocks: list[_Placed], line: int) -> int:
    """Index of the first block that ends after `line` (len(blocks) when none does)."""
    low, high = 0, len(blocks)
    while low < high:
        middle = (low + high) // 2
        if blocks[middle].end <= line:
            low = middle + 1
        else:
            high = middle
    return low


def _first_starting_at(blocks: list[_Placed], line: int) -> int:
    """Index of the first block that starts at or after `line`."""
    low, high = 0, len(blocks)
    while low < high:
        middle = (low + high) // 2
        if blocks[middle].start < line:
            low = middle + 1
        else:
            high = middle
    return low


def _changed_labels(old: dict[str, RefDef], new: dict[str, RefDef]) -> set[str]:
    """Labels defined on one side only, or to a different destination or title."""
    return {
        label
        for label in old.keys() | new.keys()
        if label not in old or label not in new or old[label][2:] != new[label][2:]
    }


def _keys(blocks: Iterable[Block], attribute: str) -> list[object]:
    return [key for block in blocks for key in getattr(block, attribute)]


def _copy_note_numbers(was: list[Block], now: list[Block]) -> None:
    """Same footnote labels in the same order get the same numbers."""
    numbers = [(t.meta["id"], t.meta["subId"]) for block in was for t in block.note_refs]
    refs = [token for block in now for token in block.note_refs]
    for token, (number, sub) in zip(refs, numbers, strict=True):
        token.meta["id"] = number
        token.meta["subId"] = sub
