"""find_dates, form by form, in French and English, anchored on Thursday 9 December 2021.

Each row reads like documentation: (language, text, expected date, ACLED precision).
"""

from __future__ import annotations

import datetime as dt

import pytest

from eventmap.dates import TimeExpression, find_dates

ANCHOR = dt.date(2021, 12, 9)  # a Thursday
D = dt.date


def one(text: str, language: str, anchor: dt.date = ANCHOR) -> TimeExpression:
    found = find_dates(text, anchor=anchor, language=language)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("language", "text", "date", "precision"),
    [
        # absolute
        ("fr", "3 janvier 2020", D(2020, 1, 3), 1),
        ("fr", "le 1er janvier 2021", D(2021, 1, 1), 1),
        ("fr", "mardi 7 décembre 2021", D(2021, 12, 7), 1),
        ("fr", "le 12/11/2021", D(2021, 11, 12), 1),
        ("fr", "le 09.12.2021", D(2021, 12, 9), 1),
        ("fr", "2021-12-09", D(2021, 12, 9), 1),
        ("fr", "LE 3 JANVIER 2020", D(2020, 1, 3), 1),
        ("fr", "3 fevrier 2020", D(2020, 2, 3), 1),
        ("fr", "3 févr. 2020", D(2020, 2, 3), 1),
        ("en", "March 8, 2019", D(2019, 3, 8), 1),
        ("en", "March 08, 2019", D(2019, 3, 8), 1),
        ("en", "8 March 2019", D(2019, 3, 8), 1),
        ("en", "the 8th of March, 2019", D(2019, 3, 8), 1),
        ("en", "Dec. 9, 2021", D(2021, 12, 9), 1),
        ("en", "Thursday, December 9, 2021", D(2021, 12, 9), 1),
        ("en", "12/11/2021", D(2021, 12, 11), 1),
        # partial: the year comes from the anchor
        ("fr", "jeudi 9 décembre", D(2021, 12, 9), 1),
        ("fr", "31 décembre", D(2021, 12, 31), 1),
        ("fr", "le 26 juillet dernier", D(2021, 7, 26), 1),
        ("fr", "le 9 décembre dernier", D(2020, 12, 9), 1),
        ("fr", "le 15 janvier prochain", D(2022, 1, 15), 1),
        ("fr", "le 8 mars", D(2021, 3, 8), 1),
        ("fr", "le 12/11", D(2021, 11, 12), 1),
        ("en", "December 9", D(2021, 12, 9), 1),
        ("en", "Thursday, December 9", D(2021, 12, 9), 1),
        ("en", "July 26", D(2021, 7, 26), 1),
        # relative to the publication day
        ("fr", "hier", D(2021, 12, 8), 1),
        ("fr", "hier soir", D(2021, 12, 8), 1),
        ("fr", "hier après-midi", D(2021, 12, 8), 1),
        ("fr", "avant-hier", D(2021, 12, 7), 1),
        ("fr", "aujourd'hui", D(2021, 12, 9), 1),
        ("fr", "aujourd’hui", D(2021, 12, 9), 1),
        ("fr", "demain", D(2021, 12, 10), 1),
        ("fr", "ce matin", D(2021, 12, 9), 1),
        ("fr", "ce jeudi", D(2021, 12, 9), 1),
        ("fr", "jeudi dernier", D(2021, 12, 2), 1),
        ("fr", "jeudi", D(2021, 12, 9), 1),
        ("fr", "lundi", D(2021, 12, 6), 1),
        ("fr", "vendredi", D(2021, 12, 3), 1),
        ("fr", "samedi soir", D(2021, 12, 4), 1),
        ("fr", "lundi prochain", D(2021, 12, 13), 1),
        ("fr", "il y a trois jours", D(2021, 12, 6), 1),
        ("fr", "il y a 3 jours", D(2021, 12, 6), 1),
        ("fr", "il y a deux semaines", D(2021, 11, 25), 2),
        ("fr", "il y a un an", D(2020, 12, 9), 3),
        ("en", "yesterday", D(2021, 12, 8), 1),
        ("en", "yesterday afternoon", D(2021, 12, 8), 1),
        ("en", "last night", D(2021, 12, 8), 1),
        ("en", "today", D(2021, 12, 9), 1),
        ("en", "this morning", D(2021, 12, 9), 1),
        ("en", "last Tuesday", D(2021, 12, 7), 1),
        ("en", "last Thursday", D(2021, 12, 2), 1),
        ("en", "Monday", D(2021, 12, 6), 1),
        ("en", "on Friday night", D(2021, 12, 3), 1),
        ("en", "next Monday", D(2021, 12, 13), 1),
        ("en", "two days ago", D(2021, 12, 7), 1),
        ("en", "2 days ago", D(2021, 12, 7), 1),
        ("en", "a week ago", D(2021, 12, 2), 2),
        # periods
        ("fr", "la semaine dernière", D(2021, 11, 29), 2),
        ("fr", "cette semaine", D(2021, 12, 6), 2),
        ("fr", "ces derniers jours", D(2021, 12, 2), 2),
        ("fr", "le mois dernier", D(2021, 11, 1), 3),
        ("fr", "ce mois-ci", D(2021, 12, 1), 3),
        ("fr", "l'année dernière", D(2020, 1, 1), 3),
        ("fr", "l'an dernier", D(2020, 1, 1), 3),
        ("fr", "cette année", D(2021, 1, 1), 3),
        ("fr", "en 2014", D(2014, 1, 1), 3),
        ("fr", "depuis 2014", D(2014, 1, 1), 3),
        ("fr", "en mars 2020", D(2020, 3, 1), 3),
        ("fr", "en mars dernier", D(2021, 3, 1), 3),
        ("fr", "mi-décembre", D(2021, 12, 11), 2),
        ("fr", "fin 2019", D(2019, 9, 1), 3),
        ("fr", "entre 2014 et 2016", D(2014, 1, 1), 3),
        ("fr", "du 24 au 26 mars 1999", D(1999, 3, 24), 2),
        ("fr", "dans la nuit du 6 au 7 mai 2021", D(2021, 5, 6), 1),
        ("en", "last week", D(2021, 11, 29), 2),
        ("en", "earlier this month", D(2021, 12, 1), 3),
        ("en", "last month", D(2021, 11, 1), 3),
        ("en", "last year", D(2020, 1, 1), 3),
        ("en", "in 2014", D(2014, 1, 1), 3),
        ("en", "in recent days", D(2021, 12, 2), 2),
        ("en", "May 2020", D(2020, 5, 1), 3),
        ("en", "in early May", D(2021, 5, 1), 2),
        ("en", "March 24-26, 1999", D(1999, 3, 24), 2),
    ],
)
def test_form(language: str, text: str, date: dt.date, precision: int) -> None:
    e = one(text, language)
    assert (e.date, e.precision) == (date, precision)
    assert text[e.start:e.end] == e.text


