"""The online fallback, against a fake Nominatim on 127.0.0.1 (never the real network)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

import pytest
from geopy.geocoders import Nominatim

from gazetteer.online import OnlineFallback, make_geocoder


class FakeNominatim(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        q = parse_qs(urlsplit(self.path).query).get("q", [""])[0]
        FakeNominatim.hits.append(q)
        body = []
        if q.startswith("Camp Nowhere"):
            body = [{"place_id": 1, "lat": "12.5", "lon": "-3.25", "display_name": "Camp Nowhere, Testland",
                     "class": "place", "type": "camp", "importance": 0.5}]
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture()
def fake_server():
    FakeNominatim.hits = []
    srv = ThreadingHTTPServer(("127.0.0.1", 0), FakeNominatim)
    t = threading.Thread(target=srv.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_fallback_is_rate_limited_and_cached(fake_server, tmp_path) -> None:
    geo = make_geocoder(fake_server)
    assert isinstance(geo, Nominatim) and geo.domain.startswith("127.0.0.1")
    fb = OnlineFallback(geo, tmp_path / "online.json", min_delay_seconds=0)
    loc = fb.geocode("Camp Nowhere")
    assert (loc.latitude, loc.longitude) == (12.5, -3.25)
    assert fb.geocode("Camp Nowhere").address == "Camp Nowhere, Testland"
    assert fb.geocode("Nothing Here") is None
    assert fb.geocode("Nothing Here") is None
    assert FakeNominatim.hits == ["Camp Nowhere", "Nothing Here"]  # cached after the first ask
    again = OnlineFallback(geo, tmp_path / "online.json", min_delay_seconds=0)
    assert again.geocode("Camp Nowhere").latitude == 12.5  # cache survives a restart
    assert FakeNominatim.hits == ["Camp Nowhere", "Nothing Here"]


def test_gazetteer_uses_fallback_only_when_offline_fails(gaz, fake_server, tmp_path) -> None:
    from gazetteer import Gazetteer

    g = Gazetteer(cache_dir=gaz.cache_dir, online=fake_server)  # index loaded from the cache
    assert isinstance(g._online.geocoder, Nominatim)
    g._online = OnlineFallback(make_geocoder(fake_server), tmp_path / "c.json", min_delay_seconds=0)
    assert g.geocode("Bagdad").raw["country_code"] == "IQ"
    assert FakeNominatim.hits == []  # found offline: no request
    loc = g.geocode("Camp Nowhere Qqzx")
    assert FakeNominatim.hits == ["Camp Nowhere Qqzx"]
    assert (loc.latitude, loc.longitude) == (12.5, -3.25) and loc.raw["source"] == "online"


def test_offline_by_default(gaz) -> None:
    assert gaz._online is None
