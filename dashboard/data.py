"""Everything the pages read or write goes through here, and only through eventmap's API.

The store is opened once per process (``st.cache_resource``); query results are cached per
(database, revision, filter) with ``st.cache_data``, and every write the dashboard makes bumps
the revision, so a correction shows at once while a pan or a rerun costs nothing.
Events written by other processes (the CLI) appear in counts after ``CACHE_TTL`` seconds and
on the map after ``STREAM_TTL``; the sidebar's "Reload from the store" shows them at once.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.mapview import ALL_TYPES
from eventmap.model import EVENT_TYPES, Event
from eventmap.store.base import EventFilter, Store

CACHE_TTL = 60  # seconds; writes made through the dashboard invalidate at once
STREAM_TTL = 600  # the big undated frame behind the map (other processes' writes show later)
TABLE_LIMIT = 2_000  # rows sent to the table; exports always hold every filtered event
MAX_INDIVIDUAL_MARKERS = 20_000  # beyond this the map gets one marker per place and type
MAX_STREAMED = 150_000  # a filter's events (any date) kept in memory so dates change fast
MAX_STREAMED_VIEW = 50_000  # otherwise: beyond this, one marker per country (database counts)

COLUMNS = [
    "id", "date", "event_type", "sub_event_type", "place", "mention", "country_code", "admin1",
    "latitude", "longitude", "confidence", "reviewed", "fatalities", "actors", "quote",
    "doc_id", "source_title", "source_url",
]


def db_url() -> str | None:
    """The store the dashboard shows: ``EVENTMAP_DB`` (set by ``eventmap dashboard``)."""
    return os.environ.get("EVENTMAP_DB") or None


@st.cache_resource(show_spinner=False)
def _open(db: str | None) -> Store:
    from eventmap.store import open_store

    return open_store(db)


def store() -> Store:
    return _open(db_url())


@st.cache_resource(show_spinner=False)
def _revisions() -> dict[str, int]:
    return {}


def revision() -> int:
    """Changes whenever the dashboard wrote to the store; part of every cache key."""
    return _revisions().get(str(db_url()), 0)


def bump_revision() -> None:
    revs = _revisions()
    key = str(db_url())
    revs[key] = revs.get(key, 0) + 1


def events_to_frame(events: Iterable[Event]) -> pd.DataFrame:
    """A plain table of events with the columns the pages show (dates as ``datetime.date``)."""
    rows = [
        (
            e.id, e.date, e.event_type, e.sub_event_type, e.place, e.mention, e.country_code,
            e.admin1, e.latitude, e.longitude, float(e.confidence), bool(e.reviewed),
            e.fatalities, ", ".join(e.actors), e.quote, e.doc_id, e.source_title, e.source_url,
        )
        for e in events
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


@st.cache_data(ttl=CACHE_TTL, max_entries=64, show_spinner=False)
def _count(db: str | None, rev: int, flt: EventFilter) -> int:
    return store().count(flt)


def count(flt: EventFilter) -> int:
    return _count(db_url(), revision(), flt)


@st.cache_data(ttl=CACHE_TTL, max_entries=32, show_spinner=False)
def _frame(db: str | None, rev: int, flt: EventFilter) -> pd.DataFrame:
    return events_to_frame(store().query(flt))


def events(flt: EventFilter, limit: int | None = None) -> pd.DataFrame:
    """The filtered events, newest first (at most ``limit``)."""
    return _frame(db_url(), revision(), replace(flt, limit=limit) if limit else flt)


def unbounded(flt: EventFilter) -> EventFilter:
    """The same filter without its date range (the timeline shows the span in context)."""
    return replace(flt, since=None, until=None, limit=None, offset=0)


@dataclass(slots=True)
class Facets:
    """What the filter widgets offer: only values that occur in the store."""

    first: dt.date | None = None
    last: dt.date | None = None
    event_types: list[str] = field(default_factory=list)
    sub_event_types: dict[str, list[str]] = field(default_factory=dict)
    countries: list[str] = field(default_factory=list)
    admin1: dict[str, list[str]] = field(default_factory=dict)  # country -> divisions
    total: int = 0


def _facets_from_store(raw: dict[str, Any]) -> Facets:
    """Adapt ``Store.facets`` (counts per value, computed in the database)."""
    subs: dict[str, list[str]] = {}
    for sub in raw.get("sub_event_type") or {}:
        typ = _type_of_sub(sub)
        if typ:
            subs.setdefault(typ, []).append(sub)
    return Facets(
        first=_as_day(raw.get("date_min")),
        last=_as_day(raw.get("date_max")),
        event_types=[t for t in EVENT_TYPES if t in (raw.get("event_type") or {})],
        sub_event_types={k: sorted(v) for k, v in subs.items()},
        countries=sorted(raw.get("country_code") or {}),
        admin1={"": sorted(raw.get("admin1") or {})},
        total=int(raw.get("total") or 0),
    )


def _as_day(value: Any) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _type_of_sub(sub: str) -> str | None:
    from eventmap.model import SUB_EVENT_TYPES

    for typ, subs in SUB_EVENT_TYPES.items():
        if sub in subs:
            return typ
    return None


@st.cache_data(ttl=CACHE_TTL, max_entries=32, show_spinner=False)
def _raw_facets(db: str | None, rev: int, flt: EventFilter) -> dict[str, Any]:
    return store().facets(flt)


def raw_facets(flt: EventFilter) -> dict[str, Any]:
    """``Store.facets`` (counted in the database), cached: it scans every matching event."""
    return _raw_facets(db_url(), revision(), replace(flt, limit=None, offset=0))


def facets() -> Facets:
    """Values present in the whole store (the filter widgets' options)."""
    return _facets_from_store(raw_facets(EventFilter()))


def divisions(countries: tuple[str, ...]) -> list[str]:
    """First-level divisions present in the chosen countries (all when none is chosen)."""
    return sorted(raw_facets(EventFilter(countries=tuple(sorted(countries)))).get("admin1") or {})


@st.cache_data(ttl=CACHE_TTL, max_entries=32, show_spinner=False)
def _daily(db: str | None, rev: int, flt: EventFilter) -> pd.DataFrame:
    """Events per day and type, counted by the store."""
    rows = store().daily_counts(flt)
    return pd.DataFrame(
        [(_as_day(d), t, int(n)) for d, t, n in rows], columns=["date", "event_type", "count"]
    )


def daily_counts(flt: EventFilter) -> pd.DataFrame:
    return _daily(db_url(), revision(), flt)


@dataclass(slots=True)
class MapData:
    """What the map draws: one row per event, or one per place (or country) and type."""

    frame: pd.DataFrame
    aggregated: bool
    total: int
    level: str = "event"  # event | place | country


def aggregate_places(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per (coordinates, type) with how many events and their first/last day."""
    if frame.empty:
        return pd.DataFrame(
            columns=["latitude", "longitude", "event_type", "n", "place", "first", "last"]
        )
    grouped = frame.groupby(["latitude", "longitude", "event_type"], sort=False)
    return grouped.agg(
        n=("id", "size"), place=("place", "first"), first=("date", "min"), last=("date", "max")
    ).reset_index()


def properties_frame(rows: Iterable[tuple[float, float, dict[str, Any]]]) -> pd.DataFrame:
    """``Store.stream_properties`` rows as a frame (no Event objects: the fast path)."""
    keep = ("id", "date", "event_type", "sub_event_type", "place", "quote", "source_url",
            "source_title")
    lons, lats, cols = [], [], {k: [] for k in keep}  # type: ignore[var-annotated]
    for lon, lat, props in rows:
        lons.append(lon)
        lats.append(lat)
        for k in keep:
            cols[k].append(props.get(k))
    frame = pd.DataFrame(cols)
    frame["latitude"] = pd.Series(lats, dtype="float64")
    frame["longitude"] = pd.Series(lons, dtype="float64")
    return frame


def country_frame(raw: dict[str, Any]) -> pd.DataFrame:
    """One row per country from ``Store.facets`` counts, at the country's centre point.

    Types are not split per country by ``facets``, so these markers are "all types"
    (``event_type`` = ``ALL_TYPES``); filter a country or a shorter span to see places.
    """
    from countryinfo import CountryInfo

    rows = []
    for code, n in (raw.get("country_code") or {}).items():
        try:
            info = CountryInfo(code)
            lat, lon = info.latlng()[:2]
            name = info.name().title()
        except Exception:  # noqa: BLE001, S112 - countryinfo raises its own errors
            continue
        rows.append((float(lat), float(lon), ALL_TYPES, int(n), f"{name} ({code})",
                     _iso(raw.get("date_min")), _iso(raw.get("date_max"))))
    return pd.DataFrame(rows, columns=["latitude", "longitude", "event_type", "n", "place",
                                       "first", "last"])


def _iso(value: Any) -> str | None:
    day = _as_day(value)
    return day.isoformat() if day else None


@st.cache_data(ttl=STREAM_TTL, max_entries=4, show_spinner=False)
def _undated_frame(db: str | None, rev: int, flt: EventFilter) -> pd.DataFrame | None:
    """Every event of the filter whatever its date, or None when there are too many.

    Kept so that a change of dates — the timeline's brush, the play control — is a mask on
    this frame rather than a new scan of the store (inclusive bounds, as the store's).
    """
    s = store()
    if s.count(flt) > MAX_STREAMED:
        return None
    return properties_frame(s.stream_properties(flt))


def _in_dates(frame: pd.DataFrame, flt: EventFilter) -> pd.DataFrame:
    days = frame["date"]
    mask = pd.Series(True, index=frame.index)
    if flt.since:
        mask &= days >= flt.since.isoformat()
    if flt.until:
        mask &= days <= flt.until.isoformat()
    return frame[mask]


@st.cache_data(ttl=CACHE_TTL, max_entries=16, show_spinner=False)
def _map_data(db: str | None, rev: int, flt: EventFilter, max_markers: int) -> MapData:
    everything = _undated_frame(db, rev, unbounded(flt))
    if everything is None:
        total = store().count(flt)
        if total > MAX_STREAMED_VIEW:
            return MapData(country_frame(raw_facets(flt)), True, total, "country")
        frame = properties_frame(store().stream_properties(flt))
    else:
        frame = _in_dates(everything, flt)
    if len(frame) <= max_markers:
        return MapData(frame.reset_index(drop=True), False, len(frame))
    return MapData(aggregate_places(frame), True, len(frame), "place")


def map_data(flt: EventFilter, max_markers: int = MAX_INDIVIDUAL_MARKERS) -> MapData:
    return _map_data(db_url(), revision(), flt, max_markers)


def events_at(flt: EventFilter, lat: float, lon: float, eps: float = 1e-5) -> pd.DataFrame:
    """The filtered events at one point of the map (what a marker click shows beside it)."""
    box = (lon - eps, lat - eps, lon + eps, lat + eps)
    return events(replace(flt, bbox=box))


def get_event(event_id: str) -> Event | None:
    return store().get_event(event_id)


def correct(event_id: str, **changes: Any) -> Event:
    event = store().correct(event_id, **changes)
    bump_revision()
    return event


def delete(event_id: str) -> None:
    store().delete_event(event_id)
    bump_revision()
