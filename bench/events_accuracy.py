"""Accuracy of event extraction: per-field accuracy and event-type macro-F1.

    python bench/events_accuracy.py [--shared ../shared] [--limit N] [--only samples,acled,popcorn,location]
    python bench/events_accuracy.py --only acled --learn-places-before 2019

(a) data/samples/*.gold.json — the project's hand-made gold (full pipeline on each sample);
(b) ACLED notes (../shared/eval/acled/burkina_faso_1997-2020.csv): the full pipeline on each
    row's English ``notes``; the main event (highest confidence) against event_type,
    sub_event_type, event_date and coordinates. A note has no publication date of its own:
    the row's event_date is given as the publication date (the anchor for "On April 18"
    and the fallback when a note states no date) — said again in the output, with the share
    of dates read from the text itself;
(c) POPCORN (French, fictional reports): document-level event types mapped to ACLED, and
    dates through ``bench.dates_accuracy.score_popcorn`` when the dates module provides it;
(d) Halterman's event-location sentences: how often the chosen place is the gold location.
Eval data is read where it lies, never copied.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import math
import sys
import time
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the checkout's packages, unless PYTHONPATH already names it
    sys.path.insert(0, str(ROOT))
if str(ROOT / "bench") not in sys.path:  # the other benches (dates, geoparse), imported too
    sys.path.insert(0, str(ROOT / "bench"))

from eventmap.model import EVENT_TYPES, Document

# POPCORN's event types → ACLED (type, sub-type); None: no ACLED event expected.
POPCORN_TO_ACLED: dict[str, tuple[str, str | None] | None] = {
    "BOMBING": ("Explosions/Remote violence", None),
    "RIOT": ("Riots", "Violent demonstration"),
    "HOOLIGANISM_TROUBLEMAKING": ("Riots", "Mob violence"),
    "AGITATING_TROUBLE_MAKING": ("Riots", "Mob violence"),
    "DEMONSTRATION": ("Protests", "Peaceful protest"),
    "ILLEGAL_CIVIL_DEMONSTRATION": ("Protests", None),
    "STRIKE": ("Protests", "Peaceful protest"),
    "CRIMINAL_ARREST": ("Strategic developments", "Arrests"),
    "POLITICAL_VIOLENCE": ("Violence against civilians", None),
    "CIVIL_WAR_OUTBREAK": ("Battles", None),
    "COUP_D_ETAT": ("Strategic developments", None),
    # no ACLED counterpart: accidents, fires, disasters, crime, health, economy, elections
    "ACCIDENT": None, "FIRE": None, "NATURAL_EVENT": None, "EPIDEMIC": None, "POLLUTION": None,
    "ECONOMICAL_CRISIS": None, "CBRN_EVENT": None, "SUICIDE": None, "NATURAL_CAUSES_DEATH": None,
    "ELECTION": None, "TRAFFICKING": None, "DRUG_OPERATION": None, "THEFT": None,
    "GATHERING": None,
}


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def macro_f1(pairs: list[tuple[str | None, str | None]], labels: tuple[str, ...]) -> float:
    """Macro-F1 over ``labels`` of (gold, predicted) pairs; a missed event counts as wrong."""
    f1s = []
    for lab in labels:
        tp = sum(1 for g, p in pairs if g == lab and p == lab)
        fp = sum(1 for g, p in pairs if g != lab and p == lab)
        fn = sum(1 for g, p in pairs if g == lab and p != lab)
        if tp + fp + fn == 0:
            continue
        f1s.append(2 * tp / (2 * tp + fp + fn))
    return sum(f1s) / len(f1s) if f1s else 0.0


def pct(n: int, d: int) -> str:
    return f"{n / d:.3f} ({n}/{d})" if d else "n/a (0)"


class Pipeline:
    """The real pipeline (gazetteer + dates + events) when its parts are importable."""

    def __init__(self) -> None:
        self.error: str | None = None
        self.gazetteer: Any = None
        try:
            from gazetteer import default_gazetteer

            self.gazetteer = default_gazetteer()
        except Exception as exc:  # noqa: BLE001 - reported, the bench goes on without places
            self.error = f"gazetteer unavailable: {type(exc).__name__}: {exc}"

    def events(self, doc: Document) -> list[Any]:
        from eventmap.pipeline import process

        if self.gazetteer is None:
            return []
        return process(doc, self.gazetteer).events


# ----------------------------------------------------------------------------------- (a)
MatchKey = tuple[bool, bool, bool, int]


def _match_key(g: dict[str, Any], e: Any) -> MatchKey:
    """How well a prediction fits a gold event: place (<= 50 km), then date, then type."""
    glat, glon = g.get("latitude", g.get("lat")), g.get("longitude", g.get("lon"))
    gdate = dt.date.fromisoformat(g["date"])
    near = glat is not None and glon is not None and km(glat, glon, e.latitude, e.longitude) <= 50
    return (near, e.date == gdate, e.event_type == g["event_type"], -abs((e.date - gdate).days))


def assign(gevents: list[dict[str, Any]], preds: list[Any]) -> dict[int, tuple[int, MatchKey]]:
    """Gold event index -> (prediction index, match key); a pair needs the place or the date.

    Why an optimal assignment: matching gold events one by one in file order lets an early
    gold event take the prediction a later one fits better, so scores depended on the order
    the gold lists its events in. With scipy, ``linear_sum_assignment`` maximises, over the
    whole document, first the number of pairs, then (pair by pair) place, date, type and
    closeness of the date; without it, the greedy order-dependent match is kept.
    """
    keys = [[_match_key(g, e) for e in preds] for g in gevents]
    try:
        from scipy.optimize import linear_sum_assignment
    except ImportError:
        return _assign_greedy(keys)
    if not gevents or not preds:
        return {}
    big = 64.0  # a pair at all outweighs any improvement in the quality of the pairs
    weight = [[(big + 8 * k[0] + 4 * k[1] + 2 * k[2] + 1.0 / (1 - k[3])) if (k[0] or k[1])
               else 0.0 for k in row] for row in keys]
    rows, cols = linear_sum_assignment(weight, maximize=True)
    return {int(r): (int(c), keys[r][c]) for r, c in zip(rows, cols, strict=True)
            if weight[r][c] > 0}


def _assign_greedy(keys: list[list[MatchKey]]) -> dict[int, tuple[int, MatchKey]]:
    out: dict[int, tuple[int, MatchKey]] = {}
    used: set[int] = set()
    for gi, row in enumerate(keys):
        best = max((i for i in range(len(row)) if i not in used), key=lambda i: row[i],
                   default=None)
        if best is None or not (row[best][0] or row[best][1]):
            continue
        used.add(best)
        out[gi] = (best, row[best])
    return out


def bench_samples(pipe: Pipeline, errors: bool = False) -> None:
    from eventmap.sources import read_inputs

    print("\n== (a) data/samples gold ==")
    golds = sorted((ROOT / "data" / "samples").glob("*.gold.json"))
    if not golds:
        print("no gold files in data/samples")
        return
    n_gold = found = date_ok = place_ok = type_ok = sub_ok = n_pred = 0
    pairs: list[tuple[str | None, str | None]] = []
    for gpath in golds:
        base = gpath.name[: -len(".gold.json")]
        src = next((p for p in gpath.parent.glob(base + ".*") if not p.name.endswith(".json")), None)
        if src is None:
            continue
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        gevents = gold["events"] if isinstance(gold, dict) else gold
        docs = [d for d in read_inputs([str(src)]) if isinstance(d, Document)]
        if not docs:
            continue
        preds = pipe.events(docs[0])
        n_pred += len(preds)
        used: set[int] = set()
        assigned = assign(gevents, preds)
        for gi, g in enumerate(gevents):
            n_gold += 1
            gdate = dt.date.fromisoformat(g["date"])
            best, best_key = assigned.get(gi, (None, None))
            if best is None or best_key is None:
                pairs.append((g["event_type"], None))
                if errors:
                    print(f"  MISSED {base}: {g['date']} {g['event_type']} at {g.get('mention')}"
                          f" — {g.get('quote_contains')!r}")
                continue
            used.add(best)
            e = preds[best]
            if errors and not (best_key[0] and e.date == gdate and e.event_type == g["event_type"]):
                print(f"  WRONG  {base}: gold {g['date']} {g['event_type']} at {g.get('mention')}"
                      f" | got {e.date} p{e.time_precision} {e.event_type} at {e.mention}"
                      f" ({e.place}, {e.country_code}, gp{e.geo_precision})")
            found += 1
            date_ok += e.date == gdate
            place_ok += bool(best_key[0])
            type_ok += e.event_type == g["event_type"]
            sub_ok += e.sub_event_type == g.get("sub_event_type")
            pairs.append((g["event_type"], e.event_type))
        if errors:
            for i, e in enumerate(preds):
                if i not in used:
                    print(f"  EXTRA  {base}: {e.date} p{e.time_precision} {e.event_type}/"
                          f"{e.sub_event_type} at {e.mention} (gp{e.geo_precision}) "
                          f"conf {e.confidence:.2f} — {e.quote[:110]!r}")
    print(f"gold events: {n_gold}, predicted events: {n_pred}, matched: {pct(found, n_gold)}")
    print(f"date   {pct(date_ok, n_gold)}")
    print(f"place<=50km {pct(place_ok, n_gold)}")
    print(f"type   {pct(type_ok, n_gold)}")
    print(f"sub    {pct(sub_ok, n_gold)}")
    print(f"event-type macro-F1 {macro_f1(pairs, EVENT_TYPES):.3f}")


# ----------------------------------------------------------------------------------- (b)
def main_event(events: list[Any]) -> Any:
    """A note's main event: the first one told (ACLED notes lead with it), unless a later one
    is much better supported."""
    first = min(events, key=lambda e: e.start or 0)
    best = max(events, key=lambda e: e.confidence)
    return best if best.confidence > first.confidence + 0.25 else first


def _acled_date(s: str) -> dt.date:
    return dt.datetime.strptime(s.strip(), "%d %B %Y").date()


def known_texts(gazetteer: Any, text: str) -> set[str]:
    """The place names of ``text`` the gazetteer resolves, as written."""
    return {m.text for m in gazetteer.parse(text, language="en")}


def name_key(name: str) -> str:
    """A place name compared loosely: accents, case, spaces and hyphens folded."""
    from gazetteer.normalize import fold

    return fold(name).replace("-", " ").replace(" ", "")


def _place_error(row: dict[str, str], e: Any, d: float) -> str:
    """Why a place is more than 50 km off, in a few words (for the error summary)."""
    if e.country_code != "BF":
        return f"wrong country ({'country' if e.geo_precision == 3 else 'town/division'} abroad)"
    if e.geo_precision == 3:
        return "country/document level (precision 3)"
    if e.geo_precision == 2:
        return "division or 'near' place (precision 2)"
    return "another town in the country" if d > 150 else "a town 50-150 km away"


def bench_acled(pipe: Pipeline, shared: Path, limit: int | None, errors: bool = False) -> None:
    from eventmap.events import classify_sentence, split_sentences

    path = shared / "eval" / "acled" / "burkina_faso_1997-2020.csv"
    print(f"\n== (b) ACLED notes: {path.name} ==")
    print("publication date given to the pipeline = the row's event_date (notes have none of "
          "their own); dates below count as right only when equal to event_date.")
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    if limit:
        rows = rows[:limit]
    n = len(rows)
    cls_pairs: list[tuple[str | None, str | None]] = []
    cls_type = cls_sub = 0
    pipe_pairs: list[tuple[str | None, str | None]] = []
    p_type = p_sub = p_date = p_place = p_any = 0
    unknown_named = unknown_right = 0
    fat_stated = fat_ok = 0
    confusion: Counter[tuple[str, str | None]] = Counter()
    by_period: Counter[tuple[str, str]] = Counter()  # the rules were written on notes before 2019
    why_none: Counter[str] = Counter()
    why_far: Counter[str] = Counter()
    by_precision: Counter[tuple[int, bool]] = Counter()
    shown: Counter[str] = Counter()
    with_event: list[bool] = []  # per row: the pipeline gave the note an event
    t0 = time.perf_counter()
    for row in rows:
        note = row["notes"] or ""
        gtype, gsub = row["event_type"], row["sub_event_type"]
        # classifier alone: the best-scoring sentence of the note
        best = None
        for s in split_sentences(note, "en"):
            r = classify_sentence(s.text, "en")
            if r and (best is None or r[2] > best[2]):
                best = r
        ptype = best[0] if best else None
        cls_pairs.append((gtype, ptype))
        cls_type += ptype == gtype
        cls_sub += best is not None and best[1] == gsub
        period = "from 2019" if row["event_date"].strip()[-4:] >= "2019" else "before 2019"
        by_period[(period, "n")] += 1
        by_period[(period, "type")] += ptype == gtype
        by_period[(period, "sub")] += best is not None and best[1] == gsub
        confusion[(gtype, ptype)] += 1
        if pipe.gazetteer is None:
            continue
        gdate = _acled_date(row["event_date"])
        doc = Document.from_text(note, language="en", published=gdate)
        events = pipe.events(doc)
        with_event.append(bool(events))
        if not events:
            pipe_pairs.append((gtype, None))
            if errors:
                known = bool(pipe.gazetteer.parse(note, language="en"))
                why = ("no event read (places known)" if known
                       else "no place the gazetteer knows")
                why_none[why] += 1
            continue
        p_any += 1
        e = main_event(events)
        if e.mention and e.mention not in known_texts(pipe.gazetteer, note):
            # kept at a coarser point with the name of a place the gazetteer lacks
            unknown_named += 1
            unknown_right += name_key(e.mention) == name_key(row["location"])
        pipe_pairs.append((gtype, e.event_type))
        p_type += e.event_type == gtype
        p_sub += e.sub_event_type == gsub
        p_date += e.date == gdate
        d = km(float(row["latitude"]), float(row["longitude"]), e.latitude, e.longitude)
        p_place += d <= 50
        by_precision[(e.geo_precision, d <= 50)] += 1
        if errors and d > 50:
            why = _place_error(row, e, d)
            why_far[why] += 1
            if shown[why] < 5:
                shown[why] += 1
                print(f"  FAR {d:6.0f} km [{why}] ACLED {row['location']} ({row['admin2']}, "
                      f"{row['admin1']}) | got {e.place} ({e.country_code}, gp{e.geo_precision}) "
                      f"from {e.mention!r} — {note[:140]!r}")
        if e.fatalities is not None:
            fat_stated += 1
            fat_ok += e.fatalities == int(row["fatalities"] or 0)
    elapsed = time.perf_counter() - t0
    print(f"notes: {n}  ({n / elapsed:.0f} notes/s)")
    print("-- classifier alone (best sentence of each note) --")
    print(f"type   {pct(cls_type, n)}")
    print(f"sub    {pct(cls_sub, n)}")
    print(f"event-type macro-F1 {macro_f1(cls_pairs, EVENT_TYPES):.3f}")
    print("by period (classifier rules written on the notes before 2019; those from 2019 on "
          "are held out): " + ", ".join(
              f"{p}: type {pct(by_period[(p, 'type')], by_period[(p, 'n')])}, "
              f"sub {pct(by_period[(p, 'sub')], by_period[(p, 'n')])}"
              for p in ("before 2019", "from 2019")))
    print("per gold type: " + ", ".join(
        f"{t}: {pct(sum(v for (g, p), v in confusion.items() if g == t and p == t), sum(v for (g, _), v in confusion.items() if g == t))}"
        for t in EVENT_TYPES))
    if pipe.gazetteer is None:
        print(f"-- full pipeline: skipped ({pipe.error}) --")
        return
    print("-- full pipeline (main event = the first told, unless another is much surer) --")
    print(f"notes with an event {pct(p_any, n)}")
    print(f"-- over ALL {n} scored notes (a note that yields no event counts as wrong) --")
    print(f"type   {pct(p_type, n)}")
    print(f"sub    {pct(p_sub, n)}")
    print(f"date   {pct(p_date, n)}")
    print(f"place<=50km, all notes {pct(p_place, n)}")
    print(f"event-type macro-F1 {macro_f1(pipe_pairs, EVENT_TYPES):.3f}")
    print(f"-- over the {p_any} notes that yield an event --")
    print(f"type   {pct(p_type, p_any)}")
    print(f"sub    {pct(p_sub, p_any)}")
    print(f"date   {pct(p_date, p_any)}")
    print(f"place<=50km, notes with an event {pct(p_place, p_any)}")
    print(f"event-type macro-F1 {macro_f1([x for x in pipe_pairs if x[1]], EVENT_TYPES):.3f}")
    print(f"main events at a place the gazetteer does not know, kept with its name: "
          f"{unknown_named}; that name is ACLED's location: {pct(unknown_right, unknown_named)}")
    print("place<=50km by the event's geo precision: " + ", ".join(
        f"gp{gp} {pct(by_precision[(gp, True)], by_precision[(gp, True)] + by_precision[(gp, False)])}"
        for gp in (1, 2, 3)))
    if errors:
        print("notes without an event: " + ", ".join(f"{k} {v}" for k, v in why_none.most_common()))
        print("places > 50 km off: " + ", ".join(f"{k} {v}" for k, v in why_far.most_common()))
    print(f"fatalities equal to ACLED's, where the note states a number {pct(fat_ok, fat_stated)}")
    bench_acled_dates_and_places(pipe, rows)
    bench_acled_place_ceiling(pipe.gazetteer, rows, with_event)


def score_notes(gazetteer: Any, rows: list[dict[str, str]]) -> dict[str, int]:
    """The full pipeline's main event of each row's note against the row (as in (b))."""
    from eventmap.pipeline import process

    c: Counter[str] = Counter()
    for row in rows:
        gdate = _acled_date(row["event_date"])
        doc = Document.from_text(row["notes"] or "", language="en", published=gdate)
        events = process(doc, gazetteer).events
        if not events:
            continue
        e = main_event(events)
        c["any"] += 1
        c["type"] += e.event_type == row["event_type"]
        c["date"] += e.date == gdate
        c["place"] += km(float(row["latitude"]), float(row["longitude"]),
                         e.latitude, e.longitude) <= 50
    return dict(c)


def bench_acled_learnt(pipe: Pipeline, shared: Path, year: int, limit: int | None) -> None:
    """Places learnt from the rows dated before ``year``, scored on the notes from ``year`` on.

    No leakage: the places are learnt from the earlier rows only (``until`` = 1 January of
    ``year``), so no held-out row's coordinates are in them; both figures are on exactly the
    same held-out notes."""
    import tempfile

    from eventmap.imports.places import name_key, places_from_acled, write_places_file
    from gazetteer import Gazetteer

    path = shared / "eval" / "acled" / "burkina_faso_1997-2020.csv"
    cutoff = dt.date(year, 1, 1)
    print(f"\n== (b') ACLED notes from {year} on, with places learnt from the rows before ==")
    rows = [r for r in csv.DictReader(path.open(encoding="utf-8"))
            if _acled_date(r["event_date"]) >= cutoff]
    if limit:
        rows = rows[:limit]
    learnt = places_from_acled(path, until=cutoff)
    assert all(p.last < cutoff for p in learnt.places), "a held-out row leaked into the places"
    names = {(name_key(p.name), p.country_code) for p in learnt.places}
    known = sum(1 for r in rows if (name_key(r["location"]), "BF") in names)
    print(f"learnt: {learnt.summary(path.name)}, all dated before {cutoff}")
    print(f"held-out notes: {len(rows)} (rows dated {cutoff} or later); "
          f"their location is a learnt place in {pct(known, len(rows))}")
    with tempfile.TemporaryDirectory() as tmp:
        places_csv = Path(tmp) / f"acled-places-before-{year}.csv"
        write_places_file(learnt.places, places_csv)
        t0 = time.perf_counter()
        gaz = Gazetteer(extra_places=[places_csv]).focused(sorted(pipe.gazetteer.focus_countries))
        print(f"gazetteer with learnt places: {time.perf_counter() - t0:.1f} s to build or load")
    plain, with_places = score_notes(pipe.gazetteer, rows), score_notes(gaz, rows)
    n = len(rows)
    print(f"{'':34s} {'plain':>22s} {'learnt places':>22s}")
    for label, key, denom in (
        ("place<=50km, all held-out notes", "place", None),
        ("place<=50km, notes with an event", "place", "any"),
        ("notes with an event", "any", None),
        ("type, all held-out notes", "type", None),
        ("date, all held-out notes", "date", None),
    ):
        a = pct(plain.get(key, 0), plain.get(denom, 0) if denom else n)
        b = pct(with_places.get(key, 0), with_places.get(denom, 0) if denom else n)
        print(f"{label:34s} {a:>22s} {b:>22s}")
    ceilings = [pct(sum(known_within(g, r["notes"] or "", float(r["latitude"]),
                                     float(r["longitude"]))[0] for r in rows), n)
                for g in (pipe.gazetteer, gaz)]
    print(f"{'place ceiling (oracle), all notes':34s} {ceilings[0]:>22s} {ceilings[1]:>22s}")


def bench_acled_dates_and_places(pipe: Pipeline, rows: list[dict[str, str]]) -> None:
    """The two honest halves the eval README names: dates read from the notes when the
    report comes out a few days later, and the rows' place columns geocoded."""
    lag = dt.timedelta(days=3)
    right = dated = stated = stated_right = window_right = 0
    for row in rows:
        gdate = _acled_date(row["event_date"])
        published = gdate + lag
        doc = Document.from_text(row["notes"] or "", language="en", published=published)
        events = pipe.events(doc)
        if not events:
            continue
        dated += 1
        e = main_event(events)
        right += e.date == gdate
        # a date read from the note differs from the publication date or is day-precise;
        # otherwise the event took the publication date at a lower precision (2 or 3)
        from_text = e.date != published or e.time_precision == 1
        stated += from_text
        stated_right += from_text and e.date == gdate
        # ACLED's precision 2 is "within about a week", 3 "within the month": the event's
        # date stands for the period that ends on it (publication fallback) or starts on it
        span = {1: 0, 2: 7, 3: 31}[e.time_precision]
        lo, hi = (e.date - dt.timedelta(days=span), e.date) if not from_text else \
            (e.date, e.date + dt.timedelta(days=span))
        window_right += lo <= gdate <= hi
    n = len(rows)
    print("-- date, publication = event_date + 3 days: exact day against event_date; a note "
          "that states no date takes the publication date at precision 2 and counts as wrong --")
    print(f"date   {pct(right, n)} of all notes; {pct(right, dated)} of notes with an event")
    print(f"  date read from the note's text: {pct(stated, dated)} of notes with an event; "
          f"right {pct(stated_right, stated)}")
    print(f"  publication-date fallback (no date in the note): {pct(dated - stated, dated)}, "
          f"never the exact day by construction")
    print(f"  event_date inside the period the event's date and precision stand for: "
          f"{pct(window_right, n)} of all notes; {pct(window_right, dated)} of notes with an event")
    ok = coarser = 0
    for row in rows:
        query = ", ".join(x for x in (row["location"], row["admin2"], row["admin1"],
                                      row["country"]) if x)
        loc = pipe.gazetteer.geocode(query)
        if loc is None:
            continue
        coarser += bool(loc.raw.get("coarser_than_query"))
        ok += km(float(row["latitude"]), float(row["longitude"]),
                 loc.latitude, loc.longitude) <= 50
    print("-- place: Gazetteer.geocode('location, admin2, admin1, country') of each row --")
    print(f"place<=50km {pct(ok, len(rows))}  (answered by a division because the village is "
          f"unknown: {pct(coarser, len(rows))})")


