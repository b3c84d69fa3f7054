"""html/template's escapers, and the writer that applies them by context.

Template text passes through `context.escape_text`, which tracks where in the
document the output is; each value is then escaped for that place (HTML text,
attribute, URL, CSS, JS) exactly as Go's html/template escaper functions do, and a
safe type (`SafeHTML`, `SafeURL`, ...) is trusted only in its own kind of place.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from . import context as cx
from . import limits
from .context import Context, escape_text
from .errors import TemplateError
from .gofmt import format_float, sprint_value
from .limits import check_length
from .values import Missing, SafeCSS, SafeHTML, SafeHTMLAttr, SafeJS, SafeJSStr, SafeURL

FAILSAFE = "ZgotmplZ"


def stringify(value: Any) -> str:
    """A value as the escapers see it: nil and a missing key print as nothing."""
    if value is None or isinstance(value, Missing):
        return ""
    if isinstance(value, str):
        return str.__str__(value)
    return sprint_value(value)


_GO_HTML = str.maketrans({"&": "&amp;", "'": "&#39;", "<": "&lt;", ">": "&gt;", '"': "&#34;"})


def go_html_escape(text: str) -> str:
    """Go's html.EscapeString (`htmlEscape`, `truncate`, the `html` builtin build on it)."""
    return text.translate(_GO_HTML)


def _table(mapping: Mapping[str, str]) -> dict[int, str]:
    return {ord(k): v for k, v in mapping.items()}


_HTML = _table(
    {
        "\0": "\ufffd",
        '"': "&#34;",
        "&": "&amp;",
        "'": "&#39;",
        "+": "&#43;",
        "<": "&lt;",
        ">": "&gt;",
    }
)
_HTML_NORM = {k: v for k, v in _HTML.items() if k != ord("&")}
_HTML_NOSPACE = _table(
    {
        "\0": "&#xfffd;",
        "\t": "&#9;",
        "\n": "&#10;",
        "\v": "&#11;",
        "\f": "&#12;",
        "\r": "&#13;",
        " ": "&#32;",
        '"': "&#34;",
        "&": "&amp;",
        "'": "&#39;",
        "+": "&#43;",
        "<": "&lt;",
        "=": "&#61;",
        ">": "&gt;",
        "`": "&#96;",
    }
)
_HTML_NOSPACE_NORM = {k: v for k, v in _HTML_NOSPACE.items() if k != ord("&")}

_TAG = re.compile(r"<[^>]*>?")


def _strip_tags(text: str) -> str:
    """Go's stripTags, roughly: the text of an HTML fragment without its tags."""
    return _TAG.sub("", text)


def html_escaper(value: Any) -> str:
    if isinstance(value, SafeHTML):
        return str.__str__(value)
    return stringify(value).translate(_HTML)


def rcdata_escaper(value: Any) -> str:
    if isinstance(value, SafeHTML):
        return str.__str__(value).translate(_HTML_NORM)
    return stringify(value).translate(_HTML)


def attr_escaper(text: str, is_html: bool = False) -> str:
    if is_html:
        return _strip_tags(text).translate(_HTML_NORM)
    return text.translate(_HTML)


def nospace_escaper(text: str, is_html: bool = False) -> str:
    if not text:
        return FAILSAFE
    if is_html:
        return _strip_tags(text).translate(_HTML_NOSPACE_NORM)
    return text.translate(_HTML_NOSPACE)


def html_name_filter(value: Any) -> str:
    if isinstance(value, SafeHTMLAttr):
        return str.__str__(value)
    text = stringify(value)
    if not text:
        return FAILSAFE
    text = text.lower()
    if cx.attr_kind(text, cx.EL_NONE) != cx.ATTR_NONE:
        return FAILSAFE
    if not all(c.isascii() and c.isalnum() for c in text):
        return FAILSAFE
    return text


def is_safe_url(url: str) -> bool:
    protocol, colon, _ = url.partition(":")
    if colon and "/" not in protocol:
        return protocol.lower() in ("http", "https", "mailto")
    return True


