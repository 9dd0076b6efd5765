"""Records ⇄ table rows: the one place that knows how an Event or Document sits in a row.

Column names are the record's field names, so the mapping is mostly identity; what is
here is the part that is not (JSON lists, the search text, dates as properties).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from eventmap.errors import BadInput
from eventmap.model import PROPERTY_NAMES, Document, Event
from eventmap.store.base import StoredMention

EVENT_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Event))
DOCUMENT_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Document))
MENTION_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(StoredMention))


def search_text(*parts: Any) -> str:
    """Case-folded text the free-text filter matches (Python's casefold: Unicode-aware,
    identical on SQLite and PostgreSQL, unlike SQL ``lower``)."""
    out: list[str] = []
    for part in parts:
        if not part:
            continue
        if isinstance(part, (list, tuple)):
            out.extend(str(p) for p in part if p)
        else:
            out.append(str(part))
    return "\n".join(out).casefold()


def event_search_text(e: Event) -> str:
    return search_text(e.quote, e.place, e.mention, e.actors, e.source_title)


def event_to_row(e: Event) -> dict[str, Any]:
    """The events row of ``e``; BadInput (naming the event) for coordinates off the globe,
    which would otherwise sit unnoticed in SQLite and break PostGIS's spatial index."""
    lat, lon = float(e.latitude), float(e.longitude)
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):  # also refuses NaN
        raise BadInput(f"event {e.id}", f"coordinates out of range: latitude {lat}, longitude {lon}")
    row = {name: getattr(e, name) for name in EVENT_FIELDS}
    row["actors"] = list(e.actors or [])
    row["sources"] = list(e.sources or [])
    row["confidence"] = float(e.confidence)
    row["latitude"] = lat
    row["longitude"] = lon
    row["search_text"] = event_search_text(e)
    return row


def tuple_to_event(values: Sequence[Any]) -> Event:
    """The Event of a row whose columns are EVENT_FIELDS in order (``query``'s hot path:
    positional, no per-row dict)."""
    ev = Event(*values)
    ev.actors = list(ev.actors or [])
    ev.sources = list(ev.sources or [])
    ev.reviewed = bool(ev.reviewed)
    return ev


def row_to_properties(row: Mapping[Any, Any]) -> dict[str, Any]:
    """Schema properties straight from a row: the export fast path skips building Events.

    Must equal ``tuple_to_event(row).to_properties()`` (a test checks it)."""
    props = {name: row[name] for name in PROPERTY_NAMES}
    props["date"] = props["date"].isoformat()
    published = props["published"]
    props["published"] = published.isoformat() if published else None
    props["actors"] = list(props["actors"] or [])
    props["confidence"] = round(float(props["confidence"]), 4)
    props["reviewed"] = bool(props["reviewed"])
    return props


def document_to_row(d: Document, ingested_at: dt.datetime) -> dict[str, Any]:
    row = {name: getattr(d, name) for name in DOCUMENT_FIELDS}
    row["ingested_at"] = ingested_at
    return row


def row_to_document(row: Mapping[Any, Any]) -> Document:
    values = {name: row[name] for name in DOCUMENT_FIELDS}
    values["published_inferred"] = bool(values["published_inferred"])
    return Document(**values)


def mention_to_row(m: StoredMention, doc_id: str) -> dict[str, Any]:
    row = {name: getattr(m, name) for name in MENTION_FIELDS}
    row["doc_id"] = m.doc_id or doc_id
    row["alternatives"] = list(m.alternatives or [])
    return row


def row_to_mention(row: Mapping[Any, Any]) -> StoredMention:
    values = {name: row[name] for name in MENTION_FIELDS}
    values["alternatives"] = list(values["alternatives"] or [])
    return StoredMention(**values)


def merge_sources(primary_doc: str, *lists: Iterable[str]) -> list[str]:
    """Other documents reporting an event: ordered, without duplicates or the primary one."""
    seen = {primary_doc}
    out: list[str] = []
    for lst in lists:
        for doc in lst:
            if doc and doc not in seen:
                seen.add(doc)
                out.append(doc)
    return out
