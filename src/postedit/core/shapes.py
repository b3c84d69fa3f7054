"""What kind of value a front-matter field holds, and what date it names for Hugo.

The index records each field's shape per post so that schema inference can vote
across a whole section without reading the posts again, and reads post dates with
the layouts Hugo accepts, so that a date Hugo refuses is reported, not guessed at.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from enum import StrEnum
from typing import Any

_IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".svg", ".avif")
_LONG_STRING = 80
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


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
        if _ISO_DATETIME.match(value) and as_date(value) is not None:
            return "datetime"
    if len(value) > _LONG_STRING or "\n" in value:
        return "long_string"
    if value.lower().endswith(_IMAGE_EXTENSIONS):
        return "image"
    return "string"


def shape_name(value: Any) -> str:
    """`shape_of` as the plain string that index entries and the cache store."""
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
    return ValueShape(shape_name(value))


class NotAHugoDate(ValueError):
    """A front-matter date Hugo refuses: it stops the build ("not a parsable date")."""


# The layouts Hugo reads front-matter date strings with (spf13/cast's list, in its
# order), in Go's reference-time notation. Hugo puts the wall clock of the layouts
# without a numeric offset, named zones (MST) included, in the site's time zone.
_GO_DATE_LAYOUTS = (
    "2006-01-02",
    "2006-01-02T15:04:05Z07:00",  # RFC 3339
    "2006-01-02T15:04:05",
    "Mon, 02 Jan 2006 15:04:05 -0700",  # RFC 1123 with a numeric zone
    "Mon, 02 Jan 2006 15:04:05 MST",  # RFC 1123
    "02 Jan 06 15:04 -0700",  # RFC 822 with a numeric zone
    "02 Jan 06 15:04 MST",  # RFC 822
    "Monday, 02-Jan-06 15:04:05 MST",  # RFC 850
    "2006-01-02 15:04:05.999999999 -0700 MST",  # Go's Time.String()
    "2006-01-02T15:04:05-0700",
    "2006-01-02 15:04:05Z0700",
    "2006-01-02 15:04:05",
    "Mon Jan _2 15:04:05 2006",  # ANSI C
    "Mon Jan _2 15:04:05 MST 2006",  # Unix date
    "Mon Jan 02 15:04:05 -0700 2006",  # Ruby date
    "2006-01-02 15:04:05Z07:00",
    "02 Jan 2006",
    "2006-01-02 15:04:05 -07:00",
    "2006-01-02 15:04:05 -0700",
    # Times of day without a date (Kitchen, Stamp): Hugo takes them, for year 0.
    "3:04PM",
    "Jan _2 15:04:05",
)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_GO_ELEMENTS = {  # Go layout element -> regex; Go matches names ignoring case
    "2006": r"(?P<year>\d{4})",
    "06": r"(?P<yy>\d{2})",
    "01": r"(?P<month>\d{2})",
    "Jan": rf"(?P<mon>(?i:{'|'.join(_MONTHS)}))",
    "02": r"(?P<day>\d{2})",
    "_2": r" ?(?P<day>\d{1,2})",
    "Monday": r"(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day)",
    "Mon": r"(?i:mon|tue|wed|thu|fri|sat|sun)",
    "15": r"(?P<hour>\d{1,2})",
    "3": r"(?P<hour>\d{1,2})",
    "04": r"(?P<minute>\d{2})",
    # Go reads a fraction after the seconds whether or not the layout has one.
    "05": r"(?P<second>\d{2})(?:[.,](?P<fraction>\d+))?",
    ".999999999": "",
    "PM": "(?:AM|PM)",
    "Z07:00": r"(?P<zone>Z|[+-]\d{2}:\d{2})",
    "Z0700": r"(?P<zone>Z|[+-]\d{4})",
    "-07:00": r"(?P<zone>[+-]\d{2}:\d{2})",
    "-0700": r"(?P<zone>[+-]\d{4})",
    # A zone abbreviation as Go's parseTimeZone takes it; its offset is ignored.
    "MST": r"(?:[A-Z]{3}|[A-Z]{2,3}T|ChST|MeST|WITA|GMT[+-]\d{1,2}|[+-]\d{2}(?:\d{2})?)",
}


def _go_layout_regex(layout: str) -> re.Pattern[str]:
    """A regex matching what Go's time.Parse accepts for `layout` (one space: any number)."""
    elements = sorted(_GO_ELEMENTS, key=len, reverse=True)
    parts = []
    position = 0
    while position < len(layout):
        element = next((e for e in elements if layout.startswith(e, position)), None)
        if element is not None:
            parts.append(_GO_ELEMENTS[element])
            position += len(element)
        else:
            char = layout[position]
            parts.append(" +" if char == " " else re.escape(char))
            position += 1
    return re.compile("".join(parts) + r"\Z", re.ASCII)


