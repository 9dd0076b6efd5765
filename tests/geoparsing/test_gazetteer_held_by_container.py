"""A name that is also an ordinary word or a given name ("Buffalo", "Austin", "Mobile") is
a place when the words after it name a country or division that holds a place of that
name: "Buffalo, New York", "Austin, in Scott County", "Mobile in Alabama"
(``context.held_bonus``); the container is then read at its own level ("New York" after
"Buffalo," is the state). The signs of a person are not outweighed."""

from __future__ import annotations

import pytest


def _places(gaz, text: str) -> dict[str, tuple[str, str, str | None]]:
    return {m.text: (m.place.country_code, m.place.feature, m.place.admin1)
            for m in gaz.parse(text)}


@pytest.mark.parametrize("text,name,admin1", [
    ("Buffalo, New York in the United States has cases.", "Buffalo", "New York"),
    ("Buffalo, New York, a signalé des cas.", "Buffalo", "New York"),
    ("Austin, in Scott County, Indiana, was hit.", "Austin", "Indiana"),
    ("Mobile in Alabama was hit by the storm.", "Mobile", "Alabama"),
    ("Troy, Ohio, was hit.", "Troy", "Ohio"),
])
def test_name_confirmed_by_its_container(gaz, text: str, name: str, admin1: str) -> None:
    assert _places(gaz, text)[name] == ("US", "city", admin1)


@pytest.mark.parametrize("text,name,admin1", [
    ("Fighting in Buffalo, New York.", "Buffalo", "New York"),  # "in" says it already
    ("Austin, Indiana, a été touchée par l'épidémie.", "Austin", "Indiana"),  # rare in French
])
def test_name_already_a_place_keeps_its_container(gaz, text: str, name: str, admin1: str) -> None:
    assert _places(gaz, text)[name] == ("US", "city", admin1)


@pytest.mark.parametrize("text", [
    "Buffalo, New York in the United States has cases.",
    "Buffalo, New York, a signalé des cas.",
])
def test_container_after_a_town_is_the_state(gaz, text: str) -> None:
    assert _places(gaz, text)["New York"][:2] == ("US", "admin1")


@pytest.mark.parametrize("text,word", [
    ("General Austin, in Texas, said it.", "Austin"),  # a title before the name
    ("Police, Texas officials said, arrested him.", "Police"),  # no Police in Texas
    ("However, Texas said no.", "However"),
    ("Mohammed, Egypt's envoy, arrived.", "Mohammed"),
])
def test_no_container_rescue_for_people_and_words(gaz, text: str, word: str) -> None:
    assert word not in _places(gaz, text)
