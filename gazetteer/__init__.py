"""Offline multilingual gazetteer and geoparser (GeoNames + curated supplement).

``Gazetteer().geocode("Bagdad")`` returns a geopy ``Location``; ``Gazetteer().parse(text)``
returns the place ``Mention``s of a text. ``default_gazetteer()`` is a process-wide instance.
"""

from __future__ import annotations

import threading

from gazetteer.errors import BadInput, GazetteerError, IndexNotBuilt
from gazetteer.geocoder import Gazetteer
from gazetteer.types import Mention, Place

__all__ = [
    "BadInput", "Gazetteer", "GazetteerError", "IndexNotBuilt", "Mention", "Place",
    "default_gazetteer",
]

_default: Gazetteer | None = None
_default_lock = threading.Lock()


def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (default cache dir, offline), created on first call."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Gazetteer()
    return _default
