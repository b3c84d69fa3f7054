"""render_markdown beyond Hugo comparisons: preview lines, placeholders, divider, config."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from postedit.render.config import DEFAULT_MARKUP, MarkupConfig, TocConfig
from postedit.render.content import render_content, render_post
from postedit.render.markdown import markdown_parser, render_markdown

FIXTURES = Path(__file__).parent / "fixtures" / "markdown"
CASES = (FIXTURES / "hugo_cases.md").read_text(encoding="utf-8").split("\n~~~~~~~~ case ~~~~~~~~\n")
DATA_LINE = re.compile(r' data-line="\d+"')


@pytest.mark.parametrize("index", range(len(CASES)))
def test_preview_differs_only_by_data_line(index: int) -> None:
    text = CASES[index]
    plain = render_markdown(text)
    preview = render_markdown(text, preview=True)
    assert DATA_LINE.sub("", preview.html) == plain.html
    assert preview.headings == plain.headings


def test_preview_lines_are_the_source_lines() -> None:
    text = "# Title\n\nPara\ngraph\n\n- item\n\n> quote\n\n| a |\n|---|\n| b |\n\n```\ncode\n```\n"
    html = render_markdown(text, preview=True).html
    assert '<h1 id="title" data-line="0">' in html
    assert '<p data-line="2">Para' in html
    assert '<ul data-line="5">' in html and '<li data-line="5">' in html
    assert '<blockquote data-line="7">' in html
    assert '<table data-line="9">' in html
    assert '<pre tabindex="0" data-line="13">' in html or '<pre data-line="13"' in html


def test_line_of_maps_lines() -> None:
    html = render_markdown("a\n\nb\n", preview=True, line_of=lambda n: n + 10).html
    assert html == '<p data-line="10">a</p>\n<p data-line="12">b</p>\n'


def test_heading_lines_go_through_line_of() -> None:
    headings = render_markdown("x\n\n## H\n", line_of=lambda n: n * 2).headings
    assert headings[0].line == 4


PLACEHOLDER = "HAHAHUGOSHORTCODE12s0HBHB"


@pytest.mark.parametrize(
    "text",
    [
        f"{PLACEHOLDER}\n",
        f'"Quoted {PLACEHOLDER}" it\'s -- {PLACEHOLDER}...\n',
        f"www.example.com/{PLACEHOLDER} and {PLACEHOLDER}@x\n",
        f"*{PLACEHOLDER}* __{PLACEHOLDER}__ ~{PLACEHOLDER}~\n",
        f"- [ ] {PLACEHOLDER}\n\n| {PLACEHOLDER} |\n|---|\n",
        f"Term\n: {PLACEHOLDER}\n\n[^1]: {PLACEHOLDER}\n\nx[^1]\n",
    ],
)
def test_shortcode_placeholders_pass_through_untouched(text: str) -> None:
    html = render_markdown(text).html
    found = re.findall(r"HAHA\w*?HBHB", html)
    # Every token survives whole (a link repeats it in its href).
    assert set(found) == {PLACEHOLDER}
    assert len(found) >= text.count(PLACEHOLDER)


def test_summary_divider_is_only_an_html_comment_to_markdown() -> None:
    # The page lexer takes the first `<!--more-->` (render/content.py); any divider
    # that reaches Goldmark is an HTML comment: dropped, ending nothing but as HTML does.
    assert render_markdown("a <!--more--> b\n").html == "<p>a  b</p>\n"
    assert render_markdown("a\n<!--more-->\nb\n").html == "<p>a</p>\n<p>b</p>\n"
    assert render_markdown("> a\n> <!--more-->\n> b\n").html == (
        "<blockquote>\n<p>a</p>\n<p>b</p>\n</blockquote>\n"
    )
    code = render_markdown("```\n<!--more-->\n```\n").html
    assert "&lt;!--more--&gt;" in code


def test_only_the_first_summary_divider_divides_the_page() -> None:
    text = "a\n\n<!--more-->\n\nb\n\n<!--more-->\n\nc after <!--more--> inline\n"
    assert render_content(text) == "<p>a</p>\n<p>b</p>\n<p>c after  inline</p>"
    assert render_content("a <!--more--> b <!--more--> c\n") == "<p>a</p>\n<p>b  c</p>"


def test_summary_divider_keeps_preview_lines() -> None:
    html = render_post("a <!--more--> b\n\nc <!--more--> d\n", preview=True).html
    assert html == '<p data-line="0">a</p>\n<p data-line="0">b</p>\n<p data-line="2">c  d</p>'


def test_raw_html_omitted_or_passed() -> None:
    text = "<div>x</div>\n\na <b>b</b> <!-- c -->\n"
    assert render_markdown(text).html == (
        "<!-- raw HTML omitted -->\n<p>a <!-- raw HTML omitted -->b<!-- raw HTML omitted --> </p>\n"
    )
    unsafe = MarkupConfig(unsafe=True)
    assert render_markdown(text, unsafe).html == "<div>x</div>\n<p>a <b>b</b> <!-- c --></p>\n"


def test_dangerous_links_are_emptied_unless_unsafe() -> None:
    assert render_markdown("[x](javascript:alert(1))\n").html == '<p><a href="">x</a></p>\n'
    unsafe = render_markdown("[x](javascript:alert(1))\n", MarkupConfig(unsafe=True)).html
    assert 'href="javascript:alert(1)"' in unsafe


def test_parser_is_cached_per_config() -> None:
    assert markdown_parser(DEFAULT_MARKUP) is markdown_parser(MarkupConfig())
    assert markdown_parser(MarkupConfig(unsafe=True)) is not markdown_parser(DEFAULT_MARKUP)


def test_from_mappings_reads_hugo_keys() -> None:
    config = MarkupConfig.from_mappings(
        {
            "renderer": {"unsafe": True, "hardwraps": True},
            "parser": {"autoheadingidtype": "github-ascii", "attribute": {"block": True}},
            "extensions": {
                "typographer": {"disable": False, "ellipsis": "..."},
                "passthrough": {"enable": True, "delimiters": {"inline": [["$", "$"]]}},
                "linkifyprotocol": "http",
            },
        },
        {},
        {"startlevel": 1, "endlevel": 4, "ordered": True},
    )
    assert config.unsafe and config.hard_wraps and config.attribute_block
    assert config.auto_heading_id_type == "github-ascii"
    assert config.typographer.ellipsis == "..." and config.typographer.enabled
    assert config.passthrough.inline == (("$", "$"),)
    assert config.linkify_protocol == "http"
    assert config.toc == TocConfig(1, 4, True)
    assert MarkupConfig.from_mappings({}) == DEFAULT_MARKUP


def test_from_site(demo_site: Path) -> None:
    from postedit.core.site import Site

    config = MarkupConfig.from_site(Site.open(demo_site))
    assert isinstance(config, MarkupConfig)
    hash(config)


def test_passthrough_keeps_delimited_text() -> None:
    config = MarkupConfig.from_mappings(
        {
            "extensions": {
                "passthrough": {
                    "enable": True,
                    "delimiters": {"inline": [["\\(", "\\)"]], "block": [["$$", "$$"]]},
                }
            }
        }
    )
    html = render_markdown("a \\(x_1 * y_2\\) b\n\n$$\na_1 * b_2\n$$\n", config).html
    assert "\\(x_1 * y_2\\)" in html
    assert "$$\na_1 * b_2\n$$" in html


def test_joined_definition_lists_map_all_their_lines() -> None:
    # Goldmark continues a definition list after a paragraph of terms; the joined
    # list's opening token must span both parts (the incremental renderer cuts there).
    tokens = markdown_parser(DEFAULT_MARKUP).parse("T\n: a\n\nU\nV\n: b\n\nafter\n")
    lists = [token for token in tokens if token.type == "dl_open"]
    assert [token.map for token in lists] == [[0, 7]]
