"""Languages without a lexicon in ``data/dates``: dateparser's ``search_dates``, per sentence.

Why only as a fallback: it knows ~200 locales but costs 10–20 ms per 500 characters, so it is
run only on sentences that hold a digit, and only day-and-month dates are kept (its bare years
and times of day are false positives).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from eventmap.dates.types import TimeExpression

# a sentence: up to ". " / "! " / "? " or a line end, but "9. Dezember" goes on
_SENTENCE = re.compile(r"(?:[^.!?\n]|(?<=\d)\.|[.!?](?!\s))+")
_YEAR = re.compile(r"\b(?:1[5-9]|20)\d{2}\b")


def _search(sentence: str, language: str, anchor: dt.date) -> list[tuple[str, Any]]:
    from dateparser.search import search_dates

    settings = {
        "RELATIVE_BASE": dt.datetime(anchor.year, anchor.month, anchor.day),
        "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": ["day", "month"],
    }
    try:
        return search_dates(sentence, languages=[language], settings=settings) or []
    except ValueError:  # dateparser does not know this language code either
        return []


def search_fallback(text: str, *, anchor: dt.date, language: str) -> list[TimeExpression]:
    """Day-and-month dates dateparser finds in the sentences that contain a digit."""
    out: list[TimeExpression] = []
    for m in _SENTENCE.finditer(text):
        sentence, base, cursor = m.group(), m.start(), 0
        if not any(ch.isdigit() for ch in sentence):
            continue
        for written, when in _search(sentence, language, anchor):
            at = sentence.find(written, cursor)
            if at < 0 or not any(ch.isdigit() for ch in written):
                continue
            cursor = at + len(written)
            kind = "absolute" if _YEAR.search(written) else "partial"
            out.append(TimeExpression(written, base + at, base + cursor, when.date(), 1,
                                      None, kind))
    return out
