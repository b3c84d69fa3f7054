"""Which widget a value fits, its problems, and dates written back in the file's terms."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from postedit.core.document import Document
from postedit.core.field_values import (
    date_to_write,
    extra_field,
    find_key,
    fits,
    problem_of,
)
from postedit.core.schema import Field, FieldKind

PLUS_TWO = timezone(timedelta(hours=2))


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        (FieldKind.STRING, "x", True),
        (FieldKind.STRING, "a\nb", False),
        (FieldKind.STRING, 5, False),
        (FieldKind.TEXT, "a\nb", True),
        (FieldKind.DATE, date(2024, 1, 1), True),
        (FieldKind.DATE, "2024-01-01", True),
        (FieldKind.DATETIME, "2024-01-01T10:00:00+02:00", True),
        (FieldKind.DATE, "next tuesday", False),
        (FieldKind.BOOL, True, True),
        (FieldKind.BOOL, "true", False),
        (FieldKind.NUMBER, 3, True),
        (FieldKind.NUMBER, 2.5, True),
        (FieldKind.NUMBER, True, False),
        (FieldKind.STRING_LIST, ["a", "b"], True),
        (FieldKind.STRING_LIST, ["a", 1], False),
        (FieldKind.STRING_LIST, "a", False),
        (FieldKind.IMAGE, "cover.jpg", True),
        (FieldKind.RAW, {"a": [1]}, True),
        (FieldKind.STRING, None, True),
        # What a text widget would not give back unchanged goes to the raw editor.
        (FieldKind.STRING, "\ufeffleading mark", False),
        (FieldKind.STRING, "a\ufeffb", True),
        (FieldKind.STRING, "carriage\rreturn", False),
        (FieldKind.TEXT, "paragraph\u2029separator", False),
        (FieldKind.TEXT, "no-break\u00a0space\n", True),
        # What the number box cannot hold exactly.
        (FieldKind.NUMBER, 2**31 - 1, True),
        (FieldKind.NUMBER, 10_000_000_000, False),
        (FieldKind.NUMBER, 3.14159265358, False),
        (FieldKind.NUMBER, 1e-9, False),
        (FieldKind.NUMBER, float("nan"), False),
        (FieldKind.NUMBER, 0.1, True),
        # What the calendar cannot show; a Unix time stays a number.
        (FieldKind.DATE, date(1, 1, 1), False),
        (FieldKind.DATE, "0001-01-01", False),
        (FieldKind.DATE, date(1700, 1, 1), True),
        (FieldKind.DATETIME, 1_700_000_000, False),
        # Spellings Hugo reads that the picker would rewrite.
        (FieldKind.DATETIME, "Mon, 01 Jan 2024 10:00:00 +0200", False),
        (FieldKind.DATE, "01 Jan 2024", False),
        (FieldKind.DATETIME, "2024-01-01T10:00:00.123456789Z", False),
        (FieldKind.DATETIME, "2024-01-01 10:00:00 +0200", True),
        (FieldKind.DATETIME, "2024-01-01T10:00:00.5Z", True),
    ],
)
def test_fits(kind, value, expected) -> None:
    assert fits(kind, value) is expected


def test_values_the_widgets_cannot_hold_say_why() -> None:
    title = Field("title", FieldKind.STRING, "Title")
    assert "invisible characters" in (problem_of(title, "a\rb", True) or "")
    weight = Field("weight", FieldKind.NUMBER, "Weight")
    assert "cannot hold this number exactly" in (problem_of(weight, 10**12, True) or "")
    day = Field("date", FieldKind.DATE, "Date")
    assert "before 100" in (problem_of(day, date(1, 1, 1), True) or "")
    assert "another way" in (problem_of(day, "01 Jan 2024", True) or "")


def test_problems_in_plain_words() -> None:
    title = Field("title", FieldKind.STRING, "Title", required=True)
    assert problem_of(title, None, False) == "Required: please fill this in."
    assert problem_of(title, "", True) == "Required: please fill this in."
    assert problem_of(title, "Hi", True) is None
    day = Field("date", FieldKind.DATE, "Date")
    assert "Hugo cannot read “soon” as a date" in (problem_of(day, "soon", True) or "")
    draft = Field("draft", FieldKind.BOOL, "Draft")
    assert (
        problem_of(draft, "yes", True)
        == "Expected yes or no (true or false); shown as text so you can fix it."
    )
    status = Field("status", FieldKind.STRING, "Status", choices=("draft", "ready"))
    assert problem_of(status, "done", True) == "“done” is not one of the choices."
    assert problem_of(day, None, False) is None


def test_keys_are_found_as_hugo_reads_them() -> None:
    assert find_key(["Title", "date"], "title") == "Title"
    assert find_key(["title"], "title") == "title"
    assert find_key(["date"], "title") is None


def test_extra_fields_are_typed_from_their_value() -> None:
    assert extra_field("series", ["a"], ("tags",)).kind is FieldKind.STRING_LIST
    assert extra_field("tags", ["a"], ("tags",)).taxonomy == "tags"
    assert extra_field("params", {"a": 1}).kind is FieldKind.RAW
    assert extra_field("weight", 3).kind is FieldKind.NUMBER
    assert extra_field("hero_image", "x.jpg").kind is FieldKind.IMAGE
    assert extra_field("featured", True).label == "Featured"


def test_a_date_stays_a_date_and_a_string_stays_a_string() -> None:
    assert date_to_write(date(2025, 1, 2), date(2024, 6, 18)) == date(2025, 1, 2)
    assert date_to_write(date(2025, 1, 2), "2024-08-27") == "2025-01-02"


def test_a_datetime_keeps_its_offset_and_seconds() -> None:
    original = datetime(2024, 5, 2, 9, 30, 15, tzinfo=PLUS_TWO)
    written = date_to_write(datetime(2024, 5, 3, 11, 0), original)
    assert written == datetime(2024, 5, 3, 11, 0, 15, tzinfo=PLUS_TWO)
    assert written.utcoffset() == timedelta(hours=2)


def test_a_datetime_string_keeps_its_spelling() -> None:
    assert date_to_write(datetime(2025, 1, 2, 8, 5), "2024-02-05 10:00:00Z") == (
        "2025-01-02 08:05:00Z"
    )
    assert date_to_write(datetime(2025, 1, 2, 8, 5), "2024-02-05T10:00:00+01:00") == (
        "2025-01-02T08:05:00+01:00"
    )


def test_a_new_datetime_gets_the_computers_offset() -> None:
    written = date_to_write(datetime(2025, 1, 2, 8, 5), None)
    assert written.tzinfo is not None
    assert written.replace(tzinfo=None) == datetime(2025, 1, 2, 8, 5)


@pytest.mark.parametrize(
    ("post", "line"),
    [
        ("---\ndate: 2024-05-02T09:30:00+02:00\n---\n", "date: 2024-05-03T11:00:00+02:00"),
        ("---\ndate: 2024-05-02 09:30:00\n---\n", "date: 2024-05-03 11:00:00"),
        ("---\ndate: 2024-05-02T09:30:00Z\n---\n", "date: 2024-05-03T11:00:00Z"),
        ("---\ndate: 2024-05-02t09:30\n---\n", "date: 2024-05-03t11:00"),
        ('---\ndate: "2024-05-02 09:30"\n---\n', 'date: "2024-05-03 11:00"'),
        ('---\ndate: "2024-05-02T09:30:00Z"\n---\n', 'date: "2024-05-03T11:00:00Z"'),
        ('{\n"date": "2024-05-02T09:30:00+02:00"\n}\n', '"date": "2024-05-03T11:00:00+02:00"'),
        ("+++\ndate = 2024-05-02T09:30:00+02:00\n+++\n", "date = 2024-05-03T11:00:00+02:00"),
    ],
    ids=[
        "yaml",
        "yaml-space",
        "yaml-z",
        "yaml-string",
        "yaml-quoted",
        "yaml-quoted-z",
        "json",
        "toml",
    ],
)
def test_written_dates_keep_the_files_style(post: str, line: str) -> None:
    document = Document.from_text(post)
    original = document.front_matter["date"]
    document.front_matter["date"] = date_to_write(datetime(2024, 5, 3, 11, 0), original)
    assert document.to_bytes().decode().splitlines()[1] == line


def test_hidden_keys_come_from_the_sites_settings(demo_site) -> None:
    from postedit.core.field_values import hidden_keys
    from postedit.core.schema import schema_for
    from postedit.core.site import Site

    (demo_site / ".postedit.yaml").write_text(
        "sections:\n  default:\n    hidden: [Author, toc]\n  blog:\n"
        "    fields:\n      - name: toc\n        kind: bool\n",
        encoding="utf-8",
    )
    site = Site.open(demo_site)
    schema = schema_for(site, "blog")
    assert hidden_keys(site, schema) == {"author"}  # toc is listed again for the blog
    assert hidden_keys(None, schema) == frozenset()


def test_a_picker_without_fractions_keeps_the_originals() -> None:
    original = datetime(2024, 5, 2, 9, 30, 15, 500000, tzinfo=PLUS_TWO)
    written = date_to_write(datetime(2024, 5, 9, 9, 30, 15), original)
    assert written == datetime(2024, 5, 9, 9, 30, 15, 500000, tzinfo=PLUS_TWO)
    moved = date_to_write(datetime(2024, 5, 9, 9, 30, 20), original)
    assert moved == datetime(2024, 5, 9, 9, 30, 20, tzinfo=PLUS_TWO)
