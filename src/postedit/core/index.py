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
import email.utils
import gc
import hashlib
import json
import logging
import marshal
import multiprocessing
import os
import re
import tempfile
import threading
import time
import tomllib
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from sys import intern
from typing import Any

import platformdirs
import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from postedit.core.site import ContentFile, Site
from postedit.core.split import FrontMatterFormat, SplitPost, split_post
from postedit.core.textio import MAX_POST_BYTES, TextDecodeError, decode

_log = logging.getLogger(__name__)

# Bump whenever what an entry holds, or how it is derived from a file, changes:
# older cache files are then ignored and rewritten.
CACHE_VERSION = 1
_CACHE_MAGIC = "postedit-index"

_DESCRIPTION_LIMIT = 500
_DATE_KEYS = ("date", "publishdate", "pubdate", "published", "lastmod", "modified")
_IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".avif")
_LONG_STRING = 80
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")

Shapes = tuple[tuple[str, str], ...]


# --- reading front matter fast ----------------------------------------------------

_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML_STR = "tag:yaml.org,2002:str"
_YAML_SEQ = "tag:yaml.org,2002:seq"
_YAML_MAP = "tag:yaml.org,2002:map"


def _construct(loader: Any, node: Node) -> Any:
    """Build the value of a composed YAML node exactly as SafeLoader would.

    libyaml parses in C, but PyYAML's constructor then walks every node in Python
    through generators and bookkeeping; for the plain strings, lists and maps that
    make up nearly all front matter we build the values directly (a third faster
    overall) and hand everything else (numbers, dates, merge keys, complex keys)
    to the loader's own constructor.
    """
    kind = type(node)
    if kind is ScalarNode:
        if node.tag == _YAML_STR:
            return node.value
    elif kind is SequenceNode:
        if node.tag == _YAML_SEQ:
            return [_construct(loader, item) for item in node.value]
    elif kind is MappingNode and node.tag == _YAML_MAP:
        result = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode or key_node.tag not in _PLAIN_KEY_TAGS:
                return loader.construct_object(node, deep=True)
            result[_construct(loader, key_node)] = _construct(loader, value_node)
        return result
    return loader.construct_object(node, deep=True)


# Key tags whose values are hashable scalars and need no merge (`<<`) or value (`=`)
# handling; any other key sends the whole mapping through PyYAML's constructor.
_PLAIN_KEY_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")
)


def load_yaml(text: str) -> Any:
    """yaml.safe_load(text), but faster: libyaml's parser plus a lean constructor."""
    loader = _YAML_LOADER(text)
    try:
        node = loader.get_single_node()
        return None if node is None else _construct(loader, node)
    finally:
        loader.dispose()


