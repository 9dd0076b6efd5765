"""From a document + place mentions + time expressions to events: place, date, merge, provenance."""

from __future__ import annotations

import datetime as dt

import pytest

from eventmap.dates.types import TimeExpression
from eventmap.events import extract_events, split_sentences
from eventmap.events.actors import find_actors
from eventmap.events.fatalities import find_fatalities
from eventmap.model import Document, event_id
from gazetteer.types import Mention, Place

PLACES = {
    "Bagdad": Place("gn:98182", "Baghdad", 33.34, 44.40, "IQ", "city", 98182, "Baghdad"),
    "Baghdad": Place("gn:98182", "Baghdad", 33.34, 44.40, "IQ", "city", 98182, "Baghdad"),
    "Washington": Place(
        "gn:4140963", "Washington", 38.89, -77.03, "US", "city", 4140963, "District of Columbia"
    ),
    "DC": Place(
        "a1:us-dc",
        "District of Columbia",
        38.9,
        -77.0,
        "US",
        "admin1",
        None,
        "District of Columbia",
    ),
    "Irak": Place("gn:99237", "Iraq", 33.0, 44.0, "IQ", "country", 99237, None),
    "Iraq": Place("gn:99237", "Iraq", 33.0, 44.0, "IQ", "country", 99237, None),
    "Diwaniyah": Place(
        "gn:98463", "Ad Diwaniyah", 31.99, 44.92, "IQ", "city", 98463, "Al-Qadisiyyah"
    ),
    "Babel": Place("a1:iq-babil", "Babil", 32.5, 44.5, "IQ", "admin1", None, "Babil"),
    "Babil": Place("a1:iq-babil", "Babil", 32.5, 44.5, "IQ", "admin1", None, "Babil"),
    "Syrie": Place("gn:163843", "Syria", 35.0, 38.0, "SY", "country", 163843, None),
    "Djibo": Place("gn:2360886", "Djibo", 14.10, -1.63, "BF", "city", 2360886, "Sahel"),
    "Soum": Place("a2:bf-soum", "Soum", 14.0, -1.5, "BF", "admin2", None, "Sahel"),
    "Sahel": Place("a1:bf-sahel", "Sahel", 14.0, -0.5, "BF", "admin1", None, "Sahel"),
    "Ouagadougou": Place(
        "gn:2357048", "Ouagadougou", 12.37, -1.53, "BF", "city", 2357048, "Centre"
    ),
    "Mossoul": Place("gn:99072", "Mosul", 36.34, 43.13, "IQ", "city", 99072, "Nineveh"),
    "Paris": Place("gn:2988507", "Paris", 48.85, 2.35, "FR", "city", 2988507, "Ile-de-France"),
}
PUB = dt.date(2021, 12, 9)


def mentions(text: str, *names: str) -> list[Mention]:
    """Mentions of the given names, every occurrence, as the gazetteer would give them."""
    out = []
    for name in names:
        start = text.find(name)
        while start >= 0:
            out.append(Mention(name, start, start + len(name), PLACES[name], 0.9))
            start = text.find(name, start + len(name))
    return sorted(out, key=lambda m: m.start)


def when(text: str, phrase: str, day: dt.date, precision: int = 1, **kw: object) -> TimeExpression:
    start = text.index(phrase)
    return TimeExpression(phrase, start, start + len(phrase), day, precision, **kw)  # type: ignore[arg-type]


def doc(text: str, language: str = "fr", published: dt.date | None = PUB) -> Document:
    return Document.from_text(text, language=language, published=published, title="T", url="u")


# ------------------------------------------------------------------------ place choice
def test_two_coordinated_places_give_two_events() -> None:
    text = "Deux convois logistiques US ont été frappés à Diwaniyah et à Babel le 9 décembre 2021."
    evs = extract_events(
        doc(text), mentions(text, "Diwaniyah", "Babel"), [when(text, "9 décembre 2021", PUB)]
    )
    assert sorted(e.place for e in evs) == ["Ad Diwaniyah", "Babil"]
    assert {e.date for e in evs} == {PUB}
    assert len({e.id for e in evs}) == 2


