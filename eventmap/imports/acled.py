"""ACLED CSV exports, in the current layout and in the 2016 layout, as events.

Current layout: ``event_id_cnty, event_date ("13 November 2020" or ISO), event_type,
sub_event_type, actor1, assoc_actor_1, actor2, assoc_actor_2, admin1..3, location,
latitude, longitude, geo_precision, time_precision, notes, fatalities, source, iso,
iso3, country…``. The 2016 layout has no ``sub_event_type``, calls associated actors
``ally_actor_*``, and uses the old event types ("Battle-No change of territory",
"Remote violence", "Riots/Protests"…), mapped to the current six types and 25 sub-types
by ``data/formats/acled_old_types.csv`` (``Riots/Protests`` is split by ACLED's own
actor codes: rioters → Riots, protesters → Protests).

Columns are found by name, so their order and extra columns do not matter.

Policy: row-level rejection, not all-or-nothing (see ``eventmap.imports.result``). A row
with a bad date, missing or out-of-range coordinates, the wrong number of columns, an
unknown type or country is rejected with the line it starts on (a quoted ``notes`` field
may span lines) and the reason; all other rows are imported.

Each event: id ``acled-<event_id_cnty>`` (``data_id`` when there is none), ``doc_id``
and ``origin`` ``"acled"``, ``quote`` = ``notes``, ``place`` and ``mention`` =
``location``, ``source_title`` = ACLED's ``source``, confidence 1.0 (coded by people),
language ``en`` (ACLED writes its notes in English).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
from collections.abc import Iterator

from eventmap.errors import BadInput
from eventmap.imports._input import (
    Source,
    has_bad_bytes,
    open_source,
    parse_coordinates,
    parse_optional_int,
    parse_precision,
)
from eventmap.imports.result import ImportResult, Outcome, Rejected, RowError
from eventmap.imports.tables import TypeMapping, acled_old_types, country_code
from eventmap.model import EVENT_TYPES, SUB_EVENT_TYPES, Event

REQUIRED_COLUMNS = ("event_date", "event_type", "latitude", "longitude")
ACLED_CONFIDENCE = 1.0
_DATE_FORMATS = ("%d %B %Y", "%d %b %Y", "%d-%B-%Y", "%d-%b-%Y", "%d/%m/%Y")


def read_acled(source: Source, *, name: str | None = None) -> ImportResult:
    """Read an ACLED CSV export (path or text stream); the layout is told by its header.

    Raises ``BadInput`` at once when the file is missing or is not an ACLED export.
    """
    stream, close, label = open_source(source, name)
    reader = csv.reader(stream)
    try:
        header = [h.strip().lstrip("\ufeff") for h in next(reader)]
    except StopIteration:
        close()
        raise BadInput(label, "empty file: no ACLED header row") from None
    except csv.Error as exc:
        close()
        raise BadInput(label, f"not a readable CSV file ({exc})", line=1) from None
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        close()
        raise BadInput(label, f"not an ACLED export: no column {', '.join(missing)}", line=1)
    layout = "current" if "sub_event_type" in header else "2016"
    return ImportResult(label, f"acled {layout}", _rows(reader, header), close)


def _rows(reader: Iterator[list[str]], header: list[str]) -> Iterator[Outcome]:
    width = len(header)
    line_num = reader.line_num  # type: ignore[attr-defined]
    while True:
        start = line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            line_num = reader.line_num  # type: ignore[attr-defined]
            yield Rejected(start, f"malformed CSV: {exc}")
            continue
        line_num = reader.line_num  # type: ignore[attr-defined]
        if not row:
            continue  # a blank line is no row
        if has_bad_bytes("".join(row)):
            yield Rejected(start, "not UTF-8 text: the row holds bytes of another encoding")
            continue
        if len(row) != width:
            yield Rejected(start, f"wrong column count: {len(row)} columns, the header has {width}")
            continue
        try:
            yield acled_event(dict(zip(header, row)))
        except RowError as exc:
            yield Rejected(start, str(exc))


@functools.lru_cache(maxsize=8192)
def parse_acled_date(text: str) -> dt.date:
    """ACLED's dates: ``13 November 2020``, ``2020-11-13``, ``13-November-2020``, ``13/11/2020``."""
    text = " ".join(text.split())
    if not text:
        raise RowError("bad date: empty event_date")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise RowError(f"bad date: {text[:40]!r}")


