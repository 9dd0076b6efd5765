"""The real dashboard in real Chromium: offline map, marker counts, dates, export, XSS.

Starts the same command as ``eventmap dashboard`` on 127.0.0.1 with a seeded SQLite store;
every request is recorded and anything leaving the machine fails the test. Screenshots of
each page (1400×900) go to ``artifacts/screenshots/``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser import (
    CHROMIUM_ARGS,
    dashboard_server,
    guard_network,
    map_frame,
    off_machine,
    wait_markers,
)

from eventmap.store import open_store
from eventmap.store.base import EventFilter

pytestmark = [pytest.mark.needs_browser, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "artifacts" / "screenshots"
SPAN = (dt.date(2021, 3, 20), dt.date(2021, 4, 10))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    import seeding

    path = tmp_path_factory.mktemp("e2e") / "events.sqlite"
    seeding.seed(path)
    return str(path)


@pytest.fixture(scope="module")
def server(db: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("log") / "streamlit.log"
    with dashboard_server(db, log) as base:
        yield base


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    ctx = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    pg = ctx.new_page()
    seen: list[str] = []
    guard_network(pg, seen)
    yield pg, seen
    ctx.close()


def shoot(pg: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.wait_for_timeout(800)
    pg.screenshot(path=str(SHOTS / f"{name}.png"))


def count(db: str, flt: EventFilter | None = None) -> int:
    with open_store(db) as store:
        return store.count(flt or EventFilter())


def stated_total(pg: Any) -> int:
    text = pg.get_by_text(re.compile(r"^\d[\d,]* events ·")).first.inner_text(timeout=30000)
    return int(text.split()[0].replace(",", ""))


def wait_for_app(pg: Any) -> None:
    pg.wait_for_selector('[data-testid="stSidebar"]', timeout=60000)
    pg.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60000)


def test_map_renders_offline_with_every_event(server: str, db: str, page: Any) -> None:
    pg, seen = page
    pg.goto(server + "/")
    wait_for_app(pg)
    total = count(db)
    assert wait_markers(pg, total) == total
    assert stated_total(pg) == total
    frame = map_frame(pg)
    frame.wait_for_function(
        "() => document.querySelectorAll('.leaflet-overlay-pane path, "
        ".leaflet-borders-pane path').length > 0",
        timeout=30000,
    )
    shoot(pg, "map")
    pg.mouse.move(1390, 600)
    pg.mouse.wheel(0, 700)
    shoot(pg, "map_timeline_table")
    assert off_machine(seen) == []
    assert any("/app/static/vendor/leaflet/leaflet.js" in u for u in seen)


def set_dates(pg: Any, start: dt.date, end: dt.date) -> None:
    """Type a range into the sidebar's date input (Streamlit draws it as spinbuttons).

    Retried: a rerun that lands while typing (the map reporting its first state) redraws the
    input and drops what was typed.
    """
    wanted = re.compile(rf"since={start}&until={end}")
    for _attempt in range(3):
        pg.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60000)
        for which, day in (("start", start), ("end", end)):
            for part, value in (("year", f"{day.year}"), ("month", f"{day.month:02d}"),
                                ("day", f"{day.day:02d}")):
                box = pg.get_by_role("spinbutton", name=f"{part}, Dates {which} date")
                box.click()
                box.press_sequentially(value)
        pg.keyboard.press("Enter")
        pg.locator('[data-testid="stSidebar"]').get_by_text("Filters").click()
        try:
            pg.wait_for_url(wanted, timeout=10000)
            return
        except Exception:  # noqa: BLE001, S112 - playwright's TimeoutError: type it again
            continue
    raise AssertionError(f"the date range {start}–{end} did not take")


def test_date_range_changes_map_timeline_and_table(server: str, db: str, page: Any) -> None:
    pg, seen = page
    pg.goto(server + "/")
    wait_for_app(pg)
    total = count(db)
    wait_markers(pg, total)
    expected = count(db, EventFilter(since=SPAN[0], until=SPAN[1]))
    assert 0 < expected < total
    set_dates(pg, *SPAN)
    assert wait_markers(pg, expected) == expected
    pg.wait_for_function(
        "n => [...document.querySelectorAll('[data-testid=stCaptionContainer]')]"
        ".some(e => e.innerText.startsWith(n + ' events ·'))",
        arg=expected,
        timeout=30000,
    )
    assert f"since={SPAN[0]}" in pg.url and f"until={SPAN[1]}" in pg.url
    captions = pg.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
    assert any(
        c.startswith(f"Timeline: {expected} events from {SPAN[0]} to {SPAN[1]}") for c in captions
    ), captions
    assert any(c.startswith(f"{expected} of {expected} events") for c in captions), captions
    assert off_machine(seen) == []


def test_geojson_download_is_the_filtered_view(
    server: str, db: str, page: Any, ogrinfo: str, tmp_path: Path
) -> None:
    pg, seen = page
    query = f"since={SPAN[0]}&until={SPAN[1]}&type=Battles&type=Riots&type=Protests"
    pg.goto(f"{server}/export?{query}")
    wait_for_app(pg)
    flt = EventFilter(since=SPAN[0], until=SPAN[1], event_types=("Battles", "Riots", "Protests"))
    with open_store(db) as store:
        expected = {e.id for e in store.query(flt)}
    assert expected
    shoot(pg, "export")
    with pg.expect_download(timeout=60000) as dl:
        pg.get_by_role("button", name=re.compile("GeoJSON")).click()
    target = tmp_path / "view.geojson"
    dl.value.save_as(str(target))
    data = json.loads(target.read_text(encoding="utf-8"))
    assert {f["properties"]["id"] for f in data["features"]} == expected
    info = subprocess.run(
        [ogrinfo, "-ro", "-so", "-al", str(target)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    assert f"Feature Count: {len(expected)}" in info
    # the map of the same link shows the same number
    pg.goto(f"{server}/?{query}")
    wait_for_app(pg)
    assert wait_markers(pg, len(expected)) == len(expected)
    assert off_machine(seen) == []


def test_popup_with_script_shows_text_and_runs_nothing(server: str, page: Any) -> None:
    pg, seen = page
    pg.goto(server + "/?q=Witnesses")
    wait_for_app(pg)
    assert wait_markers(pg, 1) == 1
    frame = map_frame(pg)
    pg.wait_for_timeout(1200)  # let the map finish fitting the view around the marker
    frame.locator(".leaflet-marker-pane .em-marker").first.click()
    popup = frame.locator(".leaflet-popup-content .em-popup")
    popup.wait_for(timeout=15000)
    text = popup.inner_text()
    assert "<script>window.__xss = 1</script>" in text
    assert '<img src=x onerror="window.__xss = 2">' in text
    assert popup.locator("script, img").count() == 0
    assert popup.locator("a").count() == 0  # a javascript: link is not made clickable
    pg.wait_for_timeout(500)
    assert frame.evaluate("() => window.__xss") is None
    assert pg.evaluate("() => window.__xss") is None
    shoot(pg, "map_popup")
    # the click lists the place's events beside the map
    pg.get_by_text("Basra — 1 event(s)").wait_for(timeout=30000)
    assert pg.locator('[data-testid="stException"]').count() == 0
    assert off_machine(seen) == []


def test_other_pages_render(server: str, page: Any) -> None:
    pg, seen = page
    for path, name, marker in (
        ("/documents", "documents", "Roquette sur Bagdad"),
        ("/review?event=ev-doc-rocket", "review", "pick an alternative, or click the map"),
        ("/add", "add_articles", "Add articles"),
    ):
        pg.goto(server + path)
        wait_for_app(pg)
        pg.get_by_text(marker).first.wait_for(timeout=30000)
        assert pg.locator('[data-testid="stException"]').count() == 0
        shoot(pg, name)
    assert off_machine(seen) == []


def test_brush_step_and_row_selection(server: str, db: str, page: Any) -> None:
    """Dragging across the timeline sets the dates; Step ▶ and Play slide a window; a selected
    table row is ringed on the map."""
    pg, seen = page
    pg.goto(server + "/")
    wait_for_app(pg)
    total = count(db)
    wait_markers(pg, total)
    chart = pg.locator('[data-testid="stVegaLiteChart"]').first
    chart.scroll_into_view_if_needed()
    box = chart.bounding_box()
    y = box["y"] + box["height"] * 0.6
    pg.mouse.move(box["x"] + box["width"] * 0.3, y)
    pg.mouse.down()
    pg.mouse.move(box["x"] + box["width"] * 0.5, y, steps=8)
    pg.mouse.up()
    pg.wait_for_url(re.compile(r"since=.*until="), timeout=30000)
    since = dt.date.fromisoformat(re.search(r"since=([\d-]+)", pg.url).group(1))
    until = dt.date.fromisoformat(re.search(r"until=([\d-]+)", pg.url).group(1))
    brushed = count(db, EventFilter(since=since, until=until))
    assert 0 < brushed < total
    assert wait_markers(pg, brushed) == brushed

    pg.get_by_role("button", name="All dates").click()
    assert wait_markers(pg, total) == total
    pg.get_by_role("button", name="Step ▶").click()
    pg.wait_for_url(re.compile(r"since=2021-03-01&until=2021-03-07"), timeout=30000)
    week = count(db, EventFilter(since=dt.date(2021, 3, 1), until=dt.date(2021, 3, 7)))
    assert wait_markers(pg, week) == week
    pg.get_by_text("Play", exact=True).click()  # slides the window on by itself
    pg.wait_for_url(re.compile(r"since=2021-03-15&until=2021-03-21"), timeout=30000)
    pg.get_by_text("Play", exact=True).click()

    grid = pg.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    gbox = grid.bounding_box()
    pg.mouse.click(gbox["x"] + 16, gbox["y"] + 35 + 17)  # the first row's selection box
    pg.get_by_text("1 selected row(s) ringed on the map.").wait_for(timeout=30000)
    frame = map_frame(pg)
    frame.wait_for_function("() => document.querySelectorAll('path.em-highlight').length == 1",
                            timeout=30000)
    assert off_machine(seen) == []
