"""ACLED CSV import: both layouts, old types mapped, bad rows rejected by line."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from eventmap.errors import BadInput
from eventmap.imports import Rejected, read_acled
from eventmap.imports.acled import parse_acled_date
from eventmap.imports.result import RowError
from eventmap.model import EVENT_TYPES, SUB_EVENT_TYPES

FIXTURES = Path(__file__).parent / "fixtures" / "formats"


def test_current_layout() -> None:
    result = read_acled(FIXTURES / "acled_current.csv")
    events = {e.id: e for e in result.events}
    assert result.rejected == [] and result.imported == 6 and result.done
    assert {e.event_type for e in events.values()} == set(EVENT_TYPES)
    clash = events["acled-MLI9001"]
    assert clash.date == dt.date(2021, 3, 14)
    assert (clash.event_type, clash.sub_event_type) == ("Battles", "Armed clash")
    assert (clash.latitude, clash.longitude) == (15.0412, -1.9987)
    assert clash.place == clash.mention == "Boni" and clash.admin1 == "Mopti"
    assert clash.country_code == "ML" and clash.fatalities == 2
    assert (
        clash.doc_id == "acled" and clash.origin == "acled" and clash.source_title == "Radio Kledu"
    )
    assert clash.quote.startswith("On 14 March 2021, soldiers clashed")
    iso_dated = events["acled-NIG9002"]
    assert iso_dated.date == dt.date(2021, 3, 12) and iso_dated.time_precision == 2
    assert iso_dated.geo_precision == 2 and iso_dated.country_code == "NE"
    abduction = events["acled-BFO9003"]
    assert abduction.actors == [
        "Unidentified Armed Group (Burkina Faso)",
        "Civilians (Burkina Faso)",
        "Teachers (Burkina Faso)",
        "Women (Burkina Faso)",
    ]
    assert "\n" in abduction.quote  # a quoted field over two lines
    assert events["acled-SOM9006"].fatalities is None


def test_2016_layout_maps_old_types() -> None:
    result = read_acled(FIXTURES / "acled_2016.csv")
    events = {e.id: (e.event_type, e.sub_event_type, e.country_code) for e in result.events}
    assert result.format == "acled 2016" and result.rejected == []
    assert events == {
        "acled-7001RTA": ("Battles", "Armed clash", "TD"),
        "acled-7002RTA": ("Battles", "Government regains territory", "SO"),
        "acled-7003RTA": ("Explosions/Remote violence", None, "KE"),
        "acled-7004RTA": ("Protests", "Peaceful protest", "ZA"),
        "acled-7005RTA": ("Riots", "Violent demonstration", "UG"),
        "acled-7006RTA": ("Strategic developments", None, "CD"),
        "acled-7007RTA": ("Strategic developments", "Non-violent transfer of territory", "CF"),
        "acled-7008RTA": ("Strategic developments", "Headquarters or base established", "CM"),
        "acled-7009RTA": ("Violence against civilians", None, "CG"),
    }


def test_malformed_rows_are_rejected_by_line_and_the_rest_imported() -> None:
    result = read_acled(FIXTURES / "acled_malformed.csv")
    ids = [e.id for e in result.events]
    assert ids == ["acled-MLI9001", "acled-BFO9003", "acled-KEN9005"]
    assert [(r.line, r.reason.split(":")[0]) for r in result.rejected] == [
        (3, "bad date"),
        (4, "latitude out of range"),
        (7, "missing coordinates"),  # line 5-6 is one row with a two-line note
        (8, "wrong column count"),
        (9, "unknown event_type"),
        (10, "bad fatalities"),
    ]
    assert result.rows == 9 == result.imported + len(result.rejected)
    assert "9 rows, 3 imported, 6 rejected" in result.summary()
    assert "line 3: bad date: '31 February 2021'" == str(result.rejected[0])


def test_not_an_acled_file_is_refused_at_once(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="no column event_date"):
        read_acled(io.StringIO("a,b,c\n1,2,3\n"), name="x.csv")
    with pytest.raises(BadInput, match="empty file"):
        read_acled(io.StringIO(""))
    with pytest.raises(BadInput, match="no such file"):
        read_acled(tmp_path / "missing.csv")


def test_unknown_country_and_sub_type_rejected() -> None:
    header = (
        "event_id_cnty,event_date,event_type,sub_event_type,latitude,longitude,country,location\n"
    )
    text = (
        header
        + "X1,2020-01-01,Battles,Armed clash,1,1,Atlantis,Somewhere\n"
        + "X2,2020-01-01,Battles,Picnic,1,1,Mali,Somewhere\n"
        + "X3,2020-01-01,Battles,,1,1,Mali,Somewhere\n"
    )
    result = read_acled(io.StringIO(text))
    assert [e.id for e in result.events] == ["acled-X3"]
    assert [r.reason.split(":")[0] for r in result.rejected] == [
        "unknown country",
        "unknown sub_event_type",
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("13 November 2020", dt.date(2020, 11, 13)),
        ("01 February 1997", dt.date(1997, 2, 1)),
        ("2016-07-02", dt.date(2016, 7, 2)),
        ("02-July-2016", dt.date(2016, 7, 2)),
        ("2 Jul 2016", dt.date(2016, 7, 2)),
        ("02/07/2016", dt.date(2016, 7, 2)),
    ],
)
def test_acled_dates(text: str, expected: dt.date) -> None:
    assert parse_acled_date(text) == expected


@pytest.mark.parametrize("text", ["", "yesterday", "2016-13-01", "31 February 2021"])
def test_bad_acled_dates(text: str) -> None:
    with pytest.raises(RowError, match="bad date"):
        parse_acled_date(text)


@pytest.mark.needs_shared
def test_real_acled_current_file(shared_dir: Path) -> None:
    result = read_acled(shared_dir / "eval" / "acled" / "burkina_faso_1997-2020.csv")
    events = list(result.events)
    print(result.summary())
    assert result.rows == 2980  # every row accounted for
    assert result.imported + len(result.rejected) == 2980
    assert result.imported >= 2950, result.rejected[:10]
    assert all(isinstance(r, Rejected) and r.line > 1 for r in result.rejected)
    assert {e.country_code for e in events} == {"BF"}
    assert {e.event_type for e in events} == set(EVENT_TYPES)
    assert all(e.sub_event_type in SUB_EVENT_TYPES[e.event_type] for e in events)
    assert len({e.id for e in events}) == len(events)


@pytest.mark.needs_shared
def test_real_acled_2016_file(shared_dir: Path) -> None:
    result = read_acled(shared_dir / "eval" / "acled" / "africa_2016_old_schema.csv")
    events = list(result.events)
    print(result.summary())
    assert result.format == "acled 2016"
    assert result.imported + len(result.rejected) == 500
    assert result.imported >= 490, result.rejected[:10]
    assert all(e.event_type in EVENT_TYPES for e in events)
    assert all(
        e.sub_event_type is None or e.sub_event_type in SUB_EVENT_TYPES[e.event_type]
        for e in events
    )
    assert len({e.country_code for e in events}) >= 30  # 35 African countries, all resolved
    assert all(len(e.country_code) == 2 for e in events)


def test_stream_with_bom_and_early_close() -> None:
    text = "\ufeff" + (FIXTURES / "acled_current.csv").read_text(encoding="utf-8")
    with read_acled(io.StringIO(text), name="bom.csv") as result:
        first = next(result.events)
    assert first.id == "acled-MLI9001" and not result.done
    assert "(not read to the end)" in result.summary()


def test_path_is_closed_after_reading(tmp_path: Path) -> None:
    result = read_acled(FIXTURES / "acled_current.csv")
    list(result.events)
    assert result._close is None  # released as soon as the rows ran out


def test_text_that_is_not_utf8_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.csv"
    good = (FIXTURES / "acled_current.csv").read_bytes()
    row = "X9,9,X9,9,1 March 2021,2021,1,Battles,,Armée,,1,,,0,10,,Mali,,,,Ségou,13.4,-6.2,1,,,,0,,MLI\n"
    path.write_bytes(good + row.encode("latin-1") + row.encode("utf-8"))
    result = read_acled(path)
    events = list(result.events)
    assert len(events) == 7 and events[-1].place == "Ségou"
    assert [(r.line, r.reason.split(":")[0]) for r in result.rejected] == [(9, "not UTF-8 text")]
