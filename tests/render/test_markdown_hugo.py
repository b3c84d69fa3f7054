"""postedit's Markdown against the real Hugo, case by case, under Hugo's defaults.

The inputs live in fixtures/markdown/hugo_cases.md; Hugo renders them all in one
build per module, so each case is a cheap comparison of `.Content` and
`.TableOfContents` with `render_markdown` and `table_of_contents`. The summary
divider cases go through `render_content`: Hugo's page lexer, not Goldmark, takes the
first `<!--more-->`; later ones are HTML comments to Goldmark.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from postedit.render.content import render_content, render_post
from postedit.render.markdown import render_markdown
from postedit.render.toc import table_of_contents
from tests.hugo_reference import HugoPage, find_hugo, render_with_hugo

FIXTURES = Path(__file__).parent / "fixtures" / "markdown"
SEPARATOR = "\n~~~~~~~~ case ~~~~~~~~\n"
CASES = (FIXTURES / "hugo_cases.md").read_text(encoding="utf-8").split(SEPARATOR)

DIVIDER_CASES = {
    "several": "a\n\n<!--more-->\n\nb\n\n<!--more-->\n\nc after <!--more--> inline\n",
    "in-paragraphs": "a\n<!--more-->\nb\n\nc\n<!--more-->\nd\n",
    "inline": "a <!--more--> b\n\nc <!--more--> d\n",
    "twice-inline": "a <!--more--> b <!--more--> c\n",
    "text-after-on-line": "x\n\n<!--more-->\n\n<!--more-->text after\n\nz\n",
    "in-code": "```\n<!--more-->\n```\n\na\n\n```\n<!--more-->\n```\n",
    "indented": "a\n\n<!--more-->\n\n    <!--more-->\n\nb\n",
    "list": "- a\n\n<!--more-->\n\n- b <!--more--> c\n- <!--more-->\n",
    "quote": "q\n\n<!--more-->\n\n> a\n> <!--more-->\n> b\n",
    "heading": "a\n\n<!--more-->\n\n# H <!--more--> x\n\ntext\n",
    "last-line": "a\n\n<!--more-->\n\nb\n<!--more-->",
    "table": "a\n<!--more-->\n| a | b |\n|---|---|\n| 1 <!--more--> | 2 |\n<!--more-->\nz\n",
    "setext": "a\n\n<!--more-->\n\nfoo\n<!--more-->\n---\n",
    "no-final-newline": "a <!--more--> b",
    "after-quote": "> q\n<!--more-->\nb\n",
}

pytestmark = pytest.mark.skipif(find_hugo() is None, reason="no Hugo binary")


@pytest.fixture(scope="module")
def hugo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, HugoPage]:
    pages = {f"case-{index}": text for index, text in enumerate(CASES)}
    pages |= {f"divider-{name}": text for name, text in DIVIDER_CASES.items()}
    return render_with_hugo(pages, tmp_path_factory.mktemp("hugo") / "site")


@pytest.mark.parametrize("index", range(len(CASES)), ids=lambda i: f"case-{i}")
def test_content_and_toc_equal_hugo(hugo: dict[str, HugoPage], index: int) -> None:
    text = CASES[index]
    expected = hugo[f"case-{index}"]
    if "<!--more-->" in text:
        # Hugo's page lexer, not Goldmark, takes the first divider: render/content.py.
        post = render_post(text)
        html, toc = post.html, post.toc
    else:
        rendered = render_markdown(text)
        html, toc = rendered.html, table_of_contents(rendered.headings)
    assert html == expected.content, text
    assert toc == expected.toc, text


@pytest.mark.parametrize("name", DIVIDER_CASES)
def test_summary_dividers_equal_hugo(hugo: dict[str, HugoPage], name: str) -> None:
    assert render_content(DIVIDER_CASES[name]) == hugo[f"divider-{name}"].content
