"""A time expression found in a text, resolved to a calendar date with ACLED precision."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TimeExpression:
    text: str  # as written
    start: int  # character offsets into the text
    end: int
    date: dt.date  # the day, or the first day of the period
    precision: int  # ACLED time precision: 1 day, 2 about a week, 3 month or coarser
    end_date: dt.date | None = None  # last day for periods ("jusqu'au 31 décembre", "this month")
    kind: str = "absolute"  # absolute | partial | relative | period
    # "until" for a deadline ("jusqu'au 31 décembre": date is that day), "since" for a start
    # ("depuis le 3 janvier": end_date is the anchor); None for a plain date
    bound: str | None = None
