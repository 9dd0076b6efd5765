"""Batch ingest on a local Dask cluster of two worker processes, into SQLite and PostGIS."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventmap.scale import expand_inputs, ingest_distributed
from eventmap.store import EventFilter, open_store

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def make_corpus(folder: Path, copies: int) -> int:
    """Sample articles copied with a distinct last line, so every copy is a new document."""
    articles = sorted(SAMPLES.glob("**/*.md"))
    articles = [a for a in articles if a.name[:2].isdigit()]
    assert articles, "no sample articles"
    n = 0
    for i in range(copies):
        for article in articles:
            target = folder / f"{i:03d}_{article.name}"
            target.write_text(article.read_text("utf-8") + f"\n\n(copy {i})\n", "utf-8")
            n += 1
    return n


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
        host="127.0.0.1",
    ) as local, distributed.Client(local) as client:
        yield client


def test_expand_inputs_lists_folder_files_sorted(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "a.md").write_text("a")
    (tmp_path / "skip.json").write_text("{}")
    assert expand_inputs([str(tmp_path)]) == [str(tmp_path / "a.md"), str(tmp_path / "b.txt")]


@pytest.mark.slow
def test_two_workers_ingest_everything_once_into_sqlite(tmp_path: Path, cluster) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    total = make_corpus(corpus, copies=2)
    db = str(tmp_path / "events.sqlite")
    summary, reports = ingest_distributed([str(corpus)], db=db, scheduler=cluster,
                                          partition_size=10)
    assert summary.documents_read == total
    assert summary.documents_new == total
    assert not summary.skipped
    assert len({r.worker_pid for r in reports}) == 2, "both workers should have taken partitions"
    with open_store(db) as store:
        stored = store.count(EventFilter())
        assert stored > 0
        assert sum(1 for _ in store.documents()) == total
    # A second run finds every document already stored and adds nothing.
    again, _ = ingest_distributed([str(corpus)], db=db, scheduler=cluster, partition_size=10)
    assert again.documents_new == 0 and again.documents_known == total
    with open_store(db) as store:
        assert store.count(EventFilter()) == stored


@pytest.mark.slow
def test_two_workers_write_to_postgis(tmp_path: Path, cluster, pg_url: str) -> None:
    import uuid

    import psycopg

    name = "scale_" + uuid.uuid4().hex[:8]
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = pg_url.rsplit("/", 1)[0] + "/" + name
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        total = make_corpus(corpus, copies=1)
        summary, _ = ingest_distributed([str(corpus)], db=url, scheduler=cluster,
                                        partition_size=5)
        assert summary.documents_new == total
        with open_store(url) as store:
            assert sum(1 for _ in store.documents()) == total
            assert store.count(EventFilter()) > 0
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
