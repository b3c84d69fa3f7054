"""`postedit --smoke-test [POST]`: one short run of the real window that proves a build works.

CI runs it from source and from the frozen bundle (qutebrowser's `_smoke_test_run`
does the same for its builds). It opens a fresh copy of the demo site, or POST,
in the real `MainWindow`, waits for QtWebEngine to show the preview, reads the
rendered headline and table of contents back from the page, saves the post
through the window's Save As to a temporary folder and compares the bytes with
the original. It prints `smoke-test ok` and returns 0, or prints
`smoke-test failed: <reason>` to stderr and returns 1.

Nothing of the writer's is touched: settings, the index cache, the recovery
folders and the demo copy live in a temporary folder that is removed afterwards;
POST itself is only read. Resources come from `resources_dir()`, so the same run
works from a checkout and frozen. It runs on whatever Qt platform is set,
`offscreen` included.
"""

from __future__ import annotations

import json
import re
import sys
import tempfile
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QSettings,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtWebEngineCore import QWebEngineScript
from PySide6.QtWidgets import QApplication

from postedit.core.document import Document, DocumentError
from postedit.core.index import SiteIndex
from postedit.core.paths import ensure_demo_site
from postedit.core.recovery import Journal, VersionStore
from postedit.ui.application import PosteditApplication
from postedit.ui.main_window import MainWindow
from postedit.ui.preview import register_url_scheme
from postedit.ui.save import Choice
from postedit.ui.settings import SettingsStore
from postedit.ui.theme import apply_theme

TIMEOUT_MS = 45_000
OK_LINE = "smoke-test ok"
DEMO_POST = Path("content") / "blog" / "schrijven-voor-het-web.md"  # has a {{< toc >}}
_TOC_CALL = re.compile(r"\{\{[<%]\s*toc\s*/?\s*[>%]\}\}")
_APPLICATION_WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld

# Runs in the application world (page JavaScript is off); a constant script, no data.
_READ_PREVIEW = """
(function () {
  var title = document.querySelector('#page-header h1');
  var toc = document.querySelector('#content nav#TableOfContents');
  var links = toc ? Array.prototype.slice.call(toc.querySelectorAll('a')) : [];
  var targets = links.map(function (a) { return (a.getAttribute('href') || '').slice(1); });
  return JSON.stringify({
    headline: title ? title.textContent : null,
    toc: toc !== null,
    toc_targets: targets,
    unresolved: targets.filter(function (id) { return !document.getElementById(id); })
  });
})()
"""


class SmokeTestError(Exception):
    """What went wrong, in one line."""


@dataclass(frozen=True)
class PreviewFacts:
    """What the smoke test read back from the preview's DOM."""

    headline: str | None
    toc: bool
    toc_targets: tuple[str, ...]
    unresolved: tuple[str, ...]

    @classmethod
    def from_json(cls, value: object) -> PreviewFacts:
        if not isinstance(value, str) or not value:
            raise SmokeTestError(f"the preview answered {value!r} instead of its DOM facts")
        data = json.loads(value)
        return cls(
            data["headline"], data["toc"], tuple(data["toc_targets"]), tuple(data["unresolved"])
        )


def check_preview(facts: PreviewFacts, front_matter: Mapping[str, Any], body: str) -> None:
    """Raise SmokeTestError unless the preview shows the post's title and toc."""
    title = front_matter.get("title")
    expected = None if title in (None, "") else str(title)
    if facts.headline != expected:
        raise SmokeTestError(f"the preview's headline is {facts.headline!r}, not {expected!r}")
    if not _TOC_CALL.search(body):
        return
    if not facts.toc or not facts.toc_targets:
        raise SmokeTestError("the post's {{< toc >}} did not expand to a table of contents")
    if facts.unresolved:
        raise SmokeTestError(f"toc links lead to no heading: {', '.join(facts.unresolved)}")


class _SmokePrompter:
    """Answers the window unattended: Save As goes to the copy; any question or notice fails."""

    def __init__(self, copy: Path) -> None:
        self.copy = copy
        self.problems: list[str] = []

    def _refuse(self, what: str) -> Choice:
        self.problems.append(what)
        return Choice.CANCEL

    def ask_unsaved(self, name: str) -> Choice:
        self.problems.append(f"the window thinks {name} has unsaved changes")
        return Choice.DISCARD

    def ask_save_failed(self, message: str) -> Choice:
        return self._refuse(f"saving failed: {message}")

    def ask_use_utf8(self, message: str) -> Choice:
        return self._refuse(message)

    def compare(self, mine: str, theirs: str, **_labels: str) -> Choice:
        return self._refuse("the post changed on disk during the smoke test")

    def ask_restore(self, name: str, when: str, disk_changed: bool) -> Choice:
        return self._refuse(f"a journal of {name} asked to be restored")

    def ask_new_post(self, *_args: object) -> None:
        self._refuse("the window asked for a new post")

    def ask_save_path(self, suggested: Path | None) -> Path | None:
        return self.copy

    def inform(self, title: str, message: str) -> None:
        self.problems.append(f"{title}: {message}")

    def warn(self, title: str, message: str) -> None:
        self.problems.append(f"{title}: {message}")


