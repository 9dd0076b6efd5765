"""EventFilter ⇄ URL query parameters, so a view of the dashboard can be shared by its link.

Pure functions (no Streamlit): the same names as the CLI's options where they exist.
Unknown or malformed parameters are dropped rather than failing: a hand-edited link should
still open a page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import replace

from eventmap.model import EVENT_TYPES
from eventmap.store.base import EventFilter

# query parameter -> EventFilter field, for the list-valued ones
LIST_PARAMS: dict[str, str] = {
    "type": "event_types",
    "sub": "sub_event_types",
    "country": "countries",
    "admin1": "admin1",
}


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _as_list(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [v for v in value if v]


def filter_to_params(flt: EventFilter) -> dict[str, str | list[str]]:
    """The query parameters of a filter; defaults are left out so links stay short."""
    params: dict[str, str | list[str]] = {}
    if flt.since:
        params["since"] = flt.since.isoformat()
    if flt.until:
        params["until"] = flt.until.isoformat()
    for key, name in LIST_PARAMS.items():
        values = getattr(flt, name)
        if values:
            params[key] = list(values)
    if flt.text:
        params["q"] = flt.text
    if flt.min_confidence > 0:
        params["minconf"] = f"{flt.min_confidence:g}"
    if flt.reviewed_only:
        params["reviewed"] = "1"
    return params


def params_to_filter(params: Mapping[str, str | Sequence[str]]) -> EventFilter:
    """Read a filter back from query parameters (repeated keys give lists)."""

    def first(key: str) -> str | None:
        values = _as_list(params.get(key))
        return values[-1] if values else None

    flt = EventFilter(since=_day(first("since")), until=_day(first("until")))
    lists = {name: tuple(dict.fromkeys(_as_list(params.get(key))))
             for key, name in LIST_PARAMS.items()}
    flt = replace(
        flt,
        event_types=tuple(t for t in lists["event_types"] if t in EVENT_TYPES),
        sub_event_types=lists["sub_event_types"],
        countries=tuple(dict.fromkeys(c.upper() for c in lists["countries"] if len(c) == 2)),
        admin1=lists["admin1"],
    )
    text = (first("q") or "").strip()
    if text:
        flt = replace(flt, text=text)
    try:
        conf = float(first("minconf") or 0)
    except ValueError:
        conf = 0.0
    if 0 < conf <= 1:
        flt = replace(flt, min_confidence=conf)
    if first("reviewed") in {"1", "true", "yes"}:
        flt = replace(flt, reviewed_only=True)
    if flt.since and flt.until and flt.since > flt.until:
        flt = replace(flt, since=flt.until, until=flt.since)
    return flt


def describe(flt: EventFilter) -> str:
    """One line a person can read, e.g. for captions and export file names."""
    parts = []
    if flt.since or flt.until:
        parts.append(f"{flt.since or '…'} – {flt.until or '…'}")
    if flt.event_types:
        parts.append(", ".join(flt.event_types))
    if flt.sub_event_types:
        parts.append(", ".join(flt.sub_event_types))
    if flt.countries:
        parts.append(", ".join(flt.countries))
    if flt.admin1:
        parts.append(", ".join(flt.admin1))
    if flt.text:
        parts.append(f"“{flt.text}”")
    if flt.min_confidence:
        parts.append(f"confidence ≥ {flt.min_confidence:g}")
    if flt.reviewed_only:
        parts.append("reviewed only")
    return "; ".join(parts) or "all events"
