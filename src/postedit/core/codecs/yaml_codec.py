"""YAML front matter, edited by splicing: only the changed values' text is rewritten.

ruamel.yaml (round-trip) reads the values; its event stream tells us where each
top-level key and value sits, to the character. An edit replaces exactly the
value's characters with a new rendering in the style the old one had (quote
character, flow or block list, indentation, date spelling), so comments, key
order, untouched values and YAML 1.1 lookalikes (`01234`, `no`, `10:00`) stay as
written. Shapes we cannot splice (nested maps, a type change to a collection) are
rewritten for that one key only, still leaving every other line alone.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    ScalarEvent,
    SequenceStartEvent,
)

from postedit.core.codecs.base import FrontMatterSyntaxError
from postedit.core.dates import format_date_like, parse_date
from postedit.core.textio import dominant_newline
from postedit.core.values import FrontMatter, plain
from postedit.core.yaml_messages import yaml_problem_message

_BOOL_WORDS = {"true", "false"}


def _round_trip_yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    return yaml


EntryKind = Literal["scalar", "empty", "alias", "flow_seq", "block_seq", "map"]


@dataclass
class _Entry:
    """Where one top-level `key: value` pair sits in the text (character indices)."""

    key: str
    key_start: int
    colon_end: int
    value_start: int
    value_end: int
    kind: EntryKind
    style: str | None = None  # scalar style: None (plain), "'", '"', "|", ">"
    token: str = ""  # a scalar's source text
    item_styles: list[str | None] = field(default_factory=list)
    item_spans: list[tuple[int, int]] = field(default_factory=list)
    scalar_items: bool = True  # a list whose items are all scalars


@dataclass
class _Layout:
    entries: dict[str, _Entry]
    flow_top: bool


def _value_end(text: str, start: int, end: int, style: str | None) -> int:
    """Trim the trailing line breaks that block scalars' end marks include."""
    if style in ("|", ">"):
        while end > start and text[end - 1] in "\r\n ":
            end -= 1
    return end


def _layout(text: str) -> _Layout:
    """Locate every top-level key and value by walking ruamel's parse events."""
    events = list(_round_trip_yaml().parse(text))
    entries: dict[str, _Entry] = {}
    depth = 0
    flow_top = False
    pending_key: ScalarEvent | None = None
    current: _Entry | None = None
    for event in events:
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth == 1:
                flow_top = bool(getattr(event, "flow_style", False))
                continue
            if depth == 2 and pending_key is not None:
                current = _start_entry(text, pending_key, event)
                pending_key = None
            elif depth == 3 and current is not None:
                current.scalar_items = False  # a collection inside the value
            continue
        if isinstance(event, CollectionEndEvent):
            if depth == 2 and current is not None:
                if current.kind == "flow_seq" or (
                    current.kind == "map" and getattr(event, "flow_style", None)
                ):
                    current.value_end = event.end_mark.index
                entries[current.key] = current
                current = None
            depth -= 1
            continue
        if isinstance(event, AliasEvent) and depth == 1 and pending_key is not None:
            entry = _start_entry(text, pending_key, event)
            entries[entry.key] = entry
            pending_key = None
            continue
        if not isinstance(event, ScalarEvent):
            continue
        if depth == 1:
            if pending_key is None:
                pending_key = event
            else:
                entry = _start_entry(text, pending_key, event)
                entries[entry.key] = entry
                pending_key = None
        elif current is not None:
            end = _value_end(text, event.start_mark.index, event.end_mark.index, event.style)
            current.value_end = max(current.value_end, end)
            if depth == 2:
                current.item_styles.append(event.style)
                current.item_spans.append((event.start_mark.index, end))
    return _Layout(entries, flow_top)


def _colon_end(text: str, key_end: int) -> int:
    pos = key_end
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos + 1 if pos < len(text) and text[pos] == ":" else key_end


