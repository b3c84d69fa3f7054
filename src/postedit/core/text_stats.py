"""Words and reading time of a post's Markdown body, for the status bar.

Counts what a reader reads: Markdown syntax, shortcode calls, HTML tags, link
targets and front matter are not words. Reading time follows Hugo's
`.ReadingTime` (words / 213 per minute, rounded up), so the status bar agrees
with what a theme shows under the post.
"""

from __future__ import annotations

import re
from typing import NamedTuple

HUGO_WORDS_PER_MINUTE = 213

_SHORTCODE = re.compile(r"\{\{[<%].*?[>%]\}\}", re.DOTALL)
_HTML_TAG = re.compile(r"<[^>\n]*>")
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)")
_FENCE_LINE = re.compile(r"^[ \t]*(```|~~~).*$", re.MULTILINE)
_LIST_NUMBER = re.compile(r"^[ \t>]*\d+[.)][ \t]", re.MULTILINE)
# A word: letters, digits or underscores, joined by apostrophes or hyphens ("don't", "e-mail").
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")


class TextStats(NamedTuple):
    words: int
    reading_minutes: int


def count_words(markdown: str) -> int:
    """The number of words a reader sees in `markdown`."""
    text = _SHORTCODE.sub(" ", markdown)
    text = _LINK_TARGET.sub("]", text)
    text = _HTML_TAG.sub(" ", text)
    text = _FENCE_LINE.sub(" ", text)
    text = _LIST_NUMBER.sub(" ", text)
    return sum(1 for _ in _WORD.finditer(text))


def reading_minutes(words: int) -> int:
    """Hugo's `.ReadingTime` for this many words: whole minutes, rounded up."""
    return (words + HUGO_WORDS_PER_MINUTE - 1) // HUGO_WORDS_PER_MINUTE


def text_stats(markdown: str) -> TextStats:
    words = count_words(markdown)
    return TextStats(words, reading_minutes(words))


def describe(stats: TextStats) -> tuple[str, str]:
    """Status-bar wording: ("1,234 words", "6 min read")."""
    noun = "word" if stats.words == 1 else "words"
    minutes = max(stats.reading_minutes, 1) if stats.words else 0
    return f"{stats.words:,} {noun}", f"{minutes} min read"
