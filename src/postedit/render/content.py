"""A post body to Hugo's `.Content`: shortcodes, Markdown and the table of contents.

Hugo's order, followed here (hugolib/page__content.go, shortcode.go):

1. The page lexer finds the shortcodes and the first `<!--more-->`.
2. `{{% %}}` calls are rendered first and their output is put into the Markdown
   source; `{{< >}}` calls are replaced by placeholder tokens.
3. Goldmark renders the Markdown; its headings make `.TableOfContents`.
4. The tokens are replaced by the rendered shortcodes; a token that is alone in a
   paragraph takes the `<p>` with it. `.Page.TableOfContents` used in a shortcode
   is a token too, filled in last.
5. The summary divider is cut out.

A shortcode that cannot be rendered becomes a visible placeholder and an entry in
`problems`; the rest of the post renders and nothing is raised to the caller.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from postedit.core.quickread import split_head
from postedit.core.site import Site
from postedit.render.config import MarkupConfig
from postedit.render.gotemplate import Template, TemplateError, parse
from postedit.render.gotemplate.limits import budget as template_budget
from postedit.render.markdown import Heading, RenderedMarkdown, render_markdown
from postedit.render.shortcodes.builtins import BUILTINS, REMOVED
from postedit.render.shortcodes.context import TOC_TOKEN, PageContext, ShortcodeContext
from postedit.render.shortcodes.host import SiteHost
from postedit.render.shortcodes.pages import page_context
from postedit.render.shortcodes.parser import (
    Broken,
    Node,
    Shortcode,
    Text,
    has_shortcode,
)
from postedit.render.shortcodes.parser import (
    parse as parse_shortcodes,
)
from postedit.render.shortcodes.problems import ShortcodeProblem, describe, placeholder
from postedit.render.shortcodes.summary import (
    SUMMARY_DIVIDER,
    SUMMARY_REPLACEMENT,
    cut_summary_divider,
)
from postedit.render.shortcodes.templates import TemplateFinder
from postedit.render.toc import table_of_contents

_TOKEN_PREFIX = "HAHAHUGOSHORTCODE"
_TOKEN_SUFFIX = "HBHB"
# `<p>` right before a token; in preview mode it carries the block's source line.
_OPENING_P = re.compile(r'<p( data-line="\d+")?>\Z')
# The first tag of a block that replaced such a paragraph: it inherits the line.
_FIRST_TAG = re.compile(r"\A(\s*<[a-zA-Z][a-zA-Z0-9-]*)(?=[\s>/])")
_INNER_PARAGRAPH = re.compile(r"<p>(.*)</p>\n")
_TOKEN = re.compile(_TOKEN_PREFIX + r"[0-9A-Za-z]*?" + _TOKEN_SUFFIX)
_MAX_DEPTH = 50  # shortcode output that names its own token must not loop
# Nor may it multiply: output holding its own token twice doubles at every level.
# Hugo itself loops for ever on that; the preview stops expanding repeats after this.
_MAX_REPEATED = 1_000_000


class MarkdownRenderer(Protocol):
    """`render_markdown` bound to a config, or an incremental renderer's `render`."""

    def __call__(
        self, text: str, *, preview: bool = False, line_of: Callable[[int], int] | None = None
    ) -> RenderedMarkdown: ...


class RenderedPost(NamedTuple):
    html: str  # .Content
    toc: str  # .TableOfContents
    headings: tuple[Heading, ...]
    problems: tuple[str, ...]  # shortcodes that could not be rendered, in plain words


def render_content(text: str, site: Site | None = None) -> str:
    """Hugo's `.Content` for a post body (Hugo's defaults when `site` is None)."""
    return render_post(text, site=site).html


def render_post(
    body: str,
    *,
    site: Site | None = None,
    front_matter: Mapping[str, Any] | None = None,
    path: Path | None = None,
    preview: bool = False,
    markdown: MarkdownRenderer | None = None,
    allow_remote: bool = False,
) -> RenderedPost:
    """Render a post body as Hugo would, with its table of contents and problems.

    `path` (the post's file) gives `.Page` its URL, section and bundle resources.
    `preview` adds `data-line` attributes pointing at lines of `body`. `markdown`
    replaces `render_markdown` for the page's own Markdown (the UI's incremental
    renderer). `allow_remote` renders real embeds instead of offline cards.
    """
    try:
        with template_budget():  # one deadline for all of the post's templates
            return _PostRenderer(
                body, site, front_matter or {}, path, markdown, allow_remote
            ).render(preview)
    except RecursionError:
        return _unrenderable("The post nests shortcodes too deeply to render.")
    except Exception as error:
        # The contract: bad content never raises. A renderer bug shows as a problem.
        return _unrenderable(
            f"postedit could not render this post ({type(error).__name__}: {error})"
        )


