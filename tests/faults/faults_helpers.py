"""Shared pieces of the fault suite: the real CLI in a subprocess, a generated corpus whose
events are known in advance, fresh stores (SQLite file, or a PostGIS database created and
dropped by the test), and the consistency check run after every fault."""

from __future__ import annotations

import datetime as dt
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from needs import ROOT

PUBLISHED = "2030-01-01"
PLACES = [
    "Baghdad",
    "Mosul",
    "Kirkuk",
    "Erbil",
    "Basra",
    "Tikrit",
    "Ramadi",
    "Fallujah",
    "Najaf",
    "Karbala",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
SENTENCES = [
    "On {d}, gunmen attacked a checkpoint in {p}, killing {n} soldiers.",
    "On {d}, hundreds of people protested in {p} against the government.",
    "On {d}, an air strike hit a house in {p}, killing {n} civilians.",
]
BASE_DAY = dt.date(2010, 1, 1)


def cli(*args: str) -> list[str]:
    """The ``eventmap`` command run by the tests' own interpreter (the same venv and code,
    whatever another ``eventmap`` on PATH may be)."""
    return [sys.executable, "-m", "eventmap.cli", *args]


def env() -> dict[str, str]:
    out = dict(os.environ)
    out.pop("EVENTMAP_DB", None)
    out["PYTHONPATH"] = os.pathsep.join([str(ROOT), out.get("PYTHONPATH", "")])
    return out


def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cli(*args), capture_output=True, text=True, timeout=timeout, env=env(), check=False
    )


def spawn(*args: str, nice: int = 0) -> subprocess.Popen[str]:
    """The CLI in the background (``nice``: at that lower CPU priority)."""
    command = ["nice", "-n", str(nice), *cli(*args)] if nice else cli(*args)
    return subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env()
    )


def _day(n: int) -> str:
    d = BASE_DAY + dt.timedelta(days=n)
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def document_text(i: int, per_doc: int) -> str:
    """Document ``i``: ``per_doc`` sentences, each on its own day, so no two documents
    share an event (an event's id is its day, place and type)."""
    lines = [f"Report number {i}."]
    for k in range(per_doc):
        n = i * per_doc + k
        lines.append(
            SENTENCES[n % len(SENTENCES)].format(
                d=_day(n), p=PLACES[(i + k) % len(PLACES)], n=2 + n % 7
            )
        )
    return "\n".join(lines) + "\n"