@pytest.mark.parametrize(
    ("language", "text", "kind"),
    [
        ("fr", "3 janvier 2020", "absolute"),
        ("fr", "le 26 juillet dernier", "partial"),
        ("fr", "hier soir", "relative"),
        ("fr", "ces derniers jours", "period"),
        ("fr", "en 2014", "period"),
        ("en", "March 8, 2019", "absolute"),
        ("en", "December 9", "partial"),
        ("en", "two days ago", "relative"),
        ("en", "earlier this month", "period"),
    ],
)
def test_kind(language: str, text: str, kind: str) -> None:
    assert one(text, language).kind == kind


@pytest.mark.parametrize(
    ("language", "text", "start", "end"),
    [
        ("fr", "la semaine dernière", D(2021, 11, 29), D(2021, 12, 5)),
        ("fr", "le mois dernier", D(2021, 11, 1), D(2021, 11, 30)),
        ("fr", "en 2014", D(2014, 1, 1), D(2014, 12, 31)),
        ("fr", "l'année dernière", D(2020, 1, 1), D(2020, 12, 31)),
        ("fr", "ces derniers jours", D(2021, 12, 2), D(2021, 12, 9)),
        ("en", "earlier this month", D(2021, 12, 1), D(2021, 12, 9)),
        ("en", "last week", D(2021, 11, 29), D(2021, 12, 5)),
        ("fr", "du 24 au 26 mars 1999", D(1999, 3, 24), D(1999, 3, 26)),
    ],
)
def test_period_end(language: str, text: str, start: dt.date, end: dt.date) -> None:
    e = one(text, language)
    assert (e.date, e.end_date) == (start, end)