def test_parties_to_an_agreement_are_not_two_events() -> None:
    text = (
        "Le 26 juillet, Bagdad et Washington ont convenu de retirer les troupes américaines d'Irak."
    )
    evs = extract_events(
        doc(text),
        mentions(text, "Bagdad", "Washington", "Irak"),
        [when(text, "26 juillet", dt.date(2021, 7, 26))],
    )
    assert len(evs) == 1
    ev = evs[0]
    assert (ev.event_type, ev.sub_event_type) == ("Strategic developments", "Agreement")
    assert ev.country_code == "IQ"
    assert ev.date == dt.date(2021, 7, 26)


def test_origin_is_not_the_place() -> None:
    text = (
        "Des armes lourdes en provenance de Syrie ont été acheminées vers Mossoul, où une "
        "base militaire a été installée le 3 mars 2021."
    )
    evs = extract_events(
        doc(text),
        mentions(text, "Syrie", "Mossoul"),
        [when(text, "3 mars 2021", dt.date(2021, 3, 3))],
    )
    assert [e.place for e in evs] == ["Mosul"]


def test_a_qualifier_in_brackets_is_not_a_second_event() -> None:
    text = (
        "On 13 November 2020, militants attacked a military post in Djibo (Djibo, Soum), "
        "killing three soldiers."
    )
    evs = extract_events(
        doc(text, "en"),
        mentions(text, "Djibo", "Soum"),
        [when(text, "13 November 2020", dt.date(2020, 11, 13))],
    )
    assert len(evs) == 1
    assert evs[0].place == "Djibo" and evs[0].geo_precision == 1
    assert evs[0].fatalities == 3


def test_near_gives_geo_precision_2_and_a_country_gives_3() -> None:
    text = "A roadside bomb exploded near Djibo on 2 May 2020."
    ev = extract_events(
        doc(text, "en"), mentions(text, "Djibo"), [when(text, "2 May 2020", dt.date(2020, 5, 2))]
    )[0]
    assert ev.geo_precision == 2
    text2 = "Protesters rallied across Iraq on 1 October 2019."
    ev2 = extract_events(
        doc(text2, "en"),
        mentions(text2, "Iraq"),
        [when(text2, "1 October 2019", dt.date(2019, 10, 1))],
    )[0]
    assert ev2.geo_precision == 3


def test_the_specific_place_beats_the_country_that_contains_it() -> None:
    text = "Un convoi a été pris pour cible à Babil dans le centre de l'Irak ce jeudi 9 décembre."
    evs = extract_events(
        doc(text), mentions(text, "Babil", "Irak"), [when(text, "jeudi 9 décembre", PUB)]
    )
    assert [e.place for e in evs] == ["Babil"]


# ------------------------------------------------------------------------ dates
def test_the_governing_date_not_the_deadline() -> None:
    text = (
        "Le 26 juillet, Bagdad et Washington ont convenu de retirer les troupes américaines "
        "d'Irak jusqu'au 31 décembre 2021."
    )
    times = [
        when(text, "26 juillet", dt.date(2021, 7, 26)),
        when(text, "jusqu'au 31 décembre 2021", dt.date(2021, 12, 31), bound="until"),
    ]
    ev = extract_events(doc(text), mentions(text, "Bagdad", "Washington", "Irak"), times)[0]
    assert ev.date == dt.date(2021, 7, 26)


def test_nearest_date_to_the_event_in_its_clause() -> None:
    text = "After talks on 2 March 2021, a drone strike hit Baghdad on 5 March 2021."
    times = [
        when(text, "2 March 2021", dt.date(2021, 3, 2)),
        when(text, "5 March 2021", dt.date(2021, 3, 5)),
    ]
    ev = extract_events(doc(text, "en"), mentions(text, "Baghdad"), times)[0]
    assert ev.date == dt.date(2021, 3, 5)


def test_no_date_falls_back_to_publication_with_lower_precision() -> None:
    text = "Des manifestants ont bloqué les routes à Bagdad."
    ev = extract_events(doc(text), mentions(text, "Bagdad"), [])[0]
    assert ev.date == PUB and ev.time_precision >= 2
    assert ev.published == PUB


def test_no_date_and_no_publication_date_gives_no_event() -> None:
    text = "Des manifestants ont bloqué les routes à Bagdad."
    assert extract_events(doc(text, published=None), mentions(text, "Bagdad"), []) == []


