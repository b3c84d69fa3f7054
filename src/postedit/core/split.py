"""Find where a post's front matter begins and ends, to the character.

python-frontmatter's handlers tell us which format a post starts with (YAML `---`,
TOML `+++`, JSON `{`); its own split trims whitespace around the parts, so we find
the exact boundaries ourselves, following Hugo's page lexer: whitespace may come
before the opening delimiter, YAML and TOML close at the first line that starts
with the delimiter, JSON closes at the brace that balances the first one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

import frontmatter
from frontmatter.default_handlers import BaseHandler, JSONHandler, YAMLHandler


class _TomlDetector(BaseHandler):
    """python-frontmatter only defines its TOML handler when the old `toml` package
    is installed; detection needs nothing but the `+++` boundary, so we give it that."""

    FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)


_HANDLERS = (YAMLHandler(), _TomlDetector(), JSONHandler())


class FrontMatterFormat(StrEnum):
    """The three front-matter formats Hugo reads."""

    YAML = "yaml"
    TOML = "toml"
    JSON = "json"

    @property
    def delimiter(self) -> str | None:
        """The line that opens and closes this format's front matter (JSON has none)."""
        return {"yaml": "---", "toml": "+++"}.get(self.value)


@dataclass(frozen=True)
class SplitPost:
    """A post's text cut into parts that join back to exactly the original text.

    `lead + opening + front_matter + closing + body == text` always holds. For YAML
    and TOML, `opening` and `closing` are the delimiter lines with their line ends;
    for JSON they are empty and `front_matter` is the whole object (braces included)
    plus the line end after it.
    """

    format: FrontMatterFormat | None
    lead: str
    opening: str
    front_matter: str
    closing: str
    body: str
    error: str | None = None
    error_line: int = 0

    @property
    def text(self) -> str:
        """The whole text the post was split from."""
        return self.head + self.body

    @property
    def head(self) -> str:
        """Everything before the body."""
        return self.lead + self.opening + self.front_matter + self.closing

    @property
    def front_matter_first_line(self) -> int:
        """1-based file line on which `front_matter` starts (for error messages)."""
        return (self.lead + self.opening).count("\n") + 1


def _line_end(text: str, pos: int) -> int:
    """Index just past the line end at or after `pos` (or len(text))."""
    newline = text.find("\n", pos)
    return len(text) if newline < 0 else newline + 1


def _detect(text: str) -> FrontMatterFormat | None:
    handler = frontmatter.detect_format(text, _HANDLERS)
    if isinstance(handler, YAMLHandler):
        return FrontMatterFormat.YAML
    if isinstance(handler, _TomlDetector):
        return FrontMatterFormat.TOML
    if isinstance(handler, JSONHandler) or text.startswith("{"):
        # python-frontmatter wants `{` alone on its line; Hugo accepts `{"title": …`.
        return FrontMatterFormat.JSON
    if text.startswith(("---", "+++")):
        # `--- x`: Hugo starts front matter too (and then fails); `split_post` says so.
        return FrontMatterFormat.YAML if text[0] == "-" else FrontMatterFormat.TOML
    return None


def _close_json(text: str, start: int) -> int | None:
    """Index just past the `}` that balances the `{` at `start`, as Hugo finds it."""
    level, in_quote, pos = 0, False, start
    while pos < len(text):
        char = text[pos]
        if char == "\\":
            pos += 2
            continue
        if char == '"':
            in_quote = not in_quote
        elif not in_quote and char == "{":
            level += 1
        elif not in_quote and char == "}":
            level -= 1
            if level == 0:
                return pos + 1
        pos += 1
    return None


def _past_line_end(text: str, pos: int) -> int:
    """`pos`, moved past a line end that starts right there (as Hugo's consumeCRLF)."""
    for line_end in ("\r\n", "\n"):
        if text.startswith(line_end, pos):
            return pos + len(line_end)
    return pos


def _unreadable(fmt: FrontMatterFormat, lead: str, rest: str, message: str) -> SplitPost:
    """A post whose front matter Hugo cannot find the end of: all of it is body."""
    return SplitPost(fmt, lead, "", "", "", rest, error=message, error_line=lead.count("\n") + 1)


def split_post(text: str) -> SplitPost:
    """Split decoded post text into lead, delimiters, front matter and body."""
    stripped = text.lstrip(" \t\r\n")
    lead = text[: len(text) - len(stripped)]
    fmt = _detect(stripped)
    if fmt is None:
        return SplitPost(None, "", "", "", "", text)
    start = len(lead)
    if fmt is FrontMatterFormat.JSON:
        end = _close_json(text, start)
        if end is None:
            message = "The JSON front matter never closes: a `}` is missing."
            return _unreadable(fmt, lead, text[start:], message)
        end = _past_line_end(text, end)
        return SplitPost(fmt, lead, "", text[start:end], "", text[end:])
    delimiter = fmt.delimiter
    assert delimiter is not None  # JSON was handled above
    opening_end = _line_end(text, start)
    if text[start + len(delimiter) : opening_end].strip(" \t\r\n"):
        first_line = text[start:opening_end].rstrip("\r\n")
        message = (
            f"The first line “{first_line}” has more than “{delimiter}” on it; Hugo "
            f"cannot read front matter that starts this way. Put “{delimiter}” alone "
            "on the first line."
        )
        return _unreadable(fmt, lead, text[start:], message)
    pos = opening_end
    while pos < len(text):
        if text.startswith(delimiter, pos):
            # Like Hugo, the closing delimiter is its three characters and a line end
            # right after them; anything else on that line belongs to the body.
            closing_end = _past_line_end(text, pos + len(delimiter))
            return SplitPost(
                fmt,
                lead,
                text[start:opening_end],
                text[opening_end:pos],
                text[pos:closing_end],
                text[closing_end:],
            )
        pos = _line_end(text, pos)
    message = (
        f"The post starts with “{delimiter}”, which Hugo reads as the start of "
        f"front matter, but no closing “{delimiter}” line follows. Add the closing "
        "line, or if you meant a horizontal rule, use “***” instead."
    )
    return _unreadable(fmt, lead, text[start:], message)
