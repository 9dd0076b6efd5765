"""The dashboard as a writer: a person corrects events on the Review page, in Chromium,
while two ``eventmap ingest`` processes write the same store (a SQLite file, or a fresh
PostGIS database created and dropped by the test).

Before the dashboard starts, ``SEED`` documents are stored: their events are the ones
corrected. Then both ingests start on overlapping folders that end with copies of those
documents under another first line (other documents telling the same events: storing them
re-adds the corrected events, merging sources), and while they write, the person opens each
event's Review page (``/review?event=…``, as the Documents page links it) and changes its
type, its date, both, or deletes it, each saved with the page's own buttons. Once the
ingests are done, one more ingest re-adds the same events again.

Checked: every save shows its confirmation, read back from the store, and after a reload
("Reload from the store", a new session) the Review page shows the corrected values (the
deleted event is gone); no page and nothing in the server's log shows "locked", an
exception, a traceback or "Not saved"; the ingests exit 0 with each document stored once
and whole and no event lost or duplicated; the map page's count and markers equal the
store's; the store holds each correction as a person's, marked reviewed, untouched by the
ingests that re-added its event (their sources are merged in, their values are not).
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from browser import (  # the dashboard tests' helpers (tests/faults/conftest.py)
    CHROMIUM_ARGS,
    dashboard_server,
    guard_network,
    off_machine,
    wait_markers,
)
from dashboard_pages import (
    BAD_WORDS,
    check_clean,
    check_server_log,
    reload_from_store,
    wait_for_app,
)
from faults_helpers import (
    PUBLISHED,
    document_text,
    expected_events,
    fresh_store,
    integrity_ok,
    run,
    spawn,
    write_corpus,
)

from eventmap.model import EVENT_TYPES, SUB_EVENT_TYPES, Event
from eventmap.store import EventFilter, open_store

pytestmark = [pytest.mark.needs_browser, pytest.mark.slow]
BACKENDS = ["sqlite", pytest.param("postgis", marks=pytest.mark.needs_postgis)]
PER_DOC = 6
SEED = 4  # documents stored first; one event of each is corrected
PER_WRITER, SHARED = 1600, 120  # each ingest must outlast the four saves (~13 s)
PAGE_WORDS = (*BAD_WORDS, "not saved")
FORM = '[data-testid="stForm"]'
SUB_LABEL = "Sub-event type (must belong to the type)"


@dataclass
class Correction:
    """What the person does to one event, and what the event must look like afterwards."""

    event: Event
    date: dt.date | None = None
    event_type: str | None = None
    delete: bool = False
    writers_at_save: int = -1  # ingest processes still running when it was saved

    @property
    def sub_event_type(self) -> str | None:
        return SUB_EVENT_TYPES[self.event_type][0] if self.event_type else None

    def fields(self) -> list[str]:
        """The fields the page's confirmation names ("Saved as reviewed (date, …)")."""
        out = ["date"] if self.date else []
        return out + (["event_type", "sub_event_type"] if self.event_type else [])

    def wanted(self) -> tuple[dt.date, str, str | None]:
        ev = self.event
        return (self.date or ev.date, self.event_type or ev.event_type,
                self.sub_event_type if self.event_type else ev.sub_event_type)


def write_copies(folder: Path, docs: range, tag: str) -> list[Path]:
    """Documents ``docs`` under another first line: other documents (other ids) telling the
    same events, named to come after the rest of the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in docs:
        text = document_text(i, PER_DOC).replace(f"Report number {i}.", f"Report {i}, {tag}.", 1)
        path = folder / f"zz_{tag}_{i:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def ingest_args(folder: Path, db: str) -> list[str]:
    return ["ingest", str(folder), "--db", db, "--published", PUBLISHED, "--no-progress"]


# --- the Review page, driven as a person does ------------------------------------------------


def open_review(pg: Any, base: str, event_id: str) -> Any:
    """The Review page on one event, in a new session; returns its form once drawn."""
    pg.goto(f"{base}/review?event={event_id}")
    wait_for_app(pg)
    form = pg.locator(FORM)
    form.wait_for(timeout=60000)
    # the small map reports its first state once drawn, which reruns the page: let that
    # happen before typing, or the rerun may redraw the form under the typing
    pg.wait_for_timeout(500)
    wait_for_app(pg)
    check_clean(pg, PAGE_WORDS)
    return form


def shown_values(pg: Any) -> tuple[dt.date, str, str]:
    """Date, type and sub-type the Review page's form shows."""
    form = pg.locator(FORM)
    parts = [form.get_by_role("spinbutton", name=f"{p}, Date", exact=True).inner_text().strip()
             for p in ("year", "month", "day")]
    day = dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    etype = form.get_by_role("combobox", name="Event type", exact=True).input_value()
    sub = form.get_by_role("combobox", name=SUB_LABEL, exact=True).input_value()
    return day, etype, sub


