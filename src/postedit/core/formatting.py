"""The editor's formatting commands (bold, heading, list, link…) as pure text edits.

Each command takes the whole lines the selection touches and the selection inside
them, and returns the replacement lines with the selection to show afterwards, so
the editor applies it as one undoable step. Kept free of Qt so every command is
tested on plain strings. Positions are Python string indices; the editor converts
Qt's UTF-16 positions with `index_from_utf16` / `utf16_from_index`.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import NamedTuple


class Edited(NamedTuple):
    """The lines after a command and the selection (start, end) within them."""

    text: str
    start: int
    end: int


class LineStyle(StrEnum):
    BULLET = "bullet"
    NUMBERED = "numbered"
    QUOTE = "quote"


def utf16_from_index(text: str, index: int) -> int:
    """Qt's position (UTF-16 code units) of the Python index `index` in `text`."""
    return index + sum(1 for char in text[:index] if ord(char) > 0xFFFF)


def index_from_utf16(text: str, position: int) -> int:
    """The Python index in `text` of Qt's UTF-16 position `position`."""
    units = 0
    for index, char in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def toggle_inline(text: str, start: int, end: int, marker: str, placeholder: str) -> Edited:
    """Wrap the selection in `marker` (e.g. `**`), or unwrap it when already wrapped.

    With nothing selected, inserts marker + placeholder + marker with the
    placeholder selected, so the writer can type over it.
    """
    size = len(marker)
    selected = text[start:end]
    if len(selected) >= 2 * size and selected.startswith(marker) and selected.endswith(marker):
        inner = selected[size:-size]
        return Edited(text[:start] + inner + text[end:], start, start + len(inner))
    if text[max(0, start - size) : start] == marker and text[end : end + size] == marker:
        inner_start = start - size
        new_text = text[:inner_start] + selected + text[end + size :]
        return Edited(new_text, inner_start, inner_start + len(selected))
    if not selected:
        inserted = marker + placeholder + marker
        caret = start + size
        return Edited(text[:start] + inserted + text[end:], caret, caret + len(placeholder))
    # Markdown emphasis may not start or end with a space: keep spaces outside.
    stripped = selected.strip()
    lead = len(selected) - len(selected.lstrip())
    inner_start = start + lead
    wrapped = marker + stripped + marker
    new_text = text[:inner_start] + wrapped + text[inner_start + len(stripped) :]
    return Edited(new_text, inner_start + size, inner_start + size + len(stripped))


_HEADING_PREFIX = re.compile(r"^(#{1,6})[ \t]+")
_LIST_PREFIX = re.compile(r"^([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+")
_QUOTE_PREFIX = re.compile(r"^>[ \t]?")


def _whole(lines: list[str]) -> Edited:
    """The changed lines, all selected, so a second click undoes the command."""
    text = "\n".join(lines)
    return Edited(text, 0, len(text))


def cycle_heading(text: str) -> Edited:
    """Plain line -> `## `, `## ` -> `### `, `###`+ -> plain: the heading button's cycle."""
    lines = text.split("\n")
    first = _HEADING_PREFIX.match(lines[0])
    level = len(first.group(1)) if first else 0
    new_level = {0: 2, 1: 2, 2: 3}.get(level, 0)
    changed = []
    for line in lines:
        match = _HEADING_PREFIX.match(line)
        content = line[match.end() :] if match else line
        changed.append(("#" * new_level + " " + content) if new_level else content)
    if len(changed) == 1:
        return Edited(changed[0], len(changed[0]), len(changed[0]))
    return _whole(changed)


def toggle_lines(text: str, style: LineStyle) -> Edited:
    """Make each line a list item or quote, or undo it when all lines already are."""
    lines = text.split("\n")
    filled = [line for line in lines if line.strip()]
    if style is LineStyle.QUOTE:
        if filled and all(_QUOTE_PREFIX.match(line) for line in filled):
            changed = [_QUOTE_PREFIX.sub("", line, count=1) for line in lines]
        else:
            changed = [("> " + line) if line.strip() else ">" for line in lines]
        return _whole(changed)
    wanted = "-" if style is LineStyle.BULLET else "1."

    def has_style(line: str) -> bool:
        match = _LIST_PREFIX.match(line)
        return bool(match) and (line.lstrip()[0] in "-*+") == (style is LineStyle.BULLET)

    if filled and all(has_style(line) for line in filled):
        changed = [_LIST_PREFIX.sub(r"\1", line, count=1) for line in lines]
        return _whole(changed)
    changed = []
    number = 0
    for line in lines:
        if not line.strip():
            changed.append(line)
            continue
        number += 1
        match = _LIST_PREFIX.match(line)
        indent = match.group(1) if match else line[: len(line) - len(line.lstrip())]
        content = line[match.end() :] if match else line.lstrip()
        marker = wanted if style is LineStyle.BULLET else f"{number}."
        changed.append(f"{indent}{marker} {content}")
    return _whole(changed)


