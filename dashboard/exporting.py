"""Exports of exactly what the filters show, written by eventmap's own writers."""

from __future__ import annotations

import io

from eventmap.store.base import EventFilter, Store

# format -> (label, file extension, MIME type)
FORMATS: dict[str, tuple[str, str, str]] = {
    "geojson": ("GeoJSON", "geojson", "application/geo+json"),
    "csv": ("CSV", "csv", "text/csv"),
    "kml": ("KML", "kml", "application/vnd.google-earth.kml+xml"),
    "html": ("Standalone HTML map", "html", "text/html"),
}


def export_bytes(store: Store, flt: EventFilter, fmt: str) -> bytes:
    """The file's bytes: the same filter as the map, without the table's row limit."""
    # Article text is untrusted: the writers escape it (HTML, and Jinja for folium's map).
    from eventmap.api import write_stored

    out = io.StringIO()
    write_stored(store, flt, fmt, out)
    return out.getvalue().encode("utf-8")


def file_name(flt: EventFilter, fmt: str) -> str:
    span = ""
    if flt.since or flt.until:
        span = f"_{flt.since or 'start'}_{flt.until or 'end'}"
    return f"eventmap{span}.{FORMATS[fmt][1]}"
