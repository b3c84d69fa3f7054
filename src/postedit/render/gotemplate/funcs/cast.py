"""Hugo's lenient conversions (spf13/cast), shared by the function modules."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from ..gofmt import format_float, format_time
from ..values import Missing


def to_string(value: Any) -> str:
    """cast.ToStringE: numbers without exponent, nil as empty, no structs."""
    if isinstance(value, str):
        return str.__str__(value)
    if value is None or isinstance(value, Missing):
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _fixed(value)
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, (dt.datetime, dt.date)):
        return format_time(value)
    stringer = getattr(value, "String", None)
    if callable(stringer):
        return str(stringer())
    raise ValueError(f"unable to cast {value!r} of type {type(value).__name__} to string")


def _fixed(value: float) -> str:
    """strconv.FormatFloat(value, 'f', -1, 64): shortest digits, never an exponent."""
    if value != value or value in (float("inf"), float("-inf")):
        return format_float(value)
    text = format(Decimal(repr(value)), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def to_int(value: Any) -> int:
    """cast.ToIntE: floats truncated, numeric strings parsed, nil as 0."""
    if value is None or isinstance(value, Missing):
        return 0
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value)
    if isinstance(value, str):
        text = re.sub(r"\.0*$", "", value.strip())
        try:
            return int(text, 0) if not re.fullmatch(r"[+-]?0\d+", text) else int(text, 10)
        except ValueError:
            raise ValueError(f"unable to cast {value!r} of type string to int") from None
    raise ValueError(f"unable to cast {value!r} of type {type(value).__name__} to int")


def to_float(value: Any) -> float:
    """cast.ToFloat64E."""
    if value is None or isinstance(value, Missing):
        return 0.0
    if isinstance(value, (bool, int, float)):
        return float(value)
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            raise ValueError(f"unable to cast {value!r} of type string to float64") from None
    raise ValueError(f"unable to cast {value!r} of type {type(value).__name__} to float64")


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def to_list(value: Any, name: str) -> list[Any]:
    """A sequence argument as a list; maps and strings are refused as Hugo does."""
    if value is None or isinstance(value, Missing):
        raise ValueError("can't iterate over <nil>")
    if isinstance(value, (str, Mapping)) or not isinstance(value, Sequence):
        raise ValueError(f"{name}: can't iterate over {value!r}")
    return list(value)


def field_path(item: Any, path: str) -> Any:
    """`Params.color` (or `.Params.color`) looked up in an element, as where and sort do."""
    from ..exec import _mapping_method  # the same lookup rules as `.A.B` in templates
    from ..values import MISSING

    value = item
    for name in path.lstrip(".").split("."):
        if value is None or isinstance(value, Missing):
            return None
        if isinstance(value, Mapping):
            method = _mapping_method(value, name)
            if method is not None:
                value = method()
                continue
            value = value.get(name, MISSING)
            continue
        attribute = getattr(value, name, MISSING)
        value = (
            attribute() if callable(attribute) and not isinstance(attribute, type) else attribute
        )
    return None if isinstance(value, Missing) else value
