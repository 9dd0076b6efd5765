"""How events look on a map: one colour per event type and one escaped popup.

Shared by the HTML map, the KML export and the dashboard, so an event type has the
same colour everywhere and untrusted text (quotes, place names, titles and URLs from
the open web) is escaped in exactly one place.
"""

from __future__ import annotations

import html
import re
from typing import Any

from eventmap.model import EVENT_TYPES, Event

# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
EVENT_COLOURS: dict[str, str] = {
    "Battles": "#D55E00",
    "Explosions/Remote violence": "#E69F00",
    "Violence against civilians": "#CC79A7",
    "Protests": "#0072B2",
    "Riots": "#F0E442",
    "Strategic developments": "#009E73",
}
FALLBACK_COLOUR = "#777777"
QUOTE_CHARS = 500  # a popup shows the start of a long quote; exports keep all of it
assert set(EVENT_COLOURS) == set(EVENT_TYPES), "one colour per event type"

# Beyond html.escape: characters that matter when the HTML ends up inside a JavaScript
# template literal (folium.Popup renders `...`), so ${...} or a backslash cannot run code.
# Beyond HTML: inert in a JS template literal (` $ \\) and in a Jinja template ({ }),
# since folium renders each map element's output again as a Jinja template.
_JS_SAFE = str.maketrans(
    {"`": "&#96;", "$": "&#36;", "\\": "&#92;", "{": "&#123;", "}": "&#125;"}
)


def colour_of(event_type: str) -> str:
    """The colour of an event type (grey for anything outside ACLED's six)."""
    return EVENT_COLOURS.get(event_type, FALLBACK_COLOUR)


def kml_colour(hex_colour: str, alpha: str = "ff") -> str:
    """``#RRGGBB`` as KML's ``aabbggrr``."""
    rgb = hex_colour.lstrip("#")
    return f"{alpha}{rgb[4:6]}{rgb[2:4]}{rgb[0:2]}".lower()


def escape_text(value: Any) -> str:
    """Untrusted text as inert HTML text, also inert in a JS template literal and in Jinja."""
    return html.escape("" if value is None else str(value), quote=True).translate(_JS_SAFE)


_HTTP_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f]+\Z", re.IGNORECASE)


def safe_link(url: str | None) -> str | None:
    """The URL if it may become a link (http or https only, no blanks), else None."""
    if not url:
        return None
    stripped = url.strip()
    return stripped if _HTTP_URL.match(stripped) else None


def popup_html(event: Event) -> str:
    """The popup of one event: type, date, place, quote and source, every value escaped.

    The result holds no character of the event's text unescaped, so it may be given to
    Leaflet's ``bindPopup``, ``folium.Popup(..., parse_html=False)`` or a KML description.
    """
    kind = escape_text(event.event_type)
    if event.sub_event_type:
        kind += " · " + escape_text(event.sub_event_type)
    parts = [
        '<div class="eventmap-popup" style="max-width:320px">',
        f'<b style="color:{colour_of(event.event_type)}">&#9679;</b> <b>{kind}</b><br>',
        f"<b>Date</b>: {escape_text(event.date.isoformat())}<br>",
        f"<b>Place</b>: {escape_text(event.place)}",
    ]
    if event.admin1:
        parts.append(f", {escape_text(event.admin1)}")
    if event.country_code:
        parts.append(f" ({escape_text(event.country_code)})")
    parts.append("<br>")
    if event.fatalities is not None:
        parts.append(f"<b>Fatalities</b>: {int(event.fatalities)}<br>")
    if event.actors:
        parts.append(f"<b>Actors</b>: {escape_text('; '.join(event.actors))}<br>")
    if event.quote:
        quote = event.quote if len(event.quote) <= QUOTE_CHARS else event.quote[:QUOTE_CHARS] + "…"
        parts.append(f"<i>&#8220;{escape_text(quote)}&#8221;</i><br>")
    title = event.source_title or event.source_url or event.doc_id
    link = safe_link(event.source_url)
    if link:
        parts.append(
            f'<b>Source</b>: <a href="{escape_text(link)}" target="_blank" '
            f'rel="noopener noreferrer nofollow">{escape_text(title)}</a>'
        )
    elif title:
        parts.append(f"<b>Source</b>: {escape_text(title)}")
    parts.append("</div>")
    return "".join(parts)