def url_filter(value: Any) -> str:
    text = stringify(value)
    if isinstance(value, SafeURL):
        return text
    return text if is_safe_url(text) else "#" + FAILSAFE


_HEX = "0123456789abcdefABCDEF"


def process_url(text: str, normalize: bool) -> str:
    """Go's processURLOnto: %-encode what a URL may not hold.

    Reserved characters are kept when normalizing and encoded otherwise.
    """
    data = text.encode("utf-8")
    out: list[str] = []
    n = len(data)
    for i, byte in enumerate(data):
        c = chr(byte)
        if c in "!#$&*+,/:;=?@[]":
            if normalize:
                out.append(c)
                continue
        elif (
            c in "-._~"
            or (byte < 0x80 and c.isalnum())
            or (
                c == "%"
                and normalize
                and i + 2 < n
                and chr(data[i + 1]) in _HEX
                and chr(data[i + 2]) in _HEX
            )
        ):
            out.append(c)
            continue
        out.append(f"%{byte:02x}")
    return "".join(out)


def url_normalizer(text: str) -> str:
    return process_url(text, True)


def url_escaper(text: str) -> str:
    return process_url(text, False)


_CSS = {
    "\0": "\\0",
    "\t": "\\9",
    "\n": "\\a",
    "\f": "\\c",
    "\r": "\\d",
    '"': "\\22",
    "&": "\\26",
    "'": "\\27",
    "(": "\\28",
    ")": "\\29",
    "+": "\\2b",
    "/": "\\2f",
    ":": "\\3a",
    ";": "\\3b",
    "<": "\\3c",
    ">": "\\3e",
    "\\": "\\\\",
    "{": "\\7b",
    "}": "\\7d",
}


def css_escaper(text: str) -> str:
    out: list[str] = []
    for index, char in enumerate(text):
        replacement = _CSS.get(char)
        if replacement is None:
            out.append(char)
            continue
        out.append(replacement)
        if replacement != "\\\\" and (
            index + 1 == len(text) or text[index + 1] in _HEX or text[index + 1] in " \t\n\f\r"
        ):
            out.append(" ")
    return "".join(out)


def css_value_filter(value: Any) -> str:
    if isinstance(value, SafeCSS):
        return str.__str__(value)
    text = stringify(value)
    decoded = cx._decode_css(text)
    ident: list[str] = []
    for index, char in enumerate(decoded):
        if char in "\0\"'()/;@[\\]`{}<>":
            return FAILSAFE
        if char == "-":
            # `--` could start or end an HTML comment; single ones are not part of the id.
            if index and decoded[index - 1] == "-":
                return FAILSAFE
        elif char.isascii() and (char.isalnum() or char == "_"):
            ident.append(char)
    joined = "".join(ident).lower()
    if "expression" in joined or "mozbinding" in joined:
        return FAILSAFE
    return decoded


def _js_string_literal(text: str) -> str:
    """json.Marshal of a string: HTML-sensitive characters and U+2028/9 as \\u escapes."""
    encoded = json.dumps(text, ensure_ascii=False)
    return (
        encoded.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _json_float(value: float) -> str:
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"json: unsupported value: {format_float(value)}")
    absolute = abs(value)
    if absolute != 0 and (absolute < 1e-6 or absolute >= 1e21):
        text = format_float(value, "e")
        return re.sub(r"e-0(\d)$", r"e-\1", text)
    return _shortest_fixed(value)


def _shortest_fixed(value: float) -> str:
    text = repr(value)
    if "e" in text or "E" in text:
        text = f"{value:f}".rstrip("0").rstrip(".")
    if text.endswith(".0"):
        text = text[:-2]
    return text


def to_json(value: Any) -> str:
    """encoding/json's Marshal of a template value (HTML-escaped, keys sorted)."""
    if value is None or isinstance(value, Missing):
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _json_float(value)
    if isinstance(value, str):
        return _js_string_literal(str.__str__(value))
    if isinstance(value, Mapping):
        limits.active().step()  # shared data may nest (YAML aliases) far beyond its size
        items = sorted((str(k), v) for k, v in value.items())
        return "{" + ",".join(f"{_js_string_literal(k)}:{to_json(v)}" for k, v in items) + "}"
    if isinstance(value, (list, tuple)):
        limits.active().step()
        return "[" + ",".join(to_json(v) for v in value) + "]"
    import datetime as dt

    if isinstance(value, dt.datetime):
        return _js_string_literal(value.isoformat().replace("+00:00", "Z"))
    marshal = getattr(value, "MarshalJSON", None)
    if callable(marshal):
        return str(marshal())
    return _js_string_literal(sprint_value(value))


