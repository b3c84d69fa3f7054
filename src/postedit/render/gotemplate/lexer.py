"""Splits template text into tokens the way Go's text/template/parse lexer does.

Text between actions becomes one TEXT token (already trimmed by `{{-` / `-}}`);
comments vanish; inside an action spaces are kept as SPACE tokens because they
decide whether `$x.A` is one chained operand or two arguments.
"""

from __future__ import annotations

import re
from enum import Enum, auto
from typing import NamedTuple

from .errors import TemplateError


class Kind(Enum):
    """What a token is."""

    TEXT = auto()
    LEFT = auto()
    RIGHT = auto()
    SPACE = auto()
    FIELD = auto()
    VARIABLE = auto()
    IDENT = auto()
    KEYWORD = auto()
    DOT = auto()
    STRING = auto()
    CHAR = auto()
    NUMBER = auto()
    BOOL = auto()
    NIL = auto()
    PIPE = auto()
    LPAREN = auto()
    RPAREN = auto()
    DECLARE = auto()
    ASSIGN = auto()
    COMMA = auto()
    EOF = auto()


class Token(NamedTuple):
    kind: Kind
    value: str
    line: int


KEYWORDS = frozenset(
    {"if", "else", "end", "range", "with", "define", "template", "block", "break", "continue"}
)
SPACE_CHARS = " \t\r\n"

_TOKEN = re.compile(
    r"""
    (?P<space>[ \t\r\n]+)
  | (?P<declare>:=)
  | (?P<assign>=)
  | (?P<pipe>\|)
  | (?P<lparen>\()
  | (?P<rparen>\))
  | (?P<comma>,)
  | (?P<string>"(?:[^"\\\n]|\\.)*")
  | (?P<raw>`[^`]*`)
  | (?P<char>'(?:[^'\\\n]|\\.[^']*)')
  | (?P<variable>\$\w*)
  | (?P<field>\.[^\W\d]\w*)
  | (?P<number>[+-]?(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+
        |(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?)(?![\w.]))
  | (?P<dot>\.)
  | (?P<ident>[^\W\d]\w*)
    """,
    re.VERBOSE,
)

_ESCAPES = {
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
    "\\": "\\",
    "'": "'",
    '"': '"',
}
_ESCAPE = re.compile(
    r"\\(?:([abfnrtv\\'\"])|x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|([0-7]{3}))"
)


def unquote(literal: str) -> str:
    """The value of a Go string or rune literal (with its quotes), as strconv.Unquote."""
    if literal.startswith("`"):
        return literal[1:-1].replace("\r", "")
    body = literal[1:-1]
    if "\\" not in body:
        return body

    def replace(match: re.Match[str]) -> str:
        simple, hex2, hex4, hex8, octal = match.groups()
        if simple:
            return _ESCAPES[simple]
        if octal:
            return chr(int(octal, 8))
        return chr(int(hex2 or hex4 or hex8, 16))

    decoded = _ESCAPE.sub(replace, body)
    if "\\" in _ESCAPE.sub("", body):
        raise ValueError(f"invalid syntax {literal}")
    return decoded


def tokenize(text: str, name: str) -> list[Token]:
    """All tokens of `text`, ending with EOF; a TemplateError names the line of a mistake."""
    tokens: list[Token] = []
    pos = 0
    line = 1
    trim_next = False
    while True:
        start = text.find("{{", pos)
        if start < 0:
            chunk = text[pos:]
            if trim_next:
                chunk = chunk.lstrip(SPACE_CHARS)
            if chunk:
                tokens.append(Token(Kind.TEXT, chunk, line))
            tokens.append(Token(Kind.EOF, "", line + text.count("\n", pos)))
            break
        after_dash = text[start + 3 : start + 4]
        trim_left = text.startswith("{{-", start) and bool(after_dash) and after_dash in SPACE_CHARS
        chunk = text[pos:start]
        if trim_next:
            chunk = chunk.lstrip(SPACE_CHARS)
        if trim_left:
            chunk = chunk.rstrip(SPACE_CHARS)
        if chunk:
            tokens.append(Token(Kind.TEXT, chunk, line))
        line += text.count("\n", pos, start)
        inner = start + (4 if trim_left else 2)
        if text.startswith("/*", inner):
            end = text.find("*/", inner + 2)
            if end < 0:
                raise TemplateError("unclosed comment", name=name, line=line)
            after = end + 2
            trim_next = text[after : after + 1] in SPACE_CHARS and text.startswith("-}}", after + 1)
            if trim_next:
                after += 4
            elif text.startswith("}}", after):
                after += 2
            else:
                raise TemplateError("comment ends before closing delimiter", name=name, line=line)
            line += text.count("\n", start, after)
            pos = after
            continue
        tokens.append(Token(Kind.LEFT, "{{", line))
        pos, line, trim_next = _lex_action(text, inner, line, name, tokens)
    return tokens


def _lex_action(
    text: str, pos: int, line: int, name: str, tokens: list[Token]
) -> tuple[int, int, bool]:
    """Tokens of one action from `pos`; returns the position after `}}`, the line, right trim."""
    length = len(text)
    depth = 0
    while True:
        if pos >= length:
            raise TemplateError("unclosed action", name=name, line=line)
        if text.startswith("}}", pos) or (
            text.startswith("-}}", pos) and tokens and tokens[-1].kind is Kind.SPACE
        ):
            if depth:
                raise TemplateError("unclosed left paren", name=name, line=line)
            trim = text[pos] == "-"
            tokens.append(Token(Kind.RIGHT, "}}", line))
            return pos + (3 if trim else 2), line, trim
        match = _TOKEN.match(text, pos)
        if match is None:
            char = text[pos]
            if text.startswith("-}}", pos):
                raise TemplateError(
                    "unexpected bad character U+002D '-' in command", name=name, line=line
                )
            raise TemplateError(
                f"unexpected bad character U+{ord(char):04X} {char!r} in command",
                name=name,
                line=line,
            )
        group = match.lastgroup
        value = match.group()
        if group == "space":
            tokens.append(Token(Kind.SPACE, value, line))
        elif group == "string" or group == "raw":
            try:
                tokens.append(Token(Kind.STRING, unquote(value), line))
            except ValueError as error:
                raise TemplateError(str(error), name=name, line=line) from None
        elif group == "char":
            try:
                decoded = unquote(value)
            except ValueError:
                decoded = ""
            if len(decoded) != 1:
                raise TemplateError(f"malformed character constant: {value}", name=name, line=line)
            tokens.append(Token(Kind.CHAR, decoded, line))
        elif group == "ident":
            if value in KEYWORDS:
                tokens.append(Token(Kind.KEYWORD, value, line))
            elif value in ("true", "false"):
                tokens.append(Token(Kind.BOOL, value, line))
            elif value == "nil":
                tokens.append(Token(Kind.NIL, value, line))
            else:
                tokens.append(Token(Kind.IDENT, value, line))
        else:
            kind = {
                "declare": Kind.DECLARE,
                "assign": Kind.ASSIGN,
                "pipe": Kind.PIPE,
                "lparen": Kind.LPAREN,
                "rparen": Kind.RPAREN,
                "comma": Kind.COMMA,
                "variable": Kind.VARIABLE,
                "field": Kind.FIELD,
                "number": Kind.NUMBER,
                "dot": Kind.DOT,
            }[group or ""]
            if kind is Kind.LPAREN:
                depth += 1
            elif kind is Kind.RPAREN:
                depth -= 1
                if depth < 0:
                    raise TemplateError("unexpected right paren", name=name, line=line)
            tokens.append(Token(kind, value, line))
        line += value.count("\n")
        pos = match.end()
