"""Evidence beyond one sentence: qualifier chains read in one country, the scene a paragraph
sets, places for sentences that name none, events spoken of again, tallies and trends."""

from __future__ import annotations

import datetime as dt

from eventmap.dates.types import TimeExpression
from eventmap.events import extract_events
from eventmap.events.location import harmonise, main_country
from eventmap.model import Document
from gazetteer.types import Mention, Place

PUB = dt.date(2020, 6, 20)
PAMA_US = Place("gn:5166516", "Parma", 41.40, -81.72, "US", "city", 5166516, "Ohio")
PAMA_BF = Place("gn:2356934", "Pama", 11.25, 0.70, "BF", "city", 2356934, "Est")
KOMPIENGA = Place("a2:bf-kompienga", "Kompienga", 11.4, 0.8, "BF", "admin2", None, "Est")
SAHEL_REGION = Place("r:sahel", "Sahel", 15.0, 5.0, "", "country")
SAHEL_BF = Place("a1:bf-sahel", "Sahel", 14.0, -0.5, "BF", "admin1", None, "Sahel")
DJIBO = Place("gn:2360886", "Djibo", 14.10, -1.63, "BF", "city", 2360886, "Sahel")
SOUM = Place("a2:bf-soum", "Soum", 14.0, -1.5, "BF", "admin2", None, "Sahel")
GAOUA = Place("gn:2360073", "Gaoua", 10.33, -3.18, "BF", "city", 2360073, "Sud-Ouest")
PONI_US = Place("gn:1", "Pawnee", 36.3, -96.8, "US", "city", 1, "Oklahoma")
ODESA = Place("gn:698740", "Odesa", 46.48, 30.73, "UA", "city", 698740, "Odesa")
MOSCOW = Place("gn:524901", "Moscow", 55.75, 37.62, "RU", "city", 524901, "Moscow")
KIDAL = Place("gn:2455290", "Kidal", 18.44, 1.41, "ML", "city", 2455290, "Kidal")
GAO = Place("gn:2457163", "Gao", 16.27, -0.04, "ML", "city", 2457163, "Gao")
CHILE = Place("gn:3895114", "Chile", -33.0, -71.0, "CL", "country", 3895114, None)
SANTIAGO = Place("gn:3871336", "Santiago", -33.45, -70.65, "CL", "city", 3871336, "Santiago")


def at(text: str, word: str, place: Place, nth: int = 0, conf: float = 0.8,
       alternatives: list[Place] | None = None) -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Mention(word, start, start + len(word), place, conf, alternatives or [])


def on(text: str, phrase: str, day: dt.date, precision: int = 1) -> TimeExpression:
    start = text.index(phrase)
    return TimeExpression(phrase, start, start + len(phrase), day, precision)


def doc(text: str, language: str = "en") -> Document:
    return Document.from_text(text, language=language, published=PUB)


def test_a_qualifier_chain_is_read_in_one_country() -> None:
    text = "Militants killed two men at the market in Kompiembiga (Pama, Kompienga)."
    ments = [at(text, "Pama", PAMA_US, alternatives=[PAMA_BF]), at(text, "Kompienga", KOMPIENGA)]
    got = harmonise(ments, text)
    assert [(m.text, m.country_code) for m in got] == [("Pama", "BF"), ("Kompienga", "BF")]
    (ev,) = extract_events(doc(text), ments, [])
    assert (ev.place, ev.country_code, ev.geo_precision) == ("Pama", "BF", 2)


def test_a_region_is_read_as_the_division_its_chain_needs() -> None:
    text = "Gendarmes arrested and executed 18 people in Djibo (Soum, Sahel)."
    ments = [at(text, "Djibo", DJIBO), at(text, "Soum", SOUM),
             at(text, "Sahel", SAHEL_REGION, alternatives=[SAHEL_BF])]
    assert [m.country_code for m in harmonise(ments, text)] == ["BF", "BF", "BF"]
    (ev,) = extract_events(doc(text), ments, [])
    assert (ev.place, ev.geo_precision) == ("Djibo", 1)


def test_a_name_told_twice_in_its_chain_outweighs_a_namesake_abroad() -> None:
    text = "Villagers staged a demonstration in Tambili, 6km from Gaoua (Gaoua, Poni)."
    ments = [at(text, "Gaoua", GAOUA), at(text, "Gaoua", GAOUA, nth=1), at(text, "Poni", PONI_US)]
    got = harmonise(ments, text)
    assert [m.country_code for m in got] == ["BF", "BF"]  # Pawnee, Oklahoma left out
    (ev,) = extract_events(doc(text), ments, [])
    assert ev.country_code == "BF"


def test_main_country_counts_places_more_than_nationalities() -> None:
    text = "French forces struck militants near Djibo and Soum."
    france = Place("gn:3017382", "France", 46.0, 2.0, "FR", "country", 3017382, None)
    ments = [Mention("French", 0, 6, france, 0.9, via="demonym"), at(text, "Djibo", DJIBO),
             at(text, "Soum", SOUM)]
    assert main_country(ments) == "BF"


