"""The filter sidebar and its two-way link with the URL query string.

On a session's first run the widgets start from ``st.query_params`` (a shared link); after
that the widgets are the truth and the query string is rewritten from them on every run,
so the address bar always holds the current view. Other parts of the page (the timeline's
brush, the play control) change the dates through ``set_dates`` in a callback.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import streamlit as st

from dashboard import data
from dashboard.filters import filter_to_params, params_to_filter
from eventmap.model import EVENT_TYPES, SUB_EVENT_TYPES
from eventmap.store.base import EventFilter

K_DATES, K_TYPES, K_SUBS = "f_dates", "f_types", "f_subs"
K_COUNTRIES, K_ADMIN1, K_TEXT = "f_countries", "f_admin1", "f_text"
K_MINCONF, K_REVIEWED = "f_minconf", "f_reviewed"
K_FILTER = "filter"
KEYS = (K_DATES, K_TYPES, K_SUBS, K_COUNTRIES, K_ADMIN1, K_TEXT, K_MINCONF, K_REVIEWED)


def _seed_from_url(facets: data.Facets) -> None:
    """Give every widget its first value from the query string (only once per session)."""
    if st.session_state.get("_seeded"):
        return
    params: dict[str, str | list[str]] = dict(st.query_params.to_dict())
    params.update(_lists())
    flt = params_to_filter(params)
    first, last = facets.first, facets.last
    if first and last:
        since = max(min(flt.since or first, last), first)
        until = min(max(flt.until or last, first), last)
        st.session_state[K_DATES] = (since, until)
    st.session_state[K_TYPES] = list(flt.event_types)
    st.session_state[K_SUBS] = list(flt.sub_event_types)
    st.session_state[K_COUNTRIES] = list(flt.countries)
    st.session_state[K_ADMIN1] = list(flt.admin1)
    st.session_state[K_TEXT] = flt.text or ""
    st.session_state[K_MINCONF] = float(flt.min_confidence)
    st.session_state[K_REVIEWED] = bool(flt.reviewed_only)
    st.session_state["_seeded"] = True


def _lists() -> dict[str, list[str]]:
    """Repeated query keys (``?type=A&type=B``) as lists; ``to_dict`` keeps only the last."""
    return {k: st.query_params.get_all(k) for k in ("type", "sub", "country", "admin1")}


def set_dates(start: dt.date | None, end: dt.date | None) -> None:
    """Change the date range from outside the sidebar (call from a widget callback)."""
    f = data.facets()
    if f.first is None or f.last is None:
        return
    start = min(max(start or f.first, f.first), f.last)
    end = max(min(end or f.last, f.last), f.first)
    # applied by ``sidebar`` before the date widget exists (a widget's state cannot change
    # once it is drawn in a run)
    st.session_state["_pending_dates"] = (min(start, end), max(start, end))


def current_dates(facets: data.Facets) -> tuple[dt.date, dt.date] | None:
    value = st.session_state.get(K_DATES)
    if isinstance(value, (tuple, list)) and len(value) == 2:
        return (value[0], value[1])
    if isinstance(value, (tuple, list)) and len(value) == 1:  # half-picked range
        return (value[0], facets.last or value[0])
    return None


def sidebar() -> EventFilter:
    """Draw the filter widgets; return the filter and mirror it into the URL."""
    facets = data.facets()
    _seed_from_url(facets)
    sb = st.sidebar
    sb.header("Filters")
    if facets.first and facets.last:
        pending = st.session_state.pop("_pending_dates", None)
        if pending:
            st.session_state[K_DATES] = pending
        dates = current_dates(facets)
        if dates is None or dates[0] < facets.first or dates[1] > facets.last:
            lo = min(max(dates[0], facets.first), facets.last) if dates else facets.first
            hi = max(min(dates[1], facets.last), facets.first) if dates else facets.last
            st.session_state[K_DATES] = (lo, hi)
        sb.date_input(
            "Dates", key=K_DATES, min_value=facets.first, max_value=facets.last,
            format="YYYY-MM-DD",
        )
    types_offered = facets.event_types or list(EVENT_TYPES)
    st.session_state[K_TYPES] = [t for t in st.session_state.get(K_TYPES, []) if t in EVENT_TYPES]
    sb.multiselect("Event types", list(EVENT_TYPES), key=K_TYPES,
                   placeholder="all types" if types_offered else "no events yet")
    chosen = st.session_state[K_TYPES] or list(EVENT_TYPES)
    subs = [s for t in chosen for s in SUB_EVENT_TYPES[t]]
    st.session_state[K_SUBS] = [s for s in st.session_state.get(K_SUBS, []) if s in subs]
    sb.multiselect("Sub-event types", subs, key=K_SUBS, placeholder="all sub-types")
    countries = sorted(set(facets.countries) | set(st.session_state.get(K_COUNTRIES, [])))
    sb.multiselect("Countries", countries, key=K_COUNTRIES, placeholder="all countries")
    divisions = sorted(set(data.divisions(tuple(st.session_state[K_COUNTRIES])))
                       | set(st.session_state.get(K_ADMIN1, [])))
    sb.multiselect("First-level divisions", divisions, key=K_ADMIN1, placeholder="all divisions")
    sb.text_input("Text", key=K_TEXT, placeholder="in quote, place, actors, source")
    sb.slider("Minimum confidence", 0.0, 1.0, step=0.05, key=K_MINCONF)
    sb.checkbox("Reviewed only", key=K_REVIEWED)

    flt = EventFilter(
        event_types=tuple(st.session_state[K_TYPES]),
        sub_event_types=tuple(st.session_state[K_SUBS]),
        countries=tuple(st.session_state[K_COUNTRIES]),
        admin1=tuple(st.session_state[K_ADMIN1]),
        text=(st.session_state[K_TEXT] or "").strip() or None,
        min_confidence=float(st.session_state[K_MINCONF]),
        reviewed_only=bool(st.session_state[K_REVIEWED]),
    )
    dates = current_dates(facets)
    if dates and (dates[0] != facets.first or dates[1] != facets.last):
        flt = replace(flt, since=dates[0], until=dates[1])
    st.session_state[K_FILTER] = flt
    _write_url(flt)
    return flt


FILTER_PARAMS = frozenset({"since", "until", "q", "minconf", "reviewed", "type", "sub",
                           "country", "admin1"})


def _write_url(flt: EventFilter) -> None:
    """Rewrite the filter part of the query string; page parameters (``event``, ``doc``) stay."""
    wanted: dict[str, str | list[str]] = dict(filter_to_params(flt))
    for key in st.query_params:
        if key not in FILTER_PARAMS:
            wanted[key] = st.query_params.get_all(key)
    current = {k: st.query_params.get_all(k) for k in st.query_params}
    normal = {k: v if isinstance(v, list) else [v] for k, v in wanted.items()}
    if current != normal:
        st.query_params.from_dict(wanted)


def current() -> EventFilter:
    """The filter the sidebar set on this run (pages call this)."""
    return st.session_state.get(K_FILTER, EventFilter())
