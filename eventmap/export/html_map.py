"""A standalone HTML map (folium/Leaflet) of a selection of events.

Markers are circles coloured by event type (``style.EVENT_COLOURS``), each with the
escaped ``style.popup_html``, and a legend counts events per type. The marker data goes
into the page as JSON (``|tojson``, which also escapes ``<``, ``>``, ``&`` and ``'``) and
markers are built in the browser; beyond ``cluster_threshold`` events they go through
``FastMarkerCluster`` (Leaflet.markercluster, browser-side), which stays responsive at
tens of thousands of points.

Assets: ``assets="auto"`` (default) embeds the local copy when one is installed, else
links the CDN. ``assets="cdn"`` links Leaflet 1.9.4 and Leaflet.markercluster 1.5.3
from jsDelivr, nothing else (no jQuery, Bootstrap or icon fonts: the markers are drawn
circles). ``assets="inline"`` embeds those files, read from a local ``node_modules``
(``assets_dir``, else ``$EVENTMAP_LEAFLET_DIR``, else the dashboard's
``dashboard/node_modules``), so the page works with no network at all. The asset lists
are set on this map's own objects, so whatever another module did to folium's
process-global defaults does not leak in.

An HTML page cannot stream: the data of every drawn marker is in the file. So the map
draws at most ``limit`` events (default ``MAX_MAP_EVENTS``, the first ones in the order
given — the store gives newest first), says so in the legend, and stops reading the
iterable there: memory is bounded by ``limit``, whatever the selection's size.

Base map: offline first. ``tiles="auto"`` (default) embeds country borders (Natural Earth,
from the npm ``world-atlas`` package, drawn with ``topojson-client``, both found in the same
``node_modules`` as Leaflet) when they are installed, so the page asks no tile server for
anything; without them it falls back to OpenStreetMap's tiles as before. ``tiles=None``: no
tile server (borders still drawn when installed); a folium tiles name or an
``http(s)://…/{z}/{x}/{y}…`` URL template: that online tile server (``eventmap export
--tiles``), borders then off unless ``borders=True``.
"""

from __future__ import annotations

import html
import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import folium
from branca.element import Element, Figure
from folium.elements import MacroElement
from folium.plugins import FastMarkerCluster
from folium.template import Template

from eventmap.errors import BadInput
from eventmap.export._output import Target, text_output
from eventmap.export.style import (
    EVENT_COLOURS,
    FALLBACK_COLOUR,
    colour_of,
    escape_text,
    popup_html,
)
from eventmap.model import Event

MAX_MAP_EVENTS = 25_000  # ~20 MB of page; the browser clusters it in a few seconds
CLUSTER_THRESHOLD = 500

CDN = "https://cdn.jsdelivr.net/npm"
MAP_JS = [("leaflet", f"{CDN}/leaflet@1.9.4/dist/leaflet.js")]
MAP_CSS = [("leaflet_css", f"{CDN}/leaflet@1.9.4/dist/leaflet.css")]
CLUSTER_JS = [
    ("markerclusterjs", f"{CDN}/leaflet.markercluster@1.5.3/dist/leaflet.markercluster.js")
]
CLUSTER_CSS = [
    ("markerclustercss", f"{CDN}/leaflet.markercluster@1.5.3/dist/MarkerCluster.css"),
    (
        "markerclusterdefaultcss",
        f"{CDN}/leaflet.markercluster@1.5.3/dist/MarkerCluster.Default.css",
    ),
]
# The same files inside a node_modules folder (npm: leaflet, leaflet.markercluster).
LOCAL_FILES = {
    "leaflet/dist/leaflet.css": "style",
    "leaflet.markercluster/dist/MarkerCluster.css": "style",
    "leaflet.markercluster/dist/MarkerCluster.Default.css": "style",
    "leaflet/dist/leaflet.js": "script",
    "leaflet.markercluster/dist/leaflet.markercluster.js": "script",
}
DASHBOARD_NODE_MODULES = Path(__file__).resolve().parents[2] / "dashboard" / "node_modules"
# The offline base map (npm: topojson-client, world-atlas), embedded in the page.
TOPOJSON_JS = "topojson-client/dist/topojson-client.min.js"
BORDERS_JSON = "world-atlas/countries-50m.json"
BORDERS_CREDIT = "Borders: Natural Earth (public domain) via world-atlas"
AUTO = "auto"
SEA, LAND, BORDER = "#dde8ef", "#f4f1e8", "#8a8a80"

