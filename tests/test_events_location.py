"""Choosing the event's place among a sentence's places (the rule bench (d) scores on
Halterman's sentences): prepositions, qualifiers, origins, reporters, containers."""

from __future__ import annotations

import pytest

from eventmap.events.lexicon import fold
from eventmap.events.location import choose_places, preposition_role
from gazetteer.types import Mention, Place

PLACES = {
    "Aleppo": Place("gn:170063", "Aleppo", 36.2, 37.16, "SY", "city", 170063, "Aleppo"),
    "Syria": Place("gn:163843", "Syria", 35.0, 38.0, "SY", "country", 163843, None),
    "Kirkuk": Place("gn:94787", "Kirkuk", 35.47, 44.39, "IQ", "city", 94787, "Kirkuk"),
    "Turkey": Place("gn:298795", "Turkey", 39.0, 35.0, "TR", "country", 298795, None),
    "Djibouti": Place("gn:223817", "Djibouti", 11.59, 43.15, "DJ", "city", 223817, "Djibouti"),
    "Aden": Place("gn:415189", "Aden", 12.78, 45.04, "YE", "city", 415189, "Aden"),
    "Hebron": Place("gn:285066", "Hebron", 31.53, 35.09, "PS", "city", 285066, None),
    "Tel Aviv": Place("gn:293397", "Tel Aviv", 32.08, 34.78, "IL", "city", 293397, None),
    "Washington": Place("gn:4140963", "Washington", 38.89, -77.03, "US", "city", 4140963, "DC"),
    "Baghdad": Place("gn:98182", "Baghdad", 33.34, 44.4, "IQ", "city", 98182, "Baghdad"),
    "Mosul": Place("gn:99072", "Mosul", 36.34, 43.13, "IQ", "city", 99072, "Nineveh"),
    "Nineveh": Place("a1:nineveh", "Nineveh", 36.0, 42.5, "IQ", "admin1", None, "Nineveh"),
    "Goma": Place("gn:216281", "Goma", -1.68, 29.23, "CD", "city", 216281, "North Kivu"),
    "Bagdad": Place("gn:98182", "Baghdad", 33.34, 44.4, "IQ", "city", 98182, "Baghdad"),
    "Mossoul": Place("gn:99072", "Mosul", 36.34, 43.13, "IQ", "city", 99072, "Nineveh"),
    "Italia": Place("gn:3175395", "Italy", 42.83, 12.83, "IT", "country", 3175395, None),
    "Santiago": Place("gn:3871336", "Santiago", -33.45, -70.65, "CL", "city", 3871336, None),
    "France": Place("gn:3017382", "France", 46.0, 2.0, "FR", "country", 3017382, None),
    "Bamako": Place("gn:2460596", "Bamako", 12.65, -8.0, "ML", "city", 2460596, "Bamako"),
}


def ms(text: str, *names: str) -> list[Mention]:
    out = []
    for n in names:
        i = text.index(n)
        out.append(Mention(n, i, i + len(n), PLACES[n], 0.9))
    return sorted(out, key=lambda m: m.start)


def choose(text: str, verb: str, *names: str, language: str = "en") -> list[str]:
    v = text.index(verb)
    got = choose_places(0, len(text), text, fold(text), ms(text, *names), (v, v + len(verb)),
                        language)
    return [c.mention.text for c in got]


@pytest.mark.parametrize(("text", "verb", "names", "expected"), [
    ("A man was killed after being shot in Kirkuk, near aid coming from Turkey.", "killed",
     ("Kirkuk", "Turkey"), ["Kirkuk"]),
    ("A task force based in Djibouti attacked pirates off Aden.", "attacked",
     ("Djibouti", "Aden"), ["Aden"]),
    ("A man from Hebron detonated a bomb in a coffee shop in Tel Aviv.", "detonated",
     ("Hebron", "Tel Aviv"), ["Tel Aviv"]),
    ("Dozens were killed in fighting in Syria's Aleppo province on Friday.", "killed",
     ("Syria", "Aleppo"), ["Aleppo"]),
    ("Rebels clashed with troops near Goma, officials said in Washington.", "clashed",
     ("Goma", "Washington"), ["Goma"]),
    ("Protesters rallied in Baghdad and in Mosul on Friday.", "rallied",
     ("Baghdad", "Mosul"), ["Baghdad", "Mosul"]),
    ("Militants attacked Mosul (Mosul, Nineveh) at dawn.", "attacked",
     ("Mosul", "Nineveh"), ["Mosul"]),
    ("Fighting raged on the road between Baghdad and Mosul.", "Fighting",
     ("Baghdad", "Mosul"), ["Baghdad"]),
])
def test_place_choice(text: str, verb: str, names: tuple[str, ...], expected: list[str]) -> None:
    assert choose(text, verb, *names) == expected


