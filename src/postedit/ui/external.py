"""The window following the disk: other programs' changes, conflicts and recovered text.

`ExternalChanges` takes the watcher's batches (and a re-check when the window is
activated) and keeps the window in step with the files: the post list and schema
follow the content, the preview re-renders for new layouts, and the open post is
reloaded in place, or, when the writer has unsaved edits, the conflict bar asks.
Whatever the writer chooses in a conflict, the version not chosen is kept in the
`VersionStore` first; if it cannot be kept, nothing is replaced.

It also offers the crash journal's texts back after a start (`offer_recovery`),
never applying one over a file that changed since without showing both.

The window owns the widgets and the Document; this controller reads the disk
through core and asks the window to show the outcome.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal

from postedit.core.document import (
    BinaryFileError,
    Document,
    DocumentError,
    ExternalChangeError,
    Fingerprint,
    SaveError,
)
from postedit.core.index import SiteIndex
from postedit.core.paths import same_file
from postedit.core.recovery import Journal, JournalEntry, KeptVersion, VersionStore
from postedit.core.site import folder_listings_cached
from postedit.core.watch import Change, ChangeBatch, ChangeKind
from postedit.ui.conflict import ConflictBar
from postedit.ui.form import FrontMatterForm
from postedit.ui.form.raw import RawEditor
from postedit.ui.save import Choice

if TYPE_CHECKING:
    from postedit.ui.main_window import MainWindow

# Up to this many changed posts are re-read on the GUI thread (a fraction of a
# millisecond each); more go to the executor, so a git checkout never stalls typing.
_INDEX_ON_GUI_THREAD = 32

KEPT_THEIRS = "The version on disk when you kept yours"
KEPT_MINE = "Your unsaved version, replaced by the one on disk"
KEPT_BEFORE_KEPT = "Your text before you went back to a kept version"
KEPT_RECOVERED = "Recovered text you chose not to use"
KEPT_BEFORE_RECOVERED = "The version on disk when you restored your unsaved text"
KEPT_BEFORE_RESTORED = "Your unsaved text before you restored an older one"


@dataclass(frozen=True)
class _DiskVersion:
    """The post's bytes on disk as the writer is shown them, and their text."""

    data: bytes
    text: str | None  # None: not text a post can hold (binary, undecodable)

    @property
    def fingerprint(self) -> Fingerprint:
        return Fingerprint.of(self.data)


def _update_index(index: SiteIndex, changes: Sequence[Change]) -> SiteIndex:
    """Re-read the changed paths (on any thread, one update at a time); sort once."""
    with folder_listings_cached():
        for change in changes:
            if change.kind is ChangeKind.MOVED and change.old_path is not None:
                index.remove_path(change.old_path)
            if change.kind is ChangeKind.DELETED:
                index.remove_path(change.path)
            else:
                index.update_path(change.path)
    index.entries  # noqa: B018 -- sort here, not on the GUI thread
    return index


def _unread_field_text(form: FrontMatterForm) -> bool:
    """Whether a field shows YAML the writer typed that does not read yet: the post
    keeps its last good value, so only the field holds those words."""
    return any(
        isinstance(editor := form.editor(name), RawEditor) and bool(editor.error_text())
        for name in form.field_names()
    )


def _mine_bytes(document: Document) -> bytes | None:
    """The writer's unsaved version as the file would hold it (UTF-8 if it must)."""
    try:
        return document.to_bytes()
    except SaveError:
        pass
    try:
        return document.text.encode("utf-8", "surrogatepass")
    except SaveError:
        return None


