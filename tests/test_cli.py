"""The command line end to end, driven with click's CliRunner on real files and a real store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventmap.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"

FRENCH_TEXT = (
    "Bagdad, 10 décembre 2021 — Hier soir, un drone a frappé un convoi logistique près de "
    "l'aéroport de Bagdad, selon des sources sécuritaires irakiennes.\n"
)


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def db(tmp_path: Path) -> str:
    return str(tmp_path / "events.sqlite")


def test_geoparse_json_gives_offsets_into_the_text(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "a.txt"
    src.write_text(FRENCH_TEXT, encoding="utf-8")
    result = runner.invoke(main, ["geoparse", str(src)])
    assert result.exit_code == 0, result.output
    mentions = json.loads(result.output)
    assert mentions, "no place found"
    for m in mentions:
        assert FRENCH_TEXT[m["start"] : m["end"]] == m["text"]
        assert set(m) >= {
            "name",
            "lat",
            "lon",
            "geonameid",
            "country_code",
            "admin1",
            "feature",
            "confidence",
        }
    assert {m["country_code"] for m in mentions} == {"IQ"}


def test_geoparse_reads_standard_input_as_a_table(runner: CliRunner) -> None:
    result = runner.invoke(main, ["geoparse", "-", "--format", "table"], input=FRENCH_TEXT)
    assert result.exit_code == 0, result.output
    assert "Baghdad" in result.output


def test_geoparse_binary_file_is_one_clear_error(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "image.bin"
    src.write_bytes(bytes(range(256)) * 40)
    result = runner.invoke(main, ["geoparse", str(src)])
    assert result.exit_code != 0
    assert "image.bin" in result.output
    assert "Traceback" not in result.output


def test_ingest_then_export_geojson(runner: CliRunner, db: str, tmp_path: Path) -> None:
    src = tmp_path / "article.txt"
    src.write_text(FRENCH_TEXT, encoding="utf-8")
    result = runner.invoke(main, ["ingest", str(src), "--db", db, "--published", "2021-12-10"])
    assert result.exit_code == 0, result.output
    assert "events found" in result.output
    out = tmp_path / "out.geojson"
    result = runner.invoke(main, ["export", "--format", "geojson", "-o", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    features = collection["features"]
    assert features, "the drone strike was not extracted"
    props = features[0]["properties"]
    assert props["date"] == "2021-12-09"
    assert props["country_code"] == "IQ"
    assert props["event_type"] == "Explosions/Remote violence"


def test_ingest_twice_adds_nothing(runner: CliRunner, db: str, tmp_path: Path) -> None:
    src = tmp_path / "article.txt"
    src.write_text(FRENCH_TEXT, encoding="utf-8")
    runner.invoke(main, ["ingest", str(src), "--db", db, "--published", "2021-12-10"])
    result = runner.invoke(main, ["ingest", str(src), "--db", db, "--published", "2021-12-10"])
    assert result.exit_code == 0
    assert "new 0" in result.output


def test_focus_country_decides_a_lone_namesake(
    runner: CliRunner, tmp_path: Path
) -> None:
    """"Bam" alone is the Iranian city; an analyst working on Burkina Faso gets its province."""
    src = tmp_path / "note.txt"
    src.write_text("Militants attacked Bam on Monday, killing three people.\n", encoding="utf-8")
    countries = {}
    for name, extra in (("plain", []), ("focused", ["--focus-country", "bf"])):
        db = str(tmp_path / f"{name}.sqlite")
        result = runner.invoke(main, ["ingest", str(src), "--db", db,
                                      "--published", "2020-10-20", *extra])
        assert result.exit_code == 0, result.output
        out = tmp_path / f"{name}.geojson"
        runner.invoke(main, ["export", "--format", "geojson", "-o", str(out), "--db", db])
        features = json.loads(out.read_text(encoding="utf-8"))["features"]
        countries[name] = {f["properties"]["country_code"] for f in features}
    assert countries == {"plain": {"IR"}, "focused": {"BF"}}


def test_unknown_focus_country_is_refused_before_any_work(
    runner: CliRunner, tmp_path: Path
) -> None:
    db = tmp_path / "x.sqlite"
    result = runner.invoke(main, ["ingest", str(tmp_path), "--db", str(db),
                                  "--focus-country", "XX"])
    assert result.exit_code == 2
    assert "XX: not an ISO 3166-1 alpha-2 country code" in result.output
    assert not db.exists()


def test_ingest_reports_bad_inputs_and_keeps_the_good(
    runner: CliRunner, db: str, tmp_path: Path
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(FRENCH_TEXT, encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    result = runner.invoke(main, ["ingest", str(good), str(bad), "--db", db])
    assert result.exit_code == 0, result.output
    assert "bad.txt" in result.output
    assert "documents read: 1" in result.output


def test_samples_ingest_and_list_filters(runner: CliRunner, db: str) -> None:
    if not any(SAMPLES.glob("*.md")):
        pytest.fail("no sample articles in data/samples")
    result = runner.invoke(main, ["ingest", str(SAMPLES), "--db", db])
    assert result.exit_code == 0, result.output
    everything = runner.invoke(main, ["list", "--db", db, "--limit", "1000"])
    battles = runner.invoke(main, ["list", "--db", db, "--type", "Battles", "--limit", "1000"])
    assert everything.exit_code == 0 and battles.exit_code == 0
    total = int(everything.output.strip().splitlines()[-1].split(" of ")[1].split()[0])
    only = int(battles.output.strip().splitlines()[-1].split(" of ")[1].split()[0])
    assert total >= 8
    assert 0 < only < total


def test_export_csv_and_kml(runner: CliRunner, db: str, tmp_path: Path) -> None:
    src = tmp_path / "article.txt"
    src.write_text(FRENCH_TEXT, encoding="utf-8")
    runner.invoke(main, ["ingest", str(src), "--db", db, "--published", "2021-12-10"])
    csv_out = runner.invoke(main, ["export", "--format", "csv", "--db", db])
    assert csv_out.exit_code == 0
    header = csv_out.output.splitlines()[0]
    assert "latitude" in header and "event_type" in header
    kml_out = runner.invoke(main, ["export", "--format", "kml", "--db", db])
    assert kml_out.exit_code == 0 and "<Placemark" in kml_out.output


def test_bad_date_option_is_one_line(runner: CliRunner, db: str) -> None:
    result = runner.invoke(main, ["export", "--since", "yesterday", "--db", db])
    assert result.exit_code != 0
    assert "YYYY-MM-DD" in result.output


def test_store_that_is_not_sqlite_is_one_line(runner: CliRunner, tmp_path: Path) -> None:
    fake = tmp_path / "notes.sqlite"
    fake.write_text("these are my notes, not a database\n" * 10)
    result = runner.invoke(main, ["list", "--db", str(fake)])
    assert result.exit_code != 0
    assert "notes.sqlite" in result.output
    assert fake.read_text().startswith("these are my notes")


def test_postgis_down_is_one_line(runner: CliRunner) -> None:
    url = "postgresql://nobody:secret@127.0.0.1:1/none"
    result = runner.invoke(main, ["list", "--db", url])
    assert result.exit_code != 0
    assert "secret" not in result.output
    assert "Traceback" not in result.output


def test_geojson_export_import_export_is_lossless(
    runner: CliRunner, db: str, tmp_path: Path
) -> None:
    src = tmp_path / "article.txt"
    src.write_text(FRENCH_TEXT, encoding="utf-8")
    runner.invoke(main, ["ingest", str(src), "--db", db, "--published", "2021-12-10"])
    first = tmp_path / "first.geojson"
    assert runner.invoke(main, ["export", "-o", str(first), "--db", db]).exit_code == 0
    other_db = str(tmp_path / "other.sqlite")
    imported = runner.invoke(main, ["import", str(first), "--format", "geojson", "--db", other_db])
    assert imported.exit_code == 0, imported.output
    second = tmp_path / "second.geojson"
    assert runner.invoke(main, ["export", "-o", str(second), "--db", other_db]).exit_code == 0
    a = json.loads(first.read_text("utf-8"))
    b = json.loads(second.read_text("utf-8"))
    assert a["features"] and a == b
    assert not list(tmp_path.glob("*.part"))
