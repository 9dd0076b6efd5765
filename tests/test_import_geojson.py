"""GeoJSON import: lossless round trip with the export, bad features rejected by index."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from test_export_geojson import events as event_strategy
from test_export_geojson import hostile_event

import eventmap.imports.geojson as geojson_module
from eventmap.errors import BadInput
from eventmap.export import write_geojson
from eventmap.imports import read_acled, read_gdelt, read_geojson
from eventmap.model import Event

FIXTURES = Path(__file__).parent / "fixtures" / "formats"


def export(events) -> str:
    out = io.StringIO()
    write_geojson(events, out)
    return out.getvalue()


def round_trip(text: str) -> str:
    result = read_geojson(io.StringIO(text))
    again = export(result.events)
    assert result.rejected == [], result.rejected
    return again


def fixture_events() -> list[Event]:
    return [
        *read_acled(FIXTURES / "acled_current.csv").events,
        *read_acled(FIXTURES / "acled_2016.csv").events,
        *read_gdelt(FIXTURES / "gdelt_sample.export.CSV").events,
        hostile_event(),
        hostile_event().with_changes(
            id="ev-reviewed",
            reviewed=True,
            latitude=-89.9999999,
            longitude=179.99999999,
            confidence=1 / 3,
            actors=[],
        ),
    ]


def test_export_import_export_is_byte_identical() -> None:
    first = export(fixture_events())
    assert round_trip(first) == first


def test_import_gives_back_the_events() -> None:
    events = fixture_events()
    back = list(read_geojson(io.StringIO(export(events))).events)
    assert [e.to_properties() for e in back] == [e.to_properties() for e in events]
    assert all(e.origin == "geojson" for e in back)


def test_reads_pretty_printed_files_across_chunk_boundaries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = export(fixture_events())
    pretty = json.dumps(json.loads(first), indent=3, ensure_ascii=False)
    monkeypatch.setattr(geojson_module, "_CHUNK", 7)  # cut every value somewhere
    assert round_trip(pretty) == first


def test_bad_features_rejected_with_their_index() -> None:
    result = read_geojson(FIXTURES / "bad_features.geojson")
    ids = [e.id for e in result.events]
    assert ids == ["ev-0a1b2c3d4e5f6071", "ev-second"]
    assert [(r.line, r.unit, r.reason.split(":")[0]) for r in result.rejected] == [
        (1, "feature", "bad geometry"),  # a Polygon
        (2, "feature", "bad coordinates"),  # strings
        (3, "feature", "bad coordinates"),  # out of range
        (4, "feature", "bad coordinates"),  # empty
        (5, "feature", "bad coordinates"),  # missing
        (6, "feature", "bad geometry"),  # null
        (7, "feature", "missing property"),
        (8, "feature", "bad property"),
        (9, "feature", "bad property"),
        (10, "feature", "bad property"),
    ]
    assert "Polygon" in result.rejected[0].reason
    assert "latitude out of range" in result.rejected[2].reason  # [lat, lon] swapped: caught
    assert result.rows == 12
    assert str(result.rejected[0]).startswith("feature 1: bad geometry")


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "expected '{'"),
        ("[]", "expected '{'"),
        ('{"type": "Feature", "geometry": null, "properties": {}}', "type is 'Feature'"),
        ('{"type": "FeatureCollection"}', "no type or no features"),
        ('{"type": "FeatureCollection", "features": {}}', "features is not an array"),
        ('{"type": "FeatureCollection", "features": [{"type": "Feature",', "broken JSON"),
    ],
)
def test_not_a_feature_collection(text: str, message: str) -> None:
    with pytest.raises(BadInput, match=message):
        list(read_geojson(io.StringIO(text), name="x.geojson").events)


def test_truncated_file_names_the_line_and_keeps_what_was_read() -> None:
    text = export(fixture_events())
    cut = text[: text.index("\n", text.index("\n") + 1) + 40]  # one full feature, then half
    result = read_geojson(io.StringIO(cut), name="cut.geojson")
    assert next(result.events).id == fixture_events()[0].id
    with pytest.raises(BadInput, match=r"cut.geojson:3: broken JSON"):
        next(result.events)
    assert result.imported == 1


@settings(max_examples=200, deadline=None)
@given(event_strategy())
def test_round_trip_of_any_event(event: Event) -> None:
    first = export([event])
    assert round_trip(first) == first


@pytest.mark.needs_shared
def test_real_files_round_trip(shared_dir: Path) -> None:
    eval_dir = shared_dir / "eval"
    events = [
        *read_acled(eval_dir / "acled" / "burkina_faso_1997-2020.csv").events,
        *read_acled(eval_dir / "acled" / "africa_2016_old_schema.csv").events,
        *read_gdelt(eval_dir / "gdelt" / "20191024143000.export.CSV").events,
    ]
    first = export(events)
    assert round_trip(first) == first
    assert len(json.loads(first)["features"]) == len(events) == 2980 + 500 + 333


def test_dates_keep_their_type() -> None:
    [event] = read_geojson(io.StringIO(export([hostile_event()]))).events
    assert event.date == dt.date(2021, 3, 1) and event.published == dt.date(2021, 3, 2)