class FrontMatterError(ValueError):
    """Front matter that Hugo would refuse; `line` is the 1-based line in the file."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.line = line


def _file_line(split: SplitPost, line_in_front_matter: int) -> int:
    """File line of a 1-based line inside the front matter."""
    return split.front_matter_first_line + line_in_front_matter - 1


def _load_yaml_front_matter(split: SplitPost) -> Any:
    try:
        return load_yaml(split.front_matter)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = _file_line(split, mark.line + 1) if mark else split.front_matter_first_line
        problem = error.problem or error.context or "invalid YAML"
        message = f"YAML front matter error on line {line}: {problem}"
        raise FrontMatterError(message, line) from error
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as error:
        line = split.front_matter_first_line
        raise FrontMatterError(f"YAML front matter error: {error}", line) from error


def _load_toml_front_matter(split: SplitPost) -> Any:
    try:
        return tomllib.loads(split.front_matter)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        line = _file_line(split, int(found.group(1))) if found else 0
        problem = _TOML_LINE.sub("", str(error)).strip()
        where = f" on line {line}" if line else ""
        raise FrontMatterError(f"TOML front matter error{where}: {problem}", line) from error


def _load_json_front_matter(split: SplitPost) -> Any:
    try:
        return json.loads(split.front_matter)
    except json.JSONDecodeError as error:
        line = _file_line(split, error.lineno)
        message = f"JSON front matter error on line {line}: {error.msg}"
        raise FrontMatterError(message, line) from error
    except RecursionError as error:
        line = split.front_matter_first_line
        raise FrontMatterError("The JSON front matter is nested too deeply.", line) from error


_LOADERS: dict[FrontMatterFormat, Callable[[SplitPost], Any]] = {
    FrontMatterFormat.YAML: _load_yaml_front_matter,
    FrontMatterFormat.TOML: _load_toml_front_matter,
    FrontMatterFormat.JSON: _load_json_front_matter,
}


def parse_front_matter(split: SplitPost) -> dict[str, Any]:
    """The front matter of a split post as a dict ({} when there is none).

    Raises FrontMatterError, with the file line where known, for unclosed front
    matter, syntax errors, and front matter that is not a table of fields.
    """
    if split.error:
        raise FrontMatterError(split.error, split.error_line)
    if split.format is None:
        return {}
    data = _LOADERS[split.format](split)
    if data is None:
        return {}
    if not isinstance(data, dict):
        line = split.front_matter_first_line
        raise FrontMatterError(
            f"The front matter on line {line} is a {type(data).__name__}, "
            "not a list of fields (`name: value`).",
            line,
        )
    return data


# --- describing values --------------------------------------------------------------


class ValueShape(StrEnum):
    """What kind of value a front-matter field holds, as far as a form cares.

    The index records each field's shape per post so that schema inference can
    vote across a whole section without reading the posts again.
    """

    EMPTY = "empty"  # null or ""
    EMPTY_LIST = "empty_list"
    BOOL = "bool"
    NUMBER = "number"
    DATE = "date"
    DATETIME = "datetime"
    STRING = "string"
    LONG_STRING = "long_string"  # longer than 80 characters, or several lines
    IMAGE = "image"  # a one-line string naming an image file
    STRING_LIST = "string_list"
    RAW = "raw"  # tables, lists of tables, mixed lists


_SHAPE_BY_TYPE: dict[type, str] = {
    type(None): ValueShape.EMPTY.value,
    bool: ValueShape.BOOL.value,
    int: ValueShape.NUMBER.value,
    float: ValueShape.NUMBER.value,
    dt.datetime: ValueShape.DATETIME.value,
    dt.date: ValueShape.DATE.value,
    dict: ValueShape.RAW.value,
}


def _string_shape(value: str) -> str:
    if not value:
        return "empty"
    if value[0].isdigit():
        if _ISO_DATE.match(value):
            return "date"
        if _ISO_DATETIME.match(value) and parse_date(value) is not None:
            return "datetime"
    if len(value) > _LONG_STRING or "\n" in value:
        return "long_string"
    if value.lower().endswith(_IMAGE_EXTENSIONS):
        return "image"
    return "string"


def _shape(value: Any) -> str:
    """shape_of as the plain string that entries and the cache store."""
    kind = type(value)
    if kind is str:
        return _string_shape(value)
    shape = _SHAPE_BY_TYPE.get(kind)
    if shape is not None:
        return shape
    if isinstance(value, list | tuple):
        if not value:
            return "empty_list"
        return "string_list" if all(isinstance(item, str) for item in value) else "raw"
    if isinstance(value, str):
        return _string_shape(value)
    for base, base_shape in _SHAPE_BY_TYPE.items():  # subclasses; bool before int
        if base is not type(None) and isinstance(value, base):
            return base_shape
    return "raw"


def shape_of(value: Any) -> ValueShape:
    """The shape of one parsed front-matter value (strings that are ISO dates are dates)."""
    return ValueShape(_shape(value))


def parse_date(value: Any) -> dt.date | None:
    """A front-matter date (a datetime or a date) as Hugo reads it; None if it is not one.

    Dates written bare are parsed by YAML/TOML already; quoted ones are strings in
    ISO 8601 (the common case) or one of the RFC formats Hugo also accepts.
    """
    if isinstance(value, dt.date):  # datetimes are dates too
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    try:
        if _ISO_DATE.match(text):
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text)
    except ValueError:
        pass
    with contextlib.suppress(TypeError, ValueError):
        return email.utils.parsedate_to_datetime(text)  # RFC 1123 / 822
    for pattern in ("%Y-%m-%d %H:%M:%S %z", "%d %b %Y", "%B %d, %Y"):
        with contextlib.suppress(ValueError):
            return dt.datetime.strptime(text, pattern)
    return None


def _to_bool(value: Any) -> bool:
    """Hugo's cast to bool: real booleans, numbers, and Go's ParseBool strings."""
    if isinstance(value, str):
        return value.strip() in ("1", "t", "T", "true", "TRUE", "True")
    return bool(value)


def _terms(value: Any) -> tuple[str, ...]:
    """Taxonomy terms: Hugo accepts one string or a list; blanks are dropped.

    Terms repeat across posts, so they are interned: one string object per term
    in memory, and marshal then stores each term once in the cache.
    """
    if type(value) is list and all(type(item) is str for item in value):
        return tuple([intern(item) for item in value if item and not item.isspace()])
    if value is None:
        return ()
    if isinstance(value, str):
        return (intern(value),) if value.strip() else ()
    if isinstance(value, list | tuple):
        return tuple(
            intern(str(item))
            for item in value
            if item is not None and not isinstance(item, dict | list) and str(item).strip()
        )
    return (intern(str(value)),)


def title_from_path(relative: str) -> str:
    """A readable title for a post without one: its file (or bundle folder) name."""
    parts = relative.rsplit("/", 2)
    stem = parts[-1].rsplit(".", 1)[0]
    if stem in ("index", "_index") and len(parts) > 1:
        stem = parts[-2]
    return stem.replace("-", " ").replace("_", " ").strip() or relative


# --- entries -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """What the index knows about one content file.

    `path` is posix and relative to the site root (absolute for content outside
    it). `date` is a datetime or a date, found the way Hugo does by default: date,
    else publishDate, pubDate, published, else lastmod, modified. `taxonomies` maps
    each configured taxonomy (plural name) to the post's terms. `field_shapes`
    lists the front-matter keys as written, in file order, with the shape of each
    value (a ValueShape value), for schema inference. `error` says why the file
    could not be read fully; the other fields are then best effort.
    """

    path: str
    title: str
    date: dt.date | None
    draft: bool
    tags: tuple[str, ...]
    categories: tuple[str, ...]
    taxonomies: Mapping[str, tuple[str, ...]] = field(hash=False)
    section: str
    mtime_ns: int
    size: int
    format: str | None
    error: str | None
    description: str = ""
    field_shapes: Shapes = ()

    def terms(self, taxonomy: str) -> tuple[str, ...]:
        """The post's terms for a taxonomy (plural name); tags/categories even unconfigured."""
        found = self.taxonomies.get(taxonomy)
        if found is not None:
            return found
        if taxonomy == "tags":
            return self.tags
        return self.categories if taxonomy == "categories" else ()


