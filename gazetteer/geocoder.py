"""The public object: ``Gazetteer``, a geopy geocoder that also parses texts into mentions.

It wires the parts together: the on-disk index (index.py), the span finder (matcher.py),
recognition (recognise.py, context.py), resolution (resolve.py, rank.py, neighbours.py,
distance.py), the text-level sense checks (sense.py), misspellings (fuzzy.py), geopy's
``Location`` (location.py) and the optional online fallback (online.py). Everything here is
orchestration; the decisions live in pure functions.
"""

from __future__ import annotations

import copy
import re
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from geopy.geocoders.base import Geocoder
from geopy.location import Location

from gazetteer import context, lexicons, rank
from gazetteer.capitals import capital_mentions
from gazetteer.errors import BadInput
from gazetteer.fuzzy import FuzzyNames
from gazetteer.index import MAX_RANKED as MAX_CANDIDATES  # ranked per mention
from gazetteer.index import Index, default_cache_dir, load_or_build
from gazetteer.lexicons import data_dir, read_csv
from gazetteer.location import as_location
from gazetteer.matcher import Matcher, lowercase_forms, person_words, phrase_forms
from gazetteer.normalize import fold
from gazetteer.online import OnlineFallback, cache_name, make_geocoder
from gazetteer.recognise import Kept, fuzzy_spans, recognise
from gazetteer.resolve import PlaceCache, index_cand, resolve, resolve_reference
from gazetteer.types import FEATURES as _FEATURES
from gazetteer.types import Mention, Place
from gazetteer.validate import MAX_QUERY_CHARS, MAX_TEXT_CHARS, as_text

QUALIFIER_KM = 150.0  # "Pama, Kompienga": Pama within this of a place named Kompienga
_CAPITAL_WORD = re.compile(r"capital", re.IGNORECASE)  # "capital", "capitale": a described capital?
# The letters other than ASCII that _CAPITAL_WORD matches (as "i"): Turkish dotted and dotless i
_CAPITAL_ODD_I = ("İ", "ı")


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
        self._place_cache = PlaceCache(self.index)
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
            cands = [index_cand(self.index, hit[1], rank.FUZZY)] if hit else []
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
            cands = [index_cand(self.index, hit[1], rank.FUZZY)] if hit else []
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
            locs.append(as_location(place, round(rank.confidence(scores, i), 3), self.country_name))
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
        fuzzy = fuzzy_spans(self.index, self._fuzzy_hit, text, spans)
        if fuzzy:
            spans.extend(fuzzy)
            spans.sort()
        # person-like runs matter only for the words that are spans of one word
        persons = person_words(phrases, {sp[7] for sp in spans if sp[3] == 1}) if phrases else set()
        lang = context.language_code(language) or context.guess_language(text)
        kept = recognise(self.index, text, spans, persons, lexicons.common_words(lang), demonyms)
        focus = self.focus_countries if focus_countries is None else _country_set(focus_countries)
        return self._resolve(text, kept, demonyms, focus)

    def _resolve(
        self, text: str, kept: list[Kept], demonyms: bool, focus: frozenset[str] = frozenset()
    ) -> list[Mention]:
        """The places of the recognised spans (``resolve.resolve``), described capitals read
        as cities. A method so that tests can watch what ``parse`` resolves."""
        return self._described_capitals(
            text, resolve(self.index, self._place_cache, text, kept, demonyms, focus,
                          self._respell))

    def _resolve_reference(
        self, text: str, kept: list[Kept], demonyms: bool, focus: frozenset[str] = frozenset()
    ) -> list[Mention]:
        """``_resolve`` through ``rank.score`` on candidate lists: slow, for the tests."""
        return self._described_capitals(
            text, resolve_reference(self.index, text, kept, demonyms, focus, self._respell))

    def _described_capitals(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """"la capitale libanaise", "the Iraqi capital": the city, not the country."""
        if not mentions or not _says_capital(text):
            return mentions
        return capital_mentions(text, mentions, self.capital, lexicons.capital_money_words())

    # ---------------------------------------------------------------- helpers
    def _cands_for_key(self, key: str) -> list[rank.Cand]:
        ix = self.index
        return [index_cand(ix, pid, kd) for pid, kd in ix.lookup(key)[:MAX_CANDIDATES]]

    def _place(self, pid: int) -> Place:
        return self._place_cache[pid]

    def _respell(self, name: str) -> list[Place]:
        """The places a one-word name may be another spelling of (``SpellingVariants``)."""
        return list(map(self._place_cache.__getitem__,
                        self._matcher.spellings.places(fold(name))))

    def _fuzzy_hit(self, key: str) -> tuple[str, int, float] | None:
        if self._fuzzy is None:
            with self._lock:
                if self._fuzzy is None:
                    self._fuzzy = FuzzyNames(self.index.fuzzy_keys, self.index.fuzzy_pids)
        return self._fuzzy.best(key)


def _says_capital(text: str) -> bool:
    """``_CAPITAL_WORD.search(text)``, 3x faster on the texts without it (most): "capital" in
    the lower-cased text is a match of the case-blind regex, and the other matches need a
    Turkish i, which ``str.lower`` does not make an ASCII "i" of."""
    if "capital" in text.lower():
        return True
    return any(c in text for c in _CAPITAL_ODD_I) and _CAPITAL_WORD.search(text) is not None


def _country_set(codes: Sequence[str] | str) -> frozenset[str]:
    """Upper-case ISO alpha-2 codes of ``codes`` ("bf" or ["BF", "ml"])."""
    if isinstance(codes, str):
        codes = [codes]
    return frozenset(c.strip().upper() for c in codes if c and c.strip())
