"""The one place the preview asks render/ for a post's HTML.

Runs on a worker thread: it touches no Qt object. `make_markdown` gives each
open post an incremental Markdown renderer, so a keystroke in a long post
re-renders only the blocks it touched.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from postedit.core.site import Site
from postedit.render.config import DEFAULT_MARKUP, MarkupConfig
from postedit.render.content import MarkdownRenderer, render_post
from postedit.render.markdown import RenderedMarkdown
from postedit.render.page import PageLocation, PageParts, page_parts

LineMap = Callable[[int], int]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RenderRequest:
    """Everything one render needs; immutable, so the worker can read it safely."""

    location: PageLocation
    front_matter: Mapping[str, Any]
    body: str
    markdown: MarkdownRenderer | None = None
    allow_remote: bool = False  # real embeds instead of offline cards
    generation: int = 0  # which post this belongs to (set_post starts a new one)
    requested_at: float = 0.0  # time.perf_counter() of the newest edit it includes


@dataclass(frozen=True)
class RenderResult:
    """What the pane puts on the page."""

    request: RenderRequest
    parts: PageParts
    problems: tuple[str, ...] = field(default=())


def _identity(line: int) -> int:
    return line


def _shape(text: str, line_of: LineMap | None) -> tuple[tuple[int, int], ...]:
    """Where `line_of` stops being `line + constant`: equal shapes map lines alike."""
    if line_of is None:
        return ()
    points = []
    offset = None
    for line in range(text.count("\n") + 1):
        delta = line_of(line) - line
        if delta != offset:
            points.append((line, delta))
            offset = delta
    return tuple(points)


class IncrementalPageMarkdown:
    """`render_post`'s `markdown=` for one open post, backed by IncrementalMarkdown.

    WORKAROUND: render_post passes each call its own `line_of` (body lines around
    shortcodes), while IncrementalMarkdown takes one at construction. The map is
    followed through an indirection; when its shape changes (a shortcode gained
    or lost lines) the blocks' cached line numbers are stale, so a fresh
    IncrementalMarkdown renders the whole text once.
    """

    def __init__(self, config: MarkupConfig = DEFAULT_MARKUP) -> None:
        self._config = config
        self._line_of: LineMap = _identity
        self._shape: tuple[tuple[int, int], ...] | None = None
        self._renderer: Any = None  # IncrementalMarkdown, made on first use

    def __call__(
        self, text: str, *, preview: bool = False, line_of: LineMap | None = None
    ) -> RenderedMarkdown:
        shape = _shape(text, line_of)
        self._line_of = line_of or _identity
        if self._renderer is None or shape != self._shape:
            from postedit.render.incremental import IncrementalMarkdown

            self._shape = shape
            self._renderer = IncrementalMarkdown(
                self._config, preview=True, line_of=lambda line: self._line_of(line)
            )
        rendered: RenderedMarkdown = self._renderer.render(text)
        return rendered


def make_markdown(site: Site | None) -> MarkdownRenderer | None:
    """An incremental Markdown renderer for one open post (None: render in full)."""
    try:
        import postedit.render.incremental  # noqa: F401
    except ImportError:  # WORKAROUND: render/incremental.py is still landing
        return None
    return IncrementalPageMarkdown(MarkupConfig.from_site(site) if site else DEFAULT_MARKUP)


def render_page(request: RenderRequest) -> RenderResult:
    """Render a request into the page's header and content (on a worker thread).

    render_post promises never to raise for bad content; should a bug break that
    promise, the writer sees a plain message in the preview instead of a frozen one.
    """
    location = request.location
    try:
        post = render_post(
            request.body,
            site=location.site,
            front_matter=request.front_matter,
            path=location.post,
            preview=True,
            markdown=request.markdown,
            allow_remote=request.allow_remote,
        )
    except Exception as error:
        logger.exception("render_post failed")
        problem = f"The preview could not render this post: {error}"
        content = f'<div class="postedit-shortcode-problem">{html.escape(problem)}</div>'
        return RenderResult(
            request, page_parts(location, request.front_matter, content), (problem,)
        )
    parts = page_parts(location, request.front_matter, post.html)
    return RenderResult(request, parts, tuple(post.problems))
