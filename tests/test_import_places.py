"""Places learnt from ACLED rows: the derivation, the CSV through the gazetteer, the CLI.

The made-up villages (Zorgokoumbé, Tinkoulgamdé) are in no gazetteer source. One index
with extra places is built for the whole module (20–60 s), in a cache directory of its
own: the CLI and the API runs find it there by its fingerprint (same file name, same bytes).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import eventmap
from eventmap.cli import main
from eventmap.errors import BadInput
from eventmap.imports import read_acled
from eventmap.imports.places import (
    check_places_file,
    learn_places,
    places_from_acled,
    write_places_csv,
)
from eventmap.store import open_store
from gazetteer import Gazetteer

HEADER = ("data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,"
          "sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,"
          "region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,"
          "source_scale,notes,fatalities,timestamp,iso3")
COUNTRY = {"BFA": (854, "Burkina Faso"), "MLI": (466, "Mali"), "NER": (562, "Niger")}


def row(n: int, date: str, iso3: str, admin1: str, location: str, lat: float, lon: float,
        precision: int) -> str:
    iso, country = COUNTRY[iso3]
    return (f'{n},{iso},X{n},{n},{date},{date[-4:]},1,Violence against civilians,Attack,'
            f'Unidentified Armed Group,,3,Civilians,,7,37,Western Africa,{country},{admin1},'
            f'Adm2,Adm3,"{location}",{lat},{lon},{precision},Radio,National,'
            f'"Gunmen attacked civilians in {location}.",1,1600000000,{iso3}')


ROWS = [
    # Zorgokoumbé (BF), three rows at the site: median (13.33, -1.07), an outlier ignored
    row(1, "10 March 2018", "BFA", "Centre-Nord", "Zorgokoumbé", 13.31, -1.05, 1),
    row(2, "15 June 2019", "BFA", "Centre-Nord", "Zorgokoumbé", 13.33, -1.07, 1),
    row(3, "20 July 2020", "BFA", "Centre-Nord", "  zorgokoumbé ", 13.90, -1.90, 1),
    # "near" Zorgokoumbé (precision 2): not the site, not counted
    row(4, "21 July 2020", "BFA", "Centre-Nord", "Zorgokoumbé", 10.0, 0.5, 2),
    # a namesake in Mali is another place
    row(5, "1 May 2019", "MLI", "Mopti", "Zorgokoumbé", 14.5, -3.5, 1),
    # a Niger village seen only in 2021 (dropped by until=2021-01-01)
    row(6, "2 February 2021", "NER", "Tillaberi", "Tinkoulgamdé", 14.2, 1.4, 1),
    # a district-level row only: no place
    row(7, "3 March 2019", "BFA", "Sahel", "Bassinga", 14.0, -0.5, 3),
]


def write_acled(path: Path, rows: list[str]) -> Path:
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


# ------------------------------------------------------------------ pure derivation
def test_learn_places_median_precision_dedupe(tmp_path: Path) -> None:
    events = list(read_acled(write_acled(tmp_path / "acled.csv", ROWS)).events)
    places = {(p.name, p.country_code): p for p in learn_places(events)}
    assert set(places) == {("Zorgokoumbé", "BF"), ("Zorgokoumbé", "ML"), ("Tinkoulgamdé", "NE")}
    z = places[("Zorgokoumbé", "BF")]
    assert (z.lat, z.lon) == (13.33, -1.07)  # median of the three precision-1 rows
    assert z.events == 3 and z.admin1 == "Centre-Nord"
    assert z.source == "ACLED rows 2018-03-10..2020-07-20 (3 events)"
    assert z.key == "acled:bf:zorgokoumbé"
    assert places[("Zorgokoumbé", "ML")].lat == 14.5


def test_learn_places_until_keeps_only_earlier_rows(tmp_path: Path) -> None:
    events = list(read_acled(write_acled(tmp_path / "acled.csv", ROWS)).events)
    places = learn_places(events, until=dt.date(2019, 6, 15))  # the 15 June row is excluded
    assert [(p.name, p.country_code, p.events) for p in places] == [
        ("Zorgokoumbé", "BF", 1), ("Zorgokoumbé", "ML", 1)]
    assert all(p.last < dt.date(2019, 6, 15) for p in places)
    assert (places[0].lat, places[0].lon) == (13.31, -1.05)


def test_written_csv_has_the_supplement_columns(tmp_path: Path) -> None:
    events = list(read_acled(write_acled(tmp_path / "acled.csv", ROWS)).events)
    out = io.StringIO()
    assert write_places_csv(learn_places(events), out) == 3
    supplement = Path(__file__).resolve().parents[1] / "data" / "gazetteer" / "supplement.csv"
    header = next(ln for ln in supplement.read_text(encoding="utf-8").splitlines()
                  if not ln.startswith("#"))
    assert out.getvalue().splitlines()[0] == header
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows[0]["feature"] == "city" and rows[0]["kind"] == "village"
    assert rows[0]["population"] == "0" and rows[0]["country_code"] == "BF"


# ------------------------------------------------------------------ one shared index
@pytest.fixture(scope="module")
def learnt(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Gazetteer]]:
    """places.csv written by `eventmap places`, and a Gazetteer with it (one index build)."""
    tmp = tmp_path_factory.mktemp("learnt")
    acled = write_acled(tmp / "acled.csv", ROWS)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("EVENTMAP_CACHE", str(tmp / "cache"))
        places = tmp / "places.csv"
        result = CliRunner().invoke(main, ["places", str(acled), "--format", "acled",
                                           "-o", str(places), "--until", "2021-01-01"])
        assert result.exit_code == 0, result.output
        assert "2 places from 4 rows" in result.output
        yield places, Gazetteer(extra_places=[places])


def test_places_csv_through_the_gazetteer(learnt: tuple[Path, Gazetteer]) -> None:
    _, gaz = learnt
    loc = gaz.geocode("Zorgokoumbé, Burkina Faso")
    assert loc is not None
    assert (round(loc.latitude, 2), round(loc.longitude, 2)) == (13.33, -1.07)
    assert all(c.key != "acled:ne:tinkoulgamdé" for c in gaz.candidates("Tinkoulgamdé"))  # 2021


def test_cli_ingest_with_places_then_api(learnt: tuple[Path, Gazetteer], tmp_path: Path) -> None:
    places, _ = learnt
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.txt").write_text(
        "On 3 March 2020, gunmen attacked civilians in Zorgokoumbé, killing two people.\n",
        encoding="utf-8")
    db = str(tmp_path / "events.sqlite")
    result = CliRunner().invoke(main, ["ingest", str(notes), "--db", db, "--published",
                                       "2020-03-04", "--places", str(places),
                                       "--focus-country", "BF"])
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        events = list(store.query())
    assert events, result.output
    e = events[0]
    assert e.country_code == "BF" and "Zorgokoumbé" in e.place
    assert (round(e.latitude, 2), round(e.longitude, 2)) == (13.33, -1.07)
    db2 = str(tmp_path / "api.sqlite")
    summary = eventmap.ingest([str(notes)], db=db2, published="2020-03-04", places=[places])
    assert summary.documents_read == 1
    with open_store(db2) as store:
        assert [round(ev.latitude, 2) for ev in store.query()][:1] == [13.33]


# ------------------------------------------------------------------ bad input
def test_places_bad_input_is_one_line_naming_the_file(tmp_path: Path) -> None:
    runner = CliRunner()
    binary = tmp_path / "photo.csv"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe")
    district_only = write_acled(tmp_path / "districts.csv", [ROWS[6]])
    for path, reason in ((tmp_path / "missing.csv", "no such file"),
                         (binary, "not an ACLED export"),
                         (district_only, "no usable ACLED row")):
        result = runner.invoke(main, ["places", str(path), "--format", "acled",
                                      "-o", str(tmp_path / "out.csv")])
        assert result.exit_code == 1, result.output
        assert result.output.startswith(f"eventmap: error: {path}") and reason in result.output
        assert "Traceback" not in result.output
    assert not (tmp_path / "out.csv").exists()
    with pytest.raises(BadInput, match="dated before 2018-01-01"):
        places_from_acled(write_acled(tmp_path / "a.csv", ROWS), until=dt.date(2018, 1, 1))


def test_ingest_bad_places_file_fails_before_any_work(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("Gunmen attacked Zorgokoumbé.\n", encoding="utf-8")
    binary = tmp_path / "places.csv"
    binary.write_bytes(b"\x00\xff\xfe\x89 not text")
    notcsv = tmp_path / "notes.txt"
    notcsv.write_text("just some words\nand more\n", encoding="utf-8")
    empty = tmp_path / "empty.csv"
    empty.write_text("key,name,alt_names,lat,lon,country_code,feature,kind,admin1,population,"
                     "source\n", encoding="utf-8")
    db = tmp_path / "events.sqlite"
    for path, reason in ((tmp_path / "nope.csv", "no such places file"),
                         (binary, "not a places CSV file"),
                         (notcsv, "no column name, lat, lon"),
                         (empty, "no place in this places file")):
        result = CliRunner().invoke(main, ["ingest", str(text), "--db", str(db),
                                           "--places", str(path)])
        assert result.exit_code == 1, result.output
        assert result.output.startswith(f"eventmap: error: {path}: ") and reason in result.output
        with pytest.raises(BadInput, match=reason):
            check_places_file(path)
    assert not db.exists()
