"""The dashboard's frame: page set-up, local map assets, the filter sidebar, then one page.

Run by ``eventmap dashboard`` (see ``dashboard/launch.py``); the store comes from the
``EVENTMAP_DB`` environment variable.
"""

from __future__ import annotations

import streamlit as st

from dashboard import assets, data, state
from dashboard.mapview import CREDITS

st.set_page_config(page_title="eventmap", page_icon="🗺️", layout="wide")
assets.use_local_assets()

pages = [
    st.Page("views/explore.py", title="Map", icon=":material/map:", url_path="map", default=True),
    st.Page("views/documents.py", title="Documents", icon=":material/article:",
            url_path="documents"),
    st.Page("views/review.py", title="Review", icon=":material/fact_check:", url_path="review"),
    st.Page("views/add.py", title="Add articles", icon=":material/post_add:", url_path="add"),
    st.Page("views/export.py", title="Export", icon=":material/download:", url_path="export"),
]
page = st.navigation(pages)
state.sidebar()
st.sidebar.button(
    "Reload from the store", on_click=data.bump_revision, icon=":material/refresh:",
    help="Show events that other programs (e.g. `eventmap ingest`) stored since this page "
         "read them; the dashboard's own changes show at once.",
)
st.sidebar.caption(CREDITS)
if missing := assets.missing():
    st.sidebar.warning(
        f"{len(missing)} map files are missing: run `./dev install` "
        "(npm install + python -m dashboard.assets); the map cannot draw without them."
    )
page.run()
