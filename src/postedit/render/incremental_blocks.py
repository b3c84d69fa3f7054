"""One top-level block at a time through `render/markdown.py`'s pipeline.

`render_markdown` parses a whole document; the incremental renderer needs the same
steps cut at block boundaries: block-parse a range of lines, then run the per-block
core rules and render each top-level block on its own, with the document-wide state
(link references, footnote labels and numbers, heading ids, line numbers) supplied
from outside. This module does those cuts, reusing markdown.py's parser, rules and
helpers, and records what each block looked up so the caller knows what to redo when
that state changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, cast

from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.footnote.index import footnote_tail

from postedit.render.config import MarkupConfig
from postedit.render.incremental_ids import IdSlot, id_slots
from postedit.render.markdown import (
    Heading,
    add_data_lines,
    inline_renderer,
    markdown_parser,
    per_block_core_rules,
)
from postedit.render.md.block_attributes import TOKEN as ATTRIBUTES_TOKEN
from postedit.render.md.headings import toc_title

# Line numbers are rendered as these markers and filled in when blocks are joined, so
# a block that moves keeps its HTML. NUL never reaches the HTML from the source:
# markdown-it turns it into U+FFFD before parsing.
_MARKER = re.compile("\x00(\\d+)\x01")


class RefDef(NamedTuple):
    """A link reference definition and the line it starts on."""

    line: int
    label: str  # normalised, as markdown-it keys `env["references"]`
    href: str
    title: str

    def moved(self, delta: int) -> RefDef:
        return self._replace(line=self.line + delta)


def effective_references(defs: Iterable[RefDef]) -> dict[str, RefDef]:
    """The definition that counts for each label: the first of `defs` (document order)."""
    found: dict[str, RefDef] = {}
    for definition in defs:
        found.setdefault(definition.label, definition)
    return found


class _Lookups:
    """A read-mostly view of a lookup table that remembers which keys were asked for.

    A block's links depend on the definitions of the labels they looked up, present
    or not; knowing which those were tells which blocks a changed definition touches.
    Writes (the footnote rule numbers labels as it meets them) stay in this view.
    Always true, so the footnote rule looks labels up even when none is defined.
    """

    def __init__(self, base: Mapping[str, Any]) -> None:
        self._base = base
        self._written: dict[str, Any] = {}
        self.asked: set[str] = set()

    def __bool__(self) -> bool:
        return True

    def __contains__(self, key: str) -> bool:
        self.asked.add(key)
        return key in self._written or key in self._base

    def __getitem__(self, key: str) -> Any:
        self.asked.add(key)
        return self._written[key] if key in self._written else self._base[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self._written[key] = value

    def get(self, key: str, default: Any = None) -> Any:
        if key in self:
            return self[key]
        return default


def references_env(references: Mapping[str, RefDef]) -> dict[str, Any]:
    """`env["references"]` as markdown-it's link rules read it."""
    return {
        label: {"href": d.href, "title": d.title, "map": [d.line, d.line + 1]}
        for label, d in references.items()
    }


def footnotes_env(labels: Iterable[str]) -> dict[str, int]:
    """`env["footnotes"]["refs"]` as the footnote rule reads it: every defined label."""
    return {":" + label: -1 for label in labels}


