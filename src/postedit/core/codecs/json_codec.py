"""JSON front matter, edited by splicing new values into the original text.

Python's json module gives no positions, but `JSONDecoder.raw_decode` parses one
value at a given index and says where it ends; scanning the top-level object with
it yields the exact span of every key and value. Edits replace those spans only,
so key order, indentation and spacing stay as the writer's tool wrote them.
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from postedit.core.codecs.base import FrontMatterSyntaxError
from postedit.core.dates import format_date_like
from postedit.core.textio import dominant_newline
from postedit.core.values import FrontMatter, plain, same_value

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\r\n]*")


@dataclass(frozen=True)
class _Member:
    key: str
    start: int  # first character of the key's opening quote
    value_start: int
    value_end: int


def _skip(text: str, pos: int) -> int:
    match = _SPACE.match(text, pos)
    return match.end() if match else pos


def _position(text: str, index: int, first_line: int = 1) -> tuple[int, int]:
    line = text.count("\n", 0, index) + first_line
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def _fail(text: str, index: int, message: str, first_line: int = 1) -> FrontMatterSyntaxError:
    line, column = _position(text, index, first_line)
    return FrontMatterSyntaxError(message, line, column)


def _scan(text: str) -> tuple[list[_Member], int]:
    """The members of the top-level object and the index of its closing brace."""
    pos = _skip(text, 0)
    if not text.startswith("{", pos):
        raise _fail(text, pos, "The JSON front matter must be an object starting with “{”.")
    pos = _skip(text, pos + 1)
    members: list[_Member] = []
    if text.startswith("}", pos):
        return members, pos
    while True:
        if not text.startswith('"', pos):
            raise _fail(text, pos, "Expected a field name in double quotes.")
        try:
            key, key_end = _DECODER.raw_decode(text, pos)
        except json.JSONDecodeError as error:
            raise _fail(text, error.pos, f"{error.msg}.") from error
        colon = _skip(text, key_end)
        if not text.startswith(":", colon):
            raise _fail(text, colon, "Expected “:” after the field name.")
        value_start = _skip(text, colon + 1)
        try:
            _, value_end = _DECODER.raw_decode(text, value_start)
        except json.JSONDecodeError as error:
            raise _fail(text, error.pos, f"{error.msg}.") from error
        members.append(_Member(key, pos, value_start, value_end))
        pos = _skip(text, value_end)
        if text.startswith(",", pos):
            pos = _skip(text, pos + 1)
            continue
        if text.startswith("}", pos):
            return members, pos
        raise _fail(text, pos, "Expected “,” or “}” after a value.")


def _member_indent(text: str, members: list[_Member]) -> str:
    """The indentation of an object's members ("" when they share a line)."""
    if not members:
        return "  "
    start = members[0].start
    indent = text[text.rfind("\n", 0, start) + 1 : start]
    return "" if indent.strip() else indent


def _dump(value: Any, original: str | None, indent: str, newline: str) -> str:
    if isinstance(value, date):
        old = json.loads(original) if original and original.startswith('"') else None
        return json.dumps(format_date_like(value, old if isinstance(old, str) else None))
    multiline = original is not None and "\n" in original
    if isinstance(value, list | dict) and multiline and value:
        step = _step_of(original or "") or "  "
        dumped = json.dumps(
            value, ensure_ascii=False, indent=step, allow_nan=False, default=_json_default
        )
        return dumped.replace("\n", newline + indent)
    return json.dumps(value, ensure_ascii=False, allow_nan=False, default=_json_default)


def _step_of(original: str) -> str | None:
    match = re.search(r"\n([ \t]+)\S", original)
    if not match:
        return None
    closing = re.search(r"\n([ \t]*)[\]}]\s*$", original)
    base = len(closing.group(1)) if closing else 0
    return match.group(1)[base:] or None


def _json_default(value: Any) -> Any:
    """Dates inside lists and maps become RFC 3339 strings, as Hugo reads them."""
    if isinstance(value, date):
        return format_date_like(value, None)
    raise TypeError(f"JSON cannot hold {type(value).__name__} values")


