"""Hugo's compare namespace: eq, ne, lt, le, gt, ge, default, cond (lenient, never type errors)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence, Set
from typing import Any

from ..exec import function_table
from ..truth import is_true
from ..values import Missing


def _normalize(value: Any) -> Any:
    if value is None or isinstance(value, Missing):
        return None
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return ("number", float(value))
    if isinstance(value, tuple):
        return [_normalize(v) for v in value]
    if isinstance(value, list):
        return [_normalize(v) for v in value]
    return value


def eq(first: Any, *others: Any) -> bool:
    """True when `first` equals any of `others`; an int never equals a float (DeepEqual)."""
    if not others:
        raise ValueError("missing arguments for comparison")
    left = _normalize(first)
    return any(left == _normalize(other) for other in others)


def ne(first: Any, *others: Any) -> bool:
    if not others:
        raise ValueError("missing arguments for comparison")
    return not any(eq(first, other) for other in others)


def _operand(value: Any) -> tuple[float, str | None]:
    if isinstance(value, bool):
        return float(value), None
    if isinstance(value, (int, float)):
        return float(value), None
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return 0.0, str.__str__(value)
        if number != number or number in (float("inf"), float("-inf")):
            return 0.0, str.__str__(value)
        return number, None
    if isinstance(value, (Mapping, Sequence, Set)):
        return float(len(value)), None
    if isinstance(value, dt.datetime):
        return value.timestamp(), None
    return 0.0, None


def _pair(a: Any, b: Any) -> tuple[Any, Any]:
    if isinstance(a, str) and isinstance(b, str):
        return str.__str__(a), str.__str__(b)
    left, left_str = _operand(a)
    right, right_str = _operand(b)
    if left_str is not None and right_str is not None:
        return left_str, right_str
    return left, right


def lt(first: Any, *others: Any) -> bool:
    if not others:
        raise ValueError("missing arguments for comparison")
    return all((lambda p: p[0] < p[1])(_pair(first, o)) for o in others)


def le(first: Any, *others: Any) -> bool:
    if not others:
        raise ValueError("missing arguments for comparison")
    return all((lambda p: p[0] <= p[1])(_pair(first, o)) for o in others)


def gt(first: Any, *others: Any) -> bool:
    if not others:
        raise ValueError("missing arguments for comparison")
    return all((lambda p: p[0] > p[1])(_pair(first, o)) for o in others)


def ge(first: Any, *others: Any) -> bool:
    if not others:
        raise ValueError("missing arguments for comparison")
    return all((lambda p: p[0] >= p[1])(_pair(first, o)) for o in others)


def default(fallback: Any, *given: Any) -> Any:
    """`default FALLBACK GIVEN`: GIVEN unless unset (nil, zero, empty; false counts as set)."""
    if not given:
        return fallback
    if len(given) != 1:
        raise ValueError(f"wrong number of args for default: want 2 got {len(given) + 1}")
    value = given[0]
    if value is None or isinstance(value, Missing):
        return fallback
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return value if value != 0 else fallback
    if isinstance(value, (str, Mapping, Sequence, Set)):
        return value if len(value) else fallback
    return value


def cond(control: Any, first: Any, second: Any) -> Any:
    return first if is_true(control) else second


MEMBERS = {
    "Eq": eq,
    "Ne": ne,
    "Lt": lt,
    "Le": le,
    "Gt": gt,
    "Ge": ge,
    "Default": default,
    "Conditional": cond,
}
FUNCTIONS = function_table(
    {
        "eq": eq,
        "ne": ne,
        "lt": lt,
        "le": le,
        "gt": gt,
        "ge": ge,
        "default": default,
        "cond": cond,
    }
)
NAMESPACES = {"compare": function_table(MEMBERS)}
