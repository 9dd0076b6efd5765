"""A place name inside another name (an organisation, a thing named after a place, a source, a
currency, a person) is no place mention; a government's own body or a campus with "at" is.
And the far-fetched other names of small towns abroad ("Poni" for Pawnee) need support."""

from __future__ import annotations

import pytest

from gazetteer.sense import ALIAS_CONFIDENCE, _spelling_of, far_aliases
from gazetteer.types import Mention, Place


def _texts(gaz, text: str) -> set[str]:
    return {m.text for m in gaz.parse(text)}


@pytest.mark.parametrize("text,name", [
    ("Officers of the Killeen Police Department searched the house.", "Killeen"),
    ("The samples were analysed by Ohio State University last spring.", "Ohio"),
    ("The samples were analysed by Ohio State University last spring.", "University"),
    ("Hundreds of birds died, the Bucharest Daily News reported.", "Bucharest"),
    ("Radio Pyongyang said the outbreak had been contained.", "Pyongyang"),
    ("Shops broke the Consumer Act of the Philippines, inspectors found.", "Philippines"),
    ("Monkeys carried antibodies against the Reston ebolavirus.", "Reston"),
    ("According to Yap, the second test was negative.", "Yap"),
    ("The statement was read by hospital spokeswoman Kerry-Ann Hamilton.", "Hamilton"),
    ("The agency asked donors for US$40 million.", "US"),
    ("Gunmen armed with AKs stormed the market.", "AKs"),
    ("Campbell, 42, was charged on Friday.", "Campbell"),
])
def test_names_inside_other_names_are_not_places(gaz, text: str, name: str) -> None:
    assert name not in _texts(gaz, text)


@pytest.mark.parametrize("text,name", [
    ("The California Department of Public Health confirmed three deaths.", "California"),
    ("Hundreds of students protested at Minya University on Sunday.", "Minya"),
    ("A Santa Ana City Council member called for an inquiry.", "Santa Ana"),
    ("According to Kenya's health ministry, the camps are overcrowded.", "Kenya"),
    ("With the United States flu season under way, clinics filled up.", "United States"),
    ("The virus was first identified in Marburg, Germany, in 1967.", "Marburg"),
])
def test_governments_campuses_and_possessives_stay_places(gaz, text: str, name: str) -> None:
    assert name in _texts(gaz, text)


def _mention(text: str, name: str, cc: str, population: int, conf: float = 0.9) -> Mention:
    place = Place(f"gn:{abs(hash(name)) % 10**6}", name, 0.0, 0.0, cc, "city",
                  population=population)
    return Mention(text, 0, len(text), place, conf)


@pytest.mark.parametrize("said,kept", [(False, False), (True, True)])
def test_an_unlike_name_of_a_small_town_needs_a_place_context(said: bool, kept: bool) -> None:
    ms = [_mention("Poni", "Pawnee", "US", 2_000)]
    out, facts = far_aliases(ms, [("", False)], {0: said})
    assert (len(out) == 1) == kept and len(facts) == len(out)
    if kept:
        assert out[0].confidence <= ALIAS_CONFIDENCE  # nothing else in the US


def test_another_name_is_trusted_when_the_text_is_in_its_country() -> None:
    ms = [_mention("Inata", "Inada", "JP", 50_000), _mention("Osaka", "Osaka", "JP", 2_600_000)]
    out, _ = far_aliases(ms, [("", False)] * 2, {0: True})
    assert out[0].confidence == 0.9
    alone, _ = far_aliases(ms[:1], [("", False)], {0: True})
    assert alone[0].confidence == ALIAS_CONFIDENCE


@pytest.mark.parametrize("name,own,want", [
    ("inata", "inada", True),
    ("cabanatuan", "cabanatuan city", True),
    ("chah ab district", "chah ab", True),
    ("poni", "pawnee", False),
    ("chambers", "manila", False),
])
def test_spelling_of(name: str, own: str, want: bool) -> None:
    assert _spelling_of(name, own) is want


@pytest.mark.parametrize("text,name", [
    ("Gunmen attacked Poni on Monday night.", "Poni"),
    ("Residents of Sono fled after the raid.", "Sono"),
])
def test_far_fetched_alias_alone_is_left_out(gaz, text: str, name: str) -> None:
    assert name not in _texts(gaz, text)


def test_alias_of_a_town_abroad_alone_has_low_confidence(gaz) -> None:
    got = {m.text: m for m in gaz.parse("A roadside bomb exploded in Inata on Monday.")}
    assert got["Inata"].confidence <= ALIAS_CONFIDENCE


def test_a_title_does_not_reach_across_a_line_break(gaz) -> None:
    """"8 a.m." ending a paragraph is no "M." before the next paragraph's first word, and a
    name read as a person once is not a person everywhere in the text."""
    text = ("The first missile struck at 8 a.m.\n\nKharkiv, the second city, was hit again."
            "\n\nOfficials in Kharkiv counted the dead.")
    assert [m.text for m in gaz.parse(text)].count("Kharkiv") == 2
    assert "Bagdad" not in [m.text for m in gaz.parse("Il a été reçu par M. Bagdad hier.")]