def _start_entry(text: str, key: ScalarEvent, value: Any) -> _Entry:
    """The entry for `key` whose value begins with the event `value`."""
    name = str(key.value)
    key_start = key.start_mark.index
    colon_end = _colon_end(text, key.end_mark.index)
    start = value.start_mark.index
    if isinstance(value, ScalarEvent | AliasEvent):
        style = value.style if isinstance(value, ScalarEvent) else None
        end = _value_end(text, start, value.end_mark.index, style)
        if isinstance(value, ScalarEvent) and (end == start or (value.value == "" and not style)):
            return _Entry(name, key_start, colon_end, colon_end, colon_end, "empty")
        kind: EntryKind = "scalar" if isinstance(value, ScalarEvent) else "alias"
        return _Entry(name, key_start, colon_end, start, end, kind, style, text[start:end])
    if isinstance(value, SequenceStartEvent):
        kind = "flow_seq" if value.flow_style else "block_seq"
    else:
        kind = "map"
    return _Entry(name, key_start, colon_end, start, start, kind)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _is_safe_plain(value: str) -> bool:
    """Whether `value` can be written unquoted and read back as the same string,
    by YAML 1.2 (ruamel, Hugo) and by YAML 1.1 readers (`no`, `10:00`, `01234`)."""
    if not value or value != value.strip() or "\n" in value or "\t" in value:
        return False
    if value[0] in "!&*-?:,[]{}#|>@`'\"%" or ": " in value or " #" in value:
        return False
    if value.endswith(":"):
        return False
    try:
        loaded_12 = _round_trip_yaml().load(f"k: {value}\n")
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


def _double_quoted(value: str) -> str:
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


def _quote_string(value: str, style: str | None) -> str:
    """Render a string in `style` when it can hold it, else the nearest safe style."""
    if style is None and _is_safe_plain(value):
        return value
    if style == "'" and not any(ord(c) < 0x20 or c in "\x7f\x85\u2028\u2029" for c in value):
        return "'" + value.replace("'", "''") + "'"
    return _double_quoted(value)


def _block_scalar(value: str, style: str, indent: str, newline: str) -> str | None:
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


def _render_scalar(value: Any, style: str | None, token: str) -> str:
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
        return f"{style}{rendered}{style}" if quoted and parse_date(inner) else rendered
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, str):
        return _quote_string(value, style if style in (None, "'", '"') else '"')
    raise TypeError(f"not a scalar: {value!r}")


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool | date)


@dataclass(frozen=True)
class _FileStyle:
    """How a file writes values, sniffed from its entries, for values we add."""

    quote: str | None
    flow_lists: bool
    list_indent: str
    date_token: str | None


def _sniff_style(text: str, layout: _Layout) -> _FileStyle:
    scalar_styles = [
        e.style for e in layout.entries.values() if e.kind == "scalar" and e.style != "|"
    ]
    quoted = sum(1 for s in scalar_styles if s == '"')
    single = sum(1 for s in scalar_styles if s == "'")
    quote = (
        '"'
        if quoted * 2 > len(scalar_styles)
        else ("'" if single * 2 > len(scalar_styles) else None)
    )
    flow = sum(1 for e in layout.entries.values() if e.kind == "flow_seq")
    block = [e for e in layout.entries.values() if e.kind == "block_seq"]
    indent = "  "
    if block:
        first = block[0].value_start
        indent = text[_line_start(text, first) : first]
    date_entry = layout.entries.get("date")
    date_token = date_entry.token if date_entry and date_entry.kind == "scalar" else None
    return _FileStyle(quote, flow >= len(block) if (flow or block) else True, indent, date_token)