def _edit_object(text: str, old: dict[str, Any], new: dict[str, Any], newline: str) -> str:
    """`text` (one JSON object, maybe with whitespace around it) changed from `old`
    to `new`: changed values are replaced in place (nested objects recursively);
    only when keys come or go is the member list rebuilt, from the original members
    and separators, so every kept member keeps its bytes."""
    members, closing = _scan(text)
    indent = _member_indent(text, members)

    def member_text(member: _Member) -> str:
        key = member.key
        original = text[member.value_start : member.value_end]
        if key not in new or same_value(old[key], new[key]):
            return text[member.start : member.value_end]
        if isinstance(old[key], dict) and isinstance(new[key], dict) and original.startswith("{"):
            value = _edit_object(original, old[key], new[key], newline)
        else:
            value = _dump(new[key], original, indent, newline)
        return text[member.start : member.value_start] + value

    removed = {key for key in old if key not in new}
    added = [key for key in new if key not in old]
    if not removed and not added:
        for member in reversed(members):
            text = text[: member.start] + member_text(member) + text[member.value_end :]
        return text
    opening = text.index("{")
    separators = [text[a.value_end : b.start] for a, b in itertools.pairwise(members)]
    if members:
        lead = text[opening + 1 : members[0].start]
        trail = text[members[-1].value_end : closing]
    else:
        multiline = "\n" in text[opening:closing]
        lead = newline + "  " if multiline else ""
        trail = newline if multiline else ""
        indent = "  " if multiline else ""
    default = separators[0] if separators else ("," + lead if "\n" in lead else ", ")
    pieces: list[tuple[str, str]] = [
        (member_text(member), separators[index] if index < len(separators) else default)
        for index, member in enumerate(members)
        if member.key not in removed
    ]
    for key in added:
        dumped = _dump(new[key], None, indent, newline)
        pieces.append((f"{json.dumps(key, ensure_ascii=False)}: {dumped}", default))
    if not pieces:
        return text[: opening + 1] + text[closing:]
    inner = "".join(piece + separator for piece, separator in pieces[:-1]) + pieces[-1][0]
    return text[: opening + 1] + lead + inner + trail + text[closing:]


class JsonCodec:
    """Front matter as a JSON object at the top of the post."""

    def load(self, text: str, first_line: int = 1) -> dict[str, Any]:
        try:
            members, _ = _scan(text)
        except FrontMatterSyntaxError as error:
            error.line += first_line - 1
            raise
        seen: dict[str, int] = {}
        for member in members:
            if member.key in seen:
                line, _col = _position(text, member.start, first_line)
                raise _fail(
                    text,
                    member.start,
                    f"The field “{member.key}” appears twice (lines {seen[member.key]} and "
                    f"{line}). Hugo refuses such a post; remove one of them.",
                    first_line,
                )
            seen[member.key] = _position(text, member.start, first_line)[0]
        return {m.key: plain(json.loads(text[m.value_start : m.value_end])) for m in members}

    def edit(self, text: str, front_matter: FrontMatter) -> str:
        """Splice the changed values into `text`, down to nested objects."""
        if not front_matter.is_modified():
            return text
        newline = dominant_newline(text)
        return _edit_object(text, front_matter.loaded(), front_matter.to_dict(), newline)

    def rewrite(self, text: str, front_matter: FrontMatter) -> str:
        """JSON holds no comments, so writing the object anew loses only spacing."""
        indent = _member_indent(text, _scan(text)[0])
        dumped = json.dumps(
            front_matter.to_dict(), ensure_ascii=False, indent=indent or None, allow_nan=False,
            default=_json_default,
        )  # fmt: skip
        newline = dominant_newline(text)
        tail = text[text.rindex("}") + 1 :]
        return dumped.replace("\n", newline) + tail

    def create(self, values: dict[str, Any], newline: str) -> str:
        dumped = json.dumps(
            values, ensure_ascii=False, indent=2, allow_nan=False, default=_json_default
        )
        return dumped.replace("\n", newline) + newline
