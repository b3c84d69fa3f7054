"""Links and images as Goldmark writes them, and Hugo's standalone-image unwrapping.

Destinations go through `urls.url_escape` (markdown-it's normalizeLink would
punycode hosts and decode differently); dangerous destinations are emptied, not
refused, unless `unsafe`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from postedit.render.md.urls import is_dangerous_url, url_escape


def install(md: MarkdownIt, *, unsafe: bool, xhtml: bool) -> None:
    """Goldmark's URL handling and `<a>`/`<img>` markup."""
    md.normalizeLink = url_escape  # type: ignore[method-assign]
    md.normalizeLinkText = _identity  # type: ignore[method-assign,assignment]
    md.validateLink = _always  # type: ignore[method-assign,assignment]
    close = " />" if xhtml else ">"

    def href(value: Any) -> str:
        text = str(value)
        return "" if not unsafe and is_dangerous_url(text) else escapeHtml(text)

    def link_open(_self: Any, tokens: Sequence[Token], idx: int, _o: Any, _e: Any) -> str:
        token = tokens[idx]
        out = f'<a href="{href(token.attrs.get("href", ""))}"'
        title = token.attrs.get("title")
        if title is not None:
            out += f' title="{escapeHtml(str(title))}"'
        return out + ">"

    def image(_self: Any, tokens: Sequence[Token], idx: int, _o: Any, _e: Any) -> str:
        token = tokens[idx]
        alt = alt_text(token.children or [])
        out = f'<img src="{href(token.attrs.get("src", ""))}" alt="{alt}"'
        title = token.attrs.get("title")
        if title is not None:
            out += f' title="{escapeHtml(str(title))}"'
        return out + close

    md.add_render_rule("link_open", link_open)
    md.add_render_rule("image", image)


def alt_text(children: Sequence[Token]) -> str:
    """An image's alt attribute: its text escaped, typographic entities as they are."""
    out: list[str] = []
    for child in children:
        if child.type in ("text", "text_special", "code_inline"):
            out.append(escapeHtml(child.content))
        elif child.type == "typographer":
            out.append(child.content)
        elif child.type == "image":
            out.append(alt_text(child.children or []))
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
    return "".join(out)


def _identity(text: str) -> str:
    return text


def _always(_url: str) -> bool:
    return True


def unwrap_standalone_images(state: StateCore) -> None:
    """Hide the `<p>` of a paragraph holding nothing but one image.

    Used when `wrapStandAloneImageWithinParagraph = false`.
    """
    tokens = state.tokens
    for index in range(1, len(tokens) - 1):
        inline = tokens[index]
        if inline.type != "inline" or tokens[index - 1].type != "paragraph_open":
            continue
        children = inline.children or []
        if len(children) == 1 and children[0].type == "image":
            tokens[index - 1].hidden = True
            tokens[index + 1].hidden = True
            tokens[index - 1].meta["standalone_image"] = True
