"""An index of every post in a site: title, date, draft, taxonomies, problems.

The post list, taxonomy completion and schema inference all need a little of every
post's front matter, and a blog can have ten thousand posts. So the index reads
front matter only, with the fastest parsers at hand (libyaml, tomllib, json), keeps
no bodies, and persists what it read in a cache keyed by each file's relative path,
mtime and size, so that opening a known site re-reads only the files that changed.

A bad file never stops the index: its entry carries an `error` saying what is wrong
(and on which line), and a title made from its file name.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import logging
import marshal
import multiprocessing
import os
import tempfile
import threading
import time
import unicodedata
import zoneinfo
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISDIR, S_ISREG
from sys import intern
from typing import Any, NamedTuple

from postedit.core.index_cache import (
    CACHE_MAGIC,
    CACHE_VERSION,
    RECORD_FIELDS,
    checked_shapes,
    entry_from_record,
    entry_to_record,
)
from postedit.core.index_entry import IndexEntry, Shapes, read_entry, same_shapes, term_key
from postedit.core.paths import user_cache_dir
from postedit.core.site import ContentFile, Site

_log = logging.getLogger(__name__)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while creating many long-lived objects.

    Indexing makes tens of thousands of tuples and dicts, none of them garbage;
    each allocation burst would otherwise trigger collection passes over all of
    them, which costs a good part of a warm start.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# --- reading many files at once ------------------------------------------------------

_CHUNK = 250  # files per unit of work for a helper process
_MIN_FILES_FOR_HELPERS = 2000


def helper_processes(files: int) -> int:
    """How many helper processes reading `files` files should start (0: none).

    Parsing front matter is CPU-bound Python, which threads cannot share but
    processes can. Starting one costs about 0.2 s, so none for fewer than 2,000
    files (a cold start of a big site is what this is for); else one per CPU
    besides the one this thread runs on. (Measured on 2 CPUs, 10,000 posts: 0.77 s
    instead of 1.02 s; with the other CPU busy it costs about a fifth more, but a
    cold start happens once per site.)
    """
    if files < _MIN_FILES_FOR_HELPERS:
        return 0
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 1
    return max(0, min(cpus - 1, files // _CHUNK - 1))


def _read_records(files: list[ContentFile], taxonomies: tuple[str, ...]) -> list[tuple[Any, ...]]:
    """Read entries in a helper process; records (plain tuples) travel back cheaply."""
    return [entry_to_record(read_entry(file, taxonomies)) for file in files]


def _with_interned_terms(record: tuple[Any, ...]) -> tuple[Any, ...]:
    """A record from a helper process with its terms interned in this process again."""
    tags, categories = tuple(map(intern, record[4])), tuple(map(intern, record[5]))
    same = {"tags": tags, "categories": categories}
    taxonomies = {}
    for name, terms in record[6].items():
        shared = same.get(name)
        taxonomies[name] = shared if shared == tuple(terms) else tuple(map(intern, terms))
    return (*record[:4], tags, categories, taxonomies, *record[7:])


def read_entries(
    files: list[ContentFile],
    taxonomies: tuple[str, ...],
    share_shapes: Callable[[Shapes], Shapes] = same_shapes,
    helpers: int = 0,
) -> list[IndexEntry]:
    """Read many files, sharing the work with `helpers` processes when asked to.

    Helpers are spawned (nothing of a GUI process is forked) and take chunks from
    the front, while this thread takes them from the back, cancelling those no
    helper has started; nobody waits idle, and should the pool break (a frozen app
    without multiprocessing.freeze_support(), say) this thread reads what is left.
    """
    if helpers < 1:
        return [read_entry(file, taxonomies, share_shapes) for file in files]
    chunks = [files[i : i + _CHUNK] for i in range(0, len(files), _CHUNK)]
    done: dict[int, list[IndexEntry]] = {}
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(helpers, mp_context=context) as pool:
        futures = [pool.submit(_read_records, chunk, taxonomies) for chunk in chunks]
        for number in reversed(range(len(chunks))):
            if futures[number].cancel():
                done[number] = [read_entry(f, taxonomies, share_shapes) for f in chunks[number]]
        for number, future in enumerate(futures):
            if number in done:
                continue
            try:
                records = future.result()
            except Exception as error:  # a broken pool costs time, not entries
                _log.warning("An index helper process failed: %s", error)
                done[number] = [read_entry(f, taxonomies, share_shapes) for f in chunks[number]]
                continue
            done[number] = [
                entry_from_record(_with_interned_terms(record), share_shapes) for record in records
            ]
    return [entry for number in range(len(chunks)) for entry in done[number]]


# --- the index -------------------------------------------------------------------------


@dataclass(frozen=True)
class IndexStats:
    """What one refresh did: for logs, benchmarks, and tests that count reads."""

    files: int
    read: int
    reused: int
    removed: int
    cache_loaded: bool
    seconds: float
    helpers: int = 0  # helper processes that shared the reading


class _Merged(NamedTuple):
    """The outcome of matching a scan against known or cached entries."""

    entries: dict[str, IndexEntry]
    read: int
    removed: int
    cache_loaded: bool
    cache_order: tuple[IndexEntry, ...] | None  # set when nothing changed since the cache
    helpers: int


def _sort_key(entry: IndexEntry) -> str:
    """Dates and datetimes on one naive-UTC ISO scale (Hugo reads naive times as UTC).

    ISO strings sort like the instants they name, and a bare date sorts as its
    midnight, so no datetime objects need to be built for sorting.
    """
    value = entry.date
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    assert value is not None
    return value.isoformat()


def _zoned_sort_key(zone: dt.tzinfo) -> Callable[[IndexEntry], str]:
    """`_sort_key` for a site with a `timeZone`: Hugo places bare dates and times in it."""

    def key(entry: IndexEntry) -> str:
        value = entry.date
        assert value is not None
        if not isinstance(value, dt.datetime):
            value = dt.datetime(value.year, value.month, value.day)
        if value.tzinfo is None:
            value = value.replace(tzinfo=zone)
        return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat()

    return key


def _site_zone(name: str) -> dt.tzinfo | None:
    """The site's time zone; None for UTC, unset, or a name this system does not know."""
    if not name or name.upper() == "UTC":
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        _log.warning("Unknown time zone %r in the site config; using UTC", name)
        return None


