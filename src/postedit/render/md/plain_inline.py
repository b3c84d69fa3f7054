"""Inline content where no inline rule can start becomes one text token, unparsed.

Most list items and many short paragraphs are plain words. markdown-it still builds
an inline state for each, runs its rule loop and four post-processing rules, to end
with the single text token this module makes directly. The test is the one the text
rule itself makes: where it finds no stop, nothing but the text rule runs after the
first character, and at the first character only the rules ordered before it.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from postedit.render.md.inline_text import TextRule
from postedit.render.md.linkify import may_start_link

# Post-processing rules that change nothing without delimiters and with one text token.
_IDLE_WITHOUT_DELIMITERS = frozenset(
    {"balance_pairs", "strikethrough", "emphasis", "fragments_join"}
)


def install(md: MarkdownIt) -> None:
    """Replace the core `inline` rule, when the inline rules are ones this module knows."""
    names = [rule.name for rule in md.inline.ruler.__rules__ if rule.enabled]
    if "text" not in names:
        return
    text_rule = md.inline.ruler.__rules__[md.inline.ruler.__find__("text")].fn
    before_text = set(names[: names.index("text")])
    after = {rule.name for rule in md.inline.ruler2.__rules__ if rule.enabled}
    if (
        not isinstance(text_rule, TextRule)
        or not before_text <= {"goldmark_linkify"}
        or not after <= _IDLE_WITHOUT_DELIMITERS
    ):
        return
    linkify = "goldmark_linkify" in before_text
    stops = text_rule.stops

    def inline(state: StateCore) -> None:
        parse = state.md.inline.parse
        pattern = stops()
        for token in state.tokens:
            if token.type != "inline":
                continue
            if token.children is None:
                token.children = []
            content = token.content
            if (
                content
                and not pattern.search(content)
                and not (linkify and may_start_link(content))
            ):
                text = Token("text", "", 0)
                text.content = content
                token.children.append(text)
            else:
                parse(content, state.md, state.env, token.children)

    md.core.ruler.at("inline", inline)
