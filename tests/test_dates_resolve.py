"""The pure calendar rules of eventmap.dates.resolve, without any text."""

from __future__ import annotations

import datetime as dt

import pytest

from eventmap.dates.daymath import add_months, last_weekday, next_weekday, shift
from eventmap.dates.resolve import pick_day, pick_month

D = dt.date
THU = D(2021, 12, 9)


@pytest.mark.parametrize(
    ("month", "day", "anchor", "direction", "weekday", "expected"),
    [
        (7, 26, THU, "past", None, D(2021, 7, 26)),
        (12, 9, THU, "past", None, D(2020, 12, 9)),  # "le 9 décembre dernier", written that day
        (12, 31, THU, None, None, D(2021, 12, 31)),  # just ahead: a deadline
        (12, 31, THU, "until", None, D(2021, 12, 31)),
        (3, 8, THU, None, None, D(2021, 3, 8)),  # far ahead: last March
        (1, 15, THU, None, None, D(2022, 1, 15)),  # five weeks ahead beats eleven months back
        (1, 15, THU, "past", None, D(2021, 1, 15)),
        (12, 9, THU, None, 3, D(2021, 12, 9)),  # Thursday 9 December
        (12, 9, D(2023, 6, 1), None, 3, D(2021, 12, 9)),  # the weekday picks the year
        (12, 9, THU, None, 0, D(2019, 12, 9)),  # Monday 9 December: two years back
        (2, 29, D(2021, 3, 1), None, None, D(2020, 2, 29)),
        (2, 30, THU, None, None, None),
    ],
)
def test_pick_day(month: int, day: int, anchor: dt.date, direction: str | None,
                  weekday: int | None, expected: dt.date | None) -> None:
    assert pick_day(month, day, anchor, direction, weekday) == expected


@pytest.mark.parametrize(
    ("month", "anchor", "direction", "year"),
    [(3, THU, None, 2021), (1, THU, None, 2022), (12, THU, "past", 2020), (12, THU, None, 2021),
     (3, THU, "future", 2022)],
)
def test_pick_month(month: int, anchor: dt.date, direction: str | None, year: int) -> None:
    assert pick_month(month, anchor, direction) == year


def test_weekdays() -> None:
    assert last_weekday(THU, 3, strictly=False) == THU
    assert last_weekday(THU, 3, strictly=True) == D(2021, 12, 2)
    assert next_weekday(THU, 0, strictly=True) == D(2021, 12, 13)


def test_month_arithmetic_clamps() -> None:
    assert add_months(D(2021, 3, 31), -1) == D(2021, 2, 28)
    assert shift(D(2020, 2, 29), -1, "year") == D(2019, 2, 28)
    assert shift(THU, -2, "week") == D(2021, 11, 25)
