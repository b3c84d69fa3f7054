"""PreviewPane: the live preview beside the editor.

Each post loads its page once, through postedit's URL scheme; every edit after
that is rendered on a worker and patched into the page in place, so the page
never flickers, loses its scroll position or steals focus. The pane follows the
app's light or dark palette and keeps the editor and preview on the same line.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QPointF, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QPalette
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineScript
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QVBoxLayout, QWidget

from postedit.core.site import Site
from postedit.render.blocks import BlockPatch, BlockSplitter, ContentBlocks, compare_blocks
from postedit.render.content import MarkdownRenderer
from postedit.render.page import (
    SITE_HOST,
    PageLocation,
    PageParts,
    locate_page,
    page_html,
    resolve_local,
)
from postedit.ui.preview import scripts
from postedit.ui.preview.engine import apply_preview_flags
from postedit.ui.preview.interceptor import RemoteContentBlocker
from postedit.ui.preview.page import Opener, PreviewPage
from postedit.ui.preview.renderer import (
    RenderRequest,
    RenderResult,
    make_markdown,
    render_page,
    with_blocks,
)
from postedit.ui.preview.scheme import SCHEME_NAME, PreviewSchemeHandler, is_url_scheme_registered
from postedit.ui.preview.worker import DEBOUNCE_MS, Render, RenderScheduler, ThreadPool

APPLICATION_WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld
_WebAction = QWebEnginePage.WebAction
HIDDEN_ACTIONS = (
    *(_WebAction.Back, _WebAction.Forward, _WebAction.Reload, _WebAction.ReloadAndBypassCache),
    *(_WebAction.ViewSource, _WebAction.SavePage, _WebAction.InspectElement),
    *(_WebAction.OpenLinkInThisWindow, _WebAction.OpenLinkInNewWindow),
    *(_WebAction.OpenLinkInNewTab, _WebAction.OpenLinkInNewBackgroundTab),
    *(_WebAction.DownloadLinkToDisk, _WebAction.DownloadImageToDisk),
    _WebAction.DownloadMediaToDisk,
)


def _blocks_of(result: RenderResult) -> ContentBlocks:
    """The result's content as blocks: split on the worker, or here for a bare render."""
    if result.blocks is not None:
        return result.blocks
    return BlockSplitter().split(result.parts.content)


