"""What kind of value a front-matter field holds, as far as a form cares.

The index records each field's shape per post so that schema inference can vote
across a whole section without reading the posts again.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Any

from postedit.core.dates import as_date

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
