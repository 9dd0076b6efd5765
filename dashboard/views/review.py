"""Review page: confirm or correct one event, or delete it.

The place can be picked among the gazetteer's alternatives for the mention, or by clicking
the small map. Everything is saved through ``Store.correct`` / ``Store.delete_event``: stored
as a person's correction (reviewed) that no pipeline re-run overwrites.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from dashboard import data, state
from dashboard.mapview import CountryBorders, MapStyle
from dashboard.text import md
from eventmap.errors import EventmapError
from eventmap.model import EVENT_TYPES, SUB_EVENT_TYPES, Event

NO_SUB = "(none / unchanged)"

st.subheader("Review events")
flt = state.current()


def _label(row: Any) -> str:
    mark = "✔ " if row.reviewed else ""
    # "Burkina Faso ← Tangounga": an event kept at the country of a village the gazetteer lacks
    written = f" ← {row.mention}" if row.mention and row.mention != row.place else ""
    return f"{mark}{row.date} · {row.event_type} · {row.place}{written} · conf. {row.confidence:.2f}"


candidates = data.events(flt, limit=500).sort_values(["reviewed", "confidence"])
wanted = st.query_params.get("event")
if wanted and wanted not in set(candidates["id"]):
    extra = data.get_event(wanted)
    if extra is not None:
        candidates = pd.concat([data.events_to_frame([extra]), candidates])
if candidates.empty:
    st.info("No event matches the filters.")
    st.stop()

ids = list(candidates["id"])
labels = {r.id: _label(r) for r in candidates.itertuples()}
if "review_pick" not in st.session_state or st.session_state["review_pick"] not in labels:
    st.session_state["review_pick"] = wanted if wanted in labels else ids[0]
event_id = st.selectbox(
    "Event (unreviewed and least confident first)", ids, key="review_pick",
    format_func=lambda i: labels.get(i, str(i)),
)
found = data.get_event(event_id) if event_id else None
if found is None:
    st.warning("This event is no longer in the store.")
    st.stop()
event: Event = found  # type: ignore[assignment]  # st.stop() above never returns

if (msg := st.session_state.pop("review_msg", None)):
    st.success(msg)

left, right = st.columns([1, 1])
with left:
    st.markdown("**Quote**")
    st.text(event.quote or "(no quote)")
    st.caption(
        f"Mention “{md(event.mention)}” → {md(event.place)} ({md(event.country_code)}"
        f"{', ' + md(event.admin1) if event.admin1 else ''}) · "
        f"{'reviewed' if event.reviewed else 'not reviewed'} · id {md(event.id)}"
    )
    if event.doc_id:
        st.page_link("views/documents.py", label="Open the source document",
                     query_params={"doc": event.doc_id}, icon=":material/article:")


def _alternatives(ev: Event) -> list[dict[str, Any]]:
    """The current place, the gazetteer's other candidates stored with the mention."""
    options: list[dict[str, Any]] = [{
        "name": ev.place, "lat": ev.latitude, "lon": ev.longitude,
        "country_code": ev.country_code, "admin1": ev.admin1, "geonameid": ev.geonameid,
        "source": "current",
    }]
    if ev.doc_id:
        try:
            mentions = data.store().mentions(ev.doc_id)
        except EventmapError:
            mentions = []
        for m in mentions:
            same = (ev.start is not None and ev.end is not None and m.start >= ev.start
                    and m.end <= ev.end and m.text == ev.mention) or m.text == ev.mention
            if not same:
                continue
            for alt in m.alternatives:
                options.append({**alt, "source": "gazetteer"})
    seen, unique = set(), []
    for o in options:
        key = (o.get("name"), round(float(o.get("lat") or 0), 4), round(float(o.get("lon") or 0), 4))
        if key not in seen:
            seen.add(key)
            unique.append(o)
    return unique