def is_dark(palette: QPalette) -> bool:
    """Whether a palette is a dark theme: its window colour is darker than mid-grey."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


class PreviewPane(QWidget):
    """Shows the open post as Hugo would render it, updated as the writer types."""

    rendered = Signal(float)  # ms from the request (edit or set_post) to the DOM showing it
    source_line_shown = Signal(int)  # 0-based body line now at the top of the preview
    problems_changed = Signal(list)  # list[str]: what could not be rendered, in plain words
    # The writer clicked a link to a page of the site (not to a file it serves, such
    # as an image): its URL path as shown ("/blog/my-post/"), for the window to open
    # the post published there (core.links.post_for_url).
    site_link_clicked = Signal(str)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        open_url: Opener = QDesktopServices.openUrl,
        render: Render = render_page,
        pool: ThreadPool | None = None,
        debounce_ms: int = DEBOUNCE_MS,
        clock: Callable[[], float] = time.perf_counter,
    ) -> None:
        if not is_url_scheme_registered():
            raise RuntimeError(
                "Call postedit.ui.preview.register_url_scheme() before creating the "
                "QApplication; the preview cannot load its pages without it."
            )
        super().__init__(parent)
        self._clock = clock
        self._site: Site | None = None
        self._location: PageLocation | None = None
        self._markdown: MarkdownRenderer | None = None  # the open post's, on the worker
        self._splitter: BlockSplitter | None = None  # the open post's, on the worker
        self._front_matter: dict[str, Any] = {}
        self._body = ""
        self._generation = 0
        self._page_generation = 0  # the post whose page is loaded (or loading)
        self._loading = False
        self._waiting: RenderResult | None = None  # to show once the page has loaded
        self._shown_header = ""
        self._shown_blocks: tuple[str, ...] | None = None  # None: the page tracks no blocks
        self._problems: list[str] = []
        self._dark = is_dark(self.palette())
        self._synced_line = 0  # the line editor and preview last agreed on
        self._line_after_load: int | None = None
        self._querying_line = False
        self._query_again = False

        self._view = QWebEngineView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._view)

        apply_preview_flags()  # before the first profile: Chromium reads them then
        profile = QWebEngineProfile()  # no storage name: off the record, nothing on disk
        # A preview keeps nothing: no HTTP cache (remote embeds, when allowed, are
        # fetched again), no cookies kept, no spellchecker dictionaries loaded.
        profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.NoCache)
        profile.setPersistentCookiesPolicy(
            QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies
        )
        profile.setSpellCheckEnabled(False)
        self._blocker = RemoteContentBlocker(profile)
        self._schemes = PreviewSchemeHandler(profile)
        profile.setUrlRequestInterceptor(self._blocker)
        profile.installUrlSchemeHandler(SCHEME_NAME, self._schemes)
        self._page = PreviewPage(profile, open_url, lambda: self._blocker.remote_allowed, self)
        # A profile must outlive its pages; children are deleted in the order they
        # were added, so the profile joins the pane after the page.
        profile.setParent(self)
        self._profile = profile
        self._page.setBackgroundColor(self.palette().color(QPalette.ColorRole.Base))
        self._view.setPage(self._page)
        for action in HIDDEN_ACTIONS:  # the preview is not a browser: no history, source, saving
            self._page.action(action).setVisible(False)

        self._scheduler = RenderScheduler(
            lambda request: with_blocks(render(request)),
            pool=pool,
            debounce_ms=debounce_ms,
            parent=self,
        )
        self._connect_signals()

    def _connect_signals(self) -> None:
        self._scheduler.rendered.connect(self._on_scheduler_rendered)
        self._page.loadFinished.connect(self._on_page_load_finished)
        self._page.scrollPositionChanged.connect(self._on_page_scroll_position_changed)
        self._page.site_link_clicked.connect(self._on_page_site_link_clicked)

    @property
    def view(self) -> QWebEngineView:
        """The web view showing the page (tests read its DOM through it)."""
        return self._view

    @property
    def blocked_requests(self) -> list[str]:
        """URLs refused since the pane was made, newest last (at most 100)."""
        return list(self._blocker.blocked)

    # The window's API -------------------------------------------------------------

    def set_site(self, site: Site | None) -> None:
        """The site whose files, config and shortcodes the next post is rendered with."""
        self._site = site

    def set_post(self, path: Path | None, front_matter: Mapping[str, Any], body: str) -> None:
        """Show another post: its page loads once, rendered as soon as possible."""
        self._generation += 1
        self._location = locate_page(self._site, path)
        # Both keep state about one post's text between renders: a new post, new ones.
        self._markdown = make_markdown(self._site)
        self._splitter = BlockSplitter()
        self._synced_line = 0
        self._line_after_load = None
        self._scheduler.cancel()
        self._scheduler.request(self._request(front_matter, body), now=True)

    def update_post(self, front_matter: Mapping[str, Any], body: str) -> None:
        """The writer changed the post: re-render after a pause and patch the page."""
        if self._location is None:
            self.set_post(None, front_matter, body)
            return
        self._scheduler.request(self._request(front_matter, body))

    def scroll_to_source_line(self, line: int) -> None:
        """Bring the block of body line `line` (0-based) to the top of the preview."""
        if self._loading or self._page_generation != self._generation:
            self._line_after_load = line
            return
        if line == self._synced_line:
            return  # the editor following the preview: it is already there
        self._page.runJavaScript(
            scripts.call(scripts.SCROLL_TO_LINE, line), APPLICATION_WORLD, self._on_scrolled
        )

    def allow_remote_content(self, allowed: bool) -> None:
        """Let the page load images and embeds from the web (off by default)."""
        if allowed == self._blocker.remote_allowed:
            return
        self._blocker.remote_allowed = allowed
        if self._location is not None:
            # Embeds render differently, and what the last load refused must be fetched:
            # render again and load the page afresh.
            self._page_generation = 0
            self._scheduler.request(self._request(self._front_matter, self._body), now=True)

    # Rendering --------------------------------------------------------------------

    def _request(self, front_matter: Mapping[str, Any], body: str) -> RenderRequest:
        assert self._location is not None
        # A copy the worker can read while the form goes on editing the original.
        self._front_matter, self._body = copy.deepcopy(dict(front_matter)), body
        return RenderRequest(
            location=self._location,
            front_matter=self._front_matter,
            body=body,
            markdown=self._markdown,
            splitter=self._splitter,
            allow_remote=self._blocker.remote_allowed,
            generation=self._generation,
            requested_at=self._clock(),
        )

    def _on_scheduler_rendered(self, result: RenderResult) -> None:
        if result.request.generation != self._generation:
            return  # a post no longer shown
        problems = list(result.problems)
        if problems != self._problems:
            self._problems = problems
            self.problems_changed.emit(problems)
        if self._page_generation != self._generation:
            self._page_generation = self._generation
            self._waiting = result
            self._load_page(result.parts.header)
        elif self._loading:
            self._waiting = result
        else:
            self._patch(result)

    def _load_page(self, header: str) -> None:
        """Load the post's page with an empty article; the content follows as blocks.

        The application world builds the article block by block once the page is
        there, so it can patch it later. Loading the content as HTML too would build
        the DOM twice and leave a 1 MB post's first copy to the garbage collector
        (~150 MB more in the page's process).
        """
        assert self._location is not None
        self._shown_header = header
        self._shown_blocks = None  # the new document's blocks are not tracked yet
        self._loading = True
        page = page_html(self._location, PageParts(header, ""), dark=self._dark)
        self._schemes.set_page(self._location, page)
        self._page.show_document(QUrl(self._location.url))

    def _on_page_load_finished(self, ok: bool) -> None:
        if not self._loading or not ok:
            return  # not ok: a load cut short by the next post's, whose own result follows
        self._loading = False
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self._patch(waiting)
        if self._line_after_load is not None:
            line, self._line_after_load = self._line_after_load, None
            self.scroll_to_source_line(line)

    def _patch(self, result: RenderResult) -> None:
        parts = result.parts
        update = {
            "header": None if parts.header == self._shown_header else parts.header,
            "content": self._content_patch(_blocks_of(result)),
        }
        self._shown_header = parts.header
        requested_at = result.request.requested_at

        def patched(top_line: object) -> None:
            if top_line == -2:  # a reload (F5) replaced the document: send all of it
                self._shown_header, self._shown_blocks = "", None
                self._patch(result)
                return
            if isinstance(top_line, int | float) and top_line >= 0:
                self._synced_line = int(top_line)
            self.rendered.emit(self._elapsed_ms(requested_at))

        self._page.runJavaScript(scripts.call(scripts.PATCH, update), APPLICATION_WORLD, patched)

    def _content_patch(self, content: ContentBlocks) -> dict[str, Any] | None:
        """The blocks that change, or all of them (`reset`) after a page load.

        The worker found the blocks (and usually the patch from the rendering
        before); here only block strings are compared, never the whole HTML scanned.
        """
        shown, self._shown_blocks = self._shown_blocks, content.blocks
        if shown is None:
            return {"reset": True, "head": 0, "tail": 0, "blocks": content.blocks, "shift": 0}
        if content.blocks is shown:
            return None
        patch: BlockPatch | None = content.patch
        if patch is None or content.previous is not shown:
            patch = compare_blocks(shown, content.blocks)  # the page shows another rendering
            if patch.head == len(shown) == len(content.blocks):
                return None
        return {"reset": False, **patch._asdict()}

    def _elapsed_ms(self, since: float) -> float:
        return (self._clock() - since) * 1000.0

    # Links ------------------------------------------------------------------------

    def _on_page_site_link_clicked(self, url: QUrl) -> None:
        raw_path = url.path(QUrl.ComponentFormattingOption.FullyEncoded)
        if resolve_local(SITE_HOST, raw_path, self._location) is not None:
            return  # a file the site serves (an image, a PDF): not a post to open
        self.site_link_clicked.emit(url.path())

    # Scroll sync ------------------------------------------------------------------

    def _on_scrolled(self, top_line: object) -> None:
        if isinstance(top_line, int | float):
            self._synced_line = int(top_line)

    def _on_page_scroll_position_changed(self, _position: QPointF) -> None:
        if self._querying_line:
            self._query_again = True
            return
        self._querying_line = True
        self._page.runJavaScript(scripts.TOP_LINE + "()", APPLICATION_WORLD, self._on_top_line)

    def _on_top_line(self, top_line: object) -> None:
        self._querying_line = False
        if self._query_again:
            self._query_again = False
            self._on_page_scroll_position_changed(QPointF())
            return
        if not isinstance(top_line, int | float) or int(top_line) == self._synced_line:
            return
        self._synced_line = int(top_line)
        self.source_line_shown.emit(self._synced_line)

    # Theme ------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._follow_palette()
        super().changeEvent(event)

    def _follow_palette(self) -> None:
        if "_page" not in self.__dict__:
            return  # a palette event while QWidget.__init__ runs, before the page exists
        dark = is_dark(self.palette())
        base: QColor = self.palette().color(QPalette.ColorRole.Base)
        self._page.setBackgroundColor(base)
        if dark == self._dark:
            return
        self._dark = dark
        theme = "dark" if dark else "light"
        self._page.runJavaScript(scripts.call(scripts.SET_THEME, theme), APPLICATION_WORLD)