def known_within(gazetteer: Any, note: str, lat: float, lon: float, km_max: float = 50.0
                 ) -> tuple[bool, bool]:
    """(any name, a capitalised name): does some run of words of ``note`` name a place the
    gazetteer holds within ``km_max`` of (lat, lon)?

    An oracle, not a method: every run of up to ``max_tokens`` words is looked up, lower-case
    words too, and the right candidate is picked with the answer in hand. No reading of the
    note can place it better than this, so it bounds what any disambiguation can reach with
    this gazetteer.
    """
    from geoparse_accuracy import held_within  # type: ignore[import-not-found]

    from gazetteer.normalize import normalize_text

    ix = gazetteer.index
    toks = normalize_text(note).tokens
    words = [t.folded for t in toks]
    found = found_cap = False
    for i in range(len(words)):
        for n in range(1, min(ix.max_tokens, len(words) - i) + 1):
            if held_within(ix, " ".join(words[i:i + n]), lat, lon, km_max):
                found = True
                found_cap = found_cap or toks[i].upper_initial
        if found_cap:
            break
    return found, found_cap


def bench_acled_place_ceiling(gazetteer: Any, rows: list[dict[str, str]],
                              with_event: list[bool]) -> None:
    """The share of notes the gazetteer could place within 50 km at all (``known_within``):
    the ceiling of 'place<=50km' above, set by the data, whatever the method."""
    any_n = cap_n = ev_n = 0
    for row, has_event in zip(rows, with_event, strict=True):
        a, c = known_within(gazetteer, row["notes"] or "", float(row["latitude"]),
                            float(row["longitude"]))
        any_n += a
        cap_n += c
        ev_n += a and has_event
    print("-- place ceiling: notes naming, in any words, a place the gazetteer holds within "
          "50 km of ACLED's point (an oracle picks the right one) --")
    print(f"ceiling, all notes: capitalised names {pct(cap_n, len(rows))}; any run of words "
          f"{pct(any_n, len(rows))}; notes with an event {pct(ev_n, sum(with_event))}")


