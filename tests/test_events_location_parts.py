"""The parts of place choice, each in its own module: the role the words around a place give
it (``place_roles``), how a sentence's places relate (``place_relations``), the document's
country and its places read there (``document_places``), and the names ``location`` still
offers to the modules that import them from it."""

from __future__ import annotations

import pytest

from eventmap.events import document_places, location, place_relations, place_roles
from eventmap.events.lexicon import fold
from gazetteer.types import Mention, Place

BF = Place("gn:2361809", "Burkina Faso", 12.5, -1.67, "BF", "country", 2361809, None)
ML = Place("gn:2453866", "Mali", 17.0, -4.0, "ML", "country", 2453866, None)
IQ = Place("gn:99237", "Iraq", 33.0, 44.0, "IQ", "country", 99237, None)
DJIBO = Place("gn:2360886", "Djibo", 14.10, -1.63, "BF", "city", 2360886, "Sahel")
SOUM = Place("a2:bf-soum", "Soum", 14.0, -1.5, "BF", "admin2", None, "Sahel")
SAHEL = Place("a1:bf-sahel", "Sahel", 14.0, -0.5, "BF", "admin1", None, "Sahel")
ANBAR = Place("a1:iq-anbar", "Al Anbar", 33.0, 42.0, "IQ", "admin1", None, "Al Anbar")
RAMADI = Place("gn:91", "Ramadi", 33.42, 43.3, "IQ", "city", 91, "Anbar")
KAYA = Place("gn:2597", "Kaya", 13.09, -1.08, "BF", "city", 2597, "Centre-Nord")
SOLHAN_US = Place("gn:9", "Solhan", 40.0, -90.0, "US", "city", 9, "Illinois")
SOLHAN_BF = Place("gn:8", "Solhan", 13.4, 0.2, "BF", "city", 8, "Sahel")
YAGHA = Place("a2:bf-yagha", "Yagha", 13.5, 0.5, "BF", "admin2", None, "Sahel")


def at(text: str, word: str, place: Place, nth: int = 0, conf: float = 0.9,
       alternatives: list[Place] | None = None, via: str = "toponym") -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return Mention(word, start, start + len(word), place, conf, alternatives or [], via)


# ------------------------------------------------------------------ location's public names
@pytest.mark.parametrize(("name", "home"), [
    ("preposition_role", place_roles), ("_role_patterns", place_roles),
    ("_trie_alternation", place_roles),
    ("RANK", place_relations), ("SPECIFICITY", place_relations),
    ("contains", place_relations), ("is_demonym", place_relations),
    ("place_key", place_relations), ("qualifiers", place_relations),
    ("main_country", document_places), ("harmonise", document_places),
    ("harmonised", document_places), ("document_place", document_places),
])
def test_location_still_offers_the_names_it_had(name: str, home: object) -> None:
    """Modules, tests and the bench import these from ``location``: the very same objects."""
    assert getattr(location, name) is getattr(home, name)


def test_location_all_names_exist() -> None:
    assert all(hasattr(location, n) for n in location.__all__)


# ------------------------------------------------------------------------------ place_roles
@pytest.mark.parametrize(("language", "before", "role"), [
    ("en", "fighting in the town of ", "LOC_IN"),
    ("en", "attacked the town of ", "LOC_NAMED"),  # a verb is no preposition
    ("en", "in the state of ", "LOC_IN"),
    ("en", "the state of ", "LOC_NAMED"),
    ("en", "reached the capital ", "LOC_NAMED"),
    ("en", "jihadists from ", "LOC_FROM"),
    ("fr", "dans la ville de ", "LOC_IN"),
    ("fr", "la commune de ", "LOC_NAMED"),
])
def test_preposition_role_reads_cues_and_fillers(language: str, before: str, role: str) -> None:
    text = before + "Djibo"
    assert place_roles.preposition_role(fold(text), len(before), language) == role


def test_preposition_role_at_the_start_of_a_text() -> None:
    assert place_roles.preposition_role("djibo was attacked", 0, "en") == "none"


@pytest.mark.parametrize(("language", "text", "word", "street"), [
    ("en", "Crowds gathered on Plaza Italia on Friday.", "Italia", True),
    ("en", "Protesters marched down Kenya Avenue.", "Kenya", True),
    ("fr", "Des manifestants réunis avenue de France à Paris.", "France", True),
    ("en", "Crowds gathered in Italia on Friday.", "Italia", False),
])
def test_in_street_name(language: str, text: str, word: str, street: bool) -> None:
    m = at(text, word, BF)
    assert place_roles.in_street_name(text, m, language) is street


def test_person_clauses_are_spans_of_the_folded_sentence() -> None:
    text = "Ahmed Muslih, who heads the council in al-Anbar, was shot in Ramadi."
    folded = fold(text)
    spans = place_roles.person_clauses(folded, 0, len(text), "en")
    assert len(spans) == 1
    lo, hi = spans[0]
    assert lo < text.index("al-Anbar") < hi <= text.index("was shot")
    assert place_roles.person_clauses(folded, 0, 12, "en") == []  # no comma: no clause


