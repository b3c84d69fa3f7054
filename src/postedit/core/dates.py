"""Dates as Hugo reads them, and written in the spelling a post already uses.

Hugo accepts many date spellings; writers' files mix `2024-02-05`,
`2024-02-05T10:00:00+01:00`, `2024-02-05 10:00:00` and `...Z`. `parse_date` reads
exactly what Hugo reads (a date Hugo refuses stops its build, so it must be
reported, not guessed at). When the form changes a date, `format_date_like`
copies the old spelling's shape (date only, separator, seconds, fraction, offset
or `Z`) onto the new value instead of imposing one style.
"""

from __future__ import annotations

import contextlib
import re
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_SHAPE_RE = re.compile(
    r"""^(?P<date>\d{4}-\d{2}-\d{2})
        (?:(?P<sep>[Tt ]+)(?P<hm>\d{1,2}:\d{2})(?P<sec>:\d{2})?(?P<frac>\.\d+)?
           (?P<space>\s*)(?P<zone>[Zz]|[+-]\d{2}(?::?\d{2})?)?)?$""",
    re.VERBOSE,
)


def _format_offset(offset: timedelta | None, spelling: str) -> str:
    if offset is None:
        return ""
    if spelling in ("Z", "z") and offset == timedelta(0):
        return spelling
    total = int(offset.total_seconds()) // 60
    sign = "-" if total < 0 else "+"
    hours, minutes = divmod(abs(total), 60)
    if spelling and ":" not in spelling and len(spelling) > 3:
        return f"{sign}{hours:02d}{minutes:02d}"
    if spelling and len(spelling) == 3:
        return f"{sign}{hours:02d}" if minutes == 0 else f"{sign}{hours:02d}:{minutes:02d}"
    return f"{sign}{hours:02d}:{minutes:02d}"


def format_date_like(value: date, original: str | None) -> str:
    """Spell `value` (a date or datetime) the way `original` was spelled.

    The value's type decides what is written (a date stays a date, a datetime
    keeps its time), so what is read back equals what was set; the original
    decides how: separator, seconds, fraction and offset style. With no usable
    original a datetime is written as RFC 3339, as Hugo's archetypes do.
    """
    if not isinstance(value, datetime):
        return value.isoformat()
    shape = _SHAPE_RE.match(original.strip()) if original else None
    if shape is None or shape["hm"] is None:
        return value.isoformat()
    text = value.strftime("%Y-%m-%d") + shape["sep"] + value.strftime("%H:%M")
    if shape["sec"] or value.second or value.microsecond:
        text += value.strftime(":%S")
    if shape["frac"] or value.microsecond:
        micro = f"{value.microsecond:06d}"
        digits = max(len(shape["frac"] or ".") - 1, len(micro.rstrip("0")), 1)
        text += "." + micro[: min(digits, 6)]
    zone = shape["zone"] or ""
    if value.tzinfo is not None:
        text += shape["space"] + _format_offset(value.utcoffset(), zone or "+00:00")
    return text


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


def _from_match(found: re.Match[str]) -> date | None:
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
        date(2000, month, day)  # still validate the month and day
        return None
    if fields.get("hour") is None:
        return date(year, month, day)
    zone = fields.get("zone")
    tzinfo = None
    if zone == "Z":
        tzinfo = UTC
    elif zone is not None:
        digits = zone[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        tzinfo = timezone(-offset if zone[0] == "-" else offset)
    fraction = fields.get("fraction") or ""
    return datetime(
        year,
        month,
        day,
        int(fields["hour"]),
        int(fields["minute"]),
        int(fields.get("second") or 0),
        int((fraction + "000000")[:6]),
        tzinfo=tzinfo,
    )


def parse_date(value: Any) -> date | None:
    """A front-matter date as Hugo reads it: a datetime, a date, or None for no day.

    Strings must follow one of the layouts Hugo knows, exactly (no surrounding
    spaces); a date alone gives a `date`, a wall clock without a numeric offset a
    naive datetime (Hugo reads it in the site's time zone, UTC unless set). Whole
    numbers are Unix times. TOML's own dates come through as they are. Raises
    NotAHugoDate for anything Hugo refuses, which stops Hugo's build.
    """
    if isinstance(value, date):  # datetimes are dates too
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        try:
            return datetime.fromtimestamp(value, UTC)
        except (OverflowError, OSError, ValueError) as error:
            raise NotAHugoDate(f"{value} is out of range for a Unix time") from error
    if isinstance(value, str):
        if _ISO_DATE.match(value):  # the common case, first in Hugo's list as well
            with contextlib.suppress(ValueError):
                return date.fromisoformat(value)
        for pattern in _GO_DATE_PATTERNS:
            found = pattern.match(value)
            if found is not None:
                with contextlib.suppress(ValueError):
                    return _from_match(found)
    raise NotAHugoDate(f"{value!r} is not a date Hugo can read")


def as_date(value: Any) -> date | None:
    """`parse_date`, with None instead of an error for what Hugo cannot read."""
    try:
        return parse_date(value)
    except NotAHugoDate:
        return None
