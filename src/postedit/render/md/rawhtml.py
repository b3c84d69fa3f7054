"""Raw HTML as Hugo writes it: passed through with `unsafe`, otherwise omitted.

With `unsafe = false` Goldmark replaces each HTML block and inline tag with
`<!-- raw HTML omitted -->` and drops HTML comments without a trace.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from markdown_it.token import Token

OMITTED = "<!-- raw HTML omitted -->"

# HTML blocks that end at a marker (CommonMark types 1, 3, 4, 5) and that marker.
_CLOSED_BLOCKS = (
    (
        re.compile(r"<(?:script|pre|style|textarea)(?:[\s>]|$)", re.I),
        re.compile(r"</(?:script|pre|style|textarea)>", re.I),
    ),
    (re.compile(r"<\?"), re.compile(r"\?>")),
    (re.compile(r"<![A-Za-z]"), re.compile(r">")),
    (re.compile(r"<!\[CDATA\["), re.compile(r"\]\]>")),
)


def has_closure_line(content: str) -> bool:
    """Whether Goldmark keeps this block's end marker line apart (its "closure line").

    Goldmark writes one omission for the block and one for such a line: a block of
    types 1, 3, 4 or 5 whose end marker is on a later line than its start.
    """
    first, _, rest = content.rstrip("\n").partition("\n")
    if not rest:
        return False
    last = rest.rsplit("\n", 1)[-1]
    for start, end in _CLOSED_BLOCKS:
        if start.match(first):
            return end.search(first) is None and end.search(last) is not None
    return False


Rule = Callable[[Any, Sequence[Token], int, Any, Any], str]


def html_rules(unsafe: bool) -> tuple[Rule, Rule]:
    """Render rules for `html_block` and `html_inline`."""
    if unsafe:

        def block_unsafe(_self: Any, tokens: Sequence[Token], idx: int, _o: Any, _e: Any) -> str:
            return tokens[idx].content

        def inline_unsafe(_self: Any, tokens: Sequence[Token], idx: int, _o: Any, _e: Any) -> str:
            return tokens[idx].content

        return block_unsafe, inline_unsafe

    def block(_self: Any, tokens: Sequence[Token], idx: int, _o: Any, _e: Any) -> str:
        content = tokens[idx].content.lstrip(" ")
        if content.startswith("<!--"):
            return ""
        return OMITTED + "\n" + (OMITTED + "\n" if has_closure_line(content) else "")

    def inline(_self: Any, tokens: Sequence[Token], idx: int, _o: Any, _e: Any) -> str:
        return "" if tokens[idx].content.startswith("<!--") else OMITTED

    return block, inline
