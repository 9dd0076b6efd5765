"""The standalone HTML map and the shared style: colours, escaped popups, legend, cap."""

from __future__ import annotations

import base64
import datetime as dt
import http.server
import io
import json
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import ClassVar

import pytest

from eventmap.errors import BadInput
from eventmap.export import write_html_map
from eventmap.export.style import EVENT_COLOURS, popup_html
from eventmap.imports import read_acled
from eventmap.model import EVENT_TYPES, Event

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
XSS = [
    "<script>alert(1)</script>",
    "</script><script>alert(2)</script>",
    '"><img src=x onerror=alert(3)>',
    "${alert(4)}",
    "`;alert(5);`",
    "\\`;alert(6);//",
    "<svg onload=alert(7)>",
]


def event(i: int = 0, payload: str = "Ouagadougou") -> Event:
    return Event(
        id=f"ev-{i}",
        date=dt.date(2021, 3, 1),
        event_type=EVENT_TYPES[i % 6],
        latitude=12.37 + i * 1e-4,
        longitude=-1.52,
        place=payload,
        country_code="BF",
        quote=payload,
        actors=[payload],
        source_title=payload,
        admin1=payload,
        source_url="https://example.org/a?b=1&c=" + payload,
    )


def html_of(events: list[Event], **options: object) -> tuple[str, int]:
    """The page with CDN links and no embedded borders, so assertions read the page's own
    code, not Leaflet's or the borders' (740 KB of numbers)."""
    out = io.StringIO()
    options.setdefault("assets", "cdn")
    options.setdefault("borders", False)
    shown = write_html_map(events, out, **options)
    return out.getvalue(), shown


def test_one_colour_per_event_type() -> None:
    assert set(EVENT_COLOURS) == set(EVENT_TYPES)
    assert len(set(EVENT_COLOURS.values())) == len(EVENT_TYPES)


@pytest.mark.parametrize("payload", XSS)
def test_popup_escapes_everything(payload: str) -> None:
    html = popup_html(event(0, payload))
    for dangerous in ("<script", "<img", "<svg", "${", "`", "\\"):
        assert dangerous not in html
    assert re.findall(r"<(\w+)", html) and set(re.findall(r"<(\w+)", html)) <= {
        "div",
        "b",
        "br",
        "i",
        "a",
    }


def test_popup_links_only_http_urls() -> None:
    assert 'href="https://example.org/' in popup_html(event())
    bad = event().with_changes(source_url="javascript:alert(1)")
    assert "href" not in popup_html(bad)


@pytest.mark.parametrize("payload", XSS)
def test_map_page_carries_no_payload_as_code(payload: str) -> None:
    page, shown = html_of([event(i, payload) for i in range(3)])
    assert shown == 3
    data = re.search(r"var data = (\[.*?\]);\n", page, re.DOTALL)
    assert data, "marker data missing"
    rows = json.loads(data.group(1))
    assert len(rows) == 3 and all(r[3] == popup_html(event(i, payload)) for i, r in enumerate(rows))
    # The payload's characters never appear raw in the page: only escaped or \u-encoded.
    for dangerous in ("<script>alert", "</script><script>", "<img src=x", "<svg onload", "${alert"):
        assert dangerous not in page


def test_legend_and_colours() -> None:
    events = list(read_acled(FIXTURES / "acled_current.csv").events)
    page, shown = html_of(events, title="Sahel <March>")
    assert shown == len(events)
    assert "eventmap-legend" in page and "Sahel &lt;March&gt;" in page
    for event_type, colour in EVENT_COLOURS.items():
        assert colour in page
        assert f"{event_type} (1)" in page
    assert "markerClusterGroup" not in page  # few events: no clustering


def test_many_events_are_clustered_and_capped() -> None:
    events = (event(i) for i in range(1200))
    page, shown = html_of(events, limit=1000, cluster_threshold=500)
    assert shown == 1000
    assert "markerClusterGroup" in page
    assert "first 1,000 events only" in page


def test_empty_selection_still_writes_a_map(tmp_path: Path) -> None:
    path = tmp_path / "map.html"
    assert write_html_map([], path) == 0
    assert "0 events" in path.read_text(encoding="utf-8")


