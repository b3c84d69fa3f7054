"""Hands the site watcher's batches to the GUI thread as a Qt signal.

`core.watch.SiteWatcher` knows no Qt and calls back on its own thread. The bridge
re-emits each batch through a queued connection, so `changes_arrived` reaches its
slots on the GUI thread, and it drops batches that were already on their way from
a watcher it has since replaced: after `watch(other_site)` or `stop()`, no batch
of the old site arrives.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal

from postedit.core.document import Fingerprint
from postedit.core.site import Site
from postedit.core.watch import ChangeBatch, SiteWatcher


class WatchBridge(QObject):
    """Owns the one SiteWatcher of the window; call `stop()` before the app quits."""

    changes_arrived = Signal(object)  # ChangeBatch, on the GUI thread
    # (watcher's token, batch): emitted on the watcher's thread, received queued.
    _batch_from_watcher = Signal(object, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher: SiteWatcher | None = None
        self._token: object | None = None
        self._batch_from_watcher.connect(self._on_watcher_batch, Qt.ConnectionType.QueuedConnection)

    @property
    def error(self) -> str | None:
        """Why (part of) the site is not watched, in plain words; None when all is well."""
        return self._watcher.error if self._watcher is not None else None

    def watch(self, site: Site | None) -> None:
        """Stop watching the old site and start watching `site` (None: watch nothing)."""
        self.stop()
        if site is None:
            return
        token = object()
        self._token = token
        self._watcher = SiteWatcher(site, lambda batch: self._batch_from_watcher.emit(token, batch))
        self._watcher.start()

    def remember(self, path: Path, fingerprint: Fingerprint | None) -> None:
        """What postedit itself has just read or written at `path` (None: deleted)."""
        if self._watcher is not None:
            self._watcher.remember(path, fingerprint)

    def stop(self) -> None:
        """Stop the watcher and its threads; batches still on their way are dropped."""
        watcher, self._watcher, self._token = self._watcher, None, None
        if watcher is not None:
            watcher.stop()

    def _on_watcher_batch(self, token: object, batch: ChangeBatch) -> None:
        if token is self._token:
            self.changes_arrived.emit(batch)
