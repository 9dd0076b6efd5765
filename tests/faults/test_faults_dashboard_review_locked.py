"""The Review page's save and delete while another program holds the store's write lock
longer than the waits (shortened here: 0.3 s busy timeout, retried for 1 s; the defaults
are 10 s and 60 s), through Streamlit's AppTest on a real SQLite file.

Each is one message on the page ("Not saved: …" / "Not deleted: …", naming the store as
busy and saying nothing was written), never an exception or a traceback (the delete was one
before); nothing is written; once the lock is gone the same clicks work.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from faults_helpers import hold_lock, release, write_acled
from needs import ROOT

from eventmap.store import EventFilter, open_store

APP = str(ROOT / "dashboard" / "app.py")


@pytest.fixture(autouse=True)
def _folium_globals() -> Iterator[None]:
    """The app points folium's asset lists (class attributes) at local files: restore them."""
    import folium
    import folium.plugins

    classes = [folium.Map, folium.plugins.MarkerCluster, folium.plugins.FastMarkerCluster,
               folium.plugins.HeatMap, folium.TopoJson]
    saved = [(c, list(c.default_js), list(c.default_css)) for c in classes]
    yield
    for cls, js, css in saved:
        cls.default_js, cls.default_css = js, css


def messages(at: Any) -> list[str]:
    """The error messages the page shows."""
    return [e.value for e in at.error]


def test_save_and_delete_on_a_locked_store_are_one_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from streamlit.testing.v1 import AppTest

    import eventmap.store.sqlite as lite
    from eventmap.imports import read_acled
    from eventmap.store import sql

    monkeypatch.setattr(sql, "RETRY_SECONDS", 1.0)
    monkeypatch.setattr(lite, "RETRY_SECONDS", 1.0)
    monkeypatch.setattr(lite, "BUSY_TIMEOUT_MS", 300)
    db = str(tmp_path / "events.sqlite")
    csv = tmp_path / "acled.csv"
    write_acled(csv, 20)
    with open_store(db) as store, read_acled(str(csv)) as result:
        assert store.add_events(result.events) == 20
    target = "acled-MLI3"

    monkeypatch.setenv("EVENTMAP_DB", db)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["event"] = target
    at.run()
    at.switch_page("views/review.py")
    at.run()
    assert not at.exception
    assert at.selectbox(key="review_pick").value == target

    holder = hold_lock(db, "write-lock")
    try:
        at.button[0].click().run()  # Save as reviewed (confirm as is)
        assert not at.exception, [e.value for e in at.exception]
        (saved,) = messages(at)
        assert saved.startswith("Not saved: ") and "store busy" in saved, saved
        assert "nothing was written" in saved
        at.button[1].click().run()  # Delete this event
        assert not at.exception, [e.value for e in at.exception]
        (deleted,) = messages(at)
        assert deleted.startswith("Not deleted: ") and "store busy" in deleted, deleted
        # (the page escapes Markdown: "acled\\-MLI3")
        assert "could not delete event" in deleted and "nothing was written" in deleted
        with open_store(db) as store:
            assert store.correction(target) is None
    finally:
        release(holder)

    at.button[1].click().run()  # the same click, the lock gone
    assert not at.exception and not messages(at)
    assert any("Deleted event" in s.value for s in at.success)
    with open_store(db) as store:
        assert store.get_event(target) is None
        assert store.count(EventFilter()) == 19