def write_corpus(folder: Path, count: int, per_doc: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        path = folder / f"doc_{i:04d}.txt"
        path.write_text(document_text(i, per_doc), encoding="utf-8")
        paths.append(path)
    return paths


def expected_events(paths: list[Path]) -> dict[str, set[str]]:
    """doc id -> ids of the events the pipeline extracts from it (read as the CLI reads)."""
    from eventmap.model import Document
    from eventmap.pipeline import process
    from eventmap.sources import read_inputs
    from gazetteer import default_gazetteer

    gaz = default_gazetteer()
    out: dict[str, set[str]] = {}
    published = dt.date.fromisoformat(PUBLISHED)
    for item in read_inputs([str(p) for p in paths], published=published):
        assert isinstance(item, Document), item
        out[item.id] = {e.id for e in process(item, gaz).events}
    return out


@contextmanager
def fresh_store(kind: str, tmp_path: Path, pg_url: str | None = None) -> Iterator[str]:
    """A store URL: a new SQLite file, or a new PostGIS database dropped afterwards."""
    if kind == "sqlite":
        yield str(tmp_path / "events.sqlite")
        return
    import psycopg
    from sqlalchemy.engine import make_url

    assert pg_url
    name = "eventmap_fault_" + uuid.uuid4().hex[:10]
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(pg_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def raw_count(url: str, sql: str) -> int:
    """One number read straight from the database, beside the store (a second client)."""
    if url.startswith("postgresql"):
        import psycopg

        with psycopg.connect(url, connect_timeout=3) as conn:
            return int(conn.execute(sql).fetchone()[0])  # type: ignore[index]
    conn = sqlite3.connect(f"file:{url}?mode=ro", uri=True, timeout=5)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def drop_connection_mid_batch(
    proc: subprocess.Popen[str], url: str, pg_url: str, ready_sql: str, ready_at: int,
    timeout: float = 120,
) -> bool:
    """Once ``ready_sql`` counts ``ready_at`` rows, lock the events table so the CLI's next
    batch stops inside its transaction, then terminate that waiting backend. True if done.

    Why a lock: it pins the CLI at a known point mid-transaction (rows written, INSERT
    waiting), so the connection is dropped mid-batch every run, not by luck."""
    import psycopg

    dbname = url.rsplit("/", 1)[1].split("?")[0]
    deadline = time.monotonic() + timeout
    while True:
        assert proc.poll() is None, "the CLI ended before the fault: make its input longer"
        assert time.monotonic() < deadline
        try:
            if raw_count(url, ready_sql) >= ready_at:
                break
        except psycopg.Error:
            pass  # the tables are not there yet
        time.sleep(0.02)
    terminated = False
    with psycopg.connect(url) as locker, psycopg.connect(pg_url, autocommit=True) as admin:
        locker.execute("LOCK TABLE events IN SHARE MODE")  # blocks inserts, not reads
        while not terminated and time.monotonic() < deadline:
            row = admin.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND "
                "application_name = 'eventmap' AND wait_event_type = 'Lock' "
                "AND state = 'active'",
                (dbname,),
            ).fetchone()
            if row:
                terminated = bool(
                    admin.execute("SELECT pg_terminate_backend(%s)", row).fetchone()[0]  # type: ignore[index]
                )
            else:
                time.sleep(0.05)
        locker.rollback()
    return terminated


def kill_when(proc: subprocess.Popen[str], ready: Callable[[], bool], timeout: float = 120) -> bool:
    """SIGKILL ``proc`` as soon as ``ready()``; False if it ended before that."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        try:
            now = ready()
        except Exception:  # noqa: BLE001 - tables not there yet, database starting
            now = False
        if now:
            break
        time.sleep(0.05)
    proc.kill()
    proc.communicate(timeout=30)
    return True


def integrity_ok(url: str) -> None:
    if url.startswith("postgresql"):
        return
    with sqlite3.connect(url) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []


def check_documents_whole(url: str, expected: dict[str, set[str]]) -> int:
    """Every stored document has all its events and nothing else; returns the count."""
    from eventmap.store import EventFilter, open_store

    integrity_ok(url)
    with open_store(url) as store:
        docs = [d.id for d in store.documents()]
        assert len(docs) == len(set(docs))
        assert set(docs) <= set(expected)
        for doc_id in docs:
            got = {e.id for e in store.query(EventFilter(doc_id=doc_id))}
            assert got == expected[doc_id], f"document {doc_id} is not whole"
        stored = {e.id for e in store.query(EventFilter())}
        assert store.count() == len(stored)
        assert stored == set().union(*(expected[d] for d in docs)) if docs else not stored
        return len(docs)


ACLED_HEADER = (
    "data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,"
    "sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,"
    "country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,"
    "notes,fatalities,timestamp,iso3"
)
_ACLED_KINDS = [
    ("Battles", "Armed clash"),
    ("Protests", "Peaceful protest"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Violence against civilians", "Attack"),
]


def write_acled(path: Path, rows: int) -> None:
    """A made-up ACLED export (current layout) of ``rows`` valid rows with distinct ids."""
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(ACLED_HEADER + "\n")
        for i in range(rows):
            day = BASE_DAY + dt.timedelta(days=i % 3000)
            etype, sub = _ACLED_KINDS[i % len(_ACLED_KINDS)]
            lat = 10 + (i % 1000) / 200
            lon = -5 + (i % 997) / 150
            out.write(
                f"{9000000 + i},466,MLI{i},{i},{day.day} {MONTHS[day.month - 1]} {day.year},"
                f"{day.year},1,{etype},{sub},Military Forces of Mali (2021-),,1,"
                f"Unidentified Armed Group (Mali),,3,13,Western Africa,Mali,Mopti,Douentza,"
                f"Boni,Place {i},{lat:.4f},{lon:.4f},1,Made-up Source,National,"
                f'"Row {i}: a made-up event, with a comma and ""quotes"".",{i % 5},'
                f"1616400000,MLI\n"
            )


def check_acled_rerun(csv: Path, url: str, rows: int, first: int) -> None:
    """After a fault that left ``first`` rows of the made-up export stored, the same import
    again adds exactly the missing rows, quietly; at the end every row is there once."""
    from eventmap.store import EventFilter, open_store

    again = run("import", str(csv), "--format", "acled", "--db", url)
    assert again.returncode == 0, again.stderr
    assert f"{rows - first} events imported, 0 rows rejected" in again.stdout
    assert again.stderr == ""
    integrity_ok(url)
    with open_store(url) as store:
        ids = [e.id for e in store.query(EventFilter())]
    assert len(ids) == len(set(ids)) == rows
    assert set(ids) == {f"acled-MLI{i}" for i in range(rows)}
    assert raw_count(url, "SELECT count(*) FROM events") == rows


# --- faults met by the CLI: one error line, a file-size limit, another program's lock ---


def one_error_line(stderr: str) -> str:
    """The single ``eventmap: error: …`` line the CLI must print instead of a traceback."""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr[-3000:]
    assert lines[0].startswith("eventmap: error: "), stderr
    assert "Traceback" not in stderr
    return lines[0]


def run_with_file_limit(args: list[str], limit: int) -> subprocess.CompletedProcess[str]:
    """The CLI with no file allowed to grow past ``limit`` bytes: writes beyond it fail with
    EFBIG (SIGXFSZ ignored), as they would with ENOSPC on a full disk."""

    def limit_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        cli(*args), capture_output=True, text=True, env=env(), timeout=300, check=False,
        preexec_fn=limit_files,
    )


# The CLI with shorter waits (the defaults: 10 s busy timeout, retried for 60 s), so that a
# lock held "longer than the busy timeout" does not take a minute and more to show.
SHORT_WAITS = (
    "import sys\n"
    "import eventmap.store.sql as sql, eventmap.store.sqlite as lite\n"
    "sql.RETRY_SECONDS = lite.RETRY_SECONDS = 2.0\n"
    "lite.BUSY_TIMEOUT_MS = 500\n"
    "from eventmap.cli import main\n"
    "main(prog_name='eventmap')\n"
)
# Another program: takes the store's write lock (or, in exclusive locking mode, the whole
# file, readers included), says so, and holds it until its standard input closes.
HOLDER = (
    "import sqlite3, sys\n"
    "conn = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)\n"
    "if sys.argv[2] == 'exclusive-mode':\n"
    "    conn.execute('PRAGMA locking_mode = EXCLUSIVE')\n"
    "conn.execute('BEGIN EXCLUSIVE')\n"
    "conn.execute('CREATE TABLE other_program_scratch (x)')\n"
    "print('locked', flush=True)\n"
    "sys.stdin.read()\n"
    "conn.execute('ROLLBACK')\n"
)


def hold_lock(db: str, mode: str) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, db, mode],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    assert holder.stdout is not None
    assert holder.stdout.readline().strip() == "locked"
    return holder


def release(holder: subprocess.Popen[str]) -> None:
    assert holder.stdin is not None
    holder.stdin.close()
    assert holder.wait(timeout=30) == 0
