"""Hugo's safe, transform, inflect, crypto/encoding and pure urls functions."""

from __future__ import annotations

import base64
import hashlib
import html
import re
import unicodedata
import urllib.parse
from collections.abc import Callable
from typing import Any

from ..escape import go_html_escape, to_json
from ..exec import Function, function_table
from ..values import SafeCSS, SafeHTML, SafeHTMLAttr, SafeJS, SafeURL
from .cast import to_int, to_string


def html_escape(text: Any) -> str:
    """Go's html.EscapeString."""
    return go_html_escape(to_string(text))


def html_unescape(text: Any) -> str:
    return html.unescape(to_string(text))


def plainify(text: Any) -> str:
    """Hugo's StripHTML: newlines become spaces, paragraph and line breaks newlines."""
    source = to_string(text)
    if "<" not in source:
        return source
    source = source.replace("\n", " ")
    for tag in ("</p>", "<br>", "<br />", "<br/>"):
        source = source.replace(tag, "\n")
    return re.sub(r"<[^>]*>", "", source)


def jsonify(*args: Any) -> SafeHTML:
    value = args[-1]
    if len(args) == 2 and isinstance(args[0], dict) and args[0].get("indent"):
        import json

        return SafeHTML(json.dumps(value, indent=len(to_string(args[0]["indent"])), sort_keys=True))
    return SafeHTML(to_json(value))


def anchorize(text: Any) -> str:
    """The id Goldmark's GitHub style gives a heading with this text."""
    out: list[str] = []
    for char in html.unescape(to_string(text)).strip():
        if char.isalnum():
            out.append(char.lower())
        elif char in " ":
            out.append("-")
        elif char in "-_":
            out.append(char)
        elif unicodedata.category(char).startswith(("L", "N")):
            out.append(char.lower())
    return "".join(out)


def urlize(text: Any) -> str:
    """Hugo's URLize: a path-safe, lowercased, percent-encoded slug."""
    source = to_string(text).strip().lower()
    kept: list[str] = []
    for char in source:
        if char.isspace():
            kept.append("-")
        elif char.isalnum() or char in "./\\_-#+~":
            kept.append(char)
    path = re.sub(r"-+", "-", "".join(kept))
    return urllib.parse.quote(path, safe="/#+~-._")


def humanize(value: Any) -> str:
    if (isinstance(value, int) and not isinstance(value, bool)) or (
        isinstance(value, str) and value.isdigit()
    ):
        number = to_int(value)
        suffix = "th"
        if number % 100 not in (11, 12, 13):
            suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{number}{suffix}"
    words = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", to_string(value))
    words = re.sub(r"[_\-\s]+", " ", words).strip().lower()
    return words[:1].upper() + words[1:]


def emojify(text: Any) -> SafeHTML:
    return SafeHTML(to_string(text))


def _hash(name: str) -> Callable[[Any], str]:
    return lambda text: hashlib.new(name, to_string(text).encode("utf-8")).hexdigest()


def base64_encode(text: Any) -> str:
    return base64.b64encode(to_string(text).encode("utf-8")).decode("ascii")


def base64_decode(text: Any) -> str:
    return base64.b64decode(to_string(text)).decode("utf-8")


SAFE = {
    "HTML": lambda v: SafeHTML(to_string(v)),
    "HTMLAttr": lambda v: SafeHTMLAttr(to_string(v)),
    "URL": lambda v: SafeURL(to_string(v)),
    "CSS": lambda v: SafeCSS(to_string(v)),
    "JS": lambda v: SafeJS(to_string(v)),
}
TRANSFORM = {
    "HTMLEscape": html_escape,
    "HTMLUnescape": html_unescape,
    "Plainify": plainify,
    "Emojify": emojify,
}
FUNCTIONS = function_table(
    {
        "safeHTML": SAFE["HTML"],
        "safeHTMLAttr": SAFE["HTMLAttr"],
        "safeURL": SAFE["URL"],
        "safeCSS": SAFE["CSS"],
        "safeJS": SAFE["JS"],
        "htmlEscape": html_escape,
        "htmlUnescape": html_unescape,
        "plainify": plainify,
        "jsonify": jsonify,
        "emojify": emojify,
        "anchorize": anchorize,
        "urlize": urlize,
        "humanize": humanize,
        "md5": _hash("md5"),
        "sha1": _hash("sha1"),
        "sha256": _hash("sha256"),
        "base64Encode": base64_encode,
        "base64Decode": base64_decode,
    }
)
NAMESPACES = {
    "safe": function_table(SAFE),
    "transform": function_table(TRANSFORM),
    "encoding": {
        "Jsonify": Function("Jsonify", jsonify),
        "Base64Encode": Function("Base64Encode", base64_encode),
        "Base64Decode": Function("Base64Decode", base64_decode),
    },
    "inflect": {"Humanize": Function("Humanize", humanize)},
    "crypto": {
        "MD5": Function("MD5", _hash("md5")),
        "SHA1": Function("SHA1", _hash("sha1")),
        "SHA256": Function("SHA256", _hash("sha256")),
    },
    "urls": {
        "Anchorize": Function("Anchorize", anchorize),
        "URLize": Function("URLize", urlize),
    },
}
