"""postedit's own URL scheme: the preview page and the files it may show.

The page is served from memory (not `setHtml`, which stops at 2 MB) and every
file request goes through `render.page.resolve_local`, which refuses anything
outside the site's static, assets and content folders, the post's bundle and
the app's preview resources.
"""

from __future__ import annotations

import mimetypes

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QCoreApplication,
    QFile,
    QIODevice,
    QObject,
    QUrl,
)
from PySide6.QtWebEngineCore import (
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

from postedit.render.page import PREVIEW_SCHEME, SITE_HOST, PageLocation, resolve_local

SCHEME_NAME = PREVIEW_SCHEME.encode("ascii")


def register_url_scheme() -> None:
    """Tell QtWebEngine about `postedit:` URLs; call before the QApplication exists.

    Idempotent. Registering later is impossible (Qt refuses and warns), so that
    case raises instead, naming what to do.
    """
    if QWebEngineUrlScheme.schemeByName(SCHEME_NAME).name() == SCHEME_NAME:
        return
    if QCoreApplication.instance() is not None:
        raise RuntimeError(
            "postedit.ui.preview.register_url_scheme() must run before the QApplication is created."
        )
    scheme = QWebEngineUrlScheme(SCHEME_NAME)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setFlags(QWebEngineUrlScheme.Flag.SecureScheme)
    QWebEngineUrlScheme.registerScheme(scheme)


def is_url_scheme_registered() -> bool:
    """Whether `register_url_scheme()` ran (in time) in this process."""
    return QWebEngineUrlScheme.schemeByName(SCHEME_NAME).name() == SCHEME_NAME


class PreviewSchemeHandler(QWebEngineUrlSchemeHandler):
    """Answers `postedit://` requests: the current page from memory, files from disk."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._location: PageLocation | None = None
        self._page = QByteArray()

    def set_page(self, location: PageLocation, html: str) -> None:
        """The page to serve at `location.url` from now on."""
        self._location = location
        self._page = QByteArray(html.encode("utf-8"))

    def clear(self) -> None:
        """Serve nothing: no post is shown."""
        self._location = None
        self._page = QByteArray()

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        url = job.requestUrl()
        if job.requestMethod() != b"GET":
            job.fail(QWebEngineUrlRequestJob.Error.RequestDenied)
            return
        host = url.host()
        raw_path = url.path(QUrl.ComponentFormattingOption.FullyEncoded)
        location = self._location
        if location is not None and host == SITE_HOST and raw_path == location.url_path:
            buffer = QBuffer(job)
            buffer.setData(self._page)
            buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            job.reply(b"text/html;charset=utf-8", buffer)
            return
        path = resolve_local(host, raw_path, location)
        if path is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        device = QFile(str(path), job)
        if not device.open(QIODevice.OpenModeFlag.ReadOnly):
            job.fail(QWebEngineUrlRequestJob.Error.RequestFailed)
            return
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        job.reply(mime.encode("ascii"), device)
