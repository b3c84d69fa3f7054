"""TOML front matter (between `+++` lines), edited with tomlkit.

tomlkit is a style-preserving TOML library: changing an item keeps its key, its
spacing and its trailing comment. It works on LF text; `keep_unchanged_lines`
puts every untouched line back with its original bytes and line end.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime
from typing import Any

import tomlkit
from tomlkit.container import Container
from tomlkit.exceptions import ParseError, TOMLKitError
from tomlkit.items import Array, InlineTable, Item, String, StringType, Table

from postedit.core.codecs.base import (
    FrontMatterSyntaxError,
    FrontMatterWriteError,
    keep_unchanged_lines,
)
from postedit.core.dates import as_date, format_date_like
from postedit.core.textio import to_lf
from postedit.core.values import FrontMatter, plain, same_value


def _contains_none(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, dict):
        return any(_contains_none(item) for item in value.values())
    return isinstance(value, list) and any(_contains_none(item) for item in value)


def _toml_item(value: Any, old: object | None) -> Any:
    """A tomlkit item for `value` that keeps the old item's string or date style."""
    if _contains_none(value):
        raise FrontMatterWriteError(
            "TOML front matter cannot hold an empty value; remove the field instead."
        )
    if isinstance(value, str) and isinstance(old, String):
        literal = old.type in (StringType.SLL, StringType.MLL)
        # A multi-line string keeps its raw lines; one starting with +++ would end
        # the front matter, so such text is written with \n escapes instead.
        multiline = old.type in (StringType.MLB, StringType.MLL) and not any(
            line.startswith("+++") for line in value.split("\n")
        )
        if literal and ("'" in value or any(ord(c) < 0x20 or c == "\x7f" for c in value)):
            literal = False
        if literal and multiline and "\t" in value:
            literal = False
        return tomlkit.string(value, literal=literal, multiline=multiline)
    if isinstance(value, date) and isinstance(old, String) and as_date(str(old)):
        # A date the file spelled as a string stays a string.
        return tomlkit.string(format_date_like(value, str(old)))
    if isinstance(value, date) and isinstance(old, Item) and isinstance(old.unwrap(), date):
        return tomlkit.item(tomlkit.parse(f"v = {format_date_like(value, old.as_string())}")["v"])
    if isinstance(value, datetime | date):
        return tomlkit.item(value)
    return value


def comments(text: str) -> Counter[str]:
    """Every comment in TOML text (outside strings), counted."""
    found: Counter[str] = Counter()
    quote = ""  # the open string's delimiter, if any; multi-line ones span lines
    for line in text.split("\n"):
        position = 0
        while position < len(line):
            char = line[position]
            if quote:
                if char == "\\" and quote in ('"', '"""'):
                    position += 2
                    continue
                if line.startswith(quote, position):
                    position += len(quote)
                    quote = ""
                    continue
            elif char in "\"'":
                quote = char * 3 if line.startswith(char * 3, position) else char
                position += len(quote)
                continue
            elif char == "#":
                found[line[position:].strip()] += 1
                break
            position += 1
        if quote in ('"', "'"):
            quote = ""  # single-line strings end with their line
    return found


def _apply(container: Any, old: dict[str, Any], new: dict[str, Any]) -> int:
    """Apply the differences between `old` and `new` to a tomlkit container in place,
    descending into tables and extending arrays, so untouched lines stay put.
    Returns how many keys were removed (their comments may go with them)."""
    removed = [key for key in old if key not in new]
    for key in removed:
        del container[key]
    count = len(removed)
    for key, value in new.items():
        if key not in old:
            container[key] = _toml_item(value, None)
            continue
        if same_value(old[key], value):
            continue
        item = container.item(key) if isinstance(container, Container) else container[key]
        table = isinstance(item, Table | InlineTable)
        if table and isinstance(old[key], dict) and isinstance(value, dict) and value:
            count += _apply(item, old[key], value)
            continue
        if isinstance(item, Array) and isinstance(old[key], list) and isinstance(value, list):
            previous = old[key]
            if len(value) >= len(previous) and same_value(value[: len(previous)], previous):
                for extra in value[len(previous) :]:
                    item.append(_toml_item(extra, None))
                continue
        container[key] = _toml_item(value, item)
    return count


class TomlCodec:
    """Front matter in TOML, edited by tomlkit with every untouched line kept."""

    def load(self, text: str, first_line: int = 1) -> dict[str, Any]:
        try:
            document = tomlkit.parse(to_lf(text))
        except ParseError as error:
            message = str(error).split(" at line ")[0]
            raise FrontMatterSyntaxError(
                message[:1].upper() + message[1:] + ".",
                error.line + first_line - 1,
                error.col + 1,  # tomlkit counts columns from 0
            ) from error
        except TOMLKitError as error:
            raise FrontMatterSyntaxError(str(error)) from error
        return {str(key): plain(value) for key, value in document.unwrap().items()}

    def edit(self, text: str, front_matter: FrontMatter) -> str:
        if not front_matter.is_modified():
            return text
        document = tomlkit.parse(to_lf(text))
        removed = _apply(document, front_matter.loaded(), front_matter.to_dict())
        edited = keep_unchanged_lines(text, tomlkit.dumps(document))
        if not removed and comments(text) - comments(edited):
            # tomlkit restructures dotted keys (`params.a = 1`) and drops their comments.
            raise FrontMatterWriteError(
                "postedit cannot make this change in the TOML front matter without losing "
                "its comments; edit the front matter as text instead."
            )
        return edited

    def rewrite(self, text: str, front_matter: FrontMatter) -> str:
        raise FrontMatterWriteError(
            "postedit could not place this change in the TOML front matter without "
            "rewriting it (and losing its comments); edit it as text instead."
        )

    def create(self, values: dict[str, Any], newline: str) -> str:
        document = tomlkit.document()
        for key, value in values.items():
            document[key] = _toml_item(value, None)
        return tomlkit.dumps(document).replace("\n", newline)
