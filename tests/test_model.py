"""The event record's field names are the public contract: code and docs must agree."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from eventmap.model import (
    EVENT_TYPES,
    PROPERTY_NAMES,
    SUB_EVENT_TYPES,
    Event,
    event_id,
    text_id,
)

DOC = (Path(__file__).resolve().parents[1] / "docs" / "EVENT_SCHEMA.md").read_text("utf-8")


def sample_event(**changes: object) -> Event:
    base = Event(
        id="ev-1",
        date=dt.date(2021, 12, 9),
        event_type="Explosions/Remote violence",
        sub_event_type="Remote explosive/landmine/IED",
        latitude=32.48,
        longitude=44.42,
        place="Babil",
        country_code="IQ",
        actors=["Unidentified armed group"],
        fatalities=None,
        published=dt.date(2021, 12, 9),
        language="fr",
        quote="Un convoi a été frappé.",
    )
    return base.with_changes(**changes)


def test_documented_fields_are_the_properties() -> None:
    documented = re.findall(r"^\| `([a-z_0-9]+)`(?:, `([a-z_0-9]+)`)? \|", DOC, re.MULTILINE)
    names = [n for pair in documented for n in pair if n]
    assert sorted(names) == sorted(PROPERTY_NAMES)


def test_properties_round_trip() -> None:
    event = sample_event()
    props = event.to_properties()
    again = Event.from_properties(props, longitude=event.longitude, latitude=event.latitude)
    assert again.to_properties() == props


def test_taxonomy_has_six_types_and_25_sub_types() -> None:
    assert len(EVENT_TYPES) == 6
    assert sum(len(v) for v in SUB_EVENT_TYPES.values()) == 25
    assert set(SUB_EVENT_TYPES) == set(EVENT_TYPES)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Un convoi frappé à Babil.", "un   convoi frappé à babil.", True),
        ("Un convoi frappé à Babil.", "Un convoi frappé à Bagdad.", False),
    ],
)
def test_text_id_ignores_spacing_and_case_only(a: str, b: str, same: bool) -> None:
    assert (text_id(a) == text_id(b)) is same


def test_event_id_is_one_per_day_place_and_type() -> None:
    day = dt.date(2021, 12, 9)
    assert event_id(day, "gn:1", "Battles") == event_id(day, "gn:1", "Battles")
    assert event_id(day, "gn:1", "Battles") != event_id(day, "gn:2", "Battles")
    assert event_id(day, "gn:1", "Battles") != event_id(day + dt.timedelta(1), "gn:1", "Battles")