# ACLED's 2016 event types, before the 2019 taxonomy, and the types each became: "Riots/Protests"
# split in two, so either counts as right.
OLD_ACLED_TYPES: dict[str, frozenset[str]] = {
    "Riots/Protests": frozenset({"Protests", "Riots"}),
    "Violence against civilians": frozenset({"Violence against civilians"}),
    "Battle-No change of territory": frozenset({"Battles"}),
    "Battle-Government regains territory": frozenset({"Battles"}),
    "Battle-Non-state actor overtakes territory": frozenset({"Battles"}),
    "Remote violence": frozenset({"Explosions/Remote violence"}),
    "Strategic development": frozenset({"Strategic developments"}),
    "Non-violent transfer of territory": frozenset({"Strategic developments"}),
    "Headquarters or base established": frozenset({"Strategic developments"}),
}


def bench_acled_other_regions(pipe: Pipeline, shared: Path, limit: int | None) -> None:
    """ACLED rows from across Africa in 2016 (``africa_2016_old_schema.csv``: Libya, South
    Africa, Nigeria, Somalia...): held out (nothing was tuned on them), scored as (b) is,
    with the old event types mapped to the new ones (``OLD_ACLED_TYPES``)."""
    path = shared / "eval" / "acled" / "africa_2016_old_schema.csv"
    print(f"\n== (b'') ACLED notes from other regions, held out: {path.name} ==")
    rows = [r for r in csv.DictReader(path.open(encoding="utf-8")) if (r["notes"] or "").strip()]
    if limit:
        rows = rows[:limit]
    n = len(rows)
    got = typed = dated = placed = ceiling = 0
    for row in rows:
        gdate = dt.date.fromisoformat(row["event_date"])
        lat, lon = float(row["latitude"]), float(row["longitude"])
        ceiling += known_within(pipe.gazetteer, row["notes"], lat, lon)[0]
        events = pipe.events(Document.from_text(row["notes"], language="en", published=gdate))
        if not events:
            continue
        e = main_event(events)
        got += 1
        typed += e.event_type in OLD_ACLED_TYPES.get(row["event_type"], frozenset())
        dated += e.date == gdate
        placed += km(lat, lon, e.latitude, e.longitude) <= 50
    countries = len({r["country"] for r in rows})
    print(f"notes: {n} from {countries} countries; publication date = event_date, as in (b)")
    print(f"notes with an event {pct(got, n)}")
    print(f"over all notes: type {pct(typed, n)}, date {pct(dated, n)}, "
          f"place<=50km {pct(placed, n)}")
    print(f"over the notes with an event: type {pct(typed, got)}, date {pct(dated, got)}, "
          f"place<=50km {pct(placed, got)}")
    print(f"place ceiling (a place the gazetteer holds within 50 km named in the note) "
          f"{pct(ceiling, n)}")


