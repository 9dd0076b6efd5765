"""Geoparsing throughput on one core: eventmap's gazetteer (full recognition and
disambiguation) against geotext (dictionary lookup of capitalised words, no disambiguation),
same texts, same run: GeoVirus paragraphs (../shared/eval/geovirus.xml) and the seed article
(../shared/seeds/*.txt), both read in place.

    python3 bench/geoparse_speed.py [--rounds N]

Prints docs/s and MB/s for both and the ratio eventmap / geotext (>= 1 means at least as fast),
and, for scale, one C regex pass that only reads the words: geotext runs at about that speed.
The gazetteer is loaded before timing (its index is built once in the cache directory).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHARED = Path(os.environ.get("EVENTMAP_SHARED", ROOT.parent / "shared"))


def throughput(
    fn: Callable[[str], object], texts: list[str], rounds: int,
    reset: Callable[[], None] = lambda: None,
) -> tuple[float, float]:
    """(docs/s, MB/s): best of ``rounds`` passes over ``texts`` (warm-up pass first).

    ``reset`` runs before each timed pass so memoised results of the previous pass do not
    count: the figure is for text the parser has not seen.
    """
    for t in texts:
        fn(t)
    size = sum(len(t.encode("utf-8")) for t in texts)
    best = float("inf")
    for _ in range(rounds):
        reset()
        t0 = time.perf_counter()
        for t in texts:
            fn(t)
        best = min(best, time.perf_counter() - t0)
    return len(texts) / best, size / best / 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    geovirus = SHARED / "eval" / "geovirus.xml"
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    if not geovirus.exists() or not seeds:
        sys.exit(f"corpora not found under {SHARED} (set EVENTMAP_SHARED)")
    corpora = {
        "GeoVirus": [a.findtext("text") or "" for a in ET.parse(geovirus).getroot()],
        "seed": [p.read_text(encoding="utf-8") for p in seeds],
    }
    from geotext import GeoText

    from gazetteer import Gazetteer

    t0 = time.perf_counter()
    g = Gazetteer()
    load = time.perf_counter() - t0
    print(f"gazetteer ready in {load:.2f} s (index {g.index_path}, "
          f"{g.index_path.stat().st_size / 1e6:.1f} MB; build took {g.build_seconds:.1f} s)")
    print(f"{'corpus':10} {'system':10} {'docs/s':>10} {'MB/s':>8}")
    words = re.compile(r"\w+").findall
    for name, texts in corpora.items():
        em = throughput(g.parse, texts, args.rounds, reset=g.clear_caches)
        gt = throughput(GeoText, texts, args.rounds)
        rd = throughput(words, texts, args.rounds)
        print(f"{name:10} {'eventmap':10} {em[0]:10.1f} {em[1]:8.3f}")
        print(f"{name:10} {'geotext':10} {gt[0]:10.1f} {gt[1]:8.3f}")
        print(f"{name:10} {'words':10} {rd[0]:10.1f} {rd[1]:8.3f}   (re.findall(r'\\w+'): "
              "reading each word once, in C)")
        print(f"{name:10} ratio eventmap/geotext = {em[1] / gt[1]:.2f}; "
              f"geotext/reading the words = {gt[1] / rd[1]:.2f}")


if __name__ == "__main__":
    main()