class ExternalChanges(QObject):
    """Keeps one window's post list, schema, preview and open post in step with the disk."""

    _index_updated = Signal(object)  # SiteIndex or exception; from a worker, queued

    def __init__(
        self,
        window: MainWindow,
        bar: ConflictBar,
        versions: VersionStore,
        journal: Journal,
        executor: Executor | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self.bar = bar
        self.versions = versions
        self.journal = journal
        self._executor = executor
        self._pending: list[Change] = []  # content changes the index has not seen yet
        self._index_busy = False
        self._settling = False  # a conflict question is open: activation re-checks wait
        self._unreloadable: Fingerprint | None = None  # a disk version that would not load
        self._index_updated.connect(self._on_index_updated, Qt.ConnectionType.QueuedConnection)
        self.bar.compare_requested.connect(self._on_bar_compare_requested)
        self.bar.keep_mine_requested.connect(self._on_bar_keep_mine_requested)
        self.bar.use_theirs_requested.connect(self._on_bar_use_theirs_requested)

    @property
    def deleted(self) -> bool:
        """Whether the open post's file was deleted outside postedit."""
        return self.bar.mode == "deleted"

    def reset(self) -> None:
        """Another post (or a fresh copy of this one) is shown: nothing to settle."""
        self.bar.clear()
        self._unreloadable = None

    # -- batches from the watcher ----------------------------------------------------

    def on_batch(self, batch: ChangeBatch) -> None:
        """Follow one batch of changes on disk (on the GUI thread)."""
        window = self._window
        if window.site is not None and batch.settings_changed:
            window.reopen_site()  # a new index and schema: content changes come with it
        else:
            content = batch.content_changes
            if content:
                self._follow_index(content)
            if batch.layouts_changed or batch.static_changed:
                window.rerender_preview()
        self._follow_open_post(batch)

    def _follow_open_post(self, batch: ChangeBatch) -> None:
        document = self._window.document
        if document is None or document.path is None:
            return
        path = document.path
        change = batch.change_for(path) or batch.change_for(Path(os.path.realpath(path)))
        if change is None:
            return
        moved_away = (
            change.kind is ChangeKind.MOVED
            and same_file(change.old_path, path)
            and not same_file(change.path, path)
        )
        if moved_away:
            self._window.follow_move(change.path)
        self.check_open_post()

    # -- the post list -----------------------------------------------------------------

    def _follow_index(self, changes: Iterable[Change]) -> None:
        self._pending.extend(changes)
        if not self._index_busy and self._window.index is not None:
            self._update_index()

    def follow_own_save(self, path: Path) -> None:
        """The window saved `path`: the watcher does not report our own saves, but the
        post list, completions and schema must show what was saved."""
        site = self._window.site
        if site is not None and site.is_content_file(path):
            self._follow_index([Change(ChangeKind.MODIFIED, path)])

    def index_ready(self) -> None:
        """The window has a (new) index: apply the changes that came while it was built."""
        if self._pending and not self._index_busy:
            self._update_index()

    def _update_index(self) -> None:
        index = self._window.index
        if index is None:
            return
        changes, self._pending = self._pending, []
        self._index_busy = True
        if self._executor is None or len(changes) <= _INDEX_ON_GUI_THREAD:
            try:
                result: Any = _update_index(index, changes)
            except Exception as error:
                result = error
            self._on_index_updated(result)
            return
        future = self._executor.submit(_update_index, index, changes)
        future.add_done_callback(self._emit_index_updated)

    def _emit_index_updated(self, future: Future[SiteIndex]) -> None:
        """Runs on the worker; the queued signal brings the index to the GUI thread."""
        error = future.exception()
        with contextlib.suppress(RuntimeError):  # the window closed meanwhile
            self._index_updated.emit(error if error is not None else future.result())

    def _on_index_updated(self, result: object) -> None:
        self._index_busy = False
        if isinstance(result, SiteIndex) and result is self._window.index:
            self._window.show_index(result)
        elif isinstance(result, BaseException):
            self._window.status.showMessage(f"The post list could not follow the disk: {result}")
        if self._pending:
            self._update_index()

    # -- the open post -----------------------------------------------------------------

    def check_open_post(self) -> None:
        """Compare the open post with its file and act: reload, ask, or mark deleted.

        Runs for each batch naming the post and whenever the window is activated,
        so a lost event cannot cost data.
        """
        document = self._window.document
        if self._settling or document is None or document.path is None:
            return
        on_disk = Fingerprint.of_file(document.path)
        if on_disk == document.fingerprint:
            if self.bar.mode != "hidden":
                self.bar.clear()  # put back, or changed back, as we have it
                self._window.refresh_post_state()
            return
        if on_disk is None:
            if not document.path.exists():
                self._show_deleted()
            return  # there but unreadable: the next save says why
        self._window.form.commit_pending()
        if not document.is_modified and not _unread_field_text(self._window.form):
            if on_disk == self._unreloadable:
                return  # said so once; the bar still says it
            # Set before the warning: closing it activates the window, which checks again.
            self._unreloadable = on_disk
            if not self._reload("Reloaded: changed outside postedit"):
                self._show_changed()
            return
        self._show_changed()

    def _show_deleted(self) -> None:
        if self.bar.mode == "deleted":
            return
        self.bar.show_deleted()
        self._window.refresh_post_state()
        self._window.status.showMessage("This post was deleted outside postedit")

    def show_restored_deleted(self) -> None:
        """A recovered post whose file is gone: its text is shown, marked deleted."""
        self._show_deleted()

    def _reload(self, message: str) -> bool:
        document = self._window.document
        if document is None or document.path is None:
            return False
        try:
            fresh = Document.load(document.path)
        except DocumentError as error:
            self._window.prompter.warn("Cannot reload this post", str(error))
            return False
        self._window.replace_document(fresh)
        self._window.status.showMessage(message, 5000)
        return True

    def _read_disk(self) -> _DiskVersion | None:
        """The open post's file as it is now; None when it is gone or unreadable."""
        document = self._window.document
        if document is None or document.path is None:
            return None
        try:
            data = document.path.read_bytes()
        except OSError:
            return None
        try:
            text: str | None = Document(data, document.path).text
        except (BinaryFileError, SaveError):
            text = None
        return _DiskVersion(data, text)

    # -- settling a conflict -------------------------------------------------------------

    def settle_save_conflict(self, error: ExternalChangeError) -> Choice:
        """A save found the file changed since it was loaded: settle it as the bar would.

        OVERWRITE when the file is gone (Save puts it back), KEEP_MINE once the
        disk version is kept and the writer's text may go over it, USE_THEIRS
        once the disk version is shown instead, CANCEL to leave both as they are.
        """
        if error.deleted:
            self._show_deleted()
            return Choice.OVERWRITE
        return self.compare()

    def compare(self) -> Choice:
        """Show the writer's and the disk's versions side by side; act on the choice."""
        document = self._window.document
        disk = self._read_disk()
        if document is None or disk is None:
            self.check_open_post()
            return Choice.CANCEL
        if disk.text is None:
            self._window.prompter.warn(
                "Cannot compare",
                "The file on disk is not text postedit can show. Keep yours to save over it.",
            )
            self._show_changed()
            return Choice.CANCEL
        try:
            mine = document.text
        except SaveError as error:
            self._window.prompter.warn("Cannot compare", str(error))
            return Choice.CANCEL
        self._settling = True
        try:
            choice = self._window.prompter.compare(
                mine,
                disk.text,
                mine_label="Your version (not saved)",
                theirs_label="On disk",
                keep_label="Keep mine",
                use_label="Use theirs",
            )
        finally:
            self._settling = False
        if choice is not Choice.CANCEL:
            now = self._read_disk()
            if now is not None and now.data != disk.data:
                # Changed again while the writer compared: they chose from an old version.
                self._window.status.showMessage("The post changed on disk again; compare again")
                return self.compare()
        if choice is Choice.KEEP_MINE:
            return self.keep_mine(disk)
        if choice is Choice.USE_THEIRS:
            return self.use_theirs()
        self._show_changed()
        return Choice.CANCEL

    def _show_changed(self) -> None:
        if self.bar.mode == "changed":
            return
        self.bar.show_changed()
        self._window.refresh_post_state()
        self._window.status.showMessage("This post was changed outside postedit")

    def keep_mine(self, disk: _DiskVersion | None = None) -> Choice:
        """Keep the disk's version aside; the next save writes the writer's text over it."""
        document = self._window.document
        if document is None or document.path is None:
            return Choice.CANCEL
        disk = disk or self._read_disk()
        if disk is None:
            self._show_deleted()
            return Choice.OVERWRITE
        if not self._keep(document.path, disk.data, KEPT_THEIRS):
            return Choice.CANCEL
        # The version on disk is the baseline now: Save overwrites it knowingly, and a
        # change made after this one is caught again.
        document.rebase(disk.data)
        self._window.remember_disk(document.path, disk.fingerprint)
        self._window.journal_keeper.edited(document, self._window.site_root())
        self.bar.clear()
        self._window.refresh_post_state()
        self._window.status.showMessage("Kept your version; the one on disk is kept too", 5000)
        return Choice.KEEP_MINE

    def use_theirs(self) -> Choice:
        """Keep the writer's unsaved version aside and show the disk's version instead."""
        document = self._window.document
        if document is None or document.path is None:
            return Choice.CANCEL
        mine = _mine_bytes(document)
        if mine is None:
            self._window.prompter.warn(
                "Your version is still here",
                "postedit could not keep a copy of your unsaved version, so it did not "
                "replace it. Fix the front matter, or save it elsewhere first.",
            )
            return Choice.CANCEL
        if not self._keep(document.path, mine, KEPT_MINE):
            return Choice.CANCEL
        post = document.path
        if not self._reload("Showing the version on disk; yours is kept in Kept versions"):
            return Choice.CANCEL
        self._window.journal_keeper.discard(post)
        return Choice.USE_THEIRS

    def _keep(self, post: Path, data: bytes, reason: str) -> bool:
        try:
            self.versions.keep(post, data, reason)
        except OSError as error:
            self._window.prompter.warn(
                "Nothing was replaced",
                f"postedit could not keep a copy of the other version ({error}), so both "
                "stay as they are.",
            )
            return False
        return True

    def _on_bar_compare_requested(self) -> None:
        self.compare()

    def _on_bar_keep_mine_requested(self) -> None:
        self.keep_mine()

    def _on_bar_use_theirs_requested(self) -> None:
        self.use_theirs()

    # -- kept versions -------------------------------------------------------------------

    def use_kept_version(self, kept: KeptVersion) -> bool:
        """Compare the open post with a kept version; its text replaces the post's if chosen.

        The replaced text is kept too; the kept text comes in as an unsaved edit.
        """
        window = self._window
        document = window.document
        if document is None:
            return False
        try:
            kept_text = Document.load(kept.file).text
            mine = document.text
        except (DocumentError, SaveError) as error:
            window.prompter.warn("Cannot use this version", str(error))
            return False
        when = kept.kept_at.astimezone().strftime("%d %b %Y %H:%M")
        choice = window.prompter.compare(
            mine,
            kept_text,
            mine_label="Now in postedit",
            theirs_label=f"Kept {when}: {kept.reason}",
            keep_label="Keep the current text",
            use_label="Use this version",
        )
        if choice is not Choice.USE_THEIRS or document.path is None:
            return False
        current = _mine_bytes(document)
        if current is None or not self._keep(document.path, current, KEPT_BEFORE_KEPT):
            return False
        window.put_text(kept_text)
        return True

    # -- recovery after a crash ------------------------------------------------------

    def offer_recovery(self) -> None:
        """Offer back, one by one, the unsaved texts a crashed or killed postedit left."""
        for entry in self.journal.entries():
            disk_changed = entry.disk_changed()
            when = entry.saved_at.astimezone().strftime("on %d %b %Y at %H:%M")
            choice = self._window.prompter.ask_restore(entry.post.name, when, disk_changed)
            if choice is Choice.DISCARD:
                self.journal.discard_entry(entry)
            elif choice is Choice.RESTORE:
                self._restore(entry, disk_changed)

    def _restore(self, entry: JournalEntry, disk_changed: bool) -> None:
        window = self._window
        if not entry.post.exists():
            document = Document.from_text("", entry.post)
            document.set_text(entry.text)
            if window.open_document(document):
                self._show_deleted()
                self.journal.adopt(entry)
                window.journal_keeper.record_now(document, window.site_root())
            return
        if not window.open_post(entry.post) or window.document is None:
            return
        document = window.document
        if disk_changed:
            try:
                disk = Document.load(entry.post)
            except DocumentError as error:
                window.prompter.warn("Cannot compare with the file on disk", str(error))
                return
            choice = window.prompter.compare(
                entry.text,
                disk.text,
                mine_label="Recovered text (not saved)",
                theirs_label="On disk",
                keep_label="Use recovered text",
                use_label="Use the file on disk",
            )
            if choice is Choice.USE_THEIRS:
                recovered = entry.text.encode("utf-8", "surrogatepass")
                if self._keep(entry.post, recovered, KEPT_RECOVERED):
                    self.journal.discard_entry(entry)
                return
            if choice is not Choice.KEEP_MINE:
                return  # asked again at the next start
            if not self._keep(entry.post, disk.to_bytes(), KEPT_BEFORE_RECOVERED):
                return
        if document.is_modified:  # restored already from a newer journal of this post
            current = _mine_bytes(document)
            if current is None or not self._keep(entry.post, current, KEPT_BEFORE_RESTORED):
                return
        window.put_text(entry.text)
        self.journal.adopt(entry)
        window.journal_keeper.record_now(document, window.site_root())
