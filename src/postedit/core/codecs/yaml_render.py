"""Render YAML values in the style the file already uses.

A changed value keeps its old token's style where that style can hold the new
value: plain stays plain unless YAML 1.2 or 1.1 would read it as something else
(`no`, `10:00`, `01234`), single quotes stay single, double stay double, literal
blocks stay literal, booleans keep their capitalisation, dates their spelling.
Values added to a file follow the style most of its values use.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from datetime import date
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from postedit.core.codecs.yaml_layout import Entry, line_start
from postedit.core.dates import as_date, format_date_like
from postedit.core.values import plain

_BOOL_WORDS = {"true", "false"}


def round_trip_yaml() -> YAML:
    """ruamel.yaml set up to read and write without reformatting."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    return yaml


def is_safe_plain(value: str) -> bool:
    """Whether `value` can be written unquoted and read back as the same string,
    by YAML 1.2 (ruamel, Hugo) and by YAML 1.1 readers (`no`, `10:00`, `01234`)."""
    if not value or value != value.strip() or "\n" in value or "\t" in value:
        return False
    if value[0] in "!&*-?:,[]{}#|>@`'\"%" or ": " in value or " #" in value:
        return False
    if value.endswith(":"):
        return False
    try:
        loaded_12 = round_trip_yaml().load(f"k: {value}\n")
        loaded_11 = pyyaml.safe_load(f"k: {value}\n")
    except (YAMLError, pyyaml.YAMLError):
        return False
    return bool(
        isinstance(loaded_12, dict)
        and plain(loaded_12.get("k")) == value
        and type(plain(loaded_12.get("k"))) is str
        and isinstance(loaded_11, dict)
        and loaded_11.get("k") == value
    )


def double_quoted(value: str) -> str:
    """A double-quoted YAML string that reads back as exactly `value`."""
    escaped = []
    for char in value:
        if char == "\\":
            escaped.append("\\\\")
        elif char == '"':
            escaped.append('\\"')
        elif char == "\n":
            escaped.append("\\n")
        elif char == "\t":
            escaped.append("\\t")
        elif ord(char) < 0x20 or char in "\x7f\x85\u2028\u2029\ufeff":
            escaped.append(f"\\u{ord(char):04x}")
        else:
            escaped.append(char)
    return '"' + "".join(escaped) + '"'


def quote_string(value: str, style: str | None) -> str:
    """Render a string in `style` when it can hold it, else the nearest safe style."""
    if style is None and is_safe_plain(value):
        return value
    if style == "'" and not any(ord(c) < 0x20 or c in "\x7f\x85\u2028\u2029" for c in value):
        return "'" + value.replace("'", "''") + "'"
    return double_quoted(value)


def block_scalar(value: str, style: str, indent: str, newline: str) -> str | None:
    """A literal block (`|`, `|-`) for `value`, or None when a block cannot hold it
    exactly (leading spaces, blank first line, whitespace-only lines, trailing
    spaces, several trailing newlines): the caller then writes a quoted string."""
    content = value.rstrip("\n")
    trailing = len(value) - len(content)
    lines = content.split("\n")
    if not content or trailing > 1 or lines[0][:1] in (" ", "\t", ""):
        return None
    for line in lines:
        if line != line.rstrip(" \t") or any(ord(c) < 0x20 and c != "\t" for c in line):
            return None
        if line.startswith("\t") or any(c in line for c in "\x85\u2028\u2029\ufeff"):
            return None
    chomp = "" if trailing else "-"
    del style  # folding (`>`) would join our lines; a literal block keeps them exactly
    body = newline.join(indent + line if line else "" for line in lines)
    return f"|{chomp}{newline}{body}"


def render_scalar(value: Any, style: str | None, token: str) -> str:
    """Render a scalar as the old token would have been written."""
    if isinstance(value, bool):
        word = "true" if value else "false"
        stripped = token.strip()
        if stripped.lower() in _BOOL_WORDS:
            if stripped.isupper():
                return word.upper()
            if stripped[:1].isupper():
                return word.capitalize()
        return word
    if value is None:
        return token if token.strip().lower() in ("null", "~") else "null"
    if isinstance(value, date):
        quoted = style in ("'", '"')
        inner = token[1:-1] if quoted else token
        rendered = format_date_like(value, inner)
        # A date the file spelled as a quoted string stays a quoted string.
        return f"{style}{rendered}{style}" if quoted and as_date(inner) else rendered
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return quote_string(value, style if style in (None, "'", '"') else '"')
    raise TypeError(f"not a scalar: {value!r}")