@pytest.mark.parametrize(
    ("language", "text", "date", "bound"),
    [
        ("fr", "jusqu'au 31 décembre", D(2021, 12, 31), "until"),
        ("fr", "jusqu’au 31 décembre 2021", D(2021, 12, 31), "until"),
        ("en", "until December 31, 2021", D(2021, 12, 31), "until"),
        ("fr", "depuis le 3 janvier", D(2021, 1, 3), "since"),
        ("en", "since 2014", D(2014, 1, 1), "since"),
    ],
)
def test_bounds(language: str, text: str, date: dt.date, bound: str) -> None:
    e = one(text, language)
    assert (e.date, e.bound) == (date, bound)
    assert e.end_date is not None and e.end_date >= e.date


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "Il est arrivé à 22h30."),
        ("fr", "2014 personnes ont manifesté."),
        ("fr", "plus de 2000 manifestants"),
        ("fr", "entre 1500 et 2000 manifestants"),
        ("fr", "Le score est de 3-1."),
        ("fr", "Il a mangé une demi-pomme."),
        ("en", "at 5 p.m."),
        ("en", "You may go, and they march."),
        ("en", "2014 people"),
        ("en", ""),
    ],
)
def test_not_dates(language: str, text: str) -> None:
    assert find_dates(text, anchor=ANCHOR, language=language) == []


def test_bare_year_is_never_the_anchor_day() -> None:
    for e in find_dates("Depuis 2014, et en 2014.", anchor=ANCHOR, language="fr"):
        assert e.precision == 3 and e.date.year == 2014 and e.date != D(2014, 12, 9)


def test_several_in_text_order_with_offsets() -> None:
    text = "Le 16 avril 2018, il est mort. Le lendemain, ils ont marché. Hier, rien."
    found = find_dates(text, anchor=ANCHOR, language="fr")
    assert [e.text for e in found] == ["16 avril 2018", "Le lendemain", "Hier"]
    assert [e.date for e in found] == [D(2018, 4, 16), D(2018, 4, 17), D(2021, 12, 8)]
    assert all(text[e.start:e.end] == e.text for e in found)


def test_forward_anaphor_without_a_previous_date_is_no_date() -> None:
    # "the next day" / "trois jours plus tard" count from an event told before; with no
    # date before them, the day after publication is not what past-tense news means
    for language, text in [("en", "the next day"), ("en", "Three days later, they attacked."),
                           ("fr", "le lendemain"), ("fr", "Quatre jours après l'explosion")]:
        assert find_dates(text, anchor=ANCHOR, language=language) == [], text


def test_backward_anaphor_without_a_previous_date_uses_the_anchor() -> None:
    assert one("the previous day", "en").date == D(2021, 12, 8)


