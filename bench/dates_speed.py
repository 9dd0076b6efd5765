"""Cost of eventmap.dates.find_dates against plain dateparser search_dates on the same texts.

Texts: the seed article(s) of ``../shared/seeds`` and POPCORN-fr's texts (read in place).
Both sides get the same anchor and language; dateparser runs with the settings that make it
usable (REQUIRE_PARTS day+month, PREFER_DATES_FROM past, DATE_ORDER DMY). dateparser only sees
the first ``--peer-docs`` POPCORN texts (it is slow); its figures are per document and per MB,
so the ratio stays fair. Warm-up calls (regex compilation, dateparser's language data) are not
timed: an ingest run pays them once.

Run: ``python3 bench/dates_speed.py [shared_dir] [--peer-docs N] [--repeat R]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import time
from collections.abc import Callable
from pathlib import Path

from eventmap.dates import find_dates, infer_publication_date

ANCHOR = dt.date(2021, 12, 9)


def _ours(text: str) -> object:
    return find_dates(text, anchor=ANCHOR, language="fr")


def _peer(text: str) -> object:
    from dateparser.search import search_dates

    settings = {
        "RELATIVE_BASE": dt.datetime(ANCHOR.year, ANCHOR.month, ANCHOR.day),
        "PREFER_DATES_FROM": "past",
        "DATE_ORDER": "DMY",
        "REQUIRE_PARTS": ["day", "month"],
    }
    return search_dates(text, languages=["fr"], settings=settings)


def _time(fn: Callable[[str], object], texts: list[str], repeat: int) -> tuple[float, float]:
    """(ms per document, seconds per MB of text), best of ``repeat`` runs."""
    fn(texts[0])  # warm-up
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for text in texts:
            fn(text)
        best = min(best, time.perf_counter() - t0)
    size_mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    return 1000 * best / len(texts), best / size_mb


def corpora(shared: Path) -> dict[str, list[str]]:
    """The texts to time: the seed article(s) and POPCORN-fr (train + test)."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted((shared / "seeds").glob("*.txt"))]
    popcorn: list[str] = []
    for split in ("train", "test"):
        path = shared / "eval" / "popcorn-fr" / f"{split}.json"
        if path.is_file():
            popcorn += [d["text"] for d in json.loads(path.read_text(encoding="utf-8")).values()]
    return {"seed": seeds, "popcorn-fr": popcorn}


def main(argv: list[str] | None = None) -> None:
    """Print ms/doc and s/MB for both, and the ratio dateparser / eventmap.dates."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("shared", nargs="?", type=Path,
                    default=Path(__file__).resolve().parents[2] / "shared")
    ap.add_argument("--peer-docs", type=int, default=60)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    for name, texts in corpora(args.shared).items():
        if not texts:
            continue
        chars = sum(map(len, texts)) / len(texts)
        ours_doc, ours_mb = _time(_ours, texts, args.repeat)
        peer_texts = texts[: args.peer_docs]
        peer_doc, peer_mb = _time(_peer, peer_texts, 1)
        ours_peer_doc, _ = _time(_ours, peer_texts, args.repeat)
        print(f"== {name}: {len(texts)} documents, {chars:.0f} characters on average")
        print(f"  eventmap.dates.find_dates   {ours_doc:8.3f} ms/doc  {ours_mb:8.3f} s/MB"
              f"  ({1000 / ours_doc:,.0f} docs/s)")
        print(f"  dateparser.search_dates     {peer_doc:8.3f} ms/doc  {peer_mb:8.3f} s/MB"
              f"  (on {len(peer_texts)} documents)")
        print(f"  ratio dateparser / ours on the same {len(peer_texts)} documents: "
              f"{peer_doc / ours_peer_doc:,.1f}x")
        pub_doc, _ = _time(lambda t: infer_publication_date(t, language="fr"), texts, args.repeat)
        print(f"  infer_publication_date      {pub_doc:8.3f} ms/doc")


if __name__ == "__main__":
    main()
