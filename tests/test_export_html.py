"""The standalone HTML map and the shared style: colours, escaped popups, legend, cap."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

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
    """The page with CDN links, so assertions read the page's own code, not Leaflet's."""
    out = io.StringIO()
    options.setdefault("assets", "cdn")
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