def _same(shapes: Shapes) -> Shapes:
    return shapes


def _make_entry(
    file: ContentFile,
    front_matter: Mapping[Any, Any],
    fmt: str | None,
    error: str | None,
    taxonomies: tuple[str, ...],
    intern: Callable[[Shapes], Shapes],
) -> IndexEntry:
    lower: dict[str, Any] = {}
    shapes = []
    for key, value in front_matter.items():
        name = key if type(key) is str else str(key)
        lower.setdefault(name.lower(), value)
        shapes.append((name, _shape(value)))
    date = None
    for key in _DATE_KEYS:
        if key in lower:
            date = parse_date(lower[key])
            if date is not None:
                break
    title = lower.get("title")
    description = lower.get("description", lower.get("summary"))
    terms = {name: _terms(lower.get(name)) for name in taxonomies}
    tags = terms["tags"] if "tags" in terms else _terms(lower.get("tags"))
    categories = terms["categories"] if "categories" in terms else _terms(lower.get("categories"))
    return IndexEntry(
        file.relative,
        str(title).strip() if title not in (None, "") else title_from_path(file.relative),
        date,
        _to_bool(lower.get("draft", False)),
        tags,
        categories,
        terms,
        file.section,
        file.mtime_ns,
        file.size,
        fmt,
        error,
        str(description)[:_DESCRIPTION_LIMIT] if description else "",
        intern(tuple(shapes)),
    )


