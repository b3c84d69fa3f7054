"""Hugo's strings namespace and its aliases (lower, upper, title, replace, split, ...).

Argument order follows Hugo's, which is not always Go's: `strings.TrimPrefix PREFIX S`,
`strings.Repeat N S`, `replaceRE PATTERN REPL S`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from ..escape import go_html_escape
from ..exec import function_table
from ..limits import check_length, check_regexp
from ..values import SafeHTML
from .cast import to_int, to_string

_GO_SPACE = " \t\n\v\f\r\x85\xa0"


@functools.lru_cache(maxsize=256)
def go_regexp(pattern: str) -> re.Pattern[str]:
    """A Go (RE2) pattern as a Python one: the syntax templates use is shared."""
    translated = pattern.replace("\\z", "\\Z").replace("(?U)", "")
    check_regexp(translated)
    try:
        return re.compile(translated)
    except re.error as error:
        raise ValueError(f"error parsing regexp: {error}") from None


def _expand(replacement: str) -> Callable[[re.Match[str]], str]:
    def expand(match: re.Match[str]) -> str:
        def group(m: re.Match[str]) -> str:
            if m.group(0) == "$$":
                return "$"
            name = m.group(1) or m.group(2)
            try:
                return match.group(int(name) if name.isdigit() else name) or ""
            except (IndexError, re.error):
                return ""

        return re.sub(r"\$\$|\$\{(\w+)\}|\$(\w+)", group, replacement)

    return expand


def repeat(count: Any, text: Any) -> str:
    """strings.Repeat N S (refused when the result would be too large to preview)."""
    times, value = to_int(count), to_string(text)
    if times < 0:
        raise ValueError("strings: negative Repeat count")
    check_length(times * len(value))
    return value * times


def replace_re(pattern: Any, replacement: Any, text: Any, *limit: Any) -> str:
    count = to_int(limit[0]) if limit else -1
    regexp = go_regexp(to_string(pattern))
    expand = _expand(to_string(replacement))
    size = 0

    def bounded(match: re.Match[str]) -> str:
        nonlocal size  # the result must not grow past what the preview can hold
        replaced = expand(match)
        size = check_length(size + len(replaced))
        return replaced

    return regexp.sub(bounded, to_string(text), count=max(count, 0))


def find_re(pattern: Any, text: Any, *limit: Any) -> list[str]:
    count = to_int(limit[0]) if limit else -1
    found = [m.group(0) for m in go_regexp(to_string(pattern)).finditer(to_string(text))]
    return found if count < 0 else found[:count]


def find_re_submatch(pattern: Any, text: Any, *limit: Any) -> list[list[str]]:
    count = to_int(limit[0]) if limit else -1
    found = [
        [m.group(0), *[g or "" for g in m.groups()]]
        for m in go_regexp(to_string(pattern)).finditer(to_string(text))
    ]
    return found if count < 0 else found[:count]


def replace(text: Any, old: Any, new: Any, *limit: Any) -> str:
    count = to_int(limit[0]) if limit else -1
    source, before, after = to_string(text), to_string(old), to_string(new)
    if len(after) > len(before):  # refuse a result too large before building it
        found = source.count(before) + (1 if not before else 0)
        found = found if count < 0 else min(found, count)
        check_length(len(source) + found * (len(after) - len(before)))
    return source.replace(before, after, count)


def split(text: Any, delimiter: Any) -> list[str]:
    source, sep = to_string(text), to_string(delimiter)
    if sep == "":
        return list(source)
    return source.split(sep)


_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "en",
        "for",
        "if",
        "in",
        "nor",
        "of",
        "on",
        "or",
        "per",
        "the",
        "to",
        "v",
        "vs",
        "via",
    ]
)


def title(text: Any) -> str:
    """Hugo's default AP-style title case: small words lower inside the title."""
    words = re.split(r"(\s+)", to_string(text))
    indexes = [i for i, w in enumerate(words) if w and not w.isspace()]
    for position, i in enumerate(indexes):
        word = words[i]
        lowered = word.lower()
        after_colon = position > 0 and words[indexes[position - 1]].endswith(":")
        if 0 < position < len(indexes) - 1 and lowered in _SMALL_WORDS and not after_colon:
            words[i] = lowered
        else:
            words[i] = "-".join(part[:1].upper() + part[1:] for part in word.split("-"))
    return "".join(words)


def first_upper(text: Any) -> str:
    source = to_string(text)
    return source[:1].upper() + source[1:]


def trim(text: Any, cutset: Any) -> str:
    return to_string(text).strip(to_string(cutset))


_TAG_RE = re.compile(r"<(/)?([^ ]+?)(?:(\s*/)| .*?)?>")
_SINGLETS = frozenset({"br", "col", "link", "base", "img", "param", "area", "hr", "input"})
_CJK = re.compile(
    r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)


