"""A person's corrections: checked on the way in, laid over the pipeline's values on the way out.

Corrections live in their own table and are never written by the pipeline, so no re-run
can overwrite them. Reading applies them in SQL (``COALESCE(correction, pipeline)``), so
filters, counts, facets and the timeline all see the corrected values. When a store has
no corrections at all, the join is left out and the plain indexes serve every query.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, ColumnElement, FromClause, false, func, or_, true, type_coerce

from eventmap.errors import BadInput
from eventmap.model import EVENT_TYPES, SUB_EVENT_TYPES
from eventmap.store.rows import EVENT_FIELDS, search_text
from eventmap.store.schema import Tables

CORRECTABLE: tuple[str, ...] = (
    "date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "place",
    "latitude",
    "longitude",
    "country_code",
    "admin1",
    "geonameid",
    "geo_precision",
    "fatalities",
    "actors",
)


def _precision(name: str, v: Any) -> int:
    if v not in (1, 2, 3) or isinstance(v, bool):
        raise BadInput(name, f"must be 1, 2 or 3, not {v!r}")
    return int(v)


def check_changes(changes: dict[str, Any], current_type: str) -> dict[str, Any]:
    """Validated correction values (column → value); BadInput names the first bad field."""
    unknown = sorted(set(changes) - set(CORRECTABLE))
    if unknown:
        raise BadInput(unknown[0], f"not a correctable field (correctable: {', '.join(CORRECTABLE)})")
    out: dict[str, Any] = {}
    for name, value in changes.items():
        if value is None:
            raise BadInput(name, "a correction cannot clear a field (give a value)")
        if name == "date":
            if isinstance(value, str):
                try:
                    value = dt.date.fromisoformat(value)
                except ValueError:
                    raise BadInput(name, f"not a YYYY-MM-DD date: {value!r}") from None
            if isinstance(value, dt.datetime):
                value = value.date()
            if not isinstance(value, dt.date):
                raise BadInput(name, f"not a date: {value!r}")
        elif name in ("time_precision", "geo_precision"):
            value = _precision(name, value)
        elif name == "latitude" or name == "longitude":
            limit = 90.0 if name == "latitude" else 180.0
            try:
                value = float(value)
            except (TypeError, ValueError):
                raise BadInput(name, f"not a number: {value!r}") from None
            if not -limit <= value <= limit:
                raise BadInput(name, f"out of range ±{limit:g}: {value}")
        elif name in ("geonameid", "fatalities"):
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise BadInput(name, f"not a non-negative integer: {value!r}")
        elif name == "actors":
            if isinstance(value, str) or not all(isinstance(a, str) for a in value):
                raise BadInput(name, "must be a list of strings")
            value = list(value)
        elif not isinstance(value, str) or not value.strip():
            raise BadInput(name, f"must be a non-empty string: {value!r}")
        out[name] = value
    etype = out.get("event_type", current_type)
    if "event_type" in out and etype not in EVENT_TYPES:
        raise BadInput("event_type", f"not one of ACLED's types: {etype!r}")
    sub = out.get("sub_event_type")
    if sub is not None and etype in SUB_EVENT_TYPES and sub not in SUB_EVENT_TYPES[etype]:
        raise BadInput("sub_event_type", f"{sub!r} is not a sub-event type of {etype!r}")
    if "place" in out:
        out["search_text"] = search_text(out["place"])
    return out


@dataclass(frozen=True)
class View:
    """Effective (corrected) columns of events, named as Event fields, and the FROM they need."""

    columns: dict[str, ColumnElement[Any]]
    from_: FromClause
    visible: ColumnElement[bool]  # hides deleted events
    joined: bool
    tables: Tables

    def select_list(self) -> list[ColumnElement[Any]]:
        return [self.columns[name].label(name) for name in EVENT_FIELDS]


def make_view(t: Tables, with_corrections: bool) -> View:
    e, c = t.events, t.corrections
    cols: dict[str, ColumnElement[Any]] = {name: e.c[name] for name in EVENT_FIELDS}
    cols["search_text"] = e.c.search_text
    if not with_corrections:
        return View(cols, e, true(), False, t)
    for name in CORRECTABLE:
        cols[name] = func.coalesce(c.c[name], e.c[name], type_=e.c[name].type)
    cols["reviewed"] = type_coerce(or_(e.c.reviewed, c.c.event_id.is_not(None)), Boolean)
    cols["search_text"] = func.coalesce(c.c.search_text, "") + "\n" + func.coalesce(e.c.search_text, "")
    from_ = e.outerjoin(c, c.c.event_id == e.c.id)
    visible = or_(c.c.deleted.is_(None), c.c.deleted == false())
    return View(cols, from_, visible, True, t)

