"""Small calendar arithmetic the resolver needs (no I/O, no language)."""

from __future__ import annotations

import calendar
import datetime as dt

DAY = dt.timedelta(days=1)


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (31 February, year 0)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_end(year: int, month: int) -> dt.date:
    """Last day of a month."""
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day ``months`` later (or earlier), clamped to the month's last day."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    year = max(1, min(9999, year))
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def shift(day: dt.date, amount: int, unit: str) -> dt.date:
    """``day`` moved by ``amount`` days, weeks, months or years (clamped to the calendar)."""
    try:
        if unit == "hour":
            return day + dt.timedelta(days=int(amount / 24))
        if unit == "minute":
            return day
        if unit == "decade":
            return add_months(day, 120 * amount)
        if unit == "day":
            return day + dt.timedelta(days=amount)
        if unit == "week":
            return day + dt.timedelta(weeks=amount)
        if unit == "month":
            return add_months(day, amount)
        if unit == "year":
            return add_months(day, 12 * amount)
    except OverflowError:
        return day
    raise ValueError(f"unknown unit {unit!r}")


def week_start(day: dt.date) -> dt.date:
    """Monday of the ISO week of ``day``."""
    return day - dt.timedelta(days=day.weekday())


def last_weekday(anchor: dt.date, weekday: int, *, strictly: bool) -> dt.date:
    """Most recent ``weekday`` (0 = Monday) on or before the anchor (before it when strictly)."""
    back = (anchor.weekday() - weekday) % 7
    if back == 0 and strictly:
        back = 7
    return anchor - dt.timedelta(days=back)


def next_weekday(anchor: dt.date, weekday: int, *, strictly: bool) -> dt.date:
    """Next ``weekday`` on or after the anchor (after it when strictly)."""
    ahead = (weekday - anchor.weekday()) % 7
    if ahead == 0 and strictly:
        ahead = 7
    return anchor + dt.timedelta(days=ahead)
