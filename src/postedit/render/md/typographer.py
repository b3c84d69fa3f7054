"""Goldmark's typographer as a markdown-it inline rule.

markdown-it's smartquotes pair quotes after parsing; Goldmark decides each quote,
dash and dot sequence while it parses, from the source character before it, the
rest of the line, and per-block counters of open single and double quotes. This
rule makes the same decisions at the same positions (see `inline_text.py`) and
emits `typographer` tokens whose content (an entity such as `&ldquo;`) is written
as is. Heading ids ignore these tokens, as Hugo's do.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from postedit.render.config import TypographerConfig

TOKEN = "typographer"
_WINDOW = 6  # characters of the line the rules below ever look at
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _is_punct_rune(char: str) -> bool:
    if char.isascii():
        return char in _ASCII_PUNCT
    return unicodedata.category(char)[0] in "PS"


def _is_unicode_punct(char: str) -> bool:
    if char.isascii():
        return char in _ASCII_PUNCT and unicodedata.category(char)[0] == "P"
    return unicodedata.category(char)[0] == "P"


def _is_space(char: str) -> bool:
    return char.isspace()


def _left_flanking(before: str, after: str) -> bool:
    return not _is_space(after) and (
        not _is_punct_rune(after) or _is_space(before) or _is_punct_rune(before)
    )


def _right_flanking(before: str, after: str) -> bool:
    return not _is_space(before) and (
        not _is_punct_rune(before) or _is_space(after) or _is_punct_rune(after)
    )


def _ascii_space(char: str) -> bool:
    return char in " \t\n\v\f\r"


class _Counter:
    """Quotes opened and not yet closed in the current block."""

    __slots__ = ("double", "single")

    def __init__(self) -> None:
        self.single = 0
        self.double = 0


def _counter(state: StateInline) -> _Counter:
    counter: _Counter | None = getattr(state, "_postedit_quotes", None)
    if counter is None:
        counter = _Counter()
        state._postedit_quotes = counter  # type: ignore[attr-defined]
    return counter


def make_rule(subs: TypographerConfig) -> Callable[[StateInline, bool], bool]:
    """The inline rule for one set of substitutions."""

    def emit(state: StateInline, text: str, length: int) -> bool:
        token = state.push(TOKEN, "", 0)
        token.content = text
        state.pos += length
        return True

    def rule(state: StateInline, silent: bool) -> bool:
        if silent:
            return False
        src = state.src
        pos = state.pos
        char = src[pos]
        if char not in "'\".-<>":
            return False
        # Goldmark looks at the rest of the line (with its newline); only its length
        # and first few characters matter, so keep a short window.
        eol = src.find("\n", pos)
        size = (eol + 1 if eol >= 0 else len(src)) - pos
        line = src[pos : pos + min(size, _WINDOW)]
        if size > 2:
            if char == "-" and subs.em_dash and line[1] == "-" and line[2] == "-":
                return emit(state, subs.em_dash, 3)
            if char == ".":
                if subs.ellipsis and line[1] == "." and line[2] == ".":
                    return emit(state, subs.ellipsis, 3)
                return False
        if size > 1:
            if char == "<":
                return bool(subs.left_angle_quote and line[1] == "<") and emit(
                    state, subs.left_angle_quote, 2
                )
            if char == ">":
                return bool(subs.right_angle_quote and line[1] == ">") and emit(
                    state, subs.right_angle_quote, 2
                )
            if char == "-" and subs.en_dash and line[1] == "-":
                return emit(state, subs.en_dash, 2)
        if char == "'":
            return _single(state, line, size, subs, emit)
        if char == '"':
            return _double(state, line, size, subs, emit)
        return False

    return rule


Emit = Callable[[StateInline, str, int], bool]


def _flanking(state: StateInline, size: int) -> tuple[str, bool, bool]:
    """The character before, and whether the run of this quote can open and close.

    Hugo's Goldmark (v1) scans the whole run of identical quotes, as for emphasis:
    what follows the run decides, so `""` neither opens nor closes.
    """
    src = state.src
    pos = state.pos
    before = src[pos - 1] if pos > 0 else "\n"
    end = pos + 1
    stop = pos + size
    while end < stop and src[end] == src[pos]:
        end += 1
    after = src[end] if end < stop else " "
    return before, _left_flanking(before, after), _right_flanking(before, after)


def _single(state: StateInline, line: str, size: int, subs: TypographerConfig, emit: Emit) -> bool:
    before, can_open, can_close = _flanking(state, size)
    counter = _counter(state)
    if subs.apostrophe:
        # decades: '90s
        decade = line[1:3]
        if (
            can_open
            and not can_close
            and size > 3
            and decade.isascii()
            and decade.isdigit()
            and line[3] == "s"
        ):
            next_char = line[4] if size > 4 else " "
            if _is_space(next_char) or _is_punct_rune(next_char):
                return emit(state, subs.apostrophe, 1)
        # 'twas, 'em, 'net
        if size > 1 and (_is_unicode_punct(before) or _is_space(before)) and line[1] in "tenl":
            return emit(state, subs.apostrophe, 1)
        # between a letter or digit and a letter
        if size > 1 and (before.isdigit() or before.isalpha()) and line[1].isalpha():
            return emit(state, subs.apostrophe, 1)
    if subs.left_single_quote and can_open and not can_close:
        kind_right = False
        # Alice's, I'm, Don't, You'd
        if (
            size > 1
            and line[1] in "smtd"
            and (size < 3 or line[2] in _ASCII_PUNCT or _ascii_space(line[2]))
        ):
            kind_right = True
        # I've, I'll, You're
        if (
            size > 2
            and line[1:3] in ("ve", "ll", "re")
            and (size < 4 or line[3] in _ASCII_PUNCT or _ascii_space(line[3]))
        ):
            kind_right = True
        if kind_right:
            return emit(state, subs.right_single_quote, 1)
        counter.single += 1
        return emit(state, subs.left_single_quote, 1)
    # Smiths', doin' (Goldmark's condition, operator precedence included)
    if subs.right_single_quote and (
        (size > 1 and _is_space(line[0]))
        or (_is_unicode_punct(line[0]) and size > 2 and not line[1].isdigit())
    ):
        return emit(state, subs.right_single_quote, 1)
    if subs.right_single_quote and counter.single > 0:
        is_close = can_close and not can_open
        maybe_close = (
            can_close
            and can_open
            and size > 1
            and _is_unicode_punct(line[1])
            and (size == 2 or (size > 2 and line[2] in _ASCII_PUNCT) or _ascii_space(line[2]))
        )
        if is_close or maybe_close:
            counter.single -= 1
            return emit(state, subs.right_single_quote, 1)
    return False


def _double(state: StateInline, line: str, size: int, subs: TypographerConfig, emit: Emit) -> bool:
    before, can_open, can_close = _flanking(state, size)
    counter = _counter(state)
    if subs.left_double_quote and can_open and not can_close:
        counter.double += 1
        return emit(state, subs.left_double_quote, 1)
    if subs.right_double_quote and counter.double > 0:
        is_close = can_close and not can_open
        maybe_close = (
            can_close
            and can_open
            and size > 1
            and _is_unicode_punct(line[1])
            and (size == 2 or (size > 2 and line[2] in _ASCII_PUNCT) or _ascii_space(line[2]))
        )
        if is_close or maybe_close:
            # "Monitor 21""
            if size > 1 and line[1] == '"' and before.isdigit():
                return False
            counter.double -= 1
            return emit(state, subs.right_double_quote, 1)
    return False


def render_typographer(tokens: list[Token], idx: int) -> str:
    """The substitution, written as is (it is an entity or the writer's own text)."""
    return tokens[idx].content


def typographer_plugin(md: MarkdownIt, subs: TypographerConfig) -> None:
    """Install the rule right after the text rule.

    Goldmark tries its typographer last, but no other rule starts at `'`, `"`,
    `.`, `-` or `>`, and at `<` it only acts on `<<`, which neither an autolink
    nor raw HTML can start with; trying it early saves a pass over every rule.
    """
    md.inline.ruler.after("text", "goldmark_typographer", make_rule(subs))
