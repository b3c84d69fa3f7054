"""Comparing two versions of a post: the fields and the lines that differ."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from postedit.core.compare import (
    Comparison,
    FieldDifference,
    LineBlock,
    compare_lines,
    compare_texts,
    show_value,
    split_text_lines,
)

POST = """\
---
title: Hello
tags: [one, two]
draft: false
---
First paragraph.

Second paragraph.
"""


def _changed(blocks: tuple[LineBlock, ...]) -> list[LineBlock]:
    return [block for block in blocks if block.tag != "equal"]


def _apply(blocks: tuple[LineBlock, ...], mine: list[str], theirs: list[str]) -> list[str]:
    """Rebuild `theirs` from `mine` and the blocks (theirs' lines for non-equal runs)."""
    result: list[str] = []
    for block in blocks:
        if block.tag == "equal":
            assert [mine[i] for i in block.mine] == [theirs[j] for j in block.theirs]
            result += [mine[i] for i in block.mine]
        else:
            result += [theirs[j] for j in block.theirs]
    return result


def test_identical_texts() -> None:
    comparison = compare_texts(POST, POST)
    assert comparison.identical
    assert comparison.fields == ()
    assert comparison.front_matter_readable
    assert comparison.differences == 0
    assert comparison.lines == (
        LineBlock("equal", range(0, 9), range(0, 9)),
    )  # 8 lines and the empty one after the last line end


def test_a_changed_title_is_one_field_and_one_line() -> None:
    comparison = compare_texts(POST, POST.replace("title: Hello", "title: Goodbye"))
    assert comparison.fields == (FieldDifference("title", "Hello", "Goodbye"),)
    assert _changed(comparison.lines) == [LineBlock("replace", range(1, 2), range(1, 2))]
    assert not comparison.identical
    assert comparison.differences == 1


def test_reformatted_front_matter_with_the_same_values_has_no_field_difference() -> None:
    theirs = POST.replace("tags: [one, two]", "tags:\n  - one\n  - two")
    comparison = compare_texts(POST, theirs)
    assert comparison.fields == ()
    assert _changed(comparison.lines) == [LineBlock("replace", range(2, 3), range(2, 5))]


def test_added_and_removed_fields_in_mine_order_then_theirs() -> None:
    mine = "---\ntitle: Hello\nsummary: Short\ndraft: true\n---\nBody\n"
    theirs = "---\ndraft: false\ntitle: Hello\nweight: 3\ndate: 2026-11-28\n---\nBody\n"
    comparison = compare_texts(mine, theirs)
    assert comparison.fields == (
        FieldDifference("summary", "Short", None),
        FieldDifference("draft", "true", "false"),
        FieldDifference("weight", None, "3"),
        FieldDifference("date", None, "2026-11-28"),
    )


def test_a_type_change_is_a_difference() -> None:
    comparison = compare_texts("---\nweight: 1\n---\n", '---\nweight: "1"\n---\n')
    assert comparison.fields == (FieldDifference("weight", "1", "1"),)


def test_toml_and_json_front_matter_are_compared_as_values() -> None:
    toml = '+++\ntitle = "Hello"\ntags = ["a", "b"]\n+++\nBody\n'
    json_text = '{\n  "title": "Hello",\n  "tags": ["a", "c"]\n}\nBody\n'
    comparison = compare_texts(toml, json_text)
    assert comparison.front_matter_readable
    assert comparison.fields == (FieldDifference("tags", "a, b", "a, c"),)


def test_body_insert_delete_and_replace_blocks() -> None:
    mine = "---\ntitle: T\n---\none\ntwo\nthree\nfour\nfive\n"
    theirs = "---\ntitle: T\n---\none\nNEW\ntwo\nfour\nFIVE\n"
    comparison = compare_texts(mine, theirs)
    assert comparison.fields == ()
    assert _changed(comparison.lines) == [
        LineBlock("insert", range(4, 4), range(4, 5)),
        LineBlock("delete", range(5, 6), range(6, 6)),
        LineBlock("replace", range(7, 8), range(7, 8)),
    ]
    assert comparison.lines[0] == LineBlock("equal", range(0, 4), range(0, 4))
    assert comparison.lines[-1] == LineBlock("equal", range(8, 9), range(8, 9))


def test_broken_front_matter_on_one_side_still_compares_lines() -> None:
    broken = POST.replace("title: Hello", "title: [unclosed")
    comparison = compare_texts(POST, broken)
    assert not comparison.front_matter_readable
    assert comparison.fields == ()
    assert _changed(comparison.lines) == [LineBlock("replace", range(1, 2), range(1, 2))]
    assert not comparison.identical


def test_text_that_is_not_a_post_is_compared_by_lines() -> None:
    comparison = compare_texts("a\ud800b\n", "a\ud800c\n")
    assert not comparison.front_matter_readable
    assert _changed(comparison.lines) == [LineBlock("replace", range(0, 1), range(0, 1))]


def test_lines_split_like_an_editor_shows_them() -> None:
    assert split_text_lines("a\r\nb\rc\nd\x0ce\u2028f") == ["a", "b", "c", "d\x0ce\u2028f"]
    assert split_text_lines("a\n") == ["a", ""]
    assert split_text_lines("") == [""]
    # Only the line end at the very end differs: an extra empty last line.
    assert _changed(compare_texts("a\nb", "a\nb\n").lines) == [
        LineBlock("insert", range(2, 2), range(2, 3))
    ]


def test_values_are_shown_as_short_text() -> None:
    assert show_value("A title: with colon") == "A title: with colon"
    assert show_value(["go", "hugo"]) == "go, hugo"
    assert show_value([]) == "[]"
    assert show_value(True) == "true"
    assert show_value(3) == "3"
    assert show_value(2.5) == "2.5"
    assert show_value(None) == "(empty)"
    assert show_value(date(2026, 11, 28)) == "2026-11-28"
    assert show_value(datetime(2026, 11, 28, 4, 31, tzinfo=UTC)) == "2026-11-28T04:31:00+00:00"
    assert show_value({"name": "Ann", "links": ["a", "b, c"]}) == (
        '{name: Ann, links: [a, "b, c"]}'
    )
    assert show_value([{"name": "Main", "weight": 1}]) == "[{name: Main, weight: 1}]"


def test_a_one_megabyte_text_compares_quickly() -> None:
    lines = [
        f"Paragraph {n} says something about line {n}." if n % 3 else "" for n in range(32_000)
    ]
    mine = "---\ntitle: Big\n---\n" + "\n".join(lines)
    edited = list(lines)
    for n in range(1, 32_000, 101):
        edited[n] = f"Edited {n}"
    del edited[15_000:15_010]
    theirs = "---\ntitle: Bigger\n---\n" + "\n".join(edited)
    assert len(mine) > 1_000_000

    started = time.perf_counter()
    comparison = compare_texts(mine, theirs)
    elapsed = time.perf_counter() - started

    assert elapsed < 5  # about 0.3 s here; generous for a busy machine
    assert comparison.fields == (FieldDifference("title", "Big", "Bigger"),)
    mine_lines, theirs_lines = split_text_lines(mine), split_text_lines(theirs)
    assert _apply(comparison.lines, mine_lines, theirs_lines) == theirs_lines


def _check_blocks(mine: list[str], theirs: list[str], comparison_lines: tuple[LineBlock, ...]):
    assert _apply(comparison_lines, mine, theirs) == theirs
    # The blocks cover both sides in order, without gaps or overlaps.
    assert [i for block in comparison_lines for i in block.mine] == list(range(len(mine)))
    assert [j for block in comparison_lines for j in block.theirs] == list(range(len(theirs)))
    for block in comparison_lines:
        if block.tag == "insert":
            assert not block.mine and block.theirs
        elif block.tag == "delete":
            assert block.mine and not block.theirs
        else:
            assert block.mine and block.theirs


LINES = st.lists(st.sampled_from(["", "a", "b", "c", "---", "title: x", "d e"]), max_size=40)


@given(LINES, LINES)
def test_blocks_rebuild_theirs_from_mine(mine: list[str], theirs: list[str]) -> None:
    _check_blocks(mine, theirs, compare_lines(mine, theirs))


@given(st.lists(st.text(alphabet="ab\n-: ", max_size=12), max_size=12), st.data())
def test_whole_texts_rebuild(mine_lines: list[str], data: st.DataObject) -> None:
    mine = "\n".join(mine_lines)
    theirs = data.draw(st.text(alphabet="ab\n-: ", max_size=80))
    comparison = compare_texts(mine, theirs)
    assert isinstance(comparison, Comparison)
    _check_blocks(split_text_lines(mine), split_text_lines(theirs), comparison.lines)
    assert comparison.identical == (mine == theirs)


def test_huge_ranges_still_rebuild(monkeypatch) -> None:
    import postedit.core.compare as compare

    monkeypatch.setattr(compare, "EXACT_LINE_LIMIT", 6)
    mine = ["u1", "", "x", "", "u2", "y", "", "u3", "z", "", "u4"]
    theirs = ["", "u1", "x", "w", "u3", "", "u2", "y", "", "u4", ""]
    _check_blocks(mine, theirs, compare.compare_lines(mine, theirs))

    anchored = st.lists(st.sampled_from(["", "a", "u1", "u2", "u3", "u4", "u5"]), max_size=30)

    @given(anchored, anchored)
    def check(mine: list[str], theirs: list[str]) -> None:
        _check_blocks(mine, theirs, compare.compare_lines(mine, theirs))

    check()