# ------------------------------------------------------------------------ captions, headlines
def test_caption_keeps_its_own_date_and_place() -> None:
    text = (
        "Bagdad frappée par des roquettes\n\n"
        "Supporters talk during a rally on the East Steps of the Capitol on March 08, 2019 in "
        "Washington, DC. (AFP photo)\n\n"
        "Ce jeudi 9 décembre, des roquettes ont frappé Bagdad, a rapporté une source."
    )
    times = [when(text, "March 08, 2019", dt.date(2019, 3, 8)), when(text, "jeudi 9 décembre", PUB)]
    evs = extract_events(doc(text), mentions(text, "Bagdad", "Washington", "DC"), times)
    rally = [e for e in evs if e.event_type == "Protests"]
    assert len(rally) == 1
    assert rally[0].date == dt.date(2019, 3, 8) and rally[0].place == "Washington"
    kinds = {s.kind for s in split_sentences(text, "fr")}
    assert kinds == {"headline", "caption", "body"}
    rockets = [e for e in evs if e.event_type == "Explosions/Remote violence"]
    assert len(rockets) == 1 and rockets[0].date == PUB and rockets[0].time_precision == 1


def test_sentence_splitting_keeps_abbreviations_and_offsets() -> None:
    text = "US Rep. Ilhan Omar spoke in Washington. Then the U.S. Army left. Fin."
    sents = split_sentences(text, "en")
    assert [s.text for s in sents] == [
        "US Rep. Ilhan Omar spoke in Washington.",
        "Then the U.S. Army left.",
        "Fin.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sents)


# ------------------------------------------------------------------------ merge
def test_the_same_event_told_twice_is_one_event() -> None:
    text = (
        "Deux convois viennent d'être frappés à Diwaniyah.\n\n"
        "Ce jeudi 9 décembre, un convoi militaire a été attaqué à Diwaniyah, a rapporté une source."
    )
    evs = extract_events(
        doc(text), mentions(text, "Diwaniyah"), [when(text, "jeudi 9 décembre", PUB)]
    )
    assert len(evs) == 1
    assert evs[0].time_precision == 1
    assert evs[0].quote.startswith("Ce jeudi 9 décembre")


def test_a_generic_report_merges_into_the_specific_one() -> None:
    text = (
        "Two commanders were killed in Baghdad on 3 January 2020. A US drone strike hit their "
        "convoy in Baghdad on 3 January 2020."
    )
    start2 = text.rindex("3 January 2020")
    times = [
        when(text, "3 January 2020", dt.date(2020, 1, 3)),
        TimeExpression("3 January 2020", start2, start2 + 14, dt.date(2020, 1, 3), 1),
    ]
    evs = extract_events(doc(text, "en"), mentions(text, "Baghdad"), times)
    assert len(evs) == 1
    assert evs[0].sub_event_type == "Air/drone strike"


def test_ids_are_stable_and_shared_across_documents() -> None:
    text = "Le 3 mars 2021, des roquettes ont frappé Bagdad."
    other = "Des roquettes ont frappé Bagdad le 3 mars 2021, selon la police."
    day = dt.date(2021, 3, 3)
    a = extract_events(doc(text), mentions(text, "Bagdad"), [when(text, "3 mars 2021", day)])
    b = extract_events(doc(other), mentions(other, "Bagdad"), [when(other, "3 mars 2021", day)])
    assert a[0].id == b[0].id == event_id(day, "gn:98182", a[0].event_type, a[0].sub_event_type)
    assert a[0].doc_id != b[0].doc_id


# ------------------------------------------------------------------------ fields
def test_every_schema_field_is_filled() -> None:
    text = "Le 3 mars 2021, des jihadistes de Daech ont tué trois civils à Mossoul."
    d = doc(text)
    ev = extract_events(
        d, mentions(text, "Mossoul"), [when(text, "3 mars 2021", dt.date(2021, 3, 3))]
    )[0]
    assert (ev.event_type, ev.sub_event_type) == ("Violence against civilians", "Attack")
    assert ev.actors[0] == "Islamic State"
    assert ev.fatalities == 3
    assert ev.place == "Mosul" and ev.mention == "Mossoul" and ev.geonameid == 99072
    assert ev.country_code == "IQ" and ev.admin1 == "Nineveh"
    assert (ev.latitude, ev.longitude) == (36.34, 43.13)
    assert ev.quote == text and text[ev.start : ev.end] == ev.quote
    assert ev.doc_id == d.id and ev.source_title == "T" and ev.source_url == "u"
    assert ev.language == "fr" and ev.published == PUB
    assert 0 < ev.confidence <= 1


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("en", "Gunmen attacked the village, killing 12 people.", 12),
        ("en", "Five soldiers were killed in the ambush.", 5),
        ("en", "The attack left at least twenty dead.", 20),
        ("en", "The blast caused no casualties.", 0),
        ("en", "Militants attacked the post; casualties unknown.", None),
        ("fr", "L'attaque a fait 5 morts et 10 blessés.", 5),
        ("fr", "Des hommes armés ont attaqué le village, tuant trois civils.", 3),
        ("fr", "Une dizaine de soldats ont été tués.", 10),
        ("fr", "L'explosion n'a fait aucune victime.", 0),
        ("fr", "Dix personnes ont été blessées.", None),
    ],
)
def test_fatalities(language: str, text: str, expected: int | None) -> None:
    assert find_fatalities(text, language) == expected


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        ("fr", "Le groupe terroriste Daech a revendiqué l'attaque.", ["Islamic State"]),
        (
            "en",
            "ISIS fighters clashed with the SDF.",
            ["Islamic State", "SDF: Syrian Democratic Forces"],
        ),
        (
            "fr",
            "L'État islamique et les forces irakiennes",
            ["Islamic State", "Military Forces of Iraq"],
        ),
        ("en", "This is a test of the system.", []),
        ("en", "Unknown gunmen attacked the village.", ["Unidentified Armed Group"]),
    ],
)
def test_actors_normalised(language: str, text: str, expected: list[str]) -> None:
    assert find_actors(text, language) == expected


