"""A capital named by description ("la capitale libanaise", "the Iraqi capital") is the city."""

from __future__ import annotations

import pytest

from gazetteer.capitals import capital_mentions
from gazetteer.types import Mention, Place

LEBANON = Place("gn:272103", "Lebanon", 33.83, 35.83, "LB", "country", 272103)
BEIRUT = Place("gn:276781", "Beirut", 33.89, 35.49, "LB", "city", 276781, kind="capital")
MONEY = frozenset({"flows", "markets", "punishment"})


def read(text: str, word: str, via: str = "toponym") -> Mention:
    i = text.index(word)
    m = Mention(word, i, i + len(word), LEBANON, 0.8, via=via)
    (out,) = capital_mentions(text, [m], {"LB": BEIRUT}.get, MONEY)
    return out


@pytest.mark.parametrize(("text", "word", "via", "phrase"), [
    ("Des milliers de manifestants dans les rues de la capitale libanaise.", "libanaise",
     "demonym", "capitale libanaise"),
    ("Un attentat a frappé la capitale du Liban hier.", "Liban", "toponym", "capitale du Liban"),
    ("Protesters marched in the Lebanese capital on Sunday.", "Lebanese", "demonym",
     "Lebanese capital"),
    ("Protesters marched in Lebanon's capital on Sunday.", "Lebanon", "toponym", "Lebanon's capital"),
    ("Protesters marched in Lebanon’s capital on Sunday.", "Lebanon", "toponym", "Lebanon’s capital"),
    ("A blast shook the capital of Lebanon.", "Lebanon", "toponym", "capital of Lebanon"),
])
def test_a_described_capital_is_the_city(text: str, word: str, via: str, phrase: str) -> None:
    m = read(text, word, via)
    assert (m.name, m.text, m.via) == ("Beirut", phrase, "toponym")
    assert text[m.start:m.end] == phrase
    assert m.alternatives == [LEBANON]  # the country it was read from stays an alternative


@pytest.mark.parametrize(("text", "word", "via"), [
    ("Lebanese capital flows dried up last year.", "Lebanese", "demonym"),  # money
    ("Lebanese capital punishment was debated.", "Lebanese", "demonym"),  # law
    ("Lebanon capital markets fell.", "Lebanon", "toponym"),  # no such phrase for a name
    ("Lebanese troops entered the town.", "Lebanese", "demonym"),
    ("Les Libanais ont voté.", "Libanais", "demonym"),
])
def test_other_readings_stay_the_country(text: str, word: str, via: str) -> None:
    assert read(text, word, via).name == "Lebanon"


def test_a_description_followed_by_the_name_is_left_to_the_name() -> None:
    text = "Protesters marched in the Lebanese capital Beirut."
    i, j = text.index("Lebanese"), text.index("Beirut")
    ments = [Mention("Lebanese", i, i + 8, LEBANON, 0.8, via="demonym"),
             Mention("Beirut", j, j + 6, BEIRUT, 0.9)]
    out = capital_mentions(text, ments, {"LB": BEIRUT}.get, MONEY)
    assert [m.name for m in out] == ["Lebanon", "Beirut"]


@pytest.mark.parametrize(("text", "phrase", "capital"), [
    ("Des milliers de manifestants sont descendus dans les rues de la capitale libanaise.",
     "capitale libanaise", "Beirut"),
    ("Protesters gathered in the Iraqi capital on Friday.", "Iraqi capital", "Baghdad"),
    ("Une explosion a secoué la capitale du Mali dans la nuit.", "capitale du Mali", "Bamako"),
    ("Fighting reached the outskirts of Sudan's capital.", "Sudan's capital", "Khartoum"),
])
def test_the_gazetteer_reads_described_capitals(gaz, text: str, phrase: str, capital: str) -> None:
    found = [(m.text, m.name, m.feature) for m in gaz.parse(text)]
    assert (phrase, capital, "city") in found


def test_the_gazetteer_leaves_money_and_named_capitals_alone(gaz) -> None:
    assert [m.name for m in gaz.parse("Chinese capital flows into Africa grew.")][:1] == ["China"]
    named = [(m.text, m.name) for m in gaz.parse("Clashes erupted in the Iraqi capital Baghdad.")]
    assert named == [("Iraqi", "Iraq"), ("Baghdad", "Baghdad")]
    assert gaz.capital("IQ").name == "Baghdad" and gaz.capital("XX") is None


@pytest.mark.parametrize("text", [
    "Cholera hit Lebanon's capital of Beirut hardest.",
    "Cholera hit Lebanon's capital city Beirut hardest.",
    "Cholera hit Beirut, Lebanon's capital of two million.",
    "Cholera hit Beirut, the capital of Lebanon, hardest.",
])
def test_a_description_beside_the_city_name_stays_the_country(text: str) -> None:
    i, j = text.index("Lebanon"), text.index("Beirut")
    ments = sorted([Mention("Lebanon", i, i + 7, LEBANON, 0.8),
                    Mention("Beirut", j, j + 6, BEIRUT, 0.9)], key=lambda m: m.start)
    out = capital_mentions(text, ments, {"LB": BEIRUT}.get, MONEY)
    assert sorted(m.name for m in out) == ["Beirut", "Lebanon"]
