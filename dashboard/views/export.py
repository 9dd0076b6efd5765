"""Export page: the filtered events as GeoJSON, CSV, KML or a standalone HTML map."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard import data, state
from dashboard.exporting import FORMATS, export_bytes, file_name
from dashboard.filters import describe
from dashboard.text import md

try:
    from eventmap.export.html_map import MAX_MAP_EVENTS as MAX_HTML_EVENTS
except ImportError:  # an older export module: its own default applies
    MAX_HTML_EVENTS = 25_000

flt = state.current()
total = data.count(flt)
st.subheader("Export")
st.markdown(f"**{total:,}** events will be written — exactly what the map shows "
            f"({md(describe(flt))}).")
if total == 0:
    st.info("Nothing to export with these filters.")

store = data.store()


def _writer(fmt: str) -> Callable[[], bytes]:
    """The file's bytes, written only when someone clicks (exports can be big)."""
    return lambda: export_bytes(store, flt, fmt)


cols = st.columns(len(FORMATS))
for col, (fmt, (label, _ext, mime)) in zip(cols, FORMATS.items()):
    col.download_button(
        label, data=_writer(fmt),
        file_name=file_name(flt, fmt), mime=mime, key=f"dl_{fmt}", disabled=total == 0,
        width="stretch", on_click="ignore", icon=":material/download:",
    )
st.caption("GeoJSON follows RFC 7946 (one Feature per event, EVENT_SCHEMA.md); CSV has the "
           "same fields plus latitude/longitude. The standalone HTML map embeds Leaflet, draws "
           f"at most {MAX_HTML_EVENTS:,} events (the newest) on country borders embedded in the "
           "file: it opens offline and requests nothing (`eventmap export --format html --tiles "
           "URL` adds an online tile server).")
st.caption("Place data: GeoNames (CC BY 4.0). Borders: Natural Earth (public domain).")