def js_val_escaper(value: Any) -> str:
    if isinstance(value, SafeJS):
        return str.__str__(value)
    if isinstance(value, SafeJSStr):
        return '"' + str.__str__(value) + '"'
    stringer = getattr(value, "String", None)
    if callable(stringer) and not isinstance(value, (Mapping, list, tuple)):
        value = stringer()
    try:
        text = to_json(value)
    except ValueError as error:
        return f" /* {error} */null "
    if not text:
        return " null "
    if _is_js_ident_part(text[0]) or _is_js_ident_part(text[-1]):
        return f" {text} "
    return text


def _is_js_ident_part(c: str) -> bool:
    return c == "$" or c == "_" or c.isalnum()


_JS_STR = {
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
    '"': "\\u0022",
    "`": "\\u0060",
    "&": "\\u0026",
    "'": "\\u0027",
    "+": "\\u002b",
    "/": "\\/",
    "<": "\\u003c",
    ">": "\\u003e",
    "\\": "\\\\",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JS_STR_TABLE = {ord(k): v for k, v in _JS_STR.items()}
for _code in range(0x20):
    _JS_STR_TABLE.setdefault(_code, f"\\u{_code:04x}")
_JS_BQ_STR_TABLE = dict(_JS_STR_TABLE)
_JS_BQ_STR_TABLE.update({ord("$"): "\\u0024", ord("{"): "\\u007b", ord("}"): "\\u007d"})
_JS_STR_NORM_TABLE = {k: v for k, v in _JS_STR_TABLE.items() if k != ord("\\")}
_JS_REGEXP_TABLE = {k: v for k, v in _JS_STR_TABLE.items() if k != ord("`")}
for _char in "$()*+-.?[]^{|}":
    _JS_REGEXP_TABLE[ord(_char)] = "\\" + _char
_JS_REGEXP_TABLE[ord("+")] = "\\u002b"


def js_str_escaper(value: Any) -> str:
    text = stringify(value)
    if isinstance(value, SafeJSStr):
        return text.translate(_JS_STR_NORM_TABLE)
    return text.translate(_JS_STR_TABLE)


def js_regexp_escaper(value: Any) -> str:
    text = stringify(value).translate(_JS_REGEXP_TABLE)
    return text or "(?:)"


def srcset_escaper(value: Any) -> str:
    """Go's srcsetFilterAndEscaper: each candidate's URL checked and normalized."""
    text = stringify(value)
    if isinstance(value, SafeURL):
        return url_normalizer(text).replace(",", "%2c")
    return ",".join(_srcset_candidate(candidate) for candidate in text.split(","))


_HTML_SPACE = " \t\n\f\r"


def _srcset_candidate(candidate: str) -> str:
    start = 0
    while start < len(candidate) and candidate[start] in _HTML_SPACE:
        start += 1
    end = len(candidate)
    for i in range(start, len(candidate)):
        if candidate[i] in _HTML_SPACE:
            end = i
            break
    url = candidate[start:end]
    metadata = candidate[end:]
    if is_safe_url(url) and all(
        c in _HTML_SPACE or (c.isascii() and c.isalnum()) for c in metadata
    ):
        return candidate[:start] + url_normalizer(url) + metadata
    return "#" + FAILSAFE


def _nudge(c: Context) -> Context:
    if c.state == cx.TAG:
        return c._replace(state=cx.ATTR_NAME)
    if c.state == cx.BEFORE_VALUE:
        return c._replace(state=cx._ATTR_START[c.attr], delim=cx.DELIM_SPACE, url_part=cx.URL_NONE)
    if c.state == cx.AFTER_NAME:
        return c._replace(state=cx.ATTR_NAME)
    return c


_URL_STATES = frozenset(
    {cx.URL, cx.CSS_DQ_STR, cx.CSS_SQ_STR, cx.CSS_DQ_URL, cx.CSS_SQ_URL, cx.CSS_URL}
)


def escape_value(c: Context, value: Any) -> tuple[str, Context]:
    """A value escaped for context `c` (Go's escaper pipeline), and the context after it."""
    c = _nudge(c)
    state = c.state
    text: str
    is_html = False
    if state in _URL_STATES:
        if c.url_part == cx.URL_NONE:
            text = url_filter(value)
            if state in (cx.CSS_DQ_STR, cx.CSS_SQ_STR):
                text = css_escaper(text)
            else:
                text = url_normalizer(text)
        elif c.url_part == cx.URL_PRE_QUERY:
            text = stringify(value)
            text = (
                css_escaper(text)
                if state in (cx.CSS_DQ_STR, cx.CSS_SQ_STR)
                else url_normalizer(text)
            )
        else:
            text = url_escaper(stringify(value))
    elif state == cx.JS:
        text = js_val_escaper(value)
        c = c._replace(js_ctx=cx.JS_CTX_DIV)
    elif state in (cx.JS_DQ_STR, cx.JS_SQ_STR):
        text = js_str_escaper(value)
    elif state == cx.JS_BQ_STR:
        text = stringify(value).translate(_JS_BQ_STR_TABLE)
    elif state == cx.JS_REGEXP:
        text = js_regexp_escaper(value)
    elif state == cx.CSS:
        text = css_value_filter(value)
    elif state == cx.TEXT:
        return html_escaper(value), c
    elif state == cx.RCDATA:
        return rcdata_escaper(value), c
    elif state == cx.ATTR:
        text = stringify(value)
        is_html = isinstance(value, SafeHTML)
    elif state == cx.ATTR_NAME:
        text = html_name_filter(value)
    elif state == cx.SRCSET:
        text = srcset_escaper(value)
    elif state in cx.COMMENT_STATES:
        text = ""
    elif state == cx.ERROR:
        raise TemplateError(f"html/template: {c.error}")
    else:  # pragma: no cover - every state is listed above
        raise TemplateError(f"html/template: unexpected state {state}")
    if c.delim == cx.DELIM_NONE:
        return text, c
    if c.delim == cx.DELIM_SPACE:
        return nospace_escaper(text, is_html), c
    return attr_escaper(text, is_html), c


class HTMLWriter:
    """html/template output: text tracked for context, values escaped for it."""

    def __init__(self, start: Context = cx.TEXT_CONTEXT) -> None:
        self.parts: list[str] = []
        self.context = start
        self.size = 0

    def _append(self, text: str) -> None:
        self.size = check_length(self.size + len(text))
        self.parts.append(text)

    def text(self, text: str) -> None:
        escaped, self.context = escape_text(self.context, text)
        self._append(escaped)
        if self.context.state == cx.ERROR:
            raise TemplateError(f"html/template: {self.context.error}")

    def value(self, value: Any) -> None:
        escaped, self.context = escape_value(self.context, value)
        self._append(escaped)

    def escaped(self, value: Any, by: str) -> None:
        """A value already escaped by `html` or `urlquery` at the end of its pipeline.

        html/template treats those as equivalent to its own escaper where they match
        the context (`html` in text and quoted attributes, `urlquery` in a URL's query)
        and does not escape twice there.
        """
        c = _nudge(self.context)
        equivalent = (by == "html" and c.state in (cx.TEXT, cx.RCDATA, cx.ATTR)) or (
            by == "urlquery" and c.state == cx.URL and c.url_part == cx.URL_QUERY_OR_FRAG
        )
        if not equivalent:
            self.value(value)
            return
        text = stringify(value)
        if c.delim == cx.DELIM_SPACE:
            text = nospace_escaper(text)
        elif c.delim != cx.DELIM_NONE and by == "urlquery":
            text = attr_escaper(text)
        self._append(text)

    def result(self) -> str:
        return "".join(self.parts)


Escaper = Callable[[Any], str]
