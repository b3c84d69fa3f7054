"""YAML front matter, edited by splicing: only the changed values' text is rewritten.

ruamel.yaml (round-trip) reads the values; `yaml_layout` says where each key and
value sits, to the character. An edit replaces exactly a value's characters with
a new rendering in the style the old one had (`yaml_render`), descending into
nested maps so that changing `params.color` rewrites one line, and into block
lists so that adding a tag adds one line. Comments, key order, anchors, untouched
values and YAML 1.1 lookalikes (`01234`, `no`, `10:00`) stay as written. Shapes we
cannot splice (a list of maps, a type change to a collection) are rewritten for
that one key only.
"""

from __future__ import annotations

import difflib
import io
import json
import re
from typing import Any

from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from postedit.core.codecs.base import FrontMatterSyntaxError
from postedit.core.codecs.yaml_layout import Entry, Node, layout, line_end, line_start
from postedit.core.codecs.yaml_render import (
    NEW_FILE_STYLE,
    FileStyle,
    block_items,
    block_scalar,
    dump_entry,
    dump_item,
    is_scalar,
    quoted_where_needed,
    render_entry,
    render_item,
    render_scalar,
    round_trip_yaml,
    sniff_style,
)
from postedit.core.textio import dominant_newline
from postedit.core.values import FrontMatter, plain, same_value
from postedit.core.yaml_messages import yaml_problem_message

Replacement = tuple[int, int, str]


def _scalar_list(value: Any) -> bool:
    return isinstance(value, list) and all(is_scalar(item) for item in value)


