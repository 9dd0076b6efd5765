"""The day of an event whose sentence gives none: the narrative's, not the publication's.

Why: news dates a scene once and tells it on ("On Sunday, gunmen attacked Djibo. They
burned the market."). A sentence with no date of its own takes the day its paragraph set —
in an earlier sentence that told no event, or with the last dated event — or the day of
the news told just before. Told in the present ("sources say") it is the day's news;
told as an account ("saying he was abducted") it happened some time before.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from eventmap.dates.types import TimeExpression
from eventmap.events.classify import Analysis
from eventmap.events.lexicon import Lexicon
from eventmap.events.sentences import Sentence
from eventmap.events.timing import EventDate, choose_date

# the paragraph of the last event dated by its own text, and that date
Dated = tuple[int, EventDate]


def account_date(when: EventDate, a: Analysis) -> EventDate | None:
    """The date of an event told as an account ("saying he was abducted in Gao"): some time
    before the publication, not its day — None when the sentence is no such account."""
    if not when.from_text and any(h.start < a.trigger_start for h in a.hits.get("ACCOUNT", [])):
        return EventDate(when.date, 3, False, None, when.strength)
    return None


def scene_date(quiet: Sequence[Sentence], folded: str, tms: Sequence[TimeExpression],
               lex: Lexicon, published: dt.date | None) -> EventDate | None:
    """The date set by the nearest earlier sentence of the paragraph that told no event."""
    for prev in reversed(quiet):
        if not any(prev.start <= t.start < prev.end for t in tms):
            continue
        found = choose_date(prev.start, prev.end, folded, tms, None, lex, published=published)
        if found is not None and found.from_text:
            return EventDate(found.date, found.precision, True, found.expression,
                             found.strength * 0.8)
    return None


def narrative_date(when: EventDate, sentence: Sentence, recent: bool, last: Dated | None,
                   quiet: Sequence[Sentence], folded: str, tms: Sequence[TimeExpression],
                   lex: Lexicon, published: dt.date | None) -> tuple[EventDate, bool]:
    """The date of a sentence's event once the narrative is heard, and whether it was carried
    over from the last dated event (``when`` as it is when the sentence has its own date,
    is no body sentence or is ``recent``: the day's news)."""
    if not when.from_text and sentence.kind == "body" and not recent and (
            last is None or last[0] != sentence.paragraph):
        # the paragraph opened with a date in a sentence that told no event of its own
        scene = scene_date(quiet, folded, tms, lex, published)
        if scene is not None:
            when = scene
    if not when.from_text and sentence.kind == "body" and last is not None and not recent:
        # no date of its own: the narrative goes on from the last dated event — same
        # paragraph, or the day's news told just before ("viennent d'être frappés"
        # is news of the day, not the story told before it)
        para, dated = last
        if para == sentence.paragraph or (
                published is not None and 0 <= (published - dated.date).days <= 3):
            return EventDate(dated.date, dated.precision, True, None, dated.strength * 0.7), True
    return when, False
