"""Guess when a text was published from the text itself (for documents without metadata).

Why a weekday helps: "jeudi 9 décembre" names a date only in some years (2021, 2027, 2010…);
the other dates of the text ("3 janvier 2020", "31 décembre 2021") say which years are plausible,
so the pair pins the publication date. A weekday date the text calls "today" ("aujourd'hui,
jeudi 9 décembre", "ce jeudi 9 décembre") is preferred over one that is merely mentioned.
"""

from __future__ import annotations

import datetime as dt
import re

from eventmap.dates.candidates import Candidate, find_candidates
from eventmap.dates.daymath import safe_date
from eventmap.dates.find import check_text, normalise_language
from eventmap.dates.lexicon import Lexicon, available_languages, load_lexicon

_GAP = re.compile(r"[\s,:;()\-–—]{0,6}")
_YEAR_IN_NUMERIC = re.compile(r"(?:1[5-9]|20)\d{2}")
DATELINE_CHARS = 120


def _month(c: Candidate, lex: Lexicon) -> int | None:
    m = " ".join(c.fields.get("month", "").split())
    return lex.months.get(m) or lex.month_abbreviations.get(m)


def _explicit_years(cands: list[Candidate]) -> list[int]:
    years = [int(c.fields["year"]) for c in cands if "year" in c.fields]
    years += [int(y) for c in cands if "numeric" in c.fields
              for y in _YEAR_IN_NUMERIC.findall(c.fields["numeric"])[:1]]
    return years


def _days_from_writing(c: Candidate, lex: Lexicon) -> int | None:
    """Days between the day a candidate names and the day of writing: "aujourd'hui" 0,
    "hier" -1, "ce matin" 0; None for anything else."""
    if c.rule == "relative_day":
        return lex.relative_days.get(" ".join(c.fields["relday"].split()))
    if c.rule == "part_of_day":
        return lex.this_part_of_day.get(" ".join(c.fields["thispart"].split()))
    return None


def _candidate_years(month: int, day: int, weekday: int, years: list[int],
                     not_after: dt.date) -> list[int]:
    """Years in which day/month falls on the weekday, most plausible first."""
    if years:  # the latest year named, or one or two after it (the text looks back)
        latest = max(years)
        pool = range(min(years), latest + 3)
    else:  # no year at all: the most recent fitting year before ``not_after``
        latest = not_after.year
        pool = range(not_after.year - 6, not_after.year + 1)
    ok = [y for y in pool if (d := safe_date(y, month, day)) and d.weekday() == weekday
          and d <= not_after]
    return sorted(ok, key=lambda y: (abs(y - latest), -y))


def infer_publication_date(
    text: str, *, language: str, not_after: dt.date | None = None
) -> dt.date | None:
    """The publication date a text's own dates support, or None when nothing supports a guess.

    A weekday with a day and month ("jeudi 9 décembre") is placed in the year, among those the
    text's other dates allow, where that day is that weekday; the one the text calls today
    ("aujourd'hui, jeudi 9 décembre", "ce jeudi 9 décembre"; "hier, mercredi 8 décembre" gives the
    day after) wins, else the latest. Else a full date alone on the first line (a dateline).

    ``not_after`` (default: today) bounds the guess; it matters only when the text names no year.
    Raises BadInput when ``text`` is not a str.
    """
    text = check_text(text, "infer_publication_date text")
    lang = normalise_language(language)
    if lang not in available_languages():
        return None
    lex = load_lexicon(lang)
    not_after = not_after or dt.date.today()
    cands = find_candidates(text, lang)
    years = [y for y in _explicit_years(cands) if y <= not_after.year]

    guesses: list[tuple[bool, dt.date]] = []  # (called "today", date)
    for i, c in enumerate(cands):
        if c.rule not in ("day_month", "month_day"):
            continue
        month = _month(c, load_lexicon(c.language))
        if month is None or lex.direction(c.fields.get("dir")) == "future":
            continue
        if lex.bound(c.fields.get("bound")) is not None:
            continue
        before = cands[i - 1] if i else None
        offset = 0  # "hier, mercredi 8 décembre": written the day after
        if before is not None and _GAP.fullmatch(text[before.end:c.start]):
            offset = _days_from_writing(before, lex) or 0
            today = _days_from_writing(before, lex) is not None
        else:
            today = False
        today = today or bool(c.fields.get("this"))
        day = int(c.fields["day"])
        if "year" in c.fields:
            d = safe_date(int(c.fields["year"]), month, day)
            if d and (today or "weekday" in c.fields):
                d -= dt.timedelta(days=offset)
                if d <= not_after:
                    guesses.append((today, d))
            continue
        if "weekday" not in c.fields:
            continue
        weekday = lex.weekdays.get(" ".join(c.fields["weekday"].split()))
        if weekday is None:
            continue
        for year in _candidate_years(month, day, weekday, years, not_after)[:1]:
            d = safe_date(year, month, day)
            if d:
                guesses.append((today, d - dt.timedelta(days=offset)))
    if guesses:
        called_today = [d for t, d in guesses if t]
        return max(called_today) if called_today else max(d for _, d in guesses)
    return _dateline(text, cands, lex, not_after)


def _dateline(
    text: str, cands: list[Candidate], lex: Lexicon, not_after: dt.date
) -> dt.date | None:
    """A full date on a short first line of its own ("Paris, 9 décembre 2021"): a dateline."""
    stripped = text.lstrip()
    offset = len(text) - len(stripped)
    first_line, newline, rest = stripped.partition("\n")
    if not first_line or len(first_line) > DATELINE_CHARS or not newline or not rest.strip():
        return None
    for c in cands:
        if c.start >= offset + len(first_line):
            break
        if c.rule in ("day_month", "month_day") and "year" in c.fields:
            month = _month(c, load_lexicon(c.language))
            d = safe_date(int(c.fields["year"]), month, int(c.fields["day"])) if month else None
            if d and d <= not_after:
                return d
    return None
