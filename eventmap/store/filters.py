"""EventFilter → one SQL WHERE clause, the same for the CLI, the dashboard and exports.

Conditions apply to the corrected values (the ``View``). A condition on a correctable
column is written so the plain index still serves it: ``(raw condition OR id IN corrected
ids) AND corrected condition`` — the planner scans the index for the first part and checks
the few corrected events exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, or_, true

from eventmap.errors import BadInput
from eventmap.store.base import EventFilter
from eventmap.store.corrections import View

# (events table, west, south, east, north) → an index-friendly condition on raw coordinates.
BoxClause = Callable[[Table, float, float, float, float], ColumnElement[bool]]
# (JSON list column, value) → "the list holds value".
JsonContains = Callable[[ColumnElement[Any], str], ColumnElement[bool]]

# Past this many corrected events, conditions use the corrected values alone (no index trick).
MAX_LISTED_CORRECTIONS = 2000


def check_filter(flt: EventFilter) -> None:
    """Reject a filter that cannot mean anything, naming the field (BadInput)."""
    if flt.since and flt.until and flt.since > flt.until:
        raise BadInput("filter", f"since {flt.since} is after until {flt.until}")
    if flt.bbox is not None:
        if len(flt.bbox) != 4:
            raise BadInput("bbox", "needs west, south, east, north")
        west, south, east, north = flt.bbox
        if not (-90 <= south <= north <= 90 and -180 <= west <= 180 and -180 <= east <= 180):
            raise BadInput("bbox", f"not a WGS 84 box (west, south, east, north): {flt.bbox}")
    if flt.limit is not None and flt.limit < 0 or flt.offset < 0:
        raise BadInput("filter", "limit and offset must not be negative")


def like_pattern(needle: str) -> str:
    escaped = needle.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _lon_range(col: ColumnElement[float], west: float, east: float) -> ColumnElement[bool]:
    if west <= east:
        return col.between(west, east)
    return or_(col >= west, col <= east)  # the box crosses the antimeridian


def where_clause(
    flt: EventFilter,
    view: View,
    corrected_ids: Sequence[str],
    box: BoxClause,
    json_contains: JsonContains,
) -> ColumnElement[bool]:
    check_filter(flt)
    e = view.tables.events
    col = view.columns
    listed = view.joined and len(corrected_ids) <= MAX_LISTED_CORRECTIONS
    parts: list[ColumnElement[bool]] = [view.visible]

    def on_corrected(raw: ColumnElement[bool], eff: ColumnElement[bool]) -> None:
        if not view.joined:
            parts.append(raw)
        elif listed:
            parts.append(or_(raw, e.c.id.in_(list(corrected_ids))) if corrected_ids else raw)
            parts.append(eff)
        else:
            parts.append(eff)

    if flt.since:
        on_corrected(e.c.date >= flt.since, col["date"] >= flt.since)
    if flt.until:
        on_corrected(e.c.date <= flt.until, col["date"] <= flt.until)
    if flt.event_types:
        types = list(flt.event_types)
        on_corrected(e.c.event_type.in_(types), col["event_type"].in_(types))
    if flt.sub_event_types:
        subs = list(flt.sub_event_types)
        on_corrected(e.c.sub_event_type.in_(subs), col["sub_event_type"].in_(subs))
    if flt.countries:
        codes = [c.upper() for c in flt.countries]
        on_corrected(e.c.country_code.in_(codes), col["country_code"].in_(codes))
    if flt.admin1:
        names = list(flt.admin1)
        on_corrected(e.c.admin1.in_(names), col["admin1"].in_(names))
    if flt.bbox is not None:
        west, south, east, north = (float(v) for v in flt.bbox)
        eff = and_(col["latitude"].between(south, north), _lon_range(col["longitude"], west, east))
        on_corrected(box(e, west, south, east, north), eff)
    if flt.text and flt.text.strip():
        parts.append(col["search_text"].like(like_pattern(flt.text.strip()), escape="\\"))
    if flt.min_confidence:
        parts.append(e.c.confidence >= float(flt.min_confidence))
    if flt.reviewed_only:
        parts.append(col["reviewed"] == true())
    if flt.doc_id:
        parts.append(or_(e.c.doc_id == flt.doc_id, json_contains(e.c.sources, flt.doc_id)))
    if flt.ids:
        parts.append(e.c.id.in_(list(flt.ids)))
    return and_(true(), *parts)


def latlon_box(e: Table, west: float, south: float, east: float, north: float) -> ColumnElement[bool]:
    """Box on raw latitude/longitude columns (served by the (latitude, longitude) index)."""
    return and_(e.c.latitude.between(south, north), _lon_range(e.c.longitude, west, east))
