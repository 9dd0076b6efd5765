"""A GeoNames country file (``BF.zip``/``BF.txt`` of download.geonames.org/export/dump) as
the user's own places: the villages cities500 lacks become places the parser resolves, a
town the base already has is not doubled, and a damaged file gets one clear error.

The villages below are made up for the test (ids from 99,000,001 on): no GeoNames row is
copied here."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventmap.cli import main
from eventmap.store import open_store
from gazetteer import BadInput, Gazetteer
from gazetteer.geonames_dump import COLUMNS, is_geonames_dump, read_geonames_dump


def _row(gid: int, name: str, alternates: str, lat: float, lon: float, fclass: str,
         code: str, admin1: str = "", population: int = 0) -> str:
    cols = [str(gid), name, name, alternates, str(lat), str(lon), fclass, code, "BF", "",
            admin1, "", "", "", str(population), "", "300", "Africa/Ouagadougou", "2024-01-01"]
    assert len(cols) == COLUMNS
    return "\t".join(cols) + "\n"


ROWS = (
    _row(99000001, "Zamtenga-Kiri", "Zamtenga Kiri,Zamtenga", 13.71, -1.02, "P", "PPL"),
    _row(99000002, "Bongouli", "", 12.44, 0.61, "P", "PPLQ"),  # abandoned: left out
    _row(99000003, "Kouri Gold Mine", "", 13.02, -0.21, "S", "MNAU"),
    _row(99000004, "Wend Pouiré", "", 12.1, -1.3, "H", "STM"),  # a stream: left out
)


def write_zip(path: Path, members: dict[str, str]) -> Path:
    """A zip with fixed timestamps: the same content gives the same bytes, so the index a
    test builds with it (its fingerprint hashes the file) is built once per cache."""
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in members.items():
            zf.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), text)
    return path


@pytest.fixture
def dump_zip(tmp_path: Path) -> Path:
    return write_zip(tmp_path / "BF.zip", {"BF.txt": "".join(ROWS),
                                           "readme.txt": "GeoNames country file"})


def test_reads_villages_and_sites_only(dump_zip: Path) -> None:
    assert is_geonames_dump(dump_zip)
    places = {p.name: p for p in read_geonames_dump(dump_zip, {})}
    assert sorted(places) == ["Kouri Gold Mine", "Zamtenga-Kiri"]
    village = places["Zamtenga-Kiri"]
    assert (village.key, village.feature, village.kind, village.country_code) == (
        "gn:99000001", "city", "village", "BF")
    assert ("Zamtenga Kiri", 1) in village.names
    assert places["Kouri Gold Mine"].kind == "gold mine"


def test_plain_txt_is_recognised_and_a_csv_is_not(tmp_path: Path) -> None:
    txt = tmp_path / "BF.txt"
    txt.write_text("".join(ROWS), encoding="utf-8")
    assert is_geonames_dump(txt)
    csv = tmp_path / "mine.csv"
    csv.write_text("name,lat,lon\nCamp Zeta,34.5,43.5\n", encoding="utf-8")
    assert not is_geonames_dump(csv)


@pytest.mark.parametrize("content,message", [
    ("99000001\tZamtenga\n", r"line 1: 2 columns"),
    (ROWS[0].replace("13.71", "north"), r"line 1"),
])
def test_damaged_dump_names_file_and_line(tmp_path: Path, content: str, message: str) -> None:
    path = write_zip(tmp_path / "BF.zip", {"BF.txt": content})
    with pytest.raises(BadInput, match=r"BF\.zip: " + message):
        read_geonames_dump(path, {})


def test_zip_without_a_country_file(tmp_path: Path) -> None:
    path = write_zip(tmp_path / "BF.zip", {"readme.txt": "nothing"})
    with pytest.raises(BadInput, match="one country .txt"):
        read_geonames_dump(path, {})


def _dump_with(gaz, tmp_path: Path) -> tuple[Path, int]:
    """The test dump plus a town the base already has (Djibo) under another name."""
    djibo = gaz.geocode("Djibo, Burkina Faso")
    assert djibo is not None
    known = djibo.raw["geonameid"]
    rows = "".join(ROWS) + _row(known, "Djibo Again", "", 14.1, -1.6, "P", "PPLA2")
    return write_zip(tmp_path / "BF.zip", {"BF.txt": rows}), known


def test_parser_places_a_village_from_the_dump(gaz, tmp_path: Path) -> None:
    path, known = _dump_with(gaz, tmp_path)
    g = Gazetteer(extra_places=[path], cache_dir=gaz.cache_dir)
    text = "Gunmen attacked the village of Zamtenga-Kiri, in Soum province, on Monday."
    [m] = [m for m in g.parse(text) if m.text == "Zamtenga-Kiri"]
    assert (m.place.key, m.place.country_code, m.place.feature) == ("gn:99000001", "BF", "city")
    assert not any(m.text == "Djibo Again" for m in g.parse("Fighting in Djibo Again."))
    assert [c.key for c in g.candidates("Djibo")].count(f"gn:{known}") == 1


def test_cli_ingest_places_an_event_at_a_village_of_the_dump(gaz, tmp_path: Path) -> None:
    path, _ = _dump_with(gaz, tmp_path)
    note = tmp_path / "note.txt"
    note.write_text("On 4 March 2024, gunmen killed three civilians in Zamtenga-Kiri.\n",
                    encoding="utf-8")
    db = str(tmp_path / "events.sqlite")
    result = CliRunner().invoke(main, ["ingest", str(note), "--db", db, "--published",
                                       "2024-03-05", "--places", str(path)])
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        [event] = list(store.query())
    assert (event.place, event.country_code, event.geo_precision) == ("Zamtenga-Kiri", "BF", 1)
    assert (event.latitude, event.longitude) == (13.71, -1.02)


def test_cli_rejects_a_damaged_dump_before_any_work(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("Gunmen attacked Zamtenga-Kiri.\n", encoding="utf-8")
    broken = tmp_path / "BF.zip"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    streams = write_zip(tmp_path / "ML.zip", {"ML.txt": ROWS[3]})
    db = tmp_path / "events.sqlite"
    for path, reason in ((broken, "cannot read a GeoNames country file"),
                         (streams, "no populated place or site")):
        result = CliRunner().invoke(main, ["ingest", str(note), "--db", str(db),
                                           "--places", str(path)])
        assert result.exit_code == 1, result.output
        assert result.output.startswith(f"eventmap: error: {path}: ") and reason in result.output
    assert not db.exists()
