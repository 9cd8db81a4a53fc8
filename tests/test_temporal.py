"""Each date form news text uses, resolved against the publication date (my own sentences)."""

from __future__ import annotations

from datetime import date

import pytest

from kg.temporal import duration, length_in_days, resolve_date

PUB = date(2025, 3, 12)  # a Wednesday


@pytest.mark.parametrize(
    "expression,future,expected",
    [
        ("on Wednesday", False, date(2025, 3, 12)),          # the day of publication
        ("on Monday", False, date(2025, 3, 10)),             # the latest Monday
        ("on Monday", None, date(2025, 3, 10)),              # unknown tense reads as past
        ("on Friday", True, date(2025, 3, 14)),              # "will meet on Friday"
        ("next Tuesday", None, date(2025, 3, 18)),
        ("next Wednesday", None, date(2025, 3, 19)),         # never today
        ("next Thursday", None, date(2025, 3, 20)),          # next week's, not tomorrow
        ("next Monday", None, date(2025, 3, 17)),
        ("Thursday, March 20", False, date(2025, 3, 20)),    # the weekday fixes the year
        ("Wednesday, Jan. 29", None, date(2025, 1, 29)),
        ("Thursday, January 29", False, date(2026, 1, 29)),  # 2026's Jan 29 is the Thursday
        ("last Wednesday", None, date(2025, 3, 5)),
        ("last Thursday", None, date(2025, 3, 6)),
        ("last Monday", None, date(2025, 3, 3)),             # last week's, not two days ago
        ("this past Monday", None, date(2025, 3, 10)),
        ("this coming Saturday", None, date(2025, 3, 15)),
        ("yesterday", None, date(2025, 3, 11)),
        ("late on Tuesday night", False, date(2025, 3, 11)),
        ("earlier today", None, date(2025, 3, 12)),
        ("this morning", None, date(2025, 3, 12)),
        ("tomorrow", None, date(2025, 3, 13)),
        ("two days ago", None, date(2025, 3, 10)),
        ("3 days later", None, date(2025, 3, 15)),
        ("March 3", None, date(2025, 3, 3)),
        ("Dec. 30", False, date(2024, 12, 30)),              # the nearest past year
        ("Jan. 5", True, date(2026, 1, 5)),
        ("5 January 2024", None, date(2024, 1, 5)),
        ("on February 12, 2025", None, date(2025, 2, 12)),
        ("2025-02-12", None, date(2025, 2, 12)),
        ("the 3rd of March", None, date(2025, 3, 3)),
    ],
)
def test_resolves(expression, future, expected):
    assert resolve_date(expression, PUB, future=future) == expected


@pytest.mark.parametrize(
    "expression",
    ["last week", "earlier this month", "later this month", "in November", "in the near term",
     "recently", "next year", "February"],
)
def test_no_single_day_is_never_guessed(expression):
    assert resolve_date(expression, PUB) is None


def test_relative_needs_a_publication_date_absolute_does_not():
    assert resolve_date("on Monday", None) is None
    assert resolve_date("March 3", None) is None
    assert resolve_date("March 3, 2025", None) == date(2025, 3, 3)


def test_impossible_day_is_none():
    assert resolve_date("February 30, 2025", PUB) is None


def test_days_later_and_earlier_count_from_the_narratives_day_when_known():
    monday = date(2025, 3, 3)
    assert resolve_date("two days later", PUB, reference=monday) == date(2025, 3, 5)
    assert resolve_date("three days earlier", PUB, reference=monday) == date(2025, 2, 28)
    assert resolve_date("two days ago", PUB, reference=monday) == date(2025, 3, 10)  # from publication


@pytest.mark.parametrize(
    "expression,days",
    [("about 90 minutes", 0), ("two hours", 0), ("10 days", 10), ("ten days", 10), ("a week", 7),
     ("two weeks", 14), ("a week-long", 7), ("three months", None), ("several days", None)],
)
def test_lengths_of_time_are_no_dates_and_count_whole_days(expression, days):
    assert duration(expression) and length_in_days(expression) == days
    assert resolve_date(expression, PUB) is None


@pytest.mark.parametrize("expression", ["on Monday", "two days ago", "last week", "March 3"])
def test_points_in_time_are_no_lengths(expression):
    assert not duration(expression)