BROWSER_PAYLOADS = [
    '<img src=x onerror="window.__xss=1">',
    "<script>window.__xss=2</script>",
    "</script><script>window.__xss=3</script>",
    "${window.__xss=4}",
    "`;window.__xss=5;`",
    '<svg onload="window.__xss=6">',
    '"><iframe src="javascript:window.parent.__xss=7"></iframe>',
    "\\`;window.__xss=8;//",
]

POPUPS_JS = """() => {
    const name = Object.keys(window).find(k => k.startsWith('map_'));
    const texts = [];
    const seen = new Set();
    const visit = layer => {
        if (seen.has(L.stamp(layer))) return;
        seen.add(L.stamp(layer));
        if (layer.eachLayer) { layer.eachLayer(visit); return; }
        if (!layer.getPopup || !layer.getPopup()) return;
        const div = document.createElement('div');
        div.innerHTML = layer.getPopup().getContent();  // what Leaflet does on opening
        document.body.appendChild(div);
        texts.push(div.innerText);
    };
    window[name].eachLayer(visit);
    return texts;
}"""


@pytest.mark.needs_browser
@pytest.mark.parametrize("clustered", [False, True])
def test_payloads_stay_text_in_a_real_browser(
    tmp_path: Path, chromium_path: str, clustered: bool
) -> None:
    from needs import require
    from playwright.sync_api import sync_playwright

    from eventmap.errors import BadInput
    from eventmap.export.html_map import find_assets_dir

    try:
        find_assets_dir()
    except BadInput as exc:
        require(False, str(exc))
    events = [event(i, payload) for i, payload in enumerate(BROWSER_PAYLOADS)]
    events.append(event(99).with_changes(source_url="javascript:window.__xss=9"))
    path = tmp_path / "map.html"
    write_html_map(
        events,
        path,
        assets="inline",
        tiles=None,
        cluster_threshold=0 if clustered else 1000,
        title=BROWSER_PAYLOADS[0],
    )
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path, args=["--no-sandbox"])
        try:
            page = browser.new_page()
            dialogs: list[str] = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            outside: list[str] = []
            page.on(
                "request",
                lambda r: None if r.url.startswith(("file:", "data:")) else outside.append(r.url),
            )
            page.goto(path.as_uri())
            page.wait_for_function(
                "window.L !== undefined && Object.keys(window).some(k => k.startsWith('map_'))"
            )
            if not clustered:  # click real markers open
                markers = page.locator("path.leaflet-interactive")
                assert markers.count() == len(events)
                for i in range(markers.count()):
                    markers.nth(i).click(force=True)
                    assert page.locator(".leaflet-popup-content").count() == 1
            texts = page.evaluate(POPUPS_JS)
            page.wait_for_timeout(300)  # let any injected handler run
            assert page.evaluate("window.__xss") is None
            assert dialogs == [] and outside == []
            assert len(texts) == len(events)
            for payload in BROWSER_PAYLOADS:
                assert any(payload in text for text in texts), payload  # shown as text
            legend = page.inner_text(".eventmap-legend")
            assert BROWSER_PAYLOADS[0] in legend
        finally:
            browser.close()


def test_asset_options_fail_before_reading_events(tmp_path: Path) -> None:
    from eventmap.errors import BadInput

    def never():  # an iterable that must not be touched
        raise AssertionError("events read before the options were checked")
        yield

    with pytest.raises(BadInput, match="assets must be"):
        write_html_map(never(), io.StringIO(), assets="local")
    with pytest.raises(BadInput, match="Leaflet not found"):
        write_html_map(never(), io.StringIO(), assets="inline", assets_dir=tmp_path)


def test_page_ignores_what_others_did_to_folium_globals(monkeypatch: pytest.MonkeyPatch) -> None:
    import folium
    import folium.plugins

    monkeypatch.setattr(folium.Map, "default_js", [("leaflet", "/app/static/vendor/leaflet.js")])
    monkeypatch.setattr(folium.plugins.FastMarkerCluster, "default_js", [("mc", "/app/x.js")])
    page, _ = html_of([event(i) for i in range(3)], cluster_threshold=1)
    assert "/app/" not in page
    assert "https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js" in page
    assert "leaflet.markercluster@1.5.3/dist/leaflet.markercluster.js" in page


