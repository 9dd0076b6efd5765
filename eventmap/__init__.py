"""eventmap: news texts in, events on a map out — offline, French and English first."""

from eventmap.errors import BadInput, EventmapError, NotFound, SourceUnavailable, StoreError
from eventmap.model import EVENT_TYPES, SUB_EVENT_TYPES, Document, Event

__version__ = "0.1.0"

__all__ = [
    "BadInput",
    "Document",
    "EVENT_TYPES",
    "Event",
    "EventmapError",
    "NotFound",
    "SUB_EVENT_TYPES",
    "SourceUnavailable",
    "StoreError",
    "__version__",
]
