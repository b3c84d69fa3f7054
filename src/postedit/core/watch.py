"""Watching a Hugo site's folders for changes made by other programs.

Writers keep their site in git or a synced folder, and other tools change files
under the editor. `SiteWatcher` runs a watchdog observer over the folders that
matter to postedit (content, static, assets, data, layouts, archetypes, the config
folder and the config files at the root), and turns the raw stream of file system
events into one `ChangeBatch` per burst of activity: after `quiet` seconds without
a new event, or at the latest `max_delay` after the first one, so a long storm
still flushes.

A batch holds the net effect per path, decided from the disk as it is when the
batch is flushed, not from the order of the events: a file that exists and was
known is MODIFIED only if its fingerprint changed; a file that appeared is
CREATED; a known file that is gone is DELETED; a file that was created and removed
within the batch is not mentioned; a known file renamed to a new path (same
content) is MOVED. So another editor's atomic save (write a temporary file, rename
it over the post) is one MODIFIED, and vim's `4913` probe and backup dance is one
MODIFIED too. The watcher keeps a fingerprint per known file, so a touch that
leaves the bytes alone is no change, and `remember` tells it what postedit itself
wrote, so our own saves are never reported.

Everything slow (fingerprinting files, walking new folders) happens on the
watcher's own thread, which also calls `on_batch`; no Qt here (the UI gets its
batches through `postedit.ui.watch_bridge`).
"""

from __future__ import annotations

import contextlib
import errno
import fnmatch
import logging
import os
import re
import stat
import threading
import time
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch

from postedit.core.document import Fingerprint
from postedit.core.site import ROOT_CONFIG_NAMES, Site

_log = logging.getLogger(__name__)

# Files bigger than this are told apart by size and modification time, not hashed.
HASH_LIMIT = 20 * 1024 * 1024

# Settings files of postedit and of Front Matter CMS kept at the site root.
SETTINGS_FILE_NAMES = (".postedit.yaml", "frontmatter.json")

# Files changed after the watch began, or less than this before it (file times
# come from a clock that ticks every few milliseconds), are not fingerprinted at
# start: their events may still be on their way.
SEED_MARGIN_NS = 50_000_000

# Names that editors, sync tools and downloads use for files that are not (yet) the
# real thing. `.postedit-*.tmp` (core/atomic.py's temporary files) is among `*.tmp`.
IGNORED_NAME_PATTERNS = (
    "*.swp",
    "*.swo",
    "*.swn",
    "*.swx",
    "*~",
    ".#*",
    "#*#",
    "4913",
    "*.tmp",
    ".postedit-*.tmp",
    ".goutputstream-*",
    ".DS_Store",
    "*.part",
    "*.crdownload",
    "*.kate-swp",
    "*___jb_tmp___",
    "*___jb_old___",
)
_IGNORED_NAME = re.compile(
    "|".join(fnmatch.translate(pattern) for pattern in IGNORED_NAME_PATTERNS)
)
# Folders whose files are never a writer's: version control and installed packages.
_IGNORED_FOLDER_NAMES = frozenset({".git", "node_modules"})

# The events worth waking up for. Opens and reads are not (our own fingerprinting
# reads files), nor are changes of a folder's own metadata.
_EVENT_FILTER: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileClosedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]


def is_ignored_name(name: str) -> bool:
    """Whether a file name is an editor's temporary, swap or backup file, or the like."""
    return _IGNORED_NAME.match(name) is not None


class ChangeKind(StrEnum):
    CREATED = "created"
    MODIFIED = "modified"
    DELETED = "deleted"
    MOVED = "moved"


@dataclass(frozen=True)
class Change:
    """What happened to one file over a batch."""

    kind: ChangeKind
    path: Path  # for MOVED: the new path
    old_path: Path | None = None  # MOVED only: the path it had before


