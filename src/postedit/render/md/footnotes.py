"""Footnotes in Hugo's markup (Goldmark's), on top of mdit-py-plugins' footnote parser.

The plugin numbers footnotes by first reference and moves the list to the end of
the document (document-wide state in `env["footnotes"]`); only the HTML differs,
so these are render rules only.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token


def _number(token: Token) -> int:
    return int(token.meta["id"]) + 1


def _ref_id(token: Token) -> str:
    sub = int(token.meta.get("subId", 0))
    return f"fnref{sub or ''}:{_number(token)}"


def footnote_ref(_self: Any, tokens: Sequence[Token], idx: int, _o: Any, _e: Any) -> str:
    token = tokens[idx]
    number = _number(token)
    return (
        f'<sup id="{_ref_id(token)}"><a href="#fn:{number}" class="footnote-ref" '
        f'role="doc-noteref">{number}</a></sup>'
    )


def footnote_anchor(_self: Any, tokens: Sequence[Token], idx: int, _o: Any, _e: Any) -> str:
    return (
        f'&#160;<a href="#{_ref_id(tokens[idx])}" class="footnote-backref" '
        'role="doc-backlink">&#x21a9;&#xfe0e;</a>'
    )


def footnote_open(_self: Any, tokens: Sequence[Token], idx: int, _o: Any, _e: Any) -> str:
    return f'<li id="fn:{_number(tokens[idx])}">\n'


def footnote_close(_self: Any, _tokens: Sequence[Token], _idx: int, _o: Any, _e: Any) -> str:
    return "</li>\n"


def footnote_block_close(_self: Any, _t: Sequence[Token], _idx: int, _o: Any, _e: Any) -> str:
    return "</ol>\n</div>\n"


def install(md: MarkdownIt, xhtml: bool) -> None:
    """Replace the plugin's render rules with Goldmark's markup."""
    hr = "<hr />" if xhtml else "<hr>"

    def block_open(_self: Any, _t: Sequence[Token], _idx: int, _o: Any, _e: Any) -> str:
        return f'<div class="footnotes" role="doc-endnotes">\n{hr}\n<ol>\n'

    md.add_render_rule("footnote_ref", footnote_ref)
    md.add_render_rule("footnote_anchor", footnote_anchor)
    md.add_render_rule("footnote_open", footnote_open)
    md.add_render_rule("footnote_close", footnote_close)
    md.add_render_rule("footnote_block_open", block_open)
    md.add_render_rule("footnote_block_close", footnote_block_close)
