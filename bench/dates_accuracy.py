"""How well eventmap.dates finds and resolves French time expressions on POPCORN.

Reads ``../shared/eval/popcorn-fr/{train,test}.json`` in place (never copied). POPCORN's time
entities (TIME_EXACT, TIME_FUZZY, TIME_MIN, TIME_MAX) carry a value ``dd/mm/yyyy`` with ``00`` for
what the text leaves open. In this copy their mention offsets point at other words (a pronoun,
a noun), so span overlap is printed only as a diagnostic; the figures that mean something are:

- ``value``: per document, the gold values that name at least a year or a month, against our
  expressions written with digits (absolute and partial dates, years, months with a year); a
  pair matches when every component the gold value gives agrees. P/R/F1 over all documents.
- ``resolution``: of the gold values that give day, month and year, the share some expression
  of ours resolves to exactly (any kind: "le lendemain" after "le 16 avril 2018" counts).
- ``count``: a rough recognition figure for every kind (relative ones included): per document
  min(#ours, #gold) matched, gold values deduplicated.

The texts have no publication date: each is anchored on ``infer_publication_date`` or else on
the latest absolute date it names, else on 2022-12-31.

``score_acled_notes`` adds an English figure from real ACLED notes (see its docstring).

Run: ``python3 bench/dates_accuracy.py [shared_dir]``
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from eventmap.dates import TimeExpression, find_dates, infer_publication_date

TIME_TYPES = ("TIME_EXACT", "TIME_FUZZY", "TIME_MIN", "TIME_MAX")
DEFAULT_ANCHOR = dt.date(2022, 12, 31)
_TIME_WORD = re.compile(
    r"\d|janv|f[ée]v|mars|avril|mai|juin|juil|ao[uû]t|sept|octo|nov|d[ée]c|hier|lundi|mardi|"
    r"mercredi|jeudi|vendredi|samedi|dimanche|semaine|mois|ann[ée]e|\ban\b|jour|matin|soir|nuit",
    re.IGNORECASE,
)

Value = tuple[int, int, int]  # (day, month, year), 0 = not given


def _value(raw: str) -> Value | None:
    parts = raw.split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    d, m, y = (int(p) for p in parts)
    return d, m, y


def _as_values(e: TimeExpression) -> list[Value]:
    """Our expression in POPCORN's notation (a month or a year leaves the finer parts at 0);
    a span of days gives its first and last day (POPCORN's TIME_MIN and TIME_MAX)."""
    start = (e.date.day, e.date.month, e.date.year)
    end = e.end_date
    if end is None or e.bound:
        return [start]
    if (end - e.date).days <= 7 and e.kind in ("absolute", "partial"):
        return [start, (end.day, end.month, end.year)]
    if (e.date.year, e.date.month) == (end.year, end.month) and e.date.day == 1:
        return [(0, e.date.month, e.date.year)]
    if (e.date.month, e.date.day, end.month, end.day) == (1, 1, 12, 31):
        return [(0, 0, y) for y in range(e.date.year, end.year + 1)][:10]
    return [start]


def _agrees(gold: Value, ours: Value) -> bool:
    return all(g == 0 or g == o for g, o in zip(gold, ours, strict=True)) and all(
        o != 0 for g, o in zip(gold, ours, strict=True) if g
    )


def _anchor(text: str, found: Iterable[TimeExpression]) -> dt.date:
    inferred = infer_publication_date(text, language="fr", not_after=DEFAULT_ANCHOR)
    if inferred:
        return inferred
    absolute = [e.date for e in found if e.kind == "absolute"]
    return max(absolute) if absolute else DEFAULT_ANCHOR


def _prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> dict[str, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def score_file(path: Path) -> dict[str, object]:
    """Span, value, resolution and count figures for one POPCORN json file."""
    docs = json.loads(path.read_text(encoding="utf-8"))
    span_tp_p = span_tp_r = span_gold = span_pred = plausible = 0
    val_tp_p = val_pred = val_tp_r = val_gold = 0
    res_ok = res_n = 0
    cnt_tp = cnt_pred = cnt_gold = 0
    for doc in docs.values():
        text: str = doc["text"]
        first = find_dates(text, anchor=DEFAULT_ANCHOR, language="fr")
        ours = find_dates(text, anchor=_anchor(text, first), language="fr")
        gold_spans: list[tuple[int, int]] = []
        values: list[Value] = []
        zero = 0
        for ent in doc.get("entities", []):
            if ent.get("type") not in TIME_TYPES:
                continue
            for m in ent.get("mentions", []):
                gold_spans.append((m["start"], m["end"]))
                plausible += bool(_TIME_WORD.search(text[m["start"]:m["end"]]))
            v = _value(str(ent.get("value", "")))
            if v is None or v == (0, 0, 0):
                zero += 1
            elif v not in values:
                values.append(v)
        # span overlap (diagnostic)
        span_gold += len(gold_spans)
        span_pred += len(ours)
        span_tp_p += sum(any(e.start < ge and gs < e.end for gs, ge in gold_spans) for e in ours)
        span_tp_r += sum(any(e.start < ge and gs < e.end for e in ours) for gs, ge in gold_spans)
        # values
        written = [_as_values(e) for e in ours if any(ch.isdigit() for ch in e.text)]
        every = [v for e in ours for v in _as_values(e)]
        val_pred += len(written)
        val_gold += len(values)
        val_tp_p += sum(any(_agrees(g, o) for g in values for o in os) for os in written)
        val_tp_r += sum(any(_agrees(g, o) for os in written for o in os) for g in values)
        for g in values:
            if all(g):
                res_n += 1
                res_ok += any(o == g for o in every)
        n_gold = len(values) + zero
        cnt_gold += n_gold
        cnt_pred += len(ours)
        cnt_tp += min(n_gold, len(ours))
    return {
        "documents": len(docs),
        "span_overlap_diagnostic": {
            **_prf(span_tp_p, span_pred, span_tp_r, span_gold),
            "gold_mentions": span_gold,
            "gold_mentions_that_look_like_time": plausible,
        },
        "value": {**_prf(val_tp_p, val_pred, val_tp_r, val_gold), "gold": val_gold,
                  "ours": val_pred},
        "resolution": {"accuracy": round(res_ok / res_n, 4) if res_n else 0.0, "checked": res_n},
        "count": {**_prf(cnt_tp, cnt_pred, cnt_tp, cnt_gold), "gold": cnt_gold, "ours": cnt_pred},
    }


def score_popcorn(shared_dir: Path) -> dict[str, dict[str, object]]:
    """Figures per split ('train', 'test') of ``shared_dir/eval/popcorn-fr``."""
    base = Path(shared_dir) / "eval" / "popcorn-fr"
    return {split: score_file(base / f"{split}.json") for split in ("train", "test")
            if (base / f"{split}.json").is_file()}


def score_acled_notes(shared_dir: Path, *, delay_days: int = 3) -> dict[str, float | int]:
    """English resolution on real ACLED notes ("On 13 November 2020, French forces…").

    Each note is anchored ``delay_days`` after its event_date (a report published soon after);
    among the notes where we find a day-precise expression, the share whose first one is the
    event_date. ``with_date`` is the share of notes where we find one at all (many notes name
    no date).
    """
    import csv

    path = Path(shared_dir) / "eval" / "acled" / "burkina_faso_1997-2020.csv"
    if not path.is_file():
        return {}
    notes = dated = right = 0
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            try:
                day = dt.datetime.strptime(row["event_date"], "%d %B %Y").date()
            except ValueError:
                continue
            notes += 1
            anchor = day + dt.timedelta(days=delay_days)
            found = [e for e in find_dates(row["notes"], anchor=anchor, language="en")
                     if e.precision == 1]
            if found:
                dated += 1
                right += found[0].date == day
    return {"notes": notes, "with_date": round(dated / notes, 4) if notes else 0.0,
            "first_day_is_event_date": round(right / dated, 4) if dated else 0.0}


def main(argv: list[str] | None = None) -> None:
    """Print the figures for both splits."""
    args = sys.argv[1:] if argv is None else argv
    shared = Path(args[0]) if args else Path(__file__).resolve().parents[2] / "shared"
    for split, figures in score_popcorn(shared).items():
        print(f"== POPCORN-fr {split}: {figures['documents']} documents")
        for name in ("value", "resolution", "count", "span_overlap_diagnostic"):
            print(f"  {name:26s} {figures[name]}")
    print(f"== ACLED notes (English), anchored 3 days after the event: {score_acled_notes(shared)}")


if __name__ == "__main__":
    main()