def shown_id(pg: Any) -> str:
    """The id in the Review page's caption ("… · reviewed · id ev-…")."""
    caption = pg.get_by_text(" · id ev-").first.inner_text(timeout=30000)
    return caption.rsplit(" id ", 1)[1].strip()


def fill_form(pg: Any, c: Correction) -> None:
    form = pg.locator(FORM)
    if c.date:
        for part, value in (("year", f"{c.date.year}"), ("month", f"{c.date.month:02d}"),
                            ("day", f"{c.date.day:02d}")):
            box = form.get_by_role("spinbutton", name=f"{part}, Date", exact=True)
            box.click()
            box.press_sequentially(value)
    if c.event_type:
        for label, value in (("Event type", c.event_type), (SUB_LABEL, c.sub_event_type)):
            box = form.get_by_role("combobox", name=label, exact=True)
            box.click()
            box.fill(str(value))
            pg.keyboard.press("Enter")


def save_in_browser(pg: Any, base: str, c: Correction, writers: list[Any]) -> None:
    """Open the event's Review page, change it (or delete it) and save with the page's own
    button; the page's confirmation is read back from the store. Typing is tried again
    when a rerun dropped it before the save (never the save itself twice)."""
    ev = c.event
    for _attempt in range(3):
        open_review(pg, base, ev.id)
        assert shown_id(pg) == ev.id
        if c.delete:
            c.writers_at_save = sum(w.poll() is None for w in writers)
            pg.locator(FORM).get_by_role("button", name="Delete this event").click()
            pg.get_by_text(f"Deleted event {ev.id}").wait_for(timeout=90000)
            check_clean(pg, PAGE_WORDS)
            return
        fill_form(pg, c)
        if shown_values(pg) != c.wanted():
            continue  # a rerun redrew the form while typing
        c.writers_at_save = sum(w.poll() is None for w in writers)
        pg.locator(FORM).get_by_role("button", name="Save as reviewed").click()
        message = pg.get_by_text("Saved as reviewed (").first.inner_text(timeout=90000)
        check_clean(pg, PAGE_WORDS)
        assert f"({', '.join(c.fields())})" in message, message
        assert message.rstrip(".").endswith(str(c.wanted()[0])), message
        assert shown_values(pg) == c.wanted()  # the page after the save, read from the store
        return
    raise AssertionError(f"the Review form of {ev.id} never kept what was typed")


def check_shown_after_reload(pg: Any, base: str, c: Correction) -> None:
    open_review(pg, base, c.event.id)
    if c.delete:
        assert shown_id(pg) != c.event.id  # gone: the page offers another event
        return
    assert shown_id(pg) == c.event.id
    assert shown_values(pg) == c.wanted()
    caption = pg.get_by_text(f" · id {c.event.id}").first.inner_text()
    assert f"· reviewed · id {c.event.id}" in caption, caption  # not "not reviewed"


# --- the store, read beside the dashboard ----------------------------------------------------


def check_store(url: str, expected: dict[str, set[str]], corrections: list[Correction],
                copies: dict[str, set[str]]) -> int:
    """Every document once and whole, every event once (the deleted one hidden), each
    correction as the person made it. Returns how many events are visible."""
    integrity_ok(url)
    deleted = {c.event.id for c in corrections if c.delete}
    everything = set().union(*expected.values())
    with open_store(url) as store:
        docs = [d.id for d in store.documents()]
        assert len(docs) == len(set(docs)) and set(docs) == set(expected)
        # each document's events (what EventFilter(doc_id=…) selects: the event's document
        # or one of its sources), read in one pass
        visible: list[str] = []
        told: dict[str, set[str]] = {}
        for e in store.query(EventFilter()):
            visible.append(e.id)
            for doc_id in {e.doc_id, *e.sources}:
                told.setdefault(str(doc_id), set()).add(e.id)
        for doc_id, ids in expected.items():
            assert told.get(doc_id, set()) == ids - deleted, doc_id
        assert len(visible) == len(set(visible)) == store.count()
        assert set(visible) == everything - deleted
        for c in corrections:
            stored = store.correction(c.event.id)
            assert stored is not None and stored.get("who"), c.event.id
            if c.delete:
                assert stored["deleted"] and store.get_event(c.event.id) is None
                continue
            ev = store.get_event(c.event.id)
            assert ev is not None and ev.reviewed and not stored["deleted"]
            assert (ev.date, ev.event_type, ev.sub_event_type) == c.wanted()
            for name in c.fields():
                assert stored[name] == getattr(ev, name)
            # the ingests did re-add it: every copy telling it is among its sources
            assert copies[c.event.id] <= {ev.doc_id, *ev.sources}, (ev.doc_id, ev.sources)
    return len(visible)


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    pg = request.getfixturevalue("pg_url") if request.param == "postgis" else None
    with fresh_store(request.param, tmp_path, pg) as url:
        yield url


