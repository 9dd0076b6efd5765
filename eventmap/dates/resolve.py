"""Pure resolution: a candidate's fields + the anchor (publication date) → date and precision.

Why apart from the grammar: the rules of news time ("jeudi" alone is the last Thursday, "le 26
juillet dernier" the last 26 July before publication, "la semaine dernière" a week at precision 2)
are the same in every language, so they are written once here and tested without any text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from eventmap.dates.candidates import Candidate
from eventmap.dates.daymath import (
    DAY,
    last_weekday,
    month_end,
    next_weekday,
    safe_date,
    shift,
    week_start,
)
from eventmap.dates.lexicon import Lexicon, load_periods
from eventmap.dates.numeric import parse_day_month, parse_numeric

UNIT_PRECISION = {"minute": 1, "hour": 1, "day": 1, "week": 2, "month": 3, "year": 3, "decade": 3}
FUZZY_SPAN = (2, 7)  # "quelques jours": between 2 and 7 units back
# A date without a year is read in the past unless the future one is FUTURE_COST times nearer
# ("31 décembre" written on 9 December is this year's; "le 8 mars" is last March).
FUTURE_COST = 4.0
MONTH_PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}


@dataclass(frozen=True, slots=True)
class Resolved:
    """What a candidate means on the calendar."""

    date: dt.date
    precision: int
    kind: str
    end_date: dt.date | None = None
    bound: str | None = None


def _norm(word: str) -> str:
    return " ".join(word.split())


def _cost(day: dt.date, anchor: dt.date, direction: str | None) -> float | None:
    """How unlikely ``day`` is as the meaning of a partial date; None when excluded."""
    delta = (day - anchor).days
    if direction == "past":
        return -delta if delta < 0 else None
    if direction == "since":
        return -delta if delta <= 0 else None
    if direction in ("future", "until"):
        return delta if delta >= 0 else None
    # no word: news mostly reports the past, but a date just ahead is a deadline or a plan
    return -delta if delta <= 0 else FUTURE_COST * delta


def pick_day(
    month: int, day: int, anchor: dt.date, direction: str | None, weekday: int | None = None
) -> dt.date | None:
    """The year of "26 juillet" (with its direction and weekday) nearest the anchor."""
    years = range(anchor.year - 7, anchor.year + 2) if weekday is not None else range(
        anchor.year - 1, anchor.year + 2
    )
    days = [d for y in years if (d := safe_date(y, month, day)) is not None]
    if weekday is not None:
        matching = [d for d in days if d.weekday() == weekday]
        if not matching:  # the text's weekday is wrong: trust the day and month
            return pick_day(month, day, anchor, direction)
        days = matching
    scored = [(c, d) for d in days if (c := _cost(d, anchor, direction)) is not None]
    if not scored and direction is not None:
        return pick_day(month, day, anchor, None, weekday)
    return min(scored)[1] if scored else None


def pick_month(month: int, anchor: dt.date, direction: str | None) -> int:
    """The year of "en mars" / "en mars dernier" nearest the anchor."""
    here = anchor.year * 12 + anchor.month - 1
    best: tuple[float, int] | None = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        delta = year * 12 + month - 1 - here
        if direction == "past":
            cost: float | None = -delta if delta < 0 else None
        elif direction == "since":
            cost = -delta if delta <= 0 else None
        elif direction in ("future", "until"):
            cost = delta if delta >= 0 else None
        else:
            cost = -delta if delta <= 0 else FUTURE_COST * delta
        if cost is not None and (best is None or cost < best[0]):
            best = (cost, year)
    return best[1] if best else anchor.year


def _number(word: str, lex: Lexicon) -> tuple[int, bool] | None:
    """(n, fuzzy) for "trois", "3", "quelques"."""
    w = _norm(word)
    if w.isdigit():
        return int(w), False
    if w in lex.numbers:
        return int(lex.numbers[w]), False
    if w in lex.fuzzy_numbers:
        return FUZZY_SPAN[1], True
    return None


def _period_span(key: str, anchor: dt.date) -> Resolved | None:
    rule = load_periods().get(key)
    if rule is None:
        return None
    if rule.days_back is not None:
        return Resolved(anchor - dt.timedelta(days=rule.days_back), rule.precision, "period",
                        anchor)
    if rule.unit == "weekend":  # past-tense news: the weekend just gone (or under way)
        if rule.offset > 0:
            start = next_weekday(anchor, 5, strictly=True)
        else:
            start = last_weekday(anchor, 5, strictly=False)
            if rule.offset < 0 and anchor.weekday() >= 5:
                start -= 7 * DAY  # "le week-end dernier" written on a weekend: the one before
        end = start + DAY
    elif rule.unit == "week":
        start = week_start(anchor) + dt.timedelta(weeks=rule.offset)
        end = start + 6 * DAY
    elif rule.unit == "month":
        first = shift(anchor.replace(day=1), rule.offset, "month")
        start, end = first, month_end(first.year, first.month)
    elif rule.unit == "year":
        start = dt.date(anchor.year + rule.offset, 1, 1)
        end = dt.date(anchor.year + rule.offset, 12, 31)
    else:
        return None
    if rule.to_anchor and end > anchor >= start:
        end = anchor
    return Resolved(start, rule.precision, "period", end)


def _month_span(year: int, month: int, part: str | None) -> Resolved:
    last = month_end(year, month)
    if part in MONTH_PART_DAYS:
        lo, hi = MONTH_PART_DAYS[part]
        return Resolved(dt.date(year, month, lo), 2, "period", last.replace(day=min(hi, last.day)))
    return Resolved(dt.date(year, month, 1), 3, "period", last)


@dataclass(frozen=True, slots=True)
class _Ctx:
    """One candidate's fields, read once: what every rule below needs."""

    fields: dict[str, str]
    lex: Lexicon
    anchor: dt.date
    prev: dt.date  # the last day-precise date before it (the anchor when none)
    has_prev: bool  # whether the text gave such a date (else ``prev`` is the anchor)
    lean: str | None  # past | future | until | since | None: which way a partial date goes
    month: int | None
    weekday: int | None

    def word(self, name: str) -> str:
        return _norm(self.fields.get(name, ""))


