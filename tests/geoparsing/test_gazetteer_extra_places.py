"""Users' own places (CSV or GeoJSON, the supplement's columns) and the on-disk index."""

from __future__ import annotations

import json
import time

import pytest

from gazetteer import BadInput, Gazetteer
from gazetteer.index import fingerprint
from gazetteer.sources import read_places_file

CSV = """key,name,alt_names,lat,lon,country_code,feature,kind,admin1,population,source
user:camp-zeta,Camp Zeta,Zeta Base|base Zeta,34.5,43.5,IQ,site,camp,Salah ad Din,0,field report 2021-12
"""


def test_read_csv_and_geojson(tmp_path) -> None:
    c = tmp_path / "mine.csv"
    c.write_text(CSV, encoding="utf-8")
    [p] = read_places_file(c)
    assert (p.key, p.name, p.lat, p.feature, p.source) == (
        "user:camp-zeta", "Camp Zeta", 34.5, "site", "field report 2021-12")
    assert ("base Zeta", 1) in p.names
    g = tmp_path / "mine.geojson"
    g.write_text(json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "geometry": {"type": "Point", "coordinates": [43.5, 34.5]},
        "properties": {"name": "Camp Zeta", "country_code": "IQ", "feature": "site"}}]}))
    [q] = read_places_file(g)
    assert (q.lat, q.lon, q.key) == (34.5, 43.5, "user:camp-zeta")


def test_bad_places_file_names_file_and_row(tmp_path) -> None:
    c = tmp_path / "bad.csv"
    c.write_text("name,lat,lon\nCamp Zeta,north,43\n", encoding="utf-8")
    with pytest.raises(BadInput, match=r"bad\.csv: row 2"):
        read_places_file(c)
    g = tmp_path / "bad.geojson"
    g.write_text("{not json")
    with pytest.raises(BadInput, match=r"bad\.geojson"):
        read_places_file(g)


def test_fingerprint_follows_the_data(tmp_path) -> None:
    c = tmp_path / "mine.csv"
    c.write_text(CSV, encoding="utf-8")
    a = fingerprint([c])
    assert a == fingerprint([c]) and a != fingerprint()
    c.write_text(CSV.replace("34.5", "34.6"), encoding="utf-8")
    assert fingerprint([c]) != a


def test_index_loads_fast_from_the_cache(gaz) -> None:
    t0 = time.perf_counter()
    g = Gazetteer(cache_dir=gaz.cache_dir)
    took = time.perf_counter() - t0
    assert g.build_seconds == 0.0 and g.index_path == gaz.index_path
    assert took < 10  # loads in well under a second on an idle machine; generous for CI


@pytest.mark.slow
def test_user_places_are_found(tmp_path) -> None:
    c = tmp_path / "mine.csv"
    c.write_text(CSV, encoding="utf-8")
    g = Gazetteer(cache_dir=tmp_path / "cache", extra_places=[c])  # builds a new index
    assert g.build_seconds > 0
    ms = g.parse("Des roquettes ont visé Camp Zeta hier, puis Zeta Base.")
    assert [m.place.key for m in ms] == ["user:camp-zeta", "user:camp-zeta"]
    assert g.geocode("Zeta Base").raw["key"] == "user:camp-zeta"


def test_prune_keeps_the_most_recent(tmp_path) -> None:
    import os

    from gazetteer.index import prune

    for i in range(5):
        f = tmp_path / f"gazetteer-{i}.pkl"
        f.write_bytes(b"x")
        os.utime(f, (1000 + i, 1000 + i))
    (tmp_path / "online-cache.json").write_text("{}")
    prune(tmp_path, keep=3)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "gazetteer-2.pkl", "gazetteer-3.pkl", "gazetteer-4.pkl", "online-cache.json"]
