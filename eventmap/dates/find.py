"""``find_dates``: every time expression of a text, resolved against the publication date."""

from __future__ import annotations

import datetime as dt

from eventmap.dates.candidates import find_candidates
from eventmap.dates.fallback import search_fallback
from eventmap.dates.lexicon import available_languages, load_lexicon
from eventmap.dates.resolve import resolve
from eventmap.dates.types import TimeExpression
from eventmap.errors import BadInput


def normalise_language(language: object) -> str:
    """'fr-FR', 'FR', 'fr_CA' → 'fr'; anything else → '' (no language)."""
    if not isinstance(language, str):
        return ""
    return language.strip().lower().replace("_", "-").split("-")[0]


def check_text(text: object, what: str) -> str:
    """The text itself, or BadInput when the caller passed something else (bytes, None…)."""
    if not isinstance(text, str):
        raise BadInput(what, f"expected a str, got {type(text).__name__}")
    return text


def find_dates(text: str, *, anchor: dt.date, language: str) -> list[TimeExpression]:
    """Every time expression of ``text`` in text order, resolved against ``anchor``.

    ``anchor`` is the publication date: "hier" is the day before it, a bare weekday the last such
    day on or before it, "le 26 juillet dernier" the last 26 July before it. Each expression has
    ACLED's precision (1 day, 2 about a week, 3 month or coarser), a ``kind`` (absolute, partial,
    relative, period), ``end_date`` for spans, and ``bound`` "until" for a deadline ("jusqu'au
    31 décembre": ``date`` is that day) or "since" for a start ("depuis 2014": ends on the
    anchor). "le lendemain" and "trois jours plus tard" count from the last day-precise date
    met before them (no date when there is none: they count from an event, not from the
    publication date). Bare numbers ("2014 personnes") and times of day ("22h30") are not dates.

    French and English are read with the lexicons of ``data/dates``; another language falls back
    on dateparser (slower, day-and-month dates only). Offsets index the original text.
    Raises BadInput when ``text`` is not a str or ``anchor`` is not a date; any str gives a list.
    """
    text = check_text(text, "find_dates text")
    if isinstance(anchor, dt.datetime):
        anchor = anchor.date()
    if not isinstance(anchor, dt.date):
        got = type(anchor).__name__
        raise BadInput("find_dates anchor", f"expected a datetime.date, got {got}")
    lang = normalise_language(language)
    if lang not in available_languages():
        return search_fallback(text, anchor=anchor, language=lang or "en") if lang else []
    out: list[TimeExpression] = []
    prev: dt.date | None = None
    for c in find_candidates(text, lang):
        r = resolve(c, load_lexicon(c.language), anchor, prev)
        if r is None:
            continue
        out.append(TimeExpression(text[c.start:c.end], c.start, c.end, r.date, r.precision,
                                  r.end_date, r.kind, r.bound))
        if r.precision == 1 and r.bound is None:
            prev = r.date
    return out
