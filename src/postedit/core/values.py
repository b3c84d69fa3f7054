"""Front-matter values as plain Python, and the mapping that tracks their edits.

Codecs turn parser objects (ruamel's CommentedMap, tomlkit items, ...) into plain
dicts, lists, strings, numbers, bools, dates and None, so the rest of the program
sees one vocabulary whatever the file format. `FrontMatter` keeps a deep snapshot
of what was loaded; which fields changed is derived by comparing against it, never
kept as a flag that could drift from the truth.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping, MutableMapping
from collections.abc import Set as AbstractSet
from datetime import date, datetime
from typing import Any

from postedit.core.dates import as_date


def same_value(left: Any, right: Any) -> bool:
    """Equality that also compares types and UTC offsets.

    Plain `==` says `1 == True`, `1 == 1.0` and `10:00+01:00 == 09:00Z`; each of
    those is a real edit a writer could make, so each must count as a change.
    """
    if type(left) is not type(right):
        return False
    if isinstance(left, Mapping):
        return bool(list(left) == list(right) and all(same_value(left[k], right[k]) for k in left))
    if isinstance(left, list | tuple):
        return bool(len(left) == len(right) and all(map(same_value, left, right)))
    if isinstance(left, datetime):
        return bool(left == right and left.utcoffset() == right.utcoffset())
    if isinstance(left, float) and left != left:  # NaN
        return bool(right != right)
    return bool(left == right)


def reads_as(expected: Any, loaded: Any) -> bool:
    """Whether a value read back from a file is the value that was written.

    Like `same_value`, except that a date may come back as the string spelling it
    (JSON has no dates, and a date the file quoted stays quoted on purpose) and
    that key order does not matter (TOML puts new keys before its tables).
    """
    if isinstance(expected, date) and isinstance(loaded, str):
        return same_value(expected, as_date(loaded))
    if isinstance(expected, Mapping) and isinstance(loaded, Mapping):
        return expected.keys() == loaded.keys() and all(
            reads_as(expected[key], loaded[key]) for key in expected
        )
    if isinstance(expected, list) and isinstance(loaded, list):
        return len(expected) == len(loaded) and all(map(reads_as, expected, loaded))
    return same_value(expected, loaded)


def plain(value: Any) -> Any:
    """Convert parser-specific containers and scalars into plain Python values."""
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    if isinstance(value, datetime):
        return datetime(
            value.year, value.month, value.day, value.hour, value.minute,
            value.second, value.microsecond, tzinfo=value.tzinfo,
        )  # fmt: skip
    if isinstance(value, date):
        return date(value.year, value.month, value.day)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, AbstractSet):
        return [plain(item) for item in value]
    if hasattr(value, "tag") and hasattr(value, "value"):
        # A tagged scalar (`!!str 1.0`, `!custom x`): its text is its value here.
        # Returned as is, it would never equal its own copy and the post could
        # never be saved unchanged.
        return plain(value.value)
    return value


class FrontMatter(MutableMapping[str, Any]):
    """An ordered, mutable view of a post's front matter whose edits are derived.

    `changed_keys()`, `added_keys()` and `removed_keys()` compare the current values
    with the snapshot taken at load (or last save), so in-place edits of a list
    (`fm["tags"].append("x")`) count as edits too.
    """

    def __init__(self, values: Mapping[str, Any] | None = None) -> None:
        self._values: dict[str, Any] = dict(values or {})
        self._snapshot: dict[str, Any] = copy.deepcopy(self._values)

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self._values[key] = value

    def __delitem__(self, key: str) -> None:
        del self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"FrontMatter({self._values!r})"

    def loaded(self) -> dict[str, Any]:
        """A deep copy of the values as loaded (or last saved)."""
        return copy.deepcopy(self._snapshot)

    def original(self, key: str) -> Any:
        """The value `key` had when loaded (KeyError if it had none)."""
        return self._snapshot[key]

    def changed_keys(self) -> list[str]:
        """Keys present before and now whose value differs, in file order."""
        return [
            key
            for key in self._snapshot
            if key in self._values and not same_value(self._snapshot[key], self._values[key])
        ]

    def added_keys(self) -> list[str]:
        """Keys that were not loaded, in the order they were added."""
        return [key for key in self._values if key not in self._snapshot]

    def removed_keys(self) -> list[str]:
        """Keys that were loaded and are gone now."""
        return [key for key in self._snapshot if key not in self._values]

    def is_modified(self) -> bool:
        """Whether anything differs from the snapshot."""
        return bool(self.changed_keys() or self.added_keys() or self.removed_keys())

    def to_dict(self) -> dict[str, Any]:
        """A deep copy of the current values."""
        return copy.deepcopy(self._values)