def _context(c: Candidate, lex: Lexicon, anchor: dt.date, prev: dt.date | None) -> _Ctx:
    f = c.fields
    direction = lex.direction(f.get("dir")) or lex.direction(f.get("predir"))
    if direction == "this":
        direction = None
    month_word = _norm(f.get("month", ""))
    return _Ctx(
        fields=f, lex=lex, anchor=anchor, prev=prev or anchor, has_prev=prev is not None,
        lean=direction or lex.bound(f.get("bound")),
        month=(lex.months.get(month_word) or lex.month_abbreviations.get(month_word))
        if month_word else None,
        weekday=lex.weekdays.get(_norm(f["weekday"])) if "weekday" in f else None,
    )


def _day_month(x: _Ctx) -> Resolved | None:
    """"3 janvier 2020" (absolute), "jeudi 9 décembre", "le 26 juillet dernier" (partial)."""
    if not x.month:
        return None
    day = int(x.fields["day"])
    if "year" in x.fields:
        d = safe_date(int(x.fields["year"]), x.month, day)
        return Resolved(d, 1, "absolute") if d else None
    d = pick_day(x.month, day, x.anchor, x.lean, x.weekday)
    return Resolved(d, 1, "partial") if d else None


def _day_range(x: _Ctx) -> Resolved | None:
    """"du 24 au 26 mars 1999": a span of days, precision by its length."""
    first, last = int(x.fields["day"]), int(x.fields["day2"])
    if not x.month or last < first:
        return None
    if "year" in x.fields:
        year = int(x.fields["year"])
        lo, hi, kind = safe_date(year, x.month, first), safe_date(year, x.month, last), "absolute"
    else:
        lo = pick_day(x.month, first, x.anchor, x.lean)
        hi, kind = (safe_date(lo.year, x.month, last) if lo else None), "partial"
    if lo is None or hi is None:
        return None
    span = (hi - lo).days
    return Resolved(lo, 1 if span <= 1 else 2 if span <= 7 else 3, kind, hi)


