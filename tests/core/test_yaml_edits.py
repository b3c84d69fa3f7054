"""YAML front-matter edits change exactly the edited lines, in the file's own style."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest

from postedit.core.document import Document

Edit = Callable[[dict[str, Any]], None]

SEED_LIKE = """\
---
title: "De Toekomst van AI: Trends"
date: 2024-02-05
author: "Team"
description: "Korte samenvatting."
categories: ["AI-Trends"]
tags: ["ai", "toekomst"]
featured_image: "images/blog/blog-5.jpg"
---

{{< toc >}}

**Voordelen**
- een
"""


def _edit(text: str, edit: Edit) -> str:
    document = Document(text.encode("utf-8"))
    assert document.front_matter_error is None
    edit(document.front_matter)  # type: ignore[arg-type]
    return document.to_bytes().decode("utf-8")


def _set(key: str, value: Any) -> Edit:
    def edit(front_matter: dict[str, Any]) -> None:
        front_matter[key] = value

    return edit


CASES: list[tuple[str, str, Edit, str]] = [
    (
        "double-quoted title keeps its quotes",
        'title: "Old"\ndate: 2024-02-05\n',
        _set("title", 'New "one"'),
        'title: "New \\"one\\""\ndate: 2024-02-05\n',
    ),
    (
        "single-quoted title keeps single quotes",
        "title: 'Old'\n",
        _set("title", "It's new"),
        "title: 'It''s new'\n",
    ),
    (
        "plain title stays plain when it can",
        "title: Old title\n",
        _set("title", "New title"),
        "title: New title\n",
    ),
    (
        "plain title gets quoted when it must",
        "title: Old title\n",
        _set("title", "Nieuw: deel 2"),
        'title: "Nieuw: deel 2"\n',
    ),
    (
        "plain value that YAML 1.1 would read as a bool is quoted",
        "answer: maybe\n",
        _set("answer", "no"),
        'answer: "no"\n',
    ),
    (
        "trailing comment survives a change",
        "title: Old # keep me\nx: 1\n",
        _set("title", "New"),
        "title: New # keep me\nx: 1\n",
    ),
    (
        "date-only stays date-only",
        "date: 2024-02-05\n",
        _set("date", date(2025, 1, 31)),
        "date: 2025-01-31\n",
    ),
    (
        "RFC 3339 date keeps offset style",
        "date: 2024-02-05T10:00:00+01:00\n",
        _set("date", datetime(2025, 6, 1, 8, 30, tzinfo=timezone(timedelta(hours=2)))),
        "date: 2025-06-01T08:30:00+02:00\n",
    ),
    (
        "quoted date stays quoted",
        'date: "2024-02-05"\n',
        _set("date", date(2024, 3, 1)),
        'date: "2024-03-01"\n',
    ),
    (
        "flow list keeps quoting and spacing",
        'tags: ["a", "b"]\ntitle: x\n',
        _set("tags", ["a", "b", "c d"]),
        'tags: ["a", "b", "c d"]\ntitle: x\n',
    ),
    (
        "plain flow list stays plain",
        "tags: [ a, b ]\n",
        _set("tags", ["a", "z"]),
        "tags: [ a, z ]\n",
    ),
    (
        "block list keeps its indentation",
        "tags:\n  - a\n  - b\ntitle: x\n",
        _set("tags", ["a", "c"]),
        "tags:\n  - a\n  - c\ntitle: x\n",
    ),
    (
        "unindented block list stays unindented",
        "tags:\n- a\n- b\ntitle: x\n",
        _set("tags", ["b"]),
        "tags:\n- b\ntitle: x\n",
    ),
    (
        "emptied block list becomes []",
        "tags:\n  - a\ntitle: x\n",
        _set("tags", []),
        "tags: []\ntitle: x\n",
    ),
    (
        "bool keeps its capitalisation",
        "draft: True\n",
        _set("draft", False),
        "draft: False\n",
    ),
    (
        "number changes",
        "weight: 10\n",
        _set("weight", 3),
        "weight: 3\n",
    ),
    (
        "empty value gets one",
        "description:\ntitle: x\n",
        _set("description", "Iets"),
        "description: Iets\ntitle: x\n",
    ),
    (
        "literal block keeps literal style",
        "summary: |\n  one\n  two\ntitle: x\n",
        _set("summary", "one\nthree\n"),
        "summary: |\n  one\n  three\ntitle: x\n",
    ),
    (
        "nested map rewritten for that key only",
        "title: x  # c\nparams:\n  a: 1\n# between\nz: 'q'\n",
        _set("params", {"a": 2}),
        "title: x  # c\nparams:\n  a: 2\n# between\nz: 'q'\n",
    ),
    (
        "YAML 1.1 lookalikes stay as written when another key changes",
        "zip: 01234\nversion: 1.10\nanswer: no\ntime: 10:00\ntitle: a\n",
        _set("title", "b"),
        "zip: 01234\nversion: 1.10\nanswer: no\ntime: 10:00\ntitle: b\n",
    ),
    (
        "removing a key removes only its lines",
        "title: a\ntags:\n  - x\n  - y\n# comment stays\ndraft: true\n",
        lambda fm: fm.pop("tags"),
        "title: a\n# comment stays\ndraft: true\n",
    ),
    (
        "added string follows the file's double quotes",
        'title: "a"\nauthor: "b"\n',
        _set("description", "Nieuw"),
        'title: "a"\nauthor: "b"\ndescription: "Nieuw"\n',
    ),
    (
        "added list follows the file's block lists",
        "title: a\ncategories:\n  - x\n",
        _set("tags", ["p", "q"]),
        "title: a\ncategories:\n  - x\ntags:\n  - p\n  - q\n",
    ),
    (
        "added date follows the file's date spelling",
        "date: 2024-02-05T10:00:00+01:00\n",
        _set("lastmod", datetime(2024, 3, 1, 9, 0, tzinfo=timezone(timedelta(hours=1)))),
        "date: 2024-02-05T10:00:00+01:00\nlastmod: 2024-03-01T09:00:00+01:00\n",
    ),
    (
        "comments before the first key stay",
        "# header comment\ntitle: a\n",
        _set("title", "b"),
        "# header comment\ntitle: b\n",
    ),
]


@pytest.mark.parametrize(("name", "before", "edit", "after"), CASES, ids=[c[0] for c in CASES])
def test_edit_changes_only_its_lines(name: str, before: str, edit: Edit, after: str) -> None:
    post = f"---\n{before}---\nBody\n"
    assert _edit(post, edit) == f"---\n{after}---\nBody\n"


def test_seed_like_post_title_change_touches_one_line() -> None:
    result = _edit(SEED_LIKE, _set("title", "Een nieuwe titel"))
    assert result == SEED_LIKE.replace(
        'title: "De Toekomst van AI: Trends"', 'title: "Een nieuwe titel"'
    )


def test_crlf_file_keeps_crlf_in_written_lines() -> None:
    post = SEED_LIKE.replace("\n", "\r\n")
    document = Document(post.encode("utf-8"))
    document.front_matter["title"] = "Nieuw"
    document.front_matter["tags"] = ["een", "twee", "drie"]
    document.front_matter["summary"] = "regel een\nregel twee\n"
    result = document.to_bytes().decode("utf-8")
    assert "\n" not in result.replace("\r\n", "")
    assert 'title: "Nieuw"\r\n' in result
    assert "summary: |\r\n  regel een\r\n  regel twee\r\n" in result


def test_values_are_plain_python() -> None:
    document = Document(SEED_LIKE.encode("utf-8"))
    fm = document.front_matter
    assert fm["date"] == date(2024, 2, 5)
    assert type(fm["tags"]) is list
    assert type(fm["title"]) is str


def test_in_place_list_edit_is_seen() -> None:
    document = Document(SEED_LIKE.encode("utf-8"))
    document.front_matter["tags"].append("nieuw")
    assert document.is_modified
    assert 'tags: ["ai", "toekomst", "nieuw"]' in document.to_bytes().decode()


def test_setting_same_value_is_no_change() -> None:
    document = Document(SEED_LIKE.encode("utf-8"))
    document.front_matter["title"] = "De Toekomst van AI: Trends"
    assert not document.is_modified


def test_changing_offset_only_is_a_change() -> None:
    post = "---\ndate: 2024-02-05T10:00:00+01:00\n---\n"
    document = Document(post.encode())
    document.front_matter["date"] = datetime(2024, 2, 5, 9, 0, tzinfo=UTC)
    assert document.to_bytes() == b"---\ndate: 2024-02-05T09:00:00+00:00\n---\n"
