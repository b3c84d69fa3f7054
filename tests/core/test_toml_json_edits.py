"""TOML and JSON front-matter edits keep everything the writer did not change."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from postedit.core.document import Document

TOML_POST = """\
+++
title = "Kwartaalplanning" # working title
date = 2024-01-15
draft = false
tags = ["planning", "team"]
lit = 'C:\\pad'

[params]
  color = "blue"
+++
Body text
"""

JSON_POST = """\
{
    "title": "Checklist",
    "date": "2024-04-10T08:00:00+02:00",
    "draft": false,
    "tags": [
        "publish",
        "quality"
    ],
    "description": "Before you publish."
}

Body text
"""


def _load(text: str, newline: str = "\n") -> Document:
    document = Document(text.replace("\n", newline).encode("utf-8"))
    assert document.front_matter_error is None
    return document


def test_toml_unchanged_round_trip() -> None:
    assert _load(TOML_POST).to_bytes() == TOML_POST.encode()


def test_toml_title_change_keeps_comment_and_other_lines() -> None:
    document = _load(TOML_POST)
    document.front_matter["title"] = "Nieuwe planning"
    expected = TOML_POST.replace('"Kwartaalplanning"', '"Nieuwe planning"')
    assert document.to_bytes().decode() == expected


def test_toml_date_literal_string_and_list() -> None:
    document = _load(TOML_POST)
    document.front_matter["date"] = date(2024, 2, 1)
    document.front_matter["lit"] = "D:\\ander"
    document.front_matter["tags"] = ["planning"]
    result = document.to_bytes().decode()
    assert "date = 2024-02-01\n" in result
    assert "lit = 'D:\\ander'\n" in result
    assert 'tags = ["planning"]\n' in result
    assert result.count("\n") == TOML_POST.count("\n")


def test_toml_added_key_goes_before_tables_and_crlf_is_kept() -> None:
    document = _load(TOML_POST, "\r\n")
    document.front_matter["author"] = "Sanne"
    result = document.to_bytes().decode()
    assert "\n" not in result.replace("\r\n", "")
    assert result.index('author = "Sanne"') < result.index("[params]")
    assert document.front_matter["params"] == {"color": "blue"}


def test_toml_removed_key() -> None:
    document = _load(TOML_POST)
    del document.front_matter["draft"]
    assert document.to_bytes().decode() == TOML_POST.replace("draft = false\n", "")


def test_toml_datetime_keeps_offset_spelling() -> None:
    post = "+++\ndate = 2024-05-02T09:30:00+02:00\n+++\n"
    document = _load(post)
    document.front_matter["date"] = datetime(2024, 6, 1, 7, 0, tzinfo=timezone(timedelta(hours=2)))
    assert document.to_bytes() == b"+++\ndate = 2024-06-01T07:00:00+02:00\n+++\n"


def test_json_unchanged_round_trip() -> None:
    assert _load(JSON_POST).to_bytes() == JSON_POST.encode()


def test_json_title_change_is_one_line() -> None:
    document = _load(JSON_POST)
    document.front_matter["title"] = 'Checklist "v2" – é'
    expected = JSON_POST.replace('"Checklist"', '"Checklist \\"v2\\" – é"')
    assert document.to_bytes().decode() == expected


def test_json_date_keeps_spelling_and_list_keeps_layout() -> None:
    document = _load(JSON_POST)
    document.front_matter["date"] = datetime(2024, 5, 1, 9, 15, tzinfo=timezone(timedelta(hours=2)))
    document.front_matter["tags"] = ["publish", "quality", "seo"]
    result = document.to_bytes().decode()
    assert '"date": "2024-05-01T09:15:00+02:00",' in result
    assert '    "tags": [\n        "publish",\n        "quality",\n        "seo"\n    ],' in result


def test_json_add_and_remove_keep_indentation() -> None:
    document = _load(JSON_POST)
    del document.front_matter["description"]
    document.front_matter["author"] = "Sanne"
    result = document.to_bytes().decode()
    assert result.startswith('{\n    "title": "Checklist",\n')
    assert '    ],\n    "author": "Sanne"\n}\n\nBody text\n' in result
    assert "description" not in result


def test_json_remove_middle_key() -> None:
    document = _load(JSON_POST)
    del document.front_matter["draft"]
    assert document.to_bytes().decode() == JSON_POST.replace('    "draft": false,\n', "")


def test_json_on_one_line() -> None:
    post = '{"title": "x", "draft": true}\nBody\n'
    document = _load(post)
    document.front_matter["draft"] = False
    document.front_matter["tags"] = ["a"]
    assert document.to_bytes() == b'{"title": "x", "draft": false, "tags": ["a"]}\nBody\n'


def test_json_crlf_kept() -> None:
    document = _load(JSON_POST, "\r\n")
    document.front_matter["author"] = "Sanne"
    result = document.to_bytes().decode()
    assert "\n" not in result.replace("\r\n", "")
