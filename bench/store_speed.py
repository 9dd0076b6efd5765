"""How fast the store imports, exports and filters, on SQLite and PostGIS side by side.

    python3 bench/store_speed.py                       # 100k and 1M events, both back ends
    python3 bench/store_speed.py --sizes 20000         # a quick run
    python3 bench/store_speed.py --backends sqlite     # no PostgreSQL at hand

PostGIS: ``--pg URL`` or ``$EVENTMAP_BENCH_PG`` / ``$EVENTMAP_TEST_PG``; the bench works in
a schema of its own, dropped afterwards. Every step runs in a fresh subprocess, so the
peak memory printed (``ru_maxrss``) is that step's alone. Exports use ``eventmap.export``
(``write_geojson``/``write_csv`` over ``Store.query()``) when it exists, and always the
store's fast paths: ``stream_features`` (Features built as JSON text by the database:
"geojson-sql") and ``stream_properties`` written by a plain JSON/CSV writer here ("-fast").

Goals (printed beside the figures): a 1M-event GeoJSON export under 10 s with memory
that does not grow with the event count; a filtered query over 100k events under 100 ms.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import importlib
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eventmap.model import EVENT_TYPES, SUB_EVENT_TYPES, Event
from eventmap.store import EventFilter, open_store

START = dt.date(2020, 1, 1)
DAYS = 730
MONTH = EventFilter(since=dt.date(2021, 3, 1), until=dt.date(2021, 3, 31))
BOX = (43.0, 32.0, 45.5, 34.5)  # west, south, east, north: around Baghdad
MONTH_IN_BOX = EventFilter(since=MONTH.since, until=MONTH.until, bbox=BOX)
CENTRES = [  # (lat, lon, country, admin1, place)
    (33.34, 44.40, "IQ", "Baghdad", "Baghdad"),
    (36.34, 43.12, "IQ", "Nineveh", "Mosul"),
    (36.20, 37.13, "SY", "Aleppo", "Aleppo"),
    (50.45, 30.52, "UA", "Kyiv City", "Kyiv"),
    (12.64, -8.00, "ML", "Bamako", "Bamako"),
    (15.55, 32.53, "SD", "Khartoum", "Khartoum"),
    (31.50, 34.47, "PS", "Gaza Strip", "Gaza"),
    (9.03, 38.74, "ET", "Addis Ababa", "Addis Ababa"),
]


def synthetic_events(n: int, seed: int = 7) -> Iterator[Event]:
    """n plausible events (a generator: the import never holds them all)."""
    rnd = random.Random(seed)
    for i in range(n):
        lat, lon, cc, admin1, place = CENTRES[i % len(CENTRES)]
        etype = EVENT_TYPES[rnd.randrange(len(EVENT_TYPES))]
        sub = SUB_EVENT_TYPES[etype][rnd.randrange(len(SUB_EVENT_TYPES[etype]))]
        day = START + dt.timedelta(days=rnd.randrange(DAYS))
        yield Event(
            id=f"ev-{i:08d}",
            date=day,
            event_type=etype,
            sub_event_type=sub,
            latitude=round(lat + rnd.uniform(-1, 1), 6),
            longitude=round(lon + rnd.uniform(-1, 1), 6),
            place=place,
            mention=place,
            country_code=cc,
            admin1=admin1,
            geonameid=100000 + i % 5000,
            actors=[f"Group {i % 37}", "Civilians"],
            fatalities=i % 5 or None,
            confidence=round(rnd.random(), 3),
            quote=f"On {day:%d %B %Y}, fighting was reported in {place} (report {i}).",
            doc_id=f"doc-{i // 4:08d}",
            source_title=f"Daily report {i // 4}",
            source_url=f"https://example.org/report/{i // 4}",
            published=day + dt.timedelta(days=1),
            language="en",
            origin="bench",
        )


# --- steps (each run in its own subprocess) ---------------------------------------------------


def step_import(db: str, size: int) -> dict[str, Any]:
    with open_store(db) as store:
        t0 = time.perf_counter()
        added = store.add_events(synthetic_events(size))
        secs = time.perf_counter() - t0
    assert added == size, (added, size)
    return {"seconds": secs, "rate": size / secs}


def _geojson_from_properties(store: Any, fp: Any) -> int:
    n = 0
    fp.write('{"type":"FeatureCollection","features":[\n')
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for lon, lat, props in store.stream_properties():
        if n:
            fp.write(",\n")
        fp.write(
            '{"type":"Feature","geometry":{"type":"Point","coordinates":'
            f"[{round(lon, 6)},{round(lat, 6)}]}},\"properties\":{dumps(props)}}}"
        )
        n += 1
    fp.write("\n]}\n")
    return n


def _geojson_from_features(store: Any, fp: Any) -> int:
    n = 0
    fp.write('{"type":"FeatureCollection","features":[\n')
    for feature in store.stream_features():
        if n:
            fp.write(",\n")
        fp.write(feature)
        n += 1
    fp.write("\n]}\n")
    return n


def _csv_from_properties(store: Any, fp: Any) -> int:
    from eventmap.model import PROPERTY_NAMES

    writer = csv.writer(fp)
    writer.writerow([*PROPERTY_NAMES, "latitude", "longitude"])
    n = 0
    for lon, lat, props in store.stream_properties():
        props["actors"] = "; ".join(props["actors"])
        writer.writerow([*props.values(), lat, lon])
        n += 1
    return n


def step_export(db: str, size: int, fmt: str, path: str) -> dict[str, Any]:
    with open_store(db) as store, open(path, "w", encoding="utf-8", newline="") as fp:
        t0 = time.perf_counter()
        if fmt == "geojson-sql":
            n = _geojson_from_features(store, fp)
        elif fmt == "geojson-fast":
            n = _geojson_from_properties(store, fp)
        elif fmt == "csv-fast":
            n = _csv_from_properties(store, fp)
        else:
            ex = importlib.import_module("eventmap.export")  # another module's writers

            writer: Any = ex.write_geojson if fmt == "geojson" else ex.write_csv
            result = writer(store.query(), fp)
            n = result if isinstance(result, int) else size
        secs = time.perf_counter() - t0
    assert n == size, (n, size)
    return {"seconds": secs, "rate": size / secs, "mb": os.path.getsize(path) / 1e6}


def _timed(fn: Any, repeat: int = 7) -> tuple[float, Any]:
    fn()  # warm the caches: the dashboard asks the same thing again and again
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000, out


def step_queries(db: str, size: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with open_store(db) as store:
        for name, flt in (("month", MONTH), ("bbox", EventFilter(bbox=BOX)), ("month+bbox", MONTH_IN_BOX)):
            ms, n = _timed(lambda flt=flt: sum(1 for _ in store.query(flt)))  # Events built
            out[f"query {name}"] = (ms, n)
        ms, n = _timed(lambda: store.count(MONTH_IN_BOX))
        out["count month+bbox"] = (ms, n)
        ms, f = _timed(lambda: store.facets(MONTH), repeat=3)
        out["facets month"] = (ms, f["total"])
        ms, f = _timed(lambda: store.facets(EventFilter()), repeat=3)
        out["facets all"] = (ms, f["total"])
        ms, d = _timed(lambda: store.daily_counts(EventFilter()), repeat=3)
        out["daily counts all"] = (ms, len(d))
        ms, n = _timed(lambda: sum(1 for _ in store.query(EventFilter(limit=200))))
        out["newest 200"] = (ms, n)
    return out


STEPS: dict[str, Any] = {"import": step_import, "export": step_export, "queries": step_queries}


def run_step(argv: list[str]) -> dict[str, Any]:
    """Run one step in a subprocess; returns its result with the peak memory (MB)."""
    proc = subprocess.run(
        [sys.executable, __file__, "--step", *argv], capture_output=True, text=True, check=False
    )
    if proc.returncode != 0:
        raise SystemExit(f"step {argv[0]} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def child(argv: list[str]) -> None:
    name, db, size, *rest = argv
    result = STEPS[name](db, int(size), *rest)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"result": result, "peak_mb": peak_mb}))


# --- the orchestra -----------------------------------------------------------------------------


def pg_schema_url(base: str, schema: str) -> str:
    from sqlalchemy.engine import make_url

    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema},public"})
    return url.render_as_string(hide_password=False)


def _pg_admin(base: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(sql)


def has_export() -> bool:
    try:  # not "from eventmap import export": that name is also eventmap.api.export
        ex = importlib.import_module("eventmap.export")
    except ImportError:
        return False
    return hasattr(ex, "write_geojson") and hasattr(ex, "write_csv")


def bench(size: int, backend: str, db: str, workdir: Path) -> dict[str, Any]:
    rows: dict[str, Any] = {}
    r = run_step(["import", db, str(size)])
    rows["import"] = (r["result"]["seconds"], r["peak_mb"], f'{r["result"]["rate"]:,.0f} ev/s')
    formats = ["geojson-sql", "geojson-fast", "csv-fast"] + (["geojson", "csv"] if has_export() else [])
    for fmt in formats:
        path = workdir / f"{backend}-{size}.{fmt}"
        r = run_step(["export", db, str(size), fmt, str(path)])
        rows[f"export {fmt}"] = (
            r["result"]["seconds"], r["peak_mb"], f'{r["result"]["rate"]:,.0f} ev/s, {r["result"]["mb"]:.0f} MB'
        )
        path.unlink()
    r = run_step(["queries", db, str(size)])
    for name, (ms, n) in r["result"].items():
        rows[name] = (ms / 1000, r["peak_mb"], f"{n:,} rows")
    return rows


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--step":
        child(sys.argv[2:])
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--backends", nargs="+", default=["sqlite", "postgis"], choices=["sqlite", "postgis"])
    ap.add_argument("--pg", default=os.environ.get("EVENTMAP_BENCH_PG") or os.environ.get("EVENTMAP_TEST_PG"))
    ap.add_argument("--workdir", type=Path, default=None, help="where the SQLite files and exports go")
    args = ap.parse_args()
    if "postgis" in args.backends and not args.pg:
        ap.error("PostGIS needs --pg URL (or EVENTMAP_BENCH_PG); or use --backends sqlite")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="eventmap-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"eventmap store bench — {dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} CPUs, "
          f"load average {load} (figures scale with it), "
          f"eventmap.export {'present' if has_export() else 'absent (store fast paths only)'}")
    results: dict[tuple[int, str], dict[str, Any]] = {}
    for size in args.sizes:
        for backend in args.backends:
            if backend == "sqlite":
                db = str(workdir / f"bench-{size}.sqlite")
                for suffix in ("", "-wal", "-shm"):
                    Path(db + suffix).unlink(missing_ok=True)
                results[(size, backend)] = bench(size, backend, db, workdir)
                for suffix in ("", "-wal", "-shm"):
                    Path(db + suffix).unlink(missing_ok=True)
            else:
                schema = "bench_" + uuid.uuid4().hex[:8]
                _pg_admin(args.pg, f'CREATE SCHEMA "{schema}"')
                try:
                    results[(size, backend)] = bench(size, backend, pg_schema_url(args.pg, schema), workdir)
                finally:
                    _pg_admin(args.pg, f'DROP SCHEMA "{schema}" CASCADE')
            report(results)
    print_goals(results)
    if args.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)


def report(results: dict[tuple[int, str], dict[str, Any]]) -> None:
    for (size, backend), rows in list(results.items())[-1:]:
        print(f"\n{backend}, {size:,} events")
        print(f"  {'step':<22}{'time':>11}{'peak RSS':>11}  note")
        for name, (secs, mb, note) in rows.items():
            t = f"{secs * 1000:.1f} ms" if secs < 1 else f"{secs:.2f} s"
            print(f"  {name:<22}{t:>11}{mb:>8.0f} MB  {note}")
        sys.stdout.flush()


def print_goals(results: dict[tuple[int, str], dict[str, Any]]) -> None:
    print("\nGoals")
    for (size, backend), rows in results.items():
        for key in ("export geojson", "export geojson-sql", "export geojson-fast"):
            if key in rows and size >= 1_000_000:
                secs, mb, _ = rows[key]
                print(f"  {backend:<8} {key:<20} {size:>9,}: {secs:6.2f} s (goal < 10 s) "
                      f"{'OK' if secs < 10 else 'MISSED'}, peak {mb:.0f} MB")
        if size <= 100_000:  # the goal is stated for 100k events
            for key in ("query month+bbox", "count month+bbox", "query month"):
                secs, _, note = rows[key]
                print(f"  {backend:<8} {key:<20} {size:>9,}: {secs * 1000:6.1f} ms (goal < 100 ms) "
                      f"{'OK' if secs < 0.1 else 'MISSED'} ({note})")
    for backend in {b for _, b in results}:
        sizes = sorted(s for s, b in results if b == backend)
        if len(sizes) > 1:
            small, big = results[(sizes[0], backend)], results[(sizes[-1], backend)]
            for key in ("export geojson-sql", "export geojson-fast", "export geojson"):
                if key in small and key in big:
                    print(f"  {backend:<8} {key} peak memory {small[key][1]:.0f} MB at {sizes[0]:,} → "
                          f"{big[key][1]:.0f} MB at {sizes[-1]:,} (goal: does not grow with the count)")


if __name__ == "__main__":
    main()
