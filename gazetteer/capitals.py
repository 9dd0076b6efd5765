"""A country's capital named by description: "la capitale libanaise", "the Iraqi capital",
"Lebanon's capital", "la capitale du Mali", "the capital of Syria".

Why: news names capitals this way as often as by name, and the event is in the city — a
protest "dans les rues de la capitale libanaise" is in Beirut, not somewhere in Lebanon.
The country (or its adjective) is already a mention; the phrase around it turns it into a
mention of that country's capital, spanning the words as written. Money senses ("Chinese
capital flows into…") are told apart by the noun after "capital" (data file).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from gazetteer.types import Mention, Place

# on the original text (case-insensitive); apostrophes straight or curly
_FR_BEFORE = re.compile(r"\bcapitale\s+(?:(?:du|des|de\s+la|de\s+l['’]|d['’]|de)\s*)?$",
                        re.IGNORECASE)
_EN_BEFORE = re.compile(r"\bcapital\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_EN_AFTER = re.compile(r"(?P<poss>['’]s)?\s+capital\b(?=(?:\s+(?P<next>[a-z]+))?)", re.IGNORECASE)
WINDOW = 30  # characters looked at before a mention


def capital_mentions(text: str, mentions: Sequence[Mention],
                     capital_of: Callable[[str], Place | None],
                     money_words: frozenset[str] = frozenset()) -> list[Mention]:
    """``mentions`` with each country named as a capital's description turned into a
    mention of that capital (the same order; a description beside a city's name, "the
    Iraqi capital Baghdad", "Luanda, Angola's capital", is left as it was: the name says it)."""
    out = list(mentions)
    for i, m in enumerate(mentions):
        if m.feature != "country" or not m.country_code:
            continue
        span = _description(text, m, money_words)
        if span is None:
            continue
        capital = capital_of(m.country_code)
        if capital is None:
            continue
        prev = mentions[i - 1] if i else None
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if _named_beside(text, span, prev, nxt):
            continue
        start, end = span
        out[i] = replace(m, text=text[start:end], start=start, end=end, place=capital,
                         alternatives=[m.place], via="toponym")
    return out


_GAP_AFTER = re.compile(r"\s*,?\s*(?:city\s+)?(?:of\s+)?|\s*\(\s*|\s+ville\s+(?:de\s+)?",
                        re.IGNORECASE)
_GAP_BEFORE = re.compile(r"\s*[,(]\s*(?:the\s+|la\s+)?", re.IGNORECASE)


def _named_beside(text: str, span: tuple[int, int], prev: Mention | None,
                  nxt: Mention | None) -> bool:
    """Whether a city is named right beside the description ("Zimbabwe's capital of
    Harare", "the Iraqi capital Baghdad", "Luanda, Angola's capital"): the name says it."""
    if nxt is not None and nxt.feature == "city" and 0 <= nxt.start - span[1] <= 16 \
            and _GAP_AFTER.fullmatch(text, span[1], nxt.start):
        return True
    return prev is not None and prev.feature == "city" and 0 <= span[0] - prev.end <= 8 \
        and _GAP_BEFORE.fullmatch(text, prev.end, span[0]) is not None


def _description(text: str, m: Mention, money_words: frozenset[str]) -> tuple[int, int] | None:
    """The span of "capitale libanaise" / "Iraqi capital" around ``m``, if it is one."""
    before = text[max(0, m.start - WINDOW):m.start]
    for pattern in (_FR_BEFORE, _EN_BEFORE):
        found = pattern.search(before)
        if found:
            return m.start - len(before) + found.start(), m.end
    after = _EN_AFTER.match(text, m.end)
    if after is None:
        return None
    if after.group("poss") is None and m.via != "demonym":
        return None  # "Lebanon capital": no such phrase; "Lebanon's capital" or "Lebanese capital"
    nxt = (after.group("next") or "").lower()
    if nxt in money_words:
        return None
    return m.start, after.end()
