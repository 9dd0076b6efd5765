"""Errors of the gazetteer, one root, each also a builtin (geopy's pattern)."""

from __future__ import annotations


class GazetteerError(Exception):
    """Root of the gazetteer's errors."""


class BadInput(GazetteerError, ValueError):
    """Text or query that cannot be parsed (binary, not text, too large); names the input."""


class IndexNotBuilt(GazetteerError, FileNotFoundError):
    """The on-disk index is missing or unreadable and could not be built."""
