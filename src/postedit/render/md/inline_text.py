"""A text rule that stops where Goldmark's typographer and linkify look.

markdown-it only tries inline rules where its text rule stops: at terminator
characters. Goldmark's typographer reacts to quotes and dots, so those become
terminators; its linkify looks at every word start after whitespace, `(`, `*`,
`_` or `~`, which would make every space a stop and slow parsing down. Instead,
this text rule also stops right before a word that could start a link
(`http:`, `https:`, `ftp:`, `www.`, or something with an `@`), so the linkify
rule runs only there.
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

# The typographer's `.` only matters as `...`, so dots stop the text rule only there.
TYPOGRAPHER_TRIGGERS = "'\"<>-"

# A word start after whitespace, `(`, or an emphasis marker that could begin a link.
_LINK_START = r"(?<=[ \n(*_~])(?:https?:|ftp:|www\.|[A-Za-z0-9.!#$%&'+/=?^`{|}\-]+@)"


def add_terminators(md: MarkdownIt, chars: str) -> None:
    """Stop the text rule before each of `chars`."""
    for char in chars:
        md.inline.add_terminator_char(char)


class TextRule:
    """markdown-it's text rule, also stopping before `...` and possible links.

    One regex finds the next stop of any kind; it is built on first use, after
    every plugin has registered its terminators.
    """

    def __init__(self, md: MarkdownIt, *, linkify: bool, ellipsis: bool) -> None:
        self._inline = md.inline
        self._linkify = linkify
        self._ellipsis = ellipsis
        self._lone_dashes = True
        self._stops: re.Pattern[str] | None = None

    def skip_lone_dashes(self) -> None:
        """Stop at `--` but not at a single `-`: for when no inline rule but the
        typographer's dashes can start at a `-` (render/md/dispatch.py knows)."""
        self._lone_dashes = False
        self._stops = None

    def stops(self) -> re.Pattern[str]:
        """Where the rule stops: where some other inline rule may start."""
        if self._stops is None:
            terminators = self._inline.terminator_re.pattern
            parts = [terminators if self._lone_dashes else f"(?!-){terminators}|--"]
            if self._ellipsis:
                parts.append(r"\.\.\.")
            if self._linkify:
                parts.append(_LINK_START)
            self._stops = re.compile("|".join(parts))
        return self._stops

    def __call__(self, state: StateInline, silent: bool) -> bool:
        pos = state.pos
        found = self.stops().search(state.src, pos, state.posMax)
        end = found.start() if found else state.posMax
        if end == pos:
            return False
        if not silent:
            state.pending += state.src[pos:end]
        state.pos = end
        return True


def install_text_rule(md: MarkdownIt, *, linkify: bool, ellipsis: bool) -> None:
    """Replace markdown-it's text rule."""
    md.inline.ruler.at("text", TextRule(md, linkify=linkify, ellipsis=ellipsis))
