"""One happening told several times, several told in one sentence: tolls, days given later,
accounts, present-tense reports, two events in a sentence, and what merging keeps apart."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from eventmap.dates.types import TimeExpression
from eventmap.events import extract_events
from eventmap.model import Document
from gazetteer.types import Mention, Place

PUB = dt.date(2021, 5, 6)
HOMS = Place("gn:169577", "Homs", 34.73, 36.72, "SY", "city", 169577, "Homs")
GAO = Place("gn:2457163", "Gao", 16.27, -0.04, "ML", "city", 2457163, "Gao")
KIRKUK = Place("gn:94787", "Kirkuk", 35.47, 44.39, "IQ", "city", 94787, "Kirkuk")
BAGHDAD = Place("gn:98182", "Baghdad", 33.34, 44.40, "IQ", "city", 98182, "Baghdad")
DJIBO = Place("gn:2360886", "Djibo", 14.10, -1.63, "BF", "city", 2360886, "Sahel")
SOUM = Place("a2:bf-soum", "Soum", 14.0, -1.5, "BF", "admin2", None, "Sahel")
KHARTOUM = Place("gn:379252", "Khartoum", 15.55, 32.53, "SD", "city", 379252, "Khartoum")
OUAGA = Place("gn:2357048", "Ouagadougou", 12.37, -1.53, "BF", "city", 2357048, "Centre")
MOSUL = Place("gn:99072", "Mosul", 36.34, 43.13, "IQ", "city", 99072, "Nineveh")
SYRIA = Place("gn:163843", "Syria", 35.0, 38.0, "SY", "country", 163843, None)
MALI = Place("gn:2453866", "Mali", 17.0, -4.0, "ML", "country", 2453866, None)

Event = tuple[str, str | None, str, dt.date, int, int | None]


def told(text: str, language: str, places: dict[str, Place],
         days: list[tuple[str, dt.date]]) -> list[Event]:
    """(type, sub-type, place, date, time precision, fatalities) of the events of ``text``."""
    mentions = sorted((Mention(name, m.start(), m.end(), place, 0.9)
                       for name, place in places.items()
                       for m in re.finditer(re.escape(name), text)), key=lambda m: m.start)
    times = []
    for phrase, day in days:
        at = text.index(phrase)
        times.append(TimeExpression(phrase, at, at + len(phrase), day, 1))  # type: ignore[arg-type]
    doc = Document.from_text(text, language=language, published=PUB)
    return [(e.event_type, e.sub_event_type, e.place, e.date, e.time_precision, e.fatalities)
            for e in extract_events(doc, mentions, times)]


# ---------------------------------------------------------------------------- a toll told apart
@pytest.mark.parametrize(("language", "text", "day"), [
    ("en", ("Missiles struck an air base near Homs on Friday.\n\n"
            "The Syrian army said six people were killed at the base."), "Friday"),
    ("fr", ("Des missiles ont frappé une base aérienne près de Homs vendredi.\n\n"
            "L'armée syrienne a affirmé que six personnes avaient été tuées sur la base."), "vendredi"),
])
def test_the_dead_told_after_the_strike_are_its_toll(language: str, text: str, day: str) -> None:
    """No act, no place, no day of its own: the dead are the strike's, not an attack on
    civilians somewhere in Syria."""
    demonym = "Syrian" if language == "en" else "syrienne"
    evs = told(text, language, {"Homs": HOMS, demonym: SYRIA}, [(day, dt.date(2021, 4, 30))])
    assert [(e[0], e[2], e[5]) for e in evs] == [("Explosions/Remote violence", "Homs", 6)]


# ---------------------------------------------------------------------------- a day given later
@pytest.mark.parametrize(("language", "text", "day"), [
    ("en", ("Militants attacked a patrol in Gao, in Mali.\n\nThe region has been tense for months."
            "\n\nThe army gave no details.\n\nTuesday's attack killed three soldiers."), "Tuesday"),
    ("fr", ("Des hommes armés ont attaqué une patrouille à Gao, au Mali.\n\nLa région est tendue "
            "depuis des mois.\n\nL'armée n'a donné aucun détail.\n\nL'attaque de mardi a tué trois "
            "soldats."), "mardi"),
])
def test_the_event_spoken_of_again_gives_its_day(language: str, text: str, day: str) -> None:
    """A definite or possessive name ("Tuesday's attack") for the event told before, dated
    only by publication: the same attack, now with its day and its toll."""
    evs = told(text, language, {"Gao": GAO, "Mali": MALI}, [(day, dt.date(2021, 5, 4))])
    assert [(e[2], e[3], e[4], e[5]) for e in evs] == [("Gao", dt.date(2021, 5, 4), 1, 3)]


# ---------------------------------------------------------------------------- an account
@pytest.mark.parametrize(("language", "text", "day"), [
    ("en", ("A journalist appeared in a video saying he was abducted in Gao.\n\n"
            "He says he was kidnapped in Gao on April 8."), "April 8"),
    ("fr", ("Un journaliste est apparu dans une vidéo, affirmant avoir été enlevé à Gao.\n\n"
            "Il a été enlevé à Gao le 8 avril."), "le 8 avril"),
])
def test_an_account_of_an_abduction_is_the_dated_abduction(language: str, text: str,
                                                           day: str) -> None:
    """Told in an account, a month before publication: the same abduction, not today's."""
    evs = told(text, language, {"Gao": GAO}, [(day, dt.date(2021, 4, 8))])
    assert [(e[1], e[2], e[3]) for e in evs] == [
        ("Abduction/forced disappearance", "Gao", dt.date(2021, 4, 8))]