alts = _alternatives(event)
with right:
    st.markdown("**Place** — pick an alternative, or click the map")
    alt_labels = [
        f"{a['name']} ({a.get('country_code') or '?'}"
        f"{', ' + a['admin1'] if a.get('admin1') else ''}) {float(a['lat']):.3f}, "
        f"{float(a['lon']):.3f}" + (" — current" if a.get("source") == "current" else "")
        for a in alts
    ]
    alt_index = st.radio("Gazetteer candidates", range(len(alts)), format_func=alt_labels.__getitem__,
                         key=f"alt_{event.id}", label_visibility="collapsed")
    chosen = alts[alt_index]
    mini = folium.Map(location=[event.latitude, event.longitude], zoom_start=5, tiles=None,
                      maxZoom=18)
    CountryBorders().add_to(mini)
    MapStyle(legend=False).add_to(mini)
    folium.CircleMarker([event.latitude, event.longitude], radius=8, color="#c0392b",
                        fill=True, tooltip="current place").add_to(mini)
    for a in alts[1:]:
        folium.CircleMarker([float(a["lat"]), float(a["lon"])], radius=6, color="#2e86c1",
                            fill=True).add_to(mini)
    clicked = st_folium(mini, height=260, use_container_width=True, key=f"mini_{event.id}",
                        returned_objects=["last_clicked"])
    point = (clicked or {}).get("last_clicked")
    use_click = False
    if point:
        use_click = st.checkbox(
            f"Use the clicked point {point['lat']:.4f}, {point['lng']:.4f} instead", value=True,
            key=f"useclick_{event.id}",
        )

with st.form(f"correct_{event.id}"):
    c1, c2, c3 = st.columns(3)
    new_date = c1.date_input("Date", value=event.date, format="YYYY-MM-DD")
    new_type = c2.selectbox("Event type", EVENT_TYPES, index=EVENT_TYPES.index(event.event_type)
                            if event.event_type in EVENT_TYPES else 0)
    subs = [NO_SUB] + [s for t in EVENT_TYPES for s in SUB_EVENT_TYPES[t]]
    new_sub = c3.selectbox("Sub-event type (must belong to the type)", subs,
                           index=subs.index(event.sub_event_type)
                           if event.sub_event_type in subs else 0)
    place_name = st.text_input("Place name", value=str(chosen["name"]))
    b1, b2 = st.columns(2)
    save = b1.form_submit_button("Save as reviewed", type="primary", width="stretch")
    delete = b2.form_submit_button("Delete this event", width="stretch")


def _changes() -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if isinstance(new_date, dt.date) and new_date != event.date:
        changes["date"] = new_date
    if new_type != event.event_type:
        changes["event_type"] = new_type
    if new_sub != NO_SUB and new_sub != event.sub_event_type:
        changes["sub_event_type"] = new_sub
    elif "event_type" in changes and event.sub_event_type not in SUB_EVENT_TYPES[new_type]:
        raise ValueError(f"choose a sub-event type of {new_type}")
    if use_click and point:
        changes.update(latitude=float(point["lat"]), longitude=float(point["lng"]),
                       geo_precision=1)
    elif chosen.get("source") != "current":
        changes.update(latitude=float(chosen["lat"]), longitude=float(chosen["lon"]))
        if chosen.get("country_code"):
            changes["country_code"] = chosen["country_code"]
        if chosen.get("admin1"):
            changes["admin1"] = chosen["admin1"]
        if chosen.get("geonameid"):
            changes["geonameid"] = int(chosen["geonameid"])
    if place_name.strip() and place_name.strip() != event.place:
        changes["place"] = place_name.strip()
    return changes


if save:
    try:
        changes = _changes()
        saved = data.correct(event.id, **changes)
    except (EventmapError, ValueError) as exc:
        st.error(f"Not saved: {md(exc)}")
    else:
        what = ", ".join(sorted(changes)) or "confirmed as is"
        st.session_state["review_msg"] = f"Saved as reviewed ({what}): {md(saved.place)}, {saved.date}."
        st.rerun()
if delete:
    try:
        data.delete(event.id)
    except EventmapError as exc:  # e.g. the store busy for too long: one message, as for saves
        st.error(f"Not deleted: {md(exc)}")
    else:
        st.session_state.pop("review_pick", None)
        st.session_state["review_msg"] = (
            f"Deleted event {md(event.id)}; re-runs will not bring it back."
        )
        st.query_params.pop("event", None)
        st.rerun()
