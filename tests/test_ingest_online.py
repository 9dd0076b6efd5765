"""`eventmap ingest --online URL`: villages the offline gazetteer lacks, placed by the user's
geocoder — a fake Nominatim on 127.0.0.1 here, never the real network."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from eventmap.cli import main
from gazetteer.index import default_cache_dir
from gazetteer.online import cache_name, make_geocoder, polite_delay

ANSWERS = {
    "Tangounga, Burkina Faso": [{"lat": "12.125", "lon": "0.5", "display_name": "Tangounga, Est",
                                 "class": "place", "type": "village", "addresstype": "village"}],
    # a geocoder that only knows the country answers with it: not a place for the village
    "Kpenkouna, Burkina Faso": [{"lat": "12.2", "lon": "-1.6", "display_name": "Burkina Faso",
                                 "class": "boundary", "type": "administrative",
                                 "addresstype": "country"}],
}


class FakeNominatim(BaseHTTPRequestHandler):
    asked: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        q = parse_qs(urlsplit(self.path).query).get("q", [""])[0]
        FakeNominatim.asked.append(q)
        data = json.dumps(ANSWERS.get(q, [])).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def nominatim() -> Iterator[str]:
    FakeNominatim.asked = []
    srv = ThreadingHTTPServer(("127.0.0.1", 0), FakeNominatim)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{srv.server_address[1]}"
    yield url
    srv.shutdown()
    srv.server_close()
    (default_cache_dir() / cache_name(make_geocoder(url))).unlink(missing_ok=True)


def ingest(tmp_path: Path, db: str, text: str, *extra: str) -> str:
    src = tmp_path / f"note{len(list(tmp_path.glob('note*')))}.txt"
    src.write_text(text, encoding="utf-8")
    r = CliRunner().invoke(main, ["ingest", str(src), "--db", db, "--no-progress", *extra])
    assert r.exit_code == 0, r.output
    return r.output


def exported(tmp_path: Path, db: str) -> list[dict]:
    out = tmp_path / "events.geojson"
    r = CliRunner().invoke(main, ["export", "--format", "geojson", "--db", db, "-o", str(out)])
    assert r.exit_code == 0, r.output
    return json.loads(out.read_text(encoding="utf-8"))["features"]


def test_an_unknown_village_is_placed_by_the_online_geocoder(tmp_path: Path, nominatim: str) -> None:
    db = str(tmp_path / "events.sqlite")
    ingest(tmp_path, db, "On 18 October 2019, suspected militants burned the primary school "
           "in Tangounga.", "--online", nominatim, "--focus-country", "BF")
    assert FakeNominatim.asked == ["Tangounga, Burkina Faso"]
    (feature,) = exported(tmp_path, db)
    props = feature["properties"]
    assert feature["geometry"]["coordinates"] == [0.5, 12.125]
    assert (props["place"], props["mention"], props["country_code"], props["geo_precision"]) == (
        "Tangounga", "Tangounga", "BF", 1)
    # a second text naming it again: answered from the cache, no new request
    ingest(tmp_path, db, "On 25 October 2019, gunmen abducted two teachers in Tangounga.",
           "--online", nominatim, "--focus-country", "BF")
    assert FakeNominatim.asked == ["Tangounga, Burkina Faso"]
    assert len(exported(tmp_path, db)) == 2


def test_a_country_level_answer_is_not_taken_for_the_village(tmp_path: Path, nominatim: str) -> None:
    db = str(tmp_path / "events.sqlite")
    ingest(tmp_path, db, "On 18 October 2019, suspected militants burned the primary school "
           "in Kpenkouna.", "--online", nominatim, "--focus-country", "BF")
    assert FakeNominatim.asked == ["Kpenkouna, Burkina Faso"]
    (feature,) = exported(tmp_path, db)
    props = feature["properties"]
    assert (props["place"], props["mention"], props["geo_precision"]) == (
        "Burkina Faso", "Kpenkouna", 3)


def test_known_places_never_go_online(tmp_path: Path, nominatim: str) -> None:
    db = str(tmp_path / "events.sqlite")
    ingest(tmp_path, db, "On 18 October 2019, gunmen attacked a police post in Djibo.",
           "--online", nominatim)
    assert FakeNominatim.asked == []
    assert [f["properties"]["place"] for f in exported(tmp_path, db)] == ["Djibo"]


@pytest.mark.parametrize("value", ["ftp://example.org", "nowhere", "photon:"])
def test_a_bad_online_value_is_refused_before_any_work(tmp_path: Path, value: str) -> None:
    src = tmp_path / "note.txt"
    src.write_text("Gunmen attacked Djibo.", encoding="utf-8")
    db = tmp_path / "events.sqlite"
    r = CliRunner().invoke(main, ["ingest", str(src), "--db", str(db), "--online", value])
    assert r.exit_code == 2
    assert "--online" in r.output and "http(s) URL" in r.output
    assert not db.exists()


def test_public_servers_are_asked_once_a_second_your_own_at_will() -> None:
    assert polite_delay(True) == 1.0
    assert polite_delay("https://nominatim.openstreetmap.org") == 1.0
    assert polite_delay("photon:https://photon.komoot.io") == 1.0
    assert polite_delay("http://127.0.0.1:8080") == 0.0


def test_each_server_has_its_own_cache() -> None:
    a, b = make_geocoder("http://127.0.0.1:8080"), make_geocoder("http://127.0.0.1:8081")
    assert cache_name(a) != cache_name(b)
    assert cache_name(a) == cache_name(make_geocoder("http://127.0.0.1:8080"))


def test_geoparse_online_adds_the_unknown_village(tmp_path: Path, nominatim: str) -> None:
    src = tmp_path / "note.txt"
    src.write_text("Gunmen burned the school in Tangounga, north of Fada N'Gourma.",
                   encoding="utf-8")
    r = CliRunner().invoke(main, ["geoparse", str(src), "--online", nominatim])
    assert r.exit_code == 0, r.output
    got = {m["text"]: (m["name"], m["country_code"]) for m in json.loads(r.output)}
    assert got["Tangounga"] == ("Tangounga", "BF")
    assert got["Fada N'Gourma"][1] == "BF"
    assert FakeNominatim.asked == ["Tangounga, Burkina Faso"]
    r = CliRunner().invoke(main, ["geoparse", str(src)])  # offline: the village stays unknown
    assert "Tangounga" not in {m["text"] for m in json.loads(r.output)}
