"""Go's time layouts (`2006-01-02`, `Jan 2, 2006`) and Hugo's `:date_long` forms."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..exec import Function, function_table
from ..gotime import Time
from ..values import Missing
from .cast import to_string

# Hugo's localized layouts for English (`:date_long` ...).
NAMED_LAYOUTS = {
    ":date_full": "Monday, January 2, 2006",
    ":date_long": "January 2, 2006",
    ":date_medium": "Jan 2, 2006",
    ":date_short": "1/2/06",
    ":time_full": "3:04:05 pm MST",
    ":time_long": "3:04:05 pm MST",
    ":time_medium": "3:04:05 pm",
    ":time_short": "3:04 pm",
}

_TOKEN = re.compile(
    r"January|Jan|Monday|Mon|MST|2006|Z07:00:00|Z07:00|Z0700|Z07|-07:00:00|-07:00|-0700|-07"
    r"|[.,](?:0+|9+)(?!\d)|002|__2|_2|01|02|03|04|05|06|15|PM|pm|1|2|3|4|5"
)


def parse_time(value: Any) -> Time:
    """cast.ToTimeE for the spellings front matter and templates use."""
    return Time.wrap(_parse_time(value))


def _parse_time(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return dt.datetime.fromtimestamp(value, dt.UTC)
    text = to_string(value).strip()
    if not text:
        raise ValueError("unable to parse date: empty string")
    candidate = text.replace("Z", "+00:00")
    try:
        parsed = dt.datetime.fromisoformat(candidate)
    except ValueError:
        for layout in ("%Y-%m-%d %H:%M:%S %z", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%Y-%m"):
            try:
                parsed = dt.datetime.strptime(text, layout)
                break
            except ValueError:
                continue
        else:
            raise ValueError(f"unable to parse date: {text}") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _zone_name(moment: dt.datetime) -> str:
    name = moment.tzname() or "UTC"
    if name.startswith("UTC") and name != "UTC":
        offset = moment.utcoffset() or dt.timedelta()
        minutes = int(offset.total_seconds()) // 60
        return f"{'-' if minutes < 0 else '+'}{abs(minutes) // 60:02d}{abs(minutes) % 60:02d}"
    return name


def _offset(moment: dt.datetime, token: str) -> str:
    offset = moment.utcoffset() or dt.timedelta()
    seconds = int(offset.total_seconds())
    if token.startswith("Z") and seconds == 0:
        return "Z"
    sign = "-" if seconds < 0 else "+"
    seconds = abs(seconds)
    hours, minutes, secs = seconds // 3600, seconds // 60 % 60, seconds % 60
    body = token.lstrip("Z-")
    if body == "07":
        return f"{sign}{hours:02d}"
    if body == "0700":
        return f"{sign}{hours:02d}{minutes:02d}"
    if body == "07:00":
        return f"{sign}{hours:02d}:{minutes:02d}"
    return f"{sign}{hours:02d}:{minutes:02d}:{secs:02d}"


def go_format(moment: dt.datetime, layout: str) -> str:
    """time.Time.Format(layout)."""
    layout = NAMED_LAYOUTS.get(layout, layout)

    def render(match: re.Match[str]) -> str:
        token = match.group()
        hour12 = moment.hour % 12 or 12
        table = {
            "January": moment.strftime("%B"),
            "Jan": moment.strftime("%b"),
            "Monday": moment.strftime("%A"),
            "Mon": moment.strftime("%a"),
            "MST": _zone_name(moment),
            "2006": f"{moment.year:04d}",
            "06": f"{moment.year % 100:02d}",
            "01": f"{moment.month:02d}",
            "1": str(moment.month),
            "02": f"{moment.day:02d}",
            "2": str(moment.day),
            "_2": f"{moment.day:>2}",
            "002": f"{moment.timetuple().tm_yday:03d}",
            "__2": f"{moment.timetuple().tm_yday:>3}",
            "15": f"{moment.hour:02d}",
            "03": f"{hour12:02d}",
            "3": str(hour12),
            "04": f"{moment.minute:02d}",
            "4": str(moment.minute),
            "05": f"{moment.second:02d}",
            "5": str(moment.second),
            "PM": "PM" if moment.hour >= 12 else "AM",
            "pm": "pm" if moment.hour >= 12 else "am",
        }
        if token in table:
            return table[token]
        if token[0] in ".,":
            digits = f"{moment.microsecond:06d}000"[: len(token) - 1]
            if token[1] == "9":
                digits = digits.rstrip("0")
                return token[0] + digits if digits else ""
            return token[0] + digits
        return _offset(moment, token)

    return _TOKEN.sub(render, layout)


def date_format(layout: Any, value: Any) -> str:
    return go_format(parse_time(value), to_string(layout))


def as_time(value: Any, *location: Any) -> dt.datetime:
    return parse_time(value)


def now() -> Time:
    return Time.wrap(dt.datetime.now(dt.UTC).astimezone())


def time_format(layout: Any, value: Any) -> str:
    if value is None or isinstance(value, Missing):
        raise ValueError("unable to parse date: nil")
    return date_format(layout, value)


FUNCTIONS = function_table({"dateFormat": date_format, "now": now})
NAMESPACES = {
    "time": {
        "Format": Function("Format", time_format),
        "AsTime": Function("AsTime", as_time),
        "Now": Function("Now", now),
    }
}
