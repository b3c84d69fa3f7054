"""Heading ids as Hugo makes them: the three id types, dedup and explicit ids (no Hugo needed)."""

from __future__ import annotations

import pytest

from postedit.render.config import MarkupConfig
from postedit.render.markdown import render_markdown
from postedit.render.md.ids import IdFactory, sanitize_anchor_name


@pytest.mark.parametrize(
    ("text", "id_type", "expected"),
    [
        ("Héllo & wörld", "github", "héllo--wörld"),
        ("Héllo & wörld", "github-ascii", "hello--world"),
        ("Héllo & wörld", "blackfriday", "héllo-wörld"),
        ("日本語 title", "github", "日本語-title"),
        ("日本語 title", "github-ascii", "-title"),
        ("under_score and-dash", "github", "under_score-and-dash"),
        ("C++ & C#", "github", "c--c"),
        ("C++ & C#", "blackfriday", "c-c"),
        ("  Trailing!  ", "blackfriday", "trailing"),
        ("Ωmega 123", "github", "ωmega-123"),
        ("emoji 😀 ok", "github", "emoji--ok"),
    ],
)
def test_sanitize_anchor_name(text: str, id_type: str, expected: str) -> None:
    assert sanitize_anchor_name(text, id_type) == expected


def test_duplicates_take_the_next_free_number() -> None:
    ids = IdFactory()
    assert [ids.generate(t) for t in ("Same", "Same-1", "Same", "Same")] == [
        "same",
        "same-1",
        "same-2",
        "same-3",
    ]


def test_nothing_left_becomes_heading() -> None:
    ids = IdFactory()
    assert ids.generate("!!!") == "heading"
    assert ids.generate("???") == "heading-1"


def test_explicit_ids_are_reserved_in_document_order_but_never_renamed() -> None:
    text = "## y {#my-id}\n\n## my-id\n\n## Dup {#dup}\n\n## Dup {#dup}\n"
    ids = [h.id for h in render_markdown(text).headings]
    assert ids == ["my-id", "my-id-1", "dup", "dup"]


def test_an_auto_id_before_an_explicit_one_keeps_its_name() -> None:
    ids = [h.id for h in render_markdown("## Intro\n\n## Other {#intro}\n").headings]
    assert ids == ["intro", "intro"]


def test_id_comes_from_the_text_not_the_markup() -> None:
    text = "## [link](http://x.com) *em* `code` ![alt](a.png) <span>raw</span>\n"
    assert render_markdown(text).headings[0].id == "link-em-code-alt-raw"


def test_autolinks_and_typography_add_nothing_to_the_id() -> None:
    heading = render_markdown('## www.example.com "it\'s" -- x\n').headings[0]
    assert heading.id == "its--x"


def test_setext_heading_id_comes_from_its_last_line() -> None:
    assert render_markdown("First\nsecond line\n===\n").headings[0].id == "second-line"


def test_attributes_keep_source_order_and_the_auto_id_comes_last() -> None:
    html = render_markdown("## Title {.a #b data-x=y .c}\n\n## Other {.only}\n").html
    assert '<h2 class="a c" id="b" data-x="y">Title</h2>' in html
    assert '<h2 class="only" id="other">Other</h2>' in html


def test_ids_off_and_attributes_off() -> None:
    config = MarkupConfig(auto_heading_id=False, attribute_title=False)
    assert render_markdown("## Title {#x}\n", config).html == "<h2>Title {#x}</h2>\n"


def test_shortcode_placeholders_survive_in_ids() -> None:
    # Hugo computes ids before shortcodes are substituted: the token shows, lower-cased.
    heading = render_markdown("## Hello HAHAHUGOSHORTCODE2s0HBHB world\n").headings[0]
    assert heading.id == "hello-hahahugoshortcode2s0hbhb-world"
    assert heading.html == "Hello HAHAHUGOSHORTCODE2s0HBHB world"
