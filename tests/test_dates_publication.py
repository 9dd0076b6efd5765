"""infer_publication_date and the seed article (read through the ``seed_text`` fixture)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventmap.dates import find_dates, infer_publication_date

D = dt.date
LATER = D(2026, 1, 1)  # a "today" after every example, so the tests do not age


def test_seed_publication_date(seed_text: str) -> None:
    assert infer_publication_date(seed_text, language="fr") == D(2021, 12, 9)


def test_seed_expressions(seed_text: str) -> None:
    found = find_dates(seed_text, anchor=D(2021, 12, 9), language="fr")
    by_text = {e.text: e for e in found}
    assert all(seed_text[e.start:e.end] == e.text for e in found)
    assert by_text["3 janvier 2020"].date == D(2020, 1, 3)
    assert by_text["26 juillet dernier"].date == D(2021, 7, 26)
    assert by_text["hier soir"].date == D(2021, 12, 8)
    assert by_text["jeudi 9 décembre"].date == D(2021, 12, 9)
    assert by_text["March 08, 2019"].date == D(2019, 3, 8)  # the photo caption stays 2019
    deadline = [e for e in found if "31 décembre 2021" in e.text]
    assert deadline and deadline[0].end_date == D(2021, 12, 31) and deadline[0].bound == "until"
    recent = [e for e in found if e.text == "ces derniers jours"]
    assert recent and recent[0].precision == 2
    assert [e.start for e in found] == sorted(e.start for e in found)


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("fr", "Aujourd'hui, jeudi 9 décembre, rien. Le 3 janvier 2020, un drone.", D(2021, 12, 9)),
        ("fr", "Ce jeudi 9 décembre, deux convois ont été attaqués. En 2021, la guerre.",
         D(2021, 12, 9)),
        ("fr", "Le mardi 3 mars, un accord signé en 2019 a été rompu.", D(2020, 3, 3)),
        ("fr", "Paris, le 9 décembre 2021\nUn accord a été signé hier.", D(2021, 12, 9)),
        ("en", "Today, Thursday, December 9, officials said the deal of March 8, 2019 held.",
         D(2021, 12, 9)),
        ("en", "On Tuesday, March 3, the 2019 agreement collapsed.", D(2020, 3, 3)),
    ],
)
def test_infer(language: str, text: str, expected: dt.date) -> None:
    assert infer_publication_date(text, language=language, not_after=LATER) == expected


def test_today_beats_a_merely_mentioned_weekday_date() -> None:
    text = ("Le lundi 6 décembre, une attaque. Aujourd'hui, jeudi 9 décembre, une autre. "
            "Le 3 janvier 2020, un drone.")
    assert infer_publication_date(text, language="fr", not_after=LATER) == D(2021, 12, 9)


def test_no_year_uses_the_latest_matching_year_before_not_after() -> None:
    got = infer_publication_date("Ce jeudi 9 décembre, rien.", language="fr",
                                 not_after=D(2023, 6, 1))
    assert got == D(2021, 12, 9)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "Aucune date ici."),
        ("fr", "Le 3 janvier 2020, un drone a frappé."),  # an event date, not a publication date
        ("fr", "hier soir, ce matin"),
        ("en", "Yesterday, two days ago."),
        ("fr", ""),
        ("xx", "jeudi 9 décembre 2021"),
    ],
)
def test_nothing_supports_a_guess(language: str, text: str) -> None:
    assert infer_publication_date(text, language=language, not_after=LATER) is None


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("fr", "Hier, mercredi 8 décembre, deux convois. Le 3 janvier 2020, un drone.",
         D(2021, 12, 9)),
        ("en", "Yesterday, Wednesday, December 8, 2021, a convoy was hit.", D(2021, 12, 9)),
        ("fr", "Aujourd'hui 9 décembre 2021, rien.", D(2021, 12, 9)),
    ],
)
def test_relative_word_next_to_a_date_fixes_the_day_of_writing(
    language: str, text: str, expected: dt.date
) -> None:
    assert infer_publication_date(text, language=language, not_after=LATER) == expected
