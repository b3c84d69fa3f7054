"""Heading ids as Hugo's Goldmark makes them: the three `autoHeadingIDType`s and dedup.

Hugo sanitises the heading's plain text (see `heading_text` in `headings.py`) and
makes ids unique across the document with `-1`, `-2`, ...; explicit `{#id}` ids are
reserved as they are met, in document order, but never renamed themselves.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


def _is_alphanumeric(char: str) -> bool:
    # Go's unicode.IsLetter (category L*) or unicode.IsDigit (Nd), plus '_'.
    if char.isascii():
        return char.isalnum() or char == "_"
    category = unicodedata.category(char)
    return category[0] == "L" or category == "Nd"


def _lower(char: str) -> str:
    lowered = char.lower()
    # Go's unicode.ToLower maps one rune to one rune.
    return lowered if len(lowered) == 1 else char


def remove_accents(text: str) -> str:
    """Hugo's text.RemoveAccents: decompose, drop combining marks, recompose."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", stripped)


@lru_cache(maxsize=4096)
def sanitize_anchor_name(text: str, id_type: str = "github") -> str:
    """The anchor Hugo derives from `text` (before dedup; "" when nothing is left)."""
    if id_type == "blackfriday":
        return _blackfriday(text)
    ascii_only = id_type == "github-ascii"
    if ascii_only:
        text = remove_accents(text)
    out: list[str] = []
    for char in text:
        if ascii_only and not char.isascii():
            continue
        if char in "- \t":
            out.append("-")
        elif _is_alphanumeric(char):
            out.append(_lower(char))
    return "".join(out)


def _blackfriday(text: str) -> str:
    out: list[str] = []
    future_dash = False
    for char in text:
        category = unicodedata.category(char)
        if category[0] in "LN":
            if future_dash and out:
                out.append("-")
            future_dash = False
            out.append(_lower(char))
        else:
            future_dash = True
    return "".join(out)


class IdFactory:
    """Hands out unique ids for one document, as Goldmark's parser context does in Hugo."""

    def __init__(self, id_type: str = "github") -> None:
        self.id_type = id_type
        self._taken: set[str] = set()

    def generate(self, text: str) -> str:
        """A fresh id for a heading whose plain text is `text`."""
        base = sanitize_anchor_name(text, self.id_type) or "heading"
        candidate = base
        number = 0
        while candidate in self._taken:
            number += 1
            candidate = f"{base}-{number}"
        self._taken.add(candidate)
        return candidate

    def put(self, explicit: str) -> None:
        """Reserve an id the writer gave explicitly (`{#id}`)."""
        self._taken.add(explicit)