class _Areas:
    """Which folders of a site hold what, for sorting changes by what they affect."""

    def __init__(self, site: Site) -> None:
        root = site.root
        self.root = root
        self.content = tuple(site.content_dirs)
        self.static = (*site.static_dirs, root / "assets", root / "data")
        self.binary = (*site.static_dirs, root / "assets")
        self.layouts = (site.layouts_dir, *(theme / "layouts" for theme in site.theme_dirs))
        self.settings_dirs = (root / "config", site.archetype_dir)
        self.settings_files = frozenset(
            (
                *site.config_files,
                *(root / name for name in ROOT_CONFIG_NAMES),
                *(root / name for name in SETTINGS_FILE_NAMES),
            )
        )
        publish = str(site.config.get("publishdir") or "public")
        self.never = (Path(os.path.normpath(root / publish)), root / "resources" / "_gen")

    def is_content(self, path: Path) -> bool:
        return _under(path, self.content)

    def is_settings(self, path: Path) -> bool:
        return path in self.settings_files or _under(path, self.settings_dirs)

    def is_layouts(self, path: Path) -> bool:
        return _under(path, self.layouts)

    def is_static(self, path: Path) -> bool:
        return _under(path, self.static)

    def is_binary(self, path: Path) -> bool:
        """static/ and assets/ may hold big images and videos: told apart by stat data."""
        return _under(path, self.binary)

    def is_excluded(self, path: Path) -> bool:
        """Files postedit never reports: version control, packages, Hugo's output."""
        if not _IGNORED_FOLDER_NAMES.isdisjoint(path.parts) or is_ignored_name(path.name):
            return True
        return _under(path, self.never)


def _under(path: Path, folders: Iterable[Path]) -> bool:
    # On strings: Path.is_relative_to parses both paths on every call, and a batch
    # of 1,000 changes asks this thousands of times.
    text = str(path)
    return any(
        text == (folder_text := str(folder)) or text.startswith(folder_text + os.sep)
        for folder in folders
    )


def _has_part(path: Path, names: Iterable[str]) -> bool:
    return any(name in path.parts for name in names)


@dataclass(frozen=True)
class ChangeBatch:
    """The net changes of one burst of file system activity, one Change per path.

    `site` (set by the watcher) tells which folder is which; a batch built without
    it sorts its changes by the usual Hugo folder names instead.
    """

    changes: tuple[Change, ...]
    site: Site | None = field(default=None, repr=False, compare=False)

    def paths(self) -> frozenset[Path]:
        """Every path the batch names, both ends of moves included."""
        named = {change.path for change in self.changes}
        named.update(change.old_path for change in self.changes if change.old_path is not None)
        return frozenset(named)

    def change_for(self, path: Path) -> Change | None:
        """The change naming `path`, as its path or (for a move) its old path."""
        return self._by_path.get(path)

    @cached_property
    def _by_path(self) -> dict[Path, Change]:
        by_path: dict[Path, Change] = {}
        for change in self.changes:
            by_path.setdefault(change.path, change)
            if change.old_path is not None:
                by_path.setdefault(change.old_path, change)
        return by_path

    def classified(self) -> ChangeBatch:
        """This batch with its folder tests done (the watcher's thread calls it, so the
        GUI thread only reads the answers)."""
        answers = ("content_changes", "settings_changed", "layouts_changed", "static_changed")
        for name in (*answers, "_by_path"):
            getattr(self, name)
        return self

    def _matching(self, test: Callable[[Path], bool]) -> tuple[Change, ...]:
        return tuple(
            change
            for change in self.changes
            if test(change.path) or (change.old_path is not None and test(change.old_path))
        )

    @cached_property
    def content_changes(self) -> tuple[Change, ...]:
        """The changes under the site's content folders."""
        if self.site is None:
            return self._matching(lambda path: "content" in path.parts)
        return self._matching(_Areas(self.site).is_content)

    @cached_property
    def settings_changed(self) -> bool:
        """Site config, archetypes or postedit's schema changed: read site and schema again."""
        if self.site is None:
            names = {*ROOT_CONFIG_NAMES, *SETTINGS_FILE_NAMES}
            return bool(
                self._matching(lambda p: p.name in names or _has_part(p, ("config", "archetypes")))
            )
        return bool(self._matching(_Areas(self.site).is_settings))

    @cached_property
    def layouts_changed(self) -> bool:
        """Templates (shortcodes, partials) changed: the preview must render again."""
        if self.site is None:
            return bool(self._matching(lambda path: "layouts" in path.parts))
        return bool(self._matching(_Areas(self.site).is_layouts))

    @cached_property
    def static_changed(self) -> bool:
        """static/, assets/ or data/ changed: the preview may render again."""
        if self.site is None:
            return bool(self._matching(lambda p: _has_part(p, ("static", "assets", "data"))))
        return bool(self._matching(_Areas(self.site).is_static))


