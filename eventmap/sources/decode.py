"""Bytes to text: byte-order marks, UTF-8, a declared charset, then charset detection.

A file that is not text gets one clear reason instead of a page of mojibake: binary
formats are recognised by their signature or by NULs and control characters, and a
charset guess is only used when charset_normalizer is confident.
"""

from __future__ import annotations

import codecs
import re

from eventmap.errors import BadInput

#: Guesses noisier than this (charset_normalizer's "chaos", 0–1) are refused.
MAX_CHAOS = 0.1
#: How much of the start is inspected for binary content.
SNIFF_BYTES = 64 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive or office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old office document"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
)

# Western encodings first: our readers are mostly French and English, and charset
# detection often ties cp1252 with cp1250 on short French texts ("prčs" for "près").
_PREFERRED = ("utf_8", "ascii", "cp1252", "iso8859_15", "latin_1", "cp1250", "cp1251")

_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})""")


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark announces, if the data starts with one."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def binary_kind(data: bytes) -> str | None:
    """Why ``data`` is not text ("PDF", "binary file"), or None when it may be text."""
    if bom_encoding(data):  # UTF-16/32 text is full of NULs yet is text
        return None
    for signature, name in _SIGNATURES:
        if data.startswith(signature):
            return name
    head = data[:SNIFF_BYTES]
    if not head:
        return None
    if head.count(0) > max(1, len(head) // 1000):
        return "binary file"
    if len(_CONTROL.findall(head)) > len(head) * 0.1:
        return "binary file"
    return None


def declared_charset(data: bytes, content_type: str | None = None) -> str | None:
    """Charset named by an HTTP header, an XML declaration or an HTML ``<meta>``."""
    candidates: list[str] = []
    if content_type:
        match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", content_type, re.IGNORECASE)
        if match:
            candidates.append(match.group(1))
    head = data[:4096]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        found = pattern.search(head)
        if found:
            candidates.append(found.group(1).decode("ascii", "replace"))
    for name in candidates:
        try:
            return codecs.lookup(name).name
        except LookupError:
            continue
    return None


def decode_bytes(data: bytes, *, source: str, content_type: str | None = None) -> str:
    """Text of ``data``; BadInput when it is binary or no charset can be trusted."""
    kind = binary_kind(data)
    if kind:
        return _refuse(source, kind)
    bom = bom_encoding(data)
    if bom:
        try:
            return data.decode(bom).lstrip("\ufeff")
        except UnicodeDecodeError:
            raise BadInput(source, f"invalid {bom} text after its byte-order mark") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = declared_charset(data, content_type)
    if declared and declared not in ("utf-8", "utf-16", "utf-32"):
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass  # the declaration lies: fall through to detection
    guessed = _guess(data)
    if guessed is None:
        raise BadInput(source, "not UTF-8 text and no charset detected")
    return guessed


def _refuse(source: str, kind: str) -> str:
    reason = "binary file" if kind == "binary file" else f"binary file ({kind})"
    raise BadInput(source, reason)


def _guess(data: bytes) -> str | None:
    """charset_normalizer's reading when it is confident, preferring Western encodings on ties."""
    from charset_normalizer import from_bytes

    matches = [m for m in from_bytes(data) if m.chaos <= MAX_CHAOS]
    if not matches:
        return None
    best_chaos = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= best_chaos + 0.01]

    def rank(match: object) -> tuple[int, float]:
        encoding = getattr(match, "encoding", "")
        order = _PREFERRED.index(encoding) if encoding in _PREFERRED else len(_PREFERRED)
        return order, -float(getattr(match, "coherence", 0.0))

    best = min(tied, key=rank)
    return str(best)
