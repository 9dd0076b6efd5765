"""How fast the dashboard's map is in a real browser, with 1k, 10k and 100k stored events.

For each size: a SQLite store of synthetic events (3,000 places, two years), the dashboard
started as ``eventmap dashboard`` starts it, and Debian's Chromium driven by Playwright:

- ``load → markers``: from reloading the page (second visit: the server process is warm and
  the browser has Leaflet cached) to every event counted on the map (single markers, place
  markers' counts and cluster labels add up to the stored count);
- ``filter → map``: from pressing Enter in the sidebar's date range (one quarter) to the map
  showing exactly that quarter's count;
- bytes the browser received: HTTP (page, Leaflet & co., cached after the first load) and
  the websocket (Streamlit's messages: the map script, the table, the chart), for the first
  load and for one filter change (the markers' JSON comes over HTTP, counted in ``http``);
- ``js fetch`` / ``js drawn``: inside the map, after the filter change, ms from the layer's
  script start to its JSON parsed and to the last marker clustered.

Run: ``python3 bench/dashboard_speed.py [1000 10000 100000 …]`` (sizes optional; a path
ending in ``.sqlite`` measures that store instead, e.g. a million events built once;
``EVENTMAP_CHROMIUM`` overrides /usr/bin/chromium). Prints one row per size.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "dashboard"))

from browser import (
    CHROMIUM_ARGS,
    dashboard_server,
    guard_network,
    map_frame,
    wait_markers,
)
from seeding import synthetic_events

from eventmap.store import open_store
from eventmap.store.base import EventFilter

SPAN = (dt.date(2020, 4, 1), dt.date(2020, 6, 30))


def build_store(path: Path, n: int) -> float:
    t0 = time.perf_counter()
    with open_store(str(path)) as store:
        store.add_events(synthetic_events(n))
    return time.perf_counter() - t0


def set_dates(pg: Any, start: dt.date, end: dt.date) -> None:
    for which, day in (("start", start), ("end", end)):
        for part, value in (("year", f"{day.year}"), ("month", f"{day.month:02d}"),
                            ("day", f"{day.day:02d}")):
            box = pg.get_by_role("spinbutton", name=f"{part}, Dates {which} date")
            box.click()
            box.press_sequentially(value)


class Bytes:
    """Bytes received over HTTP and over Streamlit's websocket."""

    def __init__(self, pg: Any) -> None:
        self.http = 0
        self.ws = 0
        pg.on("response", self._response)
        pg.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _response(self, resp: Any) -> None:
        try:
            self.http += len(resp.body())
        except Exception:  # noqa: BLE001, S110 - redirects and aborted requests have no body
            pass

    def _frame(self, payload: Any) -> None:
        self.ws += len(payload)

    def take(self) -> tuple[int, int]:
        out = (self.http, self.ws)
        self.http = self.ws = 0
        return out


def measure(n: int | Path, chromium: str, workdir: Path) -> dict[str, Any]:
    """One row of the table; ``n`` events in a new store, or an existing store file."""
    from playwright.sync_api import sync_playwright

    if isinstance(n, Path):
        db, build_s = n, float("nan")
    else:
        db = workdir / f"bench_{n}.sqlite"
        build_s = build_store(db, n)
    with open_store(str(db)) as store:
        total = store.count()
        in_span = store.count(EventFilter(since=SPAN[0], until=SPAN[1]))
    row: dict[str, Any] = {"events": total, "store_build_s": build_s, "quarter": in_span}
    with dashboard_server(str(db), workdir / f"streamlit_{Path(str(n)).name}.log") as base, \
            sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 900})
        seen: list[str] = []
        guard_network(pg, seen)
        counter = Bytes(pg)
        t_first = time.perf_counter()
        pg.goto(base + "/")  # a first visit warms the server (imports, caches) and HTTP cache
        wait_markers(pg, total, timeout_s=600)
        row["first_visit_s"] = time.perf_counter() - t_first
        counter.take()
        t0 = time.perf_counter()
        pg.reload()
        got = wait_markers(pg, total, timeout_s=600)
        row["load_to_markers_s"] = time.perf_counter() - t0
        row["load_ok"] = got == total
        pg.wait_for_timeout(1500)
        row["load_http_bytes"], row["load_ws_bytes"] = counter.take()
        set_dates(pg, *SPAN)
        counter.take()
        t1 = time.perf_counter()
        pg.keyboard.press("Enter")
        pg.locator('[data-testid="stSidebar"]').get_by_text("Filters").click()  # commits it
        got = wait_markers(pg, in_span, timeout_s=300)
        row["filter_to_map_s"] = time.perf_counter() - t1
        row["filter_ok"] = got == in_span
        timing = map_frame(pg).evaluate("() => (window.EM && window.EM.timing) || {}")
        row["js_fetch_ms"] = timing.get("fetched", float("nan"))
        row["js_drawn_ms"] = timing.get("drawn", float("nan"))
        pg.wait_for_timeout(1500)
        row["filter_http_bytes"], row["filter_ws_bytes"] = counter.take()
        row["off_machine"] = len({u for u in seen if not u.startswith(("http://127.0.0.1",
                                                                          "ws://127.0.0.1"))})
        browser.close()
    return row


def main(argv: list[str]) -> int:
    sizes: list[int | Path] = [Path(a) if a.endswith((".sqlite", ".db")) else int(a)
                               for a in argv] or [1_000, 10_000, 100_000]
    chromium = os.environ.get("EVENTMAP_CHROMIUM", "/usr/bin/chromium")
    print(f"{'events':>9} {'quarter':>8} {'1st visit':>10} {'load→markers':>13} {'filter→map':>11} "
          f"{'load http':>10} {'load ws':>10} {'filter ws':>10} {'ok':>3} {'store':>7} "
          f"{'js fetch':>9} {'js drawn':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            r = measure(n, chromium, Path(tmp))
            ok = "yes" if r["load_ok"] and r["filter_ok"] and not r["off_machine"] else "NO"
            print(f"{r['events']:>9,} {r['quarter']:>8,} {r['first_visit_s']:>9.2f}s "
                  f"{r['load_to_markers_s']:>12.2f}s "
                  f"{r['filter_to_map_s']:>10.2f}s {r['load_http_bytes'] / 1e6:>8.2f}MB "
                  f"{r['load_ws_bytes'] / 1e6:>8.2f}MB {r['filter_ws_bytes'] / 1e6:>8.2f}MB "
                  f"{ok:>3} {r['store_build_s']:>6.1f}s {r['js_fetch_ms']:>7.0f}ms "
                  f"{r['js_drawn_ms']:>7.0f}ms", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
