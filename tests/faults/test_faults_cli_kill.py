"""kill -9 of the real ``eventmap`` command mid-run, on SQLite and on a fresh PostGIS database.

The store-level kill tests (a Python writer killed inside a transaction) are in
``tests/test_store_faults.py``; these go through the CLI as a user runs it: a folder of 200
documents for ``eventmap ingest``, a big ACLED CSV for ``eventmap import``. After the kill the
store opens, passes its integrity check, every stored document has all its events (never
half a document), and running the same command again completes the rest with no duplicate.
"""

from __future__ import annotations

import signal
from pathlib import Path

import pytest
from faults_helpers import (
    PUBLISHED,
    check_acled_rerun,
    check_documents_whole,
    expected_events,
    fresh_store,
    integrity_ok,
    kill_when,
    raw_count,
    run,
    spawn,
    write_acled,
    write_corpus,
)

from eventmap.store import open_store

BACKENDS = ["sqlite", pytest.param("postgis", marks=pytest.mark.needs_postgis)]
DOCS, PER_DOC = 200, 16
ACLED_ROWS, BATCH = 80_000, 5000


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, set[str]]]:
    folder = tmp_path_factory.mktemp("corpus")
    expected = expected_events(write_corpus(folder, DOCS, PER_DOC))
    assert len(expected) == DOCS and all(expected.values())  # every document has events
    return folder, expected


@pytest.fixture(scope="module")
def acled_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("acled") / "acled_big.csv"
    write_acled(path, ACLED_ROWS)
    return path


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path):  # type: ignore[no-untyped-def]
    pg = request.getfixturevalue("pg_url") if request.param == "postgis" else None
    with fresh_store(request.param, tmp_path, pg) as url:
        yield url


@pytest.mark.slow
def test_kill_9_mid_ingest_then_rerun(
    store_url: str, corpus: tuple[Path, dict[str, set[str]]]
) -> None:
    folder, expected = corpus
    proc = spawn(
        "ingest", str(folder), "--db", store_url, "--published", PUBLISHED, "--no-progress"
    )
    killed = kill_when(proc, lambda: raw_count(store_url, "SELECT count(*) FROM documents") >= 25)
    assert killed, "the ingest ended before it could be killed: make the corpus bigger"
    assert proc.returncode == -signal.SIGKILL
    stored = check_documents_whole(store_url, expected)
    assert 25 <= stored < DOCS  # killed mid-run, and nothing committed was lost

    again = run("ingest", str(folder), "--db", store_url, "--published", PUBLISHED, "--no-progress")
    assert again.returncode == 0, again.stderr
    assert f"documents read: {DOCS} (new {DOCS - stored}, already stored {stored})" in again.stdout
    assert check_documents_whole(store_url, expected) == DOCS
    with open_store(store_url) as store:
        assert store.count() == sum(len(v) for v in expected.values())


@pytest.mark.slow
def test_kill_9_mid_acled_import_then_rerun(store_url: str, acled_csv: Path) -> None:
    proc = spawn("import", str(acled_csv), "--format", "acled", "--db", store_url)
    killed = kill_when(proc, lambda: raw_count(store_url, "SELECT count(*) FROM events") >= BATCH)
    assert killed, "the import ended before it could be killed: make the CSV bigger"
    assert proc.returncode == -signal.SIGKILL
    integrity_ok(store_url)
    with open_store(store_url) as store:
        first = store.count()
    assert first % BATCH == 0 and BATCH <= first < ACLED_ROWS  # whole batches only

    check_acled_rerun(acled_csv, store_url, ACLED_ROWS, first)
