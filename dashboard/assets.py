"""Serve Leaflet and its plugins from the app itself, never from a CDN.

``npm install`` (in ``dashboard/``) fetches the packages at set-up; ``python -m dashboard.assets``
copies the few files the map needs into ``dashboard/static/vendor``, which Streamlit serves at
``/app/static/vendor/...`` when ``server.enableStaticServing`` is on. ``use_local_assets()``
then points folium's process-global asset lists at those URLs, so no map we draw asks the
network for anything.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import folium
import folium.plugins

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node_modules"
VENDOR_DIR = HERE / "static" / "vendor"
STATIC_URL = "/app/static/vendor"

# destination (under static/vendor) -> source (under node_modules); folders copy whole.
FILES: dict[str, str] = {
    "leaflet/leaflet.js": "leaflet/dist/leaflet.js",
    "leaflet/leaflet.css": "leaflet/dist/leaflet.css",
    "leaflet/images": "leaflet/dist/images",
    "jquery/jquery.min.js": "jquery/dist/jquery.min.js",
    "markercluster/leaflet.markercluster.js": "leaflet.markercluster/dist/leaflet.markercluster.js",
    "markercluster/MarkerCluster.css": "leaflet.markercluster/dist/MarkerCluster.css",
    "markercluster/MarkerCluster.Default.css": (
        "leaflet.markercluster/dist/MarkerCluster.Default.css"
    ),
    "awesome-markers/leaflet.awesome-markers.js": (
        "leaflet.awesome-markers/dist/leaflet.awesome-markers.min.js"
    ),
    "awesome-markers/leaflet.awesome-markers.css": (
        "leaflet.awesome-markers/dist/leaflet.awesome-markers.css"
    ),
    "awesome-markers/images": "leaflet.awesome-markers/dist/images",
    "fontawesome/css/all.min.css": "@fortawesome/fontawesome-free/css/all.min.css",
    "fontawesome/webfonts": "@fortawesome/fontawesome-free/webfonts",
    "heat/leaflet-heat.js": "leaflet.heat/dist/leaflet-heat.js",
    "topojson/topojson-client.min.js": "topojson-client/dist/topojson-client.min.js",
    "world-atlas/countries-50m.json": "world-atlas/countries-50m.json",
    "world-atlas/countries-110m.json": "world-atlas/countries-110m.json",
    "world-atlas/LICENSE": "world-atlas/LICENSE",
}


def url(name: str) -> str:
    """URL at which the app serves one vendored file."""
    return f"{STATIC_URL}/{name}"


MAP_JS = [
    ("leaflet", url("leaflet/leaflet.js")),
    ("jquery", url("jquery/jquery.min.js")),
    ("awesome_markers", url("awesome-markers/leaflet.awesome-markers.js")),
]
MAP_CSS = [
    ("leaflet_css", url("leaflet/leaflet.css")),
    ("awesome_markers_font_css", url("fontawesome/css/all.min.css")),
    ("awesome_markers_css", url("awesome-markers/leaflet.awesome-markers.css")),
]
CLUSTER_JS = [("markerclusterjs", url("markercluster/leaflet.markercluster.js"))]
CLUSTER_CSS = [
    ("markerclustercss", url("markercluster/MarkerCluster.css")),
    ("markerclusterdefaultcss", url("markercluster/MarkerCluster.Default.css")),
]
HEAT_JS = [("leaflet-heat.js", url("heat/leaflet-heat.js"))]
TOPOJSON_JS = [("topojson", url("topojson/topojson-client.min.js"))]
BORDERS_URL = url("world-atlas/countries-50m.json")


def use_local_assets() -> None:
    """Point folium's (process-global) asset lists at the app's own static files.

    Bootstrap and glyphicons are dropped: our markers draw their own shapes and the popups are
    plain DOM, so nothing needs them.
    """
    folium.Map.default_js = list(MAP_JS)
    folium.Map.default_css = list(MAP_CSS)
    for cls in (folium.plugins.MarkerCluster, folium.plugins.FastMarkerCluster):
        cls.default_js = list(CLUSTER_JS)
        cls.default_css = list(CLUSTER_CSS)
    folium.plugins.HeatMap.default_js = list(HEAT_JS)
    folium.TopoJson.default_js = list(TOPOJSON_JS)


def missing() -> list[str]:
    """Vendored files not yet in place (the map cannot draw offline without them)."""
    return [name for name in FILES if not (VENDOR_DIR / name).exists()]


def install(node_modules: Path = NODE_MODULES, vendor_dir: Path = VENDOR_DIR) -> list[str]:
    """Copy the map's files from ``node_modules`` into ``static/vendor``; returns what was copied."""
    absent = [src for src in FILES.values() if not (node_modules / src).exists()]
    if absent:
        raise FileNotFoundError(
            f"{node_modules}: missing {', '.join(absent)} — run `npm install` in {HERE}"
        )
    copied = []
    for dest, src in FILES.items():
        source, target = node_modules / src, vendor_dir / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
        else:
            shutil.copy2(source, target)
        copied.append(dest)
    return copied


def main() -> int:
    try:
        copied = install()
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"{len(copied)} map assets copied to {VENDOR_DIR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