# -------------------------------------------------------------------------- place_relations
def test_contains_by_country_and_first_level_division() -> None:
    text = "Ramadi, Al-Anbar, Iraq, Djibo"
    ramadi, anbar, iraq = at(text, "Ramadi", RAMADI), at(text, "Al-Anbar", ANBAR), \
        at(text, "Iraq", IQ)
    djibo = at(text, "Djibo", DJIBO)
    assert place_relations.contains(iraq, ramadi)
    assert place_relations.contains(anbar, ramadi)  # "Al Anbar" and "Anbar": one name
    assert not place_relations.contains(ramadi, anbar)  # finer never contains coarser
    assert not place_relations.contains(iraq, djibo)  # another country
    assert not place_relations.contains(anbar, iraq)


def test_qualifiers_chain_and_comma() -> None:
    text = "Gunmen attacked Djibo (Soum, Sahel) and later Kaya."
    ments = [at(text, "Djibo", DJIBO), at(text, "Soum", SOUM), at(text, "Sahel", SAHEL),
             at(text, "Kaya", KAYA)]
    assert place_relations.qualifiers(ments, text) == {1: 0, 2: 0}  # Sahel qualifies Djibo


def test_is_demonym_only_for_a_country_read_from_an_adjective() -> None:
    text = "Iraqi forces entered Iraq; irakien; Djibo"
    assert place_relations.is_demonym(at(text, "Iraqi", IQ))
    assert place_relations.is_demonym(at(text, "irakien", IQ))
    assert not place_relations.is_demonym(at(text, "Iraq", IQ, nth=1))
    assert not place_relations.is_demonym(at(text, "Djibo", DJIBO))


def test_place_key_is_the_gazetteer_key() -> None:
    assert place_relations.place_key(at("Djibo", "Djibo", DJIBO)) == "gn:2360886"


# -------------------------------------------------------------------------- document_places
def test_main_country_weighs_finer_places_over_adjectives() -> None:
    text = "Malian troops, Malian police and Malian gendarmes went to Djibo."
    ments = [at(text, "Malian", ML, n, via="demonym") for n in range(3)] + \
        [at(text, "Djibo", DJIBO)]
    # three adjectives, the same word told again: 0.5 + 0.25 + 0.25 < one town (2.0)
    assert document_places.main_country(ments) == "BF"
    assert document_places.main_country([]) is None


def test_document_place_skips_an_origin() -> None:
    text = "Jihadists from Mali attacked. In Burkina Faso, schools closed."
    ments = [at(text, "Mali", ML), at(text, "Burkina Faso", BF)]
    assert document_places.document_place(ments, fold(text), "en", "ML") is None
    got = document_places.document_place(ments, fold(text), "en", "BF")
    assert got is not None and got.text == "Burkina Faso"
    assert document_places.document_place(ments, fold(text), "en", None) is None


def test_harmonised_reads_a_chain_in_one_country() -> None:
    text = "An attack in Solhan (Solhan, Yagha) killed 160 people."
    ments = [at(text, "Solhan", SOLHAN_US, alternatives=[SOLHAN_BF]),
             at(text, "Solhan", SOLHAN_BF, nth=1), at(text, "Yagha", YAGHA)]
    out, focus = document_places.harmonised(ments, text)
    assert focus == "BF"
    assert [m.country_code for m in out] == ["BF", "BF", "BF"]
    assert out[0].confidence <= 0.7  # re-read: less sure than the gazetteer was
    assert document_places.harmonise(ments, text) == out


# ----------------------------------------------------------------------------- the choice
def test_a_stand_in_qualifier_is_the_place_at_coarser_precision() -> None:
    """"Solhan (Solhan, Yagha)" with the head resolved abroad: its qualifier stands in."""
    text = "Gunmen attacked civilians in Solhan (Solhan, Yagha) on Friday."
    ments = [at(text, "Solhan", SOLHAN_US), at(text, "Solhan", SOLHAN_BF, nth=1),
             at(text, "Yagha", YAGHA)]
    v = text.index("attacked")
    got = location.choose_places(0, len(text), text, fold(text), ments, (v, v + 8), "en")
    assert [(c.mention.place.key, c.geo_precision, c.role) for c in got] == \
        [("gn:8", 2, "loc_in")]


@pytest.mark.parametrize(("before", "precision"), [("in", 1), ("near", 2)])
def test_precision_of_a_town_and_near_it(before: str, precision: int) -> None:
    text = f"Gunmen attacked a convoy {before} Kaya."
    v = text.index("attacked")
    got = location.choose_places(0, len(text), text, fold(text), [at(text, "Kaya", KAYA)],
                                 (v, v + 8), "en")
    assert [c.geo_precision for c in got] == [precision]
