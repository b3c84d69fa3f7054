"""The speed-ups of render/md/dispatch.py and render/md/plain_inline.py change no output.

Each input of the Hugo comparison fixtures is rendered by the configured parser and by
the same parser with markdown-it's own rule chains and core `inline` rule restored;
the HTML must be identical, under Hugo's defaults and under settings that add rules.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.rules_core import inline as markdown_it_inline

from postedit.render.config import (
    DEFAULT_MARKUP,
    ExtrasConfig,
    MarkupConfig,
    PassthroughConfig,
    TypographerConfig,
)
from postedit.render.markdown import markdown_parser
from postedit.render.md.inline_text import TextRule

FIXTURES = Path(__file__).parent / "fixtures" / "markdown"
FUZZ = json.loads((FIXTURES / "fuzz_cases.json").read_text(encoding="utf-8"))
CASES = (FIXTURES / "hugo_cases.md").read_text(encoding="utf-8").split("\n~~~~~~~~ case ~~~~~~~~\n")
TEXTS = [*CASES, *FUZZ["inline"], *FUZZ["blocks"], *FUZZ["headings"]]
HAND_PICKED = [
    "para\n- item\n- | -\n\nnext\n| a |\n|:-|\n",
    "Term\n\n: def\n\npara\n~ tilde\n\nx\n:  y\n",
    "a\n---\nb\n===\n   -\n",
    "-x a-b a--b a---b a----b -- - http://x.org-y a -www.x.org\n\n[a-]-(b-) *-*-\n",
    "* * *\n- - -\n_\t_ _  \n-- -\n- -x\n***a\n",
    "    code\n- \n1. one\n2) two\n",
    "plain words only\n\nhttp://x.org starts\n\nwww.x.org\n\nme@x.org\n",
    # Longer than the scan for underlines and definition markers looks ahead.
    "".join(f"line {n}\n" for n in range(40)) + "===\n\n" + "x\n" * 40 + ": def\n",
    "".join(f"- item {n}\n" for n in range(40)) + "---\n: not a definition\n",
    "a ==mark== ++ins++ ^sup^ ~sub~ ~~del~~ $x$ $$y$$\n",
]

CONFIGS = {
    "defaults": DEFAULT_MARKUP,
    "extras": MarkupConfig(
        strikethrough=False,
        extras=ExtrasConfig(delete=True, insert=True, mark=True, subscript=True, superscript=True),
        passthrough=PassthroughConfig(enabled=True, inline=(("$", "$"),), block=(("$$", "$$"),)),
        attribute_block=True,
        typographer=TypographerConfig(enabled=False),
        linkify=False,
    ),
    "plain": MarkupConfig(
        table=False, footnote=False, definition_list=False, task_list=False, unsafe=True
    ),
}


def without_speedups(config: MarkupConfig) -> MarkdownIt:
    md = markdown_parser.__wrapped__(config)
    ellipsis = config.typographer.enabled and bool(config.typographer.ellipsis)
    # A text rule that stops at every terminator, a lone `-` too; the rule chains
    # recompiled from the rules (no dispatch); markdown-it's own core inline rule.
    md.inline.ruler.at("text", TextRule(md, linkify=config.linkify, ellipsis=ellipsis))
    md.block.ruler.__cache__ = None
    md.core.ruler.at("inline", markdown_it_inline)
    return md


@pytest.mark.parametrize("name", CONFIGS)
def test_same_html_as_markdown_it_alone(name: str) -> None:
    config = CONFIGS[name]
    fast = markdown_parser(config)
    slow = without_speedups(config)
    assert fast.block.ruler.getRules("") != slow.block.ruler.getRules("")
    differing = [text for text in TEXTS + HAND_PICKED if fast.render(text) != slow.render(text)]
    assert differing == []


def test_plain_inline_content_is_one_text_token() -> None:
    tokens = markdown_parser(DEFAULT_MARKUP).parse("Plain words, only letters\n")
    children = tokens[1].children or []
    assert [(t.type, t.content) for t in children] == [("text", "Plain words, only letters")]
