"""Places learnt from ACLED's coded rows: the villages our gazetteer (GeoNames cities of
500 people or more) lacks, with the coordinates ACLED's coders gave them.

Why: an analyst who works on a country usually holds ACLED's export for it, and a third
of its notes name only villages. ``learn_places`` turns those rows into one place per
(location name, country) — only rows coded at ``geo_precision`` 1 (the site itself, not
"near" nor the district), at the median of their coordinates (robust to a mistyped row)
— and ``write_places_csv`` writes them in ``data/gazetteer/supplement.csv``'s columns,
which ``Gazetteer(extra_places=[path])`` reads (``eventmap ingest --places``).
"""

from __future__ import annotations

import csv
import datetime as dt
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from eventmap.errors import BadInput
from eventmap.model import Event

COLUMNS = ("key", "name", "alt_names", "lat", "lon", "country_code", "feature", "kind",
           "admin1", "population", "source")


def name_key(name: str) -> str:
    """How two spellings of a location count as one: spacing and case ignored."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True, slots=True)
class LearntPlace:
    """One place learnt from the rows that name it."""

    name: str
    country_code: str
    lat: float
    lon: float
    admin1: str | None
    first: dt.date
    last: dt.date
    events: int

    @property
    def key(self) -> str:
        return f"acled:{self.country_code.lower()}:{name_key(self.name).replace(' ', '-')}"

    @property
    def source(self) -> str:
        return f"ACLED rows {self.first.isoformat()}..{self.last.isoformat()} ({self.events} events)"


def learn_places(events: Iterable[Event], *, until: dt.date | None = None) -> list[LearntPlace]:
    """One place per (location name, country) from events coded at geo_precision 1.

    ``until``: only events dated before it (learn from the past, evaluate on the rest).
    Names are grouped across case and spacing; the most frequent spelling is kept, and so is
    the most frequent admin1. Sorted by country, then name.
    """
    groups: dict[tuple[str, str], list[Event]] = {}
    for e in events:
        if e.geo_precision != 1 or (until is not None and e.date >= until):
            continue
        name = " ".join((e.mention or "").split())
        if not name:
            continue
        groups.setdefault((name_key(name), e.country_code), []).append(e)
    out = []
    for (_, cc), group in groups.items():
        spellings = Counter(" ".join((e.mention or "").split()) for e in group)
        admin1s = Counter(e.admin1 for e in group if e.admin1)
        dates = [e.date for e in group]
        out.append(LearntPlace(
            name=spellings.most_common(1)[0][0],
            country_code=cc,
            lat=round(statistics.median(e.latitude for e in group), 5),
            lon=round(statistics.median(e.longitude for e in group), 5),
            admin1=admin1s.most_common(1)[0][0] if admin1s else None,
            first=min(dates),
            last=max(dates),
            events=len(group),
        ))
    return sorted(out, key=lambda p: (p.country_code, p.name.casefold()))


def write_places_csv(places: Iterable[LearntPlace], out: IO[str]) -> int:
    """Write places in the gazetteer supplement's CSV columns; returns how many."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    n = 0
    for p in places:
        writer.writerow([p.key, p.name, "", f"{p.lat:.5f}", f"{p.lon:.5f}", p.country_code,
                         "city", "village", p.admin1 or "", 0, p.source])
        n += 1
    return n


@dataclass(frozen=True, slots=True)
class PlacesFromAcled:
    places: list[LearntPlace]
    rows: int  # rows read as events (rejected rows not counted)
    rejected: int

    def summary(self, label: str) -> str:
        used = sum(p.events for p in self.places)
        return (f"{label}: {len(self.places)} places from {used} rows at geo_precision 1"
                f" (of {self.rows} read, {self.rejected} rejected)")


def places_from_acled(path: str | Path, *, until: dt.date | None = None) -> PlacesFromAcled:
    """Read an ACLED CSV and learn its places; ``BadInput`` naming the file when it is
    missing, not an ACLED CSV, or has no row coded at geo_precision 1 (before ``until``)."""
    from eventmap.imports.acled import read_acled

    result = read_acled(path)
    try:
        events = list(result.events)
    finally:
        result.close()
    places = learn_places(events, until=until)
    if not places:
        before = f" dated before {until.isoformat()}" if until else ""
        raise BadInput(str(path), f"no usable ACLED row: none of its {len(events)} rows{before} "
                       "names a location coded at geo_precision 1")
    return PlacesFromAcled(places, len(events), len(result.rejected))


def write_places_file(places: Iterable[LearntPlace], path: str | Path) -> int:
    """Write the places CSV to ``path`` (whole or not at all)."""
    target = Path(path)
    tmp = target.with_name(target.name + ".part")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as out:
            n = write_places_csv(places, out)
        tmp.replace(target)
    finally:
        tmp.unlink(missing_ok=True)
    return n


def check_places_file(path: str | Path) -> int:
    """Read a places file (CSV, GeoJSON or a GeoNames country file) as the gazetteer will;
    ``BadInput`` naming it when it is missing, not a places CSV (no ``name``, ``lat``,
    ``lon`` columns), a damaged GeoNames file, or holds no place.

    Why here: the gazetteer reads extra places only while building its index (tens of
    seconds); a wrong file should fail at once, with a message about that file."""
    from gazetteer.errors import GazetteerError
    from gazetteer.geonames_dump import is_geonames_dump, read_geonames_dump
    from gazetteer.sources import read_places_file

    p = Path(path)
    if not p.is_file():
        raise BadInput(str(path), "no such places file")
    if is_geonames_dump(p):
        try:
            places = read_geonames_dump(p, {})
        except GazetteerError as exc:
            raise BadInput(str(path), str(exc).removeprefix(f"{p}: ")) from None
        if not places:
            raise BadInput(str(path), "no populated place or site in this GeoNames file")
        return len(places)
    if p.suffix.lower() not in (".geojson", ".json"):
        try:
            with p.open(encoding="utf-8", newline="") as fh:
                header = next(csv.reader(ln for ln in fh if not ln.startswith("#")), [])
        except (UnicodeDecodeError, csv.Error) as exc:
            raise BadInput(str(path), f"not a places CSV file ({exc})") from None
        missing = [c for c in ("name", "lat", "lon") if c not in header]
        if missing:
            raise BadInput(str(path), "not a places CSV file: no column " + ", ".join(missing)
                           + " (write one with `eventmap places`)")
    try:
        places = read_places_file(p)
    except GazetteerError as exc:
        raise BadInput(str(path), str(exc).removeprefix(f"{p}: ")) from None
    if not places:
        raise BadInput(str(path), "no place in this places file (a header and no rows)")
    return len(places)
