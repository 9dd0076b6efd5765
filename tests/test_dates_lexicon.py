"""The date lexicons in data/dates are complete and consistent, and the API keeps its shape."""

from __future__ import annotations

import dataclasses
import datetime as dt
import inspect

import pytest

from eventmap.dates import TimeExpression, find_dates, infer_publication_date
from eventmap.dates.lexicon import available_languages, load_lexicon, load_periods

LANGUAGES = available_languages()


def test_french_and_english_are_there() -> None:
    assert {"fr", "en"} <= set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_months_and_weekdays_complete(language: str) -> None:
    lex = load_lexicon(language)
    assert sorted(set(lex.months.values())) == list(range(1, 13))
    assert sorted(set(lex.weekdays.values())) == list(range(7))
    assert set(lex.month_abbreviations.values()) <= set(range(1, 13))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_period_key_is_defined(language: str) -> None:
    assert set(load_lexicon(language).periods.values()) <= set(load_periods())


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_unit_is_known(language: str) -> None:
    units = set(load_lexicon(language).units.values())
    assert units <= {"minute", "hour", "day", "week", "month", "year", "decade"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_keys_are_folded(language: str) -> None:
    lex = load_lexicon(language)
    for word in [*lex.months, *lex.weekdays, *lex.relative_days, *lex.periods]:
        assert word == word.lower() and word.isascii(), word


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_month_and_weekday_is_found(language: str) -> None:
    lex = load_lexicon(language)
    anchor = dt.date(2021, 12, 9)
    for word, month in lex.months.items():
        written = word.capitalize() if lex.months_capitalised else word
        found = find_dates(f"3 {written} 2020", anchor=anchor, language=language)
        assert [e.date for e in found] == [dt.date(2020, month, 3)], word
    for word, weekday in lex.weekdays.items():
        written = word.capitalize() if lex.months_capitalised else word
        (e,) = find_dates(written, anchor=anchor, language=language)
        assert e.date.weekday() == weekday and e.date <= anchor


def test_time_expression_contract() -> None:
    names = [f.name for f in dataclasses.fields(TimeExpression)]
    assert names[:7] == ["text", "start", "end", "date", "precision", "end_date", "kind"]


@pytest.mark.parametrize("fn", [find_dates, infer_publication_date])
def test_signatures_are_keyword_only_and_documented(fn: object) -> None:
    sig = inspect.signature(fn)  # type: ignore[arg-type]
    params = list(sig.parameters.values())
    assert params[0].name == "text"
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params[1:])
    assert "language" in sig.parameters
    assert (fn.__doc__ or "").strip()