# ---------------------------------------------------------------------------- today's report
@pytest.mark.parametrize(("language", "text", "expected"), [
    # a report in the present tense tells the day's news: not the date the paragraph opened with
    ("fr", ("Le 3 janvier restera dans les mémoires à Mosul. Des sources font part de l'extension "
            "des unités de renseignement à Mosul."), PUB),
    ("en", ("The third of January will be remembered in Mosul. Sources say intelligence units "
            "have been deployed to Mosul."), PUB),
    # in the past tense, the scene's date stands
    ("fr", ("Le 3 janvier restera dans les mémoires à Mosul. Des sources ont fait part de "
            "l'extension des unités de renseignement à Mosul."), dt.date(2020, 1, 3)),
    ("en", ("The third of January will be remembered in Mosul. Sources reported that intelligence "
            "units have been deployed to Mosul."), dt.date(2020, 1, 3)),
])
def test_a_report_in_the_present_tense_is_the_days_news(language: str, text: str,
                                                        expected: dt.date) -> None:
    opening = "Le 3 janvier" if language == "fr" else "The third of January"
    evs = told(text, language, {"Mosul": MOSUL}, [(opening, dt.date(2020, 1, 3))])
    assert [e[3] for e in evs] == [expected]


# ---------------------------------------------------------------------------- two in one sentence
@pytest.mark.parametrize(("language", "text", "places", "days"), [
    ("en", ("On 3 March, a rocket barrage on a base near Kirkuk killed a contractor, setting off a "
            "chain of retaliation that ended with a drone strike in Baghdad on 10 March."),
     {"Kirkuk": KIRKUK, "Baghdad": BAGHDAD}, ["3 March", "10 March"]),
    ("fr", ("Le 3 mars, des roquettes ont frappé une base près de Kirkuk, déclenchant une série de "
            "représailles qui s'est achevée par une frappe de drone à Baghdad le 10 mars."),
     {"Kirkuk": KIRKUK, "Baghdad": BAGHDAD}, ["Le 3 mars", "le 10 mars"]),
])
def test_two_events_on_two_days_in_one_sentence(language: str, text: str,
                                                places: dict[str, Place], days: list[str]) -> None:
    evs = told(text, language, places,
               [(days[0], dt.date(2021, 3, 3)), (days[1], dt.date(2021, 3, 10))])
    assert [(e[1], e[2], e[3]) for e in evs] == [
        ("Shelling/artillery/missile attack", "Kirkuk", dt.date(2021, 3, 3)),
        ("Air/drone strike", "Baghdad", dt.date(2021, 3, 10)),
    ]