# ----------------------------------------------------------------------------------- (c)
def bench_popcorn(shared: Path) -> None:
    from eventmap.events import classify_sentence, split_sentences

    print("\n== (c) POPCORN (French, fictional reports) ==")
    print("mapping: " + "; ".join(f"{k} -> {v[0] + ('/' + v[1] if v[1] else '') if v else 'none'}"
                                  for k, v in POPCORN_TO_ACLED.items()))
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    docs = quiet_ok = quiet = 0
    for part in ("train", "test"):
        path = shared / "eval" / "popcorn-fr" / f"{part}.json"
        if not path.exists():
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        for item in data.values():
            docs += 1
            gold = {m[0] for e in item["entities"]
                    if (m := POPCORN_TO_ACLED.get(e["type"])) is not None}
            pred = set()
            for s in split_sentences(item["text"], "fr"):
                r = classify_sentence(s.text, "fr")
                if r:
                    pred.add(r[0])
            for t in EVENT_TYPES:
                if t in gold and t in pred:
                    tp[t] += 1
                elif t in pred:
                    fp[t] += 1
                elif t in gold:
                    fn[t] += 1
            if not gold:
                quiet += 1
                quiet_ok += not pred
    print(f"documents: {docs}")
    f1s = []
    for t in EVENT_TYPES:
        d = 2 * tp[t] + fp[t] + fn[t]
        if tp[t] + fn[t] == 0:
            continue
        f1 = 2 * tp[t] / d if d else 0.0
        f1s.append(f1)
        print(f"  {t:28s} gold docs {tp[t] + fn[t]:4d}  P {tp[t] / max(1, tp[t] + fp[t]):.3f}  "
              f"R {tp[t] / max(1, tp[t] + fn[t]):.3f}  F1 {f1:.3f}")
    print(f"event-type macro-F1 (types present in gold) {sum(f1s) / max(1, len(f1s)):.3f}")
    print(f"documents with no ACLED-type event left without events: {pct(quiet_ok, quiet)}")
    try:
        import dates_accuracy  # type: ignore[import-not-found]

        score = getattr(dates_accuracy, "score_popcorn", None)
    except ImportError:
        score = None
    if score is None:
        print("dates: bench/dates_accuracy.score_popcorn not available")
    else:
        print(f"dates (bench.dates_accuracy.score_popcorn): {score(shared)}")