def _month_year(x: _Ctx) -> Resolved | None:
    """"mars 2020", "début mars 2020"."""
    if not x.month:
        return None
    return _month_span(int(x.fields["year"]), x.month, x.lex.month_parts.get(x.word("mpart")))


def _month(x: _Ctx) -> Resolved | None:
    """"en mars", "mi-décembre", "last March": the year from the anchor."""
    if not x.month:
        return None
    part = x.lex.month_parts.get(x.word("mpart"))
    return _month_span(pick_month(x.month, x.anchor, x.lean), x.month, part)


def _year(x: _Ctx) -> Resolved | None:
    """"en 2014" (a year, never the anchor's day in 2014), "fin 2019", "depuis 2014"."""
    year = int(x.fields["year"])
    part = x.lex.month_parts.get(x.word("yprep"))
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if part == "early":
        end = dt.date(year, 4, 30)
    elif part == "late":
        start = dt.date(year, 9, 1)
    elif part == "mid":
        start, end = dt.date(year, 5, 1), dt.date(year, 8, 31)
    return Resolved(start, 3, "period", end, x.lex.bound(x.fields.get("yprep")))


def _year_range(x: _Ctx) -> Resolved | None:
    """"entre 2014 et 2016" (up to a century), "2014-2016" (up to 30 years)."""
    first, last = int(x.fields["year"]), int(x.fields["year2"])
    widest = 100 if "rfrom" in x.fields else 30
    if not first < last <= first + widest:
        return None
    return Resolved(dt.date(first, 1, 1), 3, "period", dt.date(last, 12, 31))


def _numeric(x: _Ctx) -> Resolved | None:
    """"12/11/2021", read by dateparser in the language's order."""
    d = parse_numeric(x.fields["numeric"], x.lex.language, x.lex.date_order)
    return Resolved(d, 1, "absolute") if d else None


def _numeric_dm(x: _Ctx) -> Resolved | None:
    """"le 12/11": a partial date in the language's order."""
    dm = parse_day_month(x.fields["dm"], x.lex.date_order)
    d = pick_day(dm[1], dm[0], x.anchor, x.lean) if dm else None
    return Resolved(d, 1, "partial") if d else None


def _weekday(x: _Ctx) -> Resolved | None:
    """Past-tense news: a bare weekday is the last such day, the publication day included."""
    if x.weekday is None:
        return None
    if x.lean in ("future", "until"):
        d = next_weekday(x.anchor, x.weekday, strictly=x.lean == "future")
    else:
        d = last_weekday(x.anchor, x.weekday, strictly=x.lean == "past")
    return Resolved(d, 1, "relative")


def _weekday_range(x: _Ctx) -> Resolved | None:
    """"dans la nuit de mercredi à jeudi": the last such pair of days up to the anchor."""
    last = x.lex.weekdays.get(x.word("weekday2"))
    if x.weekday is None or last is None:
        return None
    end = last_weekday(x.anchor, last, strictly=False)
    start = end - dt.timedelta(days=(last - x.weekday) % 7 or 7)
    return Resolved(start, 1 if (end - start).days <= 1 else 2, "relative", end)


def _days_from(base: dt.date, n: int | None) -> Resolved | None:
    return None if n is None else Resolved(base + dt.timedelta(days=n), 1, "relative")


def _relative_day(x: _Ctx) -> Resolved | None:
    """"hier soir", "aujourd'hui", "yesterday"."""
    return _days_from(x.anchor, x.lex.relative_days.get(x.word("relday")))


def _part_of_day(x: _Ctx) -> Resolved | None:
    """"ce matin", "last night"."""
    return _days_from(x.anchor, x.lex.this_part_of_day.get(x.word("thispart")))


def _anaphor(x: _Ctx) -> Resolved | None:
    """"le lendemain", "the next day": from the date just mentioned. Without one, a day
    after the publication date is not what past-tense news means: no date."""
    n = x.lex.anaphoric_days.get(x.word("anaphor"))
    if n is not None and n > 0 and not x.has_prev:
        return None
    return _days_from(x.prev, n)


