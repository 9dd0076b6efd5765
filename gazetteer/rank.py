"""Pure ranking: score the candidate places of one mention from their own facts and the
document's evidence. No I/O, no index: plain records in, numbers out, so every rule can be
tested on hand-made candidate lists.

Evidence used, in order of weight: the kind of place (countries and first-level divisions
are named far more often than hamlets), population, national capitals, how the name matched
(official name > alternate > article-stripped > fuzzy), the countries and divisions the
document names, an "X, Y" qualifier ("Paris, Texas"), and distance to the other places of the
document.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from gazetteer.sources import ABBREV, ALTERNATE, DEMONYM, PRIMARY

STRIPPED = 4
FUZZY = 5
# Weights of the document's evidence (the parser's second pass adds the same ones to the
# candidates the index ranked without a document: keep both in step through these names).
COUNTRY_NAMED = 3.5  # the candidate's country is named in the document
ADMIN1_NAMED = 1.5  # its first-level division is
NEAR_ANCHOR = 2.0  # at most, for being close to a place of the document...
NEAR_KM = 250.0  # ... decaying over this distance
# The parser measures distances only for names whose two best candidates (by their own
# facts) are closer than this: a clear favourite is not worth the trigonometry.
PROXIMITY_GAP = 5.0
QUALIFIED = 6.0  # "Paris, Texas"; and "Texas" there, for the state that holds that Paris
# A division whose country has other divisions named in the document is a sibling of theirs
# ("Georgia" next to "Texas" and "Iowa" is the state, not the country).
SIBLING_NAMED = 1.5
TYPE_HINTED = 2.0  # "province of X" and X is a province
# A word of a place's kind next to a name shared by places of one country ("Baghdad province",
# "la ville de Panama", "the state of Mexico"): when a candidate is of that very kind (a
# division of a kind the word names, or a town), the candidates of another kind in its country
# lose this. Places abroad are left to the other evidence ("the state of Georgia" may be the
# country or the US state); a division of another kind than the word says is no evidence
# ("the Washash district of Baghdad" is no district named Baghdad).
OTHER_KIND = 4.0
# A city of millions is known by its name wherever the document is: the countries a document
# names favour their own candidates, but should not flip "Bagdad" (Baghdad, 7 M) to a hamlet
# of the same name in a country named nearby ("un drone américain ... Bagdad").
FAMOUS_POPULATION = 2_000_000  # from here (log10 6.3) a city's fame grows...
FAMOUS = 3.0  # ... to this at 20 M (added when the document names other countries only)
# Places listed together ("Armenia, Azerbaijan, Georgia, Iraq"; "Georgia, Oklahoma,
# Pennsylvania and California") are of one level, and mostly of one country.
LIST_LEVEL = 3.0
LIST_COUNTRY = 1.5
# A name that is some candidates' official name is rarely meant for one that has it only as
# an alternate name (GeoNames lists "Pama" for Parma, Ohio), and a country's name never for
# a foreign town that also goes by it ("Iraq" for Arāk, Iran).
OFFICIAL_EXISTS = 1.0
OFFICIAL_RATIO = 100  # ... unless the alternate's place is this many times bigger
COUNTRY_EXISTS = 4.0
_NAME_KIND = {PRIMARY: 0.0, ALTERNATE: -0.7, STRIPPED: -0.5, ABBREV: 0.0, DEMONYM: 0.0, FUZZY: -1.0}


@dataclass(slots=True)
class Cand:
    """One candidate place of a mention, with the facts ranking needs."""

    pid: int
    name_kind: int
    lat: float
    lon: float
    country_code: str
    feature: str
    kind: str
    population: int
    admin1: str | None
    name: str


@dataclass(slots=True)
class DocEvidence:
    """What the whole document says: countries, divisions and points already resolved."""

    countries: set[str] = field(default_factory=set)
    admin1: set[tuple[str, str]] = field(default_factory=set)  # (country, admin1 name)
    # the surface that named each division: it is no evidence for a namesake of that mention
    admin1_surface: dict[tuple[str, str], str] = field(default_factory=dict)
    anchors: dict[tuple[float, float], str] = field(default_factory=dict)  # point -> surface
    # the surfaces that named each country ("" for a focus country): a name is no evidence
    # for itself ("Georgia" resolved as the country does not make Georgia's candidates
    # likelier); a country without an entry counts for every mention
    country_surfaces: dict[str, set[str]] = field(default_factory=dict)
    # country -> the surfaces of the sure places of the document inside it: they support
    # that country as an anchor nearby supports a town ("Mexico" next to "Mexico City")
    anchor_countries: dict[str, set[str]] = field(default_factory=dict)


def holds_anchor(doc: DocEvidence, cc: str, surface: str) -> bool:
    """Whether a sure place of the document, named otherwise than ``surface``, is in ``cc``."""
    told = doc.anchor_countries.get(cc)
    return told is not None and (len(told) > 1 or surface not in told)


def country_named(doc: DocEvidence, cc: str, surface: str) -> bool:
    """Whether the document names country ``cc`` by another mention than ``surface``."""
    if cc not in doc.countries:
        return False
    told = doc.country_surfaces.get(cc)
    return told is None or len(told) > 1 or surface not in told


def siblings_named(admin1: dict[str, list[tuple[str, str]]], c: Cand, surface: str) -> bool:
    """Whether another division of ``c``'s country than ``c`` is named by another mention
    (``admin1``: country -> (division name, the surface that named it))."""
    return any(name != c.name and surf != surface for name, surf in admin1.get(c.country_code, ()))


def divisions_by_country(doc: DocEvidence) -> dict[str, list[tuple[str, str]]]:
    """The document's divisions grouped by country, each with the surface that named it."""
    out: dict[str, list[tuple[str, str]]] = {}
    for cc, name in doc.admin1:
        out.setdefault(cc, []).append((name, doc.admin1_surface.get((cc, name), "")))
    return out