def insert_link(text: str, start: int, end: int, *, image: bool = False) -> Edited:
    """`[selection](url)` (or `![…](…)`) with the address selected to type over."""
    selected = text[start:end]
    looks_like_url = re.fullmatch(r"(?:https?://|www\.|/)\S*", selected.strip()) is not None
    label = "" if looks_like_url else selected or ("description" if image else "link text")
    url = selected.strip() if looks_like_url else ("image.jpg" if image else "https://")
    inserted = f"{'!' if image else ''}[{label}]({url})"
    new_text = text[:start] + inserted + text[end:]
    if looks_like_url:
        label_start = start + (2 if image else 1)
        return Edited(new_text, label_start, label_start)
    url_start = start + len(inserted) - 1 - len(url)
    return Edited(new_text, url_start, url_start + len(url))


def insert_code(text: str, start: int, end: int) -> Edited:
    """Inline code for part of a line; a fenced block for whole or several lines."""
    selected = text[start:end]
    if "\n" not in selected and (selected or text.strip()):
        return toggle_inline(text, start, end, "`", "code")
    body = selected or "code"
    before = "" if start == 0 or text[start - 1] == "\n" else "\n"
    after = "" if end == len(text) or text[end] == "\n" else "\n"
    block = f"{before}```\n{body}\n```{after}"
    new_text = text[:start] + block + text[end:]
    body_start = start + len(before) + 4
    return Edited(new_text, body_start, body_start + len(body))


def insert_snippet(text: str, start: int, end: int, snippet: str) -> Edited:
    """Put `snippet` (e.g. a shortcode) in place of the selection.

    A paired snippet's inner placeholder (between `>}}` and `{{< /`) is replaced by
    the selection and selected, so wrapping a paragraph in a callout just works;
    the line breaks around it stay.
    """
    selected = text[start:end]
    match = re.search(r"([>%]\}\})(.*?)(\{\{[<%]\s*/)", snippet, flags=re.S)
    if match is None:
        new_text = text[:start] + snippet + text[end:]
        caret = start + len(snippet)
        return Edited(new_text, caret, caret)
    placeholder = match.group(2)
    core = placeholder.strip()
    inner_at = match.start(2) + (placeholder.find(core) if core else len(placeholder))
    inner = selected or core
    inserted = snippet[:inner_at] + inner + snippet[inner_at + len(core) :]
    new_text = text[:start] + inserted + text[end:]
    return Edited(new_text, start + inner_at, start + inner_at + len(inner))


_CONTINUED = re.compile(
    r"^([ \t]*(?:>[ \t]?)*)(?:([-*+])|(\d{1,9})([.)]))([ \t]+)(\[[ xX]\][ \t]+)?"
)
_QUOTED = re.compile(r"^([ \t]*(?:>[ \t]?)+)")


def continuation(line_before_cursor: str) -> tuple[str, bool] | None:
    """What Enter should start the next line with inside a list or quote.

    Returns (prefix for the new line, False), or ("", True) when the current item is
    empty and Enter should end the list instead; None outside lists and quotes.
    """
    match = _CONTINUED.match(line_before_cursor)
    if match:
        quote, bullet, number, delimiter, space, task = match.groups()
        if not line_before_cursor[match.end() :].strip():
            return "", True
        marker = bullet if bullet else f"{int(number) + 1}{delimiter}"
        return f"{quote}{marker}{space}{'[ ] ' if task else ''}", False
    quoted = _QUOTED.match(line_before_cursor)
    if quoted and line_before_cursor[quoted.end() :].strip():
        return quoted.group(1), False
    return None