class _Splicer:
    """Collects non-overlapping replacements of spans of the original text."""

    def __init__(self, text: str, newline: str, style: FileStyle) -> None:
        self.text = text
        self.newline = newline
        self.style = style
        self.replacements: list[Replacement] = []

    def apply(self) -> str:
        text = self.text
        for start, end, new in sorted(self.replacements, key=lambda r: (r[0], r[1]), reverse=True):
            text = text[:start] + new + text[end:]
        return text

    def _indent_of(self, index: int) -> str:
        return self.text[line_start(self.text, index) : index]

    def _lines(self, start: int, end: int, lines: list[str]) -> Replacement:
        """Whole lines replacing `text[start:end]`, which begins and ends at line
        starts; at the end of a text without a final newline, none is added."""
        inserted = "".join(line + self.newline for line in lines)
        if lines and 0 < end == len(self.text) and not self.text.endswith("\n"):
            inserted = self.newline + inserted[: -len(self.newline)]
        return start, end, inserted

    def edit_mapping(
        self, entries: dict[str, Entry], old: dict[str, Any], new: dict[str, Any], insert_at: int
    ) -> None:
        """Splice the differences between `old` and `new` into a block mapping.

        Keys added are inserted at `insert_at`, the start of a line.
        """
        for key, old_value in old.items():
            if key not in new:
                entry = entries[key]
                start = line_start(self.text, entry.key_start)
                self.replacements.append((start, line_end(self.text, entry.end), ""))
            elif not same_value(old_value, new[key]):
                self.edit_entry(entries[key], old_value, new[key])
        added = [key for key in new if key not in old]
        if not added:
            return
        indent = self._indent_of(next(iter(entries.values())).key_start) if entries else ""
        lines = []
        for key in added:
            rendered = render_entry(key, new[key], self.style, self.newline)
            lines += [indent + line for line in rendered.split(self.newline)]
        self.replacements.append(self._lines(insert_at, insert_at, lines))

    def edit_entry(self, entry: Entry, old: Any, new: Any) -> None:
        """Replace one entry's value; descend where the old text can be kept in part."""
        if not self.edit_in_part(entry.value, old, new):
            self.replacements.append(self.replace_value(entry, new))

    def edit_in_part(self, node: Node, old: Any, new: Any) -> bool:
        """Splice `new` into `node`'s text, keeping the parts that did not change.

        Returns False, having recorded nothing, when the value must be replaced whole.
        """
        mark = len(self.replacements)
        if self._edit_in_part(node, old, new):
            return True
        del self.replacements[mark:]
        return False

    def _edit_in_part(self, node: Node, old: Any, new: Any) -> bool:
        if isinstance(old, dict) and isinstance(new, dict) and new:
            # The layout's keys equal the loaded ones unless merge keys (`<<`) are in play.
            if not node.spliceable or node.entries.keys() != old.keys():
                return False
            if node.kind == "flow_map" and new.keys() == old.keys():
                # `{a: 1, b: 2}`: values change in place; keys coming or going would
                # need the map rewritten.
                self.edit_mapping(node.entries, old, new, node.end)
                return True
            if node.kind != "block_map":
                return False
            self.edit_mapping(node.entries, old, new, line_end(self.text, node.end))
            return True
        if not (isinstance(old, list) and isinstance(new, list) and old and new):
            return False
        if node.kind not in ("block_seq", "flow_seq") or len(node.items) != len(old):
            return False
        if node.kind == "block_seq" and _scalar_list(old) and _scalar_list(new):
            self.edit_block_list(node, old, new)
            return True
        if len(new) < len(old) or (len(new) > len(old) and not same_value(new[: len(old)], old)):
            return False  # items removed or moved: not item by item
        style = node.item_style
        for item, old_item, new_item in zip(node.items, old, new, strict=False):
            if same_value(old_item, new_item):
                continue
            if is_scalar(new_item) and is_scalar(old_item) and item.kind == "scalar":
                rendered = render_item(new_item, item.style)
                self.replacements.append((item.start, item.end, rendered))
            elif not self.edit_in_part(item, old_item, new_item):
                return False
        extra = new[len(old) :]
        if extra:
            self.append_items(node, extra, style)
        return True

    def append_items(self, node: Node, extra: list[Any], style: str | None) -> None:
        """Add items after a list's last one, in the list's own layout."""
        text, last = self.text, node.items[-1]
        if node.kind == "flow_seq":
            separator = ", "
            if len(node.items) >= 2:
                separator = text[node.items[-2].end : last.start]
            inserted = "".join(separator + render_item(item, style) for item in extra)
            self.replacements.append((last.end, last.end, inserted))
            return
        dash_indent = self._indent_of(node.start)
        lines: list[str] = []
        for item in extra:
            if is_scalar(item):
                lines += block_items([item], dash_indent, style)
            else:
                lines += [
                    dash_indent + line for line in dump_item(item, self.newline).split(self.newline)
                ]
        at = line_end(text, last.end)
        self.replacements.append(self._lines(at, at, lines))

    def edit_block_list(self, node: Node, old: list[Any], new: list[Any]) -> None:
        """Change a block list item by item, so comments between items stay."""
        style = node.item_style
        dash_indent = self._indent_of(node.start)
        keys = [json.dumps(item, default=str, sort_keys=True) for item in old]
        new_keys = [json.dumps(item, default=str, sort_keys=True) for item in new]
        matcher = difflib.SequenceMatcher(None, keys, new_keys, autojunk=False)
        text = self.text
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            if i1 < i2:  # replace or delete the old items' lines
                start = line_start(text, node.items[i1].start)
                end = line_end(text, node.items[i2 - 1].end)
            elif i1 > 0:  # insert after the previous item's line
                start = end = line_end(text, node.items[i1 - 1].end)
            else:  # insert before the first item
                start = end = line_start(text, node.items[0].start)
            self.replacements.append(
                self._lines(start, end, block_items(new[j1:j2], dash_indent, style))
            )

    def replace_value(self, entry: Entry, value: Any) -> Replacement:
        """A replacement for the whole value of `entry`, in the old value's style."""
        text, node, newline = self.text, entry.value, self.newline
        indent = " " * (entry.key_start - line_start(text, entry.key_start))
        if is_scalar(value) and node.kind in ("scalar", "empty"):
            if isinstance(value, str) and node.style in ("|", ">"):
                content = line_end(text, node.start)
                match = re.match(r"[ ]+", text[content:])
                content_indent = match.group(0) if match else indent + "  "
                block = block_scalar(value, node.style, content_indent, newline)
                if block is not None:
                    return node.start, node.end, block
            if isinstance(value, str) and "\n" in value and node.style not in ("'", '"'):
                block = block_scalar(value, "|", indent + "  ", newline)
                if block is not None:
                    return entry.colon_end, node.end, " " + block
            rendered = render_scalar(value, node.style, node.token)
            if node.kind == "empty":
                return entry.colon_end, entry.colon_end, " " + rendered
            return node.start, node.end, rendered
        if value is None:
            return entry.colon_end, entry.end, ""
        if _scalar_list(value):
            if node.kind == "flow_seq":
                return node.start, node.end, self._flow_list(node, value)
            if node.kind == "block_seq" and value:
                dash_indent = self._indent_of(node.start)  # the first line has it already
                items = block_items(value, dash_indent, node.item_style)
                return node.start, node.end, newline.join(items)[len(dash_indent) :]
            if node.kind in ("scalar", "empty", "block_seq"):  # a list where none was
                quote = self.style.quote
                if self.style.flow_lists or not value:
                    flow = ", ".join(render_item(item, quote) for item in value)
                    return entry.colon_end, entry.end, f" [{flow}]"
                lines = block_items(value, indent + self.style.list_indent, quote)
                return entry.colon_end, entry.end, "".join(newline + line for line in lines)
        if value == {}:
            return entry.colon_end, entry.end, " {}"
        start = line_start(text, entry.key_start)
        return start, entry.end, dump_entry(entry.key, value, indent, newline)

    def _flow_list(self, node: Node, value: list[Any]) -> str:
        token = self.text[node.start : node.end]
        inner_pad = " " if token.startswith("[ ") else ""
        separator = ", "
        if len(node.items) >= 2:
            separator = self.text[node.items[0].end : node.items[1].start]
            if "\n" in separator or not separator.strip().startswith(","):
                separator = ", "
        style = node.item_style
        if not node.items and '"' in token:
            style = '"'
        items = separator.join(render_item(item, style) for item in value)
        return f"[{inner_pad}{items}{inner_pad}]" if items else "[]"