def test_corrections_in_the_dashboard_while_two_cli_ingests_write(
    store_url: str, tmp_path: Path, chromium_path: str
) -> None:
    from playwright.sync_api import sync_playwright

    db = store_url
    # seed: documents 0..SEED-1, stored before anything else
    seed = write_corpus(tmp_path / "seed", SEED, PER_DOC)
    # a: documents 0-999, b: 0-119 and 1000-1879 (both start on the shared ones, the seed
    # documents among them); both end with copies of the seed documents
    paths_a = write_corpus(tmp_path / "a", PER_WRITER, PER_DOC)
    paths_b = write_corpus(tmp_path / "b", SHARED, PER_DOC)
    paths_b += write_corpus(tmp_path / "b", PER_WRITER - SHARED, PER_DOC, start=PER_WRITER)
    echo = write_copies(tmp_path / "a", range(SEED), "again")
    write_copies(tmp_path / "b", range(SEED), "again")
    later = write_copies(tmp_path / "later", range(SEED), "once more")
    expected = expected_events(paths_a + paths_b + echo + later)
    by_seed = list(expected_events(seed).values())
    assert len(by_seed) == SEED and all(expected.values())
    copies: dict[str, set[str]] = {}
    for doc_id, ids in expected_events(echo + later).items():
        for eid in ids:
            copies.setdefault(eid, set()).add(doc_id)

    done = run(*ingest_args(tmp_path / "seed", db))
    assert done.returncode == 0, done.stderr
    with open_store(db) as store:
        firsts = [store.get_event(min(ids)) for ids in by_seed]
    assert all(firsts)
    events: list[Event] = [e for e in firsts if e is not None]
    other_type = [next(t for t in EVENT_TYPES if t != e.event_type) for e in events]
    corrections = [
        Correction(events[0], event_type=other_type[0]),
        Correction(events[1], delete=True),
        Correction(events[2], date=events[2].date + dt.timedelta(days=400)),
        Correction(events[3], date=events[3].date + dt.timedelta(days=33),
                   event_type=other_type[3]),
    ]
    log = tmp_path / "streamlit.log"
    unique_docs = len(expected) - len(later)  # what the two ingests read, together

    with dashboard_server(db, log) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        ctx = browser.new_context(viewport={"width": 1400, "height": 900})
        pg = ctx.new_page()
        seen: list[str] = []
        guard_network(pg, seen)
        # the server's first page loads its modules (before the writers start)
        open_review(pg, base, events[0].id)
        # the ingests at a lower CPU priority: on two busy cores the person's four saves
        # then fall within their run (they still write whenever the page waits)
        writers = [spawn(*ingest_args(tmp_path / n, db), nice=10) for n in ("a", "b")]
        started = time.monotonic()
        try:
            for c in corrections:
                save_in_browser(pg, base, c, writers)
            corrected = time.monotonic() - started
            results = [w.communicate(timeout=300) for w in writers]
        finally:
            for w in writers:
                if w.poll() is None:
                    w.kill()
                    w.communicate()
        took = time.monotonic() - started

        for w, (out, err) in zip(writers, results, strict=True):
            assert w.returncode == 0, err
            assert "locked" not in (out + err).lower()
            assert f"documents read: {PER_WRITER + SEED}" in out
        new = sum(int(out.split("(new ")[1].split(",")[0]) for out, _ in results)
        # each document stored by exactly one of them
        assert new == unique_docs - SEED, [out for out, _ in results]
        # every correction was saved while the ingests wrote (both of them, for most)
        at_save = [c.writers_at_save for c in corrections]
        why = f"saved with {at_save} ingests running; they took {took:.0f} s, the saves " \
              f"{corrected:.0f} s: make the corpus bigger"
        assert all(n >= 1 for n in at_save), why
        assert sum(n == 2 for n in at_save) >= 2, why

        # the same events re-added once more, after every correction
        again = run(*ingest_args(tmp_path / "later", db))
        assert again.returncode == 0, again.stderr
        assert f"documents read: {SEED} (new {SEED}, already stored 0)" in again.stdout

        visible = check_store(db, expected, corrections, copies)
        assert reload_from_store(pg, base) == visible
        assert wait_markers(pg, visible, timeout_s=60) == visible
        for c in corrections:
            check_shown_after_reload(pg, base, c)
        assert off_machine(seen) == []
        ctx.close()
        browser.close()

    check_server_log(log)