@pytest.mark.parametrize(("language", "text", "days"), [
    ("en", ("On 3 March, gunmen abducted a village chief near Djibo, and he was found executed "
            "near Soum on 8 March."), ["3 March", "8 March"]),
    ("fr", ("Le 3 mars, des hommes armés ont enlevé un chef de village près de Djibo, et il a été "
            "retrouvé exécuté près de Soum le 8 mars."), ["Le 3 mars", "le 8 mars"]),
])
def test_abducted_then_killed_stays_one_event(language: str, text: str, days: list[str]) -> None:
    evs = told(text, language, {"Djibo": DJIBO, "Soum": SOUM},
               [(days[0], dt.date(2021, 3, 3)), (days[1], dt.date(2021, 3, 8))])
    assert [(e[0], e[1]) for e in evs] == [("Violence against civilians", "Attack")]


# ---------------------------------------------------------------------------- what merging keeps
@pytest.mark.parametrize(("language", "text", "day"), [
    ("en", ("Fighting erupted in Khartoum on Saturday. "
            "The army said its aircraft were striking rebel bases."), "Saturday"),
    ("fr", ("Des combats ont éclaté à Khartoum samedi. "
            "L'armée a affirmé que ses avions ont frappé des bases rebelles."), "samedi"),
])
def test_air_strikes_are_apart_from_the_fighting(language: str, text: str, day: str) -> None:
    evs = told(text, language, {"Khartoum": KHARTOUM}, [(day, dt.date(2021, 5, 1))])
    assert [(e[0], e[1]) for e in evs] == [("Battles", "Armed clash"),
                                           ("Explosions/Remote violence", "Air/drone strike")]


@pytest.mark.parametrize(("language", "text", "day"), [
    ("en", ("Gunmen attacked the army headquarters in Ouagadougou on Friday. At the headquarters, "
            "the assault began with the explosion of a car bomb."), "Friday"),
    ("fr", ("Vendredi, des hommes armés ont attaqué l'état-major général des armées à Ouagadougou. "
            "À l'état-major, l'assaut a commencé par l'explosion d'une voiture piégée."), "Vendredi"),
])
def test_the_story_names_the_event_not_a_detail_told_later(language: str, text: str,
                                                           day: str) -> None:
    evs = told(text, language, {"Ouagadougou": OUAGA}, [(day, dt.date(2021, 4, 30))])
    assert [e[0] for e in evs] == ["Battles"]


@pytest.mark.parametrize(("language", "text", "days"), [
    ("en", ("On Friday, five villagers were killed by gunmen in Djibo. "
            "A mortar shell hit the market in Djibo on Friday."), ["On Friday", "on Friday"]),
    ("fr", ("Vendredi, cinq villageois ont été tués par des hommes armés à Djibo. "
            "Un obus de mortier a frappé le marché de Djibo vendredi."), ["Vendredi", "vendredi"]),
])
def test_civilians_killed_by_a_remote_weapon_are_remote_violence(language: str, text: str,
                                                                 days: list[str]) -> None:
    friday = dt.date(2021, 4, 30)
    evs = told(text, language, {"Djibo": DJIBO}, [(days[0], friday), (days[1], friday)])
    assert [(e[0], e[5]) for e in evs] == [("Explosions/Remote violence", 5)]


@pytest.mark.parametrize(("language", "text", "days"), [
    ("en", ("On Monday, gunmen attacked the village of Tangounga, killing two civilians. "
            "Also on Monday, gunmen attacked a market in Djibo, killing a trader."),
     ["On Monday", "on Monday"]),
    ("fr", ("Lundi, des hommes armés ont attaqué le village de Tangounga, tuant deux civils. "
            "Le même lundi, des hommes armés ont attaqué un marché à Djibo, tuant un commerçant."),
     ["Lundi", "lundi"]),
])
def test_a_place_the_gazetteer_lacks_is_not_another_places_event(
        language: str, text: str, days: list[str]) -> None:
    monday = dt.date(2021, 5, 3)
    evs = told(text, language, {"Djibo": DJIBO}, [(days[0], monday), (days[1], monday)])
    assert [e[5] for e in evs] == [2, 1]
