"""Hugo's "extras" inline extensions: `==mark==`, `++insert++`, `~~delete~~`, `~sub~`, `^sup^`.

Each is a pair of equal delimiter runs around text, like emphasis: mark, insert
and delete take runs of exactly two characters, subscript and superscript runs
of any length. Built on markdown-it's delimiter list, so pairing follows the same
flanking rules as emphasis.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.state_inline import Delimiter


def _tokenizer(marker: str, lengths: Collection[int] | None) -> Callable[[StateInline, bool], bool]:
    def tokenize(state: StateInline, silent: bool) -> bool:
        if silent or state.src[state.pos] != marker:
            return False
        scanned = state.scanDelims(state.pos, True)
        token = state.push("text", "", 0)
        token.content = marker * scanned.length
        if lengths is None or scanned.length in lengths:
            state.delimiters.append(
                Delimiter(
                    marker=ord(marker),
                    length=0,  # no "rule of 3"
                    token=len(state.tokens) - 1,
                    end=-1,
                    open=scanned.can_open,
                    close=scanned.can_close,
                )
            )
        state.pos += scanned.length
        return True

    return tokenize


def _post_processor(marker: str, name: str, tag: str) -> Callable[[StateInline], None]:
    code = ord(marker)

    def convert(state: StateInline, delimiters: list[Delimiter]) -> None:
        for opener in delimiters:
            if opener.marker != code or opener.end == -1:
                continue
            closer = delimiters[opener.end]
            first, last = state.tokens[opener.token], state.tokens[closer.token]
            if first.type != "text" or first.content != last.content:
                continue
            first.nesting, last.nesting = 1, -1
            for token, kind in ((first, "open"), (last, "close")):
                token.type = f"{name}_{kind}"
                token.tag = tag
                token.markup = token.content
                token.content = ""

    def post_process(state: StateInline) -> None:
        convert(state, state.delimiters)
        for meta in state.tokens_meta:
            if meta and "delimiters" in meta:
                convert(state, meta["delimiters"])

    return post_process


def extra_plugin(
    md: MarkdownIt, marker: str, name: str, tag: str, lengths: Collection[int] | None
) -> None:
    """Install one delimiter pair (`lengths=None`: runs of any length)."""
    md.inline.add_terminator_char(marker)
    md.inline.ruler.before("emphasis", f"hugo_{name}", _tokenizer(marker, lengths))
    md.inline.ruler2.before("emphasis", f"hugo_{name}", _post_processor(marker, name, tag))
