"""`{#id .class key=value}` attribute lists, parsed as Goldmark's `ParseAttributes` does.

Used for heading attributes (`markup.goldmark.parser.attribute.title`) and for Hugo's
block attributes (`attribute.block`): a `{...}` line under a block.
"""

from __future__ import annotations

import re

_SPACE = " \t"
_ID_OR_CLASS = re.compile(r"[^\s!\"#$%&'()*+,/;<=>?@\[\\\]^`{|}~]*")
_NAME = re.compile(r"[A-Za-z_:][A-Za-z0-9_:.\-]*")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?")
_BARE = re.compile(r"[^\s}]*")

Attributes = list[tuple[str, str]]


def parse_attributes(text: str, start: int = 0) -> tuple[Attributes, int] | None:
    """Parse `{...}` at `text[start]`; the attributes and the index after `}`, or None.

    Repeated classes are joined with a space, like Goldmark does.
    """
    if start >= len(text) or text[start] != "{":
        return None
    pos = start + 1
    attrs: Attributes = []
    while True:
        while pos < len(text) and text[pos] in _SPACE:
            pos += 1
        if pos >= len(text):
            return None
        if text[pos] == "}":
            return attrs, pos + 1
        parsed = _parse_one(text, pos)
        if parsed is None:
            return None
        (name, value), pos = parsed
        if name == "class":
            for index, (existing, old) in enumerate(attrs):
                if existing == "class":
                    attrs[index] = ("class", f"{old} {value}")
                    break
            else:
                attrs.append((name, value))
        else:
            attrs = [(n, v) for n, v in attrs if n != name]
            attrs.append((name, value))
        while pos < len(text) and text[pos] in _SPACE:
            pos += 1
        if pos < len(text) and text[pos] == ",":
            pos += 1


def _parse_one(text: str, pos: int) -> tuple[tuple[str, str], int] | None:
    char = text[pos]
    if char in "#.":
        match = _ID_OR_CLASS.match(text, pos + 1)
        assert match is not None  # the pattern matches the empty string
        name = "id" if char == "#" else "class"
        return (name, match.group()), match.end()
    name_match = _NAME.match(text, pos)
    if name_match is None:
        return None
    pos = name_match.end()
    while pos < len(text) and text[pos] in _SPACE:
        pos += 1
    if pos >= len(text) or text[pos] != "=":
        return None
    pos += 1
    while pos < len(text) and text[pos] in _SPACE:
        pos += 1
    value = _parse_value(text, pos)
    if value is None:
        return None
    return (name_match.group(), value[0]), value[1]


def _parse_value(text: str, pos: int) -> tuple[str, int] | None:
    if pos >= len(text):
        return None
    if text[pos] in "\"'":
        quote = text[pos]
        out: list[str] = []
        index = pos + 1
        while index < len(text):
            char = text[index]
            if char == "\\" and index + 1 < len(text):
                out.append(text[index + 1])
                index += 2
                continue
            if char == quote:
                return "".join(out), index + 1
            out.append(char)
            index += 1
        return None
    number = _NUMBER.match(text, pos)
    if number is not None and (number.end() >= len(text) or text[number.end()] in " \t},"):
        return number.group(), number.end()
    bare = _BARE.match(text, pos)
    if bare is None or not bare.group():
        return None
    return bare.group(), bare.end()


def split_trailing_attributes(line: str) -> tuple[str, Attributes] | None:
    """Split a heading's text from a trailing `{...}`, as Goldmark's heading parser does.

    Scans for an unescaped `{` whose attribute list parses and is followed only by
    blanks; returns (text before it, right-trimmed; attributes) or None.
    """
    index = 0
    while index < len(line):
        char = line[index]
        if char == "\\":
            index += 2 if index + 1 < len(line) and line[index + 1] == "{" else 1
            continue
        if char == "{":
            parsed = parse_attributes(line, index)
            if parsed is not None and not line[parsed[1] :].strip(" \t\n"):
                return line[:index].rstrip(" \t"), parsed[0]
        index += 1
    return None