class YamlCodec:
    """Front matter between `---` lines, edited without rewriting what did not change."""

    def load(self, text: str, first_line: int = 1) -> dict[str, Any]:
        """Parse with ruamel (YAML 1.2, round-trip) and return plain values."""
        try:
            data = _round_trip_yaml().load(text)
        except DuplicateKeyError as error:
            message = _duplicate_message(error, first_line)
            raise _syntax_error(error, message, first_line) from error
        except MarkedYAMLError as error:
            raise _syntax_error(error, _yaml_message(error), first_line) from error
        except YAMLError as error:
            raise FrontMatterSyntaxError(str(error)) from error
        if data is None:
            return {}
        if not isinstance(data, dict):
            kind = "a list" if isinstance(data, list) else "a single value"
            raise FrontMatterSyntaxError(
                f"The front matter is {kind}, but Hugo needs “name: value” lines.", first_line, 1
            )
        return {str(key): plain(value) for key, value in data.items()}

    def edit(self, text: str, front_matter: FrontMatter) -> str:
        """Splice changed, added and removed keys into `text`."""
        if not front_matter.is_modified():
            return text
        layout = _layout(text)
        touched = front_matter.changed_keys() + front_matter.removed_keys()
        if layout.flow_top or any(key not in layout.entries for key in touched):
            # `{title: x}` on one line, or keys we could not place: rewrite it all.
            return self._rewrite_whole(text, front_matter)
        newline = dominant_newline(text)
        replacements: list[tuple[int, int, str]] = []
        for key in front_matter.changed_keys():
            entry = layout.entries[key]
            replacements.append(self._replace_value(text, entry, front_matter[key], newline))
        for key in front_matter.removed_keys():
            entry = layout.entries[key]
            start = _line_start(text, entry.key_start)
            end = _line_end(text, max(entry.value_end, entry.colon_end))
            replacements.append((start, end, ""))
        for start, end, new in sorted(replacements, reverse=True):
            text = text[:start] + new + text[end:]
        added = front_matter.added_keys()
        if added:
            style = _sniff_style(text, _layout(text) if replacements else layout)
            lines = [self._render_entry(key, front_matter[key], style, newline) for key in added]
            if text and not text.endswith("\n"):
                text += newline
            text += "".join(line + newline for line in lines)
        return text

    def create(self, values: dict[str, Any], newline: str) -> str:
        """Fresh YAML for a post without front matter: double-quoted strings, flow lists."""
        style = _FileStyle('"', True, "  ", None)
        return "".join(
            self._render_entry(key, value, style, newline) + newline
            for key, value in values.items()
        )

    def _replace_value(
        self, text: str, entry: _Entry, value: Any, newline: str
    ) -> tuple[int, int, str]:
        indent = " " * (entry.key_start - _line_start(text, entry.key_start))
        if _is_scalar(value) and entry.kind in ("scalar", "empty"):
            if isinstance(value, str) and entry.style in ("|", ">"):
                content_indent = self._block_indent(text, entry) or indent + "  "
                block = _block_scalar(value, entry.style, content_indent, newline)
                if block is not None:
                    return entry.value_start, entry.value_end, block
            if isinstance(value, str) and "\n" in value and entry.style not in ("'", '"'):
                block = _block_scalar(value, "|", indent + "  ", newline)
                if block is not None:
                    return entry.colon_end, entry.value_end, " " + block
            rendered = _render_scalar(value, entry.style, entry.token)
            if entry.kind == "empty":
                return entry.colon_end, entry.colon_end, " " + rendered
            return entry.value_start, entry.value_end, rendered
        if value is None:
            return entry.colon_end, entry.value_end, ""
        if (
            isinstance(value, list)
            and all(_is_scalar(item) and not isinstance(item, date) for item in value)
            and entry.scalar_items
        ):
            item_style = next(iter(entry.item_styles), None)
            if entry.kind == "flow_seq":
                return entry.value_start, entry.value_end, self._flow_list(text, entry, value)
            if entry.kind == "block_seq" and value:
                dash_indent = text[_line_start(text, entry.value_start) : entry.value_start]
                items = [f"- {_render_item(item, item_style)}" for item in value]
                return entry.value_start, entry.value_end, (newline + dash_indent).join(items)
            if entry.kind in ("scalar", "empty", "block_seq"):
                flow = ", ".join(_render_item(item, '"') for item in value)
                return entry.colon_end, entry.value_end, f" [{flow}]"
        start = _line_start(text, entry.key_start)
        rendered = self._dump_entry(entry.key, value, indent, newline)
        end = max(entry.value_end, entry.colon_end)
        return start, end, rendered.rstrip("\r\n")

    def _block_indent(self, text: str, entry: _Entry) -> str | None:
        first_content = _line_end(text, entry.value_start)
        match = re.match(r"[ ]+", text[first_content:])
        return match.group(0) if match else None

    def _flow_list(self, text: str, entry: _Entry, value: list[Any]) -> str:
        token = text[entry.value_start : entry.value_end]
        inner_pad = " " if token.startswith("[ ") else ""
        separator = ", "
        if len(entry.item_spans) >= 2:
            separator = text[entry.item_spans[0][1] : entry.item_spans[1][0]]
            if "\n" in separator:
                separator = ", "
        item_style = next(iter(entry.item_styles), None)
        if not entry.item_styles and '"' in token:
            item_style = '"'
        items = separator.join(_render_item(item, item_style) for item in value)
        return f"[{inner_pad}{items}{inner_pad}]" if items else "[]"

    def _render_entry(self, key: str, value: Any, style: _FileStyle, newline: str) -> str:
        key_text = key if _is_safe_plain(key) else _double_quoted(key)
        if _is_scalar(value):
            if isinstance(value, date):
                return f"{key_text}: {format_date_like(value, style.date_token)}"
            if isinstance(value, str) and "\n" in value:
                block = _block_scalar(value, "|", "  ", newline)
                if block is not None:
                    return f"{key_text}: {block}"
            return f"{key_text}: {_render_scalar(value, style.quote, '')}"
        if isinstance(value, list) and all(
            _is_scalar(item) and not isinstance(item, date) for item in value
        ):
            if style.flow_lists or not value:
                items = ", ".join(_render_item(item, style.quote) for item in value)
                return f"{key_text}: [{items}]"
            lines = [f"{style.list_indent}- {_render_item(item, style.quote)}" for item in value]
            return f"{key_text}:{newline}" + newline.join(lines)
        return self._dump_entry(key, value, "", newline).rstrip("\r\n")

    def _dump_entry(self, key: str, value: Any, indent: str, newline: str) -> str:
        yaml = _round_trip_yaml()
        yaml.indent(mapping=2, sequence=4, offset=2)
        stream = io.StringIO()
        yaml.dump({key: value}, stream)
        lines = stream.getvalue().splitlines()
        return newline.join(indent + line for line in lines)

    def _rewrite_whole(self, text: str, front_matter: FrontMatter) -> str:
        yaml = _round_trip_yaml()
        data = yaml.load(text)
        for key in front_matter.removed_keys():
            del data[key]
        for key in front_matter.changed_keys() + front_matter.added_keys():
            data[key] = front_matter[key]
        stream = io.StringIO()
        yaml.dump(data, stream)
        newline = dominant_newline(text)
        return stream.getvalue().replace("\n", newline)


