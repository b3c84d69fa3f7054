"""The preview's web page: locked down, and never navigated away from the post.

A click on a link must not replace the preview with some other page: links to
the web open in the writer's browser, `#anchors` scroll within the post, links
to the site's own pages are announced (`site_link_clicked`) for the window to
open that post, and everything else is ignored. Embedded frames load from the web
only when the writer allows remote content.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineSettings

from postedit.render.page import PREVIEW_SCHEME, SITE_HOST

Opener = Callable[[QUrl], object]  # QDesktopServices.openUrl, or a test's recorder

EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
REMOTE_SCHEMES = frozenset({"http", "https"})

logger = logging.getLogger(__name__)


def lock_down(settings: QWebEngineSettings) -> None:
    """No page JavaScript, plugins or file access; our own scripts use the application world."""
    attribute = QWebEngineSettings.WebAttribute
    for name, enabled in (
        (attribute.JavascriptEnabled, False),
        (attribute.JavascriptCanOpenWindows, False),
        (attribute.JavascriptCanAccessClipboard, False),
        (attribute.LocalContentCanAccessRemoteUrls, False),
        (attribute.LocalContentCanAccessFileUrls, False),
        (attribute.PluginsEnabled, False),
        (attribute.PdfViewerEnabled, False),
        (attribute.AutoLoadIconsForPage, False),
        (attribute.ErrorPageEnabled, False),
        (attribute.NavigateOnDropEnabled, False),
        (attribute.HyperlinkAuditingEnabled, False),
        (attribute.FocusOnNavigationEnabled, False),
    ):
        settings.setAttribute(name, enabled)


def _without_fragment(url: QUrl) -> str:
    return url.toString().partition("#")[0]


class PreviewPage(QWebEnginePage):
    """Loads only the current preview page; sends link clicks where they belong."""

    site_link_clicked = Signal(QUrl)  # a click on a `postedit://site/...` link to another page

    def __init__(
        self,
        profile: QWebEngineProfile,
        opener: Opener,
        remote_allowed: Callable[[], bool],
        parent: QObject,
    ) -> None:
        super().__init__(profile, parent)
        self._opener = opener
        self._remote_allowed = remote_allowed
        self._document = QUrl()
        lock_down(self.settings())

    def show_document(self, url: QUrl) -> None:
        """Load the page at `url` (the only navigation this page accepts)."""
        self._document = QUrl(url)
        self.load(url)

    def javaScriptConsoleMessage(
        self,
        level: QWebEnginePage.JavaScriptConsoleMessageLevel,
        message: str,
        line_number: int,
        source_id: str,
    ) -> None:
        # What Chromium says about the post's content ("Not allowed to load local
        # resource", a blocked image) is about the writer's post, not a fault of
        # ours: it goes to the debug log, not to Qt's warnings.
        logger.debug("preview console (%s) %s:%s: %s", level.name, source_id, line_number, message)

    def acceptNavigationRequest(
        self, url: QUrl | str, navigation_type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        url = QUrl(url)
        scheme = url.scheme().lower()
        if not is_main_frame:  # an embed (iframe) loading, or navigating itself
            if scheme in REMOTE_SCHEMES:
                return self._remote_allowed()
            return scheme in (PREVIEW_SCHEME, "about", "data")
        same_document = _without_fragment(url) == _without_fragment(self._document)
        if navigation_type == QWebEnginePage.NavigationType.NavigationTypeLinkClicked:
            if same_document and url.hasFragment():
                return True
            if scheme in EXTERNAL_SCHEMES:
                self._opener(url)
            elif scheme == PREVIEW_SCHEME and url.host() == SITE_HOST and not same_document:
                self.site_link_clicked.emit(url)
            return False
        return same_document
