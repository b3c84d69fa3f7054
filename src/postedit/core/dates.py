"""Write a changed date in the spelling the post already uses.

Hugo accepts many date spellings; writers' files mix `2024-02-05`,
`2024-02-05T10:00:00+01:00`, `2024-02-05 10:00` and `...Z`. When the form changes a
date we copy the old spelling's shape (date only, separator, seconds, fraction,
offset or `Z`) onto the new value instead of imposing one style.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

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


def parse_date(text: str) -> date | None:
    """Parse the date spellings Hugo writes most; None when `text` is not one."""
    shape = _SHAPE_RE.match(text.strip())
    if shape is None:
        return None
    day = date.fromisoformat(shape["date"])
    if shape["hm"] is None:
        return day
    hour, minute = (int(part) for part in shape["hm"].split(":"))
    second = int(shape["sec"][1:]) if shape["sec"] else 0
    micro = int((shape["frac"][1:] + "000000")[:6]) if shape["frac"] else 0
    zone = shape["zone"]
    tzinfo = None
    if zone in ("Z", "z"):
        tzinfo = UTC
    elif zone:
        digits = zone[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + (int(digits[2:4]) if len(digits) > 2 else 0)
        tzinfo = timezone(timedelta(minutes=minutes if zone[0] == "+" else -minutes))
    return datetime(day.year, day.month, day.day, hour, minute, second, micro, tzinfo=tzinfo)
