"""TOML front matter (between `+++` lines), edited with tomlkit.

tomlkit is a style-preserving TOML library: changing an item keeps its key, its
spacing and its trailing comment. It works on LF text; `keep_unchanged_lines`
puts every untouched line back with its original bytes and line end.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import tomlkit
from tomlkit.exceptions import ParseError, TOMLKitError
from tomlkit.items import Item, String, StringType

from postedit.core.codecs.base import FrontMatterSyntaxError, keep_unchanged_lines
from postedit.core.dates import format_date_like, parse_date
from postedit.core.textio import to_lf
from postedit.core.values import FrontMatter, plain


def _toml_item(value: Any, old: object | None) -> Any:
    """A tomlkit item for `value` that keeps the old item's string or date style."""
    if isinstance(value, str) and isinstance(old, String):
        literal = old.type in (StringType.SLL, StringType.MLL)
        multiline = old.type in (StringType.MLB, StringType.MLL) or "\n" in value
        if literal and ("'" in value or any(ord(c) < 0x20 and c != "\t" for c in value)):
            literal = False
        return tomlkit.string(value, literal=literal, multiline=multiline)
    if isinstance(value, date) and isinstance(old, String) and parse_date(str(old)):
        # A date the file spelled as a string stays a string.
        return tomlkit.string(format_date_like(value, str(old)))
    if isinstance(value, date) and isinstance(old, Item) and isinstance(old.unwrap(), date):
        return tomlkit.item(tomlkit.parse(f"v = {format_date_like(value, old.as_string())}")["v"])
    if isinstance(value, datetime | date):
        return tomlkit.item(value)
    return value


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
                error.col,
            ) from error
        except TOMLKitError as error:
            raise FrontMatterSyntaxError(str(error)) from error
        return {str(key): plain(value) for key, value in document.unwrap().items()}

    def edit(self, text: str, front_matter: FrontMatter) -> str:
        if not front_matter.is_modified():
            return text
        document = tomlkit.parse(to_lf(text))
        for key in front_matter.removed_keys():
            del document[key]
        for key in front_matter.changed_keys():
            old = document.item(key)
            document[key] = _toml_item(front_matter[key], old)
        for key in front_matter.added_keys():
            document[key] = _toml_item(front_matter[key], None)
        return keep_unchanged_lines(text, tomlkit.dumps(document))

    def create(self, values: dict[str, Any], newline: str) -> str:
        document = tomlkit.document()
        for key, value in values.items():
            document[key] = _toml_item(value, None)
        return tomlkit.dumps(document).replace("\n", newline)