def test_default_embeds_the_local_leaflet_when_installed(tmp_path: Path) -> None:
    from eventmap.export.html_map import find_assets_dir

    try:
        find_assets_dir()
    except BadInput:
        pytest.skip("no local Leaflet (run ./dev install): the default falls back to the CDN")
    out = io.StringIO()
    write_html_map([], out)
    assert "cdn.jsdelivr.net" not in out.getvalue()


@pytest.mark.parametrize(
    "payload",
    ["{{ 7*7 }}zq", "{% for x in range(3) %}X{% endfor %}",
     "{{ cycler.__init__.__globals__.os.getpid() }}", "{# hidden #}"],
)
def test_template_syntax_in_article_text_is_never_evaluated(payload: str) -> None:
    """folium renders elements again as Jinja: article text must stay text, not code."""
    import os

    events = [event(0, payload)]
    page, _ = html_of(events, title=payload)
    assert "49zq" not in page  # no evaluated arithmetic
    assert str(os.getpid()) not in page
    assert "XXX" not in page
    assert "&#123;" in page  # the braces are there, as inert entities


# --- the base map: offline borders by default, an online tile server on request -----------


def borders_installed() -> Path:
    from eventmap.export.html_map import BORDERS_JSON, find_assets_dir, find_borders

    try:
        find_assets_dir()
    except BadInput:
        pytest.skip("no local Leaflet (run ./dev install): the default falls back to the CDN")
    folder = find_borders()
    if folder is None:
        pytest.skip("no world-atlas/topojson-client in node_modules (run ./dev install)")
    assert (folder / BORDERS_JSON).is_file()
    return folder


def embedded_borders(page: str) -> object:
    found = re.search(r'<script type="application/json" id="country_borders_\w+_data">(.*?)'
                      r"</script>", page, re.DOTALL)
    assert found, "no embedded borders"
    return json.loads(found.group(1))


def test_default_base_map_is_borders_embedded_in_the_page() -> None:
    from eventmap.export.html_map import BORDERS_JSON

    folder = borders_installed()
    out = io.StringIO()
    write_html_map([event(i) for i in range(3)], out)
    page = out.getvalue()
    assert embedded_borders(page) == json.loads((folder / BORDERS_JSON).read_text("utf-8"))
    assert "tile.openstreetmap.org" not in page and "L.tileLayer" not in page
    assert "topojson.feature" in page and "Natural Earth" in page
    assert "cdn.jsdelivr.net" not in page  # Leaflet embedded too: nothing to fetch


def test_tiles_option_gives_an_online_tile_server_instead() -> None:
    borders_installed()
    page, _ = html_of([event()], tiles="OpenStreetMap", borders=None)
    assert "tile.openstreetmap.org" in page and "topojson.feature" not in page
    url = "https://tiles.example.org/base/{z}/{x}/{y}.png"
    page, _ = html_of([event()], tiles=url, borders=None)
    assert url in page and "Tiles: tiles.example.org" in page
    assert "topojson.feature" not in page
    page, _ = html_of([event()], tiles=url, borders=True)  # both, when asked
    assert url in page and "topojson.feature" in page
    page, _ = html_of([event()], tiles=None, borders=False)  # neither
    assert "L.tileLayer" not in page and "topojson.feature" not in page


@pytest.mark.parametrize(
    ("tiles", "reason"),
    [
        ("javascript:alert(1)//{z}/{x}/{y}", "must start with http"),
        ("ftp://tiles.example.org/{z}/{x}/{y}.png", "must start with http"),
        ("https://tiles.example.org/tile.png", "needs {z}, {x} and {y}"),
        ("No Such Tiles", "unknown tile server"),
    ],
)
def test_bad_tiles_fail_before_reading_events(tiles: str, reason: str) -> None:
    def never():  # an iterable that must not be touched
        raise AssertionError("events read before the options were checked")
        yield

    with pytest.raises(BadInput, match=re.escape(reason)):
        write_html_map(never(), io.StringIO(), tiles=tiles)


def test_without_world_atlas_auto_falls_back_to_online_tiles(tmp_path: Path) -> None:
    from eventmap.export.html_map import LOCAL_FILES, find_assets_dir

    try:
        source = find_assets_dir()
    except BadInput:
        pytest.skip("no local Leaflet (run ./dev install)")
    for name in LOCAL_FILES:  # Leaflet only, no borders
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes((source / name).read_bytes())
    out = io.StringIO()
    write_html_map([event()], out, assets_dir=tmp_path)
    assert "tile.openstreetmap.org" in out.getvalue()  # as before borders existed
    assert "topojson.feature" not in out.getvalue()
    with pytest.raises(BadInput, match="world-atlas"):
        write_html_map([event()], io.StringIO(), assets_dir=tmp_path, borders=True)


