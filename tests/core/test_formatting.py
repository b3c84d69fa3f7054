"""Formatting commands as text edits: what each button does to the selected lines."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from postedit.core.formatting import (
    LineStyle,
    continuation,
    cycle_heading,
    index_from_utf16,
    insert_code,
    insert_link,
    insert_snippet,
    toggle_inline,
    toggle_lines,
    utf16_from_index,
)


def selected(edited) -> str:
    return edited.text[edited.start : edited.end]


def test_bold_wraps_and_unwraps() -> None:
    edited = toggle_inline("a word here", 2, 6, "**", "bold text")
    assert edited.text == "a **word** here"
    assert selected(edited) == "word"
    again = toggle_inline(edited.text, edited.start, edited.end, "**", "bold text")
    assert again.text == "a word here"
    assert selected(again) == "word"


def test_bold_unwraps_a_selection_that_includes_the_markers() -> None:
    assert toggle_inline("a **word** here", 2, 10, "**", "x").text == "a word here"


def test_bold_keeps_spaces_outside_the_markers() -> None:
    edited = toggle_inline("a word here", 1, 7, "**", "x")
    assert edited.text == "a **word** here"


def test_bold_with_nothing_selected_inserts_a_placeholder_to_type_over() -> None:
    edited = toggle_inline("ab", 1, 1, "**", "bold text")
    assert edited.text == "a**bold text**b"
    assert selected(edited) == "bold text"


def test_heading_cycles_two_three_plain() -> None:
    first = cycle_heading("Title")
    assert first.text == "## Title"
    second = cycle_heading(first.text)
    assert second.text == "### Title"
    assert cycle_heading(second.text).text == "Title"
    assert cycle_heading("# Big").text == "## Big"


@pytest.mark.parametrize(
    ("style", "text", "expected"),
    [
        (LineStyle.BULLET, "one\ntwo", "- one\n- two"),
        (LineStyle.BULLET, "- one\n- two", "one\ntwo"),
        (LineStyle.NUMBERED, "one\n\ntwo", "1. one\n\n2. two"),
        (LineStyle.NUMBERED, "- one\n- two", "1. one\n2. two"),
        (LineStyle.BULLET, "1. one\n2. two", "- one\n- two"),
        (LineStyle.QUOTE, "one\n\ntwo", "> one\n>\n> two"),
        (LineStyle.QUOTE, "> one\n> two", "one\ntwo"),
        (LineStyle.BULLET, "  nested", "  - nested"),
    ],
)
def test_line_styles(style: LineStyle, text: str, expected: str) -> None:
    edited = toggle_lines(text, style)
    assert edited.text == expected
    assert selected(edited) == expected


def test_link_around_text_selects_the_address() -> None:
    edited = insert_link("see this page", 4, 8)
    assert edited.text == "see [this](https://) page"
    assert selected(edited) == "https://"


def test_link_around_an_address_puts_the_cursor_in_the_label() -> None:
    edited = insert_link("https://gohugo.io", 0, 17)
    assert edited.text == "[](https://gohugo.io)"
    assert edited.start == edited.end == 1


def test_image() -> None:
    edited = insert_link("", 0, 0, image=True)
    assert edited.text == "![description](image.jpg)"
    assert selected(edited) == "image.jpg"


def test_code_inline_and_block() -> None:
    assert insert_code("run make now", 4, 8).text == "run `make` now"
    block = insert_code("one\ntwo", 0, 7)
    assert block.text == "```\none\ntwo\n```"
    assert selected(block) == "one\ntwo"


def test_paired_shortcode_wraps_the_selection() -> None:
    snippet = '{{< callout type="info" >}}\nText\n{{< /callout >}}'
    edited = insert_snippet("Be careful.", 0, 11, snippet)
    assert edited.text == '{{< callout type="info" >}}\nBe careful.\n{{< /callout >}}'
    assert selected(edited) == "Be careful."
    empty = insert_snippet("", 0, 0, snippet)
    assert empty.text == snippet
    assert selected(empty) == "Text"


def test_single_shortcode_goes_in_place() -> None:
    edited = insert_snippet("ab", 1, 1, "{{< toc >}}")
    assert edited.text == "a{{< toc >}}b"
    assert edited.start == edited.end == 12


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("- item", ("- ", False)),
        ("  * item", ("  * ", False)),
        ("3. item", ("4. ", False)),
        ("9) item", ("10) ", False)),
        ("- [x] done", ("- [ ] ", False)),
        ("> quote", ("> ", False)),
        ("- ", ("", True)),
        ("plain", None),
    ],
)
def test_enter_continues_lists(line: str, expected) -> None:
    assert continuation(line) == expected


@given(st.text(max_size=50), st.data())
def test_utf16_positions_round_trip(text: str, data) -> None:
    index = data.draw(st.integers(0, len(text)))
    assert index_from_utf16(text, utf16_from_index(text, index)) == index


def test_utf16_counts_astral_characters_twice() -> None:
    assert utf16_from_index("a😀b", 2) == 3
    assert index_from_utf16("a😀b", 3) == 2
