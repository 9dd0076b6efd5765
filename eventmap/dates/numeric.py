"""Numeric dates ("12/11/2021", "2021-12-09") read by dateparser, with the language's order.

Why dateparser here: it knows each locale's day/month order and validates the calendar; it is
only called on the few spans the pre-filter found, and each (language, string) is parsed once.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=8)
def _parser(language: str, order: str) -> Any:
    """One DateDataParser per language and order (building one costs tens of milliseconds)."""
    from dateparser.date import DateDataParser

    try:
        return DateDataParser(
            languages=[language],
            settings={"DATE_ORDER": order, "REQUIRE_PARTS": ["day", "month", "year"],
                      "PREFER_DATES_FROM": "past"},
        )
    except ValueError:  # a language dateparser does not know: numbers read the same anyway
        return DateDataParser(
            languages=["en"],
            settings={"DATE_ORDER": order, "REQUIRE_PARTS": ["day", "month", "year"]},
        )


@lru_cache(maxsize=4096)
def parse_numeric(text: str, language: str, order: str) -> dt.date | None:
    """The day a numeric date names, or None when it is not a valid date."""
    data = _parser(language, order).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date()  # type: ignore[no-any-return]


def parse_day_month(text: str, order: str) -> tuple[int, int] | None:
    """(day, month) of "12/11" in the given order, or None when it cannot be a day and month."""
    a, _, b = text.partition("/")
    try:
        first, second = int(a), int(b)
    except ValueError:
        return None
    day, month = (second, first) if order == "MDY" else (first, second)
    if 1 <= month <= 12 and 1 <= day <= 31:
        return day, month
    return None
