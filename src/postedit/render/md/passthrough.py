"""Hugo's passthrough extension: text between configured delimiters is left untouched.

Without a passthrough render hook Hugo writes the delimited text, delimiters
included, exactly as written and with no newline after a block; block delimiters
found inside a paragraph split it in two around the block.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from postedit.render.config import PassthroughConfig

INLINE = "passthrough_inline"
BLOCK_IN_PARAGRAPH = "passthrough_block_in_paragraph"
BLOCK = "passthrough_block"


def passthrough_plugin(md: MarkdownIt, config: PassthroughConfig) -> None:
    """Install inline and block rules for the configured delimiters."""
    inline_pairs = sorted(config.inline, key=lambda pair: -len(pair[0]))
    block_pairs = sorted(config.block, key=lambda pair: -len(pair[0]))
    for opening, _closing in (*inline_pairs, *block_pairs):
        md.inline.add_terminator_char(opening[0])

    pairs = [(pair, True) for pair in block_pairs] + [(pair, False) for pair in inline_pairs]

    def inline_rule(state: StateInline, silent: bool) -> bool:
        src = state.src
        for (opening, closing), is_block in pairs:
            if not src.startswith(opening, state.pos):
                continue
            end = src.find(closing, state.pos + len(opening), state.posMax)
            if end < 0:
                continue
            stop = end + len(closing)
            if not silent:
                token = state.push(BLOCK_IN_PARAGRAPH if is_block else INLINE, "", 0)
                token.content = src[state.pos : stop]
            state.pos = stop
            return True
        return False

    def block_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        begin = state.bMarks[start] + state.tShift[start]
        line = state.src[begin : state.eMarks[start]]
        for opening, closing in block_pairs:
            if not line.startswith(opening):
                continue
            rest = line[len(opening) :]
            last = start
            if closing in rest:
                if rest.rstrip().endswith(closing) is False:
                    return False
            else:
                last = start + 1
                while last < end:
                    text = state.src[state.bMarks[last] + state.tShift[last] : state.eMarks[last]]
                    if text.rstrip().endswith(closing):
                        break
                    last += 1
                if last >= end:
                    return False
            if silent:
                return True
            token = state.push(BLOCK, "", 0)
            token.map = [start, last + 1]
            token.content = state.src[begin : state.eMarks[last]]
            state.line = last + 1
            return True
        return False

    md.inline.ruler.before("escape", "hugo_passthrough", inline_rule)
    if block_pairs:
        md.block.ruler.before("paragraph", "hugo_passthrough", block_rule, {"alt": ["paragraph"]})
    md.add_render_rule(INLINE, _raw)
    md.add_render_rule(BLOCK, _raw)
    md.add_render_rule(BLOCK_IN_PARAGRAPH, _split_paragraph)


def _raw(_self: Any, tokens: Sequence[Token], idx: int, _o: Any, _e: Any) -> str:
    return tokens[idx].content


def _split_paragraph(_self: Any, tokens: Sequence[Token], idx: int, _o: Any, _e: Any) -> str:
    # Block delimiters inside a paragraph end it; the rest opens a new one.
    return f"</p>\n{tokens[idx].content}<p>"
