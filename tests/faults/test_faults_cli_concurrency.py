"""Two ``eventmap ingest`` processes on overlapping folders into one SQLite file, started at
once on a store that does not exist yet, while a third process loops ``eventmap list`` (what
the dashboard does to the store). Store-level concurrency (Python writers sharing events,
a lock held by another process) is in ``tests/test_store_faults.py``."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import pytest
from faults_helpers import (
    PUBLISHED,
    check_documents_whole,
    cli,
    env,
    expected_events,
    spawn,
    write_corpus,
)

from eventmap.store import EventFilter, open_store

PER_DOC = 6


@pytest.mark.slow
def test_two_cli_ingests_and_a_reader_on_one_sqlite_file(tmp_path: Path) -> None:
    # a: documents 0-79, b: documents 0-29 and 80-129. Both start on the 30 shared ones at
    # the same moment, so they race on the same documents (and the same events).
    paths_a = write_corpus(tmp_path / "a", 80, PER_DOC, start=0)
    paths_b = write_corpus(tmp_path / "b", 30, PER_DOC, start=0)
    paths_b += write_corpus(tmp_path / "b", 50, PER_DOC, start=80)
    expected = expected_events(paths_a + paths_b)
    assert len(expected) == 130 and all(expected.values())
    db = str(tmp_path / "shared.sqlite")

    outputs: list[tuple[int, str, str]] = []
    done = threading.Event()

    def reader() -> None:
        while not done.is_set():
            r = subprocess.run(
                cli("list", "--db", db, "--limit", "5"),
                capture_output=True,
                text=True,
                env=env(),
                timeout=120,
                check=False,
            )
            outputs.append((r.returncode, r.stdout, r.stderr))

    thread = threading.Thread(target=reader)
    writers = [
        spawn("ingest", str(tmp_path / name), "--db", db, "--published", PUBLISHED, "--no-progress")
        for name in ("a", "b")
    ]
    thread.start()
    try:
        results = [w.communicate(timeout=300) for w in writers]
    finally:
        done.set()
        thread.join()

    for w, (out, err) in zip(writers, results, strict=True):
        assert w.returncode == 0, err
        assert "locked" not in (out + err).lower()
        assert "documents read: 80" in out
    assert outputs, "the reader never ran"
    for code, out, err in outputs:
        assert code == 0, err
        assert "locked" not in (out + err).lower()
    new = sum(int(out.split("(new ")[1].split(",")[0]) for out, _ in results)
    assert new == 130  # each shared document stored by exactly one of the two

    assert check_documents_whole(db, expected) == 130
    with open_store(db) as store:
        ids = [e.id for e in store.query(EventFilter())]
        assert len(ids) == len(set(ids)) == sum(len(v) for v in expected.values())
        assert all(e.sources == [] for e in store.query(EventFilter()))