@pytest.mark.parametrize(("language", "text", "expected"), [
    # relative to the event date told just before, not to the publication date
    ("fr", "Le 3 décembre, une attaque a frappé Kaya. Quatre jours après, une autre a eu lieu.",
     D(2021, 12, 7)),
    ("fr", "Le 3 décembre, une attaque a frappé Kaya. Quatre jours plus tard, une autre.",
     D(2021, 12, 7)),
    ("en", "On December 1, militants attacked Kaya. Three days later, they attacked again.",
     D(2021, 12, 4)),
    ("fr", "Lundi, des heurts ont éclaté. Le lendemain, le calme est revenu.", D(2021, 12, 7)),
])
def test_later_counts_from_the_previous_date(language: str, text: str, expected: dt.date) -> None:
    found = find_dates(text, anchor=ANCHOR, language=language)
    assert found[-1].date == expected and found[-1].precision == 1, found


def test_after_an_event_with_no_date_before_does_not_become_a_future_date() -> None:
    text = "Quatre jours après l'explosion qui a ravagé le port, la colère a débordé samedi."
    found = find_dates(text, anchor=D(2020, 8, 9), language="fr")
    assert [(e.text, e.date) for e in found] == [("samedi", D(2020, 8, 8))]


@pytest.mark.parametrize(("language", "text"), [
    ("fr", "Ce week-end, des manifestants ont défilé."),
    ("fr", "Au cours du week-end, des manifestants ont défilé."),
    ("fr", "Pendant le week-end, des heurts ont éclaté."),
    ("en", "Over the weekend, protesters marched."),
    ("en", "Protesters marched at the weekend."),
    ("en", "Protesters marched during the weekend."),
])
@pytest.mark.parametrize(("anchor", "saturday"), [
    (D(2020, 8, 9), D(2020, 8, 8)),    # written on the Sunday: this weekend
    (D(2020, 8, 8), D(2020, 8, 8)),    # on the Saturday: under way
    (D(2020, 8, 10), D(2020, 8, 8)),   # on the Monday: the weekend just gone
    (D(2020, 8, 12), D(2020, 8, 8)),   # mid-week, past tense: the weekend just gone
])
def test_this_weekend(language: str, text: str, anchor: dt.date, saturday: dt.date) -> None:
    e = one(text, language, anchor)
    assert (e.date, e.end_date, e.precision) == (saturday, saturday + dt.timedelta(days=1), 2)


@pytest.mark.parametrize(("anchor", "saturday"), [
    (D(2020, 8, 9), D(2020, 8, 1)),   # written on a Sunday: the weekend before this one
    (D(2020, 8, 8), D(2020, 8, 1)),
    (D(2020, 8, 10), D(2020, 8, 8)),  # on the Monday: the one just gone
])
@pytest.mark.parametrize(("language", "text"), [
    ("fr", "Le week-end dernier, des heurts ont éclaté."), ("en", "Last weekend, clashes broke out."),
])
def test_last_weekend(language: str, text: str, anchor: dt.date, saturday: dt.date) -> None:
    assert one(text, language, anchor).date == saturday


def test_veille_de_is_not_a_day() -> None:
    assert find_dates("à la veille d'une date fatidique", anchor=ANCHOR, language="fr") == []


def test_english_caption_in_french_text() -> None:
    text = "Ilhan Omar lors d'un rassemblement le March 08, 2019 à Washington."
    (e,) = find_dates(text, anchor=ANCHOR, language="fr")
    assert (e.text, e.date) == ("March 08, 2019", D(2019, 3, 8))


@pytest.mark.parametrize("language", ["fr-FR", "FR", "fr_CA"])
def test_language_codes_are_normalised(language: str) -> None:
    assert one("hier", language).date == D(2021, 12, 8)


def test_other_language_falls_back_on_dateparser() -> None:
    found = find_dates("Am 9. Dezember 2021 in Berlin.", anchor=ANCHOR, language="de")
    assert [e.date for e in found] == [D(2021, 12, 9)]


def test_datetime_anchor_is_accepted() -> None:
    assert one("hier", "fr", anchor=dt.datetime(2021, 12, 9, 15, 0)).date == D(2021, 12, 8)


