"""Hugo's shortcode syntax, read the way Hugo's page lexer reads it.

A post body becomes a flat list of `Text` and `Shortcode` nodes (shortcodes hold their
inner nodes) plus `Broken` nodes for tags Hugo would refuse. Whether a tag takes inner
content is not in the syntax: Hugo decides by whether the shortcode's template uses
`.Inner`, so the caller passes `takes_inner(name)` (None for an unknown name).

Everything keeps its byte offsets into the body, so callers can map output back to
source lines and show problems where they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Hugo's `ValTyped`: unquoted values that look like these become bool, int or float.
_BOOL = re.compile(r"(true|false)\Z")
_INT = re.compile(r"[-+]?\d+\Z")
_FLOAT = re.compile(r"[-+]?\d*\.\d+\Z")
_SPACE = " \t\r\n"

Params = list[Any] | dict[str, Any] | None


class ShortcodeSyntaxError(ValueError):
    """A tag Hugo's lexer rejects; the message says why in Hugo's words."""


@dataclass
class Text:
    """Source text copied through (or, for escaped shortcodes, the text Hugo shows)."""

    text: str
    start: int
    end: int


@dataclass
class Shortcode:
    """One shortcode call, with its inner nodes when it is paired."""

    name: str
    params: Params
    markdown: bool  # `{{% %}}`: output (top level) or inner (nested) goes through Markdown
    start: int
    end: int
    ordinal: int
    indentation: str = ""
    inner: list[Text | Shortcode | Broken] = field(default_factory=list)
    closed: bool = False  # a closing tag or `/>}}` was given
    inline: bool = False  # `{{< name.inline >}}`: Hugo's inline shortcodes


@dataclass
class Broken:
    """A tag that cannot be rendered: shown in place with the reason."""

    name: str
    reason: str
    start: int
    end: int
    ordinal: int


Node = Text | Shortcode | Broken


def typed_value(raw: str, quoted: bool) -> Any:
    """A parameter value typed as Hugo types it: quoted values stay strings."""
    if quoted:
        return raw
    if _BOOL.match(raw):
        return raw == "true"
    if _INT.match(raw):
        return int(raw)
    if _FLOAT.match(raw):
        return float(raw)
    return raw


def _is_name_char(char: str) -> bool:
    return char == "_" or char == "-" or char.isalnum()


@dataclass
class _Tag:
    """One `{{< ... >}}` tag as lexed."""

    start: int
    end: int
    markdown: bool
    name: str
    params: Params
    closing: bool  # `{{< /name >}}`
    self_closing: bool  # `{{< name />}}`
    inline: bool


class _Lexer:
    """Reads one tag at a time; errors become ShortcodeSyntaxError."""

    def __init__(self, text: str) -> None:
        self.text = text

    def tag(self, start: int) -> _Tag:
        text = self.text
        markdown = text.startswith("{{%", start)
        close = "%}}" if markdown else ">}}"
        pos = start + 3
        name = ""
        inline = False
        closing = self_closing = False
        positional: list[Any] = []
        named: dict[str, Any] = {}
        while True:
            while pos < len(text) and text[pos] in _SPACE:
                pos += 1
            if pos >= len(text):
                raise ShortcodeSyntaxError("unclosed shortcode action")
            if text.startswith(close, pos):
                if not name:
                    raise ShortcodeSyntaxError("shortcode has no name")
                pos += 3
                break
            char = text[pos]
            if char == "/":
                if name:
                    self_closing = True
                else:
                    closing = True
                pos += 1
                continue
            if not name:
                if not (char == "_" or char.isalnum()):
                    raise ShortcodeSyntaxError(
                        f"unrecognized character in shortcode action: {char!r}"
                    )
                end = pos
                while end < len(text) and (_is_name_char(text[end]) or text[end] == "/"):
                    end += 1
                if text.startswith(".inline", end):
                    inline = True
                    end += len(".inline")
                elif end < len(text) and text[end] == ".":
                    raise ShortcodeSyntaxError(
                        "period in shortcode name only allowed for inline identifiers"
                    )
                name = text[pos:end]
                pos = end
                continue
            if closing or self_closing:
                raise ShortcodeSyntaxError("unclosed shortcode")
            pos = self._param(pos, close, positional, named)
        params: Params = None
        if named:
            params = named
        elif positional:
            params = positional
        return _Tag(start, pos, markdown, name, params, closing, self_closing, inline)

    def _quoted(self, pos: int) -> tuple[str, int]:
        """A `"..."` value starting at pos; `\\"` escapes a quote (then `\\` all drop)."""
        text = self.text
        end = pos + 1
        escaped = False
        while True:
            if end >= len(text) or text[end] == "\n":
                raise ShortcodeSyntaxError(
                    "unterminated quoted string in shortcode parameter-argument"
                )
            if text[end] == "\\" and end + 1 < len(text) and text[end + 1] == '"':
                escaped = True
                end += 2
                continue
            if text[end] == '"':
                break
            end += 1
        value = text[pos + 1 : end]
        return (value.replace("\\", "") if escaped else value), end + 1

    def _raw(self, pos: int) -> tuple[str, int]:
        end = self.text.find("`", pos + 1)
        if end < 0:
            raise ShortcodeSyntaxError("unterminated raw string in shortcode parameter-argument")
        return self.text[pos + 1 : end], end + 1

    def _param(self, pos: int, close: str, positional: list[Any], named: dict[str, Any]) -> int:
        text = self.text
        char = text[pos]
        if char == "\\" and pos + 1 < len(text) and text[pos + 1] == '"':
            pos += 1
            char = '"'
        if char in '"`':
            value, pos = self._quoted(pos) if char == '"' else self._raw(pos)
            if named:
                raise ShortcodeSyntaxError(
                    "got quoted positional parameter. Cannot mix named and positional parameters"
                )
            positional.append(value)
            return pos
        end = pos
        while end < len(text) and (_is_name_char(text[end]) or text[end] == "."):
            end += 1
        if end == pos:
            raise ShortcodeSyntaxError(
                f"unrecognized character in shortcode action: {char!r}. "
                "Note: Parameters with non-alphanumeric args must be quoted"
            )
        word = text[pos:end]
        after = end
        while after < len(text) and text[after] in " \t":
            after += 1
        if after < len(text) and text[after] == "=":
            if positional:
                raise ShortcodeSyntaxError(
                    f"got named parameter '{word}'. Cannot mix named and positional parameters"
                )
            pos = after + 1
            while pos < len(text) and text[pos] in _SPACE:
                pos += 1
            if pos < len(text) and text[pos] == "\\" and text.startswith('"', pos + 1):
                pos += 1
            if pos < len(text) and text[pos] == '"':
                value, pos = self._quoted(pos)
                named[word] = value
            elif pos < len(text) and text[pos] == "`":
                value, pos = self._raw(pos)
                named[word] = value
            else:
                value_end = pos
                while value_end < len(text) and not text[value_end].isspace():
                    if text.startswith(close, value_end):
                        break
                    value_end += 1
                named[word] = typed_value(text[pos:value_end], quoted=False)
                pos = value_end
            return pos
        if named:
            raise ShortcodeSyntaxError(
                f"got positional parameter '{word}'. Cannot mix named and positional parameters"
            )
        positional.append(typed_value(word, quoted=False))
        return end


_TAG_START = re.compile(r"\{\{[<%]")


class _Parser:
    def __init__(self, text: str, takes_inner: Callable[[str], bool | None]) -> None:
        self.text = text
        self.lexer = _Lexer(text)
        self.takes_inner = takes_inner

    def _tag_end(self, start: int) -> int:
        """Where a tag that failed to lex ends: after its closing delimiter if any."""
        close = "%}}" if self.text.startswith("{{%", start) else ">}}"
        end = self.text.find(close, start + 3)
        next_tag = _TAG_START.search(self.text, start + 3)
        if end < 0 or (next_tag is not None and next_tag.start() < end):
            return start + 3
        return end + 3

    def _indentation(self, start: int) -> str:
        line_start = self.text.rfind("\n", 0, start) + 1
        before = self.text[line_start:start]
        return before if before and before.strip(" \t") == "" else ""

    def nodes(
        self, pos: int, stop: str | None, counter: list[int]
    ) -> tuple[list[Node], int, _Tag | None]:
        """Nodes from pos up to the closing tag of `stop` (or the end of the text)."""
        text = self.text
        nodes: list[Node] = []
        while True:
            found = _TAG_START.search(text, pos)
            if found is None:
                if pos < len(text):
                    nodes.append(Text(text[pos:], pos, len(text)))
                return nodes, len(text), None
            start = found.start()
            if start > pos:
                nodes.append(Text(text[pos:start], pos, start))
            markdown = text[start + 2] == "%"
            close = "%}}" if markdown else ">}}"
            if text.startswith("/*", start + 3):
                end = text.find("*/" + close, start + 5)
                if end < 0:
                    broken_end = self._tag_end(start)
                    nodes.append(
                        Broken("", "comment must be closed", start, broken_end, counter[0])
                    )
                    counter[0] += 1
                    pos = broken_end
                    continue
                shown = text[start : start + 3] + text[start + 5 : end] + close
                nodes.append(Text(shown, start, end + 5))
                pos = end + 5
                continue
            try:
                tag = self.lexer.tag(start)
            except ShortcodeSyntaxError as error:
                end = self._tag_end(start)
                nodes.append(Broken(_guess_name(text, start), str(error), start, end, counter[0]))
                counter[0] += 1
                pos = end
                continue
            if tag.closing:
                if stop is not None and tag.name == stop:
                    return nodes, tag.end, tag
                if stop is not None:
                    reason = f"closing tag for shortcode '{tag.name}' does not match start tag"
                elif self.takes_inner(tag.name) is False:
                    reason = (
                        f'shortcode "{tag.name}" does not evaluate .Inner or .InnerDeindent, '
                        "yet a closing tag was provided"
                    )
                else:
                    reason = f"closing tag for shortcode '{tag.name}' without an opening tag"
                nodes.append(Broken(tag.name, reason, tag.start, tag.end, counter[0]))
                counter[0] += 1
                pos = tag.end
                continue
            node, pos = self._shortcode(tag, counter)
            nodes.append(node)

    def _shortcode(self, tag: _Tag, counter: list[int]) -> tuple[Node, int]:
        ordinal = counter[0]
        counter[0] += 1
        shortcode = Shortcode(
            name=tag.name,
            params=tag.params,
            markdown=tag.markdown,
            start=tag.start,
            end=tag.end,
            ordinal=ordinal,
            indentation=self._indentation(tag.start),
            inline=tag.inline,
        )
        inner = True if tag.inline else self.takes_inner(tag.name)
        if inner is None:
            # Unknown: swallow a matching closing tag so the whole call is one problem.
            closer = re.compile(r"\{\{[<%]\s*/\s*" + re.escape(tag.name) + r"\s*[>%]\}\}")
            match = None if tag.self_closing else closer.search(self.text, tag.end)
            end = match.end() if match else tag.end
            return Broken(tag.name, "unknown shortcode", tag.start, end, ordinal), end
        if tag.self_closing:
            if not inner:
                reason = (
                    f'shortcode "{tag.name}" does not evaluate .Inner or .InnerDeindent, '
                    "yet a closing tag was provided"
                )
                return Broken(tag.name, reason, tag.start, tag.end, ordinal), tag.end
            shortcode.closed = True
            return shortcode, tag.end
        if not inner:
            return shortcode, tag.end
        children, end, closer_tag = self.nodes(tag.end, tag.name, [0])
        if closer_tag is None:
            reason = f'shortcode "{tag.name}" must be closed or self-closed'
            return Broken(tag.name, reason, tag.start, tag.end, ordinal), tag.end
        shortcode.inner = children
        shortcode.closed = True
        shortcode.end = end
        return shortcode, end


def _guess_name(text: str, start: int) -> str:
    match = re.compile(r"\s*/?\s*([\w/-]+)").match(text, start + 3)
    return match.group(1) if match else ""


def parse(text: str, takes_inner: Callable[[str], bool | None]) -> list[Node]:
    """The body as Text, Shortcode and Broken nodes, in order.

    `takes_inner(name)` says whether the named shortcode's template uses `.Inner`
    (True: the call runs to its closing tag), does not (False), or that no template
    has that name (None).
    """
    parser = _Parser(text, takes_inner)
    nodes, _, _ = parser.nodes(0, None, [0])
    return nodes


def has_shortcode(text: str) -> bool:
    """Whether the text could hold a shortcode at all (Hugo's fast path)."""
    return _TAG_START.search(text) is not None
