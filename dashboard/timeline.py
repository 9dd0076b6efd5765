"""The timeline: events per day or week, stacked by type, with a brush that sets the dates.

Pure helpers (no Streamlit) so the chart, the selection parsing and the play steps can be
tested without a browser.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import altair as alt
import pandas as pd

from eventmap.model import EVENT_TYPES

SELECTION = "span"


def daily_frame(daily: pd.DataFrame) -> pd.DataFrame:
    """Daily counts with ``date`` as a timestamp (what the chart reads)."""
    frame = daily.copy()
    frame["date"] = pd.to_datetime(frame["date"])
    frame["count"] = frame["count"].astype(int)
    return frame


def weekly(data: pd.DataFrame, window: tuple[dt.date, dt.date] | None) -> pd.DataFrame:
    """Counts summed per Sunday-to-Saturday week (Vega-Lite's ``yearweek``) before they are
    sent: a tenth of the rows of the daily table, so a date change redraws quickly."""
    frame = data.copy()
    if window:
        frame["shown"] = ((frame["date"] >= pd.Timestamp(window[0]))
                          & (frame["date"] <= pd.Timestamp(window[1])))
    else:
        frame["shown"] = True
    frame["date"] = frame["date"] - pd.to_timedelta((frame["date"].dt.day_of_week + 1) % 7, unit="D")
    return frame.groupby(["date", "event_type", "shown"], as_index=False)["count"].sum()


def chart(
    daily: pd.DataFrame,
    colours: dict[str, str],
    window: tuple[dt.date, dt.date] | None = None,
    freq: str = "D",
    height: int = 180,
) -> alt.Chart:
    """Stacked bars by type per day or week; bars outside the date window are faded.

    Weeks are summed here (``weekly``) and drawn on Vega-Lite's ``yearweek`` unit, whose
    brushed span comes back as timestamps, i.e. days.
    """
    data = daily_frame(daily)
    if freq == "W" and not data.empty:
        data = weekly(data, window)
    if "shown" not in data:
        if window and not data.empty:
            start, end = pd.Timestamp(window[0]), pd.Timestamp(window[1])
            data["shown"] = (data["date"] >= start) & (data["date"] <= end)
        else:
            data["shown"] = True
    brush = alt.selection_interval(encodings=["x"], name=SELECTION)
    types = list(EVENT_TYPES)
    unit = "yearweek" if freq == "W" else "yearmonthdate"
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X(f"{unit}(date):T", title=None),
            y=alt.Y("sum(count):Q", title="events per week" if freq == "W" else "events per day"),
            color=alt.Color(
                "event_type:N",
                scale=alt.Scale(domain=types, range=[colours[t] for t in types]),
                legend=alt.Legend(title=None, orient="top", columns=6, labelLimit=200),
            ),
            opacity=alt.Opacity("shown:O", scale=alt.Scale(domain=[False, True],
                                                           range=[0.25, 1.0]), legend=None),
            tooltip=[
                alt.Tooltip(f"{unit}(date):T", title="from"),
                alt.Tooltip("event_type:N", title="type"),
                alt.Tooltip("sum(count):Q", title="events"),
            ],
        )
        .add_params(brush)
        .properties(height=height)
    )


def _to_date(value: Any) -> dt.date | None:
    """Vega-Lite gives temporal selections as epoch milliseconds (or ISO strings)."""
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return dt.datetime.fromtimestamp(value / 1000, tz=dt.UTC).date()
    try:
        return pd.Timestamp(str(value)).date()
    except ValueError:
        return None


def selected_span(state: Any) -> tuple[dt.date, dt.date] | None:
    """The brushed date span from ``st.altair_chart(on_select=…)``'s state, if any."""
    try:
        sel = state["selection"][SELECTION]
    except (KeyError, TypeError):
        return None
    if not sel:
        return None
    values = sel.get("date") or next(iter(sel.values()), None)
    if not values or len(values) != 2:
        return None
    start, end = _to_date(values[0]), _to_date(values[1])
    if start is None or end is None:
        return None
    return (min(start, end), max(start, end))


def play_step(
    window: tuple[dt.date, dt.date] | None,
    first: dt.date,
    last: dt.date,
    step_days: int = 7,
    width_days: int = 7,
) -> tuple[dt.date, dt.date]:
    """The next window when playing: slide by ``step_days``; wrap to the start at the end."""
    width = dt.timedelta(days=width_days - 1)
    if window is None or window[0] <= first and window[1] >= last:
        return (first, min(first + width, last))
    start = window[0] + dt.timedelta(days=step_days)
    if start > last:
        start = first
    return (start, min(start + width, last))
