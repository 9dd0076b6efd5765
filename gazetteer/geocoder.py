"""The public object: ``Gazetteer``, a geopy geocoder that also parses texts into mentions.

It wires the parts together: the on-disk index (index.py), the span finder (matcher.py),
recognition (context.py), ranking (rank.py), misspellings (fuzzy.py) and the optional online
fallback (online.py). Everything here is orchestration; the decisions live in pure functions.
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

from gazetteer import context, rank
from gazetteer.errors import BadInput
from gazetteer.fuzzy import FuzzyNames
from gazetteer.index import Index, default_cache_dir, load_or_build
from gazetteer.lexicons import data_dir, read_csv
from gazetteer.matcher import _UP, Matcher, Span, lowercase_forms
from gazetteer.normalize import fold, fold_word
from gazetteer.online import OnlineFallback, make_geocoder
from gazetteer.sources import DEMONYM
from gazetteer.types import FEATURES as _FEATURES
from gazetteer.types import Mention, Place
from gazetteer.validate import MAX_QUERY_CHARS, MAX_TEXT_CHARS, as_text

MAX_CANDIDATES = 25  # candidates ranked per mention (postings are sorted by population)
PASS2_CANDIDATES = 5  # candidates re-ranked with the document's evidence
MIN_RECOGNITION = 0.0  # recognition score above which a span is a place
_FUZZY_RE = re.compile(
    r"(?<![^\W_])(?:[aAeE](?:l|[dsntrz]|sh))[-‐‑](" + _UP + r"[^\W\d_]{3,})"
    r"|(?<![^\W_])(?:in|at|near|à|dans|vers)\s(" + _UP + r"[^\W\d_]{4,})(?![-‐\s]*" + _UP + ")"
)


class Gazetteer(Geocoder):
    """Offline gazetteer and geoparser (GeoNames + curated supplement), geopy-compatible.

    ``cache_dir``: where the index is built and kept (default ``$EVENTMAP_CACHE`` or the user
    cache dir). ``extra_places``: the user's own CSV/GeoJSON files. ``online``: ``False``
    (default), ``True`` (public Nominatim), a URL of a self-hosted Nominatim, ``"photon:URL"``
    or a geopy geocoder; used only by ``geocode`` when nothing offline matches.
    """

    def __init__(
        self,
        *,
        cache_dir: str | Path | None = None,
        extra_places: Sequence[str | Path] = (),
        online: bool | str | Geocoder = False,
    ):
        super().__init__()
        self.cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self.index: Index
        self.index, self.index_path, self.build_seconds = load_or_build(
            self.cache_dir, list(extra_places)
        )
        forms = [
            f.strip()
            for r in read_csv(data_dir() / "demonyms.csv")
            if r["lang"] in ("fr", "combining")
            for f in r["forms"].split("|")
            if f.strip()
        ]
        self._matcher = Matcher(self.index, lowercase_forms(self.index, forms))
        self._fuzzy: FuzzyNames | None = None
        self._by_key: dict[str, int] | None = None
        self._country_names: dict[str, str] | None = None
        self._cand_cache: dict[int, list[rank.Cand]] = {}
        self._top_cache: dict[int, rank.Cand] = {}
        self._place_cache: dict[int, Place] = {}
        self._score_cache: dict[tuple[int, str | None], list[float]] = {}
        self._lock = threading.Lock()
        self._online: OnlineFallback | None = None
        if online is not False and online is not None:
            self._online = OnlineFallback(
                make_geocoder(online), self.cache_dir / "online-cache.json"
            )

    def clear_caches(self) -> None:
        """Forget memoised chunks, candidates and scores (benchmarks measure unseen text)."""
        from gazetteer import matcher, normalize

        self._matcher._cache.clear()
        self._matcher._nothing.clear()
        self._cand_cache.clear()
        self._top_cache.clear()
        self._place_cache.clear()
        self._score_cache.clear()
        matcher._chunk_tokens.cache_clear()
        normalize.fold_word.cache_clear()
        normalize.fold.cache_clear()

    # ---------------------------------------------------------------- lookups
    def country_name(self, cc: str) -> str | None:
        """English name of a country from its ISO alpha-2 code."""
        if self._country_names is None:
            ix = self.index
            self._country_names = {
                ix.cc[i]: ix.names[i]
                for i in range(len(ix.keys))
                if _FEATURES[ix.feature[i]] == "country" and ix.kind[i] == "country"
            }
        return self._country_names.get(cc)

    def get(self, key: str) -> Place | None:
        """The place with this key ("gn:98182", "site:ain-al-asad"), or None."""
        if self._by_key is None:
            with self._lock:
                if self._by_key is None:
                    self._by_key = {k: i for i, k in enumerate(self.index.keys)}
        i = self._by_key.get(key)
        return None if i is None else self.index.place(i)

    def candidates(self, name: str, *, limit: int = 10) -> list[Place]:
        """Places that this name may mean, most likely first (no context)."""
        name = as_text(name, what="name", max_chars=MAX_QUERY_CHARS)
        cands = self._cands_for_key(fold(name))
        if not cands:
            hit = self._fuzzy_hit(fold(name))
            cands = [self._cand(hit[1], rank.FUZZY)] if hit else []
        scores = rank.score(cands)
        order = sorted(range(len(cands)), key=lambda i: -scores[i])
        return [self.index.place(cands[i].pid) for i in order[:limit]]

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        timeout: float | None = None,
        country_codes: str | Sequence[str] | None = None,
    ) -> Location | list[Location] | None:
        """geopy's contract: a ``Location`` (or a list), ``None`` when nothing matches.

        "Name, Qualifier" narrows by division or country ("Paris, Texas"); ``country_codes``
        (ISO alpha-2) restricts the country.
        """
        query = as_text(query, what="query", max_chars=MAX_QUERY_CHARS).strip()
        if not query:
            raise BadInput("query: empty place name")
        head, *quals = [q.strip() for q in query.split(",") if q.strip()]
        qualifier: set[tuple[str, str]] = set()
        named_countries: set[str] = set()
        for q in quals:
            for c in self._cands_for_key(fold(q)):
                if c.feature == "country":
                    qualifier.add((c.country_code, ""))
                    named_countries.add(c.country_code)
                elif c.feature == "admin1":
                    qualifier.add((c.country_code, c.name))
        cands = self._cands_for_key(fold(head))
        if not cands:
            hit = self._fuzzy_hit(fold(head))
            cands = [self._cand(hit[1], rank.FUZZY)] if hit else []
        wanted: set[str] = set()
        if country_codes:
            wanted = {country_codes.upper()} if isinstance(country_codes, str) else {
                c.upper() for c in country_codes
            }
        # A country written in the query ("Kouna, Oudalan, Burkina Faso") is a hard limit,
        # like country_codes: a namesake abroad is never the answer.
        for limit in (wanted, named_countries):
            if limit:
                cands = [c for c in cands if c.country_code in limit]
        if not cands and quals:
            # "Village, District, Region, Country" with an unknown village: the finest
            # division that resolves, as geocoders answer (its raw says what matched).
            return self._geocode_coarser(quals, query, exactly_one=exactly_one,
                                         timeout=timeout, country_codes=country_codes)
        if qualifier and any(
            (c.country_code, "") in qualifier or (c.country_code, c.admin1 or "") in qualifier
            for c in cands
        ):
            cands = [
                c for c in cands
                if (c.country_code, "") in qualifier or (c.country_code, c.admin1 or "") in qualifier
            ]
        if not cands:
            if self._online is not None:
                loc = self._online.geocode(query, timeout=timeout)
                if loc is None:
                    return None
                return loc if exactly_one else [loc]
            return None
        scores = rank.score(cands, qualifier=qualifier or None)
        order = sorted(range(len(cands)), key=lambda i: -scores[i])
        locs = []
        for i in order[: 1 if exactly_one else 10]:
            place = self.index.place(cands[i].pid)
            raw = _raw(place)
            raw["confidence"] = round(rank.confidence(scores, i), 3)
            locs.append(Location(_address(place, self), Point(place.lat, place.lon), raw))
        return locs[0] if exactly_one else locs

    def _geocode_coarser(
        self,
        quals: Sequence[str],
        query: str,
        *,
        exactly_one: bool,
        timeout: float | None,
        country_codes: str | Sequence[str] | None,
    ) -> Location | list[Location] | None:
        """The query without its first part, each answer marked as a coarser match."""
        found = self.geocode(", ".join(quals), exactly_one=exactly_one, timeout=timeout,
                             country_codes=country_codes)
        for loc in [found] if isinstance(found, Location) else (found or []):
            loc.raw["query"] = query
            loc.raw["coarser_than_query"] = True
        return found

    def reverse(self, query: Any, *, exactly_one: bool = True, timeout: float | None = None):
        """Not offered offline (geopy's base raises too)."""
        raise NotImplementedError("reverse geocoding is not offered by the offline gazetteer")

    # ---------------------------------------------------------------- parsing
    def parse(
        self,
        text: str,
        *,
        language: str | None = None,
        demonyms: bool = True,
        source: str = "text",
        max_chars: int = MAX_TEXT_CHARS,
    ) -> list[Mention]:
        """Place mentions of ``text`` in text order, offsets into the original string.

        ``demonyms=False`` leaves out adjectives and peoples ("irakienne", "Iraqi"); ``source``
        names the input in errors; texts over ``max_chars`` raise ``BadInput``.
        ``language`` is accepted for callers that know it; the lexicons cover French and
        English together, so it does not change the result today.
        """
        text = as_text(text, what=source, max_chars=max_chars)
        if not text.strip():
            return []
        spans, persons = self._matcher.find(text)
        spans.extend(self._fuzzy_spans(text, spans))
        spans.sort(key=lambda s: s.start)
        items: list[tuple[Span, list[rank.Cand], context.SpanContext, context.Evidence]] = []
        for sp in spans:
            cands = self._cands_of(sp)
            if not cands:
                continue
            top = self._top_of(sp, cands)
            ctx = context.span_context(text, sp.start, sp.end, sp.prev_cap, sp.next_cap)
            folded = fold(sp.text) if sp.n_tokens > 1 else fold_word(sp.text)
            ev = context.Evidence(
                feature=top.feature, kind=top.kind, population=top.population,
                name_kind=top.name_kind, n_tokens=sp.n_tokens, folded=folded,
                all_caps=sp.all_caps, lowercase=sp.lowercase, fuzzy=sp.fuzzy_place >= 0,
                prev_cap=sp.prev_cap, next_cap=sp.next_cap, ctx=ctx, known_person=False,
            )
            items.append((sp, cands, ctx, ev))
            if ctx.title_before and top.feature != "country" and not sp.lowercase:
                persons.update(w for w in (folded, sp.next_cap) if w)
        kept = []
        for sp, cands, ctx, ev in items:
            ev.known_person = ev.folded in persons and not (
                ctx.title_before or context.name_like(sp.prev_cap) or context.name_like(sp.next_cap)
            )
            r = context.recognition_score(ev)
            if r <= MIN_RECOGNITION:
                continue
            if not demonyms and all(c.name_kind == DEMONYM for c in cands):
                continue
            kept.append((sp, cands, ctx, r))
        return self._resolve(text, kept, demonyms)

    def _resolve(self, text: str, kept: list, demonyms: bool) -> list[Mention]:
        """Two passes: priors alone, then with the document's countries, divisions, anchors."""
        doc = rank.DocEvidence()
        for sp, cands, ctx, r in kept:
            if len(cands) == 1:
                b, conf = 0, 1.0
            else:
                scores = self._first_scores(sp, cands, ctx.type_hint)
                b = max(range(len(cands)), key=scores.__getitem__)
                conf = rank.confidence(scores, b)
            c = cands[b]
            if c.feature == "country" and c.country_code:
                doc.countries.add(c.country_code)
            elif c.feature == "admin1" and conf >= 0.8:
                doc.countries.add(c.country_code)
                doc.admin1.add((c.country_code, c.name))
            if conf >= 0.8 and c.feature != "country" and len(doc.anchors) < 8:
                doc.anchors.setdefault((c.lat, c.lon), sp.text)
        out: list[Mention] = []
        for n, (sp, cands, ctx, r) in enumerate(kept):
            close = True
            if len(cands) > 1:
                # the document's evidence only re-orders the plausible ones; distances are
                # only worth computing when the first pass left it close
                first = self._first_scores(sp, cands, ctx.type_hint)
                top = sorted(range(len(cands)), key=lambda i: -first[i])[:PASS2_CANDIDATES]
                close = len(top) > 1 and first[top[0]] - first[top[1]] < 4.0
                cands = [cands[i] for i in top]
            if len(cands) == 1:
                order, conf = [0], context.sigmoid(r)
            else:
                qual = self._qualifier(text, kept, n)
                scores = rank.score(
                    cands, doc, surface=sp.text, qualifier=qual, type_hint=ctx.type_hint,
                    proximity=close,
                )
                order = sorted(range(len(cands)), key=lambda i: -scores[i])
                conf = rank.confidence(scores, order[0]) * context.sigmoid(r)
            best = cands[order[0]]
            if not demonyms and best.name_kind == DEMONYM:
                continue
            out.append(
                Mention(
                    text=sp.text,
                    start=sp.start,
                    end=sp.end,
                    place=self._place(best.pid),
                    confidence=round(conf, 4),
                    alternatives=[self._place(cands[i].pid) for i in order[1:6]],
                    via="demonym" if best.name_kind == DEMONYM else "toponym",
                )
            )
        return out

    def _first_scores(self, sp: Span, cands: list[rank.Cand], hint: str | None) -> list[float]:
        """Context-free scores, cached per name (they only depend on the candidates)."""
        if sp.fuzzy_place >= 0:
            return rank.score(cands, type_hint=hint)
        key = (sp.posting, hint)
        got = self._score_cache.get(key)
        if got is None:
            if len(self._score_cache) > 50_000:
                self._score_cache.clear()
            got = self._score_cache[key] = rank.score(cands, type_hint=hint)
        return got

    def _qualifier(self, text: str, kept: list, n: int) -> set[tuple[str, str]] | None:
        """(country, admin1) pairs of the place written right after "X, " ("Paris, Texas")."""
        sp = kept[n][0]
        if n + 1 >= len(kept) or not kept[n][2].comma_after:
            return None
        nxt = kept[n + 1]
        if nxt[0].start - sp.end > 3:
            return None
        out = set()
        for c in nxt[1]:
            if c.feature == "country":
                out.add((c.country_code, ""))
            elif c.feature == "admin1":
                out.add((c.country_code, c.name))
        return out or None

    # ---------------------------------------------------------------- helpers
    def _cand(self, pid: int, name_kind: int) -> rank.Cand:
        ix = self.index
        return rank.Cand(
            pid=pid, name_kind=name_kind, lat=ix.lat[pid], lon=ix.lon[pid],
            country_code=ix.cc[pid], feature=_FEATURES[ix.feature[pid]], kind=ix.kind[pid],
            population=ix.population[pid], admin1=ix.admin1[pid], name=ix.names[pid],
        )

    def _cands_for_key(self, key: str) -> list[rank.Cand]:
        return [self._cand(pid, kd) for pid, kd in self.index.lookup(key)[:MAX_CANDIDATES]]

    def _cands_of(self, sp: Span) -> list[rank.Cand]:
        if sp.fuzzy_place >= 0:
            return [self._cand(sp.fuzzy_place, rank.FUZZY)]
        got = self._cand_cache.get(sp.posting)
        if got is None:
            got = [self._cand(pid, kd) for pid, kd in self.index.postings(sp.posting)[:MAX_CANDIDATES]]
            if len(self._cand_cache) > 50_000:
                self._cand_cache.clear()
            self._cand_cache[sp.posting] = got
        return got

    def _top_of(self, sp: Span, cands: list[rank.Cand]) -> rank.Cand:
        """The candidate with the best prior (the first on a tie), whose facts recognition
        weighs. Cached per posting like the candidates: the same names recur in every text."""
        if sp.fuzzy_place >= 0:
            return cands[0]  # a fuzzy match has one candidate
        got = self._top_cache.get(sp.posting)
        if got is None:
            pri = [rank.prior(c) for c in cands]
            got = cands[max(range(len(cands)), key=pri.__getitem__)]
            if len(self._top_cache) > 50_000:
                self._top_cache.clear()
            self._top_cache[sp.posting] = got
        return got

    def _place(self, pid: int) -> Place:
        p = self._place_cache.get(pid)
        if p is None:
            if len(self._place_cache) > 100_000:
                self._place_cache.clear()
            p = self._place_cache[pid] = self.index.place(pid)
        return p

    def _fuzzy_hit(self, key: str) -> tuple[str, int, float] | None:
        if self._fuzzy is None:
            with self._lock:
                if self._fuzzy is None:
                    self._fuzzy = FuzzyNames(self.index.fuzzy_keys, self.index.fuzzy_pids)
        return self._fuzzy.best(key)

    def _fuzzy_spans(self, text: str, spans: list[Span]) -> list[Span]:
        """Misspelt names that look like places ("province d'al-Diwaniayah")."""
        out: list[Span] = []
        covered = sorted((sp.start, sp.end) for sp in spans)  # spans do not overlap
        starts = [a for a, _ in covered]
        for m in _FUZZY_RE.finditer(text):
            g = 1 if m.group(1) else 2
            s, e = m.start(g), m.end(g)
            i = bisect.bisect_right(starts, e - 1) - 1  # last span starting before e
            if i >= 0 and covered[i][1] > s:
                continue
            word = fold_word(m.group(g))
            if context.zipf(word) >= 3.0:
                continue
            if g == 1:
                s = m.start()  # keep the article in the mention: "al-Diwaniayah"
            key = fold(text[s:e])
            if self.index.key_id(key) is not None:
                continue
            hit = self._fuzzy_hit(key)
            if hit is None:
                continue
            out.append(
                Span(s, e, text[s:e], -1, 1, False, s, e, 1, 0, 0, False,
                     fuzzy_score=hit[2], fuzzy_place=hit[1])
            )
        return out




def _raw(place: Place) -> dict[str, Any]:
    return {
        "key": place.key, "name": place.name, "geonameid": place.geonameid,
        "country_code": place.country_code, "admin1": place.admin1, "feature": place.feature,
        "kind": place.kind, "population": place.population, "source": place.source,
        "lat": place.lat, "lon": place.lon,
    }


def _address(place: Place, g: Gazetteer) -> str:
    parts = [place.name]
    if place.admin1 and place.admin1 != place.name:
        parts.append(place.admin1)
    if place.feature != "country" and place.country_code:
        country = g.country_name(place.country_code)
        if country:
            parts.append(country)
    return ", ".join(parts)