class SmokeRun(QObject):
    """Drives the window through open, preview and save; `finished` once it knows."""

    finished = Signal()

    def __init__(self, window: MainWindow, post: Path, prompter: _SmokePrompter) -> None:
        super().__init__(window)
        self.failure: str | None = None
        self.done = False
        self.stage = "starting"  # what the run waits for, named in a timeout's reason
        self._window = window
        self._post = post
        self._prompter = prompter
        self._original = b""
        self._preview_checked = False
        self._index_ready = False

    def start(self) -> None:
        """Open the post; the window's signals carry the run on from there."""
        try:
            self._original = self._post.read_bytes()
            if self._window.windowIcon().pixmap(32, 32).isNull():
                raise SmokeTestError("the app icon does not render (Qt's SVG plugin missing?)")
        except (OSError, SmokeTestError) as error:
            self.fail(str(error))
            return
        self._window.preview.rendered.connect(self._on_preview_rendered)
        self._window.index_built.connect(self._on_window_index_built)
        self.stage = "waiting for the preview to render"
        if not self._window.open_post(self._post):
            self.fail(self._problem() or f"the window could not open {self._post}")
            return
        self._index_ready = self._window.site is None  # a lone post has no index to wait for

    def fail(self, reason: str) -> None:
        if not self.done:
            self.done, self.failure = True, reason
            self.finished.emit()

    def _problem(self) -> str | None:
        return self._prompter.problems[0] if self._prompter.problems else None

    def _on_preview_rendered(self, _ms: float) -> None:
        if self._preview_checked or self.done:
            return
        self._preview_checked = True
        self.stage = "reading the preview's DOM"
        page = self._window.preview.view.page()
        page.runJavaScript(_READ_PREVIEW, _APPLICATION_WORLD, self._on_preview_read)

    def _on_preview_read(self, value: object) -> None:
        document = self._window.document
        try:
            if document is None:
                raise SmokeTestError("the window closed the post")
            check_preview(PreviewFacts.from_json(value), document.front_matter, document.body)
        except (SmokeTestError, ValueError, KeyError, TypeError) as error:
            self.fail(f"preview: {error}")
            return
        self.stage = "saving a copy"
        self._save_copy()

    def _on_window_index_built(self, _result: object) -> None:
        # Queued to the window's slot first, which sets `window.index` or warns.
        QTimer.singleShot(0, self._after_index)

    def _after_index(self) -> None:
        if self._window.index is None:
            self.fail(self._problem() or "the site's index was not built")
            return
        self._index_ready = True
        self._finish_if_done()

    def _save_copy(self) -> None:
        if not self._window.save_as():
            self.fail(self._problem() or "the window did not save the copy")
            return
        try:
            copied = self._prompter.copy.read_bytes()
        except OSError as error:
            self.fail(f"the saved copy cannot be read: {error}")
            return
        if copied != self._original:
            self.fail(
                f"the saved copy differs from the original ({len(copied)} bytes, "
                f"{len(self._original)} in the original)"
            )
            return
        self.stage = "waiting for the site's index"
        self._finish_if_done()

    def _finish_if_done(self) -> None:
        copied = self._prompter.copy.is_file()
        if self.done or not (self._index_ready and copied):
            return
        problem = self._problem()
        if problem is not None:
            self.fail(problem)
            return
        self.done = True
        self.finished.emit()


def _choose_post(post: Path | None, scratch: Path) -> Path:
    """POST, checked to be a readable post, or the demo post in a fresh copy of the demo."""
    if post is None:
        return ensure_demo_site(data_dir=scratch / "data") / DEMO_POST
    post = post.absolute()
    if not post.is_file():
        raise SmokeTestError(f"“{post}” is not a file")
    try:
        Document.load(post)
    except DocumentError as error:
        raise SmokeTestError(str(error)) from error
    return post


def _run(post: Path | None, scratch: Path, timeout_ms: int) -> None:
    """The whole run; raise SmokeTestError when it fails."""
    post = _choose_post(post, scratch)
    register_url_scheme()  # QtWebEngine wants custom schemes before the application exists
    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or PosteditApplication(sys.argv[:1])  # as run_window
    assert isinstance(app, QApplication)
    apply_theme(app)
    settings = QSettings(str(scratch / "settings.ini"), QSettings.Format.IniFormat)
    prompter = _SmokePrompter(scratch / "copy" / post.name)
    prompter.copy.parent.mkdir()
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="postedit-smoke") as executor:
        window = MainWindow(
            SettingsStore(settings),
            executor,
            prompter,
            index_factory=lambda site: SiteIndex(site, cache_dir=scratch / "cache"),
            journal=Journal(scratch / "recovery" / "journal"),
            versions=VersionStore(scratch / "recovery" / "versions"),
        )
        run = SmokeRun(window, post, prompter)
        deadline = QTimer(window)
        deadline.setSingleShot(True)
        deadline.timeout.connect(
            lambda: run.fail(f"no result within {timeout_ms / 1000:g} s ({run.stage})")
        )
        run.finished.connect(app.quit)
        window.show()
        deadline.start(timeout_ms)
        QTimer.singleShot(0, run.start)
        app.exec()
        failure = run.failure
        # A render still on the pool would emit into a deleted pane: let it finish first.
        QThreadPool.globalInstance().waitForDone(5000)
        window.close()
        window.deleteLater()  # now, not at exit: the window's pages go before Qt does
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if failure is not None:
        raise SmokeTestError(failure)


def smoke_test(post: Path | None = None, *, timeout_ms: int = TIMEOUT_MS) -> int:
    """Run the smoke test; print its one-line verdict and return the exit status."""
    try:
        with tempfile.TemporaryDirectory(prefix="postedit-smoke-") as scratch:
            _run(post, Path(scratch), timeout_ms)
    except SmokeTestError as error:
        print(f"smoke-test failed: {error}", file=sys.stderr)
        return 1
    except Exception as error:  # a smoke test reports every failure as one line
        print(f"smoke-test failed: {type(error).__name__}: {error}", file=sys.stderr)
        return 1
    print(OK_LINE)
    return 0
