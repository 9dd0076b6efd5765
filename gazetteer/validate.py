"""Check inputs before any work, so bad input fails with one clear ``BadInput`` naming it."""

from __future__ import annotations

import re

from gazetteer.errors import BadInput

# Documented cap: a text longer than this is refused (news articles are < 100 kB; split a
# corpus into documents). Parsing runs at several MB/s, so the cap bounds a call to seconds.
MAX_TEXT_CHARS = 10_000_000
MAX_QUERY_CHARS = 1_000
# C0 controls other than the whitespace ones (\t \n \v \f \r): a scan in C, because every
# parsed text goes through here (str.translate with a dict costs ~30 us per 1 kB).
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f]")
_CONTROL_BYTES = bytes(range(0x09)) + bytes(range(0x0E, 0x20))


def as_text(value: object, *, what: str, max_chars: int = MAX_TEXT_CHARS) -> str:
    """``value`` as a str: UTF-8 bytes are decoded; binary, non-UTF-8 or oversized input raises."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        raw = bytes(value)
        try:
            value = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadInput(
                f"{what}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})"
            ) from None
    if not isinstance(value, str):
        raise BadInput(f"{what}: expected text (str), got {type(value).__name__}")
    if len(value) > max_chars:
        raise BadInput(
            f"{what}: {len(value):,} characters is more than the limit of {max_chars:,}; "
            "split it into documents"
        )
    head = value[:65536]
    if "\x00" in head:
        raise BadInput(f"{what}: looks binary (contains NUL characters), not text")
    controls = len(_CONTROL_RE.findall(head)) if _has_control(head) else 0
    if head and controls > 0.1 * len(head):
        raise BadInput(f"{what}: looks binary ({controls} control characters), not text")
    return value


def _has_control(text: str) -> bool:
    """Whether ``text`` has a character of ``_CONTROL_RE`` (as its ``search``, 4x faster):
    its UTF-8 bytes lose some when those are deleted (one C pass; such a character is one
    byte in UTF-8, and no byte of a longer sequence is below 0x80)."""
    raw = text.encode("utf-8", "surrogatepass")
    return len(raw.translate(None, _CONTROL_BYTES)) != len(raw)
