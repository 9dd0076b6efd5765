"""Writing events for other tools: GeoJSON (QGIS, kepler.gl), CSV (spreadsheets), KML
(Google Earth) and a standalone HTML map.

Every writer takes an iterable of events and a text stream or a path, writes the events
one by one as it reads them (the HTML map stops at its cap), and returns how many it
wrote. folium and simplekml load only when their format is asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from eventmap.export._output import Target
from eventmap.export.csv import write_csv
from eventmap.export.geojson import write_feature_texts, write_geojson
from eventmap.model import Event

Writer = Callable[..., int]


def write_kml(events: Iterable[Event], out: Target, **options: Any) -> int:
    """KML for Google Earth (see ``eventmap.export.kml``)."""
    from eventmap.export.kml import write_kml as write

    return write(events, out, **options)


def write_html_map(events: Iterable[Event], out: Target, **options: Any) -> int:
    """A standalone HTML map (see ``eventmap.export.html_map``)."""
    from eventmap.export.html_map import write_html_map as write

    return write(events, out, **options)


FORMATS: dict[str, Writer] = {
    "geojson": write_geojson,
    "csv": write_csv,
    "kml": write_kml,
    "html": write_html_map,
}
EXTENSIONS: dict[str, str] = {"geojson": ".geojson", "csv": ".csv", "kml": ".kml", "html": ".html"}

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "Target",
    "write_csv",
    "write_feature_texts",
    "write_geojson",
    "write_html_map",
    "write_kml",
]
