"""KML export for Google Earth, built with simplekml and streamed one Placemark at a time.

simplekml keeps a whole document in memory, so the document's frame and its shared
styles (one per event type) are written once and each event's Placemark is rendered on
its own and written straight away.

Escaping, because simplekml does not do all of it: it escapes ``name`` and
``description`` but passes a ``<![CDATA[`` section through verbatim (and what follows it
unescaped), and writes ExtendedData values raw. So every value handed to it here is
first made XML-safe by this module: control characters XML 1.0 forbids are dropped,
the CDATA opener is broken, Data values are escaped. The description is HTML that
Google Earth renders: it is ``style.popup_html``, in which all event text is escaped, so
untrusted text never becomes markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from xml.sax.saxutils import escape as xml_escape

import simplekml

from eventmap.export._output import Target, text_output
from eventmap.export.style import EVENT_COLOURS, FALLBACK_COLOUR, kml_colour, popup_html
from eventmap.model import PROPERTY_NAMES, Event

ICON = "http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<kml xmlns="http://www.opengis.net/kml/2.2"><Document>'
    "<name>{name}</name>\n"
)
_TAIL = "</Document></kml>\n"


_SIMPLEKML_ID = re.compile(r' id="\d+"')  # simplekml's global counter: not stable, not NCNames


def xml_chars(value: object) -> str:
    """The text without the control characters XML 1.0 cannot hold."""
    return _XML_FORBIDDEN.sub("", "" if value is None else str(value))


def xml_text(value: object) -> str:
    """Text for simplekml's escaped fields: XML-safe, with no CDATA opener it would keep."""
    return xml_chars(value).replace("<![CDATA[", "<!\u200b[CDATA[")


def style_id(event_type: str) -> str:
    """A stable XML id for an event type's shared style."""
    return "style-" + re.sub(r"[^a-z]+", "-", event_type.lower()).strip("-")


def _styles() -> str:
    out = []
    for event_type, colour in [*EVENT_COLOURS.items(), ("other", FALLBACK_COLOUR)]:
        style = simplekml.Style()
        style.iconstyle.color = kml_colour(colour)
        style.iconstyle.scale = 1.0
        style.iconstyle.icon.href = ICON
        style.labelstyle.scale = 0  # labels off: thousands of names are unreadable
        # simplekml numbers its ids from a global counter; give styles readable, stable ids.
        xml = _SIMPLEKML_ID.sub("", str(style))
        out.append(xml.replace("<Style>", f'<Style id="{style_id(event_type)}">', 1))
    return "\n".join(out) + "\n"


def _data_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    return xml_escape(xml_chars(value), {'"': "&quot;"})


def placemark_kml(event: Event) -> str:
    """One event as a KML Placemark (name = type and place, HTML description, schema data)."""
    point = simplekml.Point(
        name=xml_text(f"{event.event_type} — {event.place}"),
        description=xml_text(popup_html(event)),
        coords=[(round(event.longitude, 6), round(event.latitude, 6))],
    )
    known = event.event_type in EVENT_COLOURS
    point.placemark.styleurl = "#" + style_id(event.event_type if known else "other")
    point.timestamp.when = event.date.isoformat()
    props = event.to_properties()
    for name in PROPERTY_NAMES:
        point.extendeddata.newdata(name=name, value=_data_value(props[name]))
    return _SIMPLEKML_ID.sub("", str(point.placemark))


def write_kml(events: Iterable[Event], out: Target, *, name: str = "eventmap events") -> int:
    """Write a KML document with one Placemark per event; returns the count."""
    count = 0
    with text_output(out) as stream:
        stream.write(_HEAD.format(name=xml_escape(xml_text(name))))
        stream.write(_styles())
        for event in events:
            stream.write(placemark_kml(event))
            stream.write("\n")
            count += 1
        stream.write(_TAIL)
    return count