def _period(x: _Ctx) -> Resolved | None:
    """"la semaine dernière", "earlier this month": see data/dates/periods.yaml."""
    key = x.lex.periods.get(x.word("period"))
    return _period_span(key, x.anchor) if key else None


def _count(x: _Ctx) -> tuple[int, bool, str] | None:
    """(n, fuzzy, unit) of "trois jours", "quelques semaines"."""
    parsed = _number(x.fields["num"], x.lex)
    unit = x.lex.units.get(x.word("unit"))
    if parsed is None or unit is None or parsed[0] > 10_000:
        return None
    return parsed[0], parsed[1], unit


def _since_duration(x: _Ctx) -> Resolved | None:
    """"depuis deux semaines": from then until the anchor."""
    counted = _count(x)
    if counted is None:
        return None
    start = shift(x.anchor, -counted[0], counted[2])
    precision = max(2, UNIT_PRECISION[counted[2]]) if start != x.anchor else 1
    return Resolved(start, precision, "period", x.anchor, "since")


def _shift(x: _Ctx) -> Resolved | None:
    """"il y a trois jours", "two days ago" (from the anchor); "trois jours plus tard" (from
    the date just mentioned); "il y a quelques jours" is a span."""
    counted = _count(x)
    if counted is None:
        return None
    n, fuzzy, unit = counted
    if "shift" in x.fields:
        base, sign = x.prev, 1 if x.word("shift") in x.lex.later_after else -1
        if sign > 0 and not x.has_prev:
            # "Quatre jours après l'explosion …" with no date told before: it counts from
            # an event, not from the publication date — no date rather than a future one
            return None
    else:
        base, sign = x.anchor, -1
    if fuzzy:
        ends = (shift(base, sign * FUZZY_SPAN[1], unit), shift(base, sign * FUZZY_SPAN[0], unit))
        precision = 1 if unit in ("hour", "minute") else 2 if unit == "day" else 3
        return Resolved(min(ends), precision, "period", max(ends))
    return Resolved(shift(base, sign * n, unit), UNIT_PRECISION[unit], "relative")


RULES: dict[str, Callable[[_Ctx], Resolved | None]] = {
    "day_month": _day_month,
    "month_day": _day_month,
    "day_range": _day_range,
    "month_day_range": _day_range,
    "month_year": _month_year,
    "month": _month,
    "year": _year,
    "year_of": _year,
    "year_range": _year_range,
    "year_dash": _year_range,
    "numeric": _numeric,
    "numeric_dm": _numeric_dm,
    "weekday": _weekday,
    "weekday_range": _weekday_range,
    "relative_day": _relative_day,
    "part_of_day": _part_of_day,
    "anaphor": _anaphor,
    "period": _period,
    "since_duration": _since_duration,
    "ago": _shift,
    "ago_after": _shift,
    "shift": _shift,
}


def resolve(
    candidate: Candidate, lex: Lexicon, anchor: dt.date, prev: dt.date | None = None
) -> Resolved | None:
    """The date(s) a candidate names, anchored on ``anchor``; None when it names no real date.

    ``prev`` is the last day-precise date met before it in the text, the base of "le lendemain"
    and "three days later"; without one, those that count forward name no date, those that
    count back ("la veille") count from the anchor.
    """
    rule = RULES.get(candidate.rule)
    if rule is None:
        return None
    try:
        core = rule(_context(candidate, lex, anchor, prev))
    except (ValueError, OverflowError):  # a date outside the calendar (year 0, 31 February…)
        return None
    if core is None:
        return None
    bound = core.bound or lex.bound(candidate.fields.get("bound"))
    if candidate.rule == "since_duration":
        bound = "since"
    if bound == "since":
        end = max(anchor, core.end_date or core.date)
        return Resolved(core.date, core.precision, "period", end, "since")
    if bound == "until":
        return Resolved(core.date, core.precision, core.kind, core.end_date or core.date, "until")
    return core
