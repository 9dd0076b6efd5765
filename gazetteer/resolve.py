"""Resolution: the place each recognised span means, read with the whole document.

Why its own module: this is the parser's costliest step and the one whose speed is worked
for. It reads the index's columns directly (``Index.ranked`` stored each name's candidates
best first), adds the document's evidence as ``rank.score`` would (``resolve_reference`` does
it through ``rank.score``; the tests hold the two equal), then runs the text-level sense
checks (sense.py).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from gazetteer import context, rank
from gazetteer.distance import nearest_km, nearest_km_haversine, unit_vector
from gazetteer.index import MAX_RANKED as MAX_CANDIDATES  # ranked per mention
from gazetteer.index import RANKED_TOP as PASS2_CANDIDATES  # re-ranked with the document
from gazetteer.index import Index
from gazetteer.matcher import RawSpan
from gazetteer.neighbours import (
    JOINS,
    list_levels,
    listed,
    qualified_before,
    qualifier_after,
    said_a_place,
)
from gazetteer.recognise import Kept
from gazetteer.sense import Respell, check_senses
from gazetteer.sources import ALTERNATE, DEMONYM, HISTORICAL
from gazetteer.types import FEATURES as _FEATURES
from gazetteer.types import Mention, Place

_COUNTRY = _FEATURES.index("country")
_CITY = _FEATURES.index("city")
_ADMIN1 = _FEATURES.index("admin1")
_ADMIN2 = _FEATURES.index("admin2")
# What the words around a mention say of its kind: (feature, kinds of division) from
# ``SpanContext.type_hint`` and ``type_kinds``: ("admin1", {"state"}) of "the state of X".
Hint = tuple[str, frozenset[str]]


@dataclass(slots=True)
class _Evidence:
    """The document as the second pass reads it, made once per text (``_first_pass``)."""

    ev: rank.DocEvidence
    solo: dict[str, set[str]]  # surface -> the countries only it names (``_solo_countries``)
    divisions: dict[str, list[tuple[str, str]]]  # ``rank.divisions_by_country``
    points: list[tuple[float, float, float, str]]  # the anchors as unit vectors, and surface
    hinted: dict[tuple[int, Hint], tuple[list[float], list[int]]]  # ``_hinted_order``'s memo
    firsts: list[int]  # per kept span: its place by its own facts


class PlaceCache(dict[int, Place]):
    """The ``Place`` of each place id, made on first use (bounded).

    Why a dict subclass: a hit is a plain subscript, in C (``list(map(cache.__getitem__,
    pids))`` for a mention's alternatives); only a miss runs Python (``__missing__``)."""

    __slots__ = ("index",)
    MAX = 100_000

    def __init__(self, index: Index):
        super().__init__()
        self.index = index

    def __missing__(self, pid: int) -> Place:
        if len(self) > self.MAX:
            self.clear()
        p = self[pid] = self.index.place(pid)
        return p


def resolve(
    ix: Index, places: PlaceCache, text: str, kept: list[Kept], demonyms: bool,
    focus: frozenset[str] = frozenset(), respell: Respell | None = None,
) -> list[Mention]:
    """Two passes: priors alone, then with the document's countries, divisions, anchors.

    The priors come ranked from the index (``Index.ranked``); the second pass adds the
    document's evidence to the first few candidates of the names that have several
    (``_second_pass``). The text-level sense checks (``check_senses``) run last."""
    post_start, post_place, post_kind = ix.post_start, ix.post_place, ix.post_kind
    doc = _first_pass(ix, text, kept, focus)
    levels = list_levels(ix, text, kept, doc.firsts)
    memo: dict[tuple[int, str, Hint | None], tuple[int, int, float, list[int]]] = {}
    out: list[Mention] = []
    facts: list[tuple[str, bool]] = []  # per mention: capitalised word before, fuzzy?
    resolved: list[int] = []  # per kept span: the place chosen
    decisive: set[int] = set()  # mentions read through a qualifier ("X, Y")
    aliases: dict[int, bool] = {}  # mentions matched by another name -> said a place?
    exp = math.exp
    for n, (sp, q, ctx, r) in enumerate(kept):
        s, e = sp[0], sp[1]
        surface = text[s:e]
        if q < 0:
            if sp[9] >= 0:
                best, kind = sp[9], rank.FUZZY
            else:
                best, kind = post_place[post_start[sp[2]]], post_kind[post_start[sp[2]]]
            conf = 1.0 / (1.0 + exp(-r))  # context.sigmoid(r)
            alts: list[int] = []
            told = False
        else:
            hint = None if ctx.type_hint is None else (ctx.type_hint, ctx.type_kinds)
            nx = text[e : e + 1]
            qual = None  # "Paris, Texas", "X (Y", "X in Y": a quick look, then the full one
            if nx == "," or nx == "(" or text.startswith(JOINS, e):
                qual = qualifier_after(ix, text, kept, n)
            level = levels.get(n)
            within = None
            if n:
                pe = kept[n - 1][0][1]
                nx = text[pe : pe + 1]
                if nx == "," or nx == "(" or text.startswith(JOINS, pe):
                    within = qualified_before(ix, text, kept, n, resolved)
            # the same name, hint and document give the same scores, unless the words
            # around this one add to them
            plain = qual is None and level is None and within is None
            got = memo.get((q, surface, hint)) if plain else None
            if got is None:
                got = _second_pass(ix, q, surface, hint, qual, level, within, doc)
                if plain:
                    memo[(q, surface, hint)] = got
            best, kind, conf, alts = got
            conf *= 1.0 / (1.0 + exp(-r))  # context.sigmoid(r)
            told = qual is not None or within is not None or hint is not None
        resolved.append(best)
        demonym = kind == DEMONYM
        if not demonyms and demonym:
            continue
        out.append(
            Mention(  # text, start, end, place, confidence, alternatives, via
                surface, s, e, places[best], round(conf, 4),
                list(map(places.__getitem__, alts)) if alts else [],
                "demonym" if demonym else "toponym",
            )
        )
        facts.append((sp[5], sp[9] >= 0))
        if told:
            decisive.add(len(out) - 1)
        if kind == ALTERNATE:
            # said_a_place(ctx, told or listed(...)), looking at the list last
            aliases[len(out) - 1] = (ctx.cue_before or ctx.type_hint is not None or told
                                     or listed(text, kept, n))
    return check_senses(out, facts, decisive, aliases, focus, respell)


def _first_pass(ix: Index, text: str, kept: list[Kept], focus: frozenset[str]) -> _Evidence:
    """What the mentions, each resolved by its own facts (the index's ranked records),
    tell of the document: as ``_note`` for each, inline (this runs for every mention)."""
    q_start, q_conf, rk_place = ix.q_start, ix.q_conf, ix.rk_place
    post_start, post_place = ix.post_start, ix.post_place
    feats, ccs, kinds = ix.feature, ix.cc, ix.kind
    ev = rank.DocEvidence(countries=set(focus),
                          country_surfaces={cc: {""} for cc in focus})
    countries, anchors, told_cc, inside = (ev.countries, ev.anchors, ev.country_surfaces,
                                           ev.anchor_countries)
    admin1, admin1_surface = ev.admin1, ev.admin1_surface
    hinted: dict[tuple[int, Hint], tuple[list[float], list[int]]] = {}
    firsts: list[int] = []
    for sp, q, ctx, _ in kept:
        if sp[9] >= 0:
            pid, conf = sp[9], 1.0
        elif q < 0:
            pid, conf = post_place[post_start[sp[2]]], 1.0
        elif ctx.type_hint is None:
            pid, conf = rk_place[q_start[q]], q_conf[q]
        else:
            first, order1 = _hinted_order(ix, q, (ctx.type_hint, ctx.type_kinds), hinted)
            pid = rk_place[q_start[q] + order1[0]]
            # (a country's confidence is not read below)
            conf = rank.confidence(first, order1[0]) if feats[pid] != _COUNTRY else 1.0
        firsts.append(pid)
        f = feats[pid]
        if f == _COUNTRY:
            # a former country (its successor's point) names none of today's
            if ccs[pid] and kinds[pid] != HISTORICAL:
                countries.add(ccs[pid])
                told_cc.setdefault(ccs[pid], set()).add(text[sp[0] : sp[1]])
        elif conf >= 0.8:
            surface = text[sp[0] : sp[1]]
            cc = ccs[pid]
            if f == _ADMIN1 or f == _ADMIN2:  # a division named surely: its country
                countries.add(cc)
                told_cc.setdefault(cc, set()).add(surface)
            if f == _ADMIN1:
                admin1.add((cc, ix.names[pid]))
                admin1_surface.setdefault((cc, ix.names[pid]), surface)
            if len(anchors) < 8:
                anchors.setdefault((ix.lat[pid], ix.lon[pid]), surface)
            if cc:
                inside.setdefault(cc, set()).add(surface)
    # anchors as unit vectors: the nearest one is the one of largest dot product
    points = [(*unit_vector(lat, lon), surf) for (lat, lon), surf in anchors.items()]
    return _Evidence(ev, _solo_countries(ev), rank.divisions_by_country(ev), points,
                     hinted, firsts)


def _second_pass(
    ix: Index, q: int, surface: str, hint: Hint | None, qual: set[tuple[str, str]] | None,
    level: tuple[str, str] | None, within: tuple[str, str | None] | None, doc: _Evidence,
) -> tuple[int, int, float, list[int]]:
    """(place, name kind, confidence, alternatives) of the name ``surface`` whose
    candidates are record ``q``: its best ``PASS2_CANDIDATES`` by their own facts (with
    the type hint), with the document's evidence and the words around it added.

    What is added is what ``rank.score`` adds, in its order, and for the same reasons
    (``resolve_reference`` is the slow reference; the tests hold them equal): inline
    here, on the index's ranked records, because this runs for most mentions."""
    rk_place, rk_first = ix.rk_place, ix.rk_first
    feats, ccs, admin1s, pops, names = ix.feature, ix.cc, ix.admin1, ix.population, ix.names
    ev = doc.ev
    countries, inside, admin1, admin1_surface = (ev.countries, ev.anchor_countries,
                                                 ev.admin1, ev.admin1_surface)
    divisions, famous = doc.divisions, rank.FAMOUS_POPULATION
    a = ix.q_start[q]
    if hint is None:
        top: Sequence[int] = range(a, min(ix.q_start[q + 1], a + PASS2_CANDIDATES))
        bases: Any = ix.rk_base5  # by position: prior + bonuses among the top five
        close = rk_first[a] - rk_first[a + 1] < rank.PROXIMITY_GAP
        hint_code = -1
        kinds: frozenset[str] = frozenset()
    else:
        first, order1 = _hinted_order(ix, q, hint, doc.hinted)
        top, bases = _hinted_bases(ix, q, order1)
        close = first[order1[0]] - first[order1[1]] < rank.PROXIMITY_GAP
        hint_code = _FEATURES.index(hint[0])
        kinds = _kind_countries(ix, top, hint)
    near: list[Any] | None = None  # the sure places of the document named otherwise
    nearest: Callable[[float, float, list[Any]], float] = nearest_km
    if close and doc.points:
        if hint is None:
            near = [pt for pt in doc.points if pt[3] != surface] or None
        else:
            # rank.score's distance (haversine), as the hinted path has always had: no
            # score of it moves by a rounding
            near = [rank._point(lat, lon) for (lat, lon), sf in ev.anchors.items()
                    if sf != surface] or None
            nearest = nearest_km_haversine
    named = countries - doc.solo[surface] if surface in doc.solo else countries
    scores = []
    for i in top:
        pid = rk_place[i]
        sc = bases[i]
        cc = ccs[pid]
        f = feats[pid]
        if (cc in named) if cc else (f == _COUNTRY and countries):
            sc += rank.COUNTRY_NAMED  # a sea or a region: any country
        elif named and f == _CITY and pops[pid] > famous:
            sc += rank.fame(pops[pid])
        if f == _ADMIN1 and cc in divisions and any(
                nm != names[pid] and sf != surface for nm, sf in divisions[cc]):
            sc += rank.SIBLING_NAMED
        adm = admin1s[pid]
        if (adm and f != _ADMIN1 and (cc, adm) in admin1
                and admin1_surface.get((cc, adm)) != surface):
            sc += rank.ADMIN1_NAMED
        if near is not None and f != _COUNTRY:
            km = nearest(ix.lat[pid], ix.lon[pid], near)
            sc += rank.NEAR_ANCHOR * math.exp(-km / rank.NEAR_KM)
        elif f == _COUNTRY and close and cc in inside and rank.holds_anchor(ev, cc, surface):
            sc += rank.NEAR_ANCHOR
        if qual:
            for qcc, qadm in qual:
                if cc == qcc and (not qadm or qadm == adm) and f != _COUNTRY:
                    sc += rank.QUALIFIED
        holds = within is not None and cc == within[0] and cc and (
            f == _COUNTRY or (f == _ADMIN1 and names[pid] == within[1]))
        if hint_code < 0:
            # without a hint, the list level has always been added before the container
            # (another order rounds otherwise): kept so
            if level is not None and _FEATURES[f] == level[0]:
                sc += rank.LIST_LEVEL
                if level[1] and cc == level[1]:
                    sc += rank.LIST_COUNTRY
            if holds:
                sc += rank.QUALIFIED
        else:
            if holds:
                sc += rank.QUALIFIED
            if f == hint_code:
                sc += rank.TYPE_HINTED
            if f != hint_code and cc in kinds:
                sc -= rank.OTHER_KIND
            if level is not None and _FEATURES[f] == level[0]:
                sc += rank.LIST_LEVEL
                if level[1] and cc == level[1]:
                    sc += rank.LIST_COUNTRY
        scores.append(sc)
    # stable, as sorted(key=lambda i: -scores[i]): ties keep the record's order
    order = sorted(range(len(scores)), key=scores.__getitem__, reverse=True)
    best = top[order[0]]
    return (rk_place[best], ix.rk_kind[best], rank.confidence(scores, order[0]),
            [rk_place[top[i]] for i in order[1:6]])


def _hinted(ix: Index, q: int, hint: Hint) -> list[float]:
    """Context-free scores of record ``q``'s candidates with a "province"/"city" hint."""
    a, b = ix.q_start[q], ix.q_start[q + 1]
    code = _FEATURES.index(hint[0])
    feats, rk_place = ix.feature, ix.rk_place
    rk_first, hinted = ix.rk_first, rank.TYPE_HINTED
    out = [rk_first[i] + hinted if feats[rk_place[i]] == code else rk_first[i]
           for i in range(a, b)]
    kinds = _kind_countries(ix, range(a, b), hint)
    if kinds:  # "Baghdad province": not the city
        ccs = ix.cc
        for n, i in enumerate(range(a, b)):
            if feats[rk_place[i]] != code and ccs[rk_place[i]] in kinds:
                out[n] -= rank.OTHER_KIND
    return out


def _kind_countries(ix: Index, positions: Sequence[int], hint: Hint) -> frozenset[str]:
    """``rank.kind_countries`` of the candidates at ``positions`` of the ``rk_*`` arrays."""
    rk_place, feats, kinds, ccs = ix.rk_place, ix.feature, ix.kind, ix.cc
    return rank.kind_countries(hint[0], hint[1], (
        (_FEATURES[feats[pid]], kinds[pid], ccs[pid]) for pid in map(rk_place.__getitem__,
                                                                      positions)))


def _hinted_order(
    ix: Index, q: int, hint: Hint, memo: dict[tuple[int, Hint], tuple[list[float], list[int]]]
) -> tuple[list[float], list[int]]:
    """``_hinted`` scores of record ``q`` and its positions best first (ties in record
    order), worked out once per document for each (record, hint): both passes read them."""
    got = memo.get((q, hint))
    if got is None:
        first = _hinted(ix, q, hint)
        # stable, as sorted(key=lambda i: -first[i]): ties keep the record's order
        got = memo[(q, hint)] = (
            first, sorted(range(len(first)), key=first.__getitem__, reverse=True))
    return got


def _hinted_bases(ix: Index, q: int, order: list[int]) -> tuple[list[int], dict[int, float]]:
    """The positions (in the ``rk_*`` arrays) of the best ``PASS2_CANDIDATES`` of record
    ``q`` by hinted scores (``order``), and the score of each by its own facts among them
    (what ``rank.score`` starts from: prior + the bonuses that depend on the others)."""
    a = ix.q_start[q]
    top = order[:PASS2_CANDIDATES]
    pos = [a + i for i in top]
    if max(top) < len(top):  # the record's own first five, reordered: stored in the index
        return pos, {i: ix.rk_base5[i] for i in pos}
    cands = [index_cand(ix, ix.rk_place[i], ix.rk_kind[i]) for i in pos]
    return pos, dict(zip(pos, rank.score(cands)))


def resolve_reference(
    ix: Index, text: str, kept: list[Kept], demonyms: bool, focus: frozenset[str] = frozenset(),
    respell: Respell | None = None,
) -> list[Mention]:
    """``resolve`` without the index's ranked records: every score from ``rank.score``
    on candidate lists. Slow; the tests check that ``resolve`` gives the same."""

    def cands_of(sp: RawSpan) -> list[rank.Cand]:
        if sp[9] >= 0:
            return [index_cand(ix, sp[9], rank.FUZZY)]
        return [index_cand(ix, pid, kd) for pid, kd in ix.postings(sp[2])[:MAX_CANDIDATES]]

    doc = rank.DocEvidence(countries=set(focus), country_surfaces={cc: {""} for cc in focus})
    firsts: list[int] = []
    for sp, _, ctx, _ in kept:
        cands = cands_of(sp)
        b, conf = 0, 1.0
        if len(cands) > 1:
            scores = rank.score(cands, type_hint=ctx.type_hint, type_kinds=ctx.type_kinds)
            b = max(range(len(cands)), key=scores.__getitem__)
            conf = rank.confidence(scores, b)
        firsts.append(cands[b].pid)
        _note(ix, doc, cands[b].pid, conf, text[sp[0] : sp[1]])
    levels = list_levels(ix, text, kept, firsts)
    out: list[Mention] = []
    facts: list[tuple[str, bool]] = []
    resolved: list[int] = []
    decisive: set[int] = set()
    aliases: dict[int, bool] = {}
    for n, (sp, _, ctx, r) in enumerate(kept):
        cands = cands_of(sp)
        surface = text[sp[0] : sp[1]]
        told = False
        if len(cands) == 1:
            order, conf = [0], context.sigmoid(r)
        else:
            first = rank.score(cands, type_hint=ctx.type_hint, type_kinds=ctx.type_kinds)
            top = sorted(range(len(cands)), key=lambda i: -first[i])[:PASS2_CANDIDATES]
            close = first[top[0]] - first[top[1]] < rank.PROXIMITY_GAP
            cands = [cands[i] for i in top]
            qual = qualifier_after(ix, text, kept, n)
            within = qualified_before(ix, text, kept, n, resolved)
            told = qual is not None or within is not None or ctx.type_hint is not None
            scores = rank.score(cands, doc, surface=surface, qualifier=qual,
                                type_hint=ctx.type_hint, type_kinds=ctx.type_kinds,
                                proximity=close,
                                level=levels.get(n), within=within)
            order = sorted(range(len(cands)), key=lambda i: -scores[i])
            conf = rank.confidence(scores, order[0]) * context.sigmoid(r)
        best = cands[order[0]]
        resolved.append(best.pid)
        if not demonyms and best.name_kind == DEMONYM:
            continue
        out.append(Mention(
            surface, sp[0], sp[1], ix.place(best.pid), round(conf, 4),
            [ix.place(cands[i].pid) for i in order[1:6]],
            "demonym" if best.name_kind == DEMONYM else "toponym",
        ))
        facts.append((sp[5], sp[9] >= 0))
        if told:
            decisive.add(len(out) - 1)
        if best.name_kind == ALTERNATE:
            aliases[len(out) - 1] = said_a_place(ctx, told or listed(text, kept, n))
    return check_senses(out, facts, decisive, aliases, focus, respell)


def _note(ix: Index, doc: rank.DocEvidence, pid: int, conf: float, surface: str) -> None:
    """Add what one mention, resolved by its own facts, tells of the document: its
    country (a country, or a division named surely), its division, a sure point."""
    f, cc = ix.feature[pid], ix.cc[pid]
    if (f == _COUNTRY and cc and ix.kind[pid] != HISTORICAL) or (
            f in (_ADMIN1, _ADMIN2) and conf >= 0.8):
        doc.countries.add(cc)
        doc.country_surfaces.setdefault(cc, set()).add(surface)
    if f == _ADMIN1 and conf >= 0.8:
        doc.admin1.add((cc, ix.names[pid]))
        doc.admin1_surface.setdefault((cc, ix.names[pid]), surface)
    if conf >= 0.8 and f != _COUNTRY:
        if len(doc.anchors) < 8:
            doc.anchors.setdefault((ix.lat[pid], ix.lon[pid]), surface)
        if cc:
            doc.anchor_countries.setdefault(cc, set()).add(surface)


def index_cand(ix: Index, pid: int, name_kind: int) -> rank.Cand:
    """Place ``pid`` as ranking reads a candidate, matched by a name of ``name_kind``."""
    return rank.Cand(
        pid=pid, name_kind=name_kind, lat=ix.lat[pid], lon=ix.lon[pid],
        country_code=ix.cc[pid], feature=_FEATURES[ix.feature[pid]], kind=ix.kind[pid],
        population=ix.population[pid], admin1=ix.admin1[pid], name=ix.names[pid],
    )


def _solo_countries(doc: rank.DocEvidence) -> dict[str, set[str]]:
    """Surface -> the countries only that surface names (no evidence for that surface)."""
    out: dict[str, set[str]] = {}
    for cc, told in doc.country_surfaces.items():
        if len(told) == 1:
            out.setdefault(next(iter(told)), set()).add(cc)
    return out
