"""Front-matter values as templates expect them: Hugo's params maps and Go times.

The Go-shaped types themselves live in the template interpreter (`Params`, `Time`,
`Scratch`); this module only converts a post's front matter into them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from typing import Any

from postedit.core.dates import as_date
from postedit.render.gotemplate import Params, Time


def as_go_time(value: Any) -> Time:
    """A front-matter date as a Go time; Go's zero time when unset or unreadable."""
    parsed = as_date(value)
    if isinstance(parsed, datetime):
        return Time.wrap(parsed)
    if isinstance(parsed, date):
        return Time.wrap(datetime.combine(parsed, time()))
    return Time.wrap(datetime(1, 1, 1, tzinfo=UTC))


def lower_keys(value: Any) -> Any:
    """Maps (also inside lists) as Hugo's `maps.Params`: lower-cased keys."""
    if isinstance(value, Mapping):
        return Params({str(key): lower_keys(item) for key, item in value.items()})
    if isinstance(value, list):
        return [lower_keys(item) for item in value]
    return value


def dig(mapping: Mapping[str, Any], dotted: str) -> Any:
    """A nested value by a dotted, case-insensitive key (`.Param`); None when absent."""
    value: Any = mapping
    for part in dotted.lower().split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value
