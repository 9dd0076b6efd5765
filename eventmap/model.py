"""The records that flow through eventmap: documents and events.

``Event`` mirrors the public contract in EVENT_SCHEMA.md: ``to_properties`` and
``from_properties`` are the one place where the schema's field names live, so the
store, every export and every import stay in step.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, fields, replace
from typing import Any

EVENT_TYPES: tuple[str, ...] = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)

SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}


def text_id(text: str) -> str:
    """Stable id of a text: the same normalised text always gives the same id."""
    normalised = " ".join(text.split()).casefold()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Document:
    """One source text with its provenance."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    language: str = "und"
    published: dt.date | None = None
    published_inferred: bool = False
    kind: str = "text"  # text | markdown | html | feed-item | stdin
    path: str | None = None

    @classmethod
    def from_text(cls, text: str, **meta: Any) -> Document:
        return cls(id=text_id(text), text=text, **meta)


@dataclass(slots=True)
class Event:
    """One event: what happened, where, when, read from one sentence (or imported)."""

    id: str
    date: dt.date
    event_type: str
    latitude: float
    longitude: float
    place: str
    country_code: str
    time_precision: int = 1
    sub_event_type: str | None = None
    actors: list[str] = field(default_factory=list)
    fatalities: int | None = None
    mention: str = ""
    geonameid: int | None = None
    admin1: str | None = None
    geo_precision: int = 1
    confidence: float = 1.0
    quote: str = ""
    doc_id: str = ""
    source_title: str | None = None
    source_url: str | None = None
    published: dt.date | None = None
    language: str = "und"
    reviewed: bool = False
    # Provenance beyond the public properties (kept in the store, not in exports).
    start: int | None = None
    end: int | None = None
    sources: list[str] = field(default_factory=list)  # other doc ids reporting the same event
    origin: str = "pipeline"  # pipeline | acled | gdelt | geojson | manual

    def to_properties(self) -> dict[str, Any]:
        """The GeoJSON ``properties`` of this event, exactly as EVENT_SCHEMA.md names them."""
        return {
            "id": self.id,
            "date": self.date.isoformat(),
            "time_precision": self.time_precision,
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "actors": list(self.actors),
            "fatalities": self.fatalities,
            "place": self.place,
            "mention": self.mention,
            "geonameid": self.geonameid,
            "country_code": self.country_code,
            "admin1": self.admin1,
            "geo_precision": self.geo_precision,
            "confidence": round(float(self.confidence), 4),
            "quote": self.quote,
            "doc_id": self.doc_id,
            "source_title": self.source_title,
            "source_url": self.source_url,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "reviewed": self.reviewed,
        }

    @classmethod
    def from_properties(cls, props: dict[str, Any], longitude: float, latitude: float) -> Event:
        """Rebuild an event from schema properties (the inverse of ``to_properties``)."""
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in props.items() if k in known}
        values["date"] = dt.date.fromisoformat(str(props["date"]))
        pub = props.get("published")
        values["published"] = dt.date.fromisoformat(str(pub)) if pub else None
        values["actors"] = list(props.get("actors") or [])
        values["latitude"] = float(latitude)
        values["longitude"] = float(longitude)
        return cls(**values)

    def with_changes(self, **changes: Any) -> Event:
        return replace(self, **changes)


PROPERTY_NAMES: tuple[str, ...] = tuple(
    Event(
        id="", date=dt.date(2000, 1, 1), event_type="", latitude=0, longitude=0, place="",
        country_code="",
    ).to_properties()
)


def event_id(
    date: dt.date, place_key: str, event_type: str, sub_event_type: str | None = None
) -> str:
    """Id of an extracted event: one per day, place and type (ACLED's unit of an event).

    The same event reported by two documents gets the same id, so the store merges them
    into one event with several sources; the same text run twice gives the same ids.
    """
    key = f"{date.isoformat()}|{place_key}|{event_type}|{sub_event_type or ''}"
    return "ev-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