# ----------------------------------------------------------------------------------- (d)
_CAPS = None


def proxy_mentions(text: str) -> list[Any]:
    """Capitalised word sequences as stand-in place mentions (no gazetteer): sentence-initial
    words and common function words excluded. Scores the choice rule, not the recogniser."""
    import re

    from gazetteer.types import Mention, Place

    global _CAPS
    if _CAPS is None:
        _CAPS = re.compile(r"(?<![\w.])(?:[A-Z][\w'-]+)(?:\s+(?:al-|el-|de\s+|of\s+)?[A-Z][\w'-]+)*")
    stop = {"The", "A", "An", "In", "On", "At", "He", "She", "It", "They", "We", "I", "But", "And",
            "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
            "January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December", "Mr", "Mrs", "President", "Police", "Army"}
    out = []
    for m in _CAPS.finditer(text):
        if m.group(0) in stop or m.start() == 0:
            continue
        place = Place(f"proxy:{m.group(0)}", m.group(0), 0.0, 0.0, "", "city")
        out.append(Mention(m.group(0), m.start(), m.end(), place, 0.5))
    return out


def bench_location(pipe: Pipeline, shared: Path, limit: int | None) -> None:
    from eventmap.events.lexicon import fold
    from eventmap.events.location import choose_places

    print("\n== (d) event-location sentences (Halterman) ==")
    path = shared / "eval" / "event_location_labeled_text.jsonl.zip"
    with zipfile.ZipFile(path) as z:
        raw = z.read("labeled_text.jsonl").decode("utf-8")
    recs: list[dict[str, Any]] = []
    for line in io.StringIO(raw):
        line = line.strip()
        if line:
            obj = json.loads(line)
            recs.extend(obj if isinstance(obj, list) else [obj])
    recs = [r for r in recs if any(s["label"] == "LOCATION" for s in r.get("spans", []))
            and any(s["label"] == "VERB" for s in r.get("spans", []))]
    if limit:
        recs = recs[:limit]
    proxy = pipe.gazetteer is None
    if proxy:
        print(f"({pipe.error}) — candidates are capitalised spans instead of gazetteer mentions")
    n = len(recs)
    covered = right = right_first = right_near = 0
    for r in recs:
        text = r["text"]
        verb = next(s for s in r["spans"] if s["label"] == "VERB")
        golds = [(s["start"], s["end"]) for s in r["spans"] if s["label"] == "LOCATION"]
        ments = proxy_mentions(text) if proxy else pipe.gazetteer.parse(text, language="en")
        if not ments:
            continue

        def hit(m: Any, golds: list[tuple[int, int]] = golds) -> bool:
            return any(m.start < ge and m.end > gs for gs, ge in golds)

        if not any(hit(m) for m in ments):
            continue
        covered += 1
        choice = choose_places(0, len(text), text, fold(text), ments, (verb["start"], verb["end"]), "en")
        right += bool(choice) and hit(choice[0].mention)
        right_first += hit(min(ments, key=lambda m: m.start))
        right_near += hit(min(ments, key=lambda m: abs(m.start - verb["start"])))
    print(f"sentences with a verb and a gold location: {n}; "
          f"gazetteer found the gold place in {pct(covered, n)}")
    print(f"place choice accuracy (among those) {pct(right, covered)}")
    print(f"  baselines: first place {pct(right_first, covered)}, "
          f"place nearest the verb {pct(right_near, covered)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--limit", type=int, default=None, help="rows per corpus (quick runs)")
    ap.add_argument("--only", default="samples,acled,popcorn,location")
    ap.add_argument("--errors", action="store_true",
                    help="list the samples' missed, wrong and extra events and the ACLED "
                         "notes placed more than 50 km off")
    ap.add_argument("--focus-country", action="append", default=[], metavar="CC",
                    help="run the pipeline as `eventmap ingest --focus-country CC` would "
                         "(an analyst who works on that country; e.g. BF for the ACLED file)")
    ap.add_argument("--learn-places-before", type=int, default=None, metavar="YEAR",
                    help="ACLED: learn places from the rows dated before YEAR (as `eventmap "
                         "places --until YEAR-01-01`), then score only the notes from YEAR on, "
                         "plain and with those places")
    args = ap.parse_args(argv)
    parts = set(args.only.split(","))
    pipe = Pipeline()
    if pipe.error:
        print(pipe.error)
    elif args.focus_country:
        pipe.gazetteer = pipe.gazetteer.focused(args.focus_country)
        print(f"focus countries: {', '.join(sorted(pipe.gazetteer.focus_countries))}")
    if "samples" in parts:
        bench_samples(pipe, args.errors)
    if "acled" in parts and args.learn_places_before and pipe.gazetteer is not None:
        bench_acled_learnt(pipe, args.shared, args.learn_places_before, args.limit)
    elif "acled" in parts:
        bench_acled(pipe, args.shared, args.limit, args.errors)
    if "acled" in parts and pipe.gazetteer is not None:
        bench_acled_other_regions(pipe, args.shared, args.limit)
    if "popcorn" in parts:
        bench_popcorn(args.shared)
    if "location" in parts:
        bench_location(pipe, args.shared, args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