@pytest.mark.parametrize(("language", "text", "verb", "names", "expected"), [
    # a clause about a person says who the person is, not where the event was
    ("en", "Qasim Muslih, who heads the group's operations in Mosul, was detained in Baghdad.",
     "detained", ("Mosul", "Baghdad"), ["Baghdad"]),
    ("fr", "Qasim Muslih, qui dirige les opérations du groupe à Mossoul, a été arrêté à Bagdad.",
     "arrêté", ("Mossoul", "Bagdad"), ["Bagdad"]),
    ("en", "Qasim Muslih, who heads the group's operations in Mosul, was detained yesterday.",
     "detained", ("Mosul",), []),
    ("fr", "Qasim Muslih, qui dirige les opérations du groupe à Mossoul, a été arrêté hier.",
     "arrêté", ("Mossoul",), []),
    # the clause holds the event: its place stands
    ("en", "Police arrested Muslih, who was driving in Mosul, on Monday.", "driving",
     ("Mosul",), ["Mosul"]),
    # a place in a street's or a square's name is no site
    ("en", "The march converged on Plaza Italia in Santiago.", "march", ("Italia", "Santiago"),
     ["Santiago"]),
    ("fr", "Les manifestants ont défilé avenue de France, à Bamako.", "manifestants",
     ("France", "Bamako"), ["Bamako"]),
    ("en", "The march converged on Plaza Italia.", "march", ("Italia",), []),
    ("fr", "Les manifestants ont défilé avenue de France.", "manifestants", ("France",), []),
])
def test_names_that_are_no_site(language: str, text: str, verb: str, names: tuple[str, ...],
                                expected: list[str]) -> None:
    assert choose(text, verb, *names, language=language) == expected


@pytest.mark.parametrize(("language", "before", "role"), [
    ("en", "attacked in the village of ", "LOC_IN"),
    ("en", "attacked the village of ", "LOC_NAMED"),
    ("en", "on the outskirts of ", "LOC_NEAR"),
    ("en", "troops coming from ", "LOC_FROM"),
    ("en", "a task force based in ", "LOC_BASE"),
    ("en", "the southern Iraqi city of ", "LOC_NAMED"),
    ("fr", "frappés à ", "LOC_IN"),
    ("fr", "dans la province d'", "LOC_IN"),
    ("fr", "à l'ouest d'", "LOC_NEAR"),
    ("fr", "près de l'aéroport de ", "LOC_NEAR"),
    ("fr", "en provenance de ", "LOC_FROM"),
])
def test_preposition_roles(language: str, before: str, role: str) -> None:
    assert preposition_role(fold(before), len(before), language) == role


def test_a_place_resolved_abroad_gives_way_to_its_qualifier() -> None:
    solhan_tr = Place("gn:1", "Solhan", 38.96, 41.05, "TR", "city", 1, None)
    yagha = Place("a2:yagha", "Yagha", 13.5, 0.6, "BF", "admin2", None, "Sahel")
    text = "Gunmen killed villagers in Solhan (Solhan, Yagha)."
    mentions = [Mention("Solhan", 27, 33, solhan_tr, 0.9), Mention("Solhan", 35, 41, solhan_tr, 0.9),
                Mention("Yagha", 43, 48, yagha, 0.7)]
    got = choose_places(0, len(text), text, fold(text), mentions, (7, 13), "en")
    assert [c.mention.place.country_code for c in got] == ["BF"]
    assert got[0].geo_precision == 2


def test_a_government_speaking_is_not_the_place() -> None:
    text = "Washington condemned the rocket attack that hit Baghdad on Monday."
    assert choose(text, "attack", "Washington", "Baghdad") == ["Baghdad"]