def read_entry(
    file: ContentFile,
    taxonomies: tuple[str, ...] = (),
    intern: Callable[[Shapes], Shapes] = _same,
) -> IndexEntry:
    """Read one content file into an entry; problems end up in `error`, never raised.

    `taxonomies` are the plural names to collect terms for; `intern` may return a
    shared equal tuple for the field shapes, to save memory across posts.
    """
    if file.size > MAX_POST_BYTES:
        error = (
            f"The file is {file.size / 1_048_576:.1f} MB; postedit opens posts up to "
            f"{MAX_POST_BYTES // 1_048_576} MB."
        )
        return _make_entry(file, {}, None, error, taxonomies, intern)
    try:
        with open(file.path, "rb") as stream:
            data = stream.read()
        text, _ = decode(data)
    except OSError as error:
        message = f"Cannot read the file: {error.strerror or error}"
        return _make_entry(file, {}, None, message, taxonomies, intern)
    except TextDecodeError as error:
        return _make_entry(file, {}, None, str(error), taxonomies, intern)
    split = split_post(text)
    fmt = split.format.value if split.format else None
    try:
        front_matter = parse_front_matter(split)
    except FrontMatterError as error:
        return _make_entry(file, {}, fmt, str(error), taxonomies, intern)
    return _make_entry(file, front_matter, fmt, None, taxonomies, intern)


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


# --- the persistent cache ---------------------------------------------------------------
#
# One marshal file per site: (magic, version, key, records), each record a tuple of
# plain values in IndexEntry field order with the date as an ISO string. marshal
# is the fastest loader in the standard library and, unlike pickle, cannot run code
# from a tampered file.


def _entry_to_record(entry: IndexEntry) -> tuple[Any, ...]:
    date = None if entry.date is None else entry.date.isoformat()
    return (
        entry.path, entry.title, date, entry.draft, entry.tags, entry.categories,
        dict(entry.taxonomies), entry.section, entry.mtime_ns, entry.size, entry.format,
        entry.error, entry.description, entry.field_shapes,
    )  # fmt: skip


def _entry_from_record(record: tuple[Any, ...], intern: Callable[[Shapes], Shapes]) -> IndexEntry:
    (path, title, date, draft, tags, categories, taxonomies, section, mtime_ns, size,
     fmt, error, description, shapes) = record  # fmt: skip
    if date is not None:
        date = dt.date.fromisoformat(date) if len(date) == 10 else dt.datetime.fromisoformat(date)
    return IndexEntry(
        path, title, date, draft, tags, categories, taxonomies, section, mtime_ns, size,
        fmt, error, description, intern(shapes),
    )  # fmt: skip


# Field positions in a record, for comparing stat data without building an entry.
_SECTION, _MTIME, _SIZE = 7, 8, 9


def _with_interned_terms(record: tuple[Any, ...]) -> tuple[Any, ...]:
    """A record from a worker process with its terms interned in this one again."""
    tags = tuple(map(intern, record[4]))
    categories = tuple(map(intern, record[5]))
    same = {"tags": tags, "categories": categories}
    taxonomies = {}
    for name, terms in record[6].items():
        shared = same.get(name)
        taxonomies[name] = shared if shared == tuple(terms) else tuple(map(intern, terms))
    return (*record[:4], tags, categories, taxonomies, *record[7:])


# Files per unit of work handed to a worker process on a cold start.
_PARALLEL_CHUNK = 250


def _read_records(files: list[ContentFile], taxonomies: tuple[str, ...]) -> list[tuple[Any, ...]]:
    """Read entries in a worker process; records (plain tuples) travel back cheaply."""
    return [_entry_to_record(read_entry(file, taxonomies)) for file in files]


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


