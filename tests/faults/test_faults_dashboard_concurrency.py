"""Two ``eventmap ingest`` processes and the real dashboard on one SQLite file at once.

The dashboard is the Streamlit server ``eventmap dashboard`` starts (``dashboard/launch.py``'s
command, on 127.0.0.1), opened in headless Chromium; its first page creates the empty store.
Then both ingests start on overlapping folders, and the map page is reloaded again and again
while they run, each time made to ask the store afresh ("Reload from the store": no cached
count). No page, and nothing in
the server's log, may show "locked", an exception or a traceback; the counts the page shows
only grow; once the ingests are done the page's count and the markers on its map equal the
store's count, with no event lost or duplicated.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from browser import (  # the dashboard tests' helpers (tests/faults/conftest.py)
    CHROMIUM_ARGS,
    dashboard_server,
    guard_network,
    off_machine,
    wait_markers,
)
from dashboard_pages import check_server_log, open_map, reload_from_store
from faults_helpers import PUBLISHED, check_documents_whole, expected_events, spawn, write_corpus

from eventmap.store import EventFilter, open_store

pytestmark = [pytest.mark.needs_browser, pytest.mark.slow]
PER_DOC = 6
PER_WRITER, SHARED = 400, 80
DOCS = 2 * PER_WRITER - SHARED


def test_two_cli_ingests_and_the_dashboard_in_chromium_on_one_sqlite_file(
    tmp_path: Path, chromium_path: str
) -> None:
    from playwright.sync_api import sync_playwright

    # a: documents 0-399, b: documents 0-79 and 400-719: both start on the 80 shared ones
    # (the writing itself must last long enough for the page to be read part-way).
    paths_a = write_corpus(tmp_path / "a", PER_WRITER, PER_DOC, start=0)
    paths_b = write_corpus(tmp_path / "b", SHARED, PER_DOC, start=0)
    paths_b += write_corpus(tmp_path / "b", PER_WRITER - SHARED, PER_DOC, start=PER_WRITER)
    expected = expected_events(paths_a + paths_b)
    total = sum(len(v) for v in expected.values())
    assert len(expected) == DOCS and all(expected.values())
    db = str(tmp_path / "shared.sqlite")
    log = tmp_path / "streamlit.log"

    with dashboard_server(db, log) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        ctx = browser.new_context(viewport={"width": 1400, "height": 900})
        pg = ctx.new_page()
        seen: list[str] = []
        guard_network(pg, seen)
        # the server's first page loads its modules and creates the (empty) store: done before
        # the writers start, so that the page is then read many times while they write
        assert open_map(pg, base) == 0
        writers = [
            spawn("ingest", str(tmp_path / n), "--db", db, "--published", PUBLISHED,
                  "--no-progress")
            for n in ("a", "b")
        ]
        shown: list[int] = []
        during = 0  # reloads that ended while at least one writer was still running
        try:
            deadline = time.monotonic() + 240
            while any(w.poll() is None for w in writers):
                assert time.monotonic() < deadline, "the ingests did not end"
                shown.append(reload_from_store(pg, base))
                during += any(w.poll() is None for w in writers)
            results = [w.communicate(timeout=300) for w in writers]
        finally:
            for w in writers:
                if w.poll() is None:
                    w.kill()
                    w.communicate()

        for w, (out, err) in zip(writers, results, strict=True):
            assert w.returncode == 0, err
            assert "locked" not in (out + err).lower()
            assert f"documents read: {PER_WRITER}" in out
        new = sum(int(out.split("(new ")[1].split(",")[0]) for out, _ in results)
        assert new == DOCS  # each shared document stored by exactly one of the two

        # read while they wrote, and seen part-way: the page did read a store being written
        assert during >= 2, f"the page was read only {during} times while the ingests wrote"
        assert any(0 < n < total for n in shown), shown
        assert shown == sorted(shown) and all(0 <= n <= total for n in shown), shown

        # the ingests are done: the page shows every stored event, on its count and its map
        final = reload_from_store(pg, base)
        with open_store(db) as store:
            stored = store.count()
        assert final == stored == total
        assert wait_markers(pg, total, timeout_s=60) == total
        assert off_machine(seen) == []
        ctx.close()
        browser.close()

    check_server_log(log)
    assert check_documents_whole(db, expected) == DOCS
    with open_store(db) as store:
        ids = [e.id for e in store.query(EventFilter())]
    assert len(ids) == len(set(ids)) == total