def test_cli_tiles_only_for_the_html_map(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from eventmap.cli import main

    db = str(tmp_path / "events.sqlite")
    result = CliRunner().invoke(main, ["export", "--format", "csv", "--tiles", "OpenStreetMap",
                                       "--db", db])
    assert result.exit_code == 2 and "only the HTML map has tiles" in result.output
    result = CliRunner().invoke(main, ["export", "--format", "html", "--tiles", "ftp://x/{z}",
                                       "--db", db, "-o", str(tmp_path / "m.html")])
    assert result.exit_code == 1 and "must start with http" in result.output
    assert not (tmp_path / "m.html").exists()


# Count what the page drew: border paths in their pane, event markers above them.
DRAWN_JS = """() => ({
    borders: document.querySelectorAll('.leaflet-borders-pane path').length,
    markers: document.querySelectorAll('.leaflet-overlay-pane path.leaflet-interactive').length,
    tiles: document.querySelectorAll('img.leaflet-tile').length,
})"""


class TileHandler(http.server.BaseHTTPRequestHandler):
    """A tile server on 127.0.0.1: a 1×1 PNG for every /z/x/y.png asked for."""

    asked: ClassVar[list[str]] = []
    PNG = base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
    )

    def log_message(self, *_args: object) -> None:
        pass

    def do_GET(self) -> None:  # http.server's name
        TileHandler.asked.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(self.PNG)))
        self.end_headers()
        self.wfile.write(self.PNG)


@pytest.mark.needs_browser
def test_exported_map_draws_borders_with_no_request_in_chromium(
    tmp_path: Path, chromium_path: str
) -> None:
    """``eventmap export --format html`` of a store: opened from disk in Chromium, the page
    draws country borders and every marker while asking nothing of anyone; with ``--tiles``
    it asks that tile server, and only it."""
    from playwright.sync_api import sync_playwright

    from eventmap.store import open_store

    borders_installed()
    db = tmp_path / "events.sqlite"
    with open_store(db) as store:
        store.add_events([event(i, payload) for i, payload in enumerate(BROWSER_PAYLOADS)])
    offline, online = tmp_path / "offline.html", tmp_path / "online.html"
    cli = [sys.executable, "-m", "eventmap.cli", "export", "--format", "html", "--db", str(db)]
    done = subprocess.run([*cli, "-o", str(offline)], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    TileHandler.asked.clear()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), TileHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    tiles = f"http://127.0.0.1:{server.server_address[1]}/{{z}}/{{x}}/{{y}}.png"
    done = subprocess.run([*cli, "-o", str(online), "--tiles", tiles], capture_output=True,
                          text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium_path, args=["--no-sandbox"])
            try:
                for path, with_tiles in ((offline, False), (online, True)):
                    page = browser.new_page()
                    requests: list[str] = []
                    page.on("request", lambda r, seen=requests: seen.append(r.url))
                    dialogs: list[str] = []
                    page.on("dialog", lambda d, seen=dialogs: (seen.append(d.message),
                                                               d.dismiss()))
                    page.goto(path.as_uri())
                    page.wait_for_function(
                        "document.querySelectorAll('.leaflet-borders-pane path').length > 0"
                        if not with_tiles else "document.querySelectorAll('img.leaflet-tile')"
                        ".length > 0"
                    )
                    page.wait_for_timeout(500)
                    drawn = page.evaluate(DRAWN_JS)
                    assert drawn["markers"] == len(BROWSER_PAYLOADS)
                    others = [u for u in requests if u != path.as_uri()]
                    if with_tiles:
                        assert drawn["borders"] == 0 and drawn["tiles"] > 0
                        assert others and all(u.startswith(tiles.split("{")[0]) for u in others)
                    else:
                        # land and the shared borders (two paths), and no tile at all
                        assert drawn["borders"] >= 2 and drawn["tiles"] == 0
                        assert others == [], others  # zero requests leave the page
                    assert page.evaluate("window.__xss") is None and dialogs == []
                    page.close()
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    assert TileHandler.asked  # the online page did ask the given tile server
