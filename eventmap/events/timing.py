"""The date of an event: the time expression that governs its clause, else the publication date.

Why: a sentence often carries several dates — the event's ("le 3 janvier 2020"), a deadline
("jusqu'au 31 décembre 2021"), an anniversary, the date of an earlier event it follows.
The governing one is the nearest to the trigger that is not introduced by a deadline,
start or anniversary cue (lexicon data), with a bonus for the sentence-initial "On 13
November 2020, …" of wire and ACLED style. Without one, the event takes the publication
date at a lower ACLED precision, so a later, dated report of it can absorb it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from eventmap.dates.types import TimeExpression
from eventmap.events.lexicon import Hit, Lexicon


@dataclass(frozen=True, slots=True)
class EventDate:
    """The chosen date with ACLED precision, and where it came from."""

    date: dt.date
    precision: int
    from_text: bool
    expression: TimeExpression | None = None
    strength: float = 1.0


def choose_date(
    sentence_start: int,
    sentence_end: int,
    folded: str,
    times: Sequence[TimeExpression],
    trigger: tuple[int, int] | None,
    lexicon: Lexicon,
    *,
    published: dt.date | None,
    kind: str = "body",
    recent: bool = False,
    since: Sequence[tuple[int, int]] = (),
) -> EventDate | None:
    """The date governing the event whose trigger is at ``trigger`` in this sentence.

    ``since``: where the sentence opens a period ("since Russia launched its invasion on
    February 24"): a date after such a cue and after the trigger is the period's start."""
    inside = [t for t in times if t.start >= sentence_start and t.end <= sentence_end]
    t_start, t_end = trigger if trigger else (sentence_start, sentence_start)
    found = lexicon.cues.find(folded[sentence_start:sentence_end], sentence_start)
    cues = [h for h in found if h.key == "TIME_NOT"]
    clauses = [h for h in found if h.key == "TIME_CLAUSE"]
    best: tuple[float, TimeExpression] | None = None
    for t in inside:
        if _blocked(t, folded, cues) or _in_other_clause(t, folded, clauses, t_start):
            continue
        if _is_dateline(t, folded, sentence_start):
            continue
        if any(t_end <= lo and hi <= t.start for lo, hi in since):
            continue
        if t.start >= t_end:
            dist = t.start - t_end
        else:
            dist = max(0, t_start - t.end)
        score = -dist / 100.0
        if t.start - sentence_start < 25 and t.start < t_start:
            score += 0.6  # "On 13 November 2020, …" / "Ce jeudi 9 décembre, …"
        score += {1: 0.3, 2: 0.15}.get(t.precision, 0.0)
        if t.kind == "period" and t.end_date and published and t.end_date > published:
            score -= 0.5  # an open period running past publication is rarely the event's day
        if best is None or score > best[0]:
            best = (score, t)
    if best is not None:
        t = best[1]
        strength = {1: 1.0, 2: 0.8}.get(t.precision, 0.6)
        return EventDate(t.date, t.precision, True, t, strength)
    if published is None:
        return None
    # No date of its own: the publication date, less precise (a caption even less: old photos).
    precision = 3 if kind == "caption" else 2
    strength = 0.3 if kind == "caption" else (0.6 if recent or kind == "headline" else 0.45)
    return EventDate(published, precision, False, None, strength)


def dating_days(sentence_start: int, sentence_end: int, folded: str,
                times: Sequence[TimeExpression], lexicon: Lexicon) -> list[TimeExpression]:
    """The expressions of a sentence that may date an event to a day or a week ("on December
    27, 2019", "a week later"): not a deadline, a start or an anniversary, not a dispatch's
    dateline."""
    inside = [t for t in times if t.start >= sentence_start and t.end <= sentence_end
              and t.precision <= 2]
    if len(inside) < 2:
        return inside
    found = lexicon.cues.find(folded[sentence_start:sentence_end], sentence_start)
    cues = [h for h in found if h.key == "TIME_NOT"]
    reports = [h for h in found if h.key == "REPORTING"]
    return [t for t in inside
            if not _blocked(t, folded, cues) and not _is_dateline(t, folded, sentence_start)
            # "an AFP journalist reported Saturday": the report's day
            and not any(0 <= t.start - h.end <= 12 for h in reports)]


def _in_other_clause(t: TimeExpression, folded: str, clauses: list[Hit], trigger: int) -> bool:
    """Inside "after talks on 2 March," — a clause that dates another, earlier happening."""
    for h in clauses:
        if h.end > t.start or "," in folded[h.end:t.start] or t.start - h.end > 80:
            continue
        if h.start <= trigger <= t.start:
            continue  # the event itself sits in that clause
        comma = folded.find(",", t.end)
        if comma != -1 and comma < trigger:
            return True
    return False


def _is_dateline(t: TimeExpression, folded: str, sentence_start: int) -> bool:
    """ "Bagdad, 10 décembre 2021 — …": the date of the dispatch, not of what it reports."""
    if t.start - sentence_start > 40:
        return False
    after = folded[t.end:t.end + 12].lstrip()
    return after.startswith(("—", "–", "- ", "(afp)", "(reuters)", "(ap)"))


def _blocked(t: TimeExpression, folded: str, cues: list[Hit]) -> bool:
    """A deadline, a start, or an anniversary: not the date the event happened."""
    if getattr(t, "bound", None):
        return True
    head = folded[t.start:t.start + 12]
    if head.startswith(("jusqu", "until", "till ", "since", "depuis", "d'ici", "by ", "from ",
                        "a partir", "des le", "avant", "before")):
        return True
    for h in cues:
        if h.end <= t.start and t.start - h.end <= 4:
            return True
    return False
