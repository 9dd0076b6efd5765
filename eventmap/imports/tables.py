"""The format tables in ``data/formats`` (mappings kept as data, not code), loaded once.

Also the country lookups the readers share: ISO alpha-3 / numeric / names (ACLED) and
FIPS 10-4 (GDELT) to ISO 3166-1 alpha-2, through localis and the tables.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass

from eventmap.model import EVENT_TYPES, SUB_EVENT_TYPES
from gazetteer.datafiles import data_path

DATA_DIR = data_path("formats")


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of ``data/formats/<name>`` as dicts."""
    with open(DATA_DIR / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@dataclass(frozen=True, slots=True)
class TypeMapping:
    """Where a foreign label lands in ACLED's current taxonomy (None: no counterpart)."""

    event_type: str | None
    sub_event_type: str | None
    note: str


def _mapping(row: dict[str, str], where: str) -> TypeMapping:
    event_type = row["event_type"] or None
    sub = row["sub_event_type"] or None
    if event_type is not None and event_type not in EVENT_TYPES:
        raise ValueError(f"{where}: {event_type!r} is not an ACLED event type")
    if sub is not None and (event_type is None or sub not in SUB_EVENT_TYPES[event_type]):
        raise ValueError(f"{where}: {sub!r} is not a sub-event type of {event_type!r}")
    return TypeMapping(event_type, sub, row.get("note", ""))


@functools.cache
def acled_old_types() -> dict[tuple[str, str], TypeMapping]:
    """(old label, interaction rule) → mapping, from ``acled_old_types.csv``."""
    table = {}
    for row in read_table("acled_old_types.csv"):
        key = (row["old_event_type"].strip().casefold(), row["interaction"].strip())
        table[key] = _mapping(row, f"acled_old_types.csv {key}")
    return table


@functools.cache
def cameo_types() -> dict[str, TypeMapping]:
    """CAMEO code prefix → mapping, from ``cameo_to_acled.csv``."""
    return {
        row["cameo"].strip(): _mapping(row, f"cameo_to_acled.csv {row['cameo']}")
        for row in read_table("cameo_to_acled.csv")
    }


@functools.cache
def fips_to_iso2() -> dict[str, str]:
    """FIPS 10-4 country code → ISO alpha-2 ('' where the area has none)."""
    return {row["fips"]: row["iso2"] for row in read_table("fips_to_iso2.csv")}


@functools.cache
def _country_names() -> dict[str, str]:
    return {row["name"].casefold(): row["iso2"] for row in read_table("country_names.csv")}


@functools.cache
def country_code(iso3: str = "", numeric: str = "", name: str = "") -> str | None:
    """ISO alpha-2 of a country given by alpha-3, ISO numeric code or name (first that works)."""
    import localis

    countries = localis.countries
    if iso3.strip():
        found = countries.lookup(iso3.strip().upper())
        if found is not None:
            return str(found.alpha2)
    if numeric.strip().isdigit():
        found = countries.lookup(int(numeric))
        if found is not None:
            return str(found.alpha2)
    key = " ".join(name.split())
    if key:
        if key.casefold() in _country_names():
            return _country_names()[key.casefold()]
        matches = countries.filter(name=key, limit=2)
        if len(matches) == 1:
            return str(matches[0].alpha2)
    return None
