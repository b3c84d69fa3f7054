"""Go-shaped values for templates: Hugo's params maps, scratch pads and times.

Templates call Go methods on these (`.Scratch.Set`, `.Date.Year`) and look params up
case-insensitively, as Hugo's `maps.Params` does; plain dicts and datetimes cannot.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from typing import Any

from postedit.core.dates import as_date


class GoTime(datetime):
    """A datetime with Go's `time.Time` methods, for `.Page.Date.Year` and friends."""

    def Year(self) -> int:
        return self.year

    def Month(self) -> int:
        return self.month

    def Day(self) -> int:
        return self.day

    def YearDay(self) -> int:
        return self.timetuple().tm_yday

    def Weekday(self) -> str:
        return self.strftime("%A")

    def Unix(self) -> int:
        return int(self.timestamp()) if self.tzinfo else int(self.replace(tzinfo=UTC).timestamp())

    def IsZero(self) -> bool:
        return self.year == 1 and self.month == 1 and self.day == 1 and not self.hour

    def Format(self, layout: Any) -> str:
        from postedit.render.gotemplate.funcs.timefmt import go_format

        return go_format(self, str(layout))


def as_go_time(value: Any) -> GoTime:
    """A front-matter date as a Go time; Go's zero time when unset."""
    parsed = as_date(value)
    if isinstance(parsed, datetime):
        moment = parsed
    elif isinstance(parsed, date):
        moment = datetime.combine(parsed, time())
    else:
        moment = datetime(1, 1, 1)
    return GoTime(
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second,
        moment.microsecond,
        tzinfo=moment.tzinfo,
    )


class ParamsMap(dict[str, Any]):
    """Hugo's params map: keys lower-cased, looked up case-insensitively."""

    def __getitem__(self, key: str) -> Any:
        return super().__getitem__(key.lower() if isinstance(key, str) else key)

    def __contains__(self, key: object) -> bool:
        return super().__contains__(key.lower() if isinstance(key, str) else key)

    def get(self, key: str, default: Any = None) -> Any:
        return super().get(key.lower() if isinstance(key, str) else key, default)


class ScratchPad:
    """Hugo's Scratch/Store: a small map templates write into while they run."""

    def __init__(self) -> None:
        self._values: dict[str, Any] = {}

    def Set(self, key: Any, value: Any) -> str:
        self._values[str(key)] = value
        return ""

    def Get(self, key: Any) -> Any:
        return self._values.get(str(key))

    def Add(self, key: Any, value: Any) -> str:
        current = self._values.get(str(key))
        if current is None:
            self._values[str(key)] = value
        elif isinstance(current, list):
            self._values[str(key)] = current + (value if isinstance(value, list) else [value])
        else:
            self._values[str(key)] = current + value
        return ""

    def SetInMap(self, key: Any, map_key: Any, value: Any) -> str:
        table = self._values.setdefault(str(key), {})
        if isinstance(table, dict):
            table[str(map_key)] = value
        return ""

    def GetSortedMapValues(self, key: Any) -> list[Any]:
        table = self._values.get(str(key))
        return [table[k] for k in sorted(table)] if isinstance(table, dict) else []

    def Delete(self, key: Any) -> str:
        self._values.pop(str(key), None)
        return ""

    def Values(self) -> dict[str, Any]:
        return self._values


def lower_keys(value: Any) -> Any:
    if isinstance(value, Mapping):
        return ParamsMap({str(key).lower(): lower_keys(item) for key, item in value.items()})
    if isinstance(value, list):
        return [lower_keys(item) for item in value]
    return value


def dig(mapping: Mapping[str, Any], dotted: str) -> Any:
    """A nested value by a dotted, case-insensitive key; None when absent."""
    value: Any = mapping
    for part in dotted.lower().split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value
