"""Disk full, a store locked by another program, and a PostGIS connection dropped mid-batch,
each met by the real ``eventmap ingest`` in a subprocess (the store-level versions are in
``tests/test_store_faults.py``).

Every time: one clear line on standard error naming the store (never a traceback), a
non-zero exit, what the run stored before the fault said on standard output, the store
intact (``PRAGMA integrity_check``, every stored document whole, nothing half-written),
and the same command run again afterwards completes with nothing lost or duplicated.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from faults_helpers import (
    PUBLISHED,
    SHORT_WAITS,
    check_documents_whole,
    drop_connection_mid_batch,
    env,
    expected_events,
    fresh_store,
    hold_lock,
    integrity_ok,
    one_error_line,
    raw_count,
    release,
    run,
    run_with_file_limit,
    spawn,
    write_corpus,
)

from eventmap.store import EventFilter, open_store

PER_DOC = 16


def ingest_args(folder: Path, db: str) -> list[str]:
    return ["ingest", str(folder), "--db", db, "--published", PUBLISHED, "--no-progress"]


def reported_stored(stdout: str) -> int:
    """'documents stored before the error: N' (absent when none was)."""
    for line in stdout.splitlines():
        if line.startswith("documents stored before the error: "):
            return int(line.split(": ", 1)[1].split()[0])
    return 0


def check_rerun(folder: Path, db: str, expected: dict[str, set[str]], stored: int) -> None:
    """The same command again stores exactly the rest; every document whole, no duplicate."""
    again = run(*ingest_args(folder, db))
    assert again.returncode == 0, again.stderr
    n = len(expected)
    assert f"documents read: {n} (new {n - stored}, already stored {stored})" in again.stdout
    assert check_documents_whole(db, expected) == n
    with open_store(db) as store:
        ids = [e.id for e in store.query(EventFilter())]
    assert len(ids) == len(set(ids)) == sum(len(v) for v in expected.values())


# --- disk full ----------------------------------------------------------------------------


def write_english_corpus(folder: Path, count: int) -> list[Path]:
    """Documents that declare their language in front matter. Language detection would
    otherwise unpack its 68 MB model into a temporary file, which the file-size limit below
    refuses first (that case is ``test_disk_full_outside_the_store_is_one_line``)."""
    paths = write_corpus(folder, count, PER_DOC)
    for path in paths:
        path.write_text("---\nlanguage: en\n---\n" + path.read_text(encoding="utf-8"),
                        encoding="utf-8")
    return paths


DISK_DOCS = 60


@pytest.mark.slow
def test_disk_full_mid_ingest_then_rerun(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    expected = expected_events(write_english_corpus(folder, DISK_DOCS))
    assert len(expected) == DISK_DOCS and all(expected.values())
    db = str(tmp_path / "events.sqlite")

    full = run_with_file_limit(ingest_args(folder, db), 1_500_000)
    assert full.returncode == 1, full.stdout + full.stderr
    line = one_error_line(full.stderr)
    assert db in line and "could not write to the disk" in line and "rolled back" in line
    stored = reported_stored(full.stdout)
    assert 0 < stored < DISK_DOCS  # the store filled up mid-run
    # the documents it reported are there, each whole; nothing of the one that failed
    assert check_documents_whole(db, expected) == stored
    check_rerun(folder, db, expected, stored)


@pytest.mark.slow
def test_disk_full_outside_the_store_is_one_line(tmp_path: Path) -> None:
    """A full disk met elsewhere (here: language detection's temporary file) is one line too,
    and leaves the store as it was."""
    from gazetteer import default_gazetteer

    default_gazetteer()  # its index cache is built (and written) here, not under the limit
    folder = tmp_path / "corpus"
    write_corpus(folder, 3, PER_DOC)
    db = str(tmp_path / "events.sqlite")
    full = run_with_file_limit(ingest_args(folder, db), 1_000_000)
    assert full.returncode == 1
    line = one_error_line(full.stderr)
    assert "cannot write" in line and "disk full or over a size limit" in line
    integrity_ok(db)
    with open_store(db) as store:
        assert store.count() == 0


# --- a store locked by another program ---------------------------------------------------

LOCK_DOCS, FIRST = 20, 8


@pytest.fixture
def half_stored(tmp_path: Path) -> tuple[Path, str, dict[str, set[str]]]:
    """A folder of LOCK_DOCS documents whose first FIRST are already in the store."""
    folder = tmp_path / "corpus"
    paths = write_corpus(folder, LOCK_DOCS, PER_DOC)
    expected = expected_events(paths)
    db = str(tmp_path / "events.sqlite")
    part = tmp_path / "part"
    part.mkdir()
    for path in paths[:FIRST]:
        (part / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    done = run(*ingest_args(part, db))
    assert done.returncode == 0, done.stderr
    assert check_documents_whole(db, expected) == FIRST
    return folder, db, expected


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["write-lock", "exclusive-mode"])
def test_a_lock_held_too_long_is_one_clear_message(
    half_stored: tuple[Path, str, dict[str, set[str]]], mode: str
) -> None:
    folder, db, expected = half_stored
    holder = hold_lock(db, mode)
    try:
        started = time.monotonic()
        blocked = subprocess.run(
            [sys.executable, "-c", SHORT_WAITS, *ingest_args(folder, db)],
            capture_output=True, text=True, env=env(), timeout=120, check=False,
        )
        waited = time.monotonic() - started
    finally:
        release(holder)
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    line = one_error_line(blocked.stderr)
    assert db in line and "store busy: locked by another program" in line, line
    assert "try again" in line and "nothing was written" in line
    assert waited >= 0.5  # it did wait for the lock before giving up
    assert reported_stored(blocked.stdout) == 0
    # nothing half-written: exactly the documents stored before, each whole
    assert check_documents_whole(db, expected) == FIRST
    assert raw_count(db, "SELECT count(*) FROM sqlite_master "
                         "WHERE name = 'other_program_scratch'") == 0
    check_rerun(folder, db, expected, FIRST)


@pytest.mark.slow
def test_a_lock_held_briefly_is_waited_out(
    half_stored: tuple[Path, str, dict[str, set[str]]]
) -> None:
    folder, db, expected = half_stored
    holder = hold_lock(db, "write-lock")
    try:
        proc = spawn(*ingest_args(folder, db))
        time.sleep(3)  # the CLI starts, reads, and waits on the lock (default waits)
        assert proc.poll() is None
    finally:
        release(holder)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert err == "" and "locked" not in out.lower()
    n = LOCK_DOCS
    assert f"documents read: {n} (new {n - FIRST}, already stored {FIRST})" in out
    assert check_documents_whole(db, expected) == n


# --- PostGIS connection dropped mid-batch ------------------------------------------------

PG_DOCS, PG_FIRST = 60, 10


@pytest.mark.slow
@pytest.mark.needs_postgis
def test_postgis_connection_dropped_mid_ingest_then_rerun(tmp_path: Path, pg_url: str) -> None:
    """The test locks the events table once PG_FIRST documents are stored: the CLI's next
    document transaction stops part-way (its document and mentions written, its events
    waiting), and its backend is terminated right there."""
    folder = tmp_path / "corpus"
    expected = expected_events(write_corpus(folder, PG_DOCS, PER_DOC))
    with fresh_store("postgis", tmp_path, pg_url) as url:
        proc = spawn(*ingest_args(folder, url))
        terminated = drop_connection_mid_batch(
            proc, url, pg_url, "SELECT count(*) FROM documents", PG_FIRST
        )
        assert terminated, "the CLI never waited inside a transaction"
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 1, out + err
        line = one_error_line(err)
        assert "lost the connection to PostgreSQL" in line and "rolled back" in line, line
        assert ":eventmap@" not in line  # no password
        stored = reported_stored(out)
        assert PG_FIRST <= stored < PG_DOCS
        assert check_documents_whole(url, expected) == stored  # the interrupted one: nothing
        check_rerun(folder, url, expected, stored)