def _interaction(row: dict[str, str]) -> str:
    code = row.get("interaction", "").strip()
    if code:
        return code
    a, b = row.get("inter1", "").strip(), row.get("inter2", "").strip()
    if not a.isdigit():
        return ""
    if not b.isdigit() or b == "0":
        return f"{a}0"
    return "".join(sorted((a, b)))


def map_old_type(label: str, row: dict[str, str]) -> TypeMapping | None:
    """An old ACLED label (+ the row's actor codes) as current type and sub-type."""
    key = label.strip().casefold()
    table = acled_old_types()
    code = _interaction(row)
    if code and (key, code) in table:
        return table[(key, code)]
    for (old, rule), mapping in table.items():
        if old == key and rule.startswith("*") and rule[1:] in code:
            return mapping
    return table.get((key, ""))


def _types(row: dict[str, str]) -> tuple[str, str | None]:
    label = row["event_type"].strip()
    sub = row.get("sub_event_type", "").strip() or None
    if label in EVENT_TYPES:
        if sub is not None and sub not in SUB_EVENT_TYPES[label]:
            raise RowError(f"unknown sub_event_type: {sub!r} for {label!r}")
        return label, sub
    mapping = map_old_type(label, row)
    if mapping is None or mapping.event_type is None:
        raise RowError(f"unknown event_type: {label[:60]!r}")
    return mapping.event_type, mapping.sub_event_type


def _actors(row: dict[str, str]) -> list[str]:
    actors: list[str] = []
    for column in (
        "actor1",
        "assoc_actor_1",
        "ally_actor_1",
        "actor2",
        "assoc_actor_2",
        "ally_actor_2",
    ):
        for actor in row.get(column, "").split(";"):
            actor = " ".join(actor.split())
            if actor and actor not in actors:
                actors.append(actor)
    return actors


def acled_event(row: dict[str, str]) -> Event:
    """One ACLED row (column name → text) as an Event, or RowError saying why not."""
    ident = row.get("event_id_cnty", "").strip() or row.get("data_id", "").strip()
    if not ident:
        raise RowError("missing id: no event_id_cnty nor data_id")
    date = parse_acled_date(row["event_date"])
    event_type, sub_event_type = _types(row)
    lat, lon = parse_coordinates(row["latitude"], row["longitude"])
    code = country_code(row.get("iso3", ""), row.get("iso", ""), row.get("country", ""))
    if code is None:
        raise RowError(f"unknown country: {row.get('country', '')[:40]!r}")
    location = " ".join(row.get("location", "").split())
    place = location or next(
        (
            row[c].strip()
            for c in ("admin3", "admin2", "admin1", "country")
            if row.get(c, "").strip()
        ),
        "",
    )
    if not place:
        raise RowError("missing location")
    source = row.get("source", "").strip()
    return Event(
        id=f"acled-{ident}",
        date=date,
        event_type=event_type,
        latitude=lat,
        longitude=lon,
        place=place,
        country_code=code,
        time_precision=parse_precision(row.get("time_precision", ""), "time_precision"),
        sub_event_type=sub_event_type,
        actors=_actors(row),
        fatalities=parse_optional_int(row.get("fatalities", ""), "fatalities"),
        mention=location,
        admin1=row.get("admin1", "").strip() or None,
        geo_precision=parse_precision(row.get("geo_precision", ""), "geo_precision"),
        confidence=ACLED_CONFIDENCE,
        quote=row.get("notes", "").strip(),
        doc_id="acled",
        source_title=source or None,
        language="en",
        origin="acled",
    )
