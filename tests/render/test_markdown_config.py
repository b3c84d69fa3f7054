"""`[markup.goldmark]` and `[markup.tableOfContents]` settings, checked against real Hugo.

One Hugo build per configuration (module-scoped), each rendering the same inputs;
`MarkupConfig.from_mappings` reads the same TOML postedit would read from a site.
"""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from postedit.render.config import MarkupConfig
from postedit.render.markdown import render_markdown
from postedit.render.toc import table_of_contents
from tests.hugo_reference import HugoPage, find_hugo, render_with_hugo

pytestmark = pytest.mark.skipif(find_hugo() is None, reason="no Hugo binary")

INPUTS = [
    "# Héllo Wörld & Ça va?\n\n## Héllo Wörld & Ça va?\n\n## 日本語 title\n\n### Deep\n\n#### Deeper\n\n##### Five\n",
    "line one\nline two  \nthree\n\n***\n\n![a](b.png)\n\n<div>x</div>\n\nx <b>y</b> <!-- c -->\n",
    "\"Quote\" it's -- and --- ... <<a>> 'single'\n\nwww.example.com https://x.org\n",
    "- [ ] task\n\nTerm\n: def\n\n| a |\n|---|\n| b |\n\n~~del~~ ~one~ x[^1]\n\n[^1]: n\n",
    "```\nplain fence\n```\n\n    indented\n",
    "## A {#custom .c}\n\n## custom\n\n#### Skipped to four\n\n## Back\n",
    "Para text\n{.cls #pid}\n\n- a\n- b\n{.list}\n\n> quote\n{.q}\n\n| a |\n|---|\n| b |\n{.tbl}\n\n```\ncode\n```\n{.c}\n\n## Head\n{.h}\n\n***\n{.hr}\n\nText {.inline} end\n\n{.alone}\n",
    "Para\n\n{.after-blank}\n\n- item\n  {.in-item}\n\n# H {#x}\n{#y .z}\n\n> q\n>\n> {.inner}\n\n{.first}\n\nTerm\n: def\n{.dl}\n\nText\n{bad attr\n",
    "Term One\n: def\n\nTerm & Two\n: def2\n\n## Term One\n",
    "~~del~~ ++ins++ ==mark== H~2~O x^2^ ~sub~ a~b c~d\n\n## ==Marked== ++ins++ H~2~O x^2^\n",
    "Text ~~a~~ ~b~ ^c^ ^^no^^ ==a==b== +++x+++ 2^10^ and ^ alone\n",
    "Inline \\(a_1 * b_2\\) and $x^2$ here.\n\n$$\na_1 * b_2\n$$\n\n\\[\nx = *y*\n\\]\n\nText $$inline block$$ end\n\n- item $z_1$\n",
    "$$ a * b $$\n\nno $ closing\n",
]

CONFIGS = {
    "unsafe-xhtml-hardwraps": """
[markup.goldmark.renderer]
unsafe = true
hardWraps = true
xhtml = true
[markup.goldmark.parser]
autoHeadingIDType = "github-ascii"
wrapStandAloneImageWithinParagraph = false
[markup.goldmark.extensions]
linkifyProtocol = "http"
[markup.goldmark.extensions.typographer]
leftDoubleQuote = "&laquo;"
rightDoubleQuote = "&raquo;"
apostrophe = "'"
[markup.tableOfContents]
startLevel = 1
endLevel = 4
ordered = true
""",
    "extensions-off": """
[markup.goldmark.parser]
autoHeadingIDType = "blackfriday"
[markup.goldmark.extensions]
linkify = false
table = false
strikethrough = false
taskList = false
footnote = false
definitionList = false
[markup.goldmark.extensions.typographer]
disable = true
[markup.tableOfContents]
endLevel = -1
""",
    "block-attributes": """
[markup.goldmark.parser]
autoDefinitionTermID = true
[markup.goldmark.parser.attribute]
block = true
""",
    "extras": """
[markup.goldmark.extensions]
strikethrough = false
[markup.goldmark.extensions.extras.delete]
enable = true
[markup.goldmark.extensions.extras.insert]
enable = true
[markup.goldmark.extensions.extras.mark]
enable = true
[markup.goldmark.extensions.extras.subscript]
enable = true
[markup.goldmark.extensions.extras.superscript]
enable = true
""",
    "passthrough": """
[markup.goldmark.extensions.passthrough]
enable = true
[markup.goldmark.extensions.passthrough.delimiters]
block = [['\\[', '\\]'], ['$$', '$$']]
inline = [['\\(', '\\)'], ['$', '$']]
""",
    "no-ids-no-attributes": """
[markup.goldmark.parser]
autoHeadingID = false
[markup.goldmark.parser.attribute]
title = false
[markup.tableOfContents]
startLevel = 3
""",
}


def _lower(value: Any) -> Any:
    if isinstance(value, dict):
        return {key.lower(): _lower(item) for key, item in value.items()}
    return value


def markup_config(toml: str) -> MarkupConfig:
    markup = _lower(tomllib.loads(toml)).get("markup", {})
    return MarkupConfig.from_mappings(
        markup.get("goldmark", {}), markup.get("highlight", {}), markup.get("tableofcontents", {})
    )


@pytest.fixture(scope="module", params=sorted(CONFIGS))
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    toml = CONFIGS[request.param]
    pages = {f"input-{index}": text for index, text in enumerate(INPUTS)}
    hugo = render_with_hugo(pages, tmp_path_factory.mktemp("hugo") / "site", config=toml)
    return markup_config(toml), hugo


@pytest.mark.parametrize("index", range(len(INPUTS)))
def test_matches_hugo_under_config(
    built: tuple[MarkupConfig, dict[str, HugoPage]], index: int
) -> None:
    config, hugo = built
    expected = hugo[f"input-{index}"]
    rendered = render_markdown(INPUTS[index], config)
    assert rendered.html == expected.content
    assert table_of_contents(rendered.headings, config.toc) == expected.toc


def test_config_is_hashable_and_parsers_are_cached() -> None:
    from postedit.render.markdown import markdown_parser

    first = markup_config(CONFIGS["extensions-off"])
    second = markup_config(CONFIGS["extensions-off"])
    assert first == second and hash(first) == hash(second)
    assert markdown_parser(first) is markdown_parser(second)
    assert not first.table and not first.typographer.enabled
    assert first.auto_heading_id_type == "blackfriday"
    assert first.toc.end_level == -1
