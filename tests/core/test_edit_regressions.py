"""Edits that once damaged posts (found by an adversarial review), each kept fixed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from postedit.core.atomic import SaveError
from postedit.core.document import Document
from postedit.core.values import reads_as

Edit = Callable[[Any], Any]


def _edited(data: bytes, edit: Edit) -> tuple[bytes, Document]:
    document = Document(data)
    assert document.front_matter_error is None, document.front_matter_error
    edit(document.front_matter)
    out = document.to_bytes()
    reread = Document(out)
    assert reread.front_matter_error is None, (reread.front_matter_error, out)
    assert reads_as(document.front_matter.to_dict(), reread.front_matter.to_dict()), out
    return out, document


CASES: list[tuple[str, bytes, Edit, bytes]] = [
    (
        "nested flow list keeps its bracket when a sibling is added",
        b"---\nparams:\n  tags: [a, b]\n---\nBody\n",
        lambda fm: fm["params"].__setitem__("x", 1),
        b"---\nparams:\n  tags: [a, b]\n  x: 1\n---\nBody\n",
    ),
    (
        "nested map set to None",
        b"---\nparams:\n  tags: [a, b]\ntitle: t\n---\n",
        lambda fm: fm.__setitem__("params", None),
        b"---\nparams:\ntitle: t\n---\n",
    ),
    (
        "empty flow map gets a key",
        b"---\nparams: {}\n---\n",
        lambda fm: fm["params"].__setitem__("a", 1),
        b"---\nparams:\n  a: 1\n---\n",
    ),
    (
        "multi-line flow list inside a removed key goes with it",
        b"---\ntitle: a\nparams:\n  l: [a,\n  ]\n---\n",
        lambda fm: fm.pop("params"),
        b"---\ntitle: a\n---\n",
    ),
    (
        "anchor kept when its scalar changes",
        b"---\ntitle: &t Hi\ndraft: false\n---\n",
        lambda fm: fm.__setitem__("title", "Yo"),
        b"---\ntitle: &t Yo\ndraft: false\n---\n",
    ),
    (
        "nested change rewrites one line and keeps lookalikes, comments, spelling",
        b'---\nparams:\n  zip: 01234\n  x: 1 # c\n  when: 2024-01-01T10:00:00Z\n  l: ["q"]\n---\n',
        lambda fm: fm["params"].__setitem__("x", 2),
        b'---\nparams:\n  zip: 01234\n  x: 2 # c\n  when: 2024-01-01T10:00:00Z\n  l: ["q"]\n---\n',
    ),
    (
        "deep menu change is one line",
        b"---\nmenu:\n  main:\n    weight: 10\n    name: Home\n---\n",
        lambda fm: fm["menu"]["main"].__setitem__("weight", 20),
        b"---\nmenu:\n  main:\n    weight: 20\n    name: Home\n---\n",
    ),
    (
        "key added to a nested map uses its indentation",
        b"---\nmenu:\n  main:\n    weight: 10\ntitle: x\n---\n",
        lambda fm: fm["menu"]["main"].__setitem__("parent", "docs"),
        b"---\nmenu:\n  main:\n    weight: 10\n    parent: docs\ntitle: x\n---\n",
    ),
    (
        "appending to a block list keeps item comments",
        b"---\ntags:\n  - a   # first\n# between\n  - b\ntitle: x\n---\n",
        lambda fm: fm["tags"].append("c"),
        b"---\ntags:\n  - a   # first\n# between\n  - b\n  - c\ntitle: x\n---\n",
    ),
    (
        "removing a block list item removes its line only",
        b"---\ntags:\n  - a\n  # keep\n  - b\n  - c\n---\n",
        lambda fm: fm["tags"].remove("b"),
        b"---\ntags:\n  - a\n  # keep\n  - c\n---\n",
    ),
    (
        "key added before a `...` end marker",
        b"---\ntitle: a\n...\n---\n",
        lambda fm: fm.__setitem__("n", 1),
        b"---\ntitle: a\nn: 1\n...\n---\n",
    ),
    (
        "NaN is written as YAML's .nan",
        b"---\nx: 1.5\n---\n",
        lambda fm: fm.__setitem__("x", float("inf")),
        b"---\nx: .inf\n---\n",
    ),
    (
        "JSON: removing the last two keys keeps the brace and the body",
        b'{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}\nBody\n',
        lambda fm: (fm.pop("b"), fm.pop("c")),
        b'{\n  "a": 1\n}\nBody\n',
    ),
    (
        "JSON: removing every key leaves an empty object",
        b'{"a":1,"b":2}\nBody\n',
        lambda fm: (fm.pop("a"), fm.pop("b")),
        b"{}\nBody\n",
    ),
    (
        "JSON: remove one, add one",
        b'{\n    "a": 1,\n    "b": 2\n}\n',
        lambda fm: (fm.pop("a"), fm.__setitem__("c", [1])),
        b'{\n    "b": 2,\n    "c": [1]\n}\n',
    ),
    (
        "TOML: a nested table value changes in place",
        b'+++\ntitle = "a"\n\n[params]\n  color = "blue" # c\n  size = 2\n+++\n',
        lambda fm: fm["params"].__setitem__("size", 3),
        b'+++\ntitle = "a"\n\n[params]\n  color = "blue" # c\n  size = 3\n+++\n',
    ),
    (
        "one field of one item in a list of maps",
        b'---\nmenu:\n  main:\n    # primary\n    - name: Home  # the home\n      weight: 1\n    - name: "About"\n      weight: 2\n---\n',
        lambda fm: fm["menu"]["main"][1].__setitem__("weight", 3),
        b'---\nmenu:\n  main:\n    # primary\n    - name: Home  # the home\n      weight: 1\n    - name: "About"\n      weight: 3\n---\n',
    ),
    (
        "a map appended to a list of maps",
        b"---\nresources:\n- src: a.jpg  # lead\n  title: A\n---\n",
        lambda fm: fm["resources"].append({"src": "b.jpg", "title": "no"}),
        b'---\nresources:\n- src: a.jpg  # lead\n  title: A\n- src: b.jpg\n  title: "no"\n---\n',
    ),
    (
        "a date appended to a list of dates keeps item comments",
        b"---\ndates:\n  - 2024-01-01  # first\n  - 2024-02-02\nother: 1\n---\n",
        lambda fm: fm["dates"].append(date(2024, 3, 3)),
        b"---\ndates:\n  - 2024-01-01  # first\n  - 2024-02-02\n  - 2024-03-03\nother: 1\n---\n",
    ),
    (
        "a multi-line flow list grows by one line",
        b"---\naliases: [\n  '/a/',\n  '/b/',\n]\nweight: 3\n---\n",
        lambda fm: fm["aliases"].append("/c/"),
        b"---\naliases: [\n  '/a/',\n  '/b/',\n  '/c/',\n]\nweight: 3\n---\n",
    ),
    (
        "one item of a multi-line flow list changes in place",
        b"---\naliases: [\n  '/a/',\n  '/b/',\n]\n---\n",
        lambda fm: fm["aliases"].__setitem__(0, "/z/"),
        b"---\naliases: [\n  '/z/',\n  '/b/',\n]\n---\n",
    ),
    (
        "nested values that YAML 1.1 would misread are quoted",
        b"---\ntitle: x\nparams:\n  a: 1\n---\n",
        lambda fm: fm["params"].__setitem__("a", {"x": "yes", "y": "10:00", "w": "fine"}),
        b'---\ntitle: x\nparams:\n  a:\n    x: "yes"\n    y: "10:00"\n    w: fine\n---\n',
    ),
    (
        "TOML: appending to a multi-line array keeps its layout",
        b'+++\ntags = [\n  "a", # first\n  "b",\n]\n+++\n',
        lambda fm: fm["tags"].append("c"),
        None,
    ),
]


@pytest.mark.parametrize(("name", "data", "edit", "expected"), CASES, ids=[c[0] for c in CASES])
def test_edit(name: str, data: bytes, edit: Edit, expected: bytes | None) -> None:
    out, _ = _edited(data, edit)
    if expected is not None:
        assert out == expected


def test_toml_multiline_array_append_keeps_the_comment() -> None:
    out, _ = _edited(
        b'+++\ntags = [\n  "a", # first\n  "b",\n]\n+++\n', lambda fm: fm["tags"].append("c")
    )
    assert b'"a", # first\n' in out


def test_alias_of_an_edited_anchor_keeps_its_value() -> None:
    out, document = _edited(
        b"---\ntitle: &t Hi\nalt: *t\n---\n", lambda fm: fm.__setitem__("title", "Yo")
    )
    assert document.front_matter["alt"] == "Hi"
    assert Document(out).front_matter["alt"] == "Hi"


def test_toml_value_with_delimiter_line_is_escaped() -> None:
    out, _ = _edited(
        b'+++\ntitle = """a"""\n+++\nBody\n', lambda fm: fm.__setitem__("title", "x\n+++\ny")
    )
    assert out.endswith(b"+++\nBody\n")
    assert Document(out).body == "Body\n"


def test_toml_cannot_hold_none_and_says_so() -> None:
    document = Document(b'+++\ntitle = "a"\n+++\n')
    document.front_matter["title"] = None
    with pytest.raises(SaveError, match="TOML front matter cannot hold an empty value"):
        document.to_bytes()
    assert document.is_modified


def test_toml_literal_string_with_delete_character() -> None:
    out, _ = _edited(b"+++\np = 'C:\\x'\n+++\n", lambda fm: fm.__setitem__("p", "a\x7fb"))
    assert Document(out).front_matter["p"] == "a\x7fb"


def test_quoted_date_stays_a_quoted_date() -> None:
    out, _ = _edited(
        b'---\ndate: "2024-02-05"\n---\n', lambda fm: fm.__setitem__("date", date(2025, 1, 1))
    )
    assert out == b'---\ndate: "2025-01-01"\n---\n'


def test_front_matter_text_is_lf_and_gets_a_final_newline() -> None:
    document = Document(b"---\r\ntitle: a\r\n---\r\nBody\r\n")
    assert document.front_matter_text == "title: a\n"
    document.front_matter_text = "title: b\nx: 1"
    assert document.to_bytes() == b"---\r\ntitle: b\r\nx: 1\r\n---\r\nBody\r\n"
    assert document.front_matter == {"title": "b", "x": 1}


def test_front_matter_text_with_a_delimiter_line_is_flagged_and_saved_as_shown() -> None:
    document = Document(b"---\ntitle: a\n---\nBody\n")
    document.front_matter_text = "title: b\n---\nx: 1\n"
    error = document.front_matter_error
    assert error is not None
    assert error.line == 3
    assert "ends the front matter" in error.message
    assert document.to_bytes() == b"---\ntitle: b\n---\nx: 1\n---\nBody\n"


def test_crlf_body_text_is_normalised_once() -> None:
    document = Document(b"---\r\ntitle: a\r\n---\r\nBody\r\n")
    document.body = "One\r\nTwo\r\n"
    assert document.to_bytes() == b"---\r\ntitle: a\r\n---\r\nOne\r\nTwo\r\n"


@pytest.mark.parametrize(
    "data",
    [
        b"---\na: " + b"[" * 3000 + b"\n---\n",
        b"{" + b'"a": ' + b"[" * 100_000 + b"\n",
        b"---\nn: " + b"9" * 5000 + b"\n---\n",
    ],
    ids=["deep-yaml", "deep-json", "huge-int"],
)
def test_absurd_front_matter_is_an_error_not_a_crash(data: bytes) -> None:
    document = Document(data)
    assert document.front_matter_error is not None
    assert document.to_bytes() == data


def test_control_character_error_points_at_it() -> None:
    document = Document(b'---\na: 1\nb: 2\nc: "\x1b[0m"\n---\n')
    error = document.front_matter_error
    assert error is not None
    assert (error.line, error.column) == (4, 5)
    assert "control character" in error.message


def test_toml_error_columns_count_from_one() -> None:
    document = Document(b"+++\na = 1\nb = [1,\nc = 2\n+++\n")
    assert document.front_matter_error is not None
    assert document.front_matter_error.column >= 1


@pytest.mark.parametrize(
    "data",
    [b"---\nversion: !!str 1.0\n---\nbody\n", b"---\nm: !custom val\ns: !!set {a, b}\n---\nbody\n"],
    ids=["yaml-tag", "custom-tag-and-set"],
)
def test_tagged_values_load_plain_and_leave_the_post_unchanged(data: bytes) -> None:
    document = Document(data)
    assert not document.is_modified
    assert document.to_bytes() == data
    document.body = "new body\n"
    assert document.to_bytes() == data.replace(b"body\n", b"new body\n")
    assert all(isinstance(value, str | list) for value in document.front_matter.values())


def test_toml_dotted_keys_change_is_refused_rather_than_losing_comments() -> None:
    data = b'+++\ntitle = "x"\nparams.a = 1\nparams.b = 2 # keep\n+++\n'
    document = Document(data)
    document.front_matter["params"]["a"] = 5
    with pytest.raises(SaveError, match="without losing its comments"):
        document.to_bytes()


def test_json_nested_change_keeps_every_sibling_byte() -> None:
    data = (
        b'{\n    "title": "x",\n    "params": {\n        "a": 1,\n'
        b'        "b": {"c": 2, "d": "\\u00e9"},\n        "f": 1.50,\n'
        b'        "list": [1, 2,\n                 3]\n    },\n    "tags": ["a", "b"]\n}\nbody\n'
    )
    out, _ = _edited(
        data, lambda fm: (fm["params"].__setitem__("a", 5), fm["params"]["b"].pop("c"))
    )
    assert out == data.replace(b'"a": 1', b'"a": 5').replace(b'"c": 2, ', b"")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            b"---\ntags:\n  - a\nparams:\n  a: 1\n---\n",
            b"---\ntags:\n  - a\nparams:\n  a:\n    - x\n    - y\n---\n",
        ),
        (b"---\ntags: [a]\nparams:\n  a: 1\n---\n", b"---\ntags: [a]\nparams:\n  a: [x, y]\n---\n"),
    ],
    ids=["block-file", "flow-file"],
)
def test_a_value_turned_into_a_list_follows_the_files_list_style(
    data: bytes, expected: bytes
) -> None:
    out, _ = _edited(data, lambda fm: fm["params"].__setitem__("a", ["x", "y"]))
    assert out == expected


def test_a_value_in_a_flow_map_changes_in_place() -> None:
    data = b"---\ntitle: x\nparams: {a: 1, b: two}  # flow\n---\n"
    out, _ = _edited(data, lambda fm: fm["params"].__setitem__("a", 2))
    assert out == b"---\ntitle: x\nparams: {a: 2, b: two}  # flow\n---\n"