def _unrenderable(problem: str) -> RenderedPost:
    return RenderedPost(placeholder("", problem, block=True), "", (), (problem,))


@dataclass
class _Piece:
    """A stretch of the Markdown source and where it came from in the body."""

    text: str
    start: int
    verbatim: bool


@dataclass
class _Output:
    """What rendering collects besides the Markdown: token values and problems."""

    tokens: dict[str, str] = field(default_factory=dict)
    problem_tokens: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)
    expanded: set[str] = field(default_factory=set)  # tokens replaced so far
    repeated: int = 0  # characters inserted for tokens met again (a post has none)


class _PostRenderer:
    """One render of one post: its page context, site services, tokens and problems."""

    def __init__(
        self,
        body: str,
        site: Site | None,
        front_matter: Mapping[str, Any],
        path: Path | None,
        markdown: MarkdownRenderer | None,
        allow_remote: bool,
    ) -> None:
        self.body = body
        self.site = site
        self.config = MarkupConfig.from_site(site) if site is not None else MarkupConfig()
        self.page_markdown = markdown
        self.finder = TemplateFinder(site)
        self.out = _Output()
        self.inline_templates: dict[str, Template] = {}
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", body)]
        self.page = page_context(
            site,
            path,
            front_matter,
            render_string=lambda text, options: self.host.render_string(text, options),
            page_lookup=self.other_page,
        )
        self.host = SiteHost(
            site=site,
            finder=self.finder,
            markdown=self.markdownify_block,
            relative=self.page.content_path,
            allow_remote=allow_remote,
            language=self.page.Lang,
            site_context=self.page.Site,
            page_resources=self.page.Resources,
        )
        self.path = path
        self.filename = str(path) if path is not None else "content.md"

    def other_page(self, target: str) -> PageContext | None:
        """`.GetPage`: another page of the site as `.Page`, or None (Go's nil)."""
        if self.site is None:
            return None
        try:
            relative, front_matter = self.host.find_page(target)
        except ShortcodeProblem:
            return None
        return page_context(
            self.site,
            self.site.content_dir / relative,
            front_matter,
            render_string=lambda text, options: self.host.render_string(text, options),
            page_lookup=self.other_page,
        )

    # --- Markdown --------------------------------------------------------------------

    def markdownify_block(self, text: str) -> str:
        """Markdown rendered as the page's, for `.Inner` of nested `{{% %}}` and friends."""
        html = render_markdown(text, self.config).html
        return self.expand(html)

    def line(self, offset: int) -> int:
        """0-based body line of a character offset."""
        return bisect.bisect_right(self._line_starts, offset) - 1

    # --- shortcodes ------------------------------------------------------------------

    def takes_inner(self, name: str) -> bool | None:
        found = self.finder.shortcode(name)
        if found is not None:
            return found.takes_inner
        builtin = BUILTINS.get(name)
        return builtin.takes_inner if builtin is not None else None

    def is_block(self, start: int, end: int) -> bool:
        """Whether a call stands alone on its lines (its placeholder then is a div)."""
        line_start = self.body.rfind("\n", 0, start) + 1
        line_end = self.body.find("\n", end)
        after = self.body[end : len(self.body) if line_end < 0 else line_end]
        return not self.body[line_start:start].strip() and not after.strip()

    def problem(self, name: str, reason: str, start: int, end: int) -> str:
        """Record a problem; the token that shows it where the call was."""
        self.out.problems.append(describe(name, reason, self.line(start) + 1))
        token = f"{_TOKEN_PREFIX}0p{len(self.out.problems)}{_TOKEN_SUFFIX}"
        self.out.tokens[token] = placeholder(name, reason, block=self.is_block(start, end))
        self.out.problem_tokens.add(token)
        return token

    @functools.cached_property
    def head_lines(self) -> int:
        """Lines before the body in the post's file (front matter), for `.Position`."""
        if self.path is None:
            return 0
        try:
            return split_head(self.path.read_bytes()).head.count("\n")
        except (OSError, ValueError):
            return 0

    def position(self, offset: int) -> str:
        """`.Position` as Hugo prints it: quoted file, line and column."""
        line = self.line(offset)
        column = offset - self._line_starts[line] + 1
        return f'"{self.filename}:{self.head_lines + line + 1}:{column}"'

    def render_node(self, node: Shortcode, level: int, parent: ShortcodeContext | None) -> str:
        """The output of one call (nested calls rendered into its `.Inner` first)."""
        if node.inline and not self.inline_enabled:
            return ""  # Hugo renders inline shortcodes only with enableInlineShortcodes
        context = ShortcodeContext(
            name=node.name,
            params=node.params,
            inner="",
            page=self.page,
            parent=parent,
            ordinal=node.ordinal,
            indentation=node.indentation,
            position=lambda: self.position(node.start),
        )
        if node.inner:
            parts: list[str] = []
            for child in node.inner:
                if isinstance(child, Text):
                    parts.append(child.text)
                elif isinstance(child, Broken):
                    parts.append(self.problem(child.name, child.reason, child.start, child.end))
                else:
                    parts.append(self.render_safely(child, level + 1, context))
            inner = "".join(parts)
            if node.markdown and level > 0:
                rendered = self.markdownify_block(inner)
                if "\n" not in inner and (match := _INNER_PARAGRAPH.fullmatch(rendered)):
                    rendered = match.group(1)
                inner = rendered
            context.Inner = type(context.Inner)(inner)
        output = self.execute(node, context)
        if not node.inner and node.indentation and "\n" in output:
            lines = output.splitlines(keepends=True)
            output = lines[0] + "".join(node.indentation + line for line in lines[1:])
        return output

    def render_safely(self, node: Shortcode, level: int, parent: ShortcodeContext | None) -> str:
        """The call's output, or the token of its problem marker."""
        try:
            return self.render_node(node, level, parent)
        except ShortcodeProblem as error:
            return self.problem(node.name, str(error), node.start, node.end)

    @functools.cached_property
    def inline_enabled(self) -> bool:
        """Whether the site sets `security.enableInlineShortcodes`."""
        security = self.site.config.get("security") if self.site is not None else None
        return isinstance(security, Mapping) and security.get("enableinlineshortcodes") is True

    def execute_inline(self, node: Shortcode, context: ShortcodeContext) -> str:
        """An inline shortcode: its inner text is a text/template, kept for later calls."""
        if node.inner:
            source = "".join(child.text for child in node.inner if isinstance(child, Text))
            self.inline_templates[node.name] = parse(source, f"_inline_shortcode/{node.name}")
        template = self.inline_templates.get(node.name)
        if template is None:
            raise ShortcodeProblem(f'no earlier definition of shortcode "{node.name}" found')
        context.Inner = type(context.Inner)("")
        return template.execute(context, self.host, html=False, templates=self.host.template_set)

    def execute(self, node: Shortcode, context: ShortcodeContext) -> str:
        """Run the site's (or a theme's) template, else Hugo's built-in; errors as problems."""
        found = self.finder.shortcode(node.name)
        try:
            if node.inline:
                return self.execute_inline(node, context)
            if found is not None:
                template = parse(found.text, f"_shortcodes/{node.name}.html")
                return template.execute(
                    context, self.host, html=True, templates=self.host.template_set
                )
            builtin = BUILTINS.get(node.name)
            if builtin is None:
                raise ShortcodeProblem("unknown shortcode")
            output = builtin.render(context, self.host)
            if node.name in REMOVED:
                self.out.problems.append(
                    describe(node.name, REMOVED[node.name], self.line(node.start) + 1)
                )
            return output
        except ShortcodeProblem:
            raise
        except TemplateError as error:
            raise ShortcodeProblem(str(error)) from None
        except RecursionError:
            raise
        except Exception as error:
            raise ShortcodeProblem(f"{type(error).__name__}: {error}") from None

    # --- the page --------------------------------------------------------------------

    def pieces(self, nodes: list[Node]) -> tuple[list[_Piece], bool]:
        """The Markdown source in pieces, and whether it has a summary divider."""
        pieces: list[_Piece] = []
        divided = False
        for node in nodes:
            if isinstance(node, Text):
                text = node.text
                at = -1 if divided else text.find(SUMMARY_DIVIDER)
                if at >= 0 and node.end - node.start == len(text):
                    rest = at + len(SUMMARY_DIVIDER)
                    while rest < len(text) and text[rest].isspace():
                        rest += 1
                    pieces.append(_Piece(text[:at], node.start, True))
                    pieces.append(_Piece(SUMMARY_REPLACEMENT, node.start + at, False))
                    pieces.append(_Piece(text[rest:], node.start + rest, True))
                    divided = True
                else:
                    pieces.append(_Piece(text, node.start, node.end - node.start == len(text)))
            elif isinstance(node, Broken):
                token = self.problem(node.name, node.reason, node.start, node.end)
                pieces.append(_Piece(token, node.start, False))
            elif node.markdown and not node.inline:
                pieces.append(_Piece(self.render_safely(node, 0, None), node.start, False))
            else:
                token = f"{_TOKEN_PREFIX}0s{node.ordinal}{_TOKEN_SUFFIX}"
                output = self.render_safely(node, 0, None)
                if output in self.out.problem_tokens:
                    token = output  # its own token, so it knows where it lands
                else:
                    self.out.tokens[token] = output
                pieces.append(_Piece(token, node.start, False))
        return pieces, divided

    def line_map(self, pieces: list[_Piece]) -> list[int]:
        """For each line of the Markdown source, the body line it came from."""
        lines = [self.line(pieces[0].start) if pieces else 0]
        for index, piece in enumerate(pieces):
            count = piece.text.count("\n")
            if not count:
                continue
            first = self.line(piece.start)
            if piece.verbatim:
                lines.extend(range(first + 1, first + 1 + count))
                continue
            lines.extend([first] * (count - 1))
            # A piece ending in a line break (the summary divider's stand-in) hands the
            # next line to the piece after it, which may start lines further down.
            following = index + 1 < len(pieces) and piece.text.endswith("\n")
            lines.append(max(first, self.line(pieces[index + 1].start)) if following else first)
        return lines

    def expand(self, html: str, depth: int = 0) -> str:
        """Replace tokens by their HTML; a token alone in a `<p>` takes the `<p>` along.

        Tokens inside a replacement are expanded too (Hugo rescans what it inserted).
        """
        tokens = self.out.tokens
        if not tokens or _TOKEN_PREFIX not in html or depth > _MAX_DEPTH:
            return html
        parts: list[str] = []
        position = 0
        for match in _TOKEN.finditer(html):
            value = tokens.get(match.group())
            if value is None:
                continue
            start, end = match.span()
            if match.group() in self.out.problem_tokens and _inside_tag(html, start):
                value = ""  # a marker inside an attribute (a link's href) would break the tag
            if match.group() in self.out.expanded:
                self.out.repeated += len(value)
            self.out.expanded.add(match.group())
            if self.out.repeated <= _MAX_REPEATED:
                value = self.expand(value, depth + 1)
            if html.startswith("</p>", end):
                opening = _OPENING_P.search(html, max(position, start - 32), start)
                if opening is not None:
                    start = opening.start()
                    end += 4
                    if opening.group(1):
                        value = _FIRST_TAG.sub(rf"\1{opening.group(1)}", value, count=1)
            parts.append(html[position:start])
            parts.append(value)
            position = end
        parts.append(html[position:])
        return "".join(parts)

    def render(self, preview: bool) -> RenderedPost:
        body = self.body
        nodes: list[Node] = (
            parse_shortcodes(body, self.takes_inner)
            if has_shortcode(body)
            else [Text(body, 0, len(body))]
        )
        pieces, divided = self.pieces(nodes)
        source = "".join(piece.text for piece in pieces)
        lines = self.line_map(pieces)
        last = len(lines) - 1

        def mapped(line: int) -> int:
            return lines[min(line, last)] if line >= 0 else 0

        # Most bodies keep their lines (no shortcode spans lines): then say so with
        # None, which lets an incremental renderer keep its blocks' line numbers.
        line_of = None if lines == list(range(len(lines))) else mapped
        if self.page_markdown is not None:
            rendered = self.page_markdown(source, preview=preview, line_of=line_of)
        else:
            rendered = render_markdown(source, self.config, preview=preview, line_of=line_of)
        # The Markdown renderer already mapped heading lines through `line_of`.
        headings = rendered.headings
        toc = table_of_contents(headings, self.config.toc)
        self.out.tokens[TOC_TOKEN] = toc
        html = self.expand(rendered.html)
        if divided:
            html = cut_summary_divider(html)
        return RenderedPost(html, toc, headings, tuple(self.out.problems))


def _inside_tag(html: str, offset: int) -> bool:
    """Whether `offset` is inside a start tag (an attribute value), not in text."""
    return html.rfind("<", 0, offset) > html.rfind(">", 0, offset)
