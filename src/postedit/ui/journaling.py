"""Keeps the open post's unsaved text in the crash journal, a second after typing stops.

The window tells the keeper about every edit; one single-shot timer, restarted by
each edit, writes the whole text through `core.recovery.Journal` once the writer
pauses. The write (an atomic file write with fsync) runs on the injected executor,
one at a time, so a slow disk never holds up typing; an edit made while a write
runs is written once more right after it. A journal goes only after a successful
save or an explicit discard (or once the edits are undone), and a write still
running then is undone when it ends, on the worker itself, so a quit right after a
save leaves no journal behind.
"""

from __future__ import annotations

import contextlib
from concurrent.futures import Executor, Future
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from postedit.core.document import Document, Fingerprint, SaveError
from postedit.core.recovery import Journal

JOURNAL_DELAY_MS = 1000  # the promise is 2 s after the last change


class JournalKeeper(QObject):
    """Writes the open post's unsaved text to the journal after each pause in typing."""

    warning_changed = Signal(object)  # str | None: the journal's warning, in plain words
    _written = Signal(object, bool)  # (post, recorded); from the worker, queued

    def __init__(
        self,
        journal: Journal,
        executor: Executor | None = None,
        parent: QObject | None = None,
        *,
        delay_ms: int = JOURNAL_DELAY_MS,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self._executor = executor
        self._document: Document | None = None
        self._site: Path | None = None
        self._writing: Path | None = None  # the post a worker is writing for
        self._again = False  # an edit arrived during the write: write once more after it
        self._undo: set[Path] = set()  # posts discarded while their write ran
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._written.connect(self._on_written, Qt.ConnectionType.QueuedConnection)

    @property
    def warning(self) -> str | None:
        return self.journal.warning

    def edited(self, document: Document, site: Path | None) -> None:
        """The writer changed `document`: journal it after the next pause."""
        self._document, self._site = document, site
        self._timer.start()

    def record_now(self, document: Document, site: Path | None) -> None:
        """Journal `document` at once (restored text, a post that moved)."""
        self._document, self._site = document, site
        self._timer.stop()
        self._on_timer_timeout()

    @property
    def pending(self) -> bool:
        """Whether an edit is waiting to be journaled (or being written)."""
        return self._timer.isActive() or self._writing is not None

    def discard(self, post: Path | None) -> None:
        """The writer saved or threw away `post`'s edits: its journal goes."""
        if post is None:
            return
        if self._document is not None and self._document.path == post:
            self._timer.stop()
            self._again = False
        if self._writing == post:
            self._undo.add(post)
        self.journal.discard(post)

    def forget(self, document: Document | None) -> None:
        """`document` is no longer open: its journal stays while it has unsaved edits
        (a journal of edits since undone goes, as the timer would have removed it)."""
        if document is not None and document is self._document:
            self._timer.stop()
            self._document = None
        if document is not None and not document.is_modified:
            self.discard(document.path)

    # -- writing -------------------------------------------------------------------

    def _on_timer_timeout(self) -> None:
        document = self._document
        if document is None or document.path is None:
            return
        if self._writing is not None:
            self._again = True
            return
        post = document.path
        if not document.is_modified:
            self.journal.discard(post)  # back to what is on disk: nothing to recover
            return
        try:
            text = document.text
        except SaveError:
            return  # front matter that cannot be written yet: the next edit tries again
        base: Fingerprint | None = document.fingerprint
        self._writing = post
        if self._executor is None:
            self._on_written(post, self.journal.record(post, text, base, self._site))
            return
        future = self._executor.submit(self.journal.record, post, text, base, self._site)
        future.add_done_callback(lambda done: self._emit_written(post, done))

    def _emit_written(self, post: Path, future: Future[bool]) -> None:
        """Runs on the worker; the queued signal brings the outcome to the GUI thread."""
        recorded = future.exception() is None and bool(future.result())
        if post in self._undo:
            # Saved or discarded while this write ran: undo it here, as the result may
            # never reach the window (it quits right after a save).
            self.journal.discard(post)
        with contextlib.suppress(RuntimeError):  # the window closed during the write
            self._written.emit(post, recorded)

    def _on_written(self, post: Path, _recorded: bool) -> None:
        self._writing = None
        if post in self._undo:
            self._undo.discard(post)
            self.journal.discard(post)
        self.warning_changed.emit(self.journal.warning)
        if self._again:
            self._again = False
            self._on_timer_timeout()
