"""Markdown rules tried only where the character under them allows them.

markdown-it tries every block rule at the start of every block, every
paragraph-interrupting rule at every line of every paragraph (twice: `lheading`
scans the paragraph before `paragraph` does), and every inline rule wherever the
text rule stops. Nearly all those calls fail on the first character they look at
(block rules after a logging call); in a post of short paragraphs and lists they are
a third of the parse. `install(md)` puts one rule per chain in their place that
looks at that character once and calls only the rules that could match, in their
order, so the output is the same by construction.

A rule is left out for a character only when every way it can succeed needs that
character (at `bMarks + tShift` for a block rule, at `pos` for an inline rule) in
its set below: checked against markdown-it-py 4, mdit-py-plugins 0.7 and the rules
of render/md/. Rules not listed (the text and paragraph rules, plugins' rules for
other settings) are always tried.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.ruler import Ruler
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline

from postedit.render.md.inline_text import TextRule

BlockRule = Callable[[StateBlock, int, int, bool], bool]

# The first characters a rule can succeed on. Every one of these rules also fails on
# a line indented as code (when the `code` rule is enabled).
_STARTS: dict[str, frozenset[str]] = {
    "fence": frozenset("`~"),
    "blockquote": frozenset(">"),
    "hr": frozenset("*-_"),
    "list": frozenset("*-+0123456789"),
    "footnote_def": frozenset("["),
    "reference": frozenset("["),
    "html_block": frozenset("<"),
    "heading": frozenset("#"),
}
# As a paragraph interrupter (silent), a definition needs its marker on the line
# itself (render/md/lists.py wraps mdit-py-plugins' rule and keeps that).
_SILENT_STARTS: dict[str, frozenset[str]] = {"deflist": frozenset(":~")}
# A table (markdown-it's rule or the padding in render/md/tables.py) needs a next line
# like this: a delimiter row, from the line's first character after its indentation.
_DELIMITER_ROW = re.compile(r"[\s|:]*-[\s|:-]*")
# A thematic break as `hr` reads it: three or more of one marker, spaces and tabs between.
_RULE_MARKERS = frozenset("*-_")
_RULE = re.compile(r"([*_-])[ \t]*(?:\1[ \t]*){2,}")
_KEYED = frozenset().union(*_STARTS.values(), *_SILENT_STARTS.values())


def install(md: MarkdownIt) -> None:
    """Replace each compiled chain of `md`'s block and inline rules by one dispatcher.

    Call it last, when every plugin has added its rules.
    """
    block_chains = _compiled(md.block.ruler)
    active = [rule for rule in md.block.ruler.__rules__ if rule.enabled]
    code_enabled = any(rule.name == "code" for rule in active)
    for chain in block_chains:
        rules = [(rule.name, rule.fn) for rule in active if not chain or chain in rule.alt]
        block_chains[chain] = [_block_dispatcher(rules, code_enabled)]
    inline_chains = _compiled(md.inline.ruler)
    inline_rules = [(rule.name, rule.fn) for rule in md.inline.ruler.__rules__ if rule.enabled]
    inline_chains[""] = [_inline_dispatcher(inline_rules)]
    text_rule = dict(inline_rules).get("text")
    dash_rules = {
        name for name, _ in inline_rules if name != "text" and "-" in _INLINE_STARTS.get(name, "-")
    }
    if isinstance(text_rule, TextRule) and dash_rules <= {"goldmark_typographer"}:
        text_rule.skip_lone_dashes()  # the typographer's dashes are `--` and `---`


def _compiled(ruler: Ruler[Any]) -> dict[str, list[Any]]:
    # WORKAROUND: Ruler has no hook for the order of a chain's calls, so its compiled
    # chains (`__cache__`) are replaced. Any later change to its rules recompiles
    # them, dropping the dispatch, which only costs speed.
    ruler.getRules("")
    cache = ruler.__cache__
    assert cache is not None
    return cache


# What `lheading` takes for an underline (after the line's indentation).
_UNDERLINE = re.compile(r"(?:-+|=+)[ \t]*")
_DEFINITION_MARKERS = frozenset(":~")


# Past this many lines `_below` stops looking and lets the rules decide: a long run
# of lines without a blank one (a tight list) must not be scanned from every line.
_SCAN_LIMIT = 32
_UNDERLINE_RULE, _DEFINITION_RULE = 0, 1


def _below(state: StateBlock, start: int, end: int) -> tuple[bool, bool]:
    """Whether a setext underline, and a definition's marker, may follow line `start`.

    `lheading` needs an underline before the next blank line (and calls every
    interrupting rule at every line on its way there, before `paragraph` does the
    same); a definition list (render/md/lists.py) needs a `:` or `~` line there, or
    right after one blank line.
    """
    src, begins, shifts, ends = state.src, state.bMarks, state.tShift, state.eMarks
    underline = definition = False
    line = start + 1
    if line < end and begins[line] + shifts[line] >= ends[line]:
        after = line + 1
        if after < end:
            position = begins[after] + shifts[after]
            definition = src[position : position + 1] in _DEFINITION_MARKERS
        return False, definition
    stop = min(end, line + _SCAN_LIMIT)
    while line < stop:
        position = begins[line] + shifts[line]
        if position >= ends[line]:
            return underline, definition
        if src[position] in _DEFINITION_MARKERS:
            definition = True
        elif not underline and _UNDERLINE.fullmatch(src, position, ends[line]):
            underline = True
        line += 1
    return (True, True) if stop < end else (underline, definition)


_Key = tuple[str, bool, bool, bool, bool]
# A rule, and which of `_below`'s answers it needs (None: neither).
_Candidate = tuple[BlockRule, int | None]


def _block_dispatcher(rules: list[tuple[str, BlockRule]], code_enabled: bool) -> BlockRule:
    chosen: dict[_Key, tuple[_Candidate, ...]] = {}

    def candidates(key: _Key) -> tuple[_Candidate, ...]:
        char, indented, silent, delimiter_next, thematic = key
        picked: list[_Candidate] = []
        for name, rule in rules:
            starts = _STARTS.get(name)
            if starts is None and silent:
                starts = _SILENT_STARTS.get(name)
            if starts is not None and (indented or char not in starts):
                continue
            if (
                (name == "code" and not indented)  # the code rule needs an indented line
                or (name == "table" and not delimiter_next)  # its second line: delimiters
                or (name == "hr" and not thematic)  # most `-` and `*` lines are list items
            ):
                continue
            need = None
            if name == "lheading":
                need = _UNDERLINE_RULE
            elif name == "deflist" and not silent:
                need = _DEFINITION_RULE
            picked.append((rule, need))
        return tuple(picked)

    def dispatch(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        src = state.src
        position = state.bMarks[start] + state.tShift[start]
        char = src[position : position + 1]
        following = start + 1
        delimiter_next = (
            following < end
            and _DELIMITER_ROW.fullmatch(
                src, state.bMarks[following] + state.tShift[following], state.eMarks[following]
            )
            is not None
        )
        key = (
            char if char in _KEYED else "",
            code_enabled and state.sCount[start] - state.blkIndent >= 4,
            silent,
            delimiter_next,
            char in _RULE_MARKERS
            and _RULE.fullmatch(src, position, state.eMarks[start]) is not None,
        )
        found = chosen.get(key)
        if found is None:
            found = chosen[key] = candidates(key)
        below = None
        for rule, need in found:
            if need is not None:
                if below is None:
                    below = _below(state, start, end)
                if not below[need]:
                    continue
            if rule(state, start, end, silent):
                return True
        return False

    return dispatch


InlineRule = Callable[[StateInline, bool], bool]

# The characters at `pos` an inline rule can succeed on.
_INLINE_STARTS: dict[str, frozenset[str]] = {
    "goldmark_linkify": frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"),
    "goldmark_typographer": frozenset("'\".-<>"),
    "newline": frozenset("\n"),
    "escape": frozenset("\\"),
    "backticks": frozenset("`"),
    "strikethrough": frozenset("~"),
    "emphasis": frozenset("_*"),
    "link": frozenset("["),
    "image": frozenset("!"),
    "footnote_ref": frozenset("["),
    "autolink": frozenset("<"),
    "html_inline": frozenset("<"),
    "entity": frozenset("&"),
}
_INLINE_KEYED = frozenset().union(*_INLINE_STARTS.values())


def _inline_dispatcher(rules: list[tuple[str, InlineRule]]) -> InlineRule:
    chosen: dict[str, tuple[InlineRule, ...]] = {}

    def candidates(char: str) -> tuple[InlineRule, ...]:
        return tuple(
            rule
            for name, rule in rules
            if name not in _INLINE_STARTS or char in _INLINE_STARTS[name]
        )

    def dispatch(state: StateInline, silent: bool) -> bool:
        char = state.src[state.pos]
        if char not in _INLINE_KEYED:
            char = ""
        found = chosen.get(char)
        if found is None:
            found = chosen[char] = candidates(char)
        for rule in found:  # noqa: SIM110 - any() would build a generator per call
            if rule(state, silent):
                return True
        return False

    return dispatch
