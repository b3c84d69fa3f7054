"""Go's predefined template functions (and, or are evaluated lazily by the executor)."""

from __future__ import annotations

import urllib.parse
from typing import Any

from ..escape import go_html_escape
from ..exec import Function, function_table
from ..gofmt import sprint, sprintf, sprintln
from ..truth import is_true


def go_len(value: Any) -> int:
    """len: bytes of a string (as Go counts), items of a list or map."""
    if isinstance(value, str):
        return len(value.encode("utf-8"))
    if value is None:
        raise ValueError("len of nil pointer")
    try:
        return len(value)
    except TypeError:
        raise ValueError(f"len of type {type(value).__name__}") from None


def go_not(value: Any) -> bool:
    return not is_true(value)


def html_escape_func(*args: Any) -> str:
    """Go's `html` builtin: HTML-escape the printed arguments."""
    return go_html_escape(sprint(*args)).replace("\0", "\ufffd")


def js_escape_func(*args: Any) -> str:
    """Go's `js` builtin: JavaScript-escape the printed arguments."""
    out: list[str] = []
    for char in sprint(*args):
        if char == "\\":
            out.append("\\\\")
        elif char == "'":
            out.append("\\'")
        elif char == '"':
            out.append('\\"')
        elif char == "<":
            out.append("\\u003C")
        elif char == ">":
            out.append("\\u003E")
        elif char == "&":
            out.append("\\u0026")
        elif char == "=":
            out.append("\\u003D")
        elif ord(char) < 0x20:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return "".join(out)


def urlquery(*args: Any) -> str:
    """Go's `urlquery`: url.QueryEscape of the printed arguments."""
    return urllib.parse.quote_plus(sprint(*args), safe="-_.~")


def call(function: Any, *args: Any) -> Any:
    if not callable(function):
        raise ValueError(f"non-function of type {type(function).__name__}")
    return function(*args)


FUNCTIONS: dict[str, Function] = function_table(
    {
        "and": go_not,  # placeholder: the executor evaluates and/or itself
        "or": go_not,
        "not": go_not,
        "len": go_len,
        "print": sprint,
        "printf": sprintf,
        "println": sprintln,
        "html": html_escape_func,
        "js": js_escape_func,
        "urlquery": urlquery,
        "call": call,
    }
)
