"""A source text as HTML with its places and dates highlighted and linked to their events.

Pure (no Streamlit). Every piece of the article is escaped with ``html.escape``; only the
``<mark>``/``<a>`` tags around the spans are ours.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import quote


@dataclass(frozen=True, slots=True)
class Span:
    """A highlighted stretch of the text: ``kind`` is "place" or "date"."""

    start: int
    end: int
    kind: str
    title: str
    event_id: str | None = None


def event_for(start: int, end: int, events: Sequence[tuple[str, int | None, int | None]]) -> str | None:
    """The event whose quoted sentence ``(id, start, end)`` contains the span, if one does."""
    for event_id, ev_start, ev_end in events:
        if ev_start is not None and ev_end is not None and ev_start <= start and end <= ev_end:
            return event_id
    return None


def highlight(text: str, spans: Sequence[Span], link: str = "review?event=") -> str:
    """The text as escaped HTML; overlapping spans keep the first (places before dates)."""
    out: list[str] = []
    pos = 0
    for span in sorted(spans, key=lambda s: (s.start, s.kind != "place")):
        if span.start < pos or span.end > len(text) or span.start >= span.end:
            continue
        out.append(html.escape(text[pos:span.start]))
        inner = (
            f'<mark class="em-{span.kind}" title="{html.escape(span.title, quote=True)}">'
            f"{html.escape(text[span.start:span.end])}</mark>"
        )
        if span.event_id:
            inner = (f'<a href="{link}{quote(span.event_id)}" target="_self" '
                     f'class="em-ev">{inner}</a>')
        out.append(inner)
        pos = span.end
    out.append(html.escape(text[pos:]))
    return (
        "<style>.em-doc{white-space:pre-wrap;line-height:1.6;font-size:15px}"
        ".em-place{background:#cde8ff;border-radius:3px;padding:0 2px}"
        ".em-date{background:#ffe6a8;border-radius:3px;padding:0 2px}"
        ".em-ev{text-decoration:none;color:inherit;border-bottom:2px solid #2e86c1}</style>"
        f'<div class="em-doc">{"".join(out)}</div>'
    )
