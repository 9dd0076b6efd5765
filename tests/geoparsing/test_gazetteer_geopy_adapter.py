"""The geopy contract: Location/None/list, keyword-only options, RateLimiter and pandas apply."""

from __future__ import annotations

import inspect

import pandas as pd
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from gazetteer import Gazetteer, Place, default_gazetteer


def test_is_a_geopy_geocoder(gaz) -> None:
    assert isinstance(gaz, Geocoder)
    sig = inspect.signature(Gazetteer.geocode)
    params = list(sig.parameters.values())
    assert params[1].name == "query"
    assert all(p.kind is p.KEYWORD_ONLY for p in params[2:])
    assert {"exactly_one", "timeout", "country_codes"} <= set(sig.parameters)
    for name in ("geocode", "parse", "candidates", "get"):
        assert getattr(Gazetteer, name).__doc__


def test_geocode_returns_location(gaz) -> None:
    loc = gaz.geocode("Bagdad")
    assert isinstance(loc, Location)
    assert loc.address.startswith("Baghdad") and loc.address.endswith("Iraq")
    assert loc.raw["geonameid"] == 98182 and 0 < loc.raw["confidence"] <= 1
    assert gaz.geocode("Xqzwvt Nowhere") is None


def test_exactly_one_false_and_country_codes(gaz) -> None:
    locs = gaz.geocode("Bagdad", exactly_one=False)
    assert isinstance(locs, list) and len(locs) > 1
    assert locs[0].raw["country_code"] == "IQ"
    us = gaz.geocode("Bagdad", country_codes=["us"])
    assert us.raw["country_code"] == "US"
    assert gaz.geocode("Bagdad", country_codes="fj") is None


def test_rate_limiter_and_dataframe_apply(gaz) -> None:
    geocode = RateLimiter(gaz.geocode, min_delay_seconds=0)
    df = pd.DataFrame({"name": ["Bagdad", "Mossoul", "Xqzwvt"]})
    df["loc"] = df["name"].apply(geocode)
    assert df["loc"].iloc[0].raw["country_code"] == "IQ"
    assert df["loc"].iloc[1].raw["country_code"] == "IQ"
    assert df["loc"].iloc[2] is None
    df["direct"] = df["name"].apply(gaz.geocode)
    assert df["direct"].iloc[1].address == df["loc"].iloc[1].address


def test_candidates_and_get(gaz) -> None:
    cands = gaz.candidates("Tripoli", limit=5)
    assert 2 <= len(cands) <= 5 and all(isinstance(c, Place) for c in cands)
    assert {"LY", "LB"} <= {c.country_code for c in cands}
    assert gaz.get(cands[0].key) == cands[0]
    assert gaz.get("site:ain-al-asad").feature == "site"
    assert gaz.get("nope:1") is None
    assert gaz.candidates("Zzqxw") == []


def test_default_gazetteer_is_shared() -> None:
    assert default_gazetteer() is default_gazetteer()


def test_a_country_in_the_query_is_a_hard_limit(gaz) -> None:
    """No namesake abroad: an unknown village falls back to its division in that country."""
    loc = gaz.geocode("Kouna, Oudalan, Sahel, Burkina Faso")
    assert loc is not None
    assert loc.raw["country_code"] == "BF"
    assert loc.raw.get("coarser_than_query") is True
    assert "Oudalan" in loc.address


def test_a_known_town_with_its_divisions_is_the_town(gaz) -> None:
    loc = gaz.geocode("Djibo, Soum, Sahel, Burkina Faso")
    assert loc is not None and loc.address.startswith("Djibo")
    assert not loc.raw.get("coarser_than_query")
    assert abs(loc.latitude - 14.10) < 0.2 and abs(loc.longitude - (-1.63)) < 0.2