@dataclass
class Block:
    """One top-level block: its tokens (lines relative to its first line) and output."""

    lines: int  # source lines from its first line to the line after its last
    source: list[Token]  # block-level tokens as parsed, before the per-block rules
    text: str  # its source lines (some per-block rules read them by line number)
    flow: list[Token] = field(default_factory=list)  # in the document flow
    notes: list[list[Token]] = field(default_factory=list)  # footnote definitions
    note_labels: frozenset[str] = frozenset()  # labels those definitions define
    note_refs: list[Token] = field(default_factory=list)  # footnote_ref tokens, in order
    ref_lookups: frozenset[str] = frozenset()  # link labels looked up
    note_lookups: frozenset[str] = frozenset()  # footnote labels looked up
    id_slots: list[IdSlot] = field(default_factory=list)  # headings (and terms) and their ids
    parts: list[str] = field(default_factory=list)  # HTML between line markers
    part_lines: list[int] = field(default_factory=list)  # relative line of each marker
    template: str = ""  # `parts` as a format string, made when first needed
    headings: tuple[Heading, ...] = ()  # lines relative to the block's first line
    unsupported: bool = False  # something only a full render gets right

    @property
    def id_keys(self) -> tuple[object, ...]:
        return tuple(slot.solo for slot in self.id_slots)

    @property
    def note_sequence(self) -> tuple[str, ...]:
        return tuple(str(token.meta["label"]) for token in self.note_refs)

    def html_at(self, start: int, line_of: Callable[[int], int] | None) -> str:
        """The block's HTML with its line numbers, when its first line is `start`.

        `line_of` None is the identity. Every block below an added line is joined
        again, so this is a single `str.format` over a template made once.
        """
        if not self.part_lines:
            return self.parts[0] if self.parts else ""
        if not self.template:
            self.template = "{}".join(p.replace("{", "{{").replace("}", "}}") for p in self.parts)
        if line_of is None:
            return self.template.format(*[line + start for line in self.part_lines])
        return self.template.format(*[line_of(line + start) for line in self.part_lines])


