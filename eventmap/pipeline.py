"""From a document to its events: the one path every caller (CLI, API, dashboard) uses.

The stages are plain functions owned by their modules (``gazetteer.parse``,
``eventmap.dates.find_dates``, ``eventmap.events.extract_events``); this module only
orders them, anchors dates on the publication date, and stores the result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from eventmap.model import Document, Event

if TYPE_CHECKING:  # imported lazily at run time: the gazetteer is heavy to load
    from eventmap.dates.types import TimeExpression
    from eventmap.store.base import Store, StoredMention
    from gazetteer import Gazetteer, Mention

SUPPORTED_DATE_LANGUAGES = ("fr", "en")


@dataclass(slots=True)
class Extraction:
    """What one document gave: its places, its time expressions and its events."""

    document: Document
    mentions: list[Mention]
    times: list[TimeExpression]
    events: list[Event]
    # sentences that told an event at no place the gazetteer knows (and no focus country)
    unplaced: list[str] = field(default_factory=list)


@dataclass(slots=True)
class IngestSummary:
    """What an ingest run did, for the CLI's summary and the dashboard's report."""

    documents_read: int = 0
    documents_new: int = 0
    documents_known: int = 0
    events_found: int = 0
    events_unplaced: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [
            (
                f"documents read: {self.documents_read} "
                f"(new {self.documents_new}, already stored {self.documents_known})"
            ),
            f"events found: {self.events_found}",
        ]
        if self.events_unplaced:
            out.append(
                f"events left out, at no place the gazetteer knows: {self.events_unplaced} "
                "(--focus-country CC keeps them at that country's level; --places FILE adds "
                "your own places)"
            )
        out.append(f"skipped inputs: {len(self.skipped)}")
        out += [f"  {source}: {reason}" for source, reason in self.skipped]
        return out


def date_language(doc: Document) -> str:
    """The language to read dates in: the document's if we have lexicons for it, else English."""
    return doc.language if doc.language in SUPPORTED_DATE_LANGUAGES else "en"


def with_publication_date(doc: Document) -> Document:
    """The document with its publication date: given, else inferred from the text (and marked so)."""
    if doc.published is not None:
        return doc
    from eventmap.dates import infer_publication_date

    inferred = infer_publication_date(doc.text, language=date_language(doc))
    if inferred is None:
        return doc
    return replace(doc, published=inferred, published_inferred=True)


def process(doc: Document, gazetteer: Gazetteer, *, today: dt.date | None = None) -> Extraction:
    """Places, dates and events of one document.

    Relative dates are anchored on the publication date; a document with none (given or
    inferred) is anchored on ``today``, and its events carry a lower confidence.
    """
    from eventmap.dates import find_dates
    from eventmap.events import extract_events

    doc = with_publication_date(doc)
    anchor = doc.published or today or dt.date.today()
    mentions = gazetteer.parse(doc.text, language=doc.language)
    if gazetteer.has_online:
        # villages the offline gazetteer lacks, asked of the user's geocoder
        from eventmap.online_places import with_online_places

        mentions = with_online_places(doc.text, doc.language or "en", mentions, gazetteer)
    times = find_dates(doc.text, anchor=anchor, language=date_language(doc))
    unplaced: list[str] = []
    events = extract_events(doc, mentions, times, home=home_country(gazetteer),
                            unplaced=unplaced)
    if doc.published is None:
        events = [replace(e, confidence=round(e.confidence * 0.7, 4)) for e in events]
    return Extraction(document=doc, mentions=list(mentions), times=list(times), events=events,
                      unplaced=unplaced)


@lru_cache(maxsize=4)  # a run uses one gazetteer; a few, not every one a process saw
def home_country(gazetteer: Gazetteer) -> Mention | None:
    """The one country a gazetteer is focused on, as a mention the text does not write.

    Why: an analyst who runs ``eventmap ingest --focus-country BF`` says where the texts
    are; an event at a village no gazetteer knows then stays, at that country's level.
    """
    from gazetteer import Mention

    if len(gazetteer.focus_countries) != 1:
        return None
    (cc,) = gazetteer.focus_countries
    name = gazetteer.country_name(cc)
    if name is None:
        return None
    for place in gazetteer.candidates(name):
        if place.feature == "country" and place.country_code == cc:
            return Mention(text="", start=0, end=0, place=place, confidence=0.3)
    return None


def stored_mentions(doc_id: str, mentions: Sequence[Mention]) -> list[StoredMention]:
    """The gazetteer's mentions as the store keeps them (the store knows no gazetteer)."""
    from eventmap.store.base import StoredMention

    return [
        StoredMention(
            doc_id=doc_id,
            start=m.start,
            end=m.end,
            text=m.text,
            name=m.name,
            latitude=m.lat,
            longitude=m.lon,
            country_code=m.country_code,
            geonameid=m.geonameid,
            admin1=m.admin1,
            feature=m.feature,
            confidence=m.confidence,
            alternatives=[
                {"key": p.key, "name": p.name, "lat": p.lat, "lon": p.lon,
                 "country_code": p.country_code, "admin1": p.admin1, "feature": p.feature,
                 "geonameid": p.geonameid}
                for p in m.alternatives
            ],
        )
        for m in mentions
    ]


def ingest_documents(
    items: Iterable[Any],
    store: Store,
    gazetteer: Gazetteer,
    *,
    on_document: Callable[[Extraction | None], None] | None = None,
) -> IngestSummary:
    """Process and store documents one transaction each; bad inputs are reported, not fatal.

    ``items`` yields ``Document`` or ``eventmap.sources.Skipped``; a document the pipeline
    cannot handle is skipped with its reason and the run goes on with the others.
    """
    summary = IngestSummary()
    for item in items:
        if not isinstance(item, Document):
            summary.skipped.append((item.input, item.reason))
            if on_document:
                on_document(None)
            continue
        summary.documents_read += 1
        if store.has_document(item.id):
            summary.documents_known += 1
            if on_document:
                on_document(None)
            continue
        try:
            extraction = process(item, gazetteer)
        except (ValueError, OSError) as exc:
            summary.skipped.append((item.path or item.url or item.id, str(exc)))
            if on_document:
                on_document(None)
            continue
        doc = extraction.document
        if store.ingest(doc, stored_mentions(doc.id, extraction.mentions), extraction.events):
            summary.documents_new += 1
            summary.events_found += len(extraction.events)
            summary.events_unplaced += len(extraction.unplaced)
        else:
            summary.documents_known += 1
        if on_document:
            on_document(extraction)
    return summary