class YamlCodec:
    """Front matter between `---` lines, edited without rewriting what did not change."""

    def load(self, text: str, first_line: int = 1) -> dict[str, Any]:
        """Parse with ruamel (YAML 1.2, round-trip) and return plain values."""
        try:
            data = round_trip_yaml().load(text)
        except DuplicateKeyError as error:
            message = _duplicate_message(error, first_line)
            raise _syntax_error(error, message, first_line) from error
        except MarkedYAMLError as error:
            raise _syntax_error(error, _yaml_message(error), first_line) from error
        except ReaderError as error:
            line = text.count("\n", 0, error.position) + first_line
            column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
            raise FrontMatterSyntaxError(
                f"The front matter holds a control character (code {error.character:#x}) "
                "that YAML does not allow; delete it.",
                line,
                column,
            ) from error
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
        root = layout(text)
        if root is not None and (root.kind != "block_map" or not root.spliceable):
            # `{title: x}` on one line, or keys we cannot place: let ruamel rewrite it.
            return self.rewrite(text, front_matter)
        entries = root.entries if root is not None else {}
        newline = dominant_newline(text)
        splicer = _Splicer(text, newline, sniff_style(text, entries))
        loaded, current = front_matter.loaded(), front_matter.to_dict()
        splicer.edit_mapping(entries, loaded, current, _content_end(text))
        return splicer.apply()

    def create(self, values: dict[str, Any], newline: str) -> str:
        """Fresh YAML for a post without front matter: double-quoted strings, flow lists."""
        lines = [render_entry(key, value, NEW_FILE_STYLE, newline) for key, value in values.items()]
        return "".join(line + newline for line in lines)

    def rewrite(self, text: str, front_matter: FrontMatter) -> str:
        """Apply the edits through ruamel.yaml's own round trip (keeps comments and
        anchors, may respace); the fallback when splicing cannot place an edit."""
        yaml = round_trip_yaml()
        data = yaml.load(text)
        if data is None:
            data = {}
        for key in front_matter.removed_keys():
            del data[key]
        for key in front_matter.changed_keys() + front_matter.added_keys():
            data[key] = quoted_where_needed(front_matter[key])
        stream = io.StringIO()
        yaml.dump(data, stream)
        return stream.getvalue().replace("\n", dominant_newline(text))


def _content_end(text: str) -> int:
    """Where new top-level keys go: the end of the text, or before a `...` end marker."""
    marker = re.search(r"^\.\.\.[ \t]*\r?$", text, re.MULTILINE)
    return marker.start() if marker else len(text)


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
