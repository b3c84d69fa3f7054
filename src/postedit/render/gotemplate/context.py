"""Where in an HTML document the output is: html/template's parser context.

The escaper feeds only template text (never values) through `after_text`, so the
context at each action is what Go's html/template computes from the template, and
`escape_text` also makes Go's edits to that text (HTML, JS and CSS comments removed,
a stray `<` in text written as `&lt;`).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import NamedTuple

from .errors import TemplateError

# States (Go's html/template state constants).
TEXT, TAG, ATTR_NAME, AFTER_NAME, BEFORE_VALUE, HTML_CMT, RCDATA, ATTR, URL, SRCSET = range(10)
JS, JS_DQ_STR, JS_SQ_STR, JS_BQ_STR, JS_REGEXP, JS_BLOCK_CMT, JS_LINE_CMT = range(10, 17)
JS_HTML_OPEN_CMT, JS_HTML_CLOSE_CMT = 17, 18
CSS, CSS_DQ_STR, CSS_SQ_STR, CSS_DQ_URL, CSS_SQ_URL, CSS_URL = range(19, 25)
CSS_BLOCK_CMT, CSS_LINE_CMT, ERROR = 25, 26, 27

# Attribute value delimiters.
DELIM_NONE, DELIM_DOUBLE, DELIM_SINGLE, DELIM_SPACE = range(4)
# Parts of a URL.
URL_NONE, URL_PRE_QUERY, URL_QUERY_OR_FRAG = range(3)
# What a `/` means in JS.
JS_CTX_REGEXP, JS_CTX_DIV = 0, 1
# Attribute kinds.
ATTR_NONE, ATTR_SCRIPT, ATTR_SCRIPT_TYPE, ATTR_STYLE, ATTR_URL, ATTR_SRCSET = range(6)
# Elements whose content is not HTML.
EL_NONE, EL_SCRIPT, EL_STYLE, EL_TEXTAREA, EL_TITLE = range(5)

COMMENT_STATES = frozenset(
    {HTML_CMT, JS_BLOCK_CMT, JS_LINE_CMT, JS_HTML_OPEN_CMT, JS_HTML_CLOSE_CMT}
    | {CSS_BLOCK_CMT, CSS_LINE_CMT}
)


class Context(NamedTuple):
    state: int = TEXT
    delim: int = DELIM_NONE
    url_part: int = URL_NONE
    js_ctx: int = JS_CTX_REGEXP
    attr: int = ATTR_NONE
    element: int = EL_NONE
    error: str = ""


TEXT_CONTEXT = Context()

_ELEMENTS = {"script": EL_SCRIPT, "style": EL_STYLE, "textarea": EL_TEXTAREA, "title": EL_TITLE}
_ELEMENT_CONTENT = {
    EL_NONE: TEXT,
    EL_SCRIPT: JS,
    EL_STYLE: CSS,
    EL_TEXTAREA: RCDATA,
    EL_TITLE: RCDATA,
}
_END_MARKERS = {EL_SCRIPT: "script", EL_STYLE: "style", EL_TEXTAREA: "textarea", EL_TITLE: "title"}
_ATTR_START = {
    ATTR_NONE: ATTR,
    ATTR_SCRIPT: JS,
    ATTR_SCRIPT_TYPE: ATTR,
    ATTR_STYLE: CSS,
    ATTR_URL: URL,
    ATTR_SRCSET: SRCSET,
}
_DELIM_ENDS = {DELIM_DOUBLE: '"', DELIM_SINGLE: "'", DELIM_SPACE: " \t\n\f\r>"}
_SPACE = " \t\n\f\r"

_URL_ATTRS = frozenset(
    [
        "action",
        "archive",
        "background",
        "cite",
        "classid",
        "codebase",
        "data",
        "formaction",
        "href",
        "icon",
        "longdesc",
        "manifest",
        "poster",
        "profile",
        "src",
        "usemap",
        "xmlns",
    ]
)
# Attributes Go lists as plain although their names would trip the heuristics below.
_PLAIN_ATTRS = frozenset({"srclang", "srcdoc"})
_REGEXP_PRECEDERS = frozenset(
    [
        "break",
        "case",
        "continue",
        "delete",
        "do",
        "else",
        "finally",
        "in",
        "instanceof",
        "return",
        "throw",
        "try",
        "typeof",
        "void",
    ]
)


def attr_kind(name: str, element: int) -> int:
    """Go's attrType: what an attribute's value holds, from its (lowercased) name."""
    if element == EL_SCRIPT and name == "type":
        return ATTR_SCRIPT_TYPE
    if name.startswith("data-"):
        name = name[5:]
    elif ":" in name:
        prefix, _, short = name.partition(":")
        if prefix == "xmlns":
            return ATTR_URL
        name = short
    if name in _URL_ATTRS:
        return ATTR_URL
    if name == "style":
        return ATTR_STYLE
    if name == "srcset":
        return ATTR_SRCSET
    if name in _PLAIN_ATTRS:
        return ATTR_NONE
    if name.startswith("on"):
        return ATTR_SCRIPT
    if "src" in name or "uri" in name or "url" in name:
        return ATTR_URL
    return ATTR_NONE


def _error(message: str) -> Context:
    return Context(state=ERROR, error=message)


def _eat_tag_name(s: str, i: int) -> tuple[int, int]:
    if i == len(s) or not ("a" <= s[i].lower() <= "z" and s[i].isascii()):
        return i, EL_NONE
    j = i + 1
    while j < len(s):
        x = s[j]
        if x.isascii() and x.isalnum():
            j += 1
            continue
        if x in ":-" and j + 1 < len(s) and s[j + 1].isascii() and s[j + 1].isalnum():
            j += 2
            continue
        break
    return j, _ELEMENTS.get(s[i:j].lower(), EL_NONE)


def _eat_space(s: str, i: int) -> int:
    while i < len(s) and s[i] in _SPACE:
        i += 1
    return i


def _eat_attr_name(s: str, i: int) -> int:
    for j in range(i, len(s)):
        if s[j] in " \t\n\f\r=>":
            return j
        if s[j] in "'\"<":
            return -1
    return len(s)


def _t_text(c: Context, s: str) -> tuple[Context, int]:
    k = 0
    while True:
        i = s.find("<", k)
        if i < 0 or i + 1 == len(s):
            return c, len(s)
        if s.startswith("<!--", i):
            return Context(state=HTML_CMT), i + 4
        i += 1
        end = False
        if s[i] == "/":
            if i + 1 == len(s):
                return c, len(s)
            end, i = True, i + 1
        j, element = _eat_tag_name(s, i)
        if j != i:
            return Context(state=TAG, element=EL_NONE if end else element), j
        k = j


def _t_tag(c: Context, s: str) -> tuple[Context, int]:
    i = _eat_space(s, 0)
    if i == len(s):
        return c, len(s)
    if s[i] == ">":
        return Context(state=_ELEMENT_CONTENT[c.element], element=c.element), i + 1
    j = _eat_attr_name(s, i)
    if j < 0:
        return _error(f"bad character in attribute name: {s[:32]!r}"), len(s)
    if i == j:
        return _error(f"expected space, attr name, or end of tag, but got {s[i:]!r}"), len(s)
    attr = attr_kind(s[i:j].lower(), c.element)
    state = ATTR_NAME if j == len(s) else AFTER_NAME
    return Context(state=state, element=c.element, attr=attr), j


def _t_attr_name(c: Context, s: str) -> tuple[Context, int]:
    i = _eat_attr_name(s, 0)
    if i < 0:
        return _error(f"bad character in attribute name: {s[:32]!r}"), len(s)
    if i != len(s):
        c = c._replace(state=AFTER_NAME)
    return c, i


def _t_after_name(c: Context, s: str) -> tuple[Context, int]:
    i = _eat_space(s, 0)
    if i == len(s):
        return c, len(s)
    if s[i] != "=":
        return c._replace(state=TAG), i
    return c._replace(state=BEFORE_VALUE), i + 1


def _t_before_value(c: Context, s: str) -> tuple[Context, int]:
    i = _eat_space(s, 0)
    if i == len(s):
        return c, len(s)
    delim = DELIM_SPACE
    if s[i] == "'":
        delim, i = DELIM_SINGLE, i + 1
    elif s[i] == '"':
        delim, i = DELIM_DOUBLE, i + 1
    return c._replace(state=_ATTR_START[c.attr], delim=delim), i


def _t_html_cmt(c: Context, s: str) -> tuple[Context, int]:
    i = s.find("-->")
    if i >= 0:
        return Context(), i + 3
    return c, len(s)


def _index_tag_end(s: str, tag: str) -> int:
    lowered = s.lower()
    start = 0
    while True:
        i = lowered.find("</" + tag, start)
        if i < 0:
            return -1
        after = i + 2 + len(tag)
        if after < len(s) and s[after] in "> \t\n\f/":
            return i
        start = i + 2


def _t_special_tag_end(c: Context, s: str) -> tuple[Context, int]:
    if c.element != EL_NONE:
        i = _index_tag_end(s, _END_MARKERS[c.element])
        if i != -1:
            return Context(), i
    return c, len(s)


def _t_attr(c: Context, s: str) -> tuple[Context, int]:
    return c, len(s)


def _t_url(c: Context, s: str) -> tuple[Context, int]:
    if "#" in s or "?" in s:
        c = c._replace(url_part=URL_QUERY_OR_FRAG)
    elif len(s) != _eat_space(s, 0) and c.url_part == URL_NONE:
        c = c._replace(url_part=URL_PRE_QUERY)
    return c, len(s)


def next_js_ctx(s: str, preceding: int) -> int:
    """Whether a `/` after JS text `s` starts a regexp or is a division (Go's nextJSCtx)."""
    s = s.rstrip("\t\n\f\r \u2028\u2029")
    if not s:
        return preceding
    c, n = s[-1], len(s)
    if c in "+-":
        start = n - 1
        while start > 0 and s[start - 1] == c:
            start -= 1
        return JS_CTX_REGEXP if (n - start) & 1 else JS_CTX_DIV
    if c == ".":
        return JS_CTX_DIV if n != 1 and s[n - 2].isdigit() else JS_CTX_REGEXP
    if c in ",<>=*%&|^?!~([:;{}":
        return JS_CTX_REGEXP
    j = n
    while j > 0 and _is_js_ident_part(s[j - 1]):
        j -= 1
    if s[j:] in _REGEXP_PRECEDERS:
        return JS_CTX_REGEXP
    return JS_CTX_DIV


def _is_js_ident_part(c: str) -> bool:
    return c == "$" or c == "_" or (c.isascii() and c.isalnum()) or c.isalpha()


def _t_js(c: Context, s: str) -> tuple[Context, int]:
    match = re.search(r"[\"`'/<\-#]", s)
    if match is None:
        return c._replace(js_ctx=next_js_ctx(s, c.js_ctx)), len(s)
    i = match.start()
    c = c._replace(js_ctx=next_js_ctx(s[:i], c.js_ctx))
    ch = s[i]
    if ch == '"':
        c = c._replace(state=JS_DQ_STR, js_ctx=JS_CTX_REGEXP)
    elif ch == "'":
        c = c._replace(state=JS_SQ_STR, js_ctx=JS_CTX_REGEXP)
    elif ch == "`":
        c = c._replace(state=JS_BQ_STR, js_ctx=JS_CTX_REGEXP)
    elif ch == "/":
        if s.startswith("//", i):
            c, i = c._replace(state=JS_LINE_CMT), i + 1
        elif s.startswith("/*", i):
            c, i = c._replace(state=JS_BLOCK_CMT), i + 1
        elif c.js_ctx == JS_CTX_REGEXP:
            c = c._replace(state=JS_REGEXP)
        else:
            c = c._replace(js_ctx=JS_CTX_REGEXP)
    elif ch == "<":
        if s.startswith("<!--", i):
            c, i = c._replace(state=JS_HTML_OPEN_CMT), i + 3
    elif ch == "-":
        if s.startswith("-->", i):
            c, i = c._replace(state=JS_HTML_CLOSE_CMT), i + 2
    elif ch == "#" and s.startswith("#!", i):
        c, i = c._replace(state=JS_LINE_CMT), i + 1
    return c, i + 1


def _t_js_delimited(c: Context, s: str) -> tuple[Context, int]:
    specials = {JS_SQ_STR: "\\'", JS_BQ_STR: "`\\", JS_REGEXP: "\\/[]"}.get(c.state, '\\"')
    k, in_charset = 0, False
    while True:
        i = _index_any(s, specials, k)
        if i < 0:
            break
        if s[i] == "\\":
            i += 1
            if i == len(s):
                return _error(f"unfinished escape sequence in JS string: {s!r}"), len(s)
        elif s[i] == "[":
            in_charset = True
        elif s[i] == "]":
            in_charset = False
        elif not in_charset:
            return c._replace(state=JS, js_ctx=JS_CTX_DIV), i + 1
        k = i + 1
    if in_charset:
        return _error(f"unfinished JS regexp charset: {s!r}"), len(s)
    return c, len(s)


def _index_any(s: str, chars: str, start: int) -> int:
    best = -1
    for char in chars:
        i = s.find(char, start)
        if i >= 0 and (best < 0 or i < best):
            best = i
    return best


def _t_block_cmt(c: Context, s: str) -> tuple[Context, int]:
    i = s.find("*/")
    if i < 0:
        return c, len(s)
    return c._replace(state=JS if c.state == JS_BLOCK_CMT else CSS), i + 2


def _t_line_cmt(c: Context, s: str) -> tuple[Context, int]:
    if c.state == CSS_LINE_CMT:
        terminators, end_state = "\n\f\r", CSS
    else:
        terminators, end_state = "\n\r\u2028\u2029", JS
    i = _index_any(s, terminators, 0)
    if i < 0:
        return c, len(s)
    return c._replace(state=end_state), i


def _t_css(c: Context, s: str) -> tuple[Context, int]:
    k = 0
    while True:
        i = _index_any(s, "(\"'/", k)
        if i < 0:
            return c, len(s)
        ch = s[i]
        if ch == "(":
            before = s[:i].rstrip("\t\n\f\r ")
            if before.lower().endswith("url") and not (
                len(before) > 3 and _is_css_nmchar(before[-4])
            ):
                rest = s[i + 1 :].lstrip("\t\n\f\r ")
                j = len(s) - len(rest)
                if j != len(s) and s[j] == '"':
                    return c._replace(state=CSS_DQ_URL), j + 1
                if j != len(s) and s[j] == "'":
                    return c._replace(state=CSS_SQ_URL), j + 1
                return c._replace(state=CSS_URL), j
        elif ch == "/":
            if s.startswith("//", i):
                return c._replace(state=CSS_LINE_CMT), i + 2
            if s.startswith("/*", i):
                return c._replace(state=CSS_BLOCK_CMT), i + 2
        elif ch == '"':
            return c._replace(state=CSS_DQ_STR), i + 1
        elif ch == "'":
            return c._replace(state=CSS_SQ_STR), i + 1
        k = i + 1


def _is_css_nmchar(c: str) -> bool:
    return c.isalnum() or c in "-_" or ord(c) >= 0x80


def _t_css_str(c: Context, s: str) -> tuple[Context, int]:
    if c.state in (CSS_DQ_STR, CSS_DQ_URL):
        end_and_esc = '\\"'
    elif c.state in (CSS_SQ_STR, CSS_SQ_URL):
        end_and_esc = "\\'"
    else:
        end_and_esc = "\\\t\n\f\r )"
    k = 0
    while True:
        i = _index_any(s, end_and_esc, k)
        if i < 0:
            c, nread = _t_url(c, _decode_css(s[k:]))
            return c, k + nread
        if s[i] == "\\":
            i += 1
            if i == len(s):
                return _error(f"unfinished escape sequence in CSS string: {s!r}"), len(s)
        else:
            return c._replace(state=CSS), i + 1
        c, _ = _t_url(c, _decode_css(s[: i + 1]))
        k = i + 1


def _decode_css(s: str) -> str:
    """CSS escapes decoded (`\\3c` -> `<`), enough to find `?` and `#` in URLs."""
    return re.sub(
        r"\\([0-9a-fA-F]{1,6})(?:\r\n|[ \t\n\f\r])?|\\(.)|\\$",
        lambda m: _css_char(m.group(1)) if m.group(1) else (m.group(2) or ""),
        s,
    )


def _css_char(hex_digits: str) -> str:
    code = int(hex_digits, 16)
    if code > 0x10FFFF:
        code //= 16
    return chr(code) if not 0xD800 <= code <= 0xDFFF else "\ufffd"


def _t_error(c: Context, s: str) -> tuple[Context, int]:
    return c, len(s)


_TRANSITIONS = {
    TEXT: _t_text,
    TAG: _t_tag,
    ATTR_NAME: _t_attr_name,
    AFTER_NAME: _t_after_name,
    BEFORE_VALUE: _t_before_value,
    HTML_CMT: _t_html_cmt,
    RCDATA: _t_special_tag_end,
    ATTR: _t_attr,
    URL: _t_url,
    SRCSET: _t_url,
    JS: _t_js,
    JS_DQ_STR: _t_js_delimited,
    JS_SQ_STR: _t_js_delimited,
    JS_BQ_STR: _t_js_delimited,
    JS_REGEXP: _t_js_delimited,
    JS_BLOCK_CMT: _t_block_cmt,
    JS_LINE_CMT: _t_line_cmt,
    JS_HTML_OPEN_CMT: _t_line_cmt,
    JS_HTML_CLOSE_CMT: _t_line_cmt,
    CSS: _t_css,
    CSS_DQ_STR: _t_css_str,
    CSS_SQ_STR: _t_css_str,
    CSS_DQ_URL: _t_css_str,
    CSS_SQ_URL: _t_css_str,
    CSS_URL: _t_css_str,
    CSS_BLOCK_CMT: _t_block_cmt,
    CSS_LINE_CMT: _t_line_cmt,
    ERROR: _t_error,
}

_JS_TYPES = frozenset(
    {
        "application/ecmascript",
        "application/javascript",
        "application/json",
        "application/ld+json",
        "application/x-ecmascript",
        "application/x-javascript",
        "module",
        "text/ecmascript",
        "text/javascript",
        "text/javascript1.0",
        "text/javascript1.1",
        "text/javascript1.2",
        "text/javascript1.3",
        "text/javascript1.4",
        "text/javascript1.5",
        "text/jscript",
        "text/livescript",
        "text/x-ecmascript",
        "text/x-javascript",
    }
)


def _context_after_text(c: Context, s: str) -> tuple[Context, int]:
    """Go's contextAfterText: the context after a prefix of `s` and its length."""
    if c.delim == DELIM_NONE:
        c1, i = _t_special_tag_end(c, s)
        if i == 0:
            return c1, 0
        return _TRANSITIONS[c.state](c, s[:i])
    ends = _DELIM_ENDS[c.delim]
    i = _index_any(s, ends, 0)
    if i < 0:
        i = len(s)
    if c.delim == DELIM_SPACE:
        bad = _index_any(s[:i], "\"'<=`", 0)
        if bad >= 0:
            return _error(f"{s[bad]!r} in unquoted attr: {s[:i]!r}"), len(s)
    if i == len(s):
        decoded = html.unescape(s)
        while decoded:
            c1, i1 = _TRANSITIONS[c.state](c, decoded)
            c, decoded = c1, decoded[i1:]
        return c, len(s)
    element = c.element
    if (
        c.state == ATTR
        and c.element == EL_SCRIPT
        and c.attr == ATTR_SCRIPT_TYPE
        and not _is_js_type(s[:i])
    ):
        element = EL_NONE
    if c.delim != DELIM_SPACE:
        i += 1
    return Context(state=TAG, element=element), i


def _is_js_type(mime: str) -> bool:
    mime = mime.split(";", 1)[0].strip().lower()
    return mime in _JS_TYPES


@lru_cache(maxsize=4096)
def escape_text(c: Context, s: str) -> tuple[str, Context]:
    """Template text as html/template writes it in context `c`, and the context after."""
    out: list[str] = []
    written = 0
    i = 0
    while i != len(s):
        c1, nread = _context_after_text(c, s[i:])
        i1 = i + nread
        if c.state in (TEXT, RCDATA):
            end = i1
            if c1.state != c.state:
                last = s.rfind("<", i, end)
                if last >= 0:
                    end = last
            j = s.find("<", i, end)
            while j >= 0:
                if not s[j:].upper().startswith("<!DOCTYPE"):
                    out.append(s[written:j])
                    out.append("&lt;")
                    written = j + 1
                j = s.find("<", j + 1, end)
        elif c.state in COMMENT_STATES and c.delim == DELIM_NONE:
            if c.state == JS_BLOCK_CMT:
                out.append("\n" if _index_any(s[written:i1], "\n\r\u2028\u2029", 0) >= 0 else " ")
            elif c.state == CSS_BLOCK_CMT:
                out.append(" ")
            written = i1
        if c.state != c1.state and c1.state in COMMENT_STATES and c1.delim == DELIM_NONE:
            cs = i1 - 2
            if c1.state in (HTML_CMT, JS_HTML_OPEN_CMT):
                cs -= 2
            elif c1.state == JS_HTML_CLOSE_CMT:
                cs -= 1
            out.append(s[written:cs])
            written = i1
        if i == i1 and c.state == c1.state:
            raise TemplateError(f"infinite loop escaping {s!r}")  # pragma: no cover
        c, i = c1, i1
    if written == 0:
        return s, c
    out.append(s[written:])
    return "".join(out), c


def check(c: Context, name: str = "") -> None:
    """Raise html/template's error for a context it cannot escape in."""
    if c.state == ERROR:
        raise TemplateError(f"html/template: {c.error}", name=name)