@pytest.mark.parametrize(
    ("language", "text", "written", "date"),
    [
        ("en", "Overnight between 22 and 23 March 2020, militants attacked.",
         "between 22 and 23 March 2020", D(2020, 3, 22)),
        ("en", "In the evening of 3 March 2020, a blast.", "3 March 2020", D(2020, 3, 3)),
        ("fr", "Dans la soirée du 3 mars 2020, une explosion.", "3 mars 2020", D(2020, 3, 3)),
    ],
)
def test_vague_part_of_day_gives_way_to_the_date_it_introduces(
    language: str, text: str, written: str, date: dt.date
) -> None:
    e = one(text, language)
    assert (e.text, e.date) == (written, date)


def test_part_of_day_alone_follows_the_date_in_focus() -> None:
    found = find_dates("Le 3 mars 2020, rien. Dans la soirée, une explosion.", anchor=ANCHOR,
                       language="fr")
    assert [(e.text, e.date) for e in found] == [
        ("3 mars 2020", D(2020, 3, 3)), ("Dans la soirée", D(2020, 3, 3))]


@pytest.mark.parametrize(
    ("language", "text", "start", "end"),
    [
        ("fr", "depuis deux semaines", D(2021, 11, 25), D(2021, 12, 9)),
        ("fr", "il y a quelques jours", D(2021, 12, 2), D(2021, 12, 7)),
        ("en", "the past few days", D(2021, 12, 2), D(2021, 12, 9)),
    ],
)
def test_vague_spans(language: str, text: str, start: dt.date, end: dt.date) -> None:
    e = one(text, language)
    assert (e.date, e.end_date, e.kind) == (start, end, "period")


@pytest.mark.parametrize(
    ("language", "text", "anchor", "start", "end", "precision"),
    [
        ("fr", "dans la nuit de mercredi à jeudi", ANCHOR, D(2021, 12, 8), D(2021, 12, 9), 1),
        ("en", "from Monday to Wednesday", ANCHOR, D(2021, 12, 6), D(2021, 12, 8), 2),
        ("en", "over the weekend", D(2021, 12, 13), D(2021, 12, 11), D(2021, 12, 12), 2),
        ("fr", "le week-end dernier", D(2021, 12, 13), D(2021, 12, 11), D(2021, 12, 12), 2),
        ("fr", "ce week-end", ANCHOR, D(2021, 12, 4), D(2021, 12, 5), 2),
    ],
)
def test_spans_of_days(language: str, text: str, anchor: dt.date, start: dt.date,
                       end: dt.date, precision: int) -> None:
    e = one(text, language, anchor)
    assert (e.date, e.end_date, e.precision) == (start, end, precision)


@pytest.mark.parametrize(
    ("text", "date"),
    [("late Wednesday", D(2021, 12, 8)), ("early on Thursday", D(2021, 12, 9))],
)
def test_english_wire_weekdays(text: str, date: dt.date) -> None:
    e = one(text, "en")
    assert (e.text, e.date, e.precision) == (text, date, 1)


@pytest.mark.parametrize(
    ("language", "text", "year"),
    [
        ("fr", "La crise de 2008 est la pire.", 2008),
        ("fr", "l'élection présidentielle de 2017, selon lui", 2017),
        ("en", "the elections of 2003 were disputed", 2003),
    ],
)
def test_year_after_of_when_a_verb_or_punctuation_follows(
    language: str, text: str, year: int
) -> None:
    e = one(text, language)
    assert (e.date, e.end_date, e.precision) == (D(year, 1, 1), D(year, 12, 31), 3)


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "plus de 2000 personnes"),
        ("fr", "de 2000 à 3000 personnes"),
        ("fr", "un total de 2000."),
        ("fr", "un bilan de 2000, selon l'ONU"),
        ("en", "a total of 2000 people"),
        ("en", "a crowd of 2000."),
    ],
)
def test_counts_after_of_are_not_years(language: str, text: str) -> None:
    assert find_dates(text, anchor=ANCHOR, language=language) == []
