"""Distance from a candidate to the nearest of a document's sure places, for the parser.

Why not ``rank.haversine_km``: the parser measures every close candidate against the same
few anchors, so these take the anchors prepared once and do the arithmetic inline, without
a call per pair. ``rank.score`` stays the reference; the tests hold these equal to it.
"""

from __future__ import annotations

import math
from typing import Any

from gazetteer import rank


def nearest_km_haversine(lat: float, lon: float, points: list[Any]) -> float:
    """Distance to the nearest of ``points`` (``rank._point``s) as ``rank.score`` measures
    it: ``min(rank._haversine(here, p) for p in points)``, its arithmetic inline, operation
    for operation (``nearest_km`` is the same distance, rounded otherwise)."""
    here = rank._point(lat, lon)
    lat_rad, cos_lat, lon = here.lat_rad, here.cos_lat, here.lon
    sin, radians, asin, sqrt = math.sin, math.radians, math.asin, math.sqrt
    # dp = b.lat_rad - here.lat_rad, dl = radians(b.lon - here.lon), as in rank._haversine
    return min([12742.0 * asin(min(1.0, sqrt(sin((b.lat_rad - lat_rad) / 2) ** 2 + cos_lat
                                             * b.cos_lat * sin(radians(b.lon - lon) / 2) ** 2)))
                for b in points])


def unit_vector(lat: float, lon: float) -> tuple[float, float, float]:
    """A point of the unit sphere."""
    la, lo = math.radians(lat), math.radians(lon)
    c = math.cos(la)
    return c * math.cos(lo), c * math.sin(lo), math.sin(la)


def nearest_km(lat: float, lon: float, points: list[tuple[float, float, float, str]]) -> float:
    """Great-circle distance to the nearest of ``points`` (unit vectors): the largest dot
    product, then one asin (the haversine of rank.py, without a sine per pair)."""
    la, lo = math.radians(lat), math.radians(lon)  # unit_vector(lat, lon), inline
    c = math.cos(la)
    x, y, z = c * math.cos(lo), c * math.sin(lo), math.sin(la)
    dot = max([x * px + y * py + z * pz for px, py, pz, _ in points])
    return 12742.0 * math.asin(min(1.0, math.sqrt(max(0.0, (1.0 - dot) / 2.0))))
