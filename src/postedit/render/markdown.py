"""Markdown to HTML as Hugo's Goldmark renders it, with markdown-it-py.

`render_markdown(text, config)` equals Hugo's `.Content` for text without
shortcodes; with `preview=True` block elements also carry `data-line="N"` and
nothing else changes. Shortcode placeholders (`HAHAHUGOSHORTCODE…HBHB`, letters
and digits only) pass through as text, as in Hugo.

The pipeline has four steps, each reusable on its own, so `IncrementalMarkdown`
builds on them instead of copying them:

1. `parse_tokens(text, config, env)`: markdown-it's block and inline parse with the
   rules of `render/md/`. Everything in it is local to a top-level block except
   what markdown-it keeps in `env`: link reference definitions
   (`env["references"]`, read during the inline parse) and footnotes
   (`env["footnotes"]`; numbering by first reference, and mdit-py-plugins'
   `footnote_tail` core rule appends the footnote list at the end). The core rules
   added here (heading `{#id}` attributes, block attributes, task lists,
   definition tightness, standalone images, blank lines of code in lists) only
   look inside one top-level block; `per_block_core_rules` lists them.
   `md/dispatch.py` and `md/plain_inline.py` only skip rule calls that cannot
   succeed, for speed.
2. `finish_document(tokens, config, render_inline)`: the document-wide pass over the
   token stream: heading ids (and definition-term ids) deduplicated in document
   order, and the `Heading`s for the table of contents.
3. `add_data_lines(tokens, line_of)` (preview only): `data-line` on block tokens.
4. `render_tokens(tokens, config, env)`: per-token rendering; rendering any slice of
   whole top-level blocks gives that slice's HTML (fences have no newline after
   them, as in Hugo, so slices join by plain concatenation).

Hugo's summary divider is not Goldmark's business: the page lexer replaces the first
`<!--more-->` before Markdown and `render/content.py` cuts it out after; any later one
reaches Goldmark as an ordinary HTML comment, and reaches markdown-it the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any, NamedTuple, cast

from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin

from postedit.render.config import DEFAULT_MARKUP, MarkupConfig
from postedit.render.md import code, dispatch, footnotes, links, plain_inline, tables
from postedit.render.md.block_attributes import block_attributes_plugin
from postedit.render.md.extras import extra_plugin
from postedit.render.md.headings import (
    assign_heading_ids,
    heading_attributes_rule,
    heading_text_rule,
    toc_title,
)
from postedit.render.md.inline_text import (
    TYPOGRAPHER_TRIGGERS,
    add_terminators,
    install_text_rule,
)
from postedit.render.md.linkify import linkify_plugin
from postedit.render.md.lists import (
    TASK,
    definition_tightness_rule,
    install_definition_terms,
    task_checkbox_rule,
    task_list_rule,
)
from postedit.render.md.passthrough import passthrough_plugin
from postedit.render.md.rawhtml import html_rules
from postedit.render.md.typographer import TOKEN as TYPOGRAPHER_TOKEN
from postedit.render.md.typographer import render_typographer, typographer_plugin


class Heading(NamedTuple):
    """A heading as `.TableOfContents` and the outline need it."""

    level: int  # 1..6
    id: str  # the id Hugo gives it (after attributes and dedup)
    html: str  # inner HTML of the heading, as .TableOfContents shows it
    line: int  # 0-based source line of the heading in the rendered text


class RenderedMarkdown(NamedTuple):
    html: str
    headings: tuple[Heading, ...]


@lru_cache(maxsize=32)
def markdown_parser(config: MarkupConfig = DEFAULT_MARKUP) -> MarkdownIt:
    """The markdown-it parser and renderer set up like Hugo's Goldmark for `config`.

    Cached per config: building one costs far more than rendering a post.
    """
    md = MarkdownIt(
        "commonmark",
        {
            "html": True,
            "xhtmlOut": config.xhtml,
            "breaks": config.hard_wraps,
            "strikethrough_single_tilde": True,
        },
    )
    if config.table:
        md.enable("table")
        tables.install_padding(md)
    if config.strikethrough:
        md.enable("strikethrough")
        md.add_render_rule("s_open", _fixed("<del>"))
        md.add_render_rule("s_close", _fixed("</del>"))
    if config.footnote:
        md.use(footnote_plugin, inline=False)
        footnotes.install(md, config.xhtml)
    if config.definition_list:
        md.use(deflist_plugin)
        install_definition_terms(md)
        md.core.ruler.push("goldmark_deflist_tight", definition_tightness_rule)
    _install_extras(md, config)
    if config.passthrough.enabled:
        passthrough_plugin(md, config.passthrough)
    if config.typographer.enabled:
        add_terminators(md, TYPOGRAPHER_TRIGGERS)
        typographer_plugin(md, config.typographer)
        md.add_render_rule(TYPOGRAPHER_TOKEN, _typographer_rule)
    install_text_rule(
        md,
        linkify=config.linkify,
        ellipsis=config.typographer.enabled and bool(config.typographer.ellipsis),
    )
    if config.linkify:
        linkify_plugin(md, config.linkify_protocol)
    if config.attribute_block:
        block_attributes_plugin(md)
    md.add_render_rule("blockquote_open", _blockquote_open)
    if config.attribute_title:
        md.core.ruler.after("block", "goldmark_heading_attributes", heading_attributes_rule)
    md.core.ruler.before("text_join", "hugo_heading_text", heading_text_rule)
    if config.task_list:
        md.core.ruler.after("inline", "goldmark_task_list", task_list_rule)
        md.add_render_rule(TASK, task_checkbox_rule(config.xhtml))
    if not config.wrap_standalone_image:
        md.core.ruler.push("hugo_standalone_images", links.unwrap_standalone_images)
    md.core.ruler.after("block", "goldmark_list_code_blanks", code.blank_lines_in_list_code_rule)
    links.install(md, unsafe=config.unsafe, xhtml=config.xhtml)
    tables.install(md)
    block_rule, inline_rule = html_rules(config.unsafe)
    md.add_render_rule("html_block", block_rule)
    md.add_render_rule("html_inline", inline_rule)
    md.add_render_rule("code_block", code.code_block)
    if config.highlight.code_fences:
        md.add_render_rule("fence", code.fence_rule(config.highlight))
    else:
        md.add_render_rule("fence", code.plain_fence)
    plain_inline.install(md)
    dispatch.install(md)  # last: it compiles the block and inline rules as they are now
    return md


def _install_extras(md: MarkdownIt, config: MarkupConfig) -> None:
    extras = config.extras
    if extras.mark:
        extra_plugin(md, "=", "mark", "mark", {2})
    if extras.insert:
        extra_plugin(md, "+", "ins", "ins", {2})
    if extras.superscript:
        extra_plugin(md, "^", "sup", "sup", None)
    if not config.strikethrough and (extras.delete or extras.subscript):
        # One rule for `~`: `~~` deletes, other runs subscript (each when enabled).
        if extras.delete and extras.subscript:
            md.use(_tilde_pair)
        elif extras.delete:
            extra_plugin(md, "~", "del", "del", {2})
        else:
            extra_plugin(md, "~", "sub", "sub", None)


def _tilde_pair(md: MarkdownIt) -> None:
    extra_plugin(md, "~", "tilde", "sub", None)

    def retag(state: StateCore) -> None:
        for token in state.tokens:
            for child in token.children or ():
                if child.type.startswith("tilde_"):
                    deleted = child.markup == "~~"
                    child.tag = "del" if deleted else "sub"
                    child.type = child.type.replace("tilde", "del" if deleted else "sub")

    md.core.ruler.after("inline", "hugo_tilde_extras", retag)


def _fixed(text: str) -> Any:
    def render(_self: Any, _tokens: Sequence[Token], _idx: int, _o: Any, _e: Any) -> str:
        return text

    return render


def _blockquote_open(self: Any, tokens: Sequence[Token], idx: int, _o: Any, _e: Any) -> str:
    # Hugo's blockquote renderer always ends the tag with a newline (even when the
    # quote is empty) unless the quote has attributes; then it adds none.
    token = tokens[idx]
    newline = "" if any(name != "data-line" for name in token.attrs) else "\n"
    return f"<blockquote{self.renderAttrs(token)}>{newline}"


def _typographer_rule(_self: Any, tokens: Sequence[Token], idx: int, _o: Any, _e: Any) -> str:
    return render_typographer(list(tokens), idx)


def parse_tokens(text: str, config: MarkupConfig, env: dict[str, Any]) -> list[Token]:
    """Step 1: tokens for `text`, with per-block rules applied and `env` filled."""
    return markdown_parser(config).parse(text, env)


def per_block_core_rules(config: MarkupConfig) -> list[Callable[[StateCore], None]]:
    """The core rules that run after the block parse, but for `footnote_tail`.

    Each looks inside one top-level block only, so `IncrementalMarkdown` runs them per
    block; `footnote_tail` gathers every footnote definition at the document's end.
    """
    core = markdown_parser(config).core.ruler
    names = core.get_active_rules()
    rules = core.getRules("")
    after_block = names.index("block") + 1
    pairs = zip(names[after_block:], rules[after_block:], strict=True)
    return [rule for name, rule in pairs if name != "footnote_tail"]


def finish_document(
    tokens: Sequence[Token],
    config: MarkupConfig,
    render_inline: Callable[[list[Token]], str],
    line_of: Callable[[int], int] | None = None,
) -> tuple[Heading, ...]:
    """Step 2: assign heading ids across the document and list the headings."""
    assign_heading_ids(
        tokens,
        config.auto_heading_id_type,
        config.auto_heading_id,
        config.auto_definition_term_id,
    )
    headings: list[Heading] = []
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        children = tokens[index + 1].children or []
        line = token.map[0] if token.map else 0
        headings.append(
            Heading(
                level=int(token.tag[1]),
                id=str(token.attrs.get("id", "")),
                html=toc_title(children, render_inline),
                line=line_of(line) if line_of else line,
            )
        )
    return tuple(headings)


def add_data_lines(tokens: Sequence[Token], line_of: Callable[[int], int] | None = None) -> None:
    """Step 3 (preview): `data-line` on every block token that opens an element."""
    for token in tokens:
        if token.block and token.map is not None and token.nesting >= 0 and not token.hidden:
            if token.type in ("inline", "html_block"):
                continue
            line = token.map[0]
            token.attrs["data-line"] = line_of(line) if line_of else line


def render_tokens(tokens: Sequence[Token], config: MarkupConfig, env: dict[str, Any]) -> str:
    """Step 4: HTML for `tokens` (all of them, or a slice of whole top-level blocks)."""
    md = markdown_parser(config)
    html: str = md.renderer.render(tokens, md.options, env)
    return html


def inline_renderer(config: MarkupConfig, env: dict[str, Any]) -> Callable[[list[Token]], str]:
    """Renders inline children, for heading titles."""
    md = markdown_parser(config)
    renderer = cast(RendererHTML, md.renderer)

    def render(children: list[Token]) -> str:
        html: str = renderer.renderInline(children, md.options, env)
        return html

    return render


def render_markdown(
    text: str,
    config: MarkupConfig = DEFAULT_MARKUP,
    *,
    preview: bool = False,
    line_of: Callable[[int], int] | None = None,
) -> RenderedMarkdown:
    """`text` as Hugo's `.Content`, and its headings; `preview` adds `data-line`."""
    env: dict[str, Any] = {}
    tokens = parse_tokens(text, config, env)
    headings = finish_document(tokens, config, inline_renderer(config, env), line_of)
    if preview:
        add_data_lines(tokens, line_of)
    return RenderedMarkdown(render_tokens(tokens, config, env), headings)