class _Stamp(NamedTuple):
    """Size and modification time: how files in static/ and assets/ are told apart."""

    size: int
    mtime_ns: int


_State = Fingerprint | _Stamp


def _state_of(
    path: Path, *, hashed: bool, unless_changed_since: int | None = None
) -> _State | None:
    """The file's fingerprint (or stamp) now, None if it is no regular file any more
    (or if it changed at or after `unless_changed_since`, in time.time_ns() terms)."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            return None
        if unless_changed_since is not None and info.st_ctime_ns >= unless_changed_since:
            return None
        if not hashed or info.st_size > HASH_LIMIT:
            return _Stamp(info.st_size, info.st_mtime_ns)
        with open(path, "rb") as handle:
            return Fingerprint.of(handle.read())
    except OSError:
        return None


@dataclass
class _Pending:
    """Raw events gathered since the last flush (the handler adds, the worker takes)."""

    paths: dict[Path, bool] = field(default_factory=dict)  # path -> seen being created
    new_dirs: set[Path] = field(default_factory=set)
    gone_dirs: set[Path] = field(default_factory=set)
    moves: list[tuple[Path, Path]] = field(default_factory=list)
    first: float = 0.0
    last: float = 0.0

    def __bool__(self) -> bool:
        return bool(self.paths or self.new_dirs or self.gone_dirs or self.moves)


class _Handler(FileSystemEventHandler):
    """Called on watchdog's thread: records paths only, the worker does the rest."""

    def __init__(self, watcher: SiteWatcher) -> None:
        self._watcher = watcher

    def on_any_event(self, event: FileSystemEvent) -> None:
        self._watcher._record(event)


class _Watch(NamedTuple):
    folder: Path
    recursive: bool
    what: str  # how the folder is named to the writer


