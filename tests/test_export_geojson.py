"""GeoJSON export: RFC 7946 shape, the schema's properties exactly, GDAL reads it."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventmap.export import FORMATS, write_geojson
from eventmap.export.geojson import feature_json, feature_json_generic
from eventmap.imports import read_acled
from eventmap.model import EVENT_TYPES, PROPERTY_NAMES, SUB_EVENT_TYPES, Event

FIXTURES = Path(__file__).parent / "fixtures" / "formats"


def sample_events() -> list[Event]:
    return list(read_acled(FIXTURES / "acled_current.csv").events)


def hostile_event() -> Event:
    return Event(
        id="ev-hostile",
        date=dt.date(2021, 3, 1),
        event_type="Protests",
        latitude=33.3152,
        longitude=44.3661,
        place='Bagdad "<b>"',
        country_code="IQ",
        quote='<script>alert("x")</script> ${1+1} \u2028 é',
        actors=["=cmd|' /C calc'!A0"],
        source_url="javascript:alert(1)",
        confidence=0.123456,
        fatalities=None,
        geonameid=98182,
        published=dt.date(2021, 3, 2),
    )


def export(events: list[Event]) -> str:
    out = io.StringIO()
    assert write_geojson(iter(events), out) == len(events)
    return out.getvalue()


def check_rfc7946(collection: dict) -> None:
    """The parts of RFC 7946 an event file can get wrong."""
    assert collection["type"] == "FeatureCollection"
    assert "crs" not in collection
    for feature in collection["features"]:
        assert feature["type"] == "Feature" and "crs" not in feature
        geometry = feature["geometry"]
        assert geometry["type"] == "Point"
        lon, lat = geometry["coordinates"]
        assert all(isinstance(c, (int, float)) for c in (lon, lat))
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert round(lon, 6) == lon and round(lat, 6) == lat


def test_feature_collection_follows_rfc7946_and_schema() -> None:
    events = [*sample_events(), hostile_event()]
    collection = json.loads(export(events))
    check_rfc7946(collection)
    assert len(collection["features"]) == len(events)
    for event, feature in zip(events, collection["features"]):
        props = feature["properties"]
        assert list(props) == list(PROPERTY_NAMES)
        assert props == event.to_properties()
        assert feature["geometry"]["coordinates"] == [event.longitude, event.latitude]  # lon first
    first = collection["features"][0]["properties"]
    assert isinstance(first["fatalities"], int) and isinstance(first["confidence"], float)
    assert isinstance(first["time_precision"], int) and isinstance(first["reviewed"], bool)


def test_coordinates_rounded_to_six_decimals_and_ids_stable() -> None:
    event = hostile_event().with_changes(latitude=12.12345678912, longitude=-1.98765432198)
    text = export([event])
    assert "[-1.987654,12.123457]" in text
    assert export([event]) == text  # same events, same bytes


def test_empty_selection_is_a_valid_collection() -> None:
    assert json.loads(export([])) == {"type": "FeatureCollection", "features": []}


def test_streams_a_generator_in_batches() -> None:
    events = sample_events()
    many = (events[i % len(events)].with_changes(id=f"ev-{i}") for i in range(5001))
    out = io.StringIO()
    assert write_geojson(many, out) == 5001
    assert len(json.loads(out.getvalue())["features"]) == 5001


def test_writes_to_a_path(tmp_path: Path) -> None:
    path = tmp_path / "events.geojson"
    assert FORMATS["geojson"](sample_events(), path) == 6
    assert json.loads(path.read_text(encoding="utf-8"))["features"]


def test_nan_coordinates_are_refused() -> None:
    from eventmap.errors import BadInput

    with pytest.raises(BadInput, match="out of range"):
        export([hostile_event().with_changes(latitude=float("nan"))])


text = st.text(max_size=30)
optional_text = st.none() | text


@st.composite
def events(draw: st.DrawFn) -> Event:
    event_type = draw(st.sampled_from(EVENT_TYPES))
    return Event(
        id=draw(text),
        date=draw(st.dates()),
        event_type=event_type,
        latitude=draw(st.floats(-90, 90)),
        longitude=draw(st.floats(-180, 180)),
        place=draw(text),
        country_code=draw(text),
        time_precision=draw(st.sampled_from([1, 2, 3])),
        sub_event_type=draw(st.none() | st.sampled_from(SUB_EVENT_TYPES[event_type])),
        actors=draw(st.lists(text, max_size=3)),
        fatalities=draw(st.none() | st.integers(0, 10**6)),
        mention=draw(text),
        geonameid=draw(st.none() | st.integers(1, 10**8)),
        admin1=draw(optional_text),
        geo_precision=draw(st.sampled_from([1, 2, 3])),
        confidence=draw(st.floats(0, 1)),
        quote=draw(text),
        doc_id=draw(text),
        source_title=draw(optional_text),
        source_url=draw(optional_text),
        published=draw(st.none() | st.dates()),
        language=draw(text),
        reviewed=draw(st.booleans()),
    )


@settings(max_examples=300, deadline=None)
@given(events())
def test_fast_feature_encoding_matches_json(event: Event) -> None:
    assert feature_json(event) == feature_json_generic(event)


@pytest.mark.needs_gdal
def test_gdal_reads_our_geojson(tmp_path: Path, ogrinfo: str) -> None:
    # GDAL types a column from its values: geonameid and published need one non-null.
    events = [*sample_events(), hostile_event()]
    path = tmp_path / "events.geojson"
    write_geojson(events, path)
    summary = subprocess.run(
        [ogrinfo, "-ro", "-al", "-so", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert f"Feature Count: {len(events)}" in summary
    assert "Geometry: Point" in summary
    for field, kind in [
        ("fatalities", "Integer"),
        ("geonameid", "Integer"),
        ("time_precision", "Integer"),
        ("geo_precision", "Integer"),
        ("confidence", "Real"),
        ("id", "String"),
        ("date", "Date"),
        ("published", "Date"),
        ("event_type", "String"),
        ("actors", "StringList"),
        ("reviewed", "Integer(Boolean)"),
        ("quote", "String"),
    ]:
        assert f"\n{field}: {kind}" in summary, (field, kind, summary)
    features = subprocess.run(
        [ogrinfo, "-ro", "-al", "-q", str(path)], capture_output=True, text=True, check=True
    ).stdout
    first = events[0]
    assert f"POINT ({first.longitude} {first.latitude})" in features
    assert f"id (String) = {first.id}" in features
