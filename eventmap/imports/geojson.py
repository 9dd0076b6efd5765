"""GeoJSON FeatureCollections of eventmap events (``Event.from_properties``), streamed.

The top-level object is read key by key and the ``features`` array element by element
(``json.JSONDecoder.raw_decode`` over a sliding buffer), so a file of a million features
never needs a million dicts at once.

Each feature must be a ``Feature`` with a ``Point`` geometry whose coordinates are two
(or three: altitude is ignored) numbers in WGS 84 range, and properties with at least
``id``, ``date``, ``event_type``, ``place`` and ``country_code`` of the schema's types;
other schema properties may be missing (the model's defaults apply) and unknown ones are
ignored. A feature that fails is rejected with its index in ``features`` (``Rejected.line``,
``unit="feature"``) and the reason; the others are imported (see
``eventmap.imports.result``). Broken JSON (e.g. a truncated file) cannot be re-synchronised
and raises ``BadInput`` with the line where it breaks.

Export → import → export gives the same bytes: the export writes exactly what
``from_properties`` reads back (coordinates already rounded, confidence already rounded).
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterator
from typing import IO, Any

from eventmap.errors import BadInput
from eventmap.imports._input import Source, open_source
from eventmap.imports.result import ImportResult, Outcome, Rejected, RowError
from eventmap.model import EVENT_TYPES, PROPERTY_NAMES, SUB_EVENT_TYPES, Event

_CHUNK = 1 << 16
_WS = " \t\r\n"
_DECODER = json.JSONDecoder()
REQUIRED = ("id", "date", "event_type", "place", "country_code")
_STR_OR_NULL = ("sub_event_type", "admin1", "source_title", "source_url")
_STR = ("mention", "quote", "doc_id", "language")
_INT_OR_NULL = ("fatalities", "geonameid")


def read_geojson(source: Source, *, name: str | None = None) -> ImportResult:
    """Read a GeoJSON FeatureCollection of events (path or text stream)."""
    stream, close, label = open_source(source, name, errors="strict")  # JSON is UTF-8
    return ImportResult(label, "geojson", _features(_JsonStream(stream, label)), close)


class _JsonStream:
    """A text stream with a buffer, from which JSON values are decoded one at a time."""

    def __init__(self, stream: IO[str], label: str) -> None:
        self.stream = stream
        self.label = label
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.lines_before = 0  # newlines in the text already dropped from the buffer

    def _fill(self) -> bool:
        if self.eof:
            return False
        try:
            chunk = self.stream.read(_CHUNK)
        except UnicodeDecodeError:
            raise self.fail("not UTF-8 text (RFC 8259 asks JSON files to be UTF-8)") from None
        if not chunk:
            self.eof = True
            return False
        if self.pos > _CHUNK:
            self.lines_before += self.buf.count("\n", 0, self.pos)
            self.buf = self.buf[self.pos :]
            self.pos = 0
        self.buf += chunk
        return True

    def line(self) -> int:
        return self.lines_before + self.buf.count("\n", 0, self.pos) + 1

    def fail(self, reason: str) -> BadInput:
        return BadInput(self.label, reason, line=self.line())

    def peek(self) -> str:
        """The next non-blank character ('' at the end)."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _WS:
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if not self._fill():
                return ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            found = self.peek() or "the end of the file"
            raise self.fail(f"not a GeoJSON FeatureCollection: expected {char!r}, found {found!r}")
        self.pos += 1

    def value(self) -> Any:
        """Decode the next JSON value, reading more text until it is complete."""
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                # Text cut at the buffer's end reads as an error there (or as a string
                # left open): read on. An error well inside the buffer is real.
                cut = exc.pos >= len(self.buf) - 32 or exc.msg.startswith("Unterminated")
                if cut and self._fill():
                    continue
                self.pos = min(exc.pos, len(self.buf))
                raise self.fail(f"broken JSON: {exc.msg}") from None
            if end == len(self.buf) and not self.eof and self._fill():
                continue  # a number may go on in the next chunk: decode again
            self.pos = end
            return value