# Each data row: [lat, lon, colour, popup_html]; the popup is already escaped HTML.
MARKER_JS = """function (row) {
    var marker = L.circleMarker(new L.LatLng(row[0], row[1]), {
        radius: 6, color: "#333333", weight: 1, fillColor: row[2], fillOpacity: 0.85
    });
    marker.bindPopup(row[3], {maxWidth: 340});
    return marker;
}"""


class EventLayer(MacroElement):
    """A few hundred events without clustering: the same markers, in a feature group."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = (function(){
                var callback = {{ this.callback }};
                var data = {{ this.data|tojson }};
                var layer = L.featureGroup();
                for (var i = 0; i < data.length; i++) {
                    callback(data[i]).addTo(layer);
                }
                layer.addTo({{ this._parent.get_name() }});
                return layer;
            })();
        {% endmacro %}"""
    )

    def __init__(self, data: list[list[Any]], callback: str = MARKER_JS) -> None:
        super().__init__()
        self._name = "EventLayer"
        self.data = data
        self.callback = callback


class CountryBorders(MacroElement):
    """Land and country borders drawn from TopoJSON embedded in the page (no request).

    The land is filled without outlines (rings cut at the antimeridian would draw lines),
    then only the borders two countries share are stroked, under the markers.
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>.folium-map { background: {{ this.sea }}; }</style>
        <script>{{ this.library }}</script>
        <script type="application/json" id="{{ this.get_name() }}_data">{{ this.data }}</script>
        {% endmacro %}
        {% macro script(this, kwargs) %}
            (function (map) {
                var topo = JSON.parse(
                    document.getElementById({{ (this.get_name() ~ "_data")|tojson }}).textContent);
                var countries = topo.objects.countries;
                var pane = map.createPane("borders");
                pane.style.zIndex = 250;
                map.attributionControl.addAttribution({{ this.credit|tojson }});
                L.geoJSON(topojson.feature(topo, countries), {pane: "borders",
                    interactive: false,
                    style: {stroke: false, fillColor: {{ this.land|tojson }}, fillOpacity: 1}
                }).addTo(map);
                L.geoJSON(topojson.mesh(topo, countries, function (a, b) { return a !== b; }),
                    {pane: "borders", interactive: false,
                     style: {color: {{ this.border|tojson }}, weight: 0.7, fill: false}}
                ).addTo(map);
            })({{ this._parent.get_name() }});
        {% endmacro %}"""
    )

    def __init__(self, library: str, data: str) -> None:
        super().__init__()
        self._name = "CountryBorders"
        # Our own files, not article text; still, nothing in them may close the element.
        self.library = re.sub(r"</(script)", r"<\\/\1", library, flags=re.IGNORECASE)
        self.data = data.replace("</", "<\\/")  # "\/" is "/" in JSON
        self.credit = BORDERS_CREDIT
        self.sea, self.land, self.border = SEA, LAND, BORDER


