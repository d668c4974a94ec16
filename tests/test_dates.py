"""Tests for attribution.text.dates: one table per newsroom convention."""

import datetime

import pytest

from attribution.errors import BadInput
from attribution.text.dates import parse_iso_date, resolve_date

D = datetime.date
THU = D(2025, 10, 23)  # a Thursday
MON_JAN = D(2026, 1, 5)  # a Monday, just after New Year


@pytest.mark.parametrize(
    ("expression", "published", "expected"),
    [
        ("Wednesday", THU, D(2025, 10, 22)),
        ("on Wednesday", THU, D(2025, 10, 22)),
        ("Thursday", THU, D(2025, 10, 23)),
        ("Friday", THU, D(2025, 10, 17)),
        ("Tuesday night", THU, D(2025, 10, 21)),
        ("Thursday morning", THU, D(2025, 10, 23)),
        ("late Tuesday", THU, D(2025, 10, 21)),
        ("early Wednesday morning", THU, D(2025, 10, 22)),
        ("Wed.", THU, D(2025, 10, 22)),
        ("Sunday", MON_JAN, D(2026, 1, 4)),
        ("last Thursday", THU, D(2025, 10, 16)),
    ],
)
def test_weekday_is_latest_on_or_before_publication(expression, published, expected):
    assert resolve_date(expression, published) == expected


@pytest.mark.parametrize(
    ("expression", "published", "expected"),
    [
        ("on Oct 21", THU, D(2025, 10, 21)),
        ("Oct. 21", THU, D(2025, 10, 21)),
        ("on March 3", THU, D(2025, 3, 3)),
        ("Oct 23", THU, D(2025, 10, 23)),
        ("Oct 24", THU, D(2024, 10, 24)),
        ("Dec 30", MON_JAN, D(2025, 12, 30)),
        ("Jan. 5", MON_JAN, D(2026, 1, 5)),
        ("Tuesday, Oct. 21", THU, D(2025, 10, 21)),
    ],
)
def test_month_day_takes_year_on_or_before_publication(expression, published, expected):
    assert resolve_date(expression, published) == expected


@pytest.mark.parametrize(
    ("expression", "published", "expected"),
    [
        ("October 21, 2025", THU, D(2025, 10, 21)),
        ("2025-10-21", THU, D(2025, 10, 21)),
        ("on Oct. 21, 2024", THU, D(2024, 10, 21)),
        ("October 21, 2025", None, D(2025, 10, 21)),
        ("2025-10-21", None, D(2025, 10, 21)),
        ("Wednesday, Oct. 22, 2025", None, D(2025, 10, 22)),
    ],
)
def test_full_date_resolves_without_publication_too(expression, published, expected):
    assert resolve_date(expression, published) == expected


@pytest.mark.parametrize(
    ("expression", "published", "expected"),
    [
        ("yesterday", THU, D(2025, 10, 22)),
        ("last night", THU, D(2025, 10, 22)),
        ("yesterday afternoon", MON_JAN, D(2026, 1, 4)),
        ("today", THU, THU),
        ("this morning", THU, THU),
        ("earlier today", THU, THU),
        ("two hours ago", THU, THU),
        ("three days ago", THU, D(2025, 10, 20)),
        ("last week", THU, D(2025, 10, 16)),
        ("late last week", THU, D(2025, 10, 16)),
        ("last week", MON_JAN, D(2025, 12, 29)),
    ],
)
def test_relative_days_count_back_from_publication(expression, published, expected):
    assert resolve_date(expression, published) == expected


@pytest.mark.parametrize(
    ("expression", "published", "expected"),
    [
        ("last month", THU, D(2025, 9, 1)),
        ("last month", MON_JAN, D(2025, 12, 1)),
        ("earlier this month", THU, D(2025, 10, 1)),
        ("earlier this week", THU, D(2025, 10, 20)),
        ("earlier this week", MON_JAN, MON_JAN),
        ("in March", THU, D(2025, 3, 1)),
        ("in November", THU, D(2024, 11, 1)),
        ("in 2019", THU, D(2019, 1, 1)),
        ("in late 2019", THU, D(2019, 1, 1)),
        ("last year", THU, D(2024, 1, 1)),
        ("earlier this year", THU, D(2025, 1, 1)),
        ("in 2019", None, D(2019, 1, 1)),
        ("October 2019", None, D(2019, 10, 1)),
    ],
)
def test_month_or_year_resolves_to_first_day(expression, published, expected):
    assert resolve_date(expression, published) == expected


@pytest.mark.parametrize(
    "expression",
    ["next week", "tomorrow", "next Tuesday", "later this week", "Oct 24, 2025",
     "2025-10-24"],
)
def test_future_is_never_when_words_were_said(expression):
    assert resolve_date(expression, THU) is None


@pytest.mark.parametrize(
    "expression",
    ["yesterday", "Wednesday", "last week", "Oct 21", "last month", "today"],
)
def test_relative_needs_publication_date(expression):
    assert resolve_date(expression, None) is None


@pytest.mark.parametrize(
    "expression",
    ["soon", "for years", "since 2019", "recently", "the other day", "hello",
     "", "   ", "42", "-1", "2025-13-01", "2025-02-30", "x" * 500],
)
def test_unresolvable_expression_is_none(expression):
    assert resolve_date(expression, THU) is None


@pytest.mark.parametrize(
    ("expression", "published"),
    [(None, THU), (21, THU), ("Wednesday", "2025-10-23"), ("Wednesday", 20251023)],
)
def test_wrong_types_return_none_instead_of_raising(expression, published):
    assert resolve_date(expression, published) is None


def test_datetime_publication_counts_as_its_day():
    assert resolve_date("Thursday", datetime.datetime(2025, 10, 23, 23, 59)) == THU


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2025-10-21", D(2025, 10, 21)), ("2024-02-29", D(2024, 2, 29))],
)
def test_parse_iso_date_accepts_yyyy_mm_dd(value, expected):
    assert parse_iso_date(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2025-13-01", "bad date '2025-13-01': month must be in 1..12"),
        ("2025-02-29", "bad date '2025-02-29': day is out of range for month"),
        ("21/10/2025", "bad date '21/10/2025': expected YYYY-MM-DD"),
        ("20251021", "bad date '20251021': expected YYYY-MM-DD"),
        ("2025-W43-4", "bad date '2025-W43-4': expected YYYY-MM-DD"),
        (" 2025-10-21", "bad date ' 2025-10-21': expected YYYY-MM-DD"),
        ("", "bad date '': expected YYYY-MM-DD"),
        (20251021, "bad date 20251021: expected YYYY-MM-DD"),
    ],
)
def test_parse_iso_date_rejects_anything_else(value, message):
    with pytest.raises(BadInput) as caught:
        parse_iso_date(value)
    assert str(caught.value) == message
