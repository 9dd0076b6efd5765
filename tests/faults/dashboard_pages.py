"""Reading the real dashboard's pages in Chromium (Playwright), for the fault tests that run
it beside writers: wait for a run to end, check a page is clean, read the map page's count."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

BAD_WORDS = ("locked", "traceback", "exception", "operationalerror")


def wait_for_app(pg: Any) -> None:
    pg.wait_for_selector('[data-testid="stSidebar"]', timeout=60000)
    pg.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60000)


def check_clean(pg: Any, bad_words: tuple[str, ...] = BAD_WORDS) -> None:
    """No exception, traceback or "locked" anywhere on the page."""
    body = pg.inner_text("body")
    assert pg.locator('[data-testid="stException"]').count() == 0, body[-2000:]
    for word in bad_words:
        assert word not in body.lower(), body[-2000:]


def check_server_log(log: Path, bad_words: tuple[str, ...] = BAD_WORDS) -> None:
    """No exception, traceback or "locked" in what the Streamlit server wrote."""
    text = log.read_text(encoding="utf-8", errors="replace").lower()
    for word in bad_words:
        assert word not in text, text[-3000:]


def shown_total(pg: Any) -> int:
    """The count the map page states ("1,234 events · …"), after checking the page is clean."""
    caption = pg.get_by_text(re.compile(r"^\d[\d,]* events ·")).first
    text = caption.inner_text(timeout=30000)
    check_clean(pg)
    return int(text.split()[0].replace(",", ""))


def open_map(pg: Any, base: str) -> int:
    """Open the map page anew (a new session) and return the count it shows."""
    pg.goto(base + "/")
    wait_for_app(pg)
    return shown_total(pg)


def reload_from_store(pg: Any, base: str) -> int:
    """"Reload from the store" (the dashboard drops its cached reads and reads the store
    again, on this page), then open the map page anew: the count it shows is then read from
    the store at that moment, never a cached one."""
    pg.get_by_role("button", name="Reload from the store").click()
    pg.wait_for_timeout(300)  # the rerun starts
    wait_for_app(pg)
    check_clean(pg)
    return open_map(pg, base)