def fold(text: str) -> str:
    """Text for case- and accent-insensitive matching: 'Één' and 'een' fold alike."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class SiteIndex:
    """The index of a site's Markdown content, kept in step with the files.

    Build it off the GUI thread with `build(executor)`, or call `refresh()` where
    blocking is fine. Afterwards `update_path` and `remove_path` keep it current
    per file (the file watcher calls them). Changes replace the internal mappings
    (the entries by path, their order, the folded text `search` keeps) under a lock
    instead of mutating them, and readers take each snapshot they use under that
    lock, so readers on any thread see consistent snapshots while an update runs;
    changes themselves should come from one thread at a time.

    The cache lives in `cache_dir` (default: the user cache folder), one file per
    site named after a hash of the resolved site root; `use_cache=False` skips it.
    `helpers` is the number of helper processes for reading many files (a cold
    start); None decides per refresh (see `helper_processes`), 0 never starts any.
    """

    def __init__(
        self,
        site: Site,
        cache_dir: str | os.PathLike[str] | None = None,
        *,
        use_cache: bool = True,
        helpers: int | None = None,
    ) -> None:
        self.site = site
        self.cache_dir = Path(cache_dir) if cache_dir else user_cache_dir()
        self.use_cache = use_cache
        self.helpers = helpers
        self.last_stats: IndexStats | None = None
        self._taxonomies = tuple(sorted(set(site.taxonomies.values())))
        self._by_path: dict[str, IndexEntry] = {}
        self._sorted: tuple[IndexEntry, ...] | None = None
        # Folded search text by path, with the entry it was made from. Replaced, never
        # mutated: a search on another thread may be reading the old one.
        self._folded: Mapping[str, tuple[IndexEntry, str]] = {}
        self._shape_pool: dict[Shapes, Shapes] = {}
        self._lock = threading.RLock()

    # -- reading -------------------------------------------------------------------

    @property
    def entries(self) -> tuple[IndexEntry, ...]:
        """All entries, newest first; undated entries last; ties in path order."""
        with self._lock:
            if self._sorted is None:
                by_path = sorted(self._by_path.values(), key=lambda entry: entry.path)
                dated = [entry for entry in by_path if entry.date is not None]
                zone = _site_zone(self.site.time_zone)
                key = _sort_key if zone is None else _zoned_sort_key(zone)
                dated.sort(key=key, reverse=True)  # stable: ties keep path order
                self._sorted = (*dated, *(entry for entry in by_path if entry.date is None))
            return self._sorted

    def __len__(self) -> int:
        return len(self._by_path)

    def get(self, path: str | os.PathLike[str]) -> IndexEntry | None:
        """The entry for an absolute or root-relative path, if indexed."""
        return self._by_path.get(self.site.relative(path))

    def taxonomy_values(self, name: str) -> list[tuple[str, int]]:
        """(term, number of posts) for a taxonomy, most used first, then by name.

        `name` is the plural ("tags") or singular ("tag") name. Terms are merged as
        Hugo merges them (see `term_key`: "Go" and "go", "Hugo Tips" and
        "hugo-tips" are one term), each shown in its most common spelling (the
        posts using it), and a post counts once per term however often it names it.
        """
        plural = self.site.taxonomies.get(name, name)
        counts: dict[str, int] = {}
        spellings: dict[str, dict[str, int]] = {}
        keys: dict[str, str] = {}  # term -> key; the same terms recur in many posts
        for entry in self._by_path.values():
            used = set()
            for term in entry.terms(plural):
                key = keys.get(term)
                if key is None:
                    key = keys[term] = term_key(term)
                used.add((key, term))
            for key in {key for key, _ in used}:
                counts[key] = counts.get(key, 0) + 1
            for key, term in used:
                spelled = spellings.setdefault(key, {})
                spelled[term] = spelled.get(term, 0) + 1
        result = []
        for key, count in counts.items():
            spelled = spellings[key]
            best = min(spelled, key=lambda term: (-spelled[term], term))
            result.append((best, count))
        result.sort(key=lambda item: (-item[1], item[0].casefold(), item[0]))
        return result

    def search(self, query: str) -> list[IndexEntry]:
        """Entries (newest first) matching every word of `query`.

        Words match anywhere in the title, description, path, tags, categories and
        other taxonomy terms, ignoring case and accents. Bodies are not searched.
        """
        words = fold(query).split()
        with self._lock:  # entries and folded text of the same moment
            entries = self.entries
            folded = self._folded
        if not words:
            return list(entries)
        result = []
        fresh: dict[str, tuple[IndexEntry, str]] = {}
        for entry in entries:
            cached = folded.get(entry.path)
            if cached is None or cached[0] is not entry:
                cached = fresh[entry.path] = (entry, self._search_text(entry))
            if all(word in cached[1] for word in words):
                result.append(entry)
        if fresh:
            self._keep_folded(fresh)
        return result

    def _search_text(self, entry: IndexEntry) -> str:
        terms = [term for name in self._taxonomies for term in entry.terms(name)]
        parts = (entry.title, entry.description, entry.path, *entry.tags, *entry.categories)
        return fold(" ".join((*parts, *terms)))

    def _keep_folded(self, fresh: Mapping[str, tuple[IndexEntry, str]]) -> None:
        """Keep newly folded text for later searches, for the entries still current."""
        with self._lock:
            current = self._by_path
            kept = {path: item for path, item in fresh.items() if current.get(path) is item[0]}
            if kept:
                self._folded = {**self._folded, **kept}

    # -- building --------------------------------------------------------------------

    def build(self, executor: Executor | None = None) -> Future[SiteIndex]:
        """Refresh off the calling thread; the future resolves to this index.

        Pass the application's executor (or, in tests, one that runs work at once);
        without one, a single-use worker thread is started.
        """
        if executor is not None:
            return executor.submit(self._refresh_returning_self)
        own = ThreadPoolExecutor(max_workers=1, thread_name_prefix="postedit-index")
        try:
            return own.submit(self._refresh_returning_self)
        finally:
            own.shutdown(wait=False)

    def _refresh_returning_self(self) -> SiteIndex:
        self.refresh()
        return self

    def refresh(self) -> IndexStats:
        """Scan the content folders and re-read exactly the files that changed.

        Known entries come from memory or, on the first refresh, from the cache file;
        a file whose mtime, size or section differs from its entry is read again.
        The cache is rewritten when anything changed.
        """
        start = time.perf_counter()
        files = self.site.scan_content()
        with self._lock:
            known = self._by_path
        with _gc_paused():  # cache records die in here, before the collector sees them
            merged = self._merge(files, known)
        changed = bool(merged.read or merged.removed)
        if changed or merged.cache_order is not None:
            self._replace(merged.entries, merged.cache_order)
        if self.use_cache and changed:
            self.save_cache()
        stats = IndexStats(
            files=len(files),
            read=merged.read,
            reused=len(files) - merged.read,
            removed=merged.removed,
            cache_loaded=merged.cache_loaded,
            seconds=time.perf_counter() - start,
            helpers=merged.helpers,
        )
        self.last_stats = stats
        return stats

    def _merge(self, files: list[ContentFile], known: dict[str, IndexEntry]) -> _Merged:
        """Entries for `files`, reusing known or cached ones whose stat data still match."""
        records = self._load_cache() if not known and self.use_cache else {}
        share_shapes = self._share_shapes
        share_cached_shapes = self._share_cached_shapes
        entries: dict[str, IndexEntry] = {}
        stale = []
        # Runs once per post on every start-up: plain tuple unpacking and comparisons.
        for file in files:
            _, relative, section, mtime_ns, size = file
            entry = known.get(relative)
            if entry is not None:
                if entry.mtime_ns == mtime_ns and entry.size == size and entry.section == section:
                    entries[relative] = entry
                    continue
            else:
                record = records.get(relative)
                # A record holds IndexEntry's fields in order: 7 to 9 are the stat data.
                if record is not None and record[7:10] == (section, mtime_ns, size):
                    try:
                        entries[relative] = entry_from_record(record, share_cached_shapes)
                        continue
                    except (TypeError, ValueError) as error:  # damaged: read the file again
                        _log.debug("Ignoring a bad index cache record: %s", error)
            stale.append(file)
        helpers = self.helpers if self.helpers is not None else helper_processes(len(stale))
        for entry in read_entries(stale, self._taxonomies, share_shapes, helpers):
            entries[entry.path] = entry
        removed = sum(1 for path in known or records if path not in entries)
        # The cache is written newest first: when every entry came from it unchanged,
        # its order still holds and a warm start needs no sort.
        unchanged = bool(records) and not stale and not removed
        cache_order = tuple(entries[path] for path in records) if unchanged else None
        return _Merged(entries, len(stale), removed, bool(records), cache_order, helpers)

    def _replace(
        self, entries: dict[str, IndexEntry], order: tuple[IndexEntry, ...] | None = None
    ) -> None:
        """Swap in new mappings (never mutate the old ones: readers may hold them)."""
        with self._lock:
            self._by_path = entries
            self._sorted = order
            if self._folded:  # keep the folded text of the entries that stay
                folded = self._folded.items()
                self._folded = {p: item for p, item in folded if entries.get(p) is item[0]}

    def _share_shapes(self, shapes: Shapes) -> Shapes:
        """Share equal field-shape tuples: the posts of a section mostly have the same."""
        return self._shape_pool.setdefault(shapes, shapes)

    def _share_cached_shapes(self, shapes: Shapes) -> Shapes:
        """`_share_shapes` for shapes from the cache file, checked when first seen."""
        shared = self._shape_pool.get(shapes)  # TypeError when they hold a list
        if shared is None:
            shared = self._shape_pool.setdefault(shapes, checked_shapes(shapes))
        return shared

    # -- per-file updates --------------------------------------------------------------

    def update_path(self, path: str | os.PathLike[str]) -> IndexEntry | None:
        """Re-read one created or changed path; returns its entry when it is a post.

        A path that no longer exists is removed, and a folder (one moved in, say) is
        re-indexed below it; both return None, as do files that are not posts (as
        `Site.is_content_file` and `scan_content` have it) and paths that are not
        regular files (a named pipe or device is never opened: it gets no entry, and
        loses any it had). A leaf bundle's index file coming or going re-indexes
        its folder: it decides whether the files beside it are pages or resources.
        `path` is absolute or root-relative, and may run through symlinks.
        """
        absolute = self.site.absolute(path)
        try:
            status: os.stat_result | None = os.stat(absolute)
        except OSError:
            status = None
        if status is not None and S_ISDIR(status.st_mode):
            self._update_folder(absolute)
            return None
        if (
            self.site.is_bundle_index(absolute.name)
            and absolute.parent not in self.site.content_dirs
        ):
            self._update_folder(absolute.parent)
            return self.get(absolute)
        if (
            status is None  # gone
            or not S_ISREG(status.st_mode)
            or not self.site.is_content_file(absolute)  # a bundle's resource now, say
        ):
            self.remove_path(absolute)
            return None
        relative = self.site.relative(absolute)
        file = ContentFile(
            str(absolute),
            relative,
            self.site.section_of(absolute),
            status.st_mtime_ns,
            status.st_size,
        )
        entry = read_entry(file, self._taxonomies, self._share_shapes)
        with self._lock:
            self._replace({**self._by_path, relative: entry})
        return entry

    def _update_folder(self, folder: Path) -> None:
        prefix = self.site.relative(folder).rstrip("/") + "/"
        present = [file for file in self.site.scan_content() if file.relative.startswith(prefix)]
        known = self._by_path
        found = {}
        for file in present:
            entry = known.get(file.relative)
            if entry is None or (entry.section, entry.mtime_ns, entry.size) != file[2:]:
                entry = read_entry(file, self._taxonomies, self._share_shapes)
            found[file.relative] = entry
        with self._lock:
            kept = {key: e for key, e in self._by_path.items() if not key.startswith(prefix)}
            self._replace({**kept, **found})

    def remove_path(self, path: str | os.PathLike[str]) -> int:
        """Forget a deleted file, or every entry below a deleted folder; returns how many."""
        relative = self.site.relative(path)
        prefix = relative.rstrip("/") + "/"
        with self._lock:
            kept = {
                key: entry
                for key, entry in self._by_path.items()
                if key != relative and not key.startswith(prefix)
            }
            removed = len(self._by_path) - len(kept)
            if removed:
                self._replace(kept)
        return removed

    # -- the cache -------------------------------------------------------------------

    @property
    def cache_path(self) -> Path:
        """This site's cache file: one per site, named after its resolved root."""
        digest = hashlib.sha256(str(self.site.root).encode("utf-8")).hexdigest()[:20]
        return self.cache_dir / f"index-{digest}.marshal"

    def _cache_key(self) -> tuple[Any, ...]:
        """What besides a file's own stat decides its entry; a change drops the cache."""
        return (
            str(self.site.root),
            self._taxonomies,
            tuple(str(folder) for folder in self.site.content_dirs),
            self.site.time_zone,  # the cache is stored in date order
        )

    def _load_cache(self) -> dict[str, tuple[Any, ...]]:
        """Records by path from the cache file; {} when missing, corrupt or outdated."""
        try:
            # marshal.load on a stream reads in small pieces: loads is several times faster.
            data = self.cache_path.read_bytes()
            with _gc_paused():
                magic, version, key, records = marshal.loads(data)
                if magic != CACHE_MAGIC or version != CACHE_VERSION or key != self._cache_key():
                    return {}
                # Records of the wrong shape are left out: their files are read again.
                return {
                    record[0]: record
                    for record in records
                    if type(record) is tuple
                    and len(record) == RECORD_FIELDS
                    and type(record[0]) is str
                }
        except FileNotFoundError:
            return {}
        except Exception as error:  # any damage to the file only means a cold start
            _log.info("Ignoring the unreadable index cache %s: %s", self.cache_path, error)
            return {}

    def save_cache(self) -> None:
        """Write the cache atomically (temp file + os.replace); failures are only logged."""
        records = [entry_to_record(entry) for entry in self.entries]
        payload = (CACHE_MAGIC, CACHE_VERSION, self._cache_key(), records)
        temp_name = None
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            handle, temp_name = tempfile.mkstemp(
                dir=self.cache_dir, prefix=".index-", suffix=".tmp"
            )
            with os.fdopen(handle, "wb") as stream:
                stream.write(marshal.dumps(payload))
            os.replace(temp_name, self.cache_path)
            temp_name = None
        except (OSError, ValueError) as error:
            _log.warning("Could not write the index cache %s: %s", self.cache_path, error)
        finally:
            if temp_name is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temp_name)