class Legend(MacroElement):
    """A fixed box listing the event types with their colour and count."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div class="eventmap-legend" style="position: fixed; bottom: 24px; left: 12px;
             z-index: 1000; background: rgba(255,255,255,0.92); padding: 8px 10px;
             border: 1px solid #999; border-radius: 4px; font: 13px/1.4 sans-serif;">
          {{ this.body }}
        </div>
        {% endmacro %}"""
    )

    def __init__(self, body: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.body = body


def legend_html(title: str, counts: Counter[str], shown: int, truncated: bool) -> str:
    """The legend's inner HTML; every text escaped."""
    rows = [f"<b>{escape_text(title)}</b><br>"]
    for event_type, colour in [*EVENT_COLOURS.items(), ("Other", FALLBACK_COLOUR)]:
        if event_type == "Other" and not counts.get(event_type):
            continue
        rows.append(
            f'<span style="display:inline-block;width:11px;height:11px;border-radius:6px;'
            f'background:{colour};border:1px solid #333;margin-right:5px"></span>'
            f"{html.escape(event_type)} ({counts.get(event_type, 0)})<br>"
        )
    if truncated:
        rows.append(f"<i>Showing the first {shown:,} events only.</i>")
    else:
        rows.append(f"<i>{shown:,} events</i>")
    return "".join(rows)


def find_assets_dir(assets_dir: str | Path | None = None) -> Path:
    """The node_modules folder holding Leaflet and Leaflet.markercluster, or BadInput."""
    if assets_dir is not None:  # asked for: that folder or an error, no fallback
        candidates: list[str | Path | None] = [assets_dir]
    else:
        candidates = [os.environ.get("EVENTMAP_LEAFLET_DIR"), DASHBOARD_NODE_MODULES]
    for candidate in candidates:
        if candidate and all((Path(candidate) / name).is_file() for name in LOCAL_FILES):
            return Path(candidate)
    raise BadInput(
        str(assets_dir or DASHBOARD_NODE_MODULES),
        "Leaflet not found for an offline map: run `npm install` in dashboard/ "
        "or set EVENTMAP_LEAFLET_DIR to a node_modules folder",
    )


def find_borders(assets_dir: str | Path | None = None) -> Path | None:
    """The node_modules folder holding world-atlas and topojson-client, or None."""
    if assets_dir is not None:
        candidates: list[str | Path | None] = [assets_dir]
    else:
        candidates = [os.environ.get("EVENTMAP_LEAFLET_DIR"), DASHBOARD_NODE_MODULES]
    for candidate in candidates:
        if candidate and all(
            (Path(candidate) / name).is_file() for name in (TOPOJSON_JS, BORDERS_JSON)
        ):
            return Path(candidate)
    return None


def check_tiles(tiles: str | None) -> None:
    """A tile server is a folium name ("OpenStreetMap", "CartoDB positron"…) or an
    http(s) URL template with {z}, {x} and {y}; anything else is BadInput, early."""
    if tiles is None or tiles == AUTO:
        return
    if "://" in tiles or "{" in tiles:
        parts = urlsplit(tiles)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise BadInput(tiles, "a tile URL must start with http:// or https://")
        if not all(key in tiles for key in ("{z}", "{x}", "{y}")):
            raise BadInput(tiles, "a tile URL template needs {z}, {x} and {y}")
        return
    import xyzservices

    try:  # as folium looks names up
        xyzservices.providers.query_name(
            "OpenStreetMap Mapnik" if tiles.lower() == "openstreetmap" else tiles
        )
    except ValueError:
        raise BadInput(
            tiles, "unknown tile server: give an http(s)://…/{z}/{x}/{y}.png URL or a name "
            "such as OpenStreetMap"
        ) from None


def tile_layer_options(tiles: str, attribution: str | None) -> dict[str, Any]:
    """folium's tile options; a URL template must carry an attribution (its host by default)."""
    if "://" in tiles:
        host = urlsplit(tiles).netloc
        return {"tiles": tiles, "attr": attribution or f"Tiles: {html.escape(host)}"}
    return {"tiles": tiles, "attr": attribution} if attribution else {"tiles": tiles}


def inline_assets(folder: Path) -> str:
    """Leaflet's CSS and JS as inline ``<style>``/``<script>`` elements."""
    parts = []
    for name, tag in LOCAL_FILES.items():
        code = (folder / name).read_text(encoding="utf-8")
        # The one sequence that would end the element early (none in these files today).
        code = re.sub(rf"</({tag})", r"<\\/\1", code, flags=re.IGNORECASE)
        parts.append(f"<{tag}>\n{code}\n</{tag}>")
    return "\n".join(parts)


def build_map(
    events: Iterable[Event],
    *,
    title: str = "eventmap events",
    limit: int = MAX_MAP_EVENTS,
    cluster_threshold: int = CLUSTER_THRESHOLD,
    tiles: str | None = AUTO,
    assets: str = "cdn",
    assets_dir: str | Path | None = None,
    borders: bool | None = None,
    tiles_attribution: str | None = None,
) -> tuple[folium.Map, int]:
    """The folium map of at most ``limit`` events, and how many it draws.

    ``borders``: None draws the embedded borders when there is no tile server and they are
    installed; True always (BadInput when not installed); False never."""
    if assets not in ("cdn", "inline"):
        raise BadInput(assets, "assets must be 'cdn' or 'inline'")
    check_tiles(tiles)
    inline = assets == "inline"
    inline_code = inline_assets(find_assets_dir(assets_dir)) if inline else ""  # fail early
    borders_dir = find_borders(assets_dir) if borders is not False else None
    if borders and borders_dir is None:
        raise BadInput(
            str(assets_dir or DASHBOARD_NODE_MODULES),
            "world-atlas and topojson-client not found for offline borders: run `npm install` "
            "in dashboard/ or set EVENTMAP_LEAFLET_DIR to a node_modules folder",
        )
    if tiles == AUTO:  # offline borders when installed, else the online tiles of old
        tiles = None if borders_dir is not None else "OpenStreetMap"
    draw_borders = borders_dir is not None and (borders is True or tiles is None)
    data: list[list[Any]] = []
    counts: Counter[str] = Counter()
    truncated = False
    south, north, west, east = 90.0, -90.0, 180.0, -180.0
    for event in events:
        if len(data) >= limit:
            truncated = True
            break
        lat, lon = round(event.latitude, 6), round(event.longitude, 6)
        data.append([lat, lon, colour_of(event.event_type), popup_html(event)])
        counts[event.event_type if event.event_type in EVENT_COLOURS else "Other"] += 1
        south, north = min(south, lat), max(north, lat)
        west, east = min(west, lon), max(east, lon)
    options: dict[str, Any] = {"tiles": None, "control_scale": True}
    if tiles is None:
        options["maxZoom"] = 18  # folium drops max_zoom without tiles; clusters need it
    else:
        options.update(tile_layer_options(tiles, tiles_attribution))
    fmap = folium.Map(location=[20, 0], zoom_start=2, **options)
    # On the instances: folium's class-level lists are process-global and others change them.
    fmap.default_js = [] if inline else list(MAP_JS)
    fmap.default_css = [] if inline else list(MAP_CSS)
    if inline:
        root = fmap.get_root()
        assert isinstance(root, Figure)
        root.header.add_child(Element(inline_code), name="eventmap_assets")
    if draw_borders:
        assert borders_dir is not None
        CountryBorders(
            (borders_dir / TOPOJSON_JS).read_text(encoding="utf-8"),
            json.dumps(json.loads((borders_dir / BORDERS_JSON).read_text(encoding="utf-8")),
                       separators=(",", ":")),
        ).add_to(fmap)
    if len(data) > cluster_threshold:
        cluster = FastMarkerCluster(data, callback=MARKER_JS, name="events")
        cluster.default_js = [] if inline else list(CLUSTER_JS)
        cluster.default_css = [] if inline else list(CLUSTER_CSS)
        cluster.add_to(fmap)
    elif data:
        EventLayer(data).add_to(fmap)
    if data:
        fmap.fit_bounds([[south, west], [north, east]], max_zoom=10)
    Legend(legend_html(title, counts, len(data), truncated)).add_to(fmap)
    return fmap, len(data)


def write_html_map(
    events: Iterable[Event],
    out: Target,
    *,
    title: str = "eventmap events",
    limit: int = MAX_MAP_EVENTS,
    cluster_threshold: int = CLUSTER_THRESHOLD,
    tiles: str | None = AUTO,
    assets: str = "auto",
    assets_dir: str | Path | None = None,
    borders: bool | None = None,
    tiles_attribution: str | None = None,
) -> int:
    """Write a standalone HTML page with the events on a map; returns how many it draws.

    ``assets="auto"`` embeds Leaflet when a local copy is installed, and ``tiles="auto"``
    embeds country borders when installed: the page then opens with no network at all
    (offline first). Otherwise the CDN's Leaflet, and OpenStreetMap's tiles.
    """
    if assets == "auto":
        try:
            find_assets_dir(assets_dir)
            assets = "inline"
        except BadInput:
            assets = "cdn"
    fmap, shown = build_map(
        events,
        title=title,
        limit=limit,
        cluster_threshold=cluster_threshold,
        tiles=tiles,
        assets=assets,
        assets_dir=assets_dir,
        borders=borders,
        tiles_attribution=tiles_attribution,
    )
    page = fmap.get_root().render()
    with text_output(out) as stream:
        stream.write(page)
    return shown