def _features(js: _JsonStream) -> Iterator[Outcome]:
    js.expect("{")
    seen_type = False
    seen_features = False
    first = True
    while True:
        if js.peek() == "}":
            js.pos += 1
            break
        if not first:
            js.expect(",")
        first = False
        key = js.value()
        js.expect(":")
        if key == "features":
            if js.peek() != "[":
                raise js.fail("not a GeoJSON FeatureCollection: features is not an array")
            js.pos += 1
            seen_features = True
            index = 0
            while js.peek() != "]":
                if index:
                    js.expect(",")
                feature = js.value()
                try:
                    yield feature_event(feature)
                except RowError as exc:
                    yield Rejected(index, str(exc), unit="feature")
                index += 1
            js.pos += 1
        else:
            value = js.value()
            if key == "type":
                if value != "FeatureCollection":
                    raise js.fail(f"not a GeoJSON FeatureCollection: type is {str(value)[:40]!r}")
                seen_type = True
    if not (seen_type and seen_features):
        raise js.fail("not a GeoJSON FeatureCollection: no type or no features")


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _coordinates(geometry: Any) -> tuple[float, float]:
    if not isinstance(geometry, dict):
        raise RowError("bad geometry: missing or not an object")
    kind = geometry.get("type")
    if kind != "Point":
        raise RowError(f"bad geometry: {str(kind)[:30]!r}, an event is a Point")
    coords = geometry.get("coordinates")
    if not isinstance(coords, list) or len(coords) not in (2, 3):
        raise RowError("bad coordinates: a Point needs [longitude, latitude]")
    if not all(_number(c) for c in coords):
        raise RowError(f"bad coordinates: not numbers: {json.dumps(coords)[:60]}")
    lon, lat = float(coords[0]), float(coords[1])
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise RowError("bad coordinates: not finite")
    if not -180.0 <= lon <= 180.0:
        raise RowError(f"bad coordinates: longitude out of range: {lon}")
    if not -90.0 <= lat <= 90.0:
        raise RowError(f"bad coordinates: latitude out of range: {lat}")
    return lon, lat


def _check_properties(props: dict[str, Any]) -> None:
    for name in REQUIRED:
        if props.get(name) is None:
            raise RowError(f"missing property: {name}")
    for name in (*REQUIRED, *_STR):
        if name in props and not isinstance(props[name], str):
            raise RowError(f"bad property: {name} is not a string")
    for name in _STR_OR_NULL:
        if props.get(name) is not None and not isinstance(props[name], str):
            raise RowError(f"bad property: {name} is not a string or null")
    for name in _INT_OR_NULL:
        value = props.get(name)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
            raise RowError(f"bad property: {name} is not an integer or null")
    for name in ("time_precision", "geo_precision"):
        if name in props and props[name] not in (1, 2, 3) or isinstance(props.get(name), bool):
            raise RowError(f"bad property: {name} is not 1, 2 or 3")
    if "confidence" in props:
        conf = props["confidence"]
        if not _number(conf) or not 0.0 <= conf <= 1.0:
            raise RowError("bad property: confidence is not a number from 0 to 1")
    if "reviewed" in props and not isinstance(props["reviewed"], bool):
        raise RowError("bad property: reviewed is not true or false")
    actors = props.get("actors", [])
    if actors is not None and (
        not isinstance(actors, list) or not all(isinstance(a, str) for a in actors)
    ):
        raise RowError("bad property: actors is not a list of strings")
    event_type = props["event_type"]
    if event_type not in EVENT_TYPES:
        raise RowError(f"bad property: event_type {event_type[:40]!r} is not an ACLED type")
    sub = props.get("sub_event_type")
    if sub is not None and sub not in SUB_EVENT_TYPES[event_type]:
        raise RowError(f"bad property: sub_event_type {sub[:40]!r} is not one of {event_type}'s")
    for name in ("date", "published"):
        value = props.get(name)
        if value is not None:
            try:
                dt.date.fromisoformat(value)
            except (TypeError, ValueError):
                raise RowError(
                    f"bad property: {name} {str(value)[:20]!r} is not YYYY-MM-DD"
                ) from None


def feature_event(feature: Any) -> Event:
    """One GeoJSON Feature as an Event, or RowError saying why not."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise RowError("not a Feature")
    lon, lat = _coordinates(feature.get("geometry"))
    props = feature.get("properties")
    if not isinstance(props, dict):
        raise RowError("missing properties")
    _check_properties(props)
    known = {k: v for k, v in props.items() if k in PROPERTY_NAMES}
    event = Event.from_properties(known, lon, lat)
    event.origin = "geojson"
    return event
