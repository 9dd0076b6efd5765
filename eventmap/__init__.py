"""eventmap: news texts in, events on a map out — offline, French and English first."""

from eventmap.errors import BadInput, EventmapError, NotFound, SourceUnavailable, StoreError
from eventmap.model import EVENT_TYPES, SUB_EVENT_TYPES, Document, Event

__version__ = "0.1.0"


def __getattr__(name: str):  # lazy: importing eventmap must not load the gazetteer or pandas
    if name in ("extract", "ingest", "export_events"):
        from eventmap import api

        return getattr(api, name)
    raise AttributeError(f"module 'eventmap' has no attribute {name!r}")

__all__ = [
    "EVENT_TYPES",
    "SUB_EVENT_TYPES",
    "BadInput",
    "Document",
    "Event",
    "EventmapError",
    "NotFound",
    "SourceUnavailable",
    "StoreError",
    "__version__",
    "export_events",
    "extract",
    "ingest",
]
