"""Ingest speed: documents per second end to end on one core, and where the time goes.

The corpus is the sample articles (``data/samples``) and the seed article(s)
(``../shared/seeds``, read where they are, never copied), repeated to ``--docs`` documents
(1,000 by default). Every copy gets its own last line, so every document has its own id and
no cache can answer for a copy; each round uses fresh copies for the same reason.

Each document goes the whole way: bytes → ``eventmap.sources`` (decoding, front matter,
language) → ``pipeline.process`` (publication date, places, dates, events) → and, unless
``--no-store``, ``Store.ingest`` into a fresh SQLite file. The stages are timed by wrapping
the functions ``process`` calls (exclusive time: a stage called inside another is not
counted twice), so the shares follow the pipeline as it is written. The gazetteer's loading
and the first document (lexicons, compiled patterns) are timed apart and not counted.

For scale, the same corpus also goes through a peer on the same machine: ``geotext``, a
small regex-and-list geoparser, against our places stage.

    python bench/ingest_speed.py                 # 1,000 documents, best of 3 rounds
    python bench/ingest_speed.py --docs 3000 --rounds 1 --no-store

Goal (issue 3): >= 300 documents/s end to end on one core.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
SHARED = Path(os.environ.get("EVENTMAP_SHARED", ROOT.parent / "shared"))
GOAL_DOCS_PER_S = 300.0
KINDS = {".md": "markdown", ".markdown": "markdown", ".txt": "text"}


@dataclass(frozen=True, slots=True)
class Original:
    """One source file of the corpus, as bytes, with the reader kind its extension gives."""

    name: str
    data: bytes
    kind: str


@dataclass(slots=True)
class Round:
    """What one pass over the corpus measured."""

    seconds: float
    cpu_seconds: float  # this process's CPU time: what the run costs on a core of its own
    documents: int
    nbytes: int
    stages: dict[str, float]
    events: int = 0
    mentions: int = 0
    times: int = 0
    stored: bool = False


class StageClock:
    """Exclusive time per stage: time spent in a nested stage counts for that stage only."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = {}
        self._stack: list[list[Any]] = []  # [stage, start, time in children]

    def reset(self) -> None:
        self.totals = {}
        self._stack = []

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        frame: list[Any] = [name, time.perf_counter(), 0.0]
        self._stack.append(frame)
        try:
            yield
        finally:
            elapsed = time.perf_counter() - frame[1]
            self._stack.pop()
            self.totals[name] = self.totals.get(name, 0.0) + elapsed - frame[2]
            if self._stack:
                self._stack[-1][2] += elapsed

    def wrap(self, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.stage(name):
                return func(*args, **kwargs)

        timed.__wrapped__ = func  # type: ignore[attr-defined]
        return timed


class TimedGazetteer:
    """The gazetteer with its ``parse`` timed as the "places" stage; all else passes through."""

    def __init__(self, inner: Any, clock: StageClock) -> None:
        self._inner = inner
        self.parse = clock.wrap("places", inner.parse)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


# (module, attribute, stage): the functions ``pipeline.process`` reaches, wherever it looks
# them up (a name imported into the pipeline at module level, or the module's own attribute
# when it imports inside the function).
TIMED_FUNCTIONS: tuple[tuple[str, str, str], ...] = (
    ("eventmap.pipeline", "with_publication_date", "publication date"),
    ("eventmap.pipeline", "find_dates", "dates"),
    ("eventmap.dates", "find_dates", "dates"),
    ("eventmap.pipeline", "extract_events", "events"),
    ("eventmap.events", "extract_events", "events"),
    ("dateparser.search", "search_dates", "dateparser (within dates)"),
    ("dateparser", "parse", "dateparser (within dates)"),
)
STAGE_ORDER = ("sources", "publication date", "places", "dates", "dateparser (within dates)",
               "events", "store", "other")


@contextmanager
def instrumented(clock: StageClock) -> Iterator[None]:
    """Wrap the pipeline's stage functions with ``clock`` for the duration of the block.

    dateparser is only wrapped when something has already imported it: the bench must not
    load a library the pipeline does not use.
    """
    saved: list[tuple[Any, str, Any]] = []
    try:
        for module_name, attr, stage in TIMED_FUNCTIONS:
            if module_name.startswith("dateparser") and "dateparser" not in sys.modules:
                continue
            try:
                module = importlib.import_module(module_name)
            except ImportError:
                continue
            original = getattr(module, attr, None)
            if original is None:
                continue
            saved.append((module, attr, original))
            setattr(module, attr, clock.wrap(stage, original))
        yield
    finally:
        for module, attr, original in reversed(saved):
            setattr(module, attr, original)


def pin_to_one_core() -> str:
    """Run on a single CPU (the first this process may use) so figures compare across runs."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity on this system)"
    allowed = os.sched_getaffinity(0)
    cpu = 0 if 0 in allowed else min(allowed)
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu} of {os.cpu_count()}"


def original_files(samples: Path, seeds: Path | None) -> list[Path]:
    """The sample articles (not their gold files, not the README) and the seed article(s)."""
    files = sorted(p for p in samples.glob("*.md") if p.name != "README.md")
    if seeds is not None and seeds.is_dir():
        files += sorted(seeds.glob("*.txt"))
    return files


def machine_load() -> str:
    """The 1-minute load average against the CPU count: a busy machine slows the wall clock."""
    if not hasattr(os, "getloadavg"):
        return "load unknown"
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"


def load_originals(files: list[Path]) -> list[Original]:
    """The originals as the bytes a file reader would see."""
    return [Original(p.name, p.read_bytes(), KINDS.get(p.suffix.lower(), "text")) for p in files]


def copy_of(original: Original, round_no: int, index: int) -> bytes:
    """The original with its own last line: a different text, hence a different document id."""
    return original.data.rstrip() + f"\n\nRef. bench-{round_no}-{index:06d}\n".encode()


def corpus(originals: list[Original], size: int, round_no: int) -> list[tuple[Original, bytes]]:
    return [(o, copy_of(o, round_no, i)) for i, o in
            ((i, originals[i % len(originals)]) for i in range(size))]


def check_readers(files: list[Path]) -> int:
    """Read the originals through ``eventmap.sources.read_path`` once, as a user's run would."""
    from eventmap.sources import read_path

    return sum(len(read_path(path)) for path in files)


def read_one(original: Original, data: bytes, index: int) -> list[Any]:
    """Documents of one corpus entry, through the same reader ``read_path`` uses for a file."""
    from eventmap.sources import read_bytes

    name = f"{original.name}#{index}"
    return read_bytes(data, name=name, kind=original.kind, path=name)


def run_round(
    entries: list[tuple[Original, bytes]],
    gazetteer: Any,
    clock: StageClock,
    store: Any | None,
) -> Round:
    """One timed pass: read, process and (optionally) store every document of ``entries``."""
    from eventmap.pipeline import process, stored_mentions

    clock.reset()
    timed_gazetteer: Any = TimedGazetteer(gazetteer, clock)
    events = mentions = times = documents = 0
    nbytes = sum(len(data) for _, data in entries)
    with instrumented(clock):
        start, cpu_start = time.perf_counter(), time.process_time()
        for index, (original, data) in enumerate(entries):
            with clock.stage("sources"):
                docs = read_one(original, data, index)
            for doc in docs:
                with clock.stage("other"):
                    extraction = process(doc, timed_gazetteer)
                if store is not None:
                    with clock.stage("store"):
                        d = extraction.document
                        store.ingest(d, stored_mentions(d.id, extraction.mentions),
                                     extraction.events)
                documents += 1
                events += len(extraction.events)
                mentions += len(extraction.mentions)
                times += len(extraction.times)
        seconds = time.perf_counter() - start
        cpu_seconds = time.process_time() - cpu_start
    return Round(seconds, cpu_seconds, documents, nbytes, dict(clock.totals), events, mentions, times,
                 store is not None)


def time_peer_geotext(entries: list[tuple[Original, bytes]]) -> float | None:
    """Seconds geotext takes to find the places of the same texts (None if not installed)."""
    try:
        from geotext import GeoText
    except ImportError:
        return None
    texts = [data.decode("utf-8", "replace") for _, data in entries]
    GeoText(texts[0])  # its first call loads its lists
    start = time.perf_counter()
    for text in texts:
        GeoText(text)
    return time.perf_counter() - start


def open_sqlite_store(folder: str, round_no: int) -> Any | None:
    """A fresh SQLite store in ``folder``, or None when ``eventmap.store.open_store`` is absent."""
    try:
        from eventmap.store import open_store
    except ImportError:
        return None
    return open_store(os.path.join(folder, f"bench-{round_no}.sqlite"))


def report(best: Round, label: str) -> list[str]:
    """The table of one round: rate, then seconds and share per stage."""
    rate = best.documents / best.seconds
    mb = best.nbytes / 1e6 / best.seconds
    cpu_rate = best.documents / best.cpu_seconds if best.cpu_seconds else float("nan")
    lines = [(f"{label}: {rate:,.1f} docs/s, {mb:.2f} MB/s wall clock; "
              f"{cpu_rate:,.1f} docs per CPU-second"),
             (f"  {best.documents} documents in {best.seconds:.2f} s ({best.cpu_seconds:.2f} s CPU): "
              f"{best.events} events, {best.mentions} place mentions, {best.times} dates")]
    lines.append(f"  {'stage':<27}{'seconds':>9}{'share':>8}{'ms/doc':>9}")
    for stage in STAGE_ORDER:
        if stage not in best.stages:
            continue
        secs = best.stages[stage]
        lines.append(f"  {stage:<27}{secs:>9.3f}{secs / best.seconds:>8.1%}"
                     f"{1000 * secs / best.documents:>9.3f}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000, help="corpus size (at least 1000)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds; the best is kept")
    parser.add_argument("--no-store", action="store_true", help="skip the SQLite store stage")
    parser.add_argument("--no-pin", action="store_true", help="do not pin to one core")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the ../shared folder")
    args = parser.parse_args(argv)
    if args.docs < 1000:
        parser.error("--docs must be at least 1000 (the issue's corpus size)")

    if str(ROOT) not in sys.path:  # the checkout's packages, whatever is installed
        sys.path.insert(0, str(ROOT))
    pinned = "not pinned (--no-pin)" if args.no_pin else pin_to_one_core()
    seeds = args.shared / "seeds"
    files = original_files(SAMPLES, seeds)
    originals = load_originals(files)
    n_seeds = sum(1 for o in originals if o.name.endswith(".txt"))
    print(f"eventmap ingest speed — Python {platform.python_version()}, {pinned}, "
          f"{machine_load()}")
    print(f"corpus: {args.docs} documents from {len(originals)} originals "
          f"({len(originals) - n_seeds} samples, {n_seeds} seed"
          f"{'' if seeds.is_dir() else ' — ' + str(seeds) + ' not found'}), "
          f"each copy with its own last line")

    try:
        import eventmap.pipeline  # noqa: F401  (the stage functions must exist to be timed)
        from gazetteer import default_gazetteer
    except ImportError as exc:
        print(f"cannot run: the pipeline is not importable yet ({exc})", file=sys.stderr)
        return 2
    read = check_readers(files)
    print(f"eventmap.sources.read_path reads {read} documents from the originals")

    start = time.perf_counter()
    gazetteer = default_gazetteer()
    loaded = time.perf_counter() - start
    built = getattr(gazetteer, "build_seconds", None)
    how = (f", of which {built:.2f} s building its index (cache {gazetteer.index_path})"
           if built else "")
    print(f"gazetteer ready in {loaded:.2f} s{how} (not counted)")

    clock = StageClock()
    warm = corpus(originals, len(originals), round_no=0)
    start = time.perf_counter()
    run_round(warm[:1], gazetteer, clock, None)
    first = time.perf_counter() - start
    run_round(warm[1:], gazetteer, clock, None)
    print(f"first document {first:.2f} s, then one pass over the originals (not counted)")

    extraction_rounds: list[Round] = []
    stored_rounds: list[Round] = []
    with tempfile.TemporaryDirectory(prefix="eventmap-bench-") as folder:
        for r in range(1, args.rounds + 1):
            extraction_rounds.append(run_round(corpus(originals, args.docs, r), gazetteer,
                                               clock, None))
            if not args.no_store:
                store = open_sqlite_store(folder, r)
                if store is None:
                    continue
                try:
                    stored_rounds.append(run_round(corpus(originals, args.docs, 100 + r),
                                                   gazetteer, clock, store))
                finally:
                    store.close()

    best = min(extraction_rounds, key=lambda x: x.seconds)
    rate = best.documents / best.seconds
    cpu_rate = best.documents / max(min(x.cpu_seconds for x in extraction_rounds), 1e-9)
    verdict = "OK" if rate >= GOAL_DOCS_PER_S else "BELOW GOAL"
    cpu_verdict = "OK" if cpu_rate >= GOAL_DOCS_PER_S else "BELOW GOAL"
    print()
    for line in report(best, "end to end, sources → places → dates → events"):
        print(line)
    print(f"  GOAL >= {GOAL_DOCS_PER_S:.0f} docs/s on one core: {rate:,.1f} docs/s wall clock — "
          f"{verdict}; {cpu_rate:,.1f} per CPU-second — {cpu_verdict} "
          f"(best of {len(extraction_rounds)} rounds; {machine_load()})")
    if stored_rounds:
        best_stored = min(stored_rounds, key=lambda x: x.seconds)
        print()
        for line in report(best_stored, "with the SQLite store (open_store → Store.ingest)"):
            print(line)
        store_s = best_stored.stages.get("store", 0.0)
        print(f"  storing alone: {best_stored.documents / store_s:,.1f} docs/s "
              f"({1000 * store_s / best_stored.documents:.3f} ms per document)")
    elif not args.no_store:
        print("\nSQLite store: eventmap.store.open_store is not available, not measured")

    peer = time_peer_geotext(corpus(originals, args.docs, 0))
    ours = best.stages.get("places", 0.0)
    if peer is not None and ours > 0:
        print(f"\npeer on this machine: geotext (English-only, regex and lists) reads places at "
              f"{args.docs / peer:,.1f} docs/s; our places stage runs at "
              f"{args.docs / ours:,.1f} docs/s, {ours / peer:.2f}× geotext's time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