def truncate(size: Any, *args: Any) -> SafeHTML:
    """`truncate SIZE [ELLIPSIS] TEXT`: Hugo's word-boundary cut, open tags closed."""
    if not args:
        raise ValueError("truncate requires a length and a string")
    if len(args) > 2:
        raise ValueError("too many arguments passed to truncate")
    limit = to_int(size)
    ellipsis = " …"
    if len(args) == 2:
        ellipsis = to_string(args[0])
        if not isinstance(args[0], SafeHTML):
            ellipsis = go_html_escape(ellipsis)
    text = to_string(args[-1])
    is_html = isinstance(args[-1], SafeHTML)
    if len(text) <= limit:
        return SafeHTML(text if is_html else go_html_escape(text))
    tags: list[tuple[str, int, bool]] = []
    last_word = last_non_space = current = next_tag = 0
    for i, char in enumerate(text):
        if i < next_tag:
            continue
        if is_html:
            match = _TAG_RE.match(text, i)
            if match:
                next_tag = match.end()
                last_word = last_non_space
                if match.group(2) not in _SINGLETS and match.group(3) is None:
                    tags.append((match.group(2), i, match.group(1) is None))
                continue
        current += 1
        if char.isspace():
            last_word = last_non_space
        elif _CJK.match(char):
            last_word = i
        else:
            last_non_space = i + 1
        if current > limit:
            end = i if last_word == 0 else last_word
            out = text[:end]
            if not is_html:
                return SafeHTML(go_html_escape(out) + ellipsis)
            out += ellipsis
            closing: str | None = None
            for name, position, opening in reversed(tags):
                if position >= end or closing is not None:
                    if closing is not None and closing == name:
                        closing = None
                    continue
                if opening:
                    out += f"</{name}>"
                else:
                    closing = name
            return SafeHTML(out)
    return SafeHTML(text if is_html else go_html_escape(text))


def substr(text: Any, start: Any, *length: Any) -> str:
    runes = to_string(text)
    begin = to_int(start)
    n = len(runes)
    if begin < 0:
        begin = max(n + begin, 0)
    if begin > n:
        return ""
    if not length:
        return runes[begin:]
    count = to_int(length[0])
    if count < 0:
        end = n + count
        return runes[begin:end] if end > begin else ""
    return runes[begin : begin + count]


def slice_string(text: Any, *bounds: Any) -> str:
    runes = to_string(text)
    start = to_int(bounds[0]) if bounds else 0
    end = to_int(bounds[1]) if len(bounds) > 1 else len(runes)
    if start < 0 or end > len(runes) or start > end:
        raise ValueError("slice bounds out of range")
    return runes[start:end]


def count_words(text: Any) -> int:
    plain = re.sub(r"<[^>]*>", " ", to_string(text))
    return len(plain.split())


def count_runes(text: Any) -> int:
    plain = re.sub(r"<[^>]*>", "", to_string(text))
    return sum(1 for c in plain if not c.isspace())


def chomp(text: Any) -> str:
    return to_string(text).rstrip("\r\n")


def contains_non_space(text: Any) -> bool:
    return any(not c.isspace() for c in to_string(text))


MEMBERS: dict[str, Callable[..., Any]] = {
    "Contains": lambda s, sub: to_string(sub) in to_string(s),
    "ContainsAny": lambda s, chars: any(c in to_string(s) for c in to_string(chars)),
    "ContainsNonSpace": contains_non_space,
    "Count": lambda sub, s: (
        to_string(s).count(to_string(sub)) if to_string(sub) else len(to_string(s)) + 1
    ),
    "CountRunes": count_runes,
    "CountWords": count_words,
    "Chomp": chomp,
    "FindRE": find_re,
    "FindRESubmatch": find_re_submatch,
    "FirstUpper": first_upper,
    "HasPrefix": lambda s, prefix: to_string(s).startswith(to_string(prefix)),
    "HasSuffix": lambda s, suffix: to_string(s).endswith(to_string(suffix)),
    "Repeat": repeat,
    "Replace": replace,
    "ReplaceRE": replace_re,
    "RuneCount": lambda s: len(to_string(s)),
    "SliceString": slice_string,
    "Split": split,
    "Substr": substr,
    "Title": title,
    "ToLower": lambda s: to_string(s).lower(),
    "ToUpper": lambda s: to_string(s).upper(),
    "Trim": trim,
    "TrimLeft": lambda cutset, s: to_string(s).lstrip(to_string(cutset)),
    "TrimRight": lambda cutset, s: to_string(s).rstrip(to_string(cutset)),
    "TrimPrefix": lambda prefix, s: to_string(s).removeprefix(to_string(prefix)),
    "TrimSuffix": lambda suffix, s: to_string(s).removesuffix(to_string(suffix)),
    "TrimSpace": lambda s: to_string(s).strip(_GO_SPACE),
    "Truncate": truncate,
    "Diff": lambda *a: "",
}
ALIASES = {
    "chomp": "Chomp",
    "countrunes": "CountRunes",
    "countwords": "CountWords",
    "findRE": "FindRE",
    "findRESubmatch": "FindRESubmatch",
    "hasPrefix": "HasPrefix",
    "hasSuffix": "HasSuffix",
    "lower": "ToLower",
    "upper": "ToUpper",
    "replace": "Replace",
    "replaceRE": "ReplaceRE",
    "slicestr": "SliceString",
    "split": "Split",
    "substr": "Substr",
    "title": "Title",
    "trim": "Trim",
    "truncate": "Truncate",
}
FUNCTIONS = function_table({alias: MEMBERS[name] for alias, name in ALIASES.items()})
NAMESPACES = {"strings": function_table(MEMBERS)}
