"""Renders the post off the GUI thread, at most one render at a time, debounced.

Typing must never wait for the preview. Edits restart one single-shot timer;
when it fires the newest text is rendered on the thread pool. Edits that arrive
while a render runs mark it outdated, and one more render follows with the
newest text. Results come back to the GUI thread through a queued signal.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal

from postedit.ui.preview.renderer import RenderRequest, RenderResult

DEBOUNCE_MS = 150

logger = logging.getLogger(__name__)

Render = Callable[[RenderRequest], RenderResult]


class ThreadPool(Protocol):
    """What the scheduler needs of a QThreadPool; tests may run the work inline."""

    def start(self, runnable: QRunnable) -> None: ...


class _RenderJob(QRunnable):
    """One render on a pool thread; hands the result to `deliver` (a signal's emit)."""

    def __init__(
        self, render: Render, request: RenderRequest, deliver: Callable[[object], None]
    ) -> None:
        super().__init__()
        self._render = render
        self._request = request
        self._deliver = deliver

    def run(self) -> None:
        try:
            result: RenderResult | None = self._render(self._request)
        except Exception:
            # The preview must keep following the writer whatever one render did; the
            # traceback goes where Qt's own messages go.
            logger.exception("Rendering the preview failed")
            result = None
        # RuntimeError: the pane closed while this render ran; nobody is waiting for it.
        with contextlib.suppress(RuntimeError):
            self._deliver(result)


class RenderScheduler(QObject):
    """Debounces render requests and runs them one at a time on a thread pool."""

    rendered = Signal(object)  # RenderResult, on the GUI thread
    _finished = Signal(object)  # emitted on the pool thread, delivered queued

    def __init__(
        self,
        render: Render,
        *,
        pool: ThreadPool | None = None,
        debounce_ms: int = DEBOUNCE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._render = render
        self._pool: ThreadPool = pool if pool is not None else QThreadPool.globalInstance()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._finished.connect(self._on_job_finished, Qt.ConnectionType.QueuedConnection)
        self._latest: RenderRequest | None = None
        self._busy = False
        self._outdated = False

    @property
    def busy(self) -> bool:
        """Whether a render is running or waiting for the timer."""
        return self._busy or self._timer.isActive()

    def request(self, request: RenderRequest, *, now: bool = False) -> None:
        """Render `request` after the debounce delay (or as soon as possible with `now`)."""
        self._latest = request
        if now:
            self._timer.stop()
            self._on_timer_timeout()
        else:
            self._timer.start()

    def cancel(self) -> None:
        """Forget the pending request; a running render's result still arrives."""
        self._timer.stop()
        self._latest = None
        self._outdated = False

    def _on_timer_timeout(self) -> None:
        if self._busy:
            self._outdated = True
            return
        self._start_latest()

    def _start_latest(self) -> None:
        request, self._latest = self._latest, None
        if request is None:
            return
        self._busy = True
        self._pool.start(_RenderJob(self._render, request, self._finished.emit))

    def _on_job_finished(self, result: RenderResult | None) -> None:
        self._busy = False
        if self._outdated:
            self._outdated = False
            self._start_latest()
        if result is not None:
            self.rendered.emit(result)
