"""A single front-matter value as raw-editor YAML text, and back, with plain-words errors."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from postedit.core.document import Document
from postedit.core.field_text import FieldTextError, text_to_value, value_to_text
from postedit.core.values import same_value

PLUS_ONE = timezone(timedelta(hours=1))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (5, "5"),
        (1.5, "1.5"),
        (True, "true"),
        ("hello", "hello"),
        ("no", '"no"'),  # a YAML 1.1 reader would take it for false
        ("10:00", '"10:00"'),
        ("multi\nline", '"multi\\nline"'),
        (date(2024, 1, 2), "2024-01-02"),
        ([], "[]"),
        ({"color": "blue", "sizes": [1, 2]}, "color: blue\nsizes:\n  - 1\n  - 2"),
        ([{"name": "main", "weight": 2}, "x"], "- name: main\n  weight: 2\n- x"),
        ({"menu": {"main": [{"weight": 1}]}}, "menu:\n  main:\n    - weight: 1"),
    ],
)
def test_value_to_text_and_back(value, text) -> None:
    assert value_to_text(value) == text
    assert same_value(text_to_value(text), value)


def test_datetimes_keep_their_offset() -> None:
    value = datetime(2024, 5, 2, 9, 30, tzinfo=PLUS_ONE)
    back = text_to_value(value_to_text(value))
    assert same_value(back, value)


def test_text_is_read_as_yaml_1_2_like_the_posts() -> None:
    assert text_to_value("no") == "no"
    assert text_to_value("on") == "on"
    assert text_to_value("true") is True


def test_values_are_plain_python() -> None:
    value = text_to_value("a: 1\nb: [x, y]")
    assert type(value) is dict
    assert type(value["b"]) is list


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        ("a: [1, 2", 1, 4, "not closed with “]”"),
        ('x: "abc', 1, 4, "quote is missing"),
        ("a: 1\na: 2", 2, 1, "“a” appears twice"),
        ("a: b: c", 1, 5, "put the value in double quotes"),
        ("\tcolor: blue", 1, 1, "spaces only"),
        ("a: 1\n b: 2", 2, 3, "“:” appears where YAML does not expect one"),
    ],
)
def test_errors_in_plain_words_with_a_place(text, line, column, words) -> None:
    with pytest.raises(FieldTextError) as caught:
        text_to_value(text)
    error = caught.value
    assert (error.line, error.column) == (line, column)
    assert words in error.message
    assert str(error).startswith(f"Line {line}, column {column}: ")


def test_control_characters_are_named() -> None:
    with pytest.raises(FieldTextError, match="control character"):
        text_to_value("a: \x07")


@pytest.mark.parametrize(
    "post",
    [
        "---\ntitle: x\nparams:\n  color: blue\n---\nbody\n",
        '+++\ntitle = "x"\n[params]\ncolor = "blue"\n+++\nbody\n',
        '{\n  "title": "x",\n  "params": {"color": "blue"}\n}\nbody\n',
    ],
    ids=["yaml", "toml", "json"],
)
def test_a_value_read_from_text_saves_in_every_format(post) -> None:
    document = Document.from_text(post)
    document.front_matter["params"] = text_to_value("color: green\nsize: 3")
    reread = Document(document.to_bytes())
    assert reread.front_matter["params"] == {"color": "green", "size": 3}
    assert reread.front_matter["title"] == "x"
