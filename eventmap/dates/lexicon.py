"""Date words of one language, read from ``data/dates/<lang>.yaml`` on first use.

Why: month names, weekdays and relative words are language data, like dateparser's per-language
files; keeping them in YAML lets someone add a language or a word without touching the grammar.
Every key is folded (lower case, no accents, one apostrophe) so the grammar matches a folded copy
of the text whose offsets are those of the original.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import yaml

from eventmap.textfold import fold  # re-exported: the matchers work on folded text
from gazetteer.datafiles import data_path

DATA_DIR = data_path("dates")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The folded date words of one language, each mapped to what it means."""

    language: str
    date_order: str  # "DMY" or "MDY", for numeric dates
    months_capitalised: bool  # English: "may" the verb is not May
    months: dict[str, int]
    month_abbreviations: dict[str, int]
    weekdays: dict[str, int]
    ordinal_suffixes: tuple[str, ...]
    relative_days: dict[str, int]
    parts_of_day: tuple[str, ...]
    this_part_of_day: dict[str, int]
    this_words: tuple[str, ...]
    past_words: tuple[str, ...]
    future_words: tuple[str, ...]
    until_words: tuple[str, ...]
    since_words: tuple[str, ...]
    ago_before: tuple[str, ...]
    ago_after: tuple[str, ...]
    later_after: tuple[str, ...]
    earlier_after: tuple[str, ...]
    numbers: dict[str, int]
    fuzzy_numbers: tuple[str, ...]
    units: dict[str, str]
    year_prepositions: tuple[str, ...]
    month_parts: dict[str, str]
    anaphoric_days: dict[str, int]
    periods: dict[str, str]
    day_articles: tuple[str, ...] = ()
    month_prepositions: tuple[str, ...] = ()
    part_connectors: tuple[str, ...] = ()
    of_words: tuple[str, ...] = ()
    range_from: tuple[str, ...] = ()
    range_to: tuple[str, ...] = ()
    weekday_parts: tuple[str, ...] = ()
    since_duration_words: tuple[str, ...] = ()
    year_of_words: tuple[str, ...] = ()
    year_followers: tuple[str, ...] = ()
    quantity_words: tuple[str, ...] = ()

    def direction(self, word: str | None) -> str | None:
        """'past', 'future' or 'this' for a folded direction word, None for no word."""
        if not word:
            return None
        w = " ".join(word.split())
        if w in self.past_words:
            return "past"
        if w in self.future_words:
            return "future"
        if w in self.this_words:
            return "this"
        return None

    def bound(self, word: str | None) -> str | None:
        """'until' or 'since' for a folded bound word ("jusqu'au", "since")."""
        if not word:
            return None
        w = " ".join(word.split())
        if w in self.until_words:
            return "until"
        if w in self.since_words:
            return "since"
        return None


def _key(word: Any) -> str:
    return " ".join(fold(str(word)).split())


def _words(raw: dict[str, Any], name: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(_key(w) for w in raw.get(name) or ()))


def _mapping(raw: dict[str, Any], name: str) -> dict[str, Any]:
    return {_key(k): v for k, v in (raw.get(name) or {}).items()}


@lru_cache(maxsize=1)
def available_languages() -> tuple[str, ...]:
    """Language codes that have a lexicon file."""
    return tuple(sorted(p.stem for p in DATA_DIR.glob("*.yaml") if p.stem != "periods"))


@cache
def load_lexicon(language: str) -> Lexicon:
    """The lexicon of ``language`` (e.g. 'fr'); KeyError when there is no file for it."""
    path = DATA_DIR / f"{language}.yaml"
    if not path.is_file():
        raise KeyError(language)
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return Lexicon(
        language=language,
        date_order=str(raw.get("date_order", "DMY")),
        months_capitalised=bool(raw.get("months_capitalised", False)),
        months=_mapping(raw, "months"),
        month_abbreviations=_mapping(raw, "month_abbreviations"),
        weekdays=_mapping(raw, "weekdays"),
        ordinal_suffixes=_words(raw, "ordinal_suffixes"),
        relative_days=_mapping(raw, "relative_days"),
        parts_of_day=_words(raw, "parts_of_day"),
        this_part_of_day=_mapping(raw, "this_part_of_day"),
        this_words=_words(raw, "this_words"),
        past_words=_words(raw, "past_words"),
        future_words=_words(raw, "future_words"),
        until_words=_words(raw, "until_words"),
        since_words=_words(raw, "since_words"),
        ago_before=_words(raw, "ago_before"),
        ago_after=_words(raw, "ago_after"),
        later_after=_words(raw, "later_after"),
        earlier_after=_words(raw, "earlier_after"),
        numbers=_mapping(raw, "numbers"),
        fuzzy_numbers=_words(raw, "fuzzy_numbers"),
        units=_mapping(raw, "units"),
        year_prepositions=_words(raw, "year_prepositions"),
        month_parts=_mapping(raw, "month_parts"),
        anaphoric_days=_mapping(raw, "anaphoric_days"),
        periods=_mapping(raw, "periods"),
        day_articles=_words(raw, "day_articles"),
        month_prepositions=_words(raw, "month_prepositions"),
        part_connectors=_words(raw, "part_connectors"),
        of_words=_words(raw, "of_words"),
        range_from=_words(raw, "range_from"),
        range_to=_words(raw, "range_to"),
        weekday_parts=_words(raw, "weekday_parts"),
        since_duration_words=_words(raw, "since_duration_words"),
        year_of_words=_words(raw, "year_of_words"),
        year_followers=_words(raw, "year_followers"),
        quantity_words=_words(raw, "quantity_words"),
    )


@dataclass(frozen=True, slots=True)
class PeriodRule:
    """What a period key ('last_week', 'recent_days'…) means relative to the anchor."""

    precision: int
    unit: str | None = None  # week | weekend | month | year
    offset: int = 0
    to_anchor: bool = False
    days_back: int | None = None


@lru_cache(maxsize=1)
def load_periods() -> dict[str, PeriodRule]:
    """The period rules of ``data/dates/periods.yaml``."""
    raw = yaml.safe_load((DATA_DIR / "periods.yaml").read_text(encoding="utf-8")) or {}
    return {
        key: PeriodRule(
            precision=int(v["precision"]),
            unit=v.get("unit"),
            offset=int(v.get("offset", 0)),
            to_anchor=bool(v.get("to_anchor", False)),
            days_back=v.get("days_back"),
        )
        for key, v in raw.items()
    }
