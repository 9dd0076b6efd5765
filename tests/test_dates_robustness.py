"""Any string gives a list; only non-str input raises, and it raises BadInput."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventmap.dates import TimeExpression, find_dates, infer_publication_date
from eventmap.errors import BadInput

ANCHOR = dt.date(2021, 12, 9)
DATE_WORDS = st.sampled_from([
    "le", "3", "31", "janvier", "décembre", "2020", "2021", "jeudi", "dernier", "hier", "soir",
    "il y a", "trois", "jours", "semaine", "jusqu'au", "March", "May", "08,", "2019", "last",
    "week", "ago", "/", "12/11", "-", "du", "au", "entre", "et", "29", "février", "0", "99999",
    "9999", "1er", "mi-", "fin", "depuis", "lendemain", "veille", "d'", "’", " ", "\n", "é",
])


def _check(text: str, found: list[TimeExpression]) -> None:
    assert isinstance(found, list)
    for e in found:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start:e.end] == e.text
        assert e.precision in (1, 2, 3)
        assert e.end_date is None or e.end_date >= e.date
    assert [e.start for e in found] == sorted(e.start for e in found)


@settings(max_examples=200, deadline=None)
@given(st.text(), st.sampled_from(["fr", "en", "", "de", "zz"]),
       st.dates(min_value=dt.date(2, 1, 1), max_value=dt.date(9998, 12, 31)))
def test_any_text_gives_a_list(text: str, language: str, anchor: dt.date) -> None:
    _check(text, find_dates(text, anchor=anchor, language=language))
    got = infer_publication_date(text, language=language, not_after=ANCHOR)
    assert got is None or isinstance(got, dt.date)


@settings(max_examples=300, deadline=None)
@given(st.lists(DATE_WORDS, max_size=14).map(" ".join), st.sampled_from(["fr", "en"]),
       st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)))
def test_date_like_noise_gives_a_list(text: str, language: str, anchor: dt.date) -> None:
    _check(text, find_dates(text, anchor=anchor, language=language))
    infer_publication_date(text, language=language, not_after=ANCHOR)


@pytest.mark.parametrize("bad", [None, b"3 janvier 2020", 42, ["hier"]])
def test_non_str_text_is_bad_input(bad: object) -> None:
    with pytest.raises(BadInput):
        find_dates(bad, anchor=ANCHOR, language="fr")  # type: ignore[arg-type]
    with pytest.raises(BadInput):
        infer_publication_date(bad, language="fr")  # type: ignore[arg-type]


def test_bad_anchor_is_bad_input() -> None:
    with pytest.raises(BadInput):
        find_dates("hier", anchor="2021-12-09", language="fr")  # type: ignore[arg-type]


def test_bad_input_is_also_a_value_error() -> None:
    with pytest.raises(ValueError):
        find_dates(None, anchor=ANCHOR, language="fr")  # type: ignore[arg-type]


@pytest.mark.parametrize("text", [
    "le 31 février 2021", "le 0 janvier 2020", "le 32/13/2021", "29 février", "9999-99-99",
    "le 31/02", "il y a 99999 ans", "99999 days ago", "du 30 au 3 mars",
])
def test_impossible_dates_are_dropped_not_raised(text: str) -> None:
    _check(text, find_dates(text, anchor=ANCHOR, language="fr"))


@pytest.mark.parametrize("anchor", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_calendar_edges(anchor: dt.date) -> None:
    text = "hier, demain, l'année dernière, l'an prochain, le 26 juillet dernier, il y a 3 ans"
    _check(text, find_dates(text, anchor=anchor, language="fr"))
