"""The one interface every event store honours (SQLite file or PostgreSQL + PostGIS).

The CLI, the dashboard and the pipeline only talk to ``Store``; ``open_store`` picks the
back end from ``--db`` (a path, or a ``postgresql://`` URL).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol, Self

from eventmap.model import Document, Event


@dataclass(frozen=True, slots=True)
class EventFilter:
    """What the user narrowed the events to; shared by the CLI, the dashboard and exports."""

    since: dt.date | None = None
    until: dt.date | None = None
    event_types: tuple[str, ...] = ()
    sub_event_types: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # ISO alpha-2 codes
    admin1: tuple[str, ...] = ()
    text: str | None = None  # substring of quote, place, actors, source title
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    min_confidence: float = 0.0
    reviewed_only: bool = False
    doc_id: str | None = None
    ids: tuple[str, ...] = ()
    limit: int | None = None
    offset: int = 0


@dataclass(slots=True)
class StoredMention:
    """A place mention of a document, as stored (gazetteer-independent)."""

    doc_id: str
    start: int
    end: int
    text: str
    name: str
    latitude: float
    longitude: float
    country_code: str
    geonameid: int | None = None
    admin1: str | None = None
    feature: str = "city"
    confidence: float = 0.0
    alternatives: list[dict[str, Any]] = field(default_factory=list)


class Store(Protocol):
    """An event store. Every write is one transaction: all of it is kept, or none."""

    url: str

    def ingest(
        self, document: Document, mentions: Iterable[StoredMention], events: Iterable[Event]
    ) -> bool:
        """Store a document with its mentions and events; False if the document was already there."""

    def add_events(self, events: Iterable[Event]) -> int:
        """Store imported events (no document text); returns how many were new."""

    def has_document(self, doc_id: str) -> bool: ...

    def get_document(self, doc_id: str) -> Document | None: ...

    def documents(self) -> Iterator[Document]: ...

    def mentions(self, doc_id: str) -> list[StoredMention]: ...

    def get_event(self, event_id: str) -> Event | None: ...

    def query(self, flt: EventFilter = EventFilter()) -> Iterator[Event]:
        """Events matching the filter, newest first; corrections applied, deletions hidden."""

    def count(self, flt: EventFilter = EventFilter()) -> int: ...

    def correct(self, event_id: str, **changes: Any) -> Event:
        """Record a person's correction (place, coordinates, date, types…) and mark reviewed."""

    def delete_event(self, event_id: str) -> None:
        """Record a person's deletion: the event stays hidden whatever re-runs do."""

    def facets(self, flt: EventFilter = EventFilter()) -> dict[str, Any]:
        """Counts per event_type, sub_event_type, country_code and admin1, the total and
        date_min/date_max of what the filter leaves (computed in the database)."""

    def daily_counts(self, flt: EventFilter = EventFilter()) -> list[tuple[dt.date, str, int]]:
        """(date, event_type, n) for the timeline, by date then type."""

    def stream_properties(
        self, flt: EventFilter = EventFilter()
    ) -> Iterator[tuple[float, float, dict[str, Any]]]:
        """(longitude, latitude, Event.to_properties()) per event, streamed: the export path."""

    def stream_features(self, flt: EventFilter = EventFilter()) -> Iterator[str]:
        """One GeoJSON Feature per event as JSON text, built by the database: the fastest
        export (parsed, each is the Feature of ``Event.to_properties()``)."""

    def restore_event(self, event_id: str) -> None:
        """Undo a person's deletion."""

    def correction(self, event_id: str) -> dict[str, Any] | None:
        """A person's correction as stored (the fields set, deleted, who, corrected_at)."""

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...
