"""Goldmark's linkify as a markdown-it inline rule.

linkify-it finds bare domains (`example.com`) anywhere; Goldmark links only
`http(s)://`, `ftp://`, `www.` and e-mail addresses that start a line or follow
whitespace, `(`, `*`, `_` or `~`, and trims trailing punctuation its own way.
`www.` links get the site's `linkifyProtocol`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

_PATH = r"(?:[/#?][-a-zA-Z0-9@:%_+.~#$!?&/=();,'\">^{}\[\]`]*)?"
_URL = re.compile(r"(?:http|https|ftp)://[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-z]+(?::\d+)?" + _PATH)
_WWW = re.compile(
    r"www\.[-a-zA-Z0-9@:%._+~#=]{1,256}\.[a-z]+"
    r"(?:[/#?][-a-zA-Z0-9@:%_+.~#!?&/=();,'\">^{}\[\]`]*)?"
)
_EMAIL_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+\-./=?^_`{|}~]+@")
_EMAIL_DOMAIN = re.compile(
    r"[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*"
)
# Goldmark's linkify starts after a space (not a tab), a line start, `(`, `*`, `_`, `~`.
_AFTER = frozenset(" \n*_~(")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_TRAILING = frozenset("?!.,:*_~")
# URLs start with h, f or w; e-mail addresses with a letter or digit (not punctuation).
_STARTS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
# What every link starts with (`_url_end`, `_email_end`): a cheap test before them.
_CANDIDATE = re.compile(r"https?:|ftp:|www\.|[A-Za-z0-9!#$%&'*+\-./=?^_`{|}~]+@")


def may_start_link(text: str) -> bool:
    """False when no link can start at the start of `text` (a cheap test)."""
    return _CANDIDATE.match(text) is not None


def _url_end(line: str) -> tuple[int, bool] | None:
    """End of a URL or www link at the start of `line`, and whether it is a www link."""
    match = None
    is_www = False
    if line.startswith(("http:", "https:", "ftp:")):
        match = _URL.match(line)
    if match is None and line.startswith("www."):
        match = _WWW.match(line)
        is_www = True
    if match is None:
        return None
    end = match.end()
    # Hugo's Goldmark trims trailing punctuation, unbalanced `)` and a trailing
    # entity-like `&name;` until none is left: `(http://x.com/a),` links `.../a`.
    while True:
        before = end
        while end > 1 and line[end - 1] in _TRAILING:
            end -= 1
        last = line[end - 1]
        if last == ")":
            closing = line[:end].count(")") - line[:end].count("(")
            if closing > 0:
                end -= 1
        elif last == ";":
            index = end - 2
            while index >= 0 and line[index].isascii() and line[index].isalnum():
                index -= 1
            if index != end - 2 and index >= 0 and line[index] == "&":
                end = index
        if end == before:
            return end, is_www


def _email_end(line: str) -> int | None:
    if not line or line[0] in _ASCII_PUNCT:
        return None
    local = _EMAIL_LOCAL.match(line)
    if local is None:
        return None
    domain = _EMAIL_DOMAIN.match(line, local.end())
    if domain is None:
        return None
    stop = domain.end()
    at = local.end() - 1
    if "." not in line[at : stop - 1]:
        return None
    if line[stop - 1] == ".":
        stop -= 1
    if stop < len(line) and line[stop] in "-_":
        return None
    return stop


def _at_trigger(state: StateInline) -> bool:
    """Whether Goldmark would try linkify here.

    It does at a line start, after whitespace, `(`, `*`, `_` or `~`, and right after
    any inline element (Goldmark restarts its scan after each one); not after a
    backslash escape or an entity, which are plain text to it.
    """
    pos = state.pos
    if pos == 0:
        return True
    before = state.src[pos - 1]
    if before in _AFTER or before == "`":  # an unmatched backtick run is a node too
        return before in " \n" or pos < 2 or state.src[pos - 2] != "\\"
    if state.pending or not state.tokens:
        return False
    return state.tokens[-1].type != "text_special"


class _Brackets:
    """How many `[` are open before a position (Goldmark skips linkify inside them)."""

    __slots__ = ("depth", "scanned")

    def __init__(self) -> None:
        self.scanned = 0
        self.depth = 0


_BRACKET_OR_SKIP = re.compile(r"[\\\[\]]|`+")


def _closing_backticks(src: str, start: int, end: int, run: int) -> int:
    """The end of the backtick run of exactly `run` that closes a code span, or -1."""
    for match in _BACKTICKS.finditer(src, start, end):
        if match.end() - match.start() == run:
            return match.end()
    return -1


_BACKTICKS = re.compile(r"`+")


def _in_link_label(state: StateInline) -> bool:
    brackets: _Brackets | None = getattr(state, "_postedit_brackets", None)
    if brackets is None or brackets.scanned > state.pos:
        brackets = _Brackets()
        state._postedit_brackets = brackets  # type: ignore[attr-defined]
    src = state.src
    index = brackets.scanned
    depth = brackets.depth
    end = state.pos
    while True:
        found = _BRACKET_OR_SKIP.search(src, index, end)
        if found is None:
            index = end
            break
        index = found.start()
        char = src[index]
        if char == "\\":
            index += 2
        elif char == "`":
            run = found.end() - index
            close = _closing_backticks(src, index + run, end, run)
            index = close if close >= 0 else index + run
        else:
            if char == "[":
                depth += 1
            elif depth:
                depth -= 1
            index += 1
    brackets.scanned = max(index, end)
    brackets.depth = depth
    return depth > 0


def make_rule(protocol: str) -> Callable[[StateInline, bool], bool]:
    """The inline rule; `protocol` prefixes `www.` links (Hugo's `linkifyProtocol`)."""

    def rule(state: StateInline, silent: bool) -> bool:
        pos = state.pos
        src = state.src
        if silent or state.linkLevel > 0 or src[pos] not in _STARTS:
            return False
        if not _CANDIDATE.match(src, pos, state.posMax) or not _at_trigger(state):
            return False
        eol = src.find("\n", pos, state.posMax)
        line = src[pos : eol if eol >= 0 else state.posMax]
        found = _url_end(line)
        if found is not None:
            end, is_www = found
            kind = "www" if is_www else "url"
        else:
            email_end = _email_end(line)
            if email_end is None:
                return False
            end, kind = email_end, "email"
        while end > 1 and line[end - 1] in _TRAILING:
            end -= 1
        if _in_link_label(state):
            return False
        text = line[:end]
        if kind == "www":
            href = f"{protocol}://{text}"
        elif kind == "email":
            href = f"mailto:{text}"
        else:
            href = text
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": state.md.normalizeLink(href)}
        token.markup = "linkify"
        token.info = "auto"
        token = state.push("text", "", 0)
        token.content = text
        token = state.push("link_close", "a", -1)
        token.markup = "linkify"
        token.info = "auto"
        state.pos += end
        # Brackets inside the link are not link labels: skip them when counting.
        brackets: _Brackets | None = getattr(state, "_postedit_brackets", None)
        if brackets is not None:
            brackets.scanned = state.pos
        return True

    return rule


def linkify_plugin(md: MarkdownIt, protocol: str = "https") -> None:
    """Install the rule before markdown-it's text rule, so it sees every word start."""
    md.inline.ruler.before("text", "goldmark_linkify", make_rule(protocol))
