"""One root for every error eventmap raises, so callers can catch one name.

Each subclass also inherits the builtin it resembles (as geopy does), so plain
``except ValueError`` / ``except OSError`` keeps working for callers that do not
know eventmap.
"""

from __future__ import annotations


class EventmapError(Exception):
    """Root of eventmap's errors."""


class BadInput(EventmapError, ValueError):
    """An input (file, URL, text, row) that cannot be read; the message names it."""

    def __init__(self, source: str, reason: str, *, line: int | None = None) -> None:
        self.source = source
        self.reason = reason
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        super().__init__(f"{where}: {reason}")


class SourceUnavailable(EventmapError, OSError):
    """A URL or feed that could not be fetched (refused, timed out, too large)."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class StoreError(EventmapError, RuntimeError):
    """The event store cannot be opened or written."""


class StoreUnavailable(StoreError, ConnectionError):
    """The database server cannot be reached (e.g. PostGIS is down)."""


class NotFound(EventmapError, KeyError):
    """An event or document id that is not in the store."""

    def __str__(self) -> str:  # KeyError quotes its message; we want it plain
        return str(self.args[0]) if self.args else "not found"
