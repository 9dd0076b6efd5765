"""The public object: ``Gazetteer``, a geopy geocoder that also parses texts into mentions.

It wires the parts together: the on-disk index (index.py), the span finder (matcher.py),
recognition (context.py), ranking (rank.py), misspellings (fuzzy.py) and the optional online
fallback (online.py). Everything here is orchestration; the decisions live in pure functions.
"""

from __future__ import annotations

import bisect
import copy
import math
import re
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point
from rapidfuzz import fuzz

from gazetteer import context, lexicons, rank
from gazetteer.capitals import capital_mentions
from gazetteer.errors import BadInput
from gazetteer.fuzzy import FuzzyNames
from gazetteer.index import MAX_RANKED as MAX_CANDIDATES  # ranked per mention
from gazetteer.index import RANKED_TOP as PASS2_CANDIDATES  # re-ranked with the document
from gazetteer.index import Index, default_cache_dir, load_or_build
from gazetteer.lexicons import data_dir, read_csv
from gazetteer.matcher import (
    _UP,
    Matcher,
    RawSpan,
    lowercase_forms,
    person_words,
    phrase_forms,
)
from gazetteer.normalize import fold, fold_word
from gazetteer.online import OnlineFallback, cache_name, make_geocoder
from gazetteer.sources import ALTERNATE, DEMONYM
from gazetteer.types import FEATURES as _FEATURES
from gazetteer.types import Mention, Place
from gazetteer.validate import MAX_QUERY_CHARS, MAX_TEXT_CHARS, as_text

QUALIFIER_KM = 150.0  # "Pama, Kompienga": Pama within this of a place named Kompienga
MIN_RECOGNITION = 0.0  # recognition score above which a span is a place
# A word that may be a misspelt place: after an Arabic article ("al-Diwaniayah"), or after a
# preposition that announces a place and not followed by another capitalised word. Written
# to start with the capital (sre skips ahead to capitals in C) and to look behind it for
# the article or the preposition. Group 1: after an article; group 2: after a preposition.
_FUZZY_RE = re.compile(
    _UP + r"(?:"
    r"(?:(?<=\b[aAeE][ldsntrz][-‐‑].)|(?<=\b[aAeE]sh[-‐‑].))([^\W\d_]{3,})"
    r"|(?:(?<=\b(?:in|at)\s.)|(?<=\bà\s.)|(?<=\b(?:near|dans|vers)\s.))([^\W\d_]{4,})"
    r"(?![-‐\s]*" + _UP + "))"
)
_COUNTRY = _FEATURES.index("country")
_CITY = _FEATURES.index("city")
# What separates the places of a list: "A, B", "A and B", "A, and B", "A et B", "A ou B".
_LIST_GAP = re.compile(r"\s*,\s*(?:(?:and|et|or|ou)\s+)?|\s+(?:and|et|or|ou)\s+")
_ADMIN1 = _FEATURES.index("admin1")
_ADMIN2 = _FEATURES.index("admin2")
_CAPITAL_WORD = re.compile(r"capital", re.IGNORECASE)  # "capital", "capitale": a described capital?
# The letters other than ASCII that _CAPITAL_WORD matches (as "i"): Turkish dotted and dotless i
_CAPITAL_ODD_I = ("İ", "ı")
# What joins a place to the coarser one that holds it: "Paris, Texas", "Kain (Kain, Yatenga)",
# "Crawford County located in Pennsylvania", "Kogelo in Nyanza province".
_QUAL_GAP = re.compile(r"\s*[,(]\s*|\s+(?:located\s+)?in\s+(?:the\s+)?")
_QUAL_GAP_MAX = 16
_JOINS = (" (", " in ", " located ")  # how _QUAL_GAP may start, besides "," and "("
_SIGNS_AFTER = frozenset({"$", ","})  # a currency ("US$"), maybe an age ("Campbell, 42,")
_ARTICLES = frozenset({"the", "la", "le", "les", "l"})  # "of the X", "according to the X"


