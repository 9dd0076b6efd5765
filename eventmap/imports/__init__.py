"""Reading events others coded: ACLED CSV exports (current and 2016 layouts), GDELT 2.0
event exports and GeoJSON FeatureCollections of eventmap events.

Every reader returns an ``ImportResult``: ``events`` (an iterator of ``Event``, read
lazily), ``rejected`` (``Rejected(line, reason)`` for each row that could not be read,
complete once ``events`` is exhausted) and ``summary()``. Rejection is per row, never
all-or-nothing: see ``eventmap.imports.result`` for the policy.
"""

from __future__ import annotations

from collections.abc import Callable

from eventmap.imports.acled import read_acled
from eventmap.imports.gdelt import read_gdelt
from eventmap.imports.geojson import read_geojson
from eventmap.imports.result import ImportResult, Rejected

READERS: dict[str, Callable[..., ImportResult]] = {
    "acled": read_acled,
    "gdelt": read_gdelt,
    "geojson": read_geojson,
}

__all__ = ["READERS", "ImportResult", "Rejected", "read_acled", "read_gdelt", "read_geojson"]