def holds(c: Cand, within: tuple[str, str | None]) -> bool:
    """Whether ``c`` is the country or the division of the place ``within`` = (its country,
    its division): "Georgia" in "Atlanta, Georgia" is the state Atlanta is in."""
    cc, adm = within
    if c.country_code != cc or not cc:
        return False
    return c.feature == "country" or (c.feature == "admin1" and adm is not None and c.name == adm)


def prior(c: Cand) -> float:
    """Score of a candidate from its own facts alone."""
    lp = math.log10(c.population + 10)
    if c.feature == "country":
        # a country's name means the country far more often than a namesake town
        base = 11.0 if c.kind == "country" else 8.5
    elif c.feature == "admin1":
        base = 4.5 + 0.4 * lp if c.population else 7.0
    elif c.feature == "admin2":
        base = 3.0 + 0.3 * lp
    elif c.feature == "site":
        base = 8.0 if c.kind in ("sea", "ocean", "lake", "mountains", "island") else 6.5
    else:
        # A national capital is named far more than its namesakes, under its own name
        # ("Washington"), not under an alias ("Mexico" for Mexico City).
        base = lp + (2.5 if c.kind == "capital" and c.name_kind == PRIMARY else 0.0)
    return base + _NAME_KIND.get(c.name_kind, -1.0)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    return _haversine(_point(lat1, lon1), _point(lat2, lon2))


@dataclass(frozen=True, slots=True)
class _Point:
    """A point with its latitude's radians and cosine worked out once: ``score`` measures
    every candidate against the same few anchors of the document."""

    lat_rad: float
    cos_lat: float
    lon: float


@lru_cache(maxsize=8192)
def _point(lat: float, lon: float) -> _Point:
    """The prepared point of a coordinate pair: the same anchors and candidates come back for
    every mention of a document, and the same places across documents (bounded cache)."""
    lat_rad = math.radians(lat)
    return _Point(lat_rad, math.cos(lat_rad), lon)


def _haversine(a: _Point, b: _Point) -> float:
    """Great-circle distance in km between two prepared points (the haversine formula)."""
    dp, dl = b.lat_rad - a.lat_rad, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + a.cos_lat * b.cos_lat * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(h)))


def dominant_city_bonus(cands: list[Cand]) -> dict[int, float]:
    """A city named like the division it dominates ("Baghdad") is meant more than the division."""
    out: dict[int, float] = {}
    divisions = [c for c in cands if c.feature in ("admin1", "admin2")]
    for c in cands:
        if c.feature != "city":
            continue
        for d in divisions:
            if d.country_code == c.country_code and c.population >= 0.2 * max(d.population, 1):
                out[c.pid] = 1.5
    return out


def kind_word(kind: str) -> str:
    """The word a text names a division's kind by: the last of its kind ("regional state")."""
    return kind.rsplit(" ", 1)[-1]


def kind_countries(
    type_hint: str | None, type_kinds: frozenset[str], facts: Iterable[tuple[str, str, str]]
) -> frozenset[str]:
    """The countries of the candidates of the very kind the words name (``facts``: feature,
    kind, country of each; ``type_kinds``: the kinds of division the word names, for a
    division; none when the word is no sure sign): there, the candidates of another kind
    lose ``OTHER_KIND``."""
    if type_hint is None or not type_kinds:
        return frozenset()
    return frozenset(cc for f, kind, cc in facts if f == type_hint and cc and (
        type_hint != "admin1" or kind_word(kind) in type_kinds))


def fame(population: int) -> float:
    """How much a city of ``population`` (> FAMOUS_POPULATION) is known by its name alone."""
    return FAMOUS * min(1.0, math.log10(population) - math.log10(FAMOUS_POPULATION))


