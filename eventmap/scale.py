"""Batch ingest of a corpus bigger than one machine, on Dask.

The corpus (a list of files, folders or URLs) is split into partitions; each Dask worker
loads the gazetteer once (``default_gazetteer`` is a per-process cache), processes its
partitions and writes straight to the shared store — PostGIS for a real cluster, or a
SQLite file on a local one (WAL mode and a busy timeout let several processes write).
Only small summaries travel back to the client, never documents or events.

On a real cluster: start ``dask scheduler`` and ``dask worker tcp://SCHEDULER:8786`` on each
machine (each with eventmap installed and the corpus reachable at the same paths or URLs),
then ``eventmap.scale.ingest_distributed(paths, db="postgresql://…",
scheduler="tcp://SCHEDULER:8786")``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventmap.pipeline import IngestSummary

CORPUS_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".xml", ".rss", ".atom")


@dataclass(slots=True)
class PartitionReport:
    """What one partition did on one worker (small: this is all that comes back)."""

    worker_pid: int
    summary: IngestSummary
    peak_rss_mb: float
    seconds: float


def expand_inputs(inputs: Sequence[str]) -> list[str]:
    """Folders become their files (sorted), so partitions balance by document, not by folder."""
    out: list[str] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            out += sorted(str(p) for p in path.rglob("*") if p.suffix.lower() in CORPUS_SUFFIXES)
        else:
            out.append(item)
    return out


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def ingest_partition(
    inputs: list[str], db: str, published: dt.date | None = None, allow_private: bool = False
) -> list[PartitionReport]:
    """Run on a worker: ingest one partition of inputs into the shared store."""
    import time

    from eventmap.pipeline import ingest_documents
    from eventmap.sources import FetchPolicy, read_inputs
    from eventmap.store import open_store
    from gazetteer import default_gazetteer

    started = time.perf_counter()
    gazetteer = default_gazetteer()  # once per worker process, reused by later partitions
    with open_store(db) as store:
        docs = read_inputs(inputs, published=published,
                           policy=FetchPolicy(allow_private=allow_private))
        summary = ingest_documents(docs, store, gazetteer)
    return [PartitionReport(os.getpid(), summary, peak_rss_mb(), time.perf_counter() - started)]


def merge_reports(reports: Sequence[PartitionReport]) -> IngestSummary:
    total = IngestSummary()
    for report in reports:
        s = report.summary
        total.documents_read += s.documents_read
        total.documents_new += s.documents_new
        total.documents_known += s.documents_known
        total.events_found += s.events_found
        total.skipped += s.skipped
    return total


def ingest_distributed(
    inputs: Sequence[str],
    *,
    db: str,
    scheduler: Any = None,
    partition_size: int = 200,
    published: dt.date | None = None,
    allow_private: bool = False,
) -> tuple[IngestSummary, list[PartitionReport]]:
    """Ingest ``inputs`` on Dask; returns the merged summary and each partition's report.

    ``scheduler`` is a ``distributed.Client``, a scheduler address, or None for Dask's
    default (the current client if any, else local processes).
    """
    import dask.bag as db_bag

    files = expand_inputs(inputs)
    if not files:
        return IngestSummary(), []
    npartitions = max(1, -(-len(files) // partition_size))
    bag = db_bag.from_sequence(files, npartitions=npartitions)
    reports_bag = bag.map_partitions(
        ingest_partition, db=db, published=published, allow_private=allow_private
    )
    if scheduler is None:
        reports = reports_bag.compute()
    elif isinstance(scheduler, str):
        from distributed import Client

        with Client(scheduler) as client:
            reports = client.compute(reports_bag).result()
    else:
        reports = scheduler.compute(reports_bag).result()
    reports = list(reports)
    return merge_reports(reports), reports
