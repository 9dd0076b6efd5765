"""KML export: well-formed, one Placemark per event, styled by type, text never markup."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from eventmap.export import write_kml
from eventmap.export.kml import style_id
from eventmap.imports import read_acled
from eventmap.model import EVENT_TYPES, PROPERTY_NAMES, Event

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
NS = {"k": "http://www.opengis.net/kml/2.2"}
XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<![CDATA[<script>alert(2)</script>]]><script>alert(3)</script>",
    "]]><script>alert(4)</script>",
    "&lt;script&gt;alert(5)&lt;/script&gt;",
    "\x00\x08 control characters \x1f",
]


def hostile(payload: str, i: int = 0) -> Event:
    return Event(
        id=f"ev-{i}",
        date=dt.date(2021, 3, 1),
        event_type=EVENT_TYPES[i % 6],
        latitude=10.5,
        longitude=-3.25,
        place=payload,
        country_code="BF",
        quote=payload,
        actors=[payload],
        source_title=payload,
        source_url="javascript:alert(1)//" + payload,
        mention=payload,
        admin1=payload,
    )


def kml_of(events: list[Event]) -> str:
    out = io.StringIO()
    assert write_kml(events, out) == len(events)
    return out.getvalue()


def test_one_styled_placemark_per_event_with_schema_data() -> None:
    events = list(read_acled(FIXTURES / "acled_current.csv").events)
    root = ET.fromstring(kml_of(events).encode("utf-8"))
    placemarks = root.findall(".//k:Placemark", NS)
    assert len(placemarks) == len(events)
    styles = {s.get("id") for s in root.findall(".//k:Style", NS)}
    assert {style_id(t) for t in EVENT_TYPES} <= styles
    for event, placemark in zip(events, placemarks):
        assert placemark.findtext("k:name", namespaces=NS) == f"{event.event_type} — {event.place}"
        assert placemark.findtext("k:styleUrl", namespaces=NS) == "#" + style_id(event.event_type)
        coords = placemark.findtext(".//k:coordinates", namespaces=NS)
        assert coords.split(",")[:2] == [str(event.longitude), str(event.latitude)]
        data = {
            d.get("name"): d.findtext("k:value", namespaces=NS)
            for d in placemark.findall(".//k:Data", NS)
        }
        assert list(data) == list(PROPERTY_NAMES)
        assert data["id"] == event.id and data["date"] == event.date.isoformat()
        description = placemark.findtext("k:description", namespaces=NS)
        assert event.date.isoformat() in description and event.event_type in description


@pytest.mark.parametrize("payload", XSS)
def test_untrusted_text_never_becomes_markup(payload: str) -> None:
    root = ET.fromstring(kml_of([hostile(payload)]).encode("utf-8"))  # well-formed
    placemark = root.find(".//k:Placemark", NS)
    description = placemark.findtext("k:description", namespaces=NS)
    # The description is HTML for Google Earth: only our own tags, no event text as tags.
    assert "<script" not in description and "<img" not in description
    assert "<![CDATA[" not in description and 'href="javascript' not in description
    data = {
        d.get("name"): d.findtext("k:value", namespaces=NS)
        for d in placemark.findall(".//k:Data", NS)
    }
    clean = "".join(c for c in payload if c >= " ")
    assert data["quote"] == clean  # ExtendedData keeps the text, as text
    assert len(placemark.findall(".//k:Data", NS)) == len(PROPERTY_NAMES)


def test_script_quote_is_escaped_in_the_file() -> None:
    text = kml_of([hostile("<script>alert(1)</script>")])
    assert "<script>" not in text
    assert "&amp;lt;script&amp;gt;" in text  # escaped for HTML, then for XML


@pytest.mark.needs_gdal
def test_gdal_reads_our_kml(tmp_path: Path, ogrinfo: str) -> None:
    events = [
        *read_acled(FIXTURES / "acled_current.csv").events,
        *(hostile(p, i) for i, p in enumerate(XSS)),
    ]
    path = tmp_path / "events.kml"
    write_kml(events, path)
    summary = subprocess.run(
        [ogrinfo, "-ro", "-al", "-so", str(path)], capture_output=True, text=True, check=True
    ).stdout
    assert f"Feature Count: {len(events)}" in summary
