"""A gazetteer ``Place`` as the geopy ``Location`` that ``Gazetteer.geocode`` returns.

Why apart from the geocoder: it is geopy's contract (an address string, a point, a raw
dict callers read keys from), which changes only when that contract does.
"""

from __future__ import annotations

from collections.abc import Callable

from geopy.location import Location
from geopy.point import Point

from gazetteer.types import Place


def as_location(
    place: Place, confidence: float, country_name: Callable[[str], str | None]
) -> Location:
    """``place`` with its ranking ``confidence`` in ``raw``; ``country_name`` maps an ISO
    alpha-2 code to the name written at the end of the address."""
    raw = {
        "key": place.key, "name": place.name, "geonameid": place.geonameid,
        "country_code": place.country_code, "admin1": place.admin1, "feature": place.feature,
        "kind": place.kind, "population": place.population, "source": place.source,
        "lat": place.lat, "lon": place.lon, "confidence": confidence,
    }
    return Location(address(place, country_name), Point(place.lat, place.lon), raw)


def address(place: Place, country_name: Callable[[str], str | None]) -> str:
    """"Name, Division, Country", without the parts that repeat the name or are unknown."""
    parts = [place.name]
    if place.admin1 and place.admin1 != place.name:
        parts.append(place.admin1)
    if place.feature != "country" and place.country_code:
        country = country_name(place.country_code)
        if country:
            parts.append(country)
    return ", ".join(parts)