def _render_item(value: Any, style: str | None) -> str:
    if isinstance(value, str):
        rendered = _quote_string(value, style if style in (None, "'", '"') else '"')
        if style is None and any(char in value for char in ",[]{}"):  # flow indicators
            rendered = _double_quoted(value)
        return rendered
    return _render_scalar(value, None, "")


def _syntax_error(error: MarkedYAMLError, message: str, first_line: int) -> FrontMatterSyntaxError:
    """Position the error where the writer can fix it.

    When the parser only notices a problem at the end of the text (an unclosed
    quote or bracket), the place that opened the construct is the useful one.
    """
    mark = error.problem_mark
    at_end = any(word in str(error.problem) for word in ("stream end", "end of stream"))
    if mark is None or (error.context_mark is not None and at_end):
        mark = error.context_mark or mark
    if mark is None:
        return FrontMatterSyntaxError(message, first_line, 1)
    return FrontMatterSyntaxError(message, mark.line + first_line, mark.column + 1)


def _yaml_message(error: MarkedYAMLError) -> str:
    return yaml_problem_message(error.context, error.problem)


def _duplicate_message(error: DuplicateKeyError, first_line: int) -> str:
    match = re.search(r'found duplicate key "(.*?)"', str(error))
    key = match.group(1) if match else "a key"
    first = error.context_mark.line + first_line if error.context_mark else None
    second = error.problem_mark.line + first_line if error.problem_mark else None
    where = f" (lines {first} and {second})" if first and second else ""
    return f"The field “{key}” appears twice{where}. Hugo refuses such a post; remove one of them."