class SiteWatcher:
    """Reports what other programs change in a site, in coalesced batches.

    `on_batch` is called on the watcher's own thread, once per quiet period and
    never with an empty batch. Content, data, layouts and config files are compared
    by fingerprint (size + SHA-256; files over 20 MB by size and modification time);
    files in static/ and assets/, possibly big images and videos, by size and
    modification time, so touching one there counts as a change.
    """

    def __init__(
        self,
        site: Site,
        on_batch: Callable[[ChangeBatch], None],
        *,
        quiet: float = 0.15,
        max_delay: float = 1.0,
    ) -> None:
        self.site = site
        self.error: str | None = None
        self._on_batch = on_batch
        self._quiet = quiet
        self._max_delay = max_delay
        self._areas = _Areas(site)
        self._known: dict[Path, _State] = {}
        self._removed_by_us: set[Path] = set()  # remembered as gone: their deletion is ours
        self._known_lock = threading.Lock()
        self._pending = _Pending()
        self._wakeup = threading.Condition()
        self._stopping = False
        self._ready = threading.Event()
        self._observer: BaseObserver | None = None
        self._worker: threading.Thread | None = None
        self._handler = _Handler(self)
        self._problems: dict[Path, str] = {}
        self._watched: dict[Path, ObservedWatch] = {}
        self._started = False
        self._watch_began_ns = 0

    # --- the public API -----------------------------------------------------------

    def start(self) -> None:
        """Begin watching; never raises. `error` says in plain words what is not watched."""
        if self._started:
            return
        self._started = True
        self._watch_began_ns = time.time_ns()
        try:
            observer = Observer()
            observer.start()
        except Exception as exception:  # any failure means: not watching
            self._problems[self.site.root] = (
                f"postedit cannot watch the site for changes made by other programs: "
                f"{_reason(exception)}."
            )
            self._update_error()
            self._ready.set()
            return
        self._observer = observer
        for watch in self._planned_watches():
            self._schedule(watch)
        self._update_error()
        self._worker = threading.Thread(
            target=self._run, name=f"postedit-watch {self.site.root.name}", daemon=True
        )
        self._worker.start()

    def stop(self) -> None:
        """Stop watching and wait for the watcher's threads; safe to call again."""
        with self._wakeup:
            self._stopping = True
            self._wakeup.notify_all()
        observer, self._observer = self._observer, None
        if observer is not None:
            with contextlib.suppress(Exception):
                observer.stop()
                observer.join()
        worker = self._worker
        if worker is not None and worker is not threading.current_thread():
            worker.join()

    def remember(self, path: Path, fingerprint: Fingerprint | None) -> None:
        """`path` now holds `fingerprint` (after our own load or save; None: we deleted it).

        A later event whose file still has this fingerprint is not reported.
        """
        path = Path(os.path.abspath(path))
        with self._known_lock:
            if fingerprint is None:
                self._known.pop(path, None)
                self._removed_by_us.add(path)
            else:
                self._known[path] = fingerprint
                self._removed_by_us.discard(path)

    def wait_until_ready(self, timeout: float | None = None) -> bool:
        """Wait until the known files are fingerprinted (events from then on are exact)."""
        return self._ready.wait(timeout)

    # --- which folders ------------------------------------------------------------

    def _planned_watches(self) -> list[_Watch]:
        site, root = self.site, self.site.root
        recursive = [
            *((folder, "content folder") for folder in site.content_dirs),
            *((folder, "static folder") for folder in site.static_dirs),
            (root / "assets", "assets folder"),
            (root / "data", "data folder"),
            (site.layouts_dir, "layouts folder"),
            *((theme / "layouts", "theme's layouts folder") for theme in site.theme_dirs),
            (site.archetype_dir, "archetypes folder"),
            (root / "config", "config folder"),
        ]
        watches = [_Watch(root, False, "site folder")]
        chosen: list[Path] = []
        for folder, what in recursive:
            if any(folder.is_relative_to(other) for other in chosen):
                continue  # inside a folder watched already
            chosen.append(folder)
            watches.append(_Watch(folder, True, what))
        return watches

    def _schedule(self, watch: _Watch) -> None:
        """Watch one folder; a missing optional folder is fine, a missing content folder
        and any failure are recorded for `error`."""
        observer = self._observer
        if observer is None or watch.folder in self._watched:
            return
        if not watch.folder.is_dir():
            if watch.what == "content folder":
                self._problems[watch.folder] = (
                    f"The content folder {watch.folder} does not exist, so postedit does not "
                    "watch it for changes made by other programs."
                )
            return
        try:
            handle = observer.schedule(
                self._handler,
                str(watch.folder),
                recursive=watch.recursive,
                event_filter=_EVENT_FILTER,
            )
        except Exception as exception:  # watchdog raises OSError and others
            self._problems[watch.folder] = (
                f"postedit cannot watch the {watch.what} {watch.folder} for changes made by "
                f"other programs: {_reason(exception)}. Changes are still checked when you "
                "save and when the window comes back to the front."
            )
            return
        self._watched[watch.folder] = handle
        self._problems.pop(watch.folder, None)

    def _update_error(self) -> None:
        self.error = " ".join(self._problems.values()) or None

    def _forget_folder(self, folder: Path) -> None:
        """A watched folder was deleted or renamed: its watch is stale, drop it."""
        handle = self._watched.pop(folder, None)
        observer = self._observer
        if handle is not None and observer is not None:
            with contextlib.suppress(Exception):  # watchdog may have dropped it already
                observer.unschedule(handle)
        for watch in self._planned_watches():
            if watch.folder == folder:
                self._schedule(watch)  # records a missing content folder
        self._update_error()

    def _watch_new_folder(self, folder: Path) -> None:
        """A folder we wanted but that was missing has appeared at the site root."""
        for watch in self._planned_watches():
            if watch.recursive and watch.folder == folder:
                self._schedule(watch)
                self._update_error()

    # --- events (watchdog's thread) ---------------------------------------------------

    def _wanted(self, path: Path) -> bool:
        if path.parent == self.site.root and not self._areas.is_content(path):
            # From the non-recursive watch of the root: config files only.
            return path in self._areas.settings_files
        return not self._areas.is_excluded(path)

    def _record(self, event: FileSystemEvent) -> None:
        source = Path(os.fsdecode(event.src_path))
        destination = Path(os.fsdecode(event.dest_path)) if event.dest_path else None
        now = time.monotonic()
        with self._wakeup:
            pending = self._pending
            before = bool(pending)
            if event.is_directory:
                if event.event_type == "created":
                    pending.new_dirs.add(source)
                elif event.event_type == "deleted":
                    pending.gone_dirs.add(source)
                elif event.event_type == "moved" and destination is not None:
                    pending.gone_dirs.add(source)
                    pending.new_dirs.add(destination)
                    pending.moves.append((source, destination))
                else:
                    return
            elif event.event_type == "moved" and destination is not None:
                source_wanted, destination_wanted = self._wanted(source), self._wanted(destination)
                if source_wanted:
                    pending.paths.setdefault(source, False)
                if destination_wanted:
                    pending.paths[destination] = True
                if source_wanted and destination_wanted:
                    pending.moves.append((source, destination))
                if not (source_wanted or destination_wanted):
                    return
            elif self._wanted(source):
                created = event.event_type == "created"
                pending.paths[source] = pending.paths.get(source, False) or created
            else:
                return
            if not before:
                pending.first = now
            pending.last = now
            self._wakeup.notify_all()

    # --- the worker thread --------------------------------------------------------

    def _run(self) -> None:
        try:
            self._seed()
        finally:
            self._ready.set()
        while True:
            with self._wakeup:
                while not self._stopping and not self._pending:
                    self._wakeup.wait()
                while not self._stopping:
                    pending = self._pending
                    deadline = min(pending.last + self._quiet, pending.first + self._max_delay)
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        break
                    self._wakeup.wait(remaining)
                if self._stopping:
                    return
                taken, self._pending = self._pending, _Pending()
            try:
                changes = self._settle(taken)
                if changes:
                    self._on_batch(ChangeBatch(changes, self.site).classified())
            except Exception:
                _log.exception("The site watcher could not deliver a batch of changes")

    def _hashed(self, path: Path, like: _State | None = None) -> bool:
        if like is not None:
            return isinstance(like, Fingerprint)
        return not self._areas.is_binary(path)

    def _files_below(self, folder: Path) -> Iterator[Path]:
        """Every file below `folder` that postedit reports on (symlinked folders not followed)."""
        for top, folders, files in os.walk(folder):
            folders[:] = [name for name in folders if name not in _IGNORED_FOLDER_NAMES]
            base = Path(top)
            for name in files:
                path = base / name
                if not self._areas.is_excluded(path):
                    yield path

    def _seed(self) -> None:
        """Fingerprint the files there are now, so later events can be compared.

        A file changed since (shortly before) the watch began is left unknown: its
        event may still be on its way, and reading it now would make that event
        look like no change. Its event decides (CREATED or MODIFIED) instead.
        """
        seeded: dict[Path, _State] = {}
        root = self.site.root
        recent = self._watch_began_ns - SEED_MARGIN_NS
        for path in self._areas.settings_files:
            state = _state_of(path, hashed=True, unless_changed_since=recent)
            if state is not None:
                seeded[path] = state
        for folder in sorted(self._watched):
            if folder == root:
                continue
            for path in self._files_below(folder):
                if self._stopping:
                    return
                state = _state_of(path, hashed=self._hashed(path), unless_changed_since=recent)
                if state is not None:
                    seeded[path] = state
        with self._wakeup:
            touched = set(self._pending.paths)
            new_dirs = tuple(self._pending.new_dirs)
        with self._known_lock:
            for path, state in seeded.items():
                # A file touched while we read it may have been read before or after
                # the change: leave it unknown, its event decides.
                if path in touched or _under(path, new_dirs):
                    continue
                self._known.setdefault(path, state)

    def _settle(self, pending: _Pending) -> tuple[Change, ...]:
        """The net changes behind a batch of raw events, from the disk as it is now."""
        created_hint = dict(pending.paths)
        for folder in pending.gone_dirs:
            if folder in self._watched and folder != self.site.root:
                self._forget_folder(folder)
        for folder in pending.new_dirs:
            if folder.parent == self.site.root:
                self._watch_new_folder(folder)
            watched = [other for other in self._watched if other != self.site.root]
            if _under(folder, watched) and not self._areas.is_excluded(folder):
                for path in self._files_below(folder):
                    created_hint[path] = True
        with self._known_lock:
            known_snapshot = dict(self._known)
        for folder in pending.gone_dirs:
            for path in known_snapshot:
                if path.is_relative_to(folder):
                    created_hint.setdefault(path, False)

        # Where each path now came from, following chains of renames (a -> b -> c).
        origin: dict[Path, Path] = {}
        for source, destination in pending.moves:
            if source in pending.gone_dirs:
                pairs = [
                    (path, destination / path.relative_to(source))
                    for path in (*known_snapshot, *origin)
                    if path.is_relative_to(source)
                ]
            else:
                pairs = [(source, destination)]
            for old, new in pairs:
                origin[new] = origin.pop(old, old)
        for new, old in origin.items():
            if old != new:
                created_hint.setdefault(old, False)

        states = {
            path: _state_of(path, hashed=self._hashed(path, known_snapshot.get(path)))
            for path in created_hint
            if not self._areas.is_excluded(path)
        }
        changes: list[Change] = []
        with self._known_lock:
            known = self._known
            moved_from: set[Path] = set()
            moved_to: set[Path] = set()
            for new, old in origin.items():
                state, old_state = states.get(new), known.get(old)
                if (
                    old == new
                    or state is None
                    or old_state is None
                    or new in known
                    or old not in states
                    or states[old] is not None
                ):
                    continue
                if type(state) is not type(old_state):
                    state = _state_of(new, hashed=isinstance(old_state, Fingerprint))
                if state != old_state:
                    continue  # not the same file any more: deleted and created below
                changes.append(Change(ChangeKind.MOVED, new, old))
                moved_from.add(old)
                moved_to.add(new)
                del known[old]
                known[new] = old_state
            deleted: dict[Path, _State] = {}
            for path, state in states.items():
                if path in moved_from or path in moved_to:
                    continue
                was = known.get(path)
                if state is None:
                    if was is not None:
                        del known[path]
                        deleted[path] = was
                        changes.append(Change(ChangeKind.DELETED, path))
                    elif not created_hint[path] and path not in self._removed_by_us:
                        # Not known yet (changed just before the watch began, or the
                        # seeding has not reached it) but not created in this batch
                        # either: it existed, and a deletion must never go unreported.
                        changes.append(Change(ChangeKind.DELETED, path))
                    continue
                if was is None:
                    known[path] = state
                    self._removed_by_us.discard(path)  # it is back: a later deletion is news
                    kind = ChangeKind.CREATED if created_hint[path] else ChangeKind.MODIFIED
                    changes.append(Change(kind, path))
                    continue
                if type(state) is not type(was):
                    state = _state_of(path, hashed=isinstance(was, Fingerprint))
                    if state is None:
                        continue
                if state != was:
                    known[path] = state
                    changes.append(Change(ChangeKind.MODIFIED, path))
            changes = self._pair_lost_moves(changes, deleted, states)
        changes.sort(key=lambda change: (str(change.path), change.kind))
        return tuple(changes)

    def _pair_lost_moves(
        self, changes: list[Change], deleted: dict[Path, _State], looked_at: Container[Path]
    ) -> list[Change]:
        """Turn a created file into a move when a file with the same content just went.

        Watchdog does not pair every rename: into a folder created a moment before,
        or from one watched folder to another, it reports a creation, and sometimes
        loses the old name's event. A created file whose fingerprint a file that is
        gone had (deleted in this batch, or known but no longer on disk) was moved.
        Called with the known-files lock held.
        """
        created = [change for change in changes if change.kind is ChangeKind.CREATED]
        if not created:
            return changes
        known = self._known
        gone_by_state: dict[_State, list[Path]] = {}
        for path, state in deleted.items():
            gone_by_state.setdefault(state, []).append(path)
        for path, state in known.items():
            if path not in looked_at:  # not looked at in this batch: maybe gone unnoticed
                gone_by_state.setdefault(state, []).append(path)
        by_path = {change.path: change for change in changes}
        for change in created:
            candidates = gone_by_state.get(known[change.path], [])
            for old in candidates:
                if old in deleted or not os.path.lexists(old):
                    candidates.remove(old)
                    by_path.pop(old, None)
                    known.pop(old, None)
                    by_path[change.path] = Change(ChangeKind.MOVED, change.path, old)
                    break
        return list(by_path.values())


def _reason(exception: BaseException) -> str:
    """Why watching failed, in words a writer can act on."""
    if isinstance(exception, OSError):
        if exception.errno == errno.ENOSPC:
            return (
                "the system's limit on watched folders is reached "
                "(an administrator can raise fs.inotify.max_user_watches)"
            )
        if exception.errno == errno.EMFILE:
            return (
                "the system's limit on file watchers is reached "
                "(an administrator can raise fs.inotify.max_user_instances)"
            )
        if exception.errno in (errno.EACCES, errno.EPERM):
            return "postedit may not read that folder"
        return str(exception.strerror or exception)
    return str(exception) or type(exception).__name__
