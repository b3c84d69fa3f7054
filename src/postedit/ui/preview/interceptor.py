"""Keeps the preview offline: no request leaves the machine unless the writer allows it.

A post may embed remote images, iframes or fonts; loading them would tell a third
party what the writer is drafting. Local files are reached only through postedit's
scheme (which checks where they are), never through `file:`.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWebEngineCore import QWebEngineUrlRequestInfo, QWebEngineUrlRequestInterceptor

from postedit.render.page import PREVIEW_SCHEME

REMOTE_SCHEMES = frozenset({"http", "https", "ws", "wss"})
# Schemes that carry their content inline or name nothing outside the page.
INLINE_SCHEMES = frozenset({PREVIEW_SCHEME, "data", "about"})


class RemoteContentBlocker(QWebEngineUrlRequestInterceptor):
    """Blocks every request but postedit's own and inline ones; remote ones when allowed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.remote_allowed = False
        self.blocked: list[str] = []  # what was refused, newest last (for tests and support)

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl()
        scheme = url.scheme().lower()
        if scheme in INLINE_SCHEMES or (self.remote_allowed and scheme in REMOTE_SCHEMES):
            return
        info.block(True)
        if len(self.blocked) >= 100:
            del self.blocked[0]
        self.blocked.append(url.toString())
