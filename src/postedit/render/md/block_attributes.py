"""Hugo's block attributes (`markup.goldmark.parser.attribute.block`).

A line holding only `{.class #id key=value}` may interrupt a paragraph; its
attributes go to the block right before it (same parent, no blank line between,
not a fenced code block), without overriding attributes that block already has.
Otherwise the line just disappears.

Two steps: a block rule makes `attributes_block` tokens; `apply_block_attributes`
(core, after the block parse) moves them onto their blocks and drops the tokens.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from postedit.render.md.attributes import parse_attributes
from postedit.render.md.headings import LATE_ATTRIBUTES

TOKEN = "attributes_block"
LATE = LATE_ATTRIBUTES  # heading attributes applied after its id


def _block_rule(state: StateBlock, start: int, _end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:
        return False
    begin = state.bMarks[start] + state.tShift[start]
    line = state.src[begin : state.eMarks[start]]
    if not line.startswith("{"):
        return False
    parsed = parse_attributes(line)
    if parsed is None or line[parsed[1] :].strip():
        return False
    if silent:
        return True
    token = state.push(TOKEN, "", 0)
    token.map = [start, start + 1]
    token.meta["attrs"] = parsed[0]
    state.line = start + 1
    return True


def apply_block_attributes(state: StateCore) -> None:
    """Move each attribute line's attributes onto the block before it."""
    tokens = state.tokens
    if not any(token.type == TOKEN for token in tokens):
        return
    lines = state.src.split("\n")
    kept: list[Token] = []
    for index, token in enumerate(tokens):
        if token.type != TOKEN:
            kept.append(token)
            continue
        line = token.map[0] if token.map else 0
        # A blank line, also inside a blockquote (`>` alone), separates them.
        blank_before = line > 0 and not lines[line - 1].replace(">", "").strip()
        target = _previous_sibling(tokens, index)
        if target is None or blank_before or tokens[index - 1].type == "fence":
            continue
        if target.type == "heading_open":
            # Hugo gives the heading its id first; these may not override it.
            target.meta.setdefault(LATE, []).extend(token.meta["attrs"])
            continue
        for name, value in token.meta["attrs"]:
            target.attrs.setdefault(name, value)
    state.tokens = kept


def _previous_sibling(tokens: list[Token], index: int) -> Token | None:
    level = tokens[index].level
    depth = 0
    for back in range(index - 1, -1, -1):
        token = tokens[back]
        if token.level < level and token.nesting == 1 and depth == 0:
            return None  # reached the parent: no previous sibling
        if token.nesting == -1:
            depth += 1
        elif token.nesting == 1:
            depth -= 1
        if depth == 0 and token.level == level and token.nesting >= 0 and token.block:
            return token
    return None


def block_attributes_plugin(md: MarkdownIt) -> None:
    """Install the block rule (it may end paragraphs, lists and blockquotes) and the mover."""
    md.block.ruler.before(
        "table", "hugo_attributes", _block_rule, {"alt": ["paragraph", "blockquote", "list"]}
    )
    md.core.ruler.after("block", "hugo_block_attributes", apply_block_attributes)
