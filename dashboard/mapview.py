"""Build the folium map: shaped, coloured markers clustered in the browser, heat, borders.

Why browser-side clustering: folium's per-marker ``Popup`` + ``MarkerCluster`` costs ~12 s at
10k markers (STACK_NOTES), while one JSON array turned into markers by a JS callback
(``FastMarkerCluster``) draws 100k. Above ``data.MAX_INDIVIDUAL_MARKERS`` events the server
sends one marker per place and type with its count instead (clusters then add counts up).

Article text is untrusted: it only ever reaches the page as JSON data (``tojson`` escapes
``<``), and the popups are built with DOM text nodes — never ``innerHTML``.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass

import folium
import folium.plugins
import pandas as pd
from folium.elements import JSCSSMixin, MacroElement
from folium.template import Template

from dashboard import assets
from eventmap.model import EVENT_TYPES

FALLBACK_COLOURS = {
    "Battles": "#c0392b",
    "Explosions/Remote violence": "#e67e22",
    "Violence against civilians": "#8e44ad",
    "Protests": "#2e86c1",
    "Riots": "#d4ac0d",
    "Strategic developments": "#16a085",
}
SHAPES = {
    "Battles": "diamond",
    "Explosions/Remote violence": "star",
    "Violence against civilians": "triangle",
    "Protests": "circle",
    "Riots": "hexagon",
    "Strategic developments": "square",
}
# SVG paths on an 18×18 box, one per shape (drawn by us: no icon font needed)
SHAPE_PATHS = {
    "circle": "M9 2a7 7 0 1 0 0.01 0Z",
    "square": "M3 3H15V15H3Z",
    "diamond": "M9 1L17 9L9 17L1 9Z",
    "triangle": "M9 1.5L17 16H1Z",
    "hexagon": "M5 2H13L17 9L13 16H5L1 9Z",
    "star": "M9 1L11.2 6.6L17 6.9L12.5 10.6L14 16.5L9 13.2L4 16.5L5.5 10.6L1 6.9L6.8 6.6Z",
}
CREDITS = (
    "Borders: Natural Earth (public domain) via world-atlas · "
    "Places: GeoNames (CC BY 4.0)"
)


def event_colours() -> dict[str, str]:
    """The export's colours when that module is there, so map, KML and HTML export agree."""
    try:
        from eventmap.export.style import EVENT_COLOURS

        return {t: EVENT_COLOURS.get(t, FALLBACK_COLOURS[t]) for t in EVENT_TYPES}
    except (ImportError, AttributeError):
        return dict(FALLBACK_COLOURS)


MAX_ZOOM = 12
ALL_TYPES = "All types"  # the style of a country marker standing for every type


def type_styles() -> list[dict[str, object]]:
    """Name, colour and SVG path of each event type, in ``EVENT_TYPES`` order (the JS index),
    then the grey circle of a country marker (not in the legend)."""
    colours = event_colours()
    styles: list[dict[str, object]] = [
        {"name": t, "colour": colours[t], "shape": SHAPES[t], "path": SHAPE_PATHS[SHAPES[t]]}
        for t in EVENT_TYPES
    ]
    styles.append({"name": ALL_TYPES, "colour": "#6b6b6b", "shape": "circle",
                   "path": SHAPE_PATHS["circle"], "hidden": True})
    return styles


def legend_svg(event_type: str, size: int = 14) -> str:
    """The marker of one type as inline SVG (legend next to the map, our own constants only)."""
    colour = event_colours()[event_type]
    path = SHAPE_PATHS[SHAPES[event_type]]
    return (
        f'<svg width="{size}" height="{size}" viewBox="0 0 18 18" style="vertical-align:middle">'
        f'<path d="{path}" fill="{colour}" stroke="#222" stroke-width="1.2"/></svg>'
    )


