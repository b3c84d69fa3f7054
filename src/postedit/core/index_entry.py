"""What the index knows about one content file, read from it fast.

An entry holds a post's title, date, draft state, taxonomy terms, section, `slug`
and `url` and the shape of each front-matter value, derived the way Hugo derives them (its date
fields, its casts to bool and text, its term keys), and an `error` instead of an
exception when the file cannot be read.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from collections.abc import Callable, Mapping
from decimal import Decimal
from stat import S_ISREG
from sys import intern
from typing import Any, NamedTuple

from postedit.core.dates import NotAHugoDate, parse_date
from postedit.core.quickread import FrontMatterError, parse_front_matter, split_head
from postedit.core.shapes import shape_name
from postedit.core.site import ContentFile
from postedit.core.textio import MAX_POST_BYTES, TextDecodeError, too_large

_DESCRIPTION_LIMIT = 500

# Hugo's default front-matter date settings. Each of its dates is taken from the
# first key of its chain that a post sets (empty values do not count), and that
# value must be a date Hugo can read, or it stops the build. The index keeps the
# post's date; the other chains only decide which keys Hugo reads, and so which
# bad dates stop it.
_DATE_CHAIN = ("date", "publishdate", "pubdate", "published", "lastmod", "modified")
_OTHER_DATE_CHAINS = (
    ("publishdate", "pubdate", "published", "date"),  # publishDate
    ("lastmod", "modified", "date", "publishdate", "pubdate", "published"),  # lastmod
    ("expirydate", "unpublishdate"),  # expiryDate
)

Shapes = tuple[tuple[str, str], ...]


def _to_bool(value: Any) -> bool:
    """Hugo's cast to bool: booleans, non-zero numbers, Go's ParseBool strings; else false."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        return value in ("1", "t", "T", "true", "TRUE", "True")
    if isinstance(value, int | float):
        return value != 0
    return False


def _to_text(value: Any) -> str:
    """Hugo's cast to string for a title: numbers as Go prints them; "" for lists, tables."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return "NaN" if math.isnan(value) else ("+Inf" if value > 0 else "-Inf")
        text = format(Decimal(repr(value)), "f")  # Go: shortest digits, never an exponent
        return text.rstrip("0").rstrip(".") if "." in text else text
    return ""


def _first_set(front_matter: Mapping[str, Any], keys: tuple[str, ...]) -> str | None:
    """The first of `keys` that the (lower-cased) front matter sets to something."""
    for key in keys:
        value = front_matter.get(key)
        if value is not None and value != "":
            return key
    return None


def _date_problem(key: str, value: Any) -> str:
    shown = f'"{value}"' if isinstance(value, str) else repr(value)
    return (
        f"Hugo cannot read the {key} {shown} as a date and stops the build. "
        "Write dates like 2024-01-31 or 2024-01-31T09:30:00+01:00."
    )


def _post_date(front_matter: Mapping[str, Any]) -> tuple[dt.date | None, str | None]:
    """The post's date as Hugo finds it, and why Hugo refuses one of its dates, if it does."""
    date = None
    problem = None
    key = _first_set(front_matter, _DATE_CHAIN)
    if key is not None:
        try:
            date = parse_date(front_matter[key])
        except NotAHugoDate:
            problem = _date_problem(key, front_matter[key])
    for chain in _OTHER_DATE_CHAINS:
        other = _first_set(front_matter, chain)
        if problem is None and other is not None and other != key:
            try:
                parse_date(front_matter[other])
            except NotAHugoDate:
                problem = _date_problem(other, front_matter[other])
    return date, problem


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


def go_lower(text: str) -> str:
    """Go's strings.ToLower: each letter by its own simple lower case.

    Python's `lower` differs in two places: it makes "İ" two characters ("i" and a
    dot above), where Go makes it "i", and it writes a final "Σ" as "ς", where Go
    always writes "σ". (`casefold` differs more: it makes "ß" "ss", Go keeps "ß".)
    """
    if text.isascii():
        return text.lower()
    return "".join("i" if char == "İ" else char.lower() for char in text)


def term_key(term: str) -> str:
    """Which taxonomy term `term` is to Hugo: terms with the same key are one term.

    Hugo makes a term's page path from the term lower-cased (Go's way) with each
    space a hyphen (`paths.NormalizePathStringBasic`), and terms that land on the
    same page are one: "Hugo Tips" and "hugo-tips" are, "Hugo  Tips" (two spaces)
    and "hugo_tips" are not. Measured with Hugo 0.168 (tests/core/test_index.py).
    """
    return go_lower(term).replace(" ", "-")


def title_from_path(relative: str) -> str:
    """A readable title for a post without one: its file (or bundle folder) name."""
    parts = relative.rsplit("/", 2)
    stem = parts[-1].rsplit(".", 1)[0]
    if stem in ("index", "_index") and len(parts) > 1:
        stem = parts[-2]
    return stem.replace("-", " ").replace("_", " ").strip() or relative


# --- entries -------------------------------------------------------------------------


