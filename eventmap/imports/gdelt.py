"""GDELT 2.0 event exports (``*.export.CSV``) as events.

The file is tab-separated, without a header, 61 columns (names below, from GDELT's
"Events Column Labels" file, Sep 2016). Rows are machine-coded from news, so:

- types: CAMEO's ``EventCode`` is mapped to ACLED's types by
  ``data/formats/cameo_to_acled.csv`` (longest matching prefix). Verbal and cooperative
  events (roots 01–13) and reduced relations (16) have no ACLED counterpart and are
  rejected with that reason; protests (14) → Protests/Riots, force posture and coercion
  (15, 17) → Strategic developments (arrests, property destruction and violent
  repression told apart), assault (18) → Violence against civilians or Explosions
  (bombings), fight (19) → Battles or Explosions (artillery, air strikes), mass violence
  (20) → Violence against civilians.
- place: ``ActionGeo_*``; a row without ActionGeo coordinates is rejected. FIPS country
  codes become ISO alpha-2 through ``data/formats/fips_to_iso2.csv``. geo_precision:
  ActionGeo_Type 1 (country) → 3, 2/5 (US state / other first-level division) → 3,
  3/4 (US / world city) → 1.
- date: ``SQLDATE``. GDELT falls back on the article's day when the text gives no date,
  so an event dated the day it was added gets time_precision 2 (about a week), one GDELT
  dated otherwise gets 1.
- confidence: 0.5 (city), 0.4 (division), 0.3 (country), below ACLED's 1.0: GDELT is noisy.
- id ``gdelt-<GLOBALEVENTID>``, ``doc_id``/``origin`` ``"gdelt"``, ``source_url`` =
  ``SOURCEURL``, ``published`` = the day of ``DATEADDED``, actors = Actor1Name, Actor2Name,
  quote empty (GDELT ships no text).

Policy: row-level rejection (see ``eventmap.imports.result``); line numbers are the
file's physical lines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import IO

from eventmap.imports._input import Source, has_bad_bytes, open_source, parse_coordinates
from eventmap.imports.result import ImportResult, Outcome, Rejected, RowError
from eventmap.imports.tables import TypeMapping, cameo_types, fips_to_iso2
from eventmap.model import Event

COLUMNS: tuple[str, ...] = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
)
assert len(COLUMNS) == 61
_INDEX = {name: i for i, name in enumerate(COLUMNS)}

# ActionGeo_Type → (ACLED geo_precision, confidence)
GEO_TYPES: dict[str, tuple[int, float]] = {
    "1": (3, 0.3),  # country
    "2": (3, 0.4),  # US state
    "5": (3, 0.4),  # first-level division elsewhere
    "3": (1, 0.5),  # US city
    "4": (1, 0.5),  # world city
}


def read_gdelt(source: Source, *, name: str | None = None, language: str = "en") -> ImportResult:
    """Read a GDELT 2.0 event export (path or text stream). ``language``: the stream's
    (``en`` for the English export, ``und`` for the translated one)."""
    stream, close, label = open_source(source, name)
    return ImportResult(label, "gdelt", _rows(stream, language), close)


def _rows(stream: IO[str], language: str) -> Iterator[Outcome]:
    for number, line in enumerate(stream, start=1):
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        if has_bad_bytes(line):
            yield Rejected(number, "not UTF-8 text: the row holds bytes of another encoding")
            continue
        fields = line.split("\t")
        if number == 1 and fields[0] == "GLOBALEVENTID":
            continue  # a header someone added: not a row
        if len(fields) != len(COLUMNS):
            yield Rejected(
                number,
                f"wrong column count: {len(fields)} tab-separated columns, "
                f"GDELT 2.0 has {len(COLUMNS)}",
            )
            continue
        try:
            yield gdelt_event(fields, language)
        except RowError as exc:
            yield Rejected(number, str(exc))


def cameo_mapping(code: str) -> TypeMapping | None:
    """The table row for a CAMEO code: the longest prefix listed."""
    table = cameo_types()
    for end in range(len(code), 1, -1):
        if code[:end] in table:
            return table[code[:end]]
    return None


def _date(text: str, what: str) -> dt.date:
    try:
        return dt.date(int(text[0:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        raise RowError(f"bad date: {what} {text[:20]!r}") from None


def _place(full_name: str, geo_type: str) -> tuple[str, str | None]:
    """(place, admin1) from ActionGeo_FullName: "Vancouver, British Columbia, Canada",
    "Kogi State, Kogi, Nigeria", "Tennessee, United States", "Gaza, Gaza Strip (general), …"."""
    parts = [p.strip() for p in full_name.split(",") if p.strip()]
    parts = [p[: -len("(general)")].strip() if p.endswith("(general)") else p for p in parts]
    if not parts:
        return "", None
    if geo_type == "1":
        return parts[0], None
    admin1 = parts[1] if len(parts) >= 3 else (parts[0] if geo_type in ("2", "5") else None)
    return parts[0], admin1


def gdelt_event(fields: list[str], language: str = "en") -> Event:
    """One GDELT row (61 fields) as an Event, or RowError saying why not."""

    def f(name: str) -> str:
        return fields[_INDEX[name]].strip()

    ident = f("GLOBALEVENTID")
    if not ident.isdigit():
        raise RowError(f"bad GLOBALEVENTID: {ident[:20]!r}")
    code = f("EventCode") or f("EventRootCode")
    mapping = cameo_mapping(code)
    if mapping is None:
        raise RowError(f"unknown CAMEO code: {code[:10]!r}")
    if mapping.event_type is None:
        raise RowError(f"no ACLED counterpart: {mapping.note}")
    geo_type = f("ActionGeo_Type")
    if not f("ActionGeo_Lat") and not f("ActionGeo_Long"):
        raise RowError("no ActionGeo coordinates")
    lat, lon = parse_coordinates(f("ActionGeo_Lat"), f("ActionGeo_Long"))
    if geo_type not in GEO_TYPES:
        raise RowError(f"unknown ActionGeo_Type: {geo_type[:5]!r}")
    geo_precision, confidence = GEO_TYPES[geo_type]
    fips = f("ActionGeo_CountryCode")
    iso2 = fips_to_iso2().get(fips)
    if not iso2:
        why = "has no ISO 3166-1 code" if iso2 == "" else "is unknown"
        raise RowError(f"unknown country: FIPS code {fips[:5]!r} {why}")
    date = _date(f("SQLDATE"), "SQLDATE")
    added = f("DATEADDED")
    published = _date(added, "DATEADDED") if added else None
    full_name = " ".join(f("ActionGeo_FullName").split())
    place, admin1 = _place(full_name, geo_type)
    actors = [a for a in (f("Actor1Name"), f("Actor2Name")) if a]
    return Event(
        id=f"gdelt-{ident}",
        date=date,
        event_type=mapping.event_type,
        latitude=lat,
        longitude=lon,
        place=place or fips,
        country_code=iso2,
        time_precision=2 if published == date else 1,
        sub_event_type=mapping.sub_event_type,
        actors=list(dict.fromkeys(actors)),
        fatalities=None,
        mention=full_name,
        admin1=admin1,
        geo_precision=geo_precision,
        confidence=confidence,
        quote="",
        doc_id="gdelt",
        source_title=None,
        source_url=f("SOURCEURL") or None,
        published=published,
        language=language,
        origin="gdelt",
    )
