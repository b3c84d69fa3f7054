"""JSON front matter, edited by splicing new values into the original text.

Python's json module gives no positions, but `JSONDecoder.raw_decode` parses one
value at a given index and says where it ends; scanning the top-level object with
it yields the exact span of every key and value. Edits replace those spans only,
so key order, indentation and spacing stay as the writer's tool wrote them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from postedit.core.codecs.base import FrontMatterSyntaxError
from postedit.core.dates import format_date_like
from postedit.core.textio import dominant_newline
from postedit.core.values import FrontMatter, plain

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


def _indent_unit(text: str, members: list[_Member]) -> tuple[str, str]:
    """The indentation of top-level members and one level deeper."""
    if not members:
        return "  ", "    "
    start = members[0].start
    indent = text[text.rfind("\n", 0, start) + 1 : start]
    if indent.strip():
        indent = ""
    return indent, indent * 2 if indent else "  "


def _dump(value: Any, original: str | None, indent: str, newline: str) -> str:
    if isinstance(value, date):
        old = json.loads(original) if original and original.startswith('"') else None
        return json.dumps(format_date_like(value, old if isinstance(old, str) else None))
    multiline = original is not None and "\n" in original
    if isinstance(value, list | dict) and multiline and value:
        step = _step_of(original or "") or "  "
        dumped = json.dumps(value, ensure_ascii=False, indent=step, default=str)
        return dumped.replace("\n", newline + indent)
    return json.dumps(value, ensure_ascii=False, default=str)


def _step_of(original: str) -> str | None:
    match = re.search(r"\n([ \t]+)\S", original)
    if not match:
        return None
    closing = re.search(r"\n([ \t]*)[\]}]\s*$", original)
    base = len(closing.group(1)) if closing else 0
    return match.group(1)[base:] or None


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
        if not front_matter.is_modified():
            return text
        members, closing = _scan(text)
        by_key = {member.key: member for member in members}
        newline = dominant_newline(text)
        indent, _ = _indent_unit(text, members)
        replacements: list[tuple[int, int, str]] = []
        for key in front_matter.changed_keys():
            member = by_key[key]
            original = text[member.value_start : member.value_end]
            new = _dump(front_matter[key], original, indent, newline)
            replacements.append((member.value_start, member.value_end, new))
        removed = set(front_matter.removed_keys())
        for index, member in enumerate(members):
            if member.key not in removed:
                continue
            if index + 1 < len(members):
                start, end = member.start, members[index + 1].start
            elif index > 0:
                start, end = members[index - 1].value_end, member.value_end
            else:
                start, end = member.start, member.value_end
            replacements.append((start, end, ""))
        added = front_matter.added_keys()
        if added:
            multiline = "\n" in text[: members[0].start] if members else "\n" in text
            lead = newline + indent if multiline else " "
            pieces = [
                f"{json.dumps(key, ensure_ascii=False)}: "
                f"{_dump(front_matter[key], None, indent, newline)}"
                for key in added
            ]
            remaining = [m for m in members if m.key not in removed]
            anchor = remaining[-1].value_end if remaining else text.index("{") + 1
            joined = ("," + lead).join(pieces)
            prefix = "," + lead if remaining else lead
            suffix = "" if remaining or not multiline else newline
            replacements.append((anchor, anchor, prefix + joined + suffix))
        del closing
        for start, end, new in sorted(replacements, key=lambda r: (r[0], r[1]), reverse=True):
            text = text[:start] + new + text[end:]
        return text

    def create(self, values: dict[str, Any], newline: str) -> str:
        dumped = json.dumps(values, ensure_ascii=False, indent=2, default=str)
        return dumped.replace("\n", newline) + newline
