"""The store under faults: files that are not stores, servers that are down, connections
lost mid-batch, processes killed with SIGKILL, and several processes writing at once.
After each: the store opens, passes its integrity check and holds everything committed
before the fault — and the user sees one clear line, never "database is locked"."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event
from test_store_helpers import ROOT, make_event, pg_schema

from eventmap.errors import StoreError, StoreUnavailable
from eventmap.store import EventFilter, default_db_url, open_store

TESTS = Path(__file__).resolve().parent
BACKENDS = ["sqlite", pytest.param("postgis", marks=pytest.mark.needs_postgis)]


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "events.sqlite")
    else:
        with pg_schema(request.getfixturevalue("pg_url")) as url:
            yield url


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(TESTS), env.get("PYTHONPATH", "")])
    return env


# A writer process: ingests documents in a loop (each: 3 mentions and EVENTS events, one of
# them shared by every writer), printing each document number once it is committed.
WRITER = textwrap.dedent(
    """
    import sys
    from eventmap.model import Document
    from eventmap.store import open_store
    from test_store_helpers import make_event, make_mention

    url, name, count, per_doc = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    with open_store(url) as store:
        i = 0
        while count < 0 or i < count:
            doc = Document.from_text(f"writer {name} document {i}")
            events = [make_event(k, id=f"{name}-{i}-{k}", doc_id=doc.id) for k in range(per_doc - 1)]
            events.append(make_event(i, id=f"shared-{i}", doc_id=doc.id))
            mentions = [make_mention(doc, 10 * k) for k in range(3)]
            assert store.ingest(doc, mentions, events)
            print(i, flush=True)
            i += 1
    """
)


# An importer process: adds batches of 2,000 events in a loop, printing each committed batch.
IMPORTER = textwrap.dedent(
    """
    import sys
    from eventmap.store import open_store
    from test_store_helpers import make_event

    url = sys.argv[1]
    with open_store(url) as store:
        i = 0
        while True:
            batch = [make_event(k, id=f"imp-{i}-{k}") for k in range(2000)]
            assert store.add_events(batch, batch_size=2000) == 2000
            print(i, flush=True)
            i += 1
    """
)


def _writer(url: str, name: str, count: int, per_doc: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, url, name, str(count), str(per_doc)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )


def _check_consistent(url: str, per_doc: int) -> int:
    """Every stored document has all its mentions and events; returns how many documents."""
    if not url.startswith("postgresql"):
        with sqlite3.connect(url) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    with open_store(url) as store:
        docs = list(store.documents())
        for doc in docs:
            assert len(store.mentions(doc.id)) == 3
            assert store.count(EventFilter(doc_id=doc.id)) == per_doc
        return len(docs)


# --- files and servers that cannot be stores ---------------------------------------------------


def test_a_file_that_is_not_sqlite_is_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    content = b"date,event\n2021-12-09,an attack\n" * 100
    path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        open_store(str(path))
    message = str(caught.value)
    assert str(path) in message and "not a SQLite database" in message and "\n" not in message
    assert path.read_bytes() == content  # nothing overwritten
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite"]


def test_a_sqlite_file_of_another_program_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not an eventmap store"):
        open_store(path)
    assert path.read_bytes() == before


def test_a_missing_folder_or_a_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "nowhere" / "events.sqlite")
    with pytest.raises(StoreError, match="is a folder"):
        open_store(tmp_path)


def test_default_store_is_created_with_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EVENTMAP_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("HOME", str(tmp_path))
    expected = tmp_path / "data" / "eventmap" / "events.sqlite"
    assert default_db_url() == str(expected)
    with open_store(None) as store:
        store.add_events([make_event(1)])
    assert expected.is_file()
    monkeypatch.setenv("EVENTMAP_DB", str(tmp_path / "env.sqlite"))
    assert default_db_url() == str(tmp_path / "env.sqlite")
    with open_store(None) as store:
        assert store.count() == 0
    assert (tmp_path / "env.sqlite").is_file()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_server_that_is_down_is_one_clear_line_without_the_password() -> None:
    url = f"postgresql://analyst:s3cret-pw@127.0.0.1:{_closed_port()}/events"
    started = time.monotonic()
    with pytest.raises(StoreUnavailable) as caught:
        open_store(url)
    message = str(caught.value)
    assert time.monotonic() - started < 10
    assert "s3cret-pw" not in message and "\n" not in message
    assert "127.0.0.1" in message and "unavailable" in message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


@pytest.mark.needs_postgis
def test_a_database_that_does_not_exist_is_unavailable(pg_url: str) -> None:
    from sqlalchemy.engine import make_url

    url = make_url(pg_url).set(database="eventmap_no_such_db").render_as_string(hide_password=False)
    with pytest.raises(StoreUnavailable, match="eventmap_no_such_db") as caught:
        open_store(url)
    password = make_url(pg_url).password
    assert f":{password}@" not in str(caught.value) and "***" in str(caught.value)


# --- connection lost mid-batch ------------------------------------------------------------------


@pytest.mark.needs_postgis
def test_connection_dropped_mid_batch_rolls_the_batch_back(pg_url: str) -> None:
    """The server loses our connection after part of a batch is written: none of it stays."""
    import psycopg
    from test_store_helpers import make_mention

    from eventmap.model import Document

    with pg_schema(pg_url) as url, open_store(url) as store:
        first = [make_event(i) for i in range(1500)]
        assert store.add_events(first) == 1500
        armed: dict[str, str | None] = {"at": None}

        def drop_connection(conn, cursor, statement, params, context, executemany):  # type: ignore[no-untyped-def]
            if armed["at"] and statement.startswith(armed["at"]):
                armed["at"] = None
                pid = conn.connection.dbapi_connection.info.backend_pid
                with psycopg.connect(pg_url, autocommit=True) as admin:
                    admin.execute("SELECT pg_terminate_backend(%s)", (pid,))

        event.listen(store.engine, "before_cursor_execute", drop_connection)  # type: ignore[attr-defined]
        # One batch: 2500 new events (inserted first) and 100 known ones whose sources
        # are merged after: the connection drops between the two.
        second = [make_event(i) for i in range(1500, 4000)]
        merged = [make_event(i, doc_id="doc-late") for i in range(100)]
        armed["at"] = "UPDATE events"
        with pytest.raises(StoreUnavailable) as caught:
            store.add_events(second + merged)
        message = str(caught.value)
        assert "rolled back" in message and ":eventmap@" not in message and "\n" not in message
        assert armed["at"] is None  # the fault did fire, mid-batch
        assert store.count() == 1500  # nothing of the lost batch
        assert store.get_event(first[0].id).sources == []  # type: ignore[union-attr]
        # The same in ingest: the document and its mentions go with the events.
        doc = Document.from_text("a document whose write is cut")
        armed["at"] = "SELECT events.id"  # after the document and mentions are written
        with pytest.raises(StoreUnavailable):
            store.ingest(
                doc, [make_mention(doc)], [make_event(i, doc_id=doc.id) for i in range(5000, 5100)]
            )
        assert armed["at"] is None
        assert not store.has_document(doc.id) and store.mentions(doc.id) == []
        assert store.count() == 1500
        # The store goes on working on the next connection.
        event.remove(store.engine, "before_cursor_execute", drop_connection)  # type: ignore[attr-defined]
        assert store.add_events(second + merged) == 2500
        assert store.count() == 4000
        assert store.get_event(first[0].id).sources == ["doc-late"]  # type: ignore[union-attr]


# --- kill -9 and concurrent writers -------------------------------------------------------------


@pytest.mark.slow
def test_kill_9_during_ingest_keeps_everything_committed(db_url: str) -> None:
    with open_store(db_url):
        pass  # schema in place before the writer starts
    per_doc = 300
    proc = _writer(db_url, "w", -1, per_doc)
    committed = -1
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 60
        while committed < 8 and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            committed = int(line)
        time.sleep(0.13)  # land somewhere inside the next transaction
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert committed >= 8, err
    stored = _check_consistent(db_url, per_doc)
    assert stored >= committed + 1  # every document reported committed is there, whole
    with open_store(db_url) as store:  # and the store takes writes again
        assert store.add_events([make_event(1, id="after-kill")]) == 1


@pytest.mark.slow
def test_kill_9_during_import_keeps_every_committed_batch(db_url: str) -> None:
    with open_store(db_url):
        pass
    proc = subprocess.Popen(
        [sys.executable, "-c", IMPORTER, db_url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    committed = -1
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 90
        while committed < 3 and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            committed = int(line)
        time.sleep(0.2)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        _, err = proc.communicate(timeout=30)
    assert committed >= 3, err
    if not db_url.startswith("postgresql"):
        with sqlite3.connect(db_url) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with open_store(db_url) as store:
        n = store.count()
        assert n % 2000 == 0 and n >= 2000 * (committed + 1)  # whole batches, none lost


def test_disk_full_rolls_the_batch_back_and_keeps_the_rest(tmp_path: Path) -> None:
    """SQLite's page limit stands in for a full disk: same error code, same path."""
    path = tmp_path / "events.sqlite"
    with open_store(path) as store:
        assert store.add_events([make_event(i) for i in range(200)]) == 200
        pages = sqlite3.connect(path).execute("PRAGMA page_count").fetchone()[0]
        store.engine.dispose()  # type: ignore[attr-defined]

        def cap(dbapi_conn, _record):  # type: ignore[no-untyped-def]
            dbapi_conn.execute(f"PRAGMA max_page_count = {pages + 5}")

        event.listen(store.engine, "connect", cap)  # type: ignore[attr-defined]
        with pytest.raises(StoreError, match="disk full") as caught:
            store.add_events([make_event(i, id=f"big-{i}") for i in range(5000)])
        assert str(path) in str(caught.value) and "rolled back" in str(caught.value)
        assert store.count() == 200
        event.remove(store.engine, "connect", cap)  # type: ignore[attr-defined]
        store.engine.dispose()  # type: ignore[attr-defined]
        assert store.add_events([make_event(i, id=f"big-{i}") for i in range(5000)]) == 5000
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.slow
def test_two_processes_writing_one_store(db_url: str) -> None:
    """Two ingest processes and a reader at once: no error, nothing lost or duplicated."""
    with open_store(db_url):
        pass
    docs, per_doc = 40, 20
    writers = [_writer(db_url, name, docs, per_doc) for name in ("a", "b")]
    errors: list[BaseException] = []
    done = threading.Event()

    def read() -> None:  # the dashboard meanwhile
        try:
            with open_store(db_url) as store:
                while not done.is_set():
                    store.count()
                    store.facets()
                    list(store.query(EventFilter(limit=50)))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        results = [w.communicate(timeout=300) for w in writers]
    finally:
        done.set()
        reader.join()
    for w, (_, err) in zip(writers, results, strict=True):
        assert w.returncode == 0, err
        assert "locked" not in err
    assert errors == []
    assert _check_consistent(db_url, per_doc) == 2 * docs
    with open_store(db_url) as store:
        assert store.count() == 2 * docs * (per_doc - 1) + docs
        for i in range(docs):
            shared = store.get_event(f"shared-{i}")
            assert shared is not None and len(shared.sources) == 1
            assert {shared.doc_id, *shared.sources} == {
                store_doc.id
                for store_doc in store.documents()
                if store_doc.text in (f"writer a document {i}", f"writer b document {i}")
            }