class BlockParser:
    """The pieces of `render_markdown` for one configuration, cut at top-level blocks."""

    def __init__(self, config: MarkupConfig, *, preview: bool) -> None:
        self.config = config
        self.preview = preview
        self._md = markdown_parser(config)
        # footnote_tail is left out: the caller gathers the definitions across blocks
        # (see `footnote_tail_html`).
        self._block_rules = per_block_core_rules(config)

    # -- parsing ------------------------------------------------------------------

    def parse(
        self, lines: Sequence[str], start: int, stop: int
    ) -> tuple[list[tuple[int, Block]], list[RefDef]]:
        """Block-parse lines `[start, stop)`: the top-level blocks with their first lines.

        Also returns the link reference definitions found there (absolute lines).
        Only the block structure is parsed; `finish` runs the rest per block.
        """
        src = "\n".join(lines[start:stop])
        if stop < len(lines):
            src += "\n"
        env: dict[str, Any] = {}
        tokens: list[Token] = []
        self._md.block.parse(src, self._md, env, tokens)
        groups: list[tuple[int, int, list[Token]]] = []  # first line, line after, tokens
        index = 0
        while index < len(tokens):
            opener = tokens[index]
            end = index + 1
            if opener.nesting == 1:
                while tokens[end].level > opener.level or tokens[end].nesting != -1:
                    end += 1
                end += 1
            assert opener.map is not None
            after = opener.map[1]
            if opener.type == ATTRIBUTES_TOKEN and groups:
                # A `{...}` line belongs to the block above it (block attributes),
                # past footnote definitions, which are not blocks of the flow.
                group = tokens[index:end]
                while groups:
                    first, _, previous = groups.pop()
                    group = previous + group
                    if previous[0].block:
                        break
                groups.append((first, after, group))
            else:
                groups.append((opener.map[0], after, tokens[index:end]))
            index = end
        blocks: list[tuple[int, Block]] = []
        for number, (first, furthest, source) in enumerate(groups):
            following = groups[number + 1][0] if number + 1 < len(groups) else furthest
            after = min(furthest, following)
            for token in source:
                if token.map is not None:
                    token.map = [token.map[0] - first, token.map[1] - first]
            labels = frozenset(
                str(token.meta["label"])
                for token in source
                if token.type == "footnote_reference_open"
            )
            text = "\n".join(lines[start + first : start + after])
            block = Block(after - first, source, text, note_labels=labels)
            blocks.append((start + first, block))
        refdefs = sorted(
            [
                RefDef(start + value["map"][0], label, value["href"], value["title"])
                for label, value in env.get("references", {}).items()
            ]
            + [
                RefDef(start + value["map"][0], value["label"], value["href"], value["title"])
                for value in env.get("duplicate_refs", [])
            ]
        )
        return blocks, refdefs

    def finish(
        self,
        block: Block,
        references: Mapping[str, Any],
        notes_defined: Mapping[str, int],
    ) -> None:
        """Run the per-block core rules (inline parse and on) over a freshly parsed block.

        `references` (see `references_env`) and `notes_defined` (`footnotes_env`) are
        the whole document's; the block records which labels it looked up, its
        footnote references and definitions, and its headings.
        """
        refs = _Lookups(references)
        notes = _Lookups(notes_defined)
        env: dict[str, Any] = {"references": refs, "footnotes": {"refs": notes, "list": {}}}
        state = StateCore(block.text, self._md, env, list(block.source))
        for rule in self._block_rules:
            rule(state)
        tokens = state.tokens
        block.ref_lookups = frozenset(refs.asked)
        block.note_lookups = frozenset(key[1:] for key in notes.asked if key.startswith(":"))
        block.flow, block.notes, nested = _split_notes(tokens)
        block.note_refs = [token for token in _walk(tokens) if token.type == "footnote_ref"]
        block.id_slots = id_slots(block.flow, self.config)
        # Headings (and terms) inside footnotes get their ids after every other one,
        # in the order of the footnote list; nested definitions confuse footnote_tail.
        block.unsupported = nested or any(
            token.type in ("heading_open", "dt_open") for note in block.notes for token in note
        )
        # A finished block's source tokens are spent (the rules edit them in place).
        block.source = []
        block.text = ""

    # -- rendering ----------------------------------------------------------------

    def render(self, block: Block) -> None:
        """Render the block's flow: HTML parts between line markers, and its headings.

        Heading ids and footnote numbers must already be in its tokens.
        """
        flow = block.flow
        if self.preview:
            add_data_lines(flow, cast(Callable[[int], int], _marker))
        html = self._md.renderer.render(flow, self._md.options, {})
        pieces = _MARKER.split(html)
        block.parts = pieces[0::2]
        block.part_lines = [int(line) for line in pieces[1::2]]
        block.template = ""
        render_inline = inline_renderer(self.config, {})
        headings = []
        for index, token in enumerate(flow):
            if token.type != "heading_open":
                continue
            assert token.map is not None
            headings.append(
                Heading(
                    level=int(token.tag[1]),
                    id=str(token.attrs.get("id", "")),
                    html=toc_title(flow[index + 1].children or [], render_inline),
                    line=token.map[0],
                )
            )
        block.headings = tuple(headings)

    def footnote_tail_html(
        self,
        notes: Sequence[tuple[int, list[Token]]],
        numbering: Mapping[int, Mapping[str, Any]],
        line_of: Callable[[int], int],
    ) -> str:
        """The footnote list at the end of the document, as mdit-py-plugins builds it.

        `notes` are the definitions in document order with their blocks' first lines;
        `numbering` is `env["footnotes"]["list"]`: label and reference count by number.
        """
        if not numbering:
            return ""
        tokens: list[Token] = []
        for start, note in notes:
            if self.preview:
                add_data_lines(note[1:-1], _shifted(line_of, start))
            tokens += note
        env: dict[str, Any] = {"footnotes": {"refs": {}, "list": dict(numbering)}}
        state = StateCore("", self._md, env, tokens)
        footnote_tail(state)
        return str(self._md.renderer.render(state.tokens, self._md.options, {}))


def _shifted(line_of: Callable[[int], int], start: int) -> Callable[[int], int]:
    return lambda line: line_of(line + start)


def _marker(line: int) -> str:
    return f"\x00{line}\x01"


def _walk(tokens: Iterable[Token]) -> Iterable[Token]:
    """Every token with every child, in the order the inline parser made them."""
    for token in tokens:
        yield token
        if token.children:
            yield from _walk(token.children)


def _split_notes(tokens: list[Token]) -> tuple[list[Token], list[list[Token]], bool]:
    """The tokens in the document flow, each footnote definition's tokens, and whether
    a definition was nested in another.

    The definitions keep their open and close tokens, as `footnote_tail` expects them.
    """
    if not any(token.type == "footnote_reference_open" for token in tokens):
        return tokens, [], False
    flow: list[Token] = []
    notes: list[list[Token]] = []
    current: list[Token] | None = None
    nested = False
    for token in tokens:
        if token.type == "footnote_reference_open":
            nested = nested or current is not None
            current = [token]
        elif token.type == "footnote_reference_close" and current is not None:
            current.append(token)
            notes.append(current)
            current = None
        elif current is not None:
            current.append(token)
        else:
            flow.append(token)
    return flow, notes, nested