class IndexEntry(NamedTuple):
    """What the index knows about one content file.

    `path` is posix and relative to the site root (absolute for content outside
    it). `title`, `draft`, `date` and `section` are what `hugo list all` reports
    (tests/core/test_index_vs_hugo.py), except that a post without a title is
    titled after its file name. `date` is a date or a datetime (naive when written
    without an offset: Hugo reads those in the site's time zone), from the first
    set of date, publishDate, pubDate, published, lastmod, modified, as Hugo's
    defaults have it. `taxonomies` maps each configured taxonomy (plural name) to
    the post's terms. `field_shapes` lists the front-matter keys as written, in
    file order, with the shape of each value (a ValueShape value), for schema
    inference. `slug` and `url` are the front-matter values that decide where Hugo
    publishes the page (core/links.py), cast to text as Hugo casts them, the slug
    without leading and trailing hyphens, as Hugo trims it; "" when not set.
    `error` says why the file could not be read fully, or which of its dates Hugo
    refuses; the other fields are then best effort.

    A NamedTuple rather than a frozen dataclass: a warm start makes ten thousand
    of these from cached tuples, and tuple construction is several times cheaper
    than a frozen dataclass's per-field `object.__setattr__`.
    """

    path: str
    title: str
    date: dt.date | None
    draft: bool
    tags: tuple[str, ...]
    categories: tuple[str, ...]
    taxonomies: Mapping[str, tuple[str, ...]]
    section: str
    mtime_ns: int
    size: int
    format: str | None
    error: str | None
    description: str = ""
    field_shapes: Shapes = ()
    slug: str = ""
    url: str = ""

    def terms(self, taxonomy: str) -> tuple[str, ...]:
        """The post's terms for a taxonomy (plural name); tags/categories even unconfigured."""
        found = self.taxonomies.get(taxonomy)
        if found is not None:
            return found
        if taxonomy == "tags":
            return self.tags
        return self.categories if taxonomy == "categories" else ()


def same_shapes(shapes: Shapes) -> Shapes:
    """The default `share_shapes`: no sharing."""
    return shapes


def _make_entry(
    file: ContentFile,
    front_matter: Mapping[Any, Any],
    fmt: str | None,
    error: str | None,
    taxonomies: tuple[str, ...],
    share_shapes: Callable[[Shapes], Shapes],
) -> IndexEntry:
    lower: dict[str, Any] = {}
    shapes = []
    for key, value in front_matter.items():
        name = key if type(key) is str else str(key)
        lower.setdefault(name.lower(), value)
        shapes.append((name, shape_name(value)))
    date, date_problem = _post_date(lower)
    title = _to_text(lower.get("title")).strip()
    description = lower.get("description", lower.get("summary"))
    terms = {name: _terms(lower.get(name)) for name in taxonomies}
    tags = terms["tags"] if "tags" in terms else _terms(lower.get("tags"))
    categories = terms["categories"] if "categories" in terms else _terms(lower.get("categories"))
    return IndexEntry(
        file.relative,
        title or title_from_path(file.relative),
        date,
        _to_bool(lower.get("draft")),
        tags,
        categories,
        terms,
        file.section,
        file.mtime_ns,
        file.size,
        fmt,
        error or date_problem,
        str(description)[:_DESCRIPTION_LIMIT] if description else "",
        share_shapes(tuple(shapes)),
        _to_text(lower.get("slug")).strip("-"),
        _to_text(lower.get("url")),
    )


class _Refused(Exception):
    """A file that is not read at all; the message says why."""


def _read_regular_file(path: str, size: int) -> bytes:
    """The bytes of a regular file no larger than MAX_POST_BYTES, in one read call if
    `size` (from the scan) is still right.

    Opened without blocking (a named pipe would wait for a writer forever) and
    checked with fstat on what was opened: a path that is, or has become since
    it was scanned, a pipe, device or socket raises _Refused, as does a file over
    the limit; a file that grew since the scan is read to its end, up to the limit.
    """
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, flags)
    try:
        status = os.fstat(descriptor)
        if not S_ISREG(status.st_mode):
            raise _Refused(
                "This is not a regular file (a named pipe, device or socket, say); "
                "postedit reads posts from regular files only."
            )
        if status.st_size > MAX_POST_BYTES:
            raise _Refused(too_large())
        expected = max(size, status.st_size)
        data = os.read(descriptor, expected + 1)
        if len(data) <= expected:
            return data
        chunks = [data]
        total = len(data)
        while total <= MAX_POST_BYTES and (chunk := os.read(descriptor, 1 << 20)):
            chunks.append(chunk)
            total += len(chunk)
        if total > MAX_POST_BYTES:
            raise _Refused(too_large())
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def read_entry(
    file: ContentFile,
    taxonomies: tuple[str, ...] = (),
    share_shapes: Callable[[Shapes], Shapes] = same_shapes,
) -> IndexEntry:
    """Read one content file into an entry; problems end up in `error`, never raised.

    Only regular files up to MAX_POST_BYTES are read: anything else (a pipe or
    device in the file's place, a file grown too large) gets an entry whose
    `error` says so. `taxonomies` are the plural names to collect terms for;
    `share_shapes` may return an equal, shared tuple for the field shapes, to save
    memory across posts.
    """
    if file.size > MAX_POST_BYTES:
        return _make_entry(file, {}, None, too_large(), taxonomies, share_shapes)
    try:
        data = _read_regular_file(file.path, file.size)
        split = split_head(data)
    except OSError as error:
        message = f"Cannot read the file: {error.strerror or error}"
        return _make_entry(file, {}, None, message, taxonomies, share_shapes)
    except (_Refused, TextDecodeError) as error:
        return _make_entry(file, {}, None, str(error), taxonomies, share_shapes)
    fmt = split.format.value if split.format else None
    try:
        front_matter = parse_front_matter(split)
    except FrontMatterError as error:
        return _make_entry(file, {}, fmt, str(error), taxonomies, share_shapes)
    return _make_entry(file, front_matter, fmt, None, taxonomies, share_shapes)
