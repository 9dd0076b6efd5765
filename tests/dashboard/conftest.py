"""Fixtures of the dashboard's tests: a seeded SQLite store and clean folium globals."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import seeding


@pytest.fixture
def seeded_db(tmp_path: Path) -> str:
    """A real SQLite store holding the known events (see ``seeding``)."""
    db = tmp_path / "events.sqlite"
    seeding.seed(db)
    return str(db)


@pytest.fixture(autouse=True)
def _folium_globals() -> Iterator[None]:
    """Folium's asset lists are class attributes (process-global): restore them after a test."""
    import folium
    import folium.plugins

    classes = [
        folium.Map,
        folium.plugins.MarkerCluster,
        folium.plugins.FastMarkerCluster,
        folium.plugins.HeatMap,
        folium.TopoJson,
    ]
    saved = [(c, list(c.default_js), list(c.default_css)) for c in classes]
    yield
    for cls, js, css in saved:
        cls.default_js, cls.default_css = js, css
