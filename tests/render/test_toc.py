"""`.TableOfContents` from headings: Hugo's nesting, levels and layout (no Hugo needed)."""

from __future__ import annotations

from postedit.render.config import TocConfig
from postedit.render.markdown import Heading, render_markdown
from postedit.render.toc import table_of_contents


def h(level: int, name: str) -> Heading:
    return Heading(level, name.lower(), name, 0)


def test_no_headings_gives_the_empty_nav() -> None:
    assert table_of_contents([]) == '<nav id="TableOfContents"></nav>'
    assert table_of_contents([h(1, "Only")]) == '<nav id="TableOfContents"></nav>'


def test_default_levels_two_and_three_nested() -> None:
    toc = table_of_contents([h(2, "A"), h(3, "B"), h(2, "C")])
    assert toc == (
        '<nav id="TableOfContents">\n'
        "  <ul>\n"
        '    <li><a href="#a">A</a>\n'
        "      <ul>\n"
        '        <li><a href="#b">B</a></li>\n'
        "      </ul>\n"
        "    </li>\n"
        '    <li><a href="#c">C</a></li>\n'
        "  </ul>\n"
        "</nav>"
    )


def test_a_skipped_level_leaves_an_empty_item() -> None:
    toc = table_of_contents([h(2, "A"), h(4, "D")], TocConfig(end_level=4))
    assert toc == (
        '<nav id="TableOfContents">\n'
        "  <ul>\n"
        '    <li><a href="#a">A</a>\n'
        "      <ul>\n"
        "        <li>\n"
        "          <ul>\n"
        '            <li><a href="#d">D</a></li>\n'
        "          </ul>\n"
        "        </li>\n"
        "      </ul>\n"
        "    </li>\n"
        "  </ul>\n"
        "</nav>"
    )


def test_deeper_than_end_level_leaves_an_empty_list_item() -> None:
    # Hugo's own output for ## H2 / #### H4 with the default levels.
    toc = table_of_contents([h(1, "H1"), h(2, "H2"), h(4, "H4")])
    assert toc == (
        '<nav id="TableOfContents">\n'
        "  <ul>\n"
        '    <li><a href="#h2">H2</a>\n'
        "      <ul>\n"
        "        <li></li>\n"
        "      </ul>\n"
        "    </li>\n"
        "  </ul>\n"
        "</nav>"
    )


def test_ordered_and_start_level_one() -> None:
    toc = table_of_contents([h(1, "T"), h(2, "S")], TocConfig(start_level=1, ordered=True))
    assert toc.startswith('<nav id="TableOfContents">\n  <ol>\n    <li><a href="#t">T</a>')
    assert "<ul>" not in toc


def test_end_level_minus_one_includes_everything() -> None:
    toc = table_of_contents(
        [h(2, "A"), h(3, "B"), h(4, "C"), h(5, "D"), h(6, "E")], TocConfig(end_level=-1)
    )
    assert all(f'href="#{x}"' in toc for x in "abcde")


def test_heading_titles_keep_inline_markup_but_not_links() -> None:
    headings = render_markdown("## `code` *em* [link](/x) ~~del~~\n").headings
    assert headings[0].html == "<code>code</code> <em>em</em> link <del>del</del>"


def test_sanitised_titles_hold_characters_where_hugo_has_them() -> None:
    # With tags present Hugo's sanitiser re-serialises entities as characters.
    headings = render_markdown('## "Quoted" `code` & <b>x</b>\n').headings
    assert headings[0].html == "“Quoted” <code>code</code> &amp; x"
