"""Go's time.Time for templates: a datetime with Go's method names (`.Format`, `.Year`).

Front matter dates arrive as plain datetimes; the executor wraps them on field
access so `.Date.Format "2006"` and `.Date.Year` work as in Hugo.
"""

from __future__ import annotations

import datetime as dt
from typing import Any


class Month(int):
    """time.Month: an int that prints as its English name."""

    def __str__(self) -> str:
        return dt.date(2000, self, 1).strftime("%B")

    def String(self) -> str:
        return str(self)


class Weekday(int):
    """time.Weekday: Sunday = 0, prints as its English name."""

    def __str__(self) -> str:
        return ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"][self]

    def String(self) -> str:
        return str(self)


class Time(dt.datetime):
    """A timezone-aware datetime answering Go's time.Time methods."""

    @classmethod
    def wrap(cls, value: dt.date) -> Time:
        if isinstance(value, Time):
            return value
        if not isinstance(value, dt.datetime):
            value = dt.datetime(value.year, value.month, value.day)
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return cls(
            value.year,
            value.month,
            value.day,
            value.hour,
            value.minute,
            value.second,
            value.microsecond,
            value.tzinfo,
        )

    def Format(self, layout: Any) -> str:
        from .funcs.timefmt import go_format

        return go_format(self, str(layout))

    def Year(self) -> int:
        return self.year

    def Month(self) -> Month:
        return Month(self.month)

    def Day(self) -> int:
        return self.day

    def Hour(self) -> int:
        return self.hour

    def Minute(self) -> int:
        return self.minute

    def Second(self) -> int:
        return self.second

    def Nanosecond(self) -> int:
        return self.microsecond * 1000

    def YearDay(self) -> int:
        return self.timetuple().tm_yday

    def Weekday(self) -> Weekday:
        return Weekday((self.weekday() + 1) % 7)

    def Unix(self) -> int:
        return int(self.timestamp())

    def IsZero(self) -> bool:
        return self.year == 1 and self.month == 1 and self.day == 1 and not self.hour

    def UTC(self) -> Time:
        return Time.wrap(self.astimezone(dt.UTC))

    def Local(self) -> Time:
        return self

    def Before(self, other: dt.datetime) -> bool:
        return self < Time.wrap(other)

    def After(self, other: dt.datetime) -> bool:
        return self > Time.wrap(other)

    def Equal(self, other: dt.datetime) -> bool:
        return self == Time.wrap(other)

    def AddDate(self, years: int, months: int, days: int) -> Time:
        month_index = self.month - 1 + months
        year = self.year + years + month_index // 12
        month = month_index % 12 + 1
        base = dt.datetime(
            year, month, 1, self.hour, self.minute, self.second, self.microsecond, self.tzinfo
        )
        return Time.wrap(base + dt.timedelta(days=self.day - 1 + days))

    def String(self) -> str:
        from .gofmt import format_time

        return format_time(self)
