"""Shared pieces of the readers: the ``Skipped`` record, size limits, text normalisation.

Normalisation is deliberately light: character offsets into ``Document.text`` are stored
downstream, so the text stays as written except for what would make offsets unstable
(decomposed accents, mixed newlines, NULs, lone surrogates).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

MB = 1024 * 1024
#: A file or stdin larger than this is skipped: news articles are kilobytes, and reading
#: a stray 2 GB dump into memory would stop the whole run.
MAX_FILE_BYTES = 20 * MB

_NEWLINES = str.maketrans({"\r": "\n", "\u2028": "\n", "\u2029": "\n", "\x85": "\n", "\x00": None})


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that gave no document, with one reason a person can act on."""

    input: str
    reason: str

    def __str__(self) -> str:
        return f"{self.input}: {self.reason}"


def normalise_text(text: str) -> str:
    """NFC, one kind of newline, no NUL, no lone surrogate, no leading BOM; nothing else."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates (e.g. from os.fsdecode): make them visible
        text = text.encode("utf-8", "replace").decode("utf-8")
    text = text.removeprefix("\ufeff")
    text = text.replace("\r\n", "\n").translate(_NEWLINES)
    return unicodedata.normalize("NFC", text)


def size_label(n_bytes: int) -> str:
    """``20 MB`` style label for reasons ("too large (> 20 MB)")."""
    if n_bytes >= MB and n_bytes % MB == 0:
        return f"{n_bytes // MB} MB"
    if n_bytes >= MB:
        return f"{n_bytes / MB:.1f} MB"
    return f"{n_bytes} bytes"