def test_a_writer_waits_for_a_lock_held_by_another_process(tmp_path: Path) -> None:
    path = tmp_path / "events.sqlite"
    with open_store(path):
        pass
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
            import sqlite3, time, sys
            conn = sqlite3.connect({str(path)!r}, isolation_level=None)
            conn.execute("BEGIN IMMEDIATE")
            print("locked", flush=True)
            time.sleep(1.5)
            conn.execute("COMMIT")
            """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    started = time.monotonic()
    with open_store(path) as store:
        assert store.add_events([make_event(i) for i in range(10)]) == 10
        assert store.correct("ev-000001", place="Erbil").place == "Erbil"
    assert time.monotonic() - started > 0.5  # it did wait, and did not fail
    holder.wait(timeout=30)


def test_db_argument_forms(tmp_path: Path) -> None:
    with open_store(f"sqlite:///{tmp_path / 'a.sqlite'}") as store:
        assert store.url == str(tmp_path / "a.sqlite")
    with pytest.raises(StoreError, match="mysql://"):
        open_store("mysql://user:pw@host/db")
    with pytest.raises(StoreError, match="empty"):
        open_store("  ")
    with pytest.raises(StoreError, match="not a valid PostgreSQL URL") as caught:
        open_store("postgresql://analyst:s3cret@127.0.0.1:notaport/db")
    assert "s3cret" not in str(caught.value)


@pytest.mark.needs_postgis
def test_a_postgis_store_shows_its_url_without_the_password(pg_url: str) -> None:
    from sqlalchemy.engine import make_url

    password = make_url(pg_url).password
    with pg_schema(pg_url) as url, open_store(url) as store:
        assert store.url.startswith("postgresql://")
        if password:
            assert f":{password}@" not in store.url and ":***@" in store.url


def test_sqlite_file_is_in_wal_mode_with_its_migrations_recorded(tmp_path: Path) -> None:
    from eventmap.store import schema

    path = tmp_path / "events.sqlite"
    with open_store(path) as store, store.engine.connect() as conn:  # type: ignore[attr-defined]
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        versions = [r[0] for r in conn.execute("SELECT version FROM schema_version ORDER BY version")]
    assert versions == [m.version for m in schema.MIGRATIONS]
