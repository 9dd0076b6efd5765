"""The Python API for batch work: the same operations as the command line, as functions.

    import eventmap
    ex = eventmap.extract("Hier soir, une roquette est tombée sur Bagdad…", published="2021-12-09")
    summary = eventmap.ingest(["articles/"], db="events.sqlite")
    eventmap.export_events("out.geojson", db="events.sqlite", since=dt.date(2021, 1, 1))
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from eventmap.pipeline import Extraction, IngestSummary, ingest_documents, process
from eventmap.store.base import EventFilter

EXPORT_FORMATS = ("geojson", "csv", "kml", "html")


def as_date(value: str | dt.date | None) -> dt.date | None:
    """Accept a date or an ISO ``YYYY-MM-DD`` string (what users type)."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        from eventmap.errors import BadInput

        raise BadInput(str(value), "not a date in the form YYYY-MM-DD") from None


def extract(
    text: str,
    *,
    published: str | dt.date | None = None,
    language: str | None = None,
    title: str | None = None,
    url: str | None = None,
    focus_countries: Sequence[str] = (),
) -> Extraction:
    """Places, dates and events of one text, without storing anything.

    ``focus_countries`` (ISO alpha-2 codes) favours places in the countries you work on."""
    from eventmap.sources import read_text
    from gazetteer import default_gazetteer

    doc = read_text(text, title=title, url=url, published=as_date(published))
    if language:
        doc.language = language
    return process(doc, default_gazetteer().focused(focus_countries))


def ingest(
    inputs: Iterable[str],
    *,
    db: str | None = None,
    published: str | dt.date | None = None,
    allow_private: bool = False,
    focus_countries: Sequence[str] = (),
    places: Sequence[str | Path] = (),
    online: bool | str = False,
) -> IngestSummary:
    """Read files, folders, URLs or ``-``; extract their events; store them.

    ``focus_countries`` (ISO alpha-2 codes) favours places in the countries you work on,
    and keeps events at villages no gazetteer knows at that country's level (with one);
    ``places``: your own places files (CSV as written by ``eventmap places``, or GeoJSON);
    ``online``: a geocoder for the names the offline gazetteer lacks (``True`` for the
    public Nominatim, a self-hosted Nominatim's URL or ``"photon:URL"``), off by default."""
    from eventmap.sources import FetchPolicy, read_inputs
    from eventmap.store import open_store

    gazetteer = gazetteer_for(places, focus_countries, online=online)
    policy = FetchPolicy(allow_private=allow_private)
    with open_store(db) as store:
        docs = read_inputs(list(inputs), published=as_date(published), policy=policy)
        return ingest_documents(docs, store, gazetteer)


def gazetteer_for(places: Sequence[str | Path] = (), focus_countries: Sequence[str] = (),
                  online: bool | str = False) -> Any:
    """``default_gazetteer()``, or one with the same settings plus the user's places files
    (and the online fallback when ``online`` names one).

    Why a new instance: the process-wide one is built without extra places and shared;
    extra places change the index (its fingerprint hashes each file), built once into the
    same cache directory and loaded from there on later runs. Each file is read first, so
    a missing or unreadable one fails at once, naming it, before any index is built.
    """
    from eventmap.imports.places import check_places_file
    from gazetteer import Gazetteer, default_gazetteer
    from gazetteer.online import polite_delay

    if not places and not online:
        return default_gazetteer().focused(focus_countries)
    for path in places:
        check_places_file(path)
    return Gazetteer(extra_places=list(places), online=online,
                     online_delay=polite_delay(online)).focused(focus_countries)


def write_events(events: Iterable[Any], fmt: str, out: IO[str], **options: Any) -> int:
    """Write events in one of ``EXPORT_FORMATS`` to a text stream; returns the count.

    ``options`` go to the format's writer (e.g. ``tiles=`` for the HTML map)."""
    from eventmap.export import FORMATS as writers

    if fmt not in writers:
        from eventmap.errors import BadInput

        raise BadInput(fmt, f"unknown export format (choose from {', '.join(EXPORT_FORMATS)})")
    return writers[fmt](events, out, **options)


def export_events(
    path: str | Path | None,
    *,
    fmt: str = "geojson",
    db: str | None = None,
    flt: EventFilter | None = None,
    options: Mapping[str, Any] | None = None,
    **filters: Any,
) -> int:
    """Write the stored events matching the filter to ``path`` (``None``/``-``: stdout).

    ``options`` go to the format's writer (``{"tiles": url}`` for the HTML map). Returns the
    number of events written.
    """
    from eventmap.store import open_store

    flt = flt or EventFilter(**filters)
    with open_store(db) as store:
        if path in (None, "-"):
            return write_stored(store, flt, fmt, sys.stdout, **(options or {}))
        target = Path(path)
        tmp = target.with_name(target.name + ".part")
        try:
            with tmp.open("w", encoding="utf-8", newline="") as out:
                count = write_stored(store, flt, fmt, out, **(options or {}))
            tmp.replace(target)  # a failed export never leaves half a file under the real name
        finally:
            tmp.unlink(missing_ok=True)
    return count


def write_stored(store: Any, flt: EventFilter, fmt: str, out: IO[str], **options: Any) -> int:
    """Write the stored events matching ``flt``; GeoJSON takes the store's fast path.

    The database builds each Feature's JSON itself (``Store.stream_features``), which
    exports a million events in seconds and constant memory; every other format goes
    through the writers of ``eventmap.export``.
    """
    if fmt == "geojson" and not options and hasattr(store, "stream_features"):
        from eventmap.export import write_feature_texts

        return write_feature_texts(store.stream_features(flt), out)
    return write_events(store.query(flt), fmt, out, **options)