class Gazetteer(Geocoder):
    """Offline gazetteer and geoparser (GeoNames + curated supplement), geopy-compatible.

    ``cache_dir``: where the index is built and kept (default ``$EVENTMAP_CACHE`` or the user
    cache dir). ``extra_places``: the user's own CSV/GeoJSON files. ``online``: ``False``
    (default), ``True`` (public Nominatim), a URL of a self-hosted Nominatim, ``"photon:URL"``
    or a geopy geocoder; used only by ``geocode`` when nothing offline matches, at most one
    request per ``online_delay`` seconds (Nominatim's usage policy asks for 1).
    ``focus_countries``: ISO alpha-2 codes of the countries the texts are about (an analyst
    working on one country): their candidates are favoured as if each text named them, and
    a small place abroad that nothing else supports gives way to a namesake there, or is
    left out. ``parse(..., focus_countries=...)`` overrides it for one text.
    """

    def __init__(
        self,
        *,
        cache_dir: str | Path | None = None,
        extra_places: Sequence[str | Path] = (),
        online: bool | str | Geocoder = False,
        focus_countries: Sequence[str] = (),
        online_delay: float = 1.0,
    ):
        super().__init__()
        self.focus_countries = _country_set(focus_countries)
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
        supplement = [
            n
            for r in read_csv(data_dir() / "supplement.csv")
            for n in [r["name"], *(r.get("alt_names") or "").split("|")]
            if n.strip()
        ]
        self._matcher = Matcher(
            self.index, lowercase_forms(self.index, forms), phrase_forms(self.index, supplement)
        )
        self._fuzzy: FuzzyNames | None = None
        self._by_key: dict[str, int] | None = None
        self._country_names: dict[str, str] | None = None
        self._capitals: dict[str, int] | None = None
        self._place_cache = _PlaceCache(self.index)
        self._lock = threading.Lock()
        self._online: OnlineFallback | None = None
        if online is not False and online is not None:
            geocoder = make_geocoder(online)
            self._online = OnlineFallback(
                geocoder, self.cache_dir / cache_name(geocoder), min_delay_seconds=online_delay,
            )

    @property
    def has_online(self) -> bool:
        """Whether ``geocode`` may ask the online fallback what nothing offline matches."""
        return self._online is not None

    def focused(self, countries: Sequence[str]) -> Gazetteer:
        """This gazetteer with ``focus_countries`` set, sharing its loaded index and caches.

        Why: the index takes a second and tens of MB to load; a batch run that focuses on
        one country (``eventmap ingest --focus-country BF``) should not load it twice.
        """
        twin = copy.copy(self)
        twin.focus_countries = _country_set(countries)
        return twin

    def clear_caches(self) -> None:
        """Forget memoised places and folded words (benchmarks measure unseen text)."""
        from gazetteer import normalize

        self._place_cache.clear()
        normalize._fold_word.cache_clear()
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

    def capital(self, cc: str) -> Place | None:
        """The capital city of a country from its ISO alpha-2 code (GeoNames' capital)."""
        if self._capitals is None:
            ix = self.index
            self._capitals = {ix.cc[i]: i for i in range(len(ix.keys)) if ix.kind[i] == "capital"}
        i = self._capitals.get(cc)
        return None if i is None else self._place(i)

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
        qual_points: list[tuple[float, float]] = []  # districts, towns: "Pama, Kompienga"
        for q in quals:
            for c in self._cands_for_key(fold(q)):
                if c.feature == "country":
                    qualifier.add((c.country_code, ""))
                    named_countries.add(c.country_code)
                elif c.feature == "admin1":
                    qualifier.add((c.country_code, c.name))
                else:
                    qual_points.append((c.lat, c.lon))
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
        if qual_points and cands:
            # a qualifier finer than a division (GeoNames keeps no second-level name on
            # places): the candidates near one of its places, when there are any
            near = [c for c in cands if any(
                rank.haversine_km(c.lat, c.lon, la, lo) <= QUALIFIER_KM for la, lo in qual_points)]
            if near:
                cands = near
            elif not qualifier:
                cands = []
        if not cands and quals:
            # "Village, District, Region, Country" with an unknown village: the online
            # fallback if there is one, else the finest division that resolves, as
            # geocoders answer (its raw says what matched).
            if self._online is not None:
                loc = self._online.geocode(query, timeout=timeout)
                if loc is not None:
                    return loc if exactly_one else [loc]
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
        focus_countries: Sequence[str] | None = None,
    ) -> list[Mention]:
        """Place mentions of ``text`` in text order, offsets into the original string.

        ``demonyms=False`` leaves out adjectives and peoples ("irakienne", "Iraqi"); ``source``
        names the input in errors; texts over ``max_chars`` raise ``BadInput``;
        ``focus_countries`` (ISO alpha-2 codes) replaces the instance's for this text
        (``()``: none).
        ``language`` (an ISO 639-1 code or tag, "en", "fr-FR"): the text's language, which
        decides how common an ordinary word is ("Esperance" is a town in English text, a
        noun in French); guessed from function words when not given.
        """
        text = as_text(text, what=source, max_chars=max_chars)
        if not text.strip():
            return []
        spans, phrases = self._matcher.scan(text)
        fuzzy = self._fuzzy_spans(text, spans)
        if fuzzy:
            spans.extend(fuzzy)
            spans.sort()
        # person-like runs matter only for the words that are spans of one word
        persons = person_words(phrases, {sp[7] for sp in spans if sp[3] == 1}) if phrases else set()
        lang = context.language_code(language) or context.guess_language(text)
        kept = self._recognise(text, spans, persons, lexicons.common_words(lang), demonyms)
        focus = self.focus_countries if focus_countries is None else _country_set(focus_countries)
        return self._resolve(text, kept, demonyms, focus)

    def _recognise(
        self, text: str, spans: list[RawSpan], persons: set[str], common: dict[str, float],
        demonyms: bool,
    ) -> list[tuple[RawSpan, int, context.SpanContext, float]]:
        """The spans that name a place here, each with its record, context and recognition
        score. Two loops: the first reads every span's context (a title before a name adds
        it to ``persons``), the second scores each against the complete ``persons``."""
        ix = self.index
        multi, q_start, q_top = ix.post_multi, ix.q_start, ix.q_top
        rk_place, rk_kind = ix.rk_place, ix.rk_kind
        post_start, post_place, post_kind = ix.post_start, ix.post_place, ix.post_kind
        feats, kinds, pops = ix.feature, ix.kind, ix.population
        calendar = lexicons.calendar_words()
        doc = context.DocContext(text)
        span_context = doc.span_context
        items = []
        for sp in spans:
            s, e, p, _, _, _, ncap, folded, low, fz = sp
            if folded in calendar and not ncap:
                # a date: recognition() says -6 whatever the context, and a title before it
                # would only add the word itself to ``persons`` (for other dates)
                continue
            if fz >= 0:
                q, tpid, tnk = -1, fz, rank.FUZZY
            else:
                q = multi[p]
                if q < 0:  # one place of that name: its record is the posting itself
                    a = post_start[p]
                    tpid, tnk = post_place[a], post_kind[a]
                else:  # the candidate with the best prior, ranked in the index
                    a = q_start[q] + q_top[q]
                    tpid, tnk = rk_place[a], rk_kind[a]
            feature = _FEATURES[feats[tpid]]
            ctx = span_context(s, e, sp[5], ncap)
            items.append((sp, q, feature, tpid, tnk, ctx))
            if ctx.title_before and feature != "country" and not low:
                persons.update(w for w in (folded, ncap) if w)
        kept: list[tuple[RawSpan, int, context.SpanContext, float]] = []
        name_like = context.name_like
        recognition = context.recognition
        # the signs ``DocContext.other_name_penalty`` reads, looked at here first: most spans
        # have none (a call per span would cost more than the rest of this loop)
        eponyms, gate_prev, gate_articles = doc.eponyms, doc.words_before_other_names, _ARTICLES
        for sp, q, feature, tpid, tnk, ctx in items:
            s, e, p, ntok, caps, pcap, ncap, folded, low, fz = sp
            if ctx.speech_after and kept and kept[-1][0][1] == s - 2 and text[s - 2 : s] == ", ":
                ctx.speech_after = False  # "Oxnard, California said": the place's qualifier
            known = folded in persons and not (
                ctx.title_before or name_like(pcap) or name_like(ncap)
            )
            r = recognition(
                feature, kinds[tpid], pops[tpid], tnk, ntok, folded, caps, low, fz >= 0,
                pcap, ncap, ctx, known, common,
            )
            if r <= MIN_RECOGNITION:
                continue
            prv = ctx.prev_word
            if (pcap or ncap or ctx.next_word in eponyms or prv in gate_prev
                    or text[e : e + 1] in _SIGNS_AFTER or text[s - 1 : s] == "$"
                    or (text[e - 1] == "s" and text[e - 2].isupper())
                    or (prv in gate_articles and doc.may_name_other(s, e, prv))):
                r -= doc.other_name_penalty(ctx, s, e, pcap, ncap, feature, folded, ntok)
                if r <= MIN_RECOGNITION:
                    continue
            if not demonyms and fz < 0 and self._all_demonyms(p, q):
                continue
            kept.append((sp, q, ctx, r))
        return kept

    def _all_demonyms(self, p: int, q: int) -> bool:
        """Whether every candidate of posting ``p`` (record ``q``) is an adjective or people."""
        ix = self.index
        if q < 0:
            return ix.post_kind[ix.post_start[p]] == DEMONYM
        return all(k == DEMONYM for k in ix.rk_kind[ix.q_start[q] : ix.q_start[q + 1]])

    def _hinted(self, q: int, hint: str) -> list[float]:
        """Context-free scores of record ``q``'s candidates with a "province"/"city" hint."""
        ix = self.index
        a, b = ix.q_start[q], ix.q_start[q + 1]
        code = _FEATURES.index(hint)
        feats, rk_place = ix.feature, ix.rk_place
        rk_first, hinted = ix.rk_first, rank.TYPE_HINTED
        return [rk_first[i] + hinted if feats[rk_place[i]] == code else rk_first[i]
                for i in range(a, b)]

    def _hinted_order(
        self, q: int, hint: str, memo: dict[tuple[int, str], tuple[list[float], list[int]]]
    ) -> tuple[list[float], list[int]]:
        """``_hinted`` scores of record ``q`` and its positions best first (ties in record
        order), worked out once per document for each (record, hint): both passes read them."""
        got = memo.get((q, hint))
        if got is None:
            first = self._hinted(q, hint)
            # stable, as sorted(key=lambda i: -first[i]): ties keep the record's order
            got = memo[(q, hint)] = (
                first, sorted(range(len(first)), key=first.__getitem__, reverse=True))
        return got

    def _hinted_bases(self, q: int, order: list[int]) -> tuple[list[int], dict[int, float]]:
        """The positions (in the ``rk_*`` arrays) of the best ``PASS2_CANDIDATES`` of record
        ``q`` by hinted scores (``order``), and the score of each by its own facts among them
        (what ``rank.score`` starts from: prior + the bonuses that depend on the others)."""
        ix = self.index
        a = ix.q_start[q]
        top = order[:PASS2_CANDIDATES]
        pos = [a + i for i in top]
        if max(top) < len(top):  # the record's own first five, reordered: stored in the index
            return pos, {i: ix.rk_base5[i] for i in pos}
        cands = [self._cand(ix.rk_place[i], ix.rk_kind[i]) for i in pos]
        return pos, dict(zip(pos, rank.score(cands)))

    def _resolve(
        self, text: str, kept: list, demonyms: bool, focus: frozenset[str] = frozenset()
    ) -> list[Mention]:
        """Two passes: priors alone, then with the document's countries, divisions, anchors.

        The priors come ranked from the index (``Index.ranked``); the second pass adds the
        document's evidence to the first few candidates of the names that have several
        (``_second_pass``)."""
        ix = self.index
        post_start, post_place, post_kind = ix.post_start, ix.post_place, ix.post_kind
        doc = self._first_pass(text, kept, focus)
        levels = self._list_levels(text, kept, doc.firsts)
        memo: dict[tuple[int, str, str | None], tuple[int, int, float, list[int]]] = {}
        out: list[Mention] = []
        facts: list[tuple[str, bool]] = []  # per mention: capitalised word before, fuzzy?
        resolved: list[int] = []  # per kept span: the place chosen
        decisive: set[int] = set()  # mentions read through a qualifier ("X, Y")
        aliases: dict[int, bool] = {}  # mentions matched by another name -> said a place?
        places = self._place_cache
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
                hint = ctx.type_hint
                nx = text[e : e + 1]
                qual = None  # "Paris, Texas", "X (Y", "X in Y": a quick look, then the method
                if nx == "," or nx == "(" or text.startswith(_JOINS, e):
                    qual = self._qualifier(text, kept, n)
                level = levels.get(n)
                within = None
                if n:
                    pe = kept[n - 1][0][1]
                    nx = text[pe : pe + 1]
                    if nx == "," or nx == "(" or text.startswith(_JOINS, pe):
                        within = self._within(text, kept, n, resolved)
                # the same name, hint and document give the same scores, unless the words
                # around this one add to them
                plain = qual is None and level is None and within is None
                got = memo.get((q, surface, hint)) if plain else None
                if got is None:
                    got = self._second_pass(q, surface, hint, qual, level, within, doc)
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
                # _said_a_place(ctx, told or _listed(...)), looking at the list last
                aliases[len(out) - 1] = (ctx.cue_before or ctx.type_hint is not None or told
                                         or _listed(text, kept, n))
        out, facts = far_aliases(one_sense(out, decisive), facts, aliases, focus)
        return self._described_capitals(text, lone_abroad(out, facts, focus))

    def _first_pass(self, text: str, kept: list, focus: frozenset[str]) -> _Evidence:
        """What the mentions, each resolved by its own facts (the index's ranked records),
        tell of the document: as ``_note`` for each, inline (this runs for every mention)."""
        ix = self.index
        q_start, q_conf, rk_place = ix.q_start, ix.q_conf, ix.rk_place
        post_start, post_place = ix.post_start, ix.post_place
        feats, ccs = ix.feature, ix.cc
        ev = rank.DocEvidence(countries=set(focus),
                              country_surfaces={cc: {""} for cc in focus})
        countries, anchors, told_cc, inside = (ev.countries, ev.anchors, ev.country_surfaces,
                                               ev.anchor_countries)
        admin1, admin1_surface = ev.admin1, ev.admin1_surface
        hinted: dict[tuple[int, str], tuple[list[float], list[int]]] = {}
        firsts: list[int] = []
        for sp, q, ctx, _ in kept:
            if sp[9] >= 0:
                pid, conf = sp[9], 1.0
            elif q < 0:
                pid, conf = post_place[post_start[sp[2]]], 1.0
            elif ctx.type_hint is None:
                pid, conf = rk_place[q_start[q]], q_conf[q]
            else:
                first, order1 = self._hinted_order(q, ctx.type_hint, hinted)
                pid = rk_place[q_start[q] + order1[0]]
                # (a country's confidence is not read below)
                conf = rank.confidence(first, order1[0]) if feats[pid] != _COUNTRY else 1.0
            firsts.append(pid)
            f = feats[pid]
            if f == _COUNTRY:
                if ccs[pid]:
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
        points = [(*_unit(lat, lon), surf) for (lat, lon), surf in anchors.items()]
        return _Evidence(ev, _solo_countries(ev), rank.divisions_by_country(ev), points,
                         hinted, firsts)

    def _second_pass(
        self, q: int, surface: str, hint: str | None, qual: set[tuple[str, str]] | None,
        level: tuple[str, str] | None, within: tuple[str, str | None] | None, doc: _Evidence,
    ) -> tuple[int, int, float, list[int]]:
        """(place, name kind, confidence, alternatives) of the name ``surface`` whose
        candidates are record ``q``: its best ``PASS2_CANDIDATES`` by their own facts (with
        the type hint), with the document's evidence and the words around it added.

        What is added is what ``rank.score`` adds, in its order, and for the same reasons
        (``_resolve_reference`` is the slow reference; the tests hold them equal): inline
        here, on the index's ranked records, because this runs for most mentions."""
        ix = self.index
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
        else:
            first, order1 = self._hinted_order(q, hint, doc.hinted)
            top, bases = self._hinted_bases(q, order1)
            close = first[order1[0]] - first[order1[1]] < rank.PROXIMITY_GAP
            hint_code = _FEATURES.index(hint)
        near: list[Any] | None = None  # the sure places of the document named otherwise
        nearest: Callable[[float, float, list[Any]], float] = _nearest_km
        if close and doc.points:
            if hint is None:
                near = [pt for pt in doc.points if pt[3] != surface] or None
            else:
                # rank.score's distance (haversine), as the hinted path has always had: no
                # score of it moves by a rounding
                near = [rank._point(lat, lon) for (lat, lon), sf in ev.anchors.items()
                        if sf != surface] or None
                nearest = _nearest_km_haversine
        named = countries - doc.solo[surface] if surface in doc.solo else countries
        scores = []
        for i in top:
            pid = rk_place[i]
            sc = bases[i]
            cc = ccs[pid]
            f = feats[pid]
            if (cc in named) if cc else (f == _COUNTRY and countries):
                sc += rank.COUNTRY_NAMED  # a sea or a region: any country
            elif countries and f == _CITY and pops[pid] > famous:
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

    def _resolve_reference(
        self, text: str, kept: list, demonyms: bool, focus: frozenset[str] = frozenset()
    ) -> list[Mention]:
        """``_resolve`` without the index's ranked records: every score from ``rank.score``
        on candidate lists. Slow; the tests check that ``_resolve`` gives the same."""
        ix = self.index

        def cands_of(sp: RawSpan) -> list[rank.Cand]:
            if sp[9] >= 0:
                return [self._cand(sp[9], rank.FUZZY)]
            return [self._cand(pid, kd) for pid, kd in ix.postings(sp[2])[:MAX_CANDIDATES]]

        doc = rank.DocEvidence(countries=set(focus), country_surfaces={cc: {""} for cc in focus})
        firsts: list[int] = []
        for sp, _, ctx, _ in kept:
            cands = cands_of(sp)
            b, conf = 0, 1.0
            if len(cands) > 1:
                scores = rank.score(cands, type_hint=ctx.type_hint)
                b = max(range(len(cands)), key=scores.__getitem__)
                conf = rank.confidence(scores, b)
            firsts.append(cands[b].pid)
            self._note(doc, cands[b].pid, conf, text[sp[0] : sp[1]])
        levels = self._list_levels(text, kept, firsts)
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
                first = rank.score(cands, type_hint=ctx.type_hint)
                top = sorted(range(len(cands)), key=lambda i: -first[i])[:PASS2_CANDIDATES]
                close = first[top[0]] - first[top[1]] < rank.PROXIMITY_GAP
                cands = [cands[i] for i in top]
                qual = self._qualifier(text, kept, n)
                within = self._within(text, kept, n, resolved)
                told = qual is not None or within is not None or ctx.type_hint is not None
                scores = rank.score(cands, doc, surface=surface, qualifier=qual,
                                    type_hint=ctx.type_hint, proximity=close,
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
                aliases[len(out) - 1] = _said_a_place(ctx, told or _listed(text, kept, n))
        out, facts = far_aliases(one_sense(out, decisive), facts, aliases, focus)
        return self._described_capitals(text, lone_abroad(out, facts, focus))

    def _described_capitals(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """"la capitale libanaise", "the Iraqi capital": the city, not the country."""
        if not mentions or not _says_capital(text):
            return mentions
        return capital_mentions(text, mentions, self.capital, lexicons.capital_money_words())

    def _note(self, doc: rank.DocEvidence, pid: int, conf: float, surface: str) -> None:
        """Add what one mention, resolved by its own facts, tells of the document: its
        country (a country, or a division named surely), its division, a sure point."""
        ix = self.index
        f, cc = ix.feature[pid], ix.cc[pid]
        if (f == _COUNTRY and cc) or (f in (_ADMIN1, _ADMIN2) and conf >= 0.8):
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

    def _within(self, text: str, kept: list, n: int, resolved: list[int]) -> tuple[str, str | None] | None:
        """(country, division) of the finer place that mention ``n`` qualifies ("Atlanta,
        Georgia", "Crawford County in Pennsylvania"): the container of that place is meant."""
        if n == 0 or len(resolved) < n:
            return None
        prev = kept[n - 1][0]
        if kept[n][0][0] - prev[1] > _QUAL_GAP_MAX or not _QUAL_GAP.fullmatch(
                text, prev[1], kept[n][0][0]):
            return None
        pid = resolved[n - 1]
        ix = self.index
        if ix.feature[pid] in (_COUNTRY, _ADMIN1) or not ix.cc[pid]:
            return None
        return ix.cc[pid], ix.admin1[pid]

    def _qualifier(self, text: str, kept: list, n: int) -> set[tuple[str, str]] | None:
        """(country, admin1) pairs of the place written right after "X, " ("Paris, Texas"),
        "X in " or "X (" ("Crawford County located in Pennsylvania")."""
        sp = kept[n][0]
        if n + 1 >= len(kept):
            return None
        nxt, q = kept[n + 1][0], kept[n + 1][1]
        if nxt[0] - sp[1] > _QUAL_GAP_MAX or not _QUAL_GAP.fullmatch(text, sp[1], nxt[0]):
            return None
        ix = self.index
        if nxt[9] >= 0:
            pids: Sequence[int] = [nxt[9]]
        elif q < 0:
            pids = [ix.post_place[ix.post_start[nxt[2]]]]
        else:
            pids = ix.rk_place[ix.q_start[q] : ix.q_start[q + 1]]
        # Only a coarser place qualifies: "Paris, Texas", but "Iraq, Iran" and "Oklahoma,
        # Pennsylvania" are lists (the first name's likeliest place is as coarse).
        top = self._first_pid(sp, kept[n][1])
        if ix.feature[top] == _COUNTRY:
            return None
        out = set()
        for pid in pids:
            f = ix.feature[pid]
            if f == _COUNTRY and ix.cc[pid]:
                out.add((ix.cc[pid], ""))
            elif f == _ADMIN1 and ix.feature[top] != _ADMIN1:
                out.add((ix.cc[pid], ix.names[pid]))
        return out or None

    def _first_pid(self, sp: RawSpan, q: int) -> int:
        """The place of a span by its own facts alone (the index's ranked record)."""
        ix = self.index
        if sp[9] >= 0:
            return sp[9]
        if q < 0:
            return ix.post_place[ix.post_start[sp[2]]]
        return ix.rk_place[ix.q_start[q]]

    def _list_levels(self, text: str, kept: list, firsts: list[int]) -> dict[int, tuple[str, str]]:
        """(feature, country or "") of the list each listed mention belongs to: runs of three
        or more places joined by ", " / " and " / " et " whose places, resolved alone, are
        mostly of one level ("Georgia, Oklahoma, Pennsylvania and California": states)."""
        out: dict[int, tuple[str, str]] = {}
        n = len(kept)
        i = 0
        ix = self.index
        while i < n:
            j = i
            while j + 1 < n and _LIST_GAP.fullmatch(text, kept[j][0][1], kept[j + 1][0][0]):
                j += 1
            if j - i >= 2:
                members = range(i, j + 1)
                feats = Counter(ix.feature[firsts[k]] for k in members)
                f, c = feats.most_common(1)[0]
                if 2 * c > j - i + 1:
                    ccs = Counter(ix.cc[firsts[k]] for k in members if ix.feature[firsts[k]] == f)
                    cc, cn = ccs.most_common(1)[0]
                    lv = (_FEATURES[f], cc if f != _COUNTRY and 2 * cn > c else "")
                    for k in members:
                        out[k] = lv
            i = j + 1
        return out

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

    def _place(self, pid: int) -> Place:
        return self._place_cache[pid]

    def _fuzzy_hit(self, key: str) -> tuple[str, int, float] | None:
        if self._fuzzy is None:
            with self._lock:
                if self._fuzzy is None:
                    self._fuzzy = FuzzyNames(self.index.fuzzy_keys, self.index.fuzzy_pids)
        return self._fuzzy.best(key)

    def _fuzzy_spans(self, text: str, spans: list[RawSpan]) -> list[RawSpan]:
        """Misspelt names that look like places ("province d'al-Diwaniayah"): a capitalised
        word after an Arabic article or a place preposition that no span covers."""
        out: list[RawSpan] = []
        starts: list[int] | None = None
        for m in _FUZZY_RE.finditer(text):
            s, e = m.span()
            if starts is None:
                starts = [sp[0] for sp in spans]  # spans are sorted and do not overlap
            i = bisect.bisect_right(starts, e - 1) - 1  # last span starting before e
            if i >= 0 and spans[i][1] > s:
                continue
            word = fold_word(m.group())
            if context.zipf(word) >= 3.0:
                continue
            if m.group(1) is not None:  # keep the article in the mention: "al-Diwaniayah"
                s -= 4 if text[s - 2] == "h" else 3
            key = fold(text[s:e])
            if self.index.key_id(key) is not None:
                continue
            hit = self._fuzzy_hit(key)
            if hit is None:
                continue
            out.append((s, e, -1, 1, False, "", "", fold_word(text[s:e]), False, hit[1]))
        return out


@dataclass(slots=True)
class _Evidence:
    """The document as the second pass reads it, made once per text (``_first_pass``)."""

    ev: rank.DocEvidence
    solo: dict[str, set[str]]  # surface -> the countries only it names (``_solo_countries``)
    divisions: dict[str, list[tuple[str, str]]]  # ``rank.divisions_by_country``
    points: list[tuple[float, float, float, str]]  # the anchors as unit vectors, and surface
    hinted: dict[tuple[int, str], tuple[list[float], list[int]]]  # ``_hinted_order``'s memo
    firsts: list[int]  # per kept span: its place by its own facts


class _PlaceCache(dict[int, Place]):
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


def _says_capital(text: str) -> bool:
    """``_CAPITAL_WORD.search(text)``, 3x faster on the texts without it (most): "capital" in
    the lower-cased text is a match of the case-blind regex, and the other matches need a
    Turkish i, which ``str.lower`` does not make an ASCII "i" of."""
    if "capital" in text.lower():
        return True
    return any(c in text for c in _CAPITAL_ODD_I) and _CAPITAL_WORD.search(text) is not None


def _solo_countries(doc: rank.DocEvidence) -> dict[str, set[str]]:
    """Surface -> the countries only that surface names (no evidence for that surface)."""
    out: dict[str, set[str]] = {}
    for cc, told in doc.country_surfaces.items():
        if len(told) == 1:
            out.setdefault(next(iter(told)), set()).add(cc)
    return out


def _country_set(codes: Sequence[str] | str) -> frozenset[str]:
    """Upper-case ISO alpha-2 codes of ``codes`` ("bf" or ["BF", "ml"])."""
    if isinstance(codes, str):
        codes = [codes]
    return frozenset(c.strip().upper() for c in codes if c and c.strip())


def one_sense(mentions: list[Mention], decisive: set[int]) -> list[Mention]:
    """The other mentions of a name that the text once ties to a place ("Blakely, Georgia"
    then "the Georgia plant") read as that place, when it is among their candidates.
    ``decisive``: the mentions (indices) a qualifier decided. Names tied to several places
    ("Paris, Texas" and "Paris, France") are left as they are."""
    if not decisive:
        return mentions
    sense: dict[str, str] = {}  # the name as written -> its place's key ("": several)
    for i in sorted(decisive):
        key, k = mentions[i].place.key, mentions[i].text
        sense[k] = key if sense.get(k, key) == key else ""
    if not any(sense.values()):
        return mentions
    out: list[Mention] = []
    for i, m in enumerate(mentions):
        key = "" if i in decisive else sense.get(m.text, "")
        alt = next((a for a in m.alternatives if a.key == key), None) if key else None
        if alt is not None and m.place.key != key:
            rest = [m.place] + [a for a in m.alternatives if a is not alt]
            m = Mention(m.text, m.start, m.end, alt, m.confidence, rest, m.via)
        out.append(m)
    return out


def _said_a_place(ctx: context.SpanContext, listed_or_qualified: bool) -> bool:
    """Whether the words around a mention say it is a place ("in X", "the village of X",
    "X province", a list of places, "X, Y")."""
    return ctx.cue_before or ctx.type_hint is not None or listed_or_qualified


def _listed(text: str, kept: list, n: int) -> bool:
    """Whether mention ``n`` is joined to the one before or after it as in a list ("Nakuru
    and Bunyala", "Kisii, Wajir")."""
    here = kept[n][0]
    return (n > 0 and _LIST_GAP.fullmatch(text, kept[n - 1][0][1], here[0]) is not None) or (
        n + 1 < len(kept) and _LIST_GAP.fullmatch(text, here[1], kept[n + 1][0][0]) is not None)


ALIAS_CONFIDENCE = 0.3  # at most, for a town named otherwise that nothing in the text supports
SMALL_TOWN_POP = 20_000  # under this, a town's unlike other names are far-fetched
SPELLING_RATIO = 75.0  # from this rapidfuzz ratio, an alternate name is a spelling of the name


def far_aliases(
    mentions: list[Mention], facts: list[tuple[str, bool]], aliases: dict[int, bool],
    focus: frozenset[str] = frozenset(),
) -> tuple[list[Mention], list[tuple[str, bool]]]:
    """Mentions (and their ``facts``) without the far-fetched readings of a town's other names.

    GeoNames lists, without their language, names of small towns in other scripts and
    languages: "Poni" (Пони) for Pawnee, "Sono" for Saulnot, "Chambers" for Manila,
    Arkansas. A town (< ``SMALL_TOWN_POP`` people) matched only by such a name,
    not a spelling of its own ("Inata" for Inada is one), is left out unless the words around
    it say it is a place ("in X", a list); bigger towns' other names are more often exonyms
    in use ("Kobane" for 'Ayn al 'Arab).
    a town (< 1 M) matched by any other name than its own keeps at most ``ALIAS_CONFIDENCE``
    unless another mention (or ``focus``) is in its country. ``aliases``: the mentions
    (indices) matched by an alternate name -> whether the context says it is a place.
    """
    doubtful = {i: said for i, said in aliases.items()
                if mentions[i].place.feature in ("city", "admin2")
                and mentions[i].place.population < LONE_ALIAS_POP}
    if not doubtful:
        return mentions, facts
    told: dict[str, set[str]] = {}  # country -> its mentions' names, as written
    for m in mentions:
        told.setdefault(m.place.country_code, set()).add(m.text)
    out: list[Mention] = []
    kept: list[tuple[str, bool]] = []
    for i, (m, fact) in enumerate(zip(mentions, facts)):
        if i in doubtful:
            p = m.place
            far = 0 < p.population < SMALL_TOWN_POP and not _spelling_of(fold(m.text),
                                                                          fold(p.name))
            if far and not doubtful[i]:
                continue
            if p.country_code not in focus and not told.get(p.country_code, set()) - {m.text}:
                m = Mention(m.text, m.start, m.end, p, min(m.confidence, ALIAS_CONFIDENCE),
                            m.alternatives, m.via)
        out.append(m)
        kept.append(fact)
    return out, kept


def _spelling_of(name: str, own: str) -> bool:
    """Whether ``name`` is a spelling of ``own`` ("inata" of "inada"), its first words
    ("cabanatuan" of "cabanatuan city") or it with more words ("chah ab district" of "chah
    ab"), not another name ("poni" of "pawnee")."""
    return (own.startswith(name + " ") or name.startswith(own + " ")
            or fuzz.ratio(name, own) >= SPELLING_RATIO)


LONE_ABROAD_POP = 100_000  # a place abroad smaller than this needs another mention's support
LONE_ALIAS_POP = 1_000_000  # ... and one matched by another name than its own, than this
_STRONG = frozenset({"country", "admin1", "admin2"})


def lone_abroad(
    mentions: list[Mention], facts: list[tuple[str, bool]], focus: frozenset[str] = frozenset()
) -> list[Mention]:
    """Mentions of a text that points at one country, without the lone small places abroad.

    A name that is a village here and a town abroad ("Konna" of Burkina Faso, Conna in
    Ireland; "Pensa" read as Penza by misspelling) resolves abroad when the gazetteer does
    not know the local place. When the other mentions (and ``focus``) point at one country
    and nothing else in the text is in the place's country, a small or misspelt place abroad
    (or a division after a compass point: "West Midlands" is not Zimbabwe's Midlands) is
    read as its namesake in that country when it has one, else left out. ``facts``: per
    mention, the capitalised word before it in its phrase and whether it matched fuzzily.
    """
    if len(mentions) < 2 and not focus:
        return mentions
    ccs = {m.place.country_code for m in mentions} - {""}
    if len(ccs) < 2 and not (focus and ccs - focus):
        return mentions  # one country (or none): nothing is abroad
    by_cc: dict[str, set[str]] = {}  # country -> the names of its mentions, as written
    for m in mentions:
        name = m.text
        cc = m.place.country_code
        if cc:
            got = by_cc.get(cc)
            if got is None:
                by_cc[cc] = {name}
            else:
                got.add(name)
    compass_words = context.COMPASS
    weak: list[bool] = []
    for m, (pcap, fz) in zip(mentions, facts):
        p = m.place
        cc = p.country_code
        if not cc or cc in focus or len(by_cc[cc]) > 1:
            weak.append(False)  # in the focus, or another name is in its country
            continue
        local = p.feature in ("city", "admin2")
        # small, matched by misspelling or by a name that is not the place's own ("Konna" for
        # Conna: doubtful unless big), or a division after a compass point
        weak.append(
            fz
            or (local and p.population < LONE_ABROAD_POP)
            or (pcap in compass_words and p.feature in ("admin1", "admin2"))
            or (local and p.population < LONE_ALIAS_POP and fold(m.text) != fold(p.name))
        )
    if not any(weak):
        return mentions
    support: list[tuple[str, str, float, set[str]]] = []  # country, name, weight, alt countries
    for m, (_, fz) in zip(mentions, facts):
        cc = m.place.country_code
        if cc:
            w = 0.5 if fz else (2.0 if m.place.feature in _STRONG and m.via != "demonym" else 1.0)
            support.append((cc, m.text, w, {a.country_code for a in m.alternatives}))
    out: list[Mention] = []
    for m, (pcap, fz), is_weak in zip(mentions, facts, weak):
        if not is_weak:
            out.append(m)
            continue
        p = m.place
        cc = p.country_code
        # the other countries, each (country, name) once; a mention that may itself be in
        # this one ("Comoe": Comoé of Côte d'Ivoire or of Burkina Faso) supports neither
        told: dict[tuple[str, str], float] = {}
        for c, other, w, alts in support:
            if c != cc and cc not in alts:
                told[(c, other)] = max(told.get((c, other), 0.0), w)
        others: dict[str, float] = {}
        names: dict[str, int] = {}
        for (c, _), w in told.items():
            others[c] = others.get(c, 0.0) + w
            names[c] = names.get(c, 0) + 1
        home: set[str] = set(focus)
        if not home and others:
            best = max(others, key=others.__getitem__)
            total = sum(others.values())
            # a place under another name than its own, or misspelt, gives way to a division
            # or two places of one country; one under its own name to two names
            doubtful = fz or pcap in compass_words or fold(m.text) != fold(p.name)
            if 3 * others[best] >= 2 * total and others[best] >= 2.0 and (
                    doubtful or names[best] >= 2):
                home = {best}
        alt = next((a for a in m.alternatives if a.country_code in home), None) if home else None
        if alt is not None:
            rest = [p] + [a for a in m.alternatives if a is not alt]
            out.append(Mention(m.text, m.start, m.end, alt, round(min(m.confidence, 0.5), 4),
                               rest, m.via))
        elif not home:
            out.append(m)
    return out


def _nearest_km_haversine(lat: float, lon: float, points: list[Any]) -> float:
    """Distance to the nearest of ``points`` (``rank._point``s) as ``rank.score`` measures
    it: ``min(rank._haversine(here, p) for p in points)``, its arithmetic inline, operation
    for operation (``_nearest_km`` is the same distance, rounded otherwise)."""
    here = rank._point(lat, lon)
    lat_rad, cos_lat, lon = here.lat_rad, here.cos_lat, here.lon
    sin, radians, asin, sqrt = math.sin, math.radians, math.asin, math.sqrt
    # dp = b.lat_rad - here.lat_rad, dl = radians(b.lon - here.lon), as in rank._haversine
    return min([12742.0 * asin(min(1.0, sqrt(sin((b.lat_rad - lat_rad) / 2) ** 2 + cos_lat
                                             * b.cos_lat * sin(radians(b.lon - lon) / 2) ** 2)))
                for b in points])


def _unit(lat: float, lon: float) -> tuple[float, float, float]:
    """A point of the unit sphere."""
    la, lo = math.radians(lat), math.radians(lon)
    c = math.cos(la)
    return c * math.cos(lo), c * math.sin(lo), math.sin(la)


def _nearest_km(lat: float, lon: float, points: list[tuple[float, float, float, str]]) -> float:
    """Great-circle distance to the nearest of ``points`` (unit vectors): the largest dot
    product, then one asin (the haversine of rank.py, without a sine per pair)."""
    la, lo = math.radians(lat), math.radians(lon)  # _unit(lat, lon), inline
    c = math.cos(la)
    x, y, z = c * math.cos(lo), c * math.sin(lo), math.sin(la)
    dot = max([x * px + y * py + z * pz for px, py, pz, _ in points])
    return 12742.0 * math.asin(min(1.0, math.sqrt(max(0.0, (1.0 - dot) / 2.0))))


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
