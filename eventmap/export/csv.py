"""CSV export for spreadsheets: the schema's fields as columns, plus latitude and longitude.

Column names are the schema's own (they already match ACLED's where ACLED has the field:
event_type, sub_event_type, fatalities, admin1, geo_precision, time_precision, latitude,
longitude); ``actors`` is joined with ``"; "`` as ACLED joins associated actors.

Text from the open web may start with ``=``, ``+``, ``-`` or ``@``, which Excel and
LibreOffice run as a formula (``=HYPERLINK(...)`` exfiltration). Such text cells get a
leading apostrophe (OWASP's advice); numeric columns are written as plain numbers.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any

from eventmap.export._output import Target, text_output
from eventmap.model import PROPERTY_NAMES, Event

COLUMNS: tuple[str, ...] = (*PROPERTY_NAMES, "latitude", "longitude")
NUMERIC_COLUMNS = frozenset(
    {
        "time_precision",
        "fatalities",
        "geonameid",
        "geo_precision",
        "confidence",
        "latitude",
        "longitude",
    }
)
ACTOR_SEPARATOR = "; "
# Leading characters a spreadsheet may treat as a formula, including full-width forms.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_BATCH = 2000


def defuse(text: str) -> str:
    """Prefix an apostrophe to text a spreadsheet would run as a formula."""
    if text and text.startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def _cell(name: str, value: Any) -> Any:
    if value is None:
        return ""
    if name in NUMERIC_COLUMNS:
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = ACTOR_SEPARATOR.join(str(v) for v in value)
    return defuse(str(value))


def csv_row_generic(event: Event) -> list[Any]:
    """One event as a CSV row, through ``to_properties`` (the reference for ``csv_row``)."""
    props = event.to_properties()
    props["latitude"] = round(event.latitude, 6)
    props["longitude"] = round(event.longitude, 6)
    return [_cell(name, props[name]) for name in COLUMNS]


def _text(value: str | None) -> str:
    return "" if value is None else defuse(value)


def _number(value: Any) -> Any:
    return "" if value is None else value


def csv_row(e: Event) -> list[Any]:
    """One event as a CSV row in ``COLUMNS`` order, without building the properties dict.

    The hot loop of a CSV export; equal to ``csv_row_generic`` (a test checks it).
    """
    if type(e.reviewed) is not bool or not all(type(a) is str for a in e.actors):
        return csv_row_generic(e)
    return [
        _text(e.id),
        e.date.isoformat(),
        _number(e.time_precision),
        _text(e.event_type),
        _text(e.sub_event_type),
        defuse(ACTOR_SEPARATOR.join(e.actors)),
        _number(e.fatalities),
        _text(e.place),
        _text(e.mention),
        _number(e.geonameid),
        _text(e.country_code),
        _text(e.admin1),
        _number(e.geo_precision),
        round(float(e.confidence), 4),
        _text(e.quote),
        _text(e.doc_id),
        _text(e.source_title),
        _text(e.source_url),
        e.published.isoformat() if e.published else "",
        _text(e.language),
        "true" if e.reviewed else "false",
        round(e.latitude, 6),
        round(e.longitude, 6),
    ]


def write_csv(events: Iterable[Event], out: Target) -> int:
    """Write a header and one row per event to a stream or path; returns the count."""
    count = 0
    with text_output(out) as stream:
        writer = csv.writer(stream)
        writer.writerow(COLUMNS)
        batch: list[list[Any]] = []
        for event in events:
            batch.append(csv_row(event))
            count += 1
            if len(batch) >= _BATCH:
                writer.writerows(batch)
                batch.clear()
        writer.writerows(batch)
    return count