_COMMON_JS = """
    var EM = window.EM = window.EM || {};
    EM.types = {{ this.types|tojson }};
    EM.icon = function (t, label) {
        var s = EM.types[t] || EM.types[0];
        var svg = '<svg width="18" height="18" viewBox="0 0 18 18"><path d="' + s.path +
            '" fill="' + s.colour + '" stroke="#222" stroke-width="1.2"/></svg>';
        var html = svg + (label ? '<span class="em-n">' + Number(label) + '</span>' : '');
        return L.divIcon({className: 'em-marker em-' + s.shape, html: html,
                          iconSize: [18, 18], iconAnchor: [9, 9], popupAnchor: [0, -8]});
    };
    EM.el = function (tag, text, cls) {
        var el = document.createElement(tag);
        el.textContent = (text === null || text === undefined) ? '' : String(text);
        if (cls) { el.className = cls; }
        return el;
    };
    EM.link = function (url, label) {
        if (!url || !/^https?:\\/\\//i.test(url)) {
            return label ? EM.el('div', label, 'em-src') : null;
        }
        var a = EM.el('a', label || url, 'em-src');
        a.href = url; a.target = '_blank'; a.rel = 'noopener noreferrer';
        return a;
    };
"""

_LAYER_TEMPLATE = (
    """
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = (function () {
"""
    + _COMMON_JS
    + """
    var aggregated = {{ this.aggregated|tojson }};
    function popup(row) {
        var d = EM.el('div', '', 'em-popup');
        var t = EM.types[row[2]] ? EM.types[row[2]].name : '';
        if (aggregated) {
            d.appendChild(EM.el('b', row[3] + ' × ' + t));
            d.appendChild(EM.el('div', row[4], 'em-place'));
            if (row[5]) { d.appendChild(EM.el('div', row[5] + ' – ' + row[6], 'em-date')); }
            d.appendChild(EM.el('div', 'Click: the events are listed beside the map.', 'em-hint'));
            return d;
        }
        d.appendChild(EM.el('b', t + (row[9] ? ' — ' + row[9] : '')));
        d.appendChild(EM.el('div', row[4] + ' · ' + row[5], 'em-date'));
        d.appendChild(EM.el('blockquote', row[6], 'em-quote'));
        var src = EM.link(row[7], row[8]);
        if (src) { d.appendChild(src); }
        return d;
    }
    function make(row) {
        var n = aggregated ? row[3] : 1;
        var m = L.marker([row[0], row[1]], {
            icon: aggregated && n > 1 ? EM.icon(row[2], n) : EM.icons[row[2]], n: n,
            riseOnHover: true
        });
        m.bindPopup(function () { return popup(row); }, {maxWidth: 340});
        return m;
    }
    EM.icons = EM.types.map(function (s, i) { return EM.icon(i); });
    var cluster = L.markerClusterGroup({{ this.options|tojavascript }});
    var t0 = performance.now();
    EM.timing = {start: t0};
    cluster.options.chunkProgress = function (done, total) {
        if (done === total) { EM.timing.drawn = performance.now() - t0; }
    };
    // events under a cluster of place markers, memoised per cluster: a cluster's child count
    // changes whenever markers are added below it, which invalidates the memo
    function sumN(c) {
        if (c.__emCount === c._childCount) { return c.__emN; }
        var n = 0, i;
        for (i = 0; i < c._markers.length; i++) { n += c._markers[i].options.n || 1; }
        for (i = 0; i < c._childClusters.length; i++) { n += sumN(c._childClusters[i]); }
        c.__emCount = c._childCount;
        c.__emN = n;
        return n;
    }
    cluster.options.iconCreateFunction = function (c) {
        var n = aggregated ? sumN(c) : c.getChildCount();
        var size = n < 10 ? 'small' : (n < 100 ? 'medium' : 'large');
        return L.divIcon({html: '<div><span>' + n + '</span></div>',
                          className: 'marker-cluster marker-cluster-' + size,
                          iconSize: L.point(40, 40)});
    };
    var bounds = {{ this.bounds|tojson }};
    function fit() {
        var map = cluster._map;
        if (!map || !bounds) { return; }
        map.invalidateSize();
        map.fitBounds(bounds, {maxZoom: 8, padding: [20, 20]});
    }
    function draw(data) {
        EM.timing.fetched = performance.now() - t0;
        var markers = new Array(data.length);
        for (var i = 0; i < data.length; i++) { markers[i] = make(data[i]); }
        cluster.addLayers(markers);
        window.EM.drawn = data.length;
        // the layer may be added to the map after this script (a feature group), and the
        // iframe may get its final size late: fit now and once more shortly after
        setTimeout(fit, 0);
        setTimeout(fit, 400);
    }
    cluster.addTo({{ this._parent.get_name() }});
    {% if this.url %}
    fetch({{ this.url|tojson }}).then(function (r) { return r.json(); }).then(draw);
    {% else %}
    draw({{ this.inline }});
    {% endif %}
    return cluster;
})();
{% endmacro %}
"""
)


