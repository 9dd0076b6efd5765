"""Plain records returned by the gazetteer: a ``Place`` and a ``Mention`` of one in a text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

FEATURES = ("country", "admin1", "admin2", "city", "site")


@dataclass(frozen=True, slots=True)
class Place:
    """One entry of the gazetteer."""

    key: str  # stable internal key, e.g. "gn:98182" or "site:ain-al-asad"
    name: str
    lat: float
    lon: float
    country_code: str
    feature: str  # one of FEATURES
    geonameid: int | None = None
    admin1: str | None = None  # name of the first-level division
    population: int = 0
    source: str = "geonames"
    kind: str = ""  # finer than feature: "capital", "governorate", "airbase", "continent", "sea"...


@dataclass(slots=True)
class Mention:
    """A place named in a text, resolved to one ``Place`` (fields of the schema's place mention)."""

    text: str
    start: int
    end: int
    place: Place
    confidence: float
    alternatives: list[Place] = field(default_factory=list)
    # "toponym" for a place name, "demonym" for an adjective or people ("irakienne", "Iraqi").
    via: str = "toponym"

    name = property(lambda self: self.place.name)
    lat = property(lambda self: self.place.lat)
    lon = property(lambda self: self.place.lon)
    geonameid = property(lambda self: self.place.geonameid)
    country_code = property(lambda self: self.place.country_code)
    admin1 = property(lambda self: self.place.admin1)
    feature = property(lambda self: self.place.feature)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of ``eventmap geoparse --format json`` (EVENT_SCHEMA.md)."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "lat": round(self.lat, 6),
            "lon": round(self.lon, 6),
            "geonameid": self.geonameid,
            "country_code": self.country_code,
            "admin1": self.admin1,
            "feature": self.feature,
            "confidence": round(self.confidence, 3),
        }
