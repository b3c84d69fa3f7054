"""Dates written in the spelling the post already uses, and read back as Hugo reads them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from postedit.core.dates import NotAHugoDate, as_date, format_date_like, parse_date

CET = timezone(timedelta(hours=1))


@pytest.mark.parametrize(
    ("value", "original", "expected"),
    [
        (date(2025, 1, 2), "2024-02-05", "2025-01-02"),
        (date(2025, 1, 2), "2024-02-05T10:00:00+01:00", "2025-01-02"),
        (datetime(2025, 1, 2, 9, 5, tzinfo=CET), "2024-02-05T10:00:00+01:00", "2025-01-02T09:05:00+01:00"),
        (datetime(2025, 1, 2, 9, 5, tzinfo=UTC), "2024-02-05T10:00:00Z", "2025-01-02T09:05:00Z"),
        (datetime(2025, 1, 2, 9, 5), "2024-02-05 10:00:00", "2025-01-02 09:05:00"),
        (datetime(2025, 1, 2, 9, 5, tzinfo=CET), "2024-02-05T10:00:00+0100", "2025-01-02T09:05:00+0100"),
        (datetime(2025, 1, 2, 9, 5, 7, 120000), "2024-02-05T10:00:00.5", "2025-01-02T09:05:07.12"),
        (datetime(2025, 1, 2, 9, 5, tzinfo=CET), "2024-02-05", "2025-01-02T09:05:00+01:00"),
        (datetime(2025, 1, 2, 9, 5, tzinfo=CET), None, "2025-01-02T09:05:00+01:00"),
    ],
)  # fmt: skip
def test_format_date_like(value: date, original: str | None, expected: str) -> None:
    assert format_date_like(value, original) == expected
    assert parse_date(expected) == value


def test_parse_date_rejects_what_hugo_refuses() -> None:
    with pytest.raises(NotAHugoDate):
        parse_date("soon")
    assert as_date("2024-02-05 10:00") is None  # Hugo wants the seconds
    assert parse_date("2024-02-05T10:00:00+01:00") == datetime(2024, 2, 5, 10, tzinfo=CET)