def is_scalar(value: Any) -> bool:
    """Whether `value` is written as one YAML scalar."""
    return value is None or isinstance(value, str | int | float | bool | date)


def render_item(value: Any, style: str | None) -> str:
    """A list item; in flow lists plain text may not hold `,[]{}`."""
    if isinstance(value, str):
        rendered = quote_string(value, style if style in (None, "'", '"') else '"')
        if style is None and any(char in value for char in ",[]{}"):  # flow indicators
            rendered = double_quoted(value)
        return rendered
    return render_scalar(value, None, "")


@dataclass(frozen=True)
class FileStyle:
    """How a file writes values, sniffed from its entries, for values we add."""

    quote: str | None
    flow_lists: bool
    list_indent: str
    date_token: str | None


NEW_FILE_STYLE = FileStyle('"', True, "  ", None)


def sniff_style(text: str, entries: dict[str, Entry]) -> FileStyle:
    """The style most of a file's top-level values use."""
    values = [entry.value for entry in entries.values()]
    styles = [node.style for node in values if node.kind == "scalar" and node.style != "|"]
    quote: str | None = None
    if sum(style == '"' for style in styles) * 2 > len(styles):
        quote = '"'
    elif sum(style == "'" for style in styles) * 2 > len(styles):
        quote = "'"
    flow = sum(node.kind == "flow_seq" for node in values)
    block = [node for node in values if node.kind == "block_seq"]
    indent = "  "
    if block:
        indent = text[line_start(text, block[0].start) : block[0].start]
    date_entry = entries.get("date")
    date_token = (
        date_entry.value.token if date_entry and date_entry.value.kind == "scalar" else None
    )
    return FileStyle(quote, flow >= len(block), indent, date_token)


def block_items(items: list[Any], indent: str, style: str | None) -> list[str]:
    """The lines `- item` of a block list, each at `indent`."""
    return [f"{indent}- {render_item(item, style)}" for item in items]


def render_entry(key: str, value: Any, style: FileStyle, newline: str) -> str:
    """A new `key: value` (maybe several lines, no final newline) in the file's style."""
    key_text = key if is_safe_plain(key) else double_quoted(key)
    if is_scalar(value):
        if isinstance(value, date):
            return f"{key_text}: {format_date_like(value, style.date_token)}"
        if isinstance(value, str) and "\n" in value:
            block = block_scalar(value, "|", "  ", newline)
            if block is not None:
                return f"{key_text}: {block}"
        return f"{key_text}: {render_scalar(value, style.quote, '')}"
    if isinstance(value, list) and all(
        is_scalar(item) and not isinstance(item, date) for item in value
    ):
        if style.flow_lists or not value:
            items = ", ".join(render_item(item, style.quote) for item in value)
            return f"{key_text}: [{items}]"
        lines = block_items(value, style.list_indent, style.quote)
        return f"{key_text}:{newline}" + newline.join(lines)
    return dump_entry(key, value, "", newline)


def quoted_where_needed(value: Any) -> Any:
    """`value` with every string that plain YAML would misread wrapped in quotes.

    ruamel.yaml writes YAML 1.2, where `no`, `on` and `10:00` are plain strings;
    Hugo's YAML 1.1 heritage and other tools read them as booleans or numbers.
    """
    if isinstance(value, str):
        return value if is_safe_plain(value) else DoubleQuotedScalarString(value)
    if isinstance(value, dict):
        return {key: quoted_where_needed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [quoted_where_needed(item) for item in value]
    return value


def dump_entry(key: str, value: Any, indent: str, newline: str) -> str:
    """`key: value` written by ruamel.yaml (nested or mixed values), indented."""
    yaml = round_trip_yaml()
    yaml.indent(mapping=2, sequence=4, offset=2)
    stream = io.StringIO()
    yaml.dump({key: quoted_where_needed(value)}, stream)
    return newline.join(indent + line for line in stream.getvalue().splitlines())


def dump_item(value: Any, newline: str) -> str:
    """One list item (`- name: x` and its continuation lines) written by ruamel.yaml."""
    yaml = round_trip_yaml()
    yaml.indent(mapping=2, sequence=2, offset=0)
    stream = io.StringIO()
    yaml.dump([quoted_where_needed(value)], stream)
    return newline.join(stream.getvalue().splitlines())