def _usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def fold(text: str) -> str:
    """Text for case- and accent-insensitive matching: 'Één' and 'een' fold alike."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


class SiteIndex:
    """The index of a site's Markdown content, kept in step with the files.

    Build it off the GUI thread with `build(executor)`, or call `refresh()` where
    blocking is fine. Afterwards `update_path` and `remove_path` keep it current
    per file (the file watcher calls them). Readers always see a consistent
    snapshot: changes replace the internal mapping instead of mutating it.

    The cache lives in `cache_dir` (default: the user cache folder), one file per
    site named after a hash of the resolved site root; `use_cache=False` skips it.
    Reading `parallel_min_files` or more files at once (a cold start) uses up to
    `workers` processes (default: the usable CPUs); `workers=1` keeps it in-thread.
    """

    def __init__(
        self,
        site: Site,
        cache_dir: str | os.PathLike[str] | None = None,
        *,
        use_cache: bool = True,
        workers: int | None = None,
        parallel_min_files: int = 2000,
    ) -> None:
        self.site = site
        self.cache_dir = Path(cache_dir or platformdirs.user_cache_dir("postedit"))
        self.use_cache = use_cache
        self.workers = workers or _usable_cpus()
        self.parallel_min_files = parallel_min_files
        self.last_stats: IndexStats | None = None
        self._taxonomies = tuple(sorted(set(site.taxonomies.values())))
        self._by_path: dict[str, IndexEntry] = {}
        self._sorted: tuple[IndexEntry, ...] | None = None
        self._folded: dict[str, tuple[IndexEntry, str]] = {}
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
                dated.sort(key=_sort_key, reverse=True)  # stable: ties keep path order
                self._sorted = (*dated, *(entry for entry in by_path if entry.date is None))
            return self._sorted

    def __len__(self) -> int:
        return len(self._by_path)

    def get(self, path: str | os.PathLike[str]) -> IndexEntry | None:
        """The entry for an absolute or root-relative path, if indexed."""
        return self._by_path.get(self.site.relative(path))

    def taxonomy_values(self, name: str) -> list[tuple[str, int]]:
        """(term, number of posts) for a taxonomy, most used first, then by name.

        `name` is the plural ("tags") or singular ("tag") name. Terms that differ
        only in case are one term to Hugo (its URLs are lower-case), so they are
        counted together under their most common spelling.
        """
        plural = self.site.taxonomies.get(name, name)
        counts: dict[str, int] = {}
        spellings: dict[str, dict[str, int]] = {}
        for entry in self._by_path.values():
            for term in set(entry.terms(plural)):
                key = term.casefold()
                counts[key] = counts.get(key, 0) + 1
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
        entries = self.entries
        if not words:
            return list(entries)
        folded = self._folded
        result = []
        for entry in entries:
            cached = folded.get(entry.path)
            if cached is None or cached[0] is not entry:
                terms = [term for name in self._taxonomies for term in entry.terms(name)]
                parts = (entry.title, entry.description, entry.path, *entry.tags,
                         *entry.categories, *terms)  # fmt: skip
                cached = folded[entry.path] = (entry, fold(" ".join(parts)))
            if all(word in cached[1] for word in words):
                result.append(entry)
        return result

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
        with _gc_paused():  # records die in here, before the collector sees them
            fresh, read, removed, cache_order = self._merge(files, known)
        changed = bool(read or removed)
        if changed or cache_order is not None:
            with self._lock:
                self._by_path = fresh
                self._sorted = cache_order
        if self.use_cache and changed:
            self.save_cache()
        stats = IndexStats(
            files=len(files),
            read=len(read),
            reused=len(files) - len(read),
            removed=removed,
            cache_loaded=cache_order is not None or (not known and len(read) < len(files)),
            seconds=time.perf_counter() - start,
        )
        self.last_stats = stats
        return stats

    def _merge(
        self, files: list[ContentFile], known: dict[str, IndexEntry]
    ) -> tuple[dict[str, IndexEntry], list[IndexEntry], int, tuple[IndexEntry, ...] | None]:
        """Entries for `files`, reusing known or cached ones whose stat data still match.

        Returns the entries by path, the ones read now, how many known ones are gone,
        and, when every entry came unchanged from the cache, the cache's order (it is
        written newest first, so the start-up needs no sort).
        """
        records = self._load_cache() if not known and self.use_cache else {}
        intern = self._intern_shapes
        fresh: dict[str, IndexEntry] = {}
        stale = []
        for file in files:
            relative = file.relative
            entry = known.get(relative)
            if entry is not None:
                if (entry.mtime_ns, entry.size, entry.section) == (
                    file.mtime_ns, file.size, file.section,
                ):  # fmt: skip
                    fresh[relative] = entry
                    continue
            else:
                record = records.get(relative)
                if (
                    record is not None
                    and record[_MTIME] == file.mtime_ns
                    and record[_SIZE] == file.size
                    and record[_SECTION] == file.section
                ):
                    fresh[relative] = _entry_from_record(record, intern)
                    continue
            stale.append(file)
        read = self._read_files(stale)
        for entry in read:
            fresh[entry.path] = entry
        previous = known or records
        removed = sum(1 for path in previous if path not in fresh)
        cache_order = None
        if records and not read and not removed:
            cache_order = tuple(fresh[path] for path in records)
        return fresh, read, removed, cache_order

    def _read_files(self, files: list[ContentFile]) -> list[IndexEntry]:
        """Read entries for `files`: in this thread, or with worker processes when many.

        YAML parsing is CPU-bound Python, so threads would not help; a cold start of
        a large site is shared with `workers - 1` processes (spawned, so nothing of
        the GUI process is forked), this thread working along. Chunks the workers
        have not started yet are cancelled and read here, so no one waits idle.
        """
        workers = min(self.workers, len(files) // _PARALLEL_CHUNK)
        if len(files) < self.parallel_min_files or workers < 2:
            taxonomies, intern = self._taxonomies, self._intern_shapes
            return [read_entry(file, taxonomies, intern) for file in files]
        chunks = [files[i : i + _PARALLEL_CHUNK] for i in range(0, len(files), _PARALLEL_CHUNK)]
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(workers - 1, mp_context=context) as pool:
            futures = [pool.submit(_read_records, chunk, self._taxonomies) for chunk in chunks]
            results: list[list[tuple[Any, ...]] | None] = [None] * len(chunks)
            for number in reversed(range(len(chunks))):
                if futures[number].cancel():
                    results[number] = _read_records(chunks[number], self._taxonomies)
            entries = []
            for number, future in enumerate(futures):
                records = results[number]
                if records is None:
                    records = future.result()
                entries.extend(
                    _entry_from_record(_with_interned_terms(r), self._intern_shapes)
                    for r in records
                )
        return entries

    def _intern_shapes(self, shapes: Shapes) -> Shapes:
        """Share equal field-shape tuples: the posts of a section mostly have the same."""
        return self._shape_pool.setdefault(shapes, shapes)

    # -- per-file updates --------------------------------------------------------------

    def update_path(self, path: str | os.PathLike[str]) -> IndexEntry | None:
        """Re-read one created or changed path; returns its entry when it is a post.

        A path that no longer exists is removed, and a folder (one moved in, say) is
        re-indexed below it; both return None, as do files that are not posts.
        """
        absolute = self.site.absolute(path)
        if absolute.is_dir():
            self._update_folder(absolute)
            return None
        if not absolute.exists():
            self.remove_path(absolute)
            return None
        if not self.site.is_content_file(absolute):
            return None
        try:
            stat = absolute.stat()
        except OSError:
            self.remove_path(absolute)
            return None
        relative = self.site.relative(absolute)
        file = ContentFile(
            str(absolute), relative, self.site.section_of(absolute), stat.st_mtime_ns,
            stat.st_size,
        )  # fmt: skip
        entry = read_entry(file, self._taxonomies, self._intern_shapes)
        with self._lock:
            self._by_path = {**self._by_path, relative: entry}
            self._sorted = None
        return entry

    def _update_folder(self, folder: Path) -> None:
        prefix = self.site.relative(folder).rstrip("/") + "/"
        present = [file for file in self.site.scan_content() if file.relative.startswith(prefix)]
        with self._lock:
            kept = {key: e for key, e in self._by_path.items() if not key.startswith(prefix)}
            for file in present:
                entry = self._by_path.get(file.relative)
                if entry is None or (entry.mtime_ns, entry.size) != (file.mtime_ns, file.size):
                    entry = read_entry(file, self._taxonomies, self._intern_shapes)
                kept[file.relative] = entry
            self._by_path = kept
            self._sorted = None

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
                self._by_path = kept
                self._sorted = None
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
        )

    def _load_cache(self) -> dict[str, tuple[Any, ...]]:
        """Records by path from the cache file; {} when missing, corrupt or outdated."""
        try:
            # marshal.load on a stream reads in small pieces: loads is several times faster.
            data = self.cache_path.read_bytes()
            with _gc_paused():
                magic, version, key, records = marshal.loads(data)
                if magic != _CACHE_MAGIC or version != CACHE_VERSION or key != self._cache_key():
                    return {}
                return {record[0]: record for record in records}
        except FileNotFoundError:
            return {}
        except Exception as error:  # any damage to the file only means a cold start
            _log.info("Ignoring the unreadable index cache %s: %s", self.cache_path, error)
            return {}

    def save_cache(self) -> None:
        """Write the cache atomically (temp file + os.replace); failures are only logged."""
        records = [_entry_to_record(entry) for entry in self.entries]
        payload = (_CACHE_MAGIC, CACHE_VERSION, self._cache_key(), records)
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
