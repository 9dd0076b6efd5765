"""One event per happening: merge the reports of the same event inside one text.

Why: a text tells its main event in the headline, the lead and again later; ACLED's unit is
one event per day, place and type. Reports agree when they share the place and type and
their dates agree — a report dated only by the publication date (lower precision) agrees
with a dated one a few days earlier. A weak, generic report ("killed", "attack") on the
same day and place as a specific one (a drone strike) is the same event. The merged event
keeps the best quote, the most precise date and the highest confidence.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from eventmap.model import Event, event_id

VIOLENT = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
# Key prefix of a place the gazetteer does not know, set at a coarser known point: two such
# names share that point but are two places.
UNKNOWN_KEY = "unknown:"
_WINDOW = {1: 0, 2: 7, 3: 31}


@dataclass(slots=True)
class Candidate:
    """An event before merging, with what merging needs to know about it."""

    event: Event
    place_key: str
    from_text: bool
    generic: bool
    kind: str = "body"
    score: float = 0.0  # the type evidence (rule weight)


def _dates_agree(a: Candidate, b: Candidate) -> bool:
    da, db = a.event.date, b.event.date
    if da == db:
        return True
    if a.from_text and b.from_text:
        return False
    loose, other = (a, b) if not a.from_text else (b, a)
    window = _WINDOW.get(loose.event.time_precision, 7)
    delta = (loose.event.date - other.event.date).days
    return 0 <= delta <= window


def _vague(c: Candidate) -> bool:
    """A headline, or a report placed only at country level or dated only by publication.

    A place the gazetteer lacks, kept at a coarser point with its name ("in central
    Kharkiv" unresolved), is a place of its own: never another place's event told again.
    """
    if c.kind == "body" and c.place_key.startswith(UNKNOWN_KEY):
        return False
    return c.kind == "headline" or c.event.geo_precision == 3 or not c.from_text


def _absorb_vague(cands: list[Candidate]) -> list[Candidate]:
    """A vague report ("Mali: two French soldiers killed" as headline) is the precise one
    told again when a precise report of the same type in the same country agrees on the date.
    A headline without a date of its own is the text's story: the body's event of a related
    type told up to a month before publication."""
    keep: list[Candidate] = []
    precise = [c for c in cands if not _vague(c)]
    for c in cands:
        if not _vague(c) or c.kind == "caption":
            keep.append(c)
            continue
        undated_headline = c.kind == "headline" and not c.from_text
        # a protest or riot told at country level ("dans les rues de la capitale libanaise")
        # the same day as one with a place is the same crowd: one event
        crowd = c.event.geo_precision == 3 and c.from_text and c.event.event_type in _CROWD
        host = next((p for p in precise
                     if p.event.country_code == c.event.country_code
                     and (p.event.event_type == c.event.event_type
                          or (c.generic and p.event.event_type in VIOLENT
                              and c.event.event_type in VIOLENT)
                          or (undated_headline and _related(p.event.event_type,
                                                            c.event.event_type))
                          or (crowd and p.event.event_type in _CROWD
                              and p.event.date == c.event.date))
                     and (_dates_agree(p, c) or undated_headline
                          and 0 <= (c.event.date - p.event.date).days <= 31)), None)
        if host is None:
            keep.append(c)
        else:
            _combine(host, c)
            if crowd and c.event.event_type == "Riots" and host.event.event_type == "Protests":
                # ACLED codes a demonstration by its worst turn: it became a riot
                host.event = host.event.with_changes(event_type="Riots",
                                                     sub_event_type=c.event.sub_event_type)
    return keep


_CROWD = frozenset({"Protests", "Riots"})
_RELATED = (VIOLENT, _CROWD)


def _related(a: str, b: str) -> bool:
    """Types a headline may use for the body's event ("protesters storm ministries" for a riot)."""
    return a == b or any(a in group and b in group for group in _RELATED)


def _same_place(a: Candidate, b: Candidate) -> bool:
    """Same gazetteer place, or two points a few km apart (an airport and its city)."""
    if a.place_key == b.place_key:
        return True
    if a.place_key.startswith(UNKNOWN_KEY) or b.place_key.startswith(UNKNOWN_KEY):
        return False
    ea, eb = a.event, b.event
    if ea.country_code != eb.country_code:
        return False
    if max(ea.geo_precision, eb.geo_precision) < 2:
        return False
    return _km(ea.latitude, ea.longitude, eb.latitude, eb.longitude) <= 30.0


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    from math import asin, cos, radians, sin, sqrt

    dlat, dlon = radians(lat2 - lat1), radians(lon2 - lon1)
    h = sin(dlat / 2) ** 2 + cos(radians(lat1)) * cos(radians(lat2)) * sin(dlon / 2) ** 2
    return 2 * 6371.0 * asin(sqrt(h))


def _better(a: Candidate, b: Candidate) -> Candidate:
    """The report whose date and quote should represent the event."""
    def rank(c: Candidate) -> tuple[int, int, int, float]:
        return (int(c.from_text), -c.event.time_precision, int(c.kind == "body"),
                c.event.confidence)
    return a if rank(a) >= rank(b) else b


def _combine(keep: Candidate, other: Candidate) -> Candidate:
    ev = keep.event
    actors = list(ev.actors) + [a for a in other.event.actors if a not in ev.actors]
    fats = [f for f in (ev.fatalities, other.event.fatalities) if f is not None]
    conf = min(1.0, max(ev.confidence, other.event.confidence) + 0.05)
    geo = min(ev.geo_precision, other.event.geo_precision)
    changes: dict[str, object] = {}
    if other.from_text and (not keep.from_text
                            or other.event.time_precision < ev.time_precision):
        changes = {"date": other.event.date, "time_precision": other.event.time_precision}
        keep.from_text = True
    keep.event = ev.with_changes(actors=actors, fatalities=max(fats) if fats else None,
                                 confidence=round(conf, 4), geo_precision=geo, **changes)
    keep.generic = keep.generic and other.generic
    keep.score = max(keep.score, other.score) if keep.event.event_type == other.event.event_type \
        else keep.score
    return keep


# Types whose sub-types are different happenings even on one day and place (an arrest
# and an agreement); for the others a second sub-type is the same event told again.
_DISTINCT_SUBS = frozenset({"Strategic developments"})
# Within a protest, the sub-type that says most (ACLED codes the protest by its worst turn).
_SUB_RANK = {"Excessive force against protesters": 3, "Protest with intervention": 2,
             "Peaceful protest": 1}


def _stronger_sub(a: Candidate, b: Candidate) -> str | None:
    sa, sb = a.event.sub_event_type, b.event.sub_event_type
    ra, rb = _SUB_RANK.get(sa or "", 0), _SUB_RANK.get(sb or "", 0)
    if ra != rb:
        return sa if ra > rb else sb
    return sa if (not a.generic, a.score) >= (not b.generic, b.score) else sb


_AIR = "Air/drone strike"
_REMOTE, _CIVILIANS = "Explosions/Remote violence", "Violence against civilians"


def _apart(a: Candidate, b: Candidate) -> bool:
    """An air strike and a ground fight told on one day are two events (ACLED codes the
    aircraft's strikes apart from the fighting on the ground); a bare word does not count."""
    if a.generic or b.generic:
        return False
    return (a.event.sub_event_type == _AIR) != (b.event.sub_event_type == _AIR)


def _telling(c: Candidate, other: Candidate) -> tuple[int, int, int, int]:
    """How well a report names its happening's type: specific first; civilians harmed by a
    remote weapon are remote violence (ACLED's rule: the weapon says how); then told in the
    body, then told earlier."""
    weapon = int(c.event.event_type == _REMOTE and other.event.event_type == _CIVILIANS)
    return (int(not c.generic), weapon, int(c.kind == "body"), -(c.event.start or 0))


def merge_candidates(cands: list[Candidate]) -> list[Event]:
    """Merge reports of the same event; events come out in text order."""
    merged: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (not c.from_text, c.event.start or 0)):
        for i, m in enumerate(merged):
            same_type = (m.event.event_type == c.event.event_type
                         and m.event.sub_event_type == c.event.sub_event_type)
            cross = m.event.event_type in VIOLENT and c.event.event_type in VIOLENT \
                and not _apart(m, c)
            sub_only = (m.event.event_type == c.event.event_type and not same_type
                        and m.event.event_type not in _DISTINCT_SUBS)
            if (same_type or cross or sub_only) and _same_place(m, c) and _dates_agree(m, c):
                if sub_only:
                    # one protest told twice, the second time with the police's response:
                    # one event, with the sub-type that says most
                    keep = _better(m, c)
                    other = c if keep is m else m
                    sub = _stronger_sub(m, c)
                    merged[i] = _combine(keep, other)
                    merged[i].event = merged[i].event.with_changes(sub_event_type=sub)
                    break
                if not same_type:
                    # one happening told with two words ("assassinés" / "frappe de drone"):
                    # the specific type wins; of two specific ones, the story's own word for
                    # it — the first told in the body — not a detail told later ("the assault
                    # began with a car bomb")
                    keep, other = (m, c) if _telling(m, c) >= _telling(c, m) else (c, m)
                else:
                    keep = _better(m, c)
                    other = c if keep is m else m
                merged[i] = _combine(keep, other)
                break
        else:
            merged.append(c)
    merged = _absorb_vague(merged)
    out = []
    for m in sorted(merged, key=lambda c: c.event.start or 0):
        ev = m.event
        # each candidate's event is its own object, made by the extractor or by _combine:
        # setting the id in place spares a copy of every field
        ev.id = event_id(ev.date, m.place_key, ev.event_type, ev.sub_event_type)
        out.append(ev)
    return out



def window_days(precision: int) -> int:
    return _WINDOW.get(precision, 7)


def days_between(a: dt.date, b: dt.date) -> int:
    return abs((a - b).days)
