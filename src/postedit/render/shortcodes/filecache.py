"""Site files read once and kept until they change on disk.

A post is rendered on every keystroke; its shortcode templates, partials, data and
translation files rarely change. Each is kept with the modification time and size it
had when read, and read again when either differs, so a writer who edits a template
sees the change on the next render. A stat costs far less than a read and a parse.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

_MAX_ENTRIES = 2048
_cache: dict[tuple[str, Path], tuple[tuple[int, int], Any]] = {}
_lock = threading.Lock()


def load(path: Path, kind: str, read: Callable[[Path], Any]) -> Any:
    """`read(path)`, reused while the file's mtime and size stay the same.

    `kind` keeps different readings of one file apart (its text, its parsed data).
    Raises what `read` or the stat raises (OSError for a missing file).
    """
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    key = (kind, path)
    with _lock:
        found = _cache.get(key)
    if found is not None and found[0] == stamp:
        return found[1]
    value = read(path)
    with _lock:
        if len(_cache) >= _MAX_ENTRIES:
            _cache.clear()
        _cache[key] = (stamp, value)
    return value
