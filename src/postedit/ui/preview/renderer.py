"""The one place the preview asks render/ for a post's HTML.

Runs on a worker thread: it touches no Qt object. Each open post has its own
incremental Markdown renderer (`make_markdown`) and block splitter, so a keystroke
in a long post re-renders the blocks it touched and the GUI thread gets only the
blocks that changed.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from postedit.core.site import Site
from postedit.render.blocks import BlockSplitter, ContentBlocks
from postedit.render.config import DEFAULT_MARKUP, MarkupConfig
from postedit.render.content import MarkdownRenderer, render_post
from postedit.render.incremental import IncrementalMarkdown
from postedit.render.page import PageLocation, PageParts, page_parts

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RenderRequest:
    """Everything one render needs; immutable, so the worker can read it safely."""

    location: PageLocation
    front_matter: Mapping[str, Any]
    body: str
    markdown: MarkdownRenderer | None = None
    splitter: BlockSplitter | None = None  # the post's; None: the GUI thread splits
    allow_remote: bool = False  # real embeds instead of offline cards
    generation: int = 0  # which post this belongs to (set_post starts a new one)
    requested_at: float = 0.0  # time.perf_counter() of the newest edit it includes


@dataclass(frozen=True)
class RenderResult:
    """What the pane puts on the page."""

    request: RenderRequest
    parts: PageParts
    problems: tuple[str, ...] = field(default=())
    blocks: ContentBlocks | None = None  # `parts.content` as blocks (see `with_blocks`)


def with_blocks(result: RenderResult) -> RenderResult:
    """`result` with its content split into blocks by the post's splitter (worker side).

    Splitting from the last rendering scans only what changed; done here, the GUI
    thread's share of a keystroke does not grow with the post.
    """
    splitter = result.request.splitter
    if splitter is None or result.blocks is not None:
        return result
    return replace(result, blocks=splitter.split(result.parts.content))


def make_markdown(site: Site | None) -> MarkdownRenderer:
    """The incremental Markdown renderer of one open post (a new one per post or site).

    It keeps the post's parsed blocks between renders, so a keystroke in a long
    post re-renders only the blocks it touched.
    """
    config = MarkupConfig.from_site(site) if site else DEFAULT_MARKUP
    return IncrementalMarkdown(config, preview=True).render


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
