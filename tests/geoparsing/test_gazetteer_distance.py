"""The parser's distances to the document's anchors (gazetteer/distance.py) are the ones
they stand for: ``rank.score``'s haversine, and the unit-vector formula written plainly."""

from __future__ import annotations

import math
import random

from gazetteer import rank
from gazetteer.distance import nearest_km, nearest_km_haversine, unit_vector


def test_nearest_km_haversine_is_rank_scores_distance() -> None:
    rng = random.Random(12)
    for _ in range(5000):
        anchors = [rank._point(rng.uniform(-90, 90), rng.uniform(-180, 180))
                   for _ in range(rng.randint(1, 8))]
        lat, lon = rng.uniform(-90, 90), rng.uniform(-180, 180)
        want = min(rank._haversine(rank._point(lat, lon), a) for a in anchors)
        assert nearest_km_haversine(lat, lon, anchors) == want


def test_nearest_km_is_the_unit_vector_distance() -> None:
    def reference(lat: float, lon: float, points: list) -> float:
        x, y, z = unit_vector(lat, lon)
        dot = max(x * px + y * py + z * pz for px, py, pz, _ in points)
        return 12742.0 * math.asin(min(1.0, math.sqrt(max(0.0, (1.0 - dot) / 2.0))))

    rng = random.Random(6)
    for _ in range(2000):
        points = [(*unit_vector(rng.uniform(-90, 90), rng.uniform(-180, 180)), "")
                  for _ in range(rng.randint(1, 8))]
        lat, lon = rng.uniform(-90, 90), rng.uniform(-180, 180)
        assert nearest_km(lat, lon, points) == reference(lat, lon, points)
