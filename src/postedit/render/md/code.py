"""Code blocks: fences through `highlight.highlight_block`, indented code as Goldmark.

Hugo writes a highlighted block with no newline after it; the highlighter's own
trailing newline, if any, is dropped so the output keeps Hugo's joins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from markdown_it.common.utils import escapeHtml
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from postedit.render.highlight import HighlightConfig, highlight_block

_ASCII_SPACE = " \t\n\r\f\v"
_BLANK_LINE = re.compile(r"^[ \t]+$", re.M)


def blank_lines_in_list_code_rule(state: StateCore) -> None:
    """Inside list items Goldmark drops the spaces of whitespace-only code lines."""
    depth = 0
    for token in state.tokens:
        if token.type == "list_item_open":
            depth += 1
        elif token.type == "list_item_close":
            depth -= 1
        elif depth and token.type in ("fence", "code_block") and " " in token.content:
            token.content = _BLANK_LINE.sub("", token.content)


def _data_line(token: Token) -> str:
    line = token.attrs.get("data-line")
    return "" if line is None else f' data-line="{line}"'


def _with_data_line(markup: str, token: Token) -> str:
    extra = _data_line(token)
    if not extra or not markup.startswith("<"):
        return markup
    end = 1
    while end < len(markup) and (markup[end].isalnum()):
        end += 1
    return markup[:end] + extra + markup[end:]


def split_info(info: str) -> tuple[str, str]:
    """The fence's language and the rest of its info string (the options)."""
    info = info.strip(_ASCII_SPACE)  # Goldmark trims ASCII spaces only (not U+00A0)
    if not info:
        return "", ""
    if info.startswith("{"):
        return "", info
    head, _, rest = info.replace("\t", " ").partition(" ")
    if "{" in head:
        head, brace, tail = head.partition("{")
        rest = brace + tail + (" " + rest if rest else "")
    return head, rest.strip()


def fence_code(content: str) -> str:
    """A fence's code as Hugo passes it on: trailing empty lines dropped."""
    kept = content.rstrip("\n")
    return kept + "\n" if kept else ""


def fence_rule(config: HighlightConfig) -> Any:
    """The render rule for fenced code."""

    def render(_self: Any, tokens: Sequence[Token], idx: int, _o: Any, _e: Any) -> str:
        token = tokens[idx]
        lang, options = split_info(token.info)
        markup = highlight_block(fence_code(token.content), lang, config, options)
        if markup.endswith("\n"):
            markup = markup[:-1]
        return _with_data_line(markup, token)

    return render


def code_block(_self: Any, tokens: Sequence[Token], idx: int, _o: Any, _e: Any) -> str:
    """Indented code: Goldmark's plain `<pre><code>`."""
    token = tokens[idx]
    body = escapeHtml(token.content)
    return f"<pre{_data_line(token)}><code>{body}</code></pre>\n"


def plain_fence(_self: Any, tokens: Sequence[Token], idx: int, _o: Any, _e: Any) -> str:
    """A fence when `markup.highlight.codeFences` is off: Goldmark's own markup."""
    token = tokens[idx]
    lang, _options = split_info(token.info)
    cls = f' class="language-{escapeHtml(lang)}"' if lang else ""
    code = escapeHtml(fence_code(token.content))
    return f"<pre{_data_line(token)}><code{cls}>{code}</code></pre>\n"
