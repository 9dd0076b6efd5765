"""Open what a reader was given (a path or a text stream) and parse the small things
every format has: numbers, coordinates."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import IO

from eventmap.errors import BadInput
from eventmap.imports.result import RowError

Source = str | Path | IO[str]


def open_source(
    source: Source, name: str | None = None, *, errors: str = "surrogateescape"
) -> tuple[IO[str], Callable[[], None], str]:
    """(text stream, close function, label for messages). A path is opened as UTF-8
    (a byte-order mark is skipped); a stream is used as is and left open.

    With ``errors="surrogateescape"`` (the default) bytes that are not UTF-8 become lone
    surrogates instead of stopping the read, so a row reader can reject just that row
    (``has_bad_bytes``) and name its line."""
    if hasattr(source, "read"):
        label = name or str(getattr(source, "name", "<stream>"))
        return source, lambda: None, label  # type: ignore[return-value]
    path = Path(source)  # type: ignore[arg-type]
    label = name or str(path)
    try:
        # Not a with-block: the stream outlives this call (ImportResult closes it).
        stream = open(path, encoding="utf-8-sig", errors=errors, newline="")  # noqa: SIM115
    except FileNotFoundError:
        raise BadInput(label, "no such file") from None
    except IsADirectoryError:
        raise BadInput(label, "is a directory, not a file") from None
    except OSError as exc:
        raise BadInput(label, f"cannot be read ({exc.strerror})") from None
    return stream, stream.close, label


_BAD_BYTES = re.compile("[\udc80-\udcff]")


def has_bad_bytes(text: str) -> bool:
    """True if the text holds bytes that were not UTF-8 (see ``open_source``)."""
    return _BAD_BYTES.search(text) is not None


def parse_float(text: str, what: str) -> float:
    """A finite number, or RowError naming the field."""
    text = text.strip()
    if not text:
        raise RowError(f"missing {what}")
    try:
        value = float(text)
    except ValueError:
        raise RowError(f"bad {what}: {text[:40]!r} is not a number") from None
    if not math.isfinite(value):
        raise RowError(f"bad {what}: {text[:40]!r} is not a finite number")
    return value


def parse_coordinates(lat_text: str, lon_text: str) -> tuple[float, float]:
    """(lat, lon) in WGS 84 range, or RowError saying what is wrong."""
    if not lat_text.strip() and not lon_text.strip():
        raise RowError("missing coordinates")
    lat = parse_float(lat_text, "latitude")
    lon = parse_float(lon_text, "longitude")
    if not -90.0 <= lat <= 90.0:
        raise RowError(f"latitude out of range: {lat}")
    if not -180.0 <= lon <= 180.0:
        raise RowError(f"longitude out of range: {lon}")
    return lat, lon


def parse_optional_int(text: str, what: str, *, minimum: int = 0) -> int | None:
    """An integer ≥ minimum, None when empty, or RowError."""
    text = text.strip()
    if not text:
        return None
    try:
        value = int(text)
    except ValueError:
        raise RowError(f"bad {what}: {text[:40]!r} is not an integer") from None
    if value < minimum:
        raise RowError(f"bad {what}: {value} is below {minimum}")
    return value


def parse_precision(text: str, what: str) -> int:
    """ACLED's 1, 2 or 3 (1 when the column is empty), or RowError."""
    value = parse_optional_int(text, what, minimum=1)
    if value is None:
        return 1
    if value > 3:
        raise RowError(f"bad {what}: {value} is not 1, 2 or 3")
    return value