def safe_json(value: object) -> str:
    """JSON that stays inert in a ``<script>`` *and* in a Jinja template.

    Folium re-parses every rendered script as a Jinja template (branca ``Element``), so
    ``{{ … }}`` in an article would be evaluated on the server: braces are escaped as well as
    ``<``, ``>``, ``&`` and ``'``.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027"),
                    ("{", "\\u007b"), ("}", "\\u007d"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


DATA_DIR = assets.HERE / "static" / "cache"
DATA_URL = "/app/static/cache"
KEEP_FILES = 200


def publish(payload: str) -> str | None:
    """Serve the markers' JSON as a static file named by its hash; None if we cannot write.

    Why: the map script then stays small (folium compiles every script as a template, ~30 ms
    per 100 KB) and a browser that saw the same view reuses its cached copy.
    """
    import hashlib

    data = payload.encode("utf-8")
    name = hashlib.sha256(data).hexdigest()[:24] + ".json"
    path = DATA_DIR / name
    try:
        if not path.exists():
            DATA_DIR.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.part")
            tmp.write_bytes(data)
            tmp.replace(path)
            _prune()
    except OSError:
        return None
    return f"{DATA_URL}/{name}"


def _prune() -> None:
    files = sorted(DATA_DIR.glob("*.json"), key=lambda p: p.stat().st_mtime)
    for old in files[:-KEEP_FILES]:
        old.unlink(missing_ok=True)


class EventLayer(folium.plugins.FastMarkerCluster):
    """FastMarkerCluster whose markers are shaped/coloured by type, with DOM-built popups.

    The rows travel as a JSON file the app serves (``publish``), fetched by the map, or
    inline (escaped by ``safe_json``) when that file cannot be written.

    Rows: ``[lat, lon, type_index, id, date, place, quote, url, title, sub_type]``, or when
    ``aggregated``: ``[lat, lon, type_index, count, place, first_day, last_day]``.
    """

    _template = Template(_LAYER_TEMPLATE)

    def __init__(
        self, data: list[list], *, aggregated: bool, name: str = "Events",
        bounds: list[list[float]] | None = None,
    ) -> None:
        super().__init__(
            [], name=name, chunkedLoading=True, chunkInterval=150, chunkDelay=5,
            showCoverageOnHover=False, maxClusterRadius=50,
        )
        self.aggregated = aggregated
        self.types = type_styles()
        self.bounds = bounds
        payload = safe_json(data)
        self.url = publish(payload)
        self.inline = None if self.url else payload


class CountryBorders(JSCSSMixin, MacroElement):
    """Country borders from world-atlas (Natural Earth) TopoJSON, fetched from the app itself.

    Fetched rather than embedded: the 740 KB file is then cached by the browser instead of
    being resent with every map.
    """

    _template = Template(
        """
{% macro script(this, kwargs) %}
(function (map) {
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution({{ this.credits|tojson }});
    var pane = map.createPane('borders');
    pane.style.zIndex = 250;
    fetch({{ this.url|tojson }}).then(function (r) { return r.json(); }).then(function (topo) {
        var countries = topo.objects.countries;
        // land filled without outlines (rings cut at the antimeridian would draw lines),
        // then only the borders shared by two countries
        L.geoJSON(topojson.feature(topo, countries), {pane: 'borders', interactive: false,
            style: {stroke: false, fillColor: '#f4f1e8', fillOpacity: 1}}).addTo(map);
        L.geoJSON(topojson.mesh(topo, countries, function (a, b) { return a !== b; }),
            {pane: 'borders', interactive: false,
             style: {color: '#8a8a80', weight: 0.7, fill: false}}).addTo(map);
    });
})({{ this._parent.get_name() }});
{% endmacro %}
"""
    )
    default_js = assets.TOPOJSON_JS

    def __init__(self, url: str = assets.BORDERS_URL) -> None:
        super().__init__()
        self._name = "CountryBorders"
        self.url = url
        self.credits = CREDITS


class MapStyle(MacroElement):
    """Sea colour, marker and popup styles, and the legend drawn on the map."""

    _template = Template(
        """
{% macro header(this, kwargs) %}
<style>
  .leaflet-container { background: #cfe3ee; }
  .em-marker { background: none; border: none; }
  .em-marker svg { filter: drop-shadow(0 1px 1px rgba(0,0,0,.35)); }
  .em-marker .em-n { position: absolute; left: 14px; top: -8px; font: bold 10px sans-serif;
                     background: #fff; border-radius: 6px; padding: 0 3px; }
  .em-popup blockquote { margin: 6px 0; padding-left: 6px; border-left: 3px solid #ccc;
                          font-style: italic; max-height: 9em; overflow: auto; }
  .em-popup .em-date, .em-popup .em-hint { color: #555; font-size: 11px; }
  .leaflet-container .leaflet-control-attribution, .leaflet-control-scale-line {
      font-size: 11px !important; }
  .em-legend { background: rgba(255,255,255,.92); padding: 6px 8px; font: 12px sans-serif;
               border-radius: 4px; line-height: 18px; }
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function (map) {
    if ({{ this.legend|tojson }}) {
    var legend = L.control({position: 'bottomright'});
    legend.onAdd = function () {
        var div = L.DomUtil.create('div', 'em-legend');
        {{ this.types|tojson }}.forEach(function (s) {
            if (s.hidden) { return; }
            var row = document.createElement('div');
            row.innerHTML = '<svg width="14" height="14" viewBox="0 0 18 18" ' +
                'style="vertical-align:middle"><path d="' + s.path + '" fill="' + s.colour +
                '" stroke="#222" stroke-width="1.2"/></svg> ';
            row.appendChild(document.createTextNode(s.name));
            div.appendChild(row);
        });
        var note = document.createElement('div');
        note.style.color = '#555';
        note.textContent = {{ this.note|tojson }};
        div.appendChild(note);
        return div;
    };
    legend.addTo(map);
    }
})({{ this._parent.get_name() }});
{% endmacro %}
"""
    )

    def __init__(self, note: str = "", legend: bool = True) -> None:
        super().__init__()
        self._name = "MapStyle"
        self.legend = legend
        self.types = type_styles()
        self.note = note


@dataclass(frozen=True, slots=True)
class MapOptions:
    heat: bool = False
    online_tiles: bool = False
    borders: bool = True
    height: int = 560


def _clean(value: object) -> object:
    """JSON-safe cell: NaN/None become null, dates become ISO strings."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[no-any-return]
    return value


def marker_rows(frame: pd.DataFrame, aggregated: bool, quote_chars: int = 400) -> list[list]:
    """The compact JSON rows the JS callback turns into markers (see ``EventLayer``)."""
    index = {s["name"]: i for i, s in enumerate(type_styles())}
    if frame.empty:
        return []
    types = [index.get(t, 0) for t in frame["event_type"]]
    lat = frame["latitude"].round(6).tolist()
    lon = frame["longitude"].round(6).tolist()
    if aggregated:
        return [
            [la, lo, t, int(n), _clean(p), _clean(f), _clean(last)]
            for la, lo, t, n, p, f, last in zip(
                lat, lon, types, frame["n"], frame["place"], frame["first"], frame["last"]
            )
        ]
    quotes = [(q or "")[:quote_chars] for q in frame["quote"]]
    return [
        [la, lo, t, i, _clean(d), _clean(p), q, _clean(u), _clean(ti), _clean(s)]
        for la, lo, t, i, d, p, q, u, ti, s in zip(
            lat, lon, types, frame["id"], frame["date"], frame["place"], quotes,
            frame["source_url"], frame["source_title"], frame["sub_event_type"],
        )
    ]


def bounds_of(frame: pd.DataFrame) -> list[list[float]] | None:
    if frame.empty:
        return None
    south, north = float(frame["latitude"].min()), float(frame["latitude"].max())
    west, east = float(frame["longitude"].min()), float(frame["longitude"].max())
    pad = 0.5 if (north - south) < 1 and (east - west) < 1 else 0.0
    return [[south - pad, west - pad], [north + pad, east + pad]]


@dataclass(slots=True)
class MapParts:
    """The base map (the same for every filter, so the browser keeps it) and the layers that
    change with the filters, handed to ``st_folium(feature_group_to_add=…)``."""

    base: folium.Map
    layers: list[folium.FeatureGroup]

    def combined(self) -> folium.Map:
        """Everything on one map (a standalone page, or a test reading one script)."""
        for group in self.layers:
            group.add_to(self.base)
        return self.base


def base_map(options: MapOptions = MapOptions()) -> folium.Map:
    """Borders, legend and styles: nothing that depends on the filtered events."""
    fmap = folium.Map(
        # no tiles: past zoom 12 there is nothing more to see, and each zoom level costs the
        # clusterer work for every marker
        location=[25, 25], zoom_start=3, tiles=None, maxZoom=MAX_ZOOM, minZoom=1,
        control_scale=True, world_copy_jump=True,
    )
    if options.online_tiles:
        folium.TileLayer("OpenStreetMap", name="OpenStreetMap (online)",
                         max_zoom=MAX_ZOOM).add_to(fmap)
    if options.borders:
        CountryBorders().add_to(fmap)
    MapStyle().add_to(fmap)
    # what the swapped layers need (clusters, heat), declared on the base so the iframe loads
    # it with the map: scripts named only by a later layer would not be loaded
    fmap.default_js = list(fmap.default_js) + list(assets.CLUSTER_JS) + list(assets.HEAT_JS)
    fmap.default_css = list(fmap.default_css) + list(assets.CLUSTER_CSS)
    return fmap


def event_layers(
    frame: pd.DataFrame,
    *,
    aggregated: bool = False,
    heat: bool = False,
    highlight: pd.DataFrame | None = None,
) -> list[folium.FeatureGroup]:
    """The layers of one filtered view: events, optional heat, rings on selected rows."""
    events = folium.FeatureGroup(name="Events")
    bounds = bounds_of(highlight if highlight is not None and not highlight.empty else frame)
    EventLayer(marker_rows(frame, aggregated), aggregated=aggregated, bounds=bounds).add_to(events)
    layers = [events]
    extras = folium.FeatureGroup(name="Heat and selection")
    if heat and not frame.empty:
        weights = frame["n"] if aggregated else pd.Series(1, index=frame.index)
        cells = pd.DataFrame(
            {"lat": frame["latitude"].round(3), "lon": frame["longitude"].round(3), "w": weights}
        ).groupby(["lat", "lon"], as_index=False)["w"].sum()
        top = float(cells["w"].max()) or 1.0
        folium.plugins.HeatMap(
            [[a, b, w / top] for a, b, w in cells.itertuples(index=False)],
            name="Heat map", radius=18, blur=14, min_opacity=0.3,
        ).add_to(extras)
    if highlight is not None and not highlight.empty:
        for lat, lon in zip(highlight["latitude"], highlight["longitude"]):
            folium.CircleMarker(
                [lat, lon], radius=16, color="#ff00aa", weight=3, fill=False, interactive=False,
                class_name="em-highlight",
            ).add_to(extras)
    layers.append(extras)
    return layers


def build_map(
    frame: pd.DataFrame,
    *,
    aggregated: bool = False,
    options: MapOptions = MapOptions(),
    highlight: pd.DataFrame | None = None,
) -> MapParts:
    """The map of one filtered view; assets must already point at local files."""
    return MapParts(
        base_map(options),
        event_layers(frame, aggregated=aggregated, heat=options.heat, highlight=highlight),
    )


def asset_urls(script: str) -> list[str]:
    """Every http(s) URL in a rendered map script (tests check none leaves the machine)."""
    return re.findall(r"https?://[^\s\"'<>)]+", script)


def highlight_frame(frame: pd.DataFrame, ids: Sequence[str]) -> pd.DataFrame:
    return frame[frame["id"].isin(list(ids))] if ids and not frame.empty else frame.iloc[0:0]