def test_the_scene_set_by_a_sentence_without_an_event_places_the_next() -> None:
    text = ("On 25 August 2020, the gendarmerie searched a camp in Djibo (Soum, Sahel). "
            "The gendarmes seized motorbikes and weapons.")
    ments = [at(text, "Djibo", DJIBO), at(text, "Soum", SOUM), at(text, "Sahel", SAHEL_BF)]
    times = [on(text, "25 August 2020", dt.date(2020, 8, 25))]
    evs = extract_events(doc(text), ments, times)
    assert evs, "the seizure is an event"
    ev = evs[-1]
    assert (ev.place, ev.date, ev.time_precision) == ("Djibo", dt.date(2020, 8, 25), 1)


def test_reactions_to_an_event_are_not_new_events() -> None:
    text = ("Russian missiles hit the port of Odesa on Saturday. "
            "Turkey's defence minister said Russian officials had told Ankara that Moscow had "
            "nothing to do with the attack. Washington condemned the attack.")
    ments = [at(text, "Odesa", ODESA), at(text, "Moscow", MOSCOW)]
    times = [on(text, "Saturday", dt.date(2020, 6, 20))]
    evs = extract_events(doc(text), ments, times)
    assert [e.place for e in evs] == ["Odesa"]


def test_the_same_noun_with_a_place_of_its_own_is_another_event() -> None:
    text = ("Militants attacked a patrol in Gao on Monday. "
            "The attack in Kidal on Tuesday killed three soldiers.")
    ments = [at(text, "Gao", GAO), at(text, "Kidal", KIDAL)]
    times = [on(text, "Monday", dt.date(2020, 6, 15)), on(text, "Tuesday", dt.date(2020, 6, 16))]
    evs = extract_events(doc(text), ments, times)
    assert sorted(e.place for e in evs) == ["Gao", "Kidal"]


def test_a_tally_since_the_start_of_a_crisis_is_not_an_event() -> None:
    text = ("Protesters marched in Santiago on Friday. At least 19 people have died in Chile "
            "since the start of the crisis, officials said.")
    ments = [at(text, "Santiago", SANTIAGO), at(text, "Chile", CHILE)]
    times = [on(text, "Friday", dt.date(2020, 6, 19))]
    evs = extract_events(doc(text), ments, times)
    assert [(e.event_type, e.place) for e in evs] == [("Protests", "Santiago")]


def test_a_trend_told_in_french_is_not_an_event() -> None:
    text = "Autour de Djibo, les attaques contre les postes de gendarmerie se multiplient."
    evs = extract_events(doc(text, "fr"), [at(text, "Djibo", DJIBO)], [])
    assert evs == []


def test_one_protest_told_twice_keeps_its_worst_turn() -> None:
    text = ("Thousands of protesters rallied in Santiago on Friday. "
            "In Santiago, police fired tear gas and live rounds at the protesters on Friday, "
            "killing two.")
    ments = [at(text, "Santiago", SANTIAGO), at(text, "Santiago", SANTIAGO, nth=1)]
    times = [on(text, "Friday", dt.date(2020, 6, 19))]
    times.append(TimeExpression("Friday", text.index("Friday", times[0].end),
                                text.index("Friday", times[0].end) + 6, dt.date(2020, 6, 19), 1))
    evs = extract_events(doc(text), ments, times)
    protests = [e for e in evs if e.event_type == "Protests"]
    assert len(protests) == 1
    assert protests[0].sub_event_type == "Excessive force against protesters"


def test_an_event_with_no_place_takes_the_texts_place_at_precision_3() -> None:
    text = ("Djibo has seen weeks of tension between herders and farmers. "
            "\n\nSuspected militants killed three civilians on Friday.")
    ments = [at(text, "Djibo", DJIBO)]
    times = [on(text, "Friday", dt.date(2020, 6, 19))]
    (ev,) = extract_events(doc(text), ments, times)
    assert (ev.place, ev.geo_precision) == ("Djibo", 3)
    assert ev.confidence < 0.7


def test_an_origin_is_not_the_fallback_place() -> None:
    text = "Four men attacked the police station at Loropeni, jihadists from Mali, police said."
    mali = Place("gn:2453866", "Mali", 17.0, -4.0, "ML", "country", 2453866, None)
    evs = extract_events(doc(text), [at(text, "Mali", mali)], [])
    assert evs == []


def test_news_of_the_day_does_not_take_the_date_told_before_it() -> None:
    """ "viennent d'être frappés" is the day's news: not dated by the story before it."""
    text = ("Des hommes armés ont tué le chef du village le 3 janvier 2020 à Djibo. "
            "Deux convois viennent d'être frappés à Gaoua.")
    ments = [at(text, "Djibo", DJIBO), at(text, "Gaoua", GAOUA)]
    times = [on(text, "3 janvier 2020", dt.date(2020, 1, 3))]
    doc = Document.from_text(text, language="fr", published=PUB)
    by_place = {e.place: e for e in extract_events(doc, ments, times)}
    assert by_place["Djibo"].date == dt.date(2020, 1, 3)
    assert by_place["Gaoua"].date == PUB
