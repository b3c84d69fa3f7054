"""The index's cache on disk: one marshal file per site.

Each record is a tuple of plain values in IndexEntry field order with the date as
an ISO string. marshal is the fastest loader in the standard library and, unlike
pickle, cannot run code from a tampered file; every record is still checked field
by field, and a bad one only means that file is read again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from postedit.core.index_entry import IndexEntry, Shapes, same_shapes

# Bump whenever what an entry holds, or how it is derived from a file, changes:
# older cache files are then ignored and rewritten.
CACHE_VERSION = 3
CACHE_MAGIC = "postedit-index"


def entry_to_record(entry: IndexEntry) -> tuple[Any, ...]:
    date = None if entry.date is None else entry.date.isoformat()
    return (
        entry.path,
        entry.title,
        date,
        entry.draft,
        entry.tags,
        entry.categories,
        dict(entry.taxonomies),
        entry.section,
        entry.mtime_ns,
        entry.size,
        entry.format,
        entry.error,
        entry.description,
        entry.field_shapes,
        entry.slug,
        entry.url,
    )


RECORD_FIELDS = len(IndexEntry._fields)


def entry_from_record(
    record: tuple[Any, ...], share_shapes: Callable[[Shapes], Shapes] = same_shapes
) -> IndexEntry:
    """The entry a record holds; ValueError or TypeError when it holds no valid one.

    Records come from a helper process or a cache file on disk, which may be
    damaged in ways marshal still loads: each field is checked for the type
    `entry_to_record` writes (the field shapes by `share_shapes`), cheaply, as a
    warm start turns ten thousand records into entries.
    """
    (
        path,
        title,
        date,
        draft,
        tags,
        categories,
        taxonomies,
        section,
        mtime_ns,
        size,
        fmt,
        error,
        description,
        shapes,
        slug,
        url,
    ) = record  # ValueError when it has too few or too many fields
    if not (
        type(path) is str
        and type(title) is str
        and type(draft) is bool
        and type(tags) is tuple
        and type(categories) is tuple
        and type(taxonomies) is dict
        and type(section) is str
        and type(mtime_ns) is int
        and type(size) is int
        and (fmt is None or type(fmt) is str)
        and (error is None or type(error) is str)
        and type(description) is str
        and type(shapes) is tuple
        and type(slug) is str
        and type(url) is str
    ):
        raise TypeError(f"a cache record of the wrong types: {record!r:.200}")
    "".join(tags)  # TypeError unless every term is a string
    "".join(categories)
    for name, terms in taxonomies.items():
        if type(name) is not str or type(terms) is not tuple:
            raise TypeError(f"a cache record with bad taxonomies: {taxonomies!r:.200}")
        "".join(terms)
    if date is not None:
        date = dt.date.fromisoformat(date) if len(date) == 10 else dt.datetime.fromisoformat(date)
    return IndexEntry._make((path, title, date, *record[3:13], share_shapes(shapes), slug, url))


def checked_shapes(shapes: Shapes) -> Shapes:
    """`shapes` when they are what `entry_to_record` writes; TypeError otherwise."""
    for pair in shapes:
        if type(pair) is not tuple or len(pair) != 2:
            raise TypeError(f"bad field shapes in a cache record: {shapes!r:.200}")
        if type(pair[0]) is not str or type(pair[1]) is not str:
            raise TypeError(f"bad field shapes in a cache record: {shapes!r:.200}")
    return shapes