# ------------------------------------------------------------------------ bad input
@pytest.mark.parametrize("text", ["", "   \n\n  ", "Rien à signaler.", "!!!"])
def test_bad_or_empty_input_gives_no_events(text: str) -> None:
    assert extract_events(Document.from_text(text, language="fr", published=PUB), [], []) == []


def test_unknown_language_still_reads_french_and_english() -> None:
    text = "Des manifestants ont bloqué les routes à Bagdad le 3 mars 2021."
    d = Document.from_text(text, language="und", published=PUB)
    evs = extract_events(
        d, mentions(text, "Bagdad"), [when(text, "3 mars 2021", dt.date(2021, 3, 3))]
    )
    assert evs and evs[0].event_type in ("Protests", "Riots")


# ------------------------------------------------------------------------ narrative
def test_a_protest_that_turns_violent_in_the_next_sentence_is_one_riot() -> None:
    text = ("Le 3 mars 2021, des étudiants ont manifesté à Ouagadougou. Ils ont ensuite saccagé "
            "et incendié le commissariat.")
    evs = extract_events(doc(text), mentions(text, "Ouagadougou"),
                         [when(text, "3 mars 2021", dt.date(2021, 3, 3))])
    assert [(e.event_type, e.sub_event_type) for e in evs] == [("Riots", "Violent demonstration")]


def test_a_sentence_without_date_goes_on_from_the_last_dated_one() -> None:
    text = ("Le 3 mars 2021, des hommes armés ont attaqué un poste militaire à Djibo. "
            "Selon le bilan officiel, huit soldats ont été tués.")
    evs = extract_events(doc(text), mentions(text, "Djibo"),
                         [when(text, "3 mars 2021", dt.date(2021, 3, 3))])
    assert len(evs) == 1 and evs[0].date == dt.date(2021, 3, 3)
    assert evs[0].fatalities == 8


def test_a_headline_is_the_body_event_told_again() -> None:
    text = ("Irak : des roquettes frappent Bagdad\n\n"
            "Le 3 mars 2021, des roquettes se sont abattues sur Bagdad, selon la police.")
    evs = extract_events(doc(text, published=dt.date(2021, 3, 4)),
                         mentions(text, "Irak", "Bagdad"),
                         [when(text, "3 mars 2021", dt.date(2021, 3, 3))])
    assert len(evs) == 1 and evs[0].date == dt.date(2021, 3, 3)
    assert evs[0].quote.startswith("Le 3 mars 2021")


def test_a_dateline_dates_the_dispatch_not_the_event() -> None:
    from eventmap.dates.types import TimeExpression
    from eventmap.events.timing import _is_dateline

    text = "bagdad, 10 decembre 2021 — hier soir, un drone a frappe un convoi."
    dateline = TimeExpression("10 decembre 2021", 8, 24, dt.date(2021, 12, 10), 1)
    relative = TimeExpression("hier soir", 27, 36, dt.date(2021, 12, 9), 1, kind="relative")
    assert _is_dateline(dateline, text, 0)
    assert not _is_dateline(relative, text, 0)
