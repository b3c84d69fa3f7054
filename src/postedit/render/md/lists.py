"""Task-list checkboxes and definition-list tightness as Goldmark renders them.

Goldmark writes a bare `<input ... type="checkbox"> ` before the item's text (no
classes on the list), and leaves a definition's paragraph unwrapped unless a blank
line precedes the `:` line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

TASK = "task_checkbox"
_TASK = re.compile(r"\[([ \t\n\vxX])\][ \t\n\v\f\r]*")


def task_list_rule(state: StateCore) -> None:
    """Turn a leading `[ ]`/`[x]` of a list item's first paragraph into a checkbox token."""
    tokens = state.tokens
    for index in range(2, len(tokens)):
        inline = tokens[index]
        if inline.type != "inline" or not inline.content.startswith("["):
            continue
        if tokens[index - 1].type != "paragraph_open" or tokens[index - 2].type != "list_item_open":
            continue
        children = inline.children
        if not children or children[0].type != "text":
            continue
        match = _TASK.match(children[0].content)
        if match is None:
            continue
        checkbox = Token(TASK, "input", 0)
        checkbox.meta["checked"] = match.group(1) in "xX"
        rest = children[0].content[match.end() :]
        if rest:
            children[0].content = rest
            children.insert(0, checkbox)
        else:
            children[0] = checkbox


def task_checkbox_rule(xhtml: bool) -> Any:
    """The render rule for checkbox tokens."""
    end = " /> " if xhtml else "> "

    def render(_self: Any, tokens: Sequence[Token], idx: int, _o: Any, _e: Any) -> str:
        checked = 'checked="" ' if tokens[idx].meta.get("checked") else ""
        return f'<input {checked}disabled="" type="checkbox"{end}'

    return render


def definition_tightness_rule(state: StateCore) -> None:
    """Unwrap a tight definition's first paragraph, as Goldmark does.

    A definition is loose when a blank line precedes its `:` line; otherwise its
    first block, when a paragraph, is written without `<p>`.
    """
    tokens = state.tokens
    if not any(token.type == "dd_open" for token in tokens):
        return
    lines = state.src.split("\n")
    for index, token in enumerate(tokens):
        if token.type != "dd_open" or token.map is None:
            continue
        first = tokens[index + 1]
        if first.type != "paragraph_open":
            continue
        # The plugin's dd map may start at the term's line; the paragraph's does not.
        start = first.map[0] if first.map is not None else token.map[0]
        if start > 0 and not lines[start - 1].strip():
            continue
        first.hidden = True
        for inner in tokens[index + 2 :]:
            if inner.type == "paragraph_close" and inner.level == first.level:
                inner.hidden = True
                break


_DD_MARKER = re.compile(r":[ \t]+\S")


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]]


def install_definition_terms(md: MarkdownIt) -> None:
    """Wrap the deflist rule with Goldmark's terms: one per line of the paragraph before `:`.

    Goldmark also takes only `:` as the marker (not `~`), and continues the list
    of the previous definition when terms follow after a blank line.
    """
    rules = md.block.ruler.__rules__
    original = rules[md.block.ruler.__find__("deflist")].fn

    def deflist(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        if start + 1 < end and _line(state, start + 1).startswith("~"):
            return False
        first = len(state.tokens)
        if original(state, start, end, silent):
            if not silent:
                _merge_with_previous_list(state, first)
            return True
        if silent or state.sCount[start] - state.blkIndent >= 4:
            return False
        marker = _marker_line(state, start, end)
        if marker is None:
            return False
        if not original(state, marker - 1, end, False):
            return False
        _insert_terms(state, first, start, marker - 1)
        _merge_with_previous_list(state, first)
        return True

    md.block.ruler.at("deflist", deflist, {"alt": ["paragraph", "reference", "blockquote"]})


def _marker_line(state: StateBlock, start: int, end: int) -> int | None:
    """The `:` line ending a run of paragraph lines that starts at `start`, if any."""
    interrupters = state.md.block.ruler.getRules("paragraph")
    line = start + 1
    while line < end and not state.isEmpty(line):
        if state.sCount[line] - state.blkIndent < 4:
            if _DD_MARKER.match(_line(state, line)):
                return line if line > start + 1 else None
            if any(rule(state, line, end, True) for rule in interrupters):
                return None
        line += 1
    return None


def _insert_terms(state: StateBlock, first: int, start: int, stop: int) -> None:
    """Put a term for each line `start`..`stop - 1` before the list's first term."""
    dl_open = state.tokens[first]
    template = state.tokens[first + 1]  # the term the plugin made for line `stop`
    terms: list[Token] = []
    for line in range(start, stop):
        opening = Token("dt_open", "dt", 1, map=[line, line], level=template.level)
        inline = Token("inline", "", 0, map=[line, line], level=template.level + 1)
        inline.content = _line(state, line).strip()
        inline.children = []
        closing = Token("dt_close", "dt", -1, level=template.level)
        opening.block = inline.block = closing.block = True
        terms += [opening, inline, closing]
    state.tokens[first + 1 : first + 1] = terms
    if dl_open.map is not None:
        dl_open.map = [start, dl_open.map[1]]


def _merge_with_previous_list(state: StateBlock, first: int) -> None:
    """Join this list to a definition list right before it (blank lines between)."""
    if first == 0:
        return
    previous = state.tokens[first - 1]
    current = state.tokens[first]
    if previous.type == "dl_close" and previous.level == current.level:
        # The joined list's opening token spans both lists' lines.
        for token in reversed(state.tokens[: first - 1]):
            if token.type == "dl_open" and token.level == current.level:
                if token.map is not None and current.map is not None:
                    token.map = [token.map[0], current.map[1]]
                break
        del state.tokens[first - 1 : first + 1]
