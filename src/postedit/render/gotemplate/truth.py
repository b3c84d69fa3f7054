"""Go template truthiness (Hugo's variant: values with `IsZero` ask it)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from typing import Any

from .values import Missing


def is_true(value: Any) -> bool:
    """False for nil, false, zero numbers and empty strings/lists/maps; else true."""
    if value is None or value is False or isinstance(value, Missing):
        return False
    if value is True:
        return True
    if isinstance(value, (int, float)):
        return value != 0
    if isinstance(value, (str, Mapping, Sequence, Set)):
        return len(value) > 0
    is_zero = getattr(value, "IsZero", None)
    if callable(is_zero):
        return not is_zero()
    return True
