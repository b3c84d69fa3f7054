"""html/template's escaping for the few contexts the built-in shortcodes write into.

The built-ins are Python, not Go templates, so they escape their values themselves,
the way html/template would for the same template: text, quoted attribute values and
URL attributes (normalised, percent-encoded, unsafe schemes replaced).
"""

from __future__ import annotations

import re
from typing import Any

from postedit.render.gotemplate.values import SafeHTML, SafeURL

_TEXT = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;", "\0": "\ufffd"}
_ATTR = {**_TEXT, "+": "&#43;"}
# Characters Go's URL normaliser leaves as they are; the rest is percent-encoded.
_URL_KEEP = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!#$&*+,/:;=?@[]%()'"
)
_TAGS = re.compile(r"<[^>]*>")
_SAFE_SCHEMES = ("http", "https", "mailto")


def go_string(value: Any) -> str:
    """A value printed the way Go's `{{ . }}` prints it (bools lower-case, nil empty)."""
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    return str(value)


def text(value: Any) -> str:
    """Escape for HTML text; trusted HTML passes through."""
    if isinstance(value, SafeHTML):
        return str(value)
    return "".join(_TEXT.get(char, char) for char in go_string(value))


def attr(value: Any) -> str:
    """Escape for a quoted attribute value.

    Trusted HTML loses its tags and keeps its entities (Go's normalising escaper),
    so `plainify`'d Markdown is not escaped twice.
    """
    if isinstance(value, SafeHTML):
        plain = _TAGS.sub("", str(value))
        return "".join(_ATTR.get(char, char) if char != "&" else char for char in plain)
    return "".join(_ATTR.get(char, char) for char in go_string(value))


def url(value: Any) -> str:
    """Escape for a URL attribute: scheme check, normalisation, then attribute escape."""
    raw = go_string(value)
    if not isinstance(value, SafeURL) and ":" in raw:
        scheme = raw.split(":", 1)[0]
        if "/" not in scheme and scheme.lower() not in _SAFE_SCHEMES:
            return "#ZgotmplZ"
    encoded = "".join(
        char if char in _URL_KEEP else "".join(f"%{byte:02X}" for byte in char.encode("utf-8"))
        for char in raw
    )
    return attr(encoded).replace("&#43;", "+").replace("&#39;", "&#39;")
