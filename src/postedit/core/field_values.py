"""What a form widget may show for a front-matter value, and what it writes back.

The schema says what a field usually holds; a post may hold something else (a
date Hugo cannot read, tags written as one string, a number in quotes). A typed
widget that silently coerced such a value would rewrite it on the first edit, so
the form only gives a field its typed widget when the value fits, and otherwise
offers the raw text editor with the reason. Dates are written back in the value's
own terms: a date stays a date, a datetime keeps its UTC offset and seconds, and
a date the file spells as a string (JSON, quoted YAML) stays a string spelled the
same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any

from postedit.core.dates import as_date, format_date_like
from postedit.core.schema import (
    Field,
    FieldKind,
    SectionSchema,
    kind_for,
    label_for,
    load_front_matter_cms,
    load_overrides,
)
from postedit.core.shapes import shape_of
from postedit.core.site import Site

__all__ = [
    "DECIMAL_LIMIT",
    "DECIMAL_PLACES",
    "DESCRIPTION_LIMIT",
    "PICKER_FIRST_YEAR",
    "WHOLE_LIMIT",
    "date_to_write",
    "extra_field",
    "find_key",
    "fits",
    "hidden_keys",
    "is_blank",
    "problem_of",
    "shown_date",
]

# A time of day followed by a zone (`10:00Z`, `10:00:00 +0100`) at the end of a date string.
_ZONED = re.compile(r"\d:\d{2}(?::\d{2})?(?:\.\d+)?\s*(?:[Zz]|[+-]\d{2}(?::?\d{2})?)\s*$")

# The date picker cannot show a year before this; an earlier date (Hugo's zero date
# `0001-01-01`, say) would be shown, and written back on the first click, as 100-01-01.
PICKER_FIRST_YEAR = 100

# What the number box holds: Qt's spin boxes take 32-bit whole numbers, and decimals to a
# fixed number of places. A value beyond them (a timestamp in milliseconds, pi to ten
# places) would be cut on the first click, so it is edited as text instead.
WHOLE_LIMIT = 2**31 - 1
DECIMAL_LIMIT = 1e15
DECIMAL_PLACES = 6

# Search engines cut descriptions beyond about this many characters.
DESCRIPTION_LIMIT = 160

_KIND_WORDS: Mapping[FieldKind, str] = {
    FieldKind.STRING: "a line of text",
    FieldKind.TEXT: "text",
    FieldKind.DATE: "a date",
    FieldKind.DATETIME: "a date and time",
    FieldKind.BOOL: "yes or no (true or false)",
    FieldKind.NUMBER: "a number",
    FieldKind.STRING_LIST: "a list of words",
    FieldKind.IMAGE: "a path to an image",
}


def find_key(front_matter: Iterable[str], name: str) -> str | None:
    """The post's own spelling of a field's key (Hugo reads keys case-insensitively)."""
    if name in front_matter:
        return name
    wanted = name.lower()
    return next((key for key in front_matter if key.lower() == wanted), None)


def extra_field(name: str, value: Any, taxonomies: Iterable[str] = ()) -> Field:
    """A field for a key the schema does not list, typed from its value."""
    kind, taxonomy = kind_for(name, {shape_of(value).value: 1}, taxonomies)
    return Field(name, kind, label_for(name), taxonomy=taxonomy)


def hidden_keys(site: Site | None, schema: SectionSchema) -> frozenset[str]:
    """Keys (lower case) the site's settings hide from the section's form.

    `SectionSchema` drops hidden fields from its list, so a post holding one would
    otherwise show it among the fields the schema does not know. A field a later
    layer lists again is shown.
    """
    if site is None:
        return frozenset()
    layers = [*load_front_matter_cms(site, schema.section)[0]]
    layers += load_overrides(site, schema.section)[0]
    hidden = frozenset().union(*(layer.hidden for layer in layers))
    return hidden - {field.name.lower() for field in schema.fields}


def is_blank(value: Any) -> bool:
    """Whether a value says nothing: what an empty widget holds."""
    return value is None or value == "" or value == [] or value is False


def shown_date(value: Any) -> date | None:
    """The date or datetime a picker shows for a value (None: none Hugo can read)."""
    return as_date(value)


def fits(kind: FieldKind, value: Any) -> bool:
    """Whether the typed widget for `kind` can show `value` without changing it."""
    if value is None or kind is FieldKind.RAW:
        return True
    if kind in (FieldKind.STRING, FieldKind.IMAGE):
        return isinstance(value, str) and "\n" not in value and _held_as_typed(value)
    if kind is FieldKind.TEXT:
        return isinstance(value, str) and _held_as_typed(value)
    if kind in (FieldKind.DATE, FieldKind.DATETIME):
        shown = as_date(value) if isinstance(value, date | str) else None
        in_range = shown is not None and shown.year >= PICKER_FIRST_YEAR
        return in_range and (not isinstance(value, str) or _spelled_alike(value))
    if kind is FieldKind.BOOL:
        return isinstance(value, bool)
    if kind is FieldKind.NUMBER:
        if isinstance(value, bool):
            return False
        if isinstance(value, int):
            return abs(value) <= WHOLE_LIMIT
        return (
            isinstance(value, float)
            and abs(value) <= DECIMAL_LIMIT
            and float(f"{value:.{DECIMAL_PLACES}f}") == value
        )
    if kind is FieldKind.STRING_LIST:
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    return False


def _held_as_typed(text: str) -> bool:
    """Whether a text widget gives `text` back unchanged after an edit elsewhere in it.

    A text box stores lines, so a carriage return or paragraph separator would come
    back as a newline, and a leading U+FEFF is taken for a byte-order mark and
    dropped. Such a value is edited as raw YAML, which spells them as escapes.
    """
    return "\r" not in text and "\u2029" not in text and not text.startswith("\ufeff")


def _spelled_alike(text: str) -> bool:
    """Whether a date written back "like" `text` is spelled as `text` is.

    Hugo reads spellings (`Mon, 02 Jan 2006 15:04:05 -0700`, nanoseconds) that
    the picker would rewrite in another layout or cut to microseconds on the
    first click; such a date is edited as text so the file keeps its spelling.
    """
    shown = as_date(text)
    return shown is not None and format_date_like(shown, text) == text


def problem_of(field: Field, value: Any, present: bool) -> str | None:
    """What is wrong with a field's value, in plain words (None: nothing)."""
    if field.required and (not present or is_blank(value)):
        return "Required: please fill this in."
    if not present or value is None:
        return None
    is_date_field = field.kind in (FieldKind.DATE, FieldKind.DATETIME)
    if is_date_field and isinstance(value, str) and as_date(value) is None:
        return f"Hugo cannot read “{value}” as a date, so the site will not build."
    old = as_date(value) if is_date_field and isinstance(value, date | str) else None
    if old is not None and old.year < PICKER_FIRST_YEAR:
        return f"The calendar cannot show years before {PICKER_FIRST_YEAR}; edit it as text."
    if old is not None and isinstance(value, str) and not _spelled_alike(value):
        return "The calendar would write this date another way; edit it as text to keep it."
    text_kinds = (FieldKind.STRING, FieldKind.TEXT, FieldKind.IMAGE)
    if field.kind in text_kinds and isinstance(value, str) and not _held_as_typed(value):
        return "This text holds invisible characters a text box would drop; shown as YAML."
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if field.kind is FieldKind.NUMBER and number and not fits(field.kind, value):
        return "The number box cannot hold this number exactly; shown as text so it stays."
    if not fits(field.kind, value):
        expected = _KIND_WORDS.get(field.kind, "another kind of value")
        return f"Expected {expected}; shown as text so you can fix it."
    if field.choices and isinstance(value, str) and value not in field.choices:
        return f"“{value}” is not one of the choices."
    return None


def date_to_write(picked: date, original: Any) -> Any:
    """The value to store when the writer picks `picked` in a date field.

    `picked` is a date, or a datetime on the writer's wall clock (naive). A
    datetime takes the original's UTC offset (else the computer's own offset on
    that day, as `hugo new` writes) and, when the picker has no seconds, the
    original's seconds. A date the file spelled as a string is written as a
    string in the same spelling, so JSON and quoted YAML stay as they were.
    """
    old = as_date(original) if original is not None else None
    value: date = picked
    if isinstance(picked, datetime):
        if isinstance(old, datetime):
            value = picked.replace(tzinfo=old.tzinfo)
            # A picker without seconds or fractions keeps the original's.
            if picked.microsecond == 0 and picked.second in (0, old.second):
                value = value.replace(second=old.second, microsecond=old.microsecond)
        elif picked.tzinfo is None:
            value = picked.astimezone()
    if isinstance(original, str):
        if isinstance(value, datetime) and not _ZONED.search(original):
            # Hugo reads a wall clock without a zone in the site's zone; so do we.
            value = value.replace(tzinfo=None)
        return format_date_like(value, original)
    return value
