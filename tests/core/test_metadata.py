"""Document metadata values: ISO 8601 dates from what files say, pages from page starts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from annotator.core.metadata import day_of, iso_date, page_of, page_starts, with_values


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03", "2024-03"),
        ("2024", "2024"),
        ("2024-03-05T10:15:00+01:00", "2024-03-05T10:15:00+01:00"),
        ("2024-03-05T10:15:00.123Z", "2024-03-05T10:15:00Z"),
        ("2024-03-05 10:15", "2024-03-05T10:15:00"),
        ("D:20240305101500+01'00'", "2024-03-05T10:15:00+01:00"),
        ("D:20240305101500Z", "2024-03-05T10:15:00Z"),
        ("D:20240305", "2024-03-05"),
        ("Tue, 05 Mar 2024 10:15:00 +0100", "2024-03-05T10:15:00+01:00"),
        ("Tue, 05 Mar 2024 09:15:00 GMT", "2024-03-05T09:15:00Z"),
        (datetime(2024, 3, 5, 10, 15, tzinfo=timezone(timedelta(hours=1))), "2024-03-05T10:15:00+01:00"),
        (datetime(2024, 3, 5, 9, 15, 7, 999, tzinfo=UTC), "2024-03-05T09:15:07Z"),
        (date(2024, 3, 5), "2024-03-05"),
        ("2024-02-30", None),
        ("hier", None),
        ("", None),
        (None, None),
    ],
)
def test_iso_date(value: object, expected: str | None) -> None:
    assert iso_date(value) == expected


def test_day_of_a_date_or_a_moment() -> None:
    assert day_of("2024-03-05T23:30:00-05:00") == "2024-03-05"
    assert day_of("2024-03") is None and day_of("n'importe") is None


def test_pages_from_page_starts() -> None:
    starts = [0, 120, 120, 300]  # page 3 holds no text: it starts where page 4 does
    assert [page_of(starts, offset) for offset in (0, 119, 120, 299, 300, 10_000)] == [1, 1, 3, 3, 4, 4]
    assert page_of([], 5) is None
    assert page_starts({"page_starts": starts}) == starts
    assert page_starts({"page_starts": "1,2"}) == [] and page_starts({}) == []


def test_with_values_sets_and_removes() -> None:
    assert with_values({"a": 1, "date": "x"}, date=" 2024-01-02 ", source="", a=None) == {"date": "2024-01-02"}