_GO_DATE_PATTERNS = tuple(_go_layout_regex(layout) for layout in _GO_DATE_LAYOUTS)


def _from_match(found: re.Match[str]) -> dt.date | None:
    """The date a layout match names; None for a time of day alone or year 0.

    Raises ValueError for out-of-range fields, as Go's parser does.
    """
    fields = found.groupdict()
    if fields.get("year") is not None:
        year = int(fields["year"])
    elif fields.get("yy") is not None:
        year = int(fields["yy"]) + (1900 if int(fields["yy"]) >= 69 else 2000)
    else:
        return None  # a time of day on no day at all
    month = fields.get("month")
    month = int(month) if month else _MONTHS.index(fields["mon"].lower()) + 1
    day = int(fields["day"])
    if year == 0:
        dt.date(2000, month, day)  # still validate the month and day
        return None
    if fields.get("hour") is None:
        return dt.date(year, month, day)
    zone = fields.get("zone")
    tzinfo = None
    if zone == "Z":
        tzinfo = dt.UTC
    elif zone is not None:
        digits = zone[1:].replace(":", "")
        offset = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        tzinfo = dt.timezone(-offset if zone[0] == "-" else offset)
    fraction = fields.get("fraction") or ""
    return dt.datetime(
        year,
        month,
        day,
        int(fields["hour"]),
        int(fields["minute"]),
        int(fields.get("second") or 0),
        int((fraction + "000000")[:6]),
        tzinfo=tzinfo,
    )


def parse_date(value: Any) -> dt.date | None:
    """A front-matter date as Hugo reads it: a datetime, a date, or None for no day.

    Strings must follow one of the layouts Hugo knows, exactly (no surrounding
    spaces); a date alone gives a `date`, a wall clock without a numeric offset a
    naive datetime (Hugo reads it in the site's time zone, UTC unless set). Whole
    numbers are Unix times. TOML's own dates come through as they are. Raises
    NotAHugoDate for anything Hugo refuses, which stops Hugo's build.
    """
    if isinstance(value, dt.date):  # datetimes are dates too
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return dt.datetime.fromtimestamp(value, dt.UTC)
        except (OverflowError, OSError, ValueError) as error:
            raise NotAHugoDate(f"{value} is out of range for a Unix time") from error
    if isinstance(value, str):
        if _ISO_DATE.match(value):  # the common case, first in Hugo's list as well
            with contextlib.suppress(ValueError):
                return dt.date.fromisoformat(value)
        for pattern in _GO_DATE_PATTERNS:
            found = pattern.match(value)
            if found is not None:
                with contextlib.suppress(ValueError):
                    return _from_match(found)
    raise NotAHugoDate(f"{value!r} is not a date Hugo can read")


def as_date(value: Any) -> dt.date | None:
    """`parse_date`, with None instead of an error for what Hugo cannot read."""
    try:
        return parse_date(value)
    except NotAHugoDate:
        return None
