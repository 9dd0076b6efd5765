"""Document page: a source text with its places and dates highlighted and linked to events."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard import data, docview, state
from dashboard.text import md
from eventmap.errors import EventmapError
from eventmap.store.base import EventFilter

st.subheader("Source documents")
flt = state.current()

shown = data.events(flt, limit=data.TABLE_LIMIT)
titles: dict[str, str] = {}
for row in shown.itertuples():
    if row.doc_id and row.doc_id not in titles:
        titles[row.doc_id] = row.source_title or row.doc_id
wanted = st.query_params.get("doc")
if wanted and wanted not in titles:
    doc0 = data.store().get_document(wanted)
    if doc0 is not None:
        titles = {wanted: doc0.title or wanted, **titles}
if not titles:
    st.info("No document behind the filtered events (imported events have no text).")
    st.stop()

ids: list[str] = list(titles)
if st.session_state.get("doc_pick") not in titles:
    st.session_state["doc_pick"] = wanted if wanted in titles else ids[0]
doc_id = st.selectbox("Document (of the filtered events)", ids, key="doc_pick",
                      format_func=lambda i: titles.get(i, str(i)))
doc = data.store().get_document(doc_id) if doc_id else None
if doc is None:
    st.warning("This document's text is not in the store.")
    st.stop()

events = list(data.store().query(EventFilter(doc_id=doc.id)))
meta = [f"language: {doc.language}"]
if doc.published:
    meta.append(f"published {doc.published}" + (" (inferred)" if doc.published_inferred else ""))
meta.append(f"{len(events)} event(s)")
st.markdown(f"### {md(doc.title or '(untitled)')}")
st.caption(" · ".join(meta))
if doc.url:
    st.markdown(f"Source: {md(doc.url)}")

spans_ev = [(e.id, e.start, e.end) for e in events]
spans: list[docview.Span] = []
for m in data.store().mentions(doc.id):
    spans.append(docview.Span(
        m.start, m.end, "place", f"{m.name} ({m.country_code}) {m.confidence:.2f}",
        docview.event_for(m.start, m.end, spans_ev),
    ))
try:
    from eventmap.dates import find_dates
    from eventmap.pipeline import date_language

    anchor = doc.published or (events[0].date if events else dt.date.today())
    for t in find_dates(doc.text, anchor=anchor, language=date_language(doc)):
        spans.append(docview.Span(t.start, t.end, "date", t.date.isoformat(),
                                  docview.event_for(t.start, t.end, spans_ev)))
except (ImportError, EventmapError, ValueError) as exc:
    st.caption(f"Dates not highlighted: {md(exc)}")

st.caption("Places in blue, dates in yellow; underlined ones belong to an event "
           "(click to review it).")
st.html(docview.highlight(doc.text, spans))

if events:
    st.markdown("**Events read from this document**")
    for e in events:
        cols = st.columns([4, 1])
        cols[0].markdown(f"**{e.date}** · {md(e.event_type)} · {md(e.place)}"
                         + (" · reviewed" if e.reviewed else ""))
        cols[0].text(e.quote)
        cols[1].page_link("views/review.py", label="Review", query_params={"event": e.id},
                          icon=":material/edit:")