def name_bonus(cands: list[Cand]) -> dict[int, float]:
    """Penalties of candidates that have the name only as an alternate one while others have
    it as their own (``OFFICIAL_EXISTS``), or while it is a country's (``COUNTRY_EXISTS``)."""
    out: dict[int, float] = {}
    official = max((c.population for c in cands if c.name_kind == PRIMARY), default=-1)
    countries = {c.country_code for c in cands
                 if c.feature == "country" and c.name_kind in (PRIMARY, ALTERNATE, ABBREV)}
    if official < 0 and not countries:
        return out
    for c in cands:
        if c.name_kind != ALTERNATE or c.feature == "country":
            continue
        # against an official namesake of comparable size: "Bagdad" is still Baghdad (7 M)
        # before a village of 3,000 that is officially so named
        # (a smaller one loses on its own: only a bigger one is held back)
        comparable = 0 <= official < c.population <= OFFICIAL_RATIO * max(official, 1000)
        pen = -OFFICIAL_EXISTS if comparable else 0.0
        if countries and c.country_code not in countries:
            pen -= COUNTRY_EXISTS
        if pen:
            out[c.pid] = pen
    return out


def score(
    cands: list[Cand],
    doc: DocEvidence | None = None,
    *,
    surface: str = "",
    qualifier: set[tuple[str, str]] | None = None,
    type_hint: str | None = None,
    type_kinds: frozenset[str] = frozenset(),
    proximity: bool = True,
    level: tuple[str, str] | None = None,
    within: tuple[str, str | None] | None = None,
) -> list[float]:
    """Scores of ``cands`` (same order).

    ``qualifier``: (country, admin1 or "") pairs named right after the mention ("Paris,
    Texas"); ``type_hint``: "admin1" or "city" when a word like "province" or "city" is next to
    the mention, ``type_kinds`` the kinds of division that word names; ``level``:
    (feature, country or "") of the list the mention is part of;
    ``within``: (country, admin1) of the place the mention qualifies ("Texas" of "Paris, Texas").
    """
    bonus = dominant_city_bonus(cands)
    for pid, b in name_bonus(cands).items():
        bonus[pid] = bonus.get(pid, 0.0) + b
    anchors = [_point(a_lat, a_lon) for (a_lat, a_lon), surf in doc.anchors.items()
               if surf != surface] if doc is not None and proximity else []
    divisions = divisions_by_country(doc) if doc is not None and doc.admin1 else {}
    kinds = kind_countries(type_hint, type_kinds,
                           ((c.feature, c.kind, c.country_code) for c in cands))
    # a country named by another mention: then a big city's fame outweighs it (not one that
    # only this name says: "la province de Kinshasa" names no country but its own)
    others = doc is not None and any(country_named(doc, cc, surface) for cc in doc.countries)
    out = []
    for c in cands:
        s = prior(c) + bonus.get(c.pid, 0.0)
        if doc is not None:
            if c.country_code and country_named(doc, c.country_code, surface):
                s += COUNTRY_NAMED
            elif not c.country_code and c.feature == "country" and doc.countries:
                s += COUNTRY_NAMED  # a sea or a region is in keeping with any country
            elif others and c.feature == "city" and c.population > FAMOUS_POPULATION:
                s += fame(c.population)
            if c.feature == "admin1" and divisions and siblings_named(divisions, c, surface):
                s += SIBLING_NAMED
            if c.admin1 and c.feature != "admin1":
                div = (c.country_code, c.admin1)
                if div in doc.admin1 and doc.admin1_surface.get(div) != surface:
                    s += ADMIN1_NAMED
            if anchors and c.feature != "country":
                here = _point(c.lat, c.lon)
                near = min(_haversine(here, a) for a in anchors)
                s += NEAR_ANCHOR * math.exp(-near / NEAR_KM)
            elif (proximity and c.feature == "country" and c.country_code
                  and holds_anchor(doc, c.country_code, surface)):
                s += NEAR_ANCHOR
        if qualifier:
            for cc, adm in qualifier:
                if c.country_code == cc and (not adm or adm == c.admin1) and c.feature != "country":
                    s += QUALIFIED
        if within is not None and holds(c, within):
            s += QUALIFIED
        if type_hint and c.feature == type_hint:
            s += TYPE_HINTED
        if c.feature != type_hint and c.country_code in kinds:
            s -= OTHER_KIND
        if level is not None and c.feature == level[0]:
            s += LIST_LEVEL
            if level[1] and c.country_code == level[1]:
                s += LIST_COUNTRY
        out.append(s)
    return out


def confidence(scores: list[float], best: int) -> float:
    """Probability of the best candidate under a softmax of the scores (0-1)."""
    m = max(scores)
    z = sum(math.exp(s - m) for s in scores)
    return math.exp(scores[best] - m) / z
