"""Map page: the map with what a click found beside it, the timeline, and the events table."""

from __future__ import annotations

import datetime as dt
import time

import streamlit as st
from streamlit_folium import st_folium

from dashboard import data, mapview, state, timeline
from dashboard.filters import describe
from dashboard.text import md
from eventmap.model import EVENT_TYPES

TABLE_KEY, CHART_KEY = "events_table", "timeline_chart"
PLAY_SECONDS = 1.5

flt = state.current()
facets = data.facets()
total = data.count(flt)

st.subheader("Events on the map")
st.caption(f"**{total:,}** events · {md(describe(flt))}", help="Change the filters in the sidebar.")

if facets.total == 0:
    st.info("The store holds no events yet: add articles on the **Add articles** page, "
            "or start with `eventmap dashboard --demo` to load the bundled samples.")

# --- the table's rows come first: the map highlights the rows selected in it -------------
table = data.events(flt, limit=data.TABLE_LIMIT)
table_state = st.session_state.get(TABLE_KEY)
selected_rows: list[int] = []
if table_state is not None:
    try:
        selected_rows = [r for r in table_state["selection"]["rows"] if r < len(table)]
    except (KeyError, TypeError):
        selected_rows = []
highlight = table.iloc[selected_rows] if selected_rows else table.iloc[0:0]

# --- map ---------------------------------------------------------------------------------
opts = st.columns([1, 1, 1, 3])
heat = opts[0].toggle("Heat map", key="opt_heat")
borders = opts[1].toggle("Borders", value=True, key="opt_borders",
                         help="Country borders from Natural Earth, served by this app.")
tiles = opts[2].toggle("Online tiles", key="opt_tiles",
                       help="OpenStreetMap tiles: this makes the browser contact tile servers.")
shown_map = data.map_data(flt)
if shown_map.level == "country":
    mode = (f"{shown_map.total:,} events: one grey marker per country, counted in the database — "
            "filter a country or a shorter span to see places")
elif shown_map.aggregated:
    mode = (f"{shown_map.total:,} events drawn as {len(shown_map.frame):,} place markers "
            "(aggregated on the server, clustered in the browser)")
else:
    mode = f"{shown_map.total:,} markers, clustered in the browser"
opts[3].caption(mode)

parts = mapview.build_map(
    shown_map.frame, aggregated=shown_map.aggregated,
    options=mapview.MapOptions(heat=heat, online_tiles=tiles, borders=borders),
    highlight=highlight,
)
col_map, col_side = st.columns([3, 1])
with col_map:
    # the base map stays in the browser; a filter change only swaps the layers
    clicked = st_folium(
        parts.base, feature_group_to_add=parts.layers, height=560, use_container_width=True,
        key="map", returned_objects=["last_object_clicked"],
    )
with col_side:
    point = (clicked or {}).get("last_object_clicked")
    if point and point.get("lat") is not None and shown_map.level == "country":
        near = shown_map.frame.assign(d=(shown_map.frame["latitude"] - float(point["lat"])) ** 2
                               + (shown_map.frame["longitude"] - float(point["lng"])) ** 2)
        hit = near.sort_values("d").iloc[0] if not near.empty else None
        if hit is not None:
            code = str(hit["place"]).rsplit("(", 1)[-1].rstrip(")")
            st.markdown(f"**{md(hit['place'])}** — {int(hit['n']):,} events")
            st.button(f"Show only {code}", key="only_country",
                      on_click=lambda c=code: st.session_state.update({state.K_COUNTRIES: [c]}))
    elif point and point.get("lat") is not None:
        here = data.events_at(flt, float(point["lat"]), float(point["lng"]))
        if here.empty:
            st.caption("No event at the clicked point.")
        else:
            st.markdown(f"**{md(here['place'].iloc[0])}** — {len(here)} event(s)")
            for row in here.head(30).itertuples():
                with st.container(border=True):
                    st.markdown(f"**{row.date}** · {md(row.event_type)}")
                    st.text(row.quote[:300])
                    st.page_link("views/review.py", label="Review",
                                 query_params={"event": row.id}, icon=":material/edit:")
    else:
        st.caption("Click a marker: that place's events are listed here.")
        st.markdown("".join(
            f"<div>{mapview.legend_svg(t)} {t}</div>" for t in EVENT_TYPES
        ), unsafe_allow_html=True)

# --- timeline ----------------------------------------------------------------------------
st.subheader("Timeline")


def _on_brush() -> None:
    span = timeline.selected_span(st.session_state.get(CHART_KEY))
    if span:
        state.set_dates(*span)


def _step(direction: int) -> None:
    first, last = facets.first, facets.last
    if first is None or last is None:
        return
    window = state.current_dates(facets)
    width = st.session_state.get("play_width", 7)
    if direction < 0 and window:
        start = max(first, window[0] - dt.timedelta(days=width))
        state.set_dates(start, min(last, start + dt.timedelta(days=width - 1)))
    else:
        state.set_dates(*timeline.play_step(window, first, last, width, width))


def _reset_dates() -> None:
    state.set_dates(facets.first, facets.last)
    st.session_state["playing"] = False


ctl = st.columns([1, 1, 1, 1, 1, 3])
freq = ctl[0].radio("Bars", ["W", "D"], key="tl_freq", horizontal=True,
                    format_func={"D": "day", "W": "week"}.get)
ctl[1].button("◀ Step", on_click=_step, args=(-1,), width="stretch")
ctl[2].button("Step ▶", on_click=_step, args=(1,), width="stretch")
ctl[3].toggle("Play", key="playing", help="Slide the date window forward every 1.5 s.")
ctl[4].button("All dates", on_click=_reset_dates, width="stretch")
ctl[5].number_input("Window (days)", 1, 366, 7, key="play_width")

window = state.current_dates(facets)
daily = data.daily_counts(data.unbounded(flt))
in_window = daily
if window is not None and not daily.empty:
    in_window = daily[(daily["date"] >= window[0]) & (daily["date"] <= window[1])]
st.caption(
    f"Timeline: **{int(in_window['count'].sum()) if not in_window.empty else 0:,}** events "
    f"from {window[0] if window else '…'} to {window[1] if window else '…'} "
    "(drag across the bars to choose a span; it filters everything)"
)
st.altair_chart(
    timeline.chart(daily, mapview.event_colours(), window, freq or "W"),
    width="stretch", height=230, on_select=_on_brush, key=CHART_KEY,
)



# --- table -------------------------------------------------------------------------------
st.subheader("Events")
shown = len(table)
st.caption(
    f"{shown:,} of {total:,} events" + (" (newest first; export for all)" if shown < total else "")
    + " · select rows to highlight them on the map"
)
view = table[["date", "event_type", "sub_event_type", "place", "country_code", "admin1",
              "confidence", "reviewed", "fatalities", "quote", "source_title", "id"]]
st.dataframe(
    view, key=TABLE_KEY, on_select="rerun", selection_mode="multi-row", hide_index=True,
    width="stretch", height=320,
    column_config={
        "date": st.column_config.DateColumn("date"),
        "confidence": st.column_config.ProgressColumn("conf.", min_value=0.0, max_value=1.0,
                                                      format="%.2f"),
        "quote": st.column_config.TextColumn("quote", width="large"),
        "id": st.column_config.TextColumn("id", width="small"),
    },
)
if not highlight.empty:
    st.caption(f"{len(highlight)} selected row(s) ringed on the map.")


# --- play: after the page is drawn, wait, move the window one step and draw again ---------
if st.session_state.get("playing"):
    time.sleep(PLAY_SECONDS)
    _step(1)
    st.rerun()
