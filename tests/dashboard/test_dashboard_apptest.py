"""Each page's logic through Streamlit's AppTest, on a real SQLite store."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import seeding
from streamlit.testing.v1 import AppTest

from dashboard.exporting import export_bytes
from eventmap.store import open_store
from eventmap.store.base import EventFilter

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "dashboard" / "app.py")
TIMEOUT = 60


def run_app(
    db: str, monkeypatch: pytest.MonkeyPatch, page: str | None = None, **params: str | list[str]
) -> AppTest:
    monkeypatch.setenv("EVENTMAP_DB", db)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown_total(at: AppTest) -> int:
    """The event count the map page states (``**N** events · …``)."""
    for c in at.caption:
        m = re.match(r"\*\*([\d,]+)\*\* events", c.value)
        if m:
            return int(m.group(1).replace(",", ""))
    raise AssertionError("no event count on the page")


def map_script(at: AppTest) -> str:
    for el in at.get("component_instance") + list(at.main.get("unknown") or []):
        args = getattr(el, "proto", None)
        if args is not None and getattr(args, "json_args", ""):
            parsed = json.loads(args.json_args)
            if "script" in parsed and "L.map" in parsed["script"]:
                return "\n".join([
                    parsed["script"], parsed.get("feature_group") or "",
                    json.dumps(parsed.get("js_links", [])), json.dumps(parsed.get("css_links", [])),
                ])
    raise AssertionError("no map on the page")


def marker_rows(script: str) -> list[list]:
    """The rows the map draws: from the JSON file the script fetches, or inline."""
    m = re.search(r'fetch\("(/app/static/cache/[0-9a-f]+\.json)"\)', script)
    if m:
        path = ROOT / "dashboard" / m.group(1).removeprefix("/app/")
        return json.loads(path.read_text(encoding="utf-8"))
    m = re.search(r"draw\((\[.*\])\);", script)
    assert m, "no marker data in the map script"
    return json.loads(m.group(1))


def marker_ids(script: str) -> set[str]:
    return {row[3] for row in marker_rows(script)}


def test_map_page_counts_follow_the_filters(seeded_db: str, monkeypatch):
    at = run_app(seeded_db, monkeypatch)
    with open_store(seeded_db) as store:
        everything = store.count()
        flt = EventFilter(since=seeding.dt.date(2021, 3, 20), until=seeding.dt.date(2021, 4, 10))
        in_span = {e.id for e in store.query(flt)}
    assert shown_total(at) == everything
    assert len(marker_ids(map_script(at))) == everything

    at = run_app(seeded_db, monkeypatch, since="2021-03-20", until="2021-04-10")
    assert shown_total(at) == len(in_span) < everything
    assert marker_ids(map_script(at)) == in_span
    assert len(at.dataframe[0].value) == len(in_span)


def test_type_filter_and_url_round_trip(seeded_db: str, monkeypatch):
    at = run_app(seeded_db, monkeypatch)
    at.multiselect(key="f_types").select("Protests").run()
    with open_store(seeded_db) as store:
        protests = store.count(EventFilter(event_types=("Protests",)))
    assert shown_total(at) == protests
    assert at.query_params["type"] in ("Protests", ["Protests"])
    # the same link opens the same view
    again = run_app(seeded_db, monkeypatch, type="Protests")
    assert shown_total(again) == protests


def test_text_confidence_and_reviewed_filters(seeded_db: str, monkeypatch):
    at = run_app(seeded_db, monkeypatch, q="Basra")
    with open_store(seeded_db) as store:
        assert shown_total(at) == store.count(EventFilter(text="Basra"))
    at = run_app(seeded_db, monkeypatch, minconf="0.85")
    with open_store(seeded_db) as store:
        assert shown_total(at) == store.count(EventFilter(min_confidence=0.85))
    at = run_app(seeded_db, monkeypatch, reviewed="1")
    assert shown_total(at) == 0


def test_map_assets_never_leave_the_machine(seeded_db: str, monkeypatch):
    at = run_app(seeded_db, monkeypatch)
    script = map_script(at)
    urls = re.findall(r"https?://[^\s\"'<>)\\]+", script)
    off_machine = [
        u
        for u in urls
        if not u.startswith(("http://127.0.0.1", "http://localhost")) and "example.org" not in u
    ]
    assert off_machine == [], off_machine
    assert "/app/static/vendor/leaflet/leaflet.js" in script
    assert "cdn" not in script.lower().replace("cdnjs", "cdn")  # no CDN name at all


def test_hostile_quotes_stay_text(seeded_db: str, monkeypatch):
    at = run_app(seeded_db, monkeypatch)
    script = map_script(at)
    quotes = {row[6] for row in marker_rows(script)}
    assert seeding.XSS_QUOTE in quotes and seeding.TEMPLATE_QUOTE in quotes
    assert "<script>window.__xss" not in script
    assert "chanted 49" not in script  # folium re-reads scripts as Jinja: braces are escaped
    assert "innerHTML" not in script.split("EM.el = ")[1].split("};")[0]


def test_inline_marker_data_is_escaped_for_html_and_jinja(monkeypatch):
    from dashboard import assets, mapview
    from dashboard.data import events_to_frame

    assets.use_local_assets()
    monkeypatch.setattr(mapview, "publish", lambda payload: None)
    fmap = mapview.build_map(events_to_frame(seeding.known_events())).combined()
    html = fmap.get_root().render()
    assert "chanted 49" not in html and "{{ 7*7 }}" not in html
    assert "\\u007b\\u007b 7*7 \\u007d\\u007d" in html
    assert "<script>window.__xss" not in html and "\\u003cscript\\u003e" in html


def test_review_saves_a_correction_as_reviewed(seeded_db: str, monkeypatch):
    at = run_app(seeded_db, monkeypatch, page="views/review.py", event="ev-doc-rocket")
    assert at.selectbox(key="review_pick").value == "ev-doc-rocket"
    # the gazetteer's alternative (Bagdad, Tasmania) is offered
    radio = at.radio(key="alt_ev-doc-rocket")
    assert len(radio.options) == 2
    radio.set_value(1)
    at.selectbox[1].select("Protests")  # event type
    at.selectbox[2].select("Peaceful protest")
    at.button[0].click().run()  # Save as reviewed
    assert not at.exception, [e.value for e in at.exception]
    with open_store(seeded_db) as store:
        ev = store.get_event("ev-doc-rocket")
    assert ev is not None and ev.reviewed
    assert ev.event_type == "Protests" and ev.sub_event_type == "Peaceful protest"
    assert ev.country_code == "AU" and round(ev.latitude, 2) == -42.63
    assert any("Saved as reviewed" in s.value for s in at.success)


def test_review_list_shows_the_place_as_written_when_it_differs(seeded_db: str, monkeypatch):
    """An event kept at a coarser place than the text names ("Burkina Faso ← Tangounga")
    says so in the review list."""
    at = run_app(seeded_db, monkeypatch, page="views/review.py", event="ev-doc-rocket")
    options = at.selectbox(key="review_pick").options
    assert any("Baghdad ← Bagdad" in o for o in options), options[:5]
    assert not any("← Baghdad" in o for o in options)


def test_review_delete_hides_the_event(seeded_db: str, monkeypatch):
    at = run_app(seeded_db, monkeypatch, page="views/review.py", event="ev-test-005")
    at.button[1].click().run()  # Delete
    with open_store(seeded_db) as store:
        assert store.get_event("ev-test-005") is None or "ev-test-005" not in {
            e.id for e in store.query()
        }
    assert not at.exception


def test_export_holds_exactly_what_is_shown(seeded_db: str, monkeypatch):
    at = run_app(
        seeded_db,
        monkeypatch,
        page="views/export.py",
        since="2021-03-20",
        until="2021-04-10",
        type=["Battles", "Riots"],
    )
    flt = EventFilter(
        since=seeding.dt.date(2021, 3, 20),
        until=seeding.dt.date(2021, 4, 10),
        event_types=("Battles", "Riots"),
    )
    with open_store(seeded_db) as store:
        expected = {e.id for e in store.query(flt)}
        geo = json.loads(export_bytes(store, flt, "geojson"))
        csv_text = export_bytes(store, flt, "csv").decode()
    assert any(f"**{len(expected)}** events will be written" in m.value for m in at.markdown)
    assert {f["properties"]["id"] for f in geo["features"]} == expected
    assert csv_text.count("\n") >= len(expected)
    map_at = run_app(
        seeded_db, monkeypatch, since="2021-03-20", until="2021-04-10", type=["Battles", "Riots"]
    )
    assert marker_ids(map_script(map_at)) == expected


def test_document_page_highlights_and_escapes(seeded_db: str, monkeypatch):
    at = run_app(seeded_db, monkeypatch, page="views/documents.py")
    htmls = [h.proto.body for h in at.get("html")]
    body = next(h for h in htmls if "em-doc" in h)
    assert '<mark class="em-place" title="Baghdad (IQ) 0.90">Bagdad</mark>' in body
    assert "review?event=ev-doc-rocket" in body
    assert "&lt;b&gt;devant&lt;/b&gt;" in body and "<b>devant" not in body


def test_add_page_renders(seeded_db: str, monkeypatch):
    at = run_app(seeded_db, monkeypatch, page="views/add.py")
    assert at.text_area(key="add_text") is not None


def test_html_export_never_evaluates_article_templates(seeded_db: str):
    """folium re-parses scripts as Jinja: ``{{ 7*7 }}`` in a quote must not become 49."""
    with open_store(seeded_db) as store:
        html = export_bytes(store, EventFilter(), "html").decode()
    assert "chanted 49" not in html and "yes in Kirkuk" not in html
    assert "chanted" in html


@pytest.mark.slow
def test_add_article_previews_then_saves(seeded_db: str, monkeypatch):
    at = run_app(seeded_db, monkeypatch, page="views/add.py")
    text = ("Bagdad, 4 mars 2021 — Une roquette est tombée jeudi sur la base d'Aïn al-Asad. "
            "Des centaines de manifestants se sont rassemblés à Bassora le même jour.")
    at.text_input(key="add_title").input("Test article")
    at.text_area(key="add_text").input(text)
    at.date_input(key="add_published").set_value(seeding.dt.date(2021, 3, 4))
    at.run()
    with open_store(seeded_db) as store:
        before = store.count()
    at.button(key="add_extract").click().run(timeout=300)
    assert not at.exception, [e.value for e in at.exception]
    assert any("Preview:" in m.value for m in at.markdown)
    with open_store(seeded_db) as store:
        assert store.count() == before  # nothing stored before Save
    at.button(key="add_save").click().run(timeout=120)
    assert not at.exception, [e.value for e in at.exception]
    assert any("Saved 1 new document" in s.value for s in at.success)
    with open_store(seeded_db) as store:
        assert store.count() >= before
        assert any(d.title == "Test article" for d in store.documents())


@pytest.mark.slow
def test_add_keeps_unknown_villages_once_the_country_is_chosen(seeded_db: str, monkeypatch):
    """An event at a village the gazetteer lacks is announced as left out, then kept at the
    chosen country's level with the village's name."""
    at = run_app(seeded_db, monkeypatch, page="views/add.py")
    at.text_area(key="add_text").input(
        "On 18 October 2019, suspected militants burned the primary school in Tangounga.")
    at.date_input(key="add_published").set_value(seeding.dt.date(2019, 10, 20))
    at.run()
    at.button(key="add_extract").click().run(timeout=300)
    assert not at.exception, [e.value for e in at.exception]
    assert any("1 event(s) left out" in w.value for w in at.warning)
    assert any("Preview: 0 event(s)" in m.value for m in at.markdown)
    at.selectbox(key="add_focus").set_value("BF").run()
    at.button(key="add_extract").click().run(timeout=300)
    assert not at.exception, [e.value for e in at.exception]
    assert not any("left out" in w.value for w in at.warning)
    assert any("Preview: 1 event(s)" in m.value for m in at.markdown)
    (frame,) = at.dataframe
    row = frame.value.iloc[0]
    assert (row["place"], row["as written"], row["precision"]) == ("Burkina Faso", "Tangounga", 3)


def test_add_url_refuses_local_addresses_unless_allowed(seeded_db: str, monkeypatch):
    """A pasted link must not make the server fetch internal pages, unless the user says so."""
    import http.server
    import threading

    page = (b"<html><head><title>Local report</title></head><body><article><p>"
            + b"Des manifestants se sont rassembl\xc3\xa9s \xc3\xa0 Bassora hier. " * 12
            + b"</p></article></body></html>")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/report.html"
    try:
        at = run_app(seeded_db, monkeypatch, page="views/add.py")
        at.text_input(key="add_url").input(url).run()
        at.button(key="add_fetch").click().run()
        assert not at.exception, [e.value for e in at.exception]
        warnings = [w.value.replace("\\", "") for w in at.warning]  # markdown-escaped
        assert any("loopback address" in w for w in warnings), warnings
        assert any("**0** document" in m.value for m in at.markdown)
        at.checkbox(key="add_private").check().run()
        at.button(key="add_fetch").click().run()
        assert not at.exception, [e.value for e in at.exception]
        assert any("**1** document" in m.value for m in at.markdown)
    finally:
        server.shutdown()
