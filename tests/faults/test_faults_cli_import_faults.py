"""Disk full, a store locked by another program, and a PostGIS connection dropped mid-batch,
each met by the real ``eventmap import --format acled`` in a subprocess (the same faults met
by ``eventmap ingest`` are in ``test_faults_cli_store_faults.py``; the store-level ones in
``tests/test_store_faults.py``).

An import commits one transaction per batch of 5,000 events. Every time: one clear line on
standard error naming the store (never a traceback), exit 1, standard output saying how
many events the earlier batches stored, exactly those in the store (whole batches only),
the store intact, and the same command run again imports exactly the missing rows.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from itertools import islice
from pathlib import Path

import pytest
from faults_helpers import (
    SHORT_WAITS,
    check_acled_rerun,
    drop_connection_mid_batch,
    env,
    fresh_store,
    hold_lock,
    integrity_ok,
    one_error_line,
    raw_count,
    release,
    run_with_file_limit,
    spawn,
    write_acled,
)

from eventmap.model import Event
from eventmap.store import EventFilter, open_store

ROWS, BATCH = 60_000, 5000  # BATCH: eventmap.store.sql.BATCH, events per transaction


@pytest.fixture(scope="module")
def acled_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("acled") / "acled.csv"
    write_acled(path, ROWS)
    return path


def import_args(csv: Path, db: str) -> list[str]:
    return ["import", str(csv), "--format", "acled", "--db", db]


def reported_imported(stdout: str) -> int:
    """'…: events imported before the error: N' (absent when no batch was stored)."""
    for line in stdout.splitlines():
        if "events imported before the error: " in line:
            return int(line.split("events imported before the error: ", 1)[1].split()[0])
    return 0


def check_whole_batches(db: str, reported: int) -> int:
    """The store opens, passes its integrity check and holds exactly the events the run
    reported: whole batches, each id once. Returns that count."""
    integrity_ok(db)
    with open_store(db) as store:
        ids = [e.id for e in store.query(EventFilter())]
        assert store.count() == len(ids)
    assert len(ids) == len(set(ids)) == reported
    assert reported % BATCH == 0 and reported < ROWS
    # batches follow the file: the stored events are exactly its first rows
    assert set(ids) == {f"acled-MLI{i}" for i in range(reported)}
    return reported


def check_rerun(csv: Path, db: str, first: int) -> None:
    """The same command again imports exactly the missing rows; all rows once at the end."""
    check_acled_rerun(csv, db, ROWS, first)


@pytest.mark.slow
def test_disk_full_mid_acled_import_then_rerun(tmp_path: Path, acled_csv: Path) -> None:
    db = str(tmp_path / "events.sqlite")
    full = run_with_file_limit(import_args(acled_csv, db), 8_000_000)
    assert full.returncode == 1, full.stdout + full.stderr
    line = one_error_line(full.stderr)
    assert db in line and "could not write to the disk" in line and "rolled back" in line, line
    first = check_whole_batches(db, reported_imported(full.stdout))
    assert first >= BATCH  # the store filled up mid-run, after some batches
    check_rerun(acled_csv, db, first)


@pytest.mark.slow
@pytest.mark.parametrize("when", ["mid-import", "from-the-start"])
def test_a_lock_held_too_long_during_acled_import_is_one_clear_message(
    tmp_path: Path, acled_csv: Path, when: str
) -> None:
    """Another program holds the store's lock past the CLI's waits (shortened in that
    process, see SHORT_WAITS): ``mid-import``, its write lock, taken between two batches
    once one is committed; ``from-the-start``, the whole file (exclusive locking mode:
    readers blocked too; it cannot be taken while the CLI has the file open), held before
    the CLI starts on a store holding two batches already."""
    db = str(tmp_path / "events.sqlite")
    before = 0
    holder = None
    if when == "from-the-start":
        with open_store(db) as store:
            before = store.add_events(read_acled_rows(acled_csv, 2 * BATCH))
        holder = hold_lock(db, "exclusive-mode")
    proc = subprocess.Popen(
        [sys.executable, "-c", SHORT_WAITS, *import_args(acled_csv, db)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env(),
    )
    try:
        deadline = time.monotonic() + 120
        while holder is None:
            assert proc.poll() is None, "the import ended before the lock: make the CSV bigger"
            assert time.monotonic() < deadline
            try:
                if raw_count(db, "SELECT count(*) FROM events") >= BATCH:
                    # waits for the gap between two of the CLI's batches
                    holder = hold_lock(db, "write-lock")
            except sqlite3.Error:
                pass  # the file or its tables are not there yet
            time.sleep(0.02)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
        if holder is not None:
            release(holder)
    assert proc.returncode == 1, out + err
    line = one_error_line(err)
    assert db in line and "store busy: locked by another program" in line, line
    assert "nothing was written" in line and "try again" in line, line
    if when == "mid-import":
        assert "could not add events" in line, line
        first = check_whole_batches(db, reported_imported(out))
        assert first >= BATCH
    else:
        assert "could not open the store" in line, line
        assert reported_imported(out) == 0
        first = check_whole_batches(db, before)
    assert raw_count(db, "SELECT count(*) FROM sqlite_master "
                         "WHERE name = 'other_program_scratch'") == 0
    check_rerun(acled_csv, db, first)


def read_acled_rows(csv: Path, n: int) -> list[Event]:
    """The first ``n`` events of the file, as the CLI reads them."""
    from eventmap.imports import read_acled

    with read_acled(str(csv)) as result:
        return list(islice(result.events, n))


@pytest.mark.slow
@pytest.mark.needs_postgis
def test_postgis_connection_dropped_mid_acled_import_then_rerun(
    tmp_path: Path, acled_csv: Path, pg_url: str
) -> None:
    """Once a batch is committed the test locks the events table: the CLI's next batch stops
    inside its transaction (its rows copied, the INSERT waiting), and its backend is
    terminated right there."""
    with fresh_store("postgis", tmp_path, pg_url) as url:
        proc = spawn(*import_args(acled_csv, url))
        try:
            terminated = drop_connection_mid_batch(
                proc, url, pg_url, "SELECT count(*) FROM events", BATCH
            )
            assert terminated, "the CLI never waited inside a transaction"
            out, err = proc.communicate(timeout=120)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()
        assert proc.returncode == 1, out + err
        line = one_error_line(err)
        assert "lost the connection to PostgreSQL" in line and "rolled back" in line, line
        assert "add events" in line
        assert ":eventmap@" not in line  # no password
        first = check_whole_batches(url, reported_imported(out))
        assert first >= BATCH
        check_rerun(acled_csv, url, first)
