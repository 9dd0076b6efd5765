"""Ingest throughput on Dask with 1 and 2 workers, per-worker memory, and PostGIS queries
at 1M and 10M events — the curve, not one point.

    python3 bench/scale.py                          # 400 documents, 1 and 2 workers, SQLite
    python3 bench/scale.py --docs 2000 --db postgresql://…   # into PostGIS
    python3 bench/scale.py --query-sizes 1000000 10000000 --pg postgresql://…

The corpus is the sample articles (data/samples) copied with a distinct last line, so no
document is a duplicate of another. Each worker is a separate process with one thread and
loads the gazetteer once. Store queries reuse bench/store_speed.py's steps (synthetic
events imported into a PostGIS schema of their own, dropped afterwards).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SAMPLES = ROOT / "data" / "samples"


def make_corpus(folder: Path, docs: int) -> list[str]:
    articles = [p for p in sorted(SAMPLES.glob("**/*.md")) if p.name[:2].isdigit()]
    texts = [p.read_text("utf-8") for p in articles]
    paths = []
    for i in range(docs):
        path = folder / f"{i:06d}.md"
        path.write_text(texts[i % len(texts)] + f"\n\n(copy {i})\n", "utf-8")
        paths.append(str(path))
    return paths


def fresh_db(base: str | None, workdir: Path, tag: str) -> tuple[str, object]:
    """A new empty store for one run: a SQLite file, or a PostGIS schema dropped afterwards."""
    if not base:
        return str(workdir / f"scale-{tag}.sqlite"), None
    import psycopg
    from store_speed import pg_schema_url

    schema = f"scale_{tag}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    return pg_schema_url(base, schema), schema


def drop_schema(base: str | None, schema: object) -> None:
    if base and schema:
        import psycopg

        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def ingest_curve(docs: int, workers: list[int], base_db: str | None, workdir: Path) -> None:
    from distributed import Client, LocalCluster

    from eventmap.scale import ingest_distributed

    corpus = workdir / "corpus"
    corpus.mkdir(exist_ok=True)
    paths = make_corpus(corpus, docs)
    mb = sum(os.path.getsize(p) for p in paths) / 1e6
    print(f"\ningest: {docs} documents ({mb:.1f} MB), store {'PostGIS' if base_db else 'SQLite'}")
    print(f"{'workers':>8} {'seconds':>9} {'docs/s':>9} {'speed-up':>9} {'events':>8} "
          f"{'peak MB per worker':>20}")
    first = None
    for n in workers:
        db, schema = fresh_db(base_db, workdir, f"w{n}")
        try:
            with LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                              dashboard_address=None, host="127.0.0.1") as cluster, \
                    Client(cluster) as client:
                # Warm each worker (gazetteer loaded once per worker) outside the timing.
                client.run(lambda: __import__("gazetteer").default_gazetteer() and None)
                t0 = time.perf_counter()
                summary, reports = ingest_distributed(paths, db=db, scheduler=client,
                                                      partition_size=max(1, docs // (4 * n)))
                secs = time.perf_counter() - t0
        finally:
            drop_schema(base_db, schema)
        rate = docs / secs
        first = first or rate
        peaks = {}
        for r in reports:
            peaks[r.worker_pid] = max(peaks.get(r.worker_pid, 0.0), r.peak_rss_mb)
        peak_text = ", ".join(f"{v:.0f}" for v in peaks.values())
        print(f"{n:>8} {secs:>9.1f} {rate:>9.1f} {rate / first:>8.2f}x "
              f"{summary.events_found:>8} {peak_text:>20}")


def query_curve(sizes: list[int], pg: str) -> None:
    from store_speed import _pg_admin, pg_schema_url, run_step

    print("\nPostGIS queries (median ms over repeated runs)")
    for size in sizes:
        schema = "scaleq_" + uuid.uuid4().hex[:8]
        _pg_admin(pg, f'CREATE SCHEMA "{schema}"')
        try:
            url = pg_schema_url(pg, schema)
            imported = run_step(["import", url, str(size)])
            print(f"{size:,} events: import {imported['result']['seconds']:.0f} s "
                  f"({imported['result']['rate']:,.0f} ev/s)")
            queries = run_step(["queries", url, str(size)])
            for name, (ms, n) in queries["result"].items():
                print(f"    {name:<22} {ms:>9.1f} ms  {n:,}")
        finally:
            _pg_admin(pg, f'DROP SCHEMA "{schema}" CASCADE')


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--db", default=None, help="postgresql:// URL to ingest into (else SQLite)")
    ap.add_argument("--query-sizes", type=int, nargs="*", default=[])
    ap.add_argument("--pg", default=os.environ.get("EVENTMAP_TEST_PG"))
    args = ap.parse_args()
    print(f"eventmap scale bench — {os.cpu_count()} CPUs, load average "
          f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="eventmap-scale-") as tmp:
        ingest_curve(args.docs, args.workers, args.db, Path(tmp))
    if args.query_sizes:
        if not args.pg:
            ap.error("--query-sizes needs --pg URL (or EVENTMAP_TEST_PG)")
        query_curve(args.query_sizes, args.pg)


if __name__ == "__main__":
    main()
