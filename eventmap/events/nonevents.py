"""Sentences that use an event's words but tell no event ACLED would code.

Why: news texts are full of tallies ("19 people have died since the start of the crisis"),
trends ("shelled since February 24"), backdrops ("the battle, begun in February, …") and
governments answering an event ("Russia condemned the strikes"). The classifier sees the
event's words in all of them; these tests, read after it, leave them out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from eventmap.dates.types import TimeExpression
from eventmap.events.classify import Analysis
from eventmap.events.lexicon import cue_patterns
from eventmap.events.location import PlaceChoice
from eventmap.events.sentences import Sentence
from eventmap.events.timing import EventDate
from gazetteer.types import Mention

_SUPERLATIVE_REACH = 60  # "the deadliest attack the country has suffered since …"


def aggregate(a: Analysis) -> bool:
    """A tally or a trend ("les attaques … se multiplient", "since the start of the crisis",
    "fait suite à de nombreuses autres lancées ces derniers jours").

    A superlative before the cue measures one event against the others ("the deadliest
    attack since the war began"): that event is told, not a tally.
    """
    if any(h.start >= a.trigger_end for h in a.hits.get("HABITUAL", [])):
        return True
    tallies = a.hits.get("AGGREGATE")
    if not tallies:
        return False
    supers = a.hits.get("SUPERLATIVE", [])
    return any(not any(0 <= t.start - s.end <= _SUPERLATIVE_REACH for s in supers)
               for t in tallies)


def since_spans(folded: str, sentence: Sentence, language: str) -> list[tuple[int, int]]:
    """Where a sentence opens a period ("since October 2019", "depuis que …")."""
    seg = folded[sentence.start:sentence.end]
    return [(sentence.start + m.start(), sentence.start + m.end())
            for p in cue_patterns(language, "since") for m in p.finditer(seg)]


_SINCE_REACH = 30  # "heavy shelling since …": the period right after the event's word
_START_REACH = 60  # "since Russia launched its full-scale invasion on February 24"


def trend(a: Analysis, since: Sequence[tuple[int, int]],
          tms: Sequence[TimeExpression]) -> bool:
    """What goes on since a dated start, told right after the event's word ("the city has
    come under heavy shelling since Russia launched its invasion on February 24"), is a
    trend, not an event; "the deadliest attack since 2019" is one event. A "since" further
    on mostly qualifies something else ("a general arrested since 2015"), one with no date
    may give a reason ("since there is a high risk")."""
    supers = a.hits.get("SUPERLATIVE", [])
    return any(0 <= lo - a.trigger_end <= _SINCE_REACH
               and not any(0 <= lo - s.end <= _SUPERLATIVE_REACH for s in supers)
               and any(hi <= t.start <= hi + _START_REACH for t in tms)
               for lo, hi in since)


def own_day(own: EventDate, a: Analysis) -> bool:
    """Whether the sentence gives the event a day of its own — not the day someone spoke
    ("the doctors said on Sunday that 56 civilians had been killed since …")."""
    if not (own.from_text and own.precision == 1):
        return False
    t = own.expression
    return t is None or not any(0 <= t.start - h.end <= 12 for h in a.hits.get("REPORTING", []))


def reaction(a: Analysis) -> bool:
    """A government's answer to an event told before, set only in a country: "Russia
    condemned the strikes … and suspended a hotline" (ACLED's strategic developments are
    what armed actors do where the conflict is, not diplomacy)."""
    return a.event_type == "Strategic developments" and "REACTION" in a.hits \
        and a.sub_event_type not in ("Arrests", "Looting/property destruction")


def background(sentence: Sentence, own: EventDate, places: Sequence[PlaceChoice],
               ments: Sequence[Mention], tms: Sequence[TimeExpression]) -> bool:
    """A backdrop: dated by a month or coarser and set nowhere but in the text's country.

    Why: "La bataille de la rive droite, engagée en février, …", "The agreement signed in
    December … had set a timetable" recall the story's background; an event told as news
    has a day, or at least a place of its own — maybe one the gazetteer lacks, so a sentence
    that names anything (a capitalised word that is no known place and no date) is kept.
    """
    if not (sentence.kind == "body" and own.from_text and own.precision >= 3 and places
            and all(p.role == "document" for p in places)):
        return False
    taken = [(m.start, m.end) for m in ments if sentence.start <= m.start < sentence.end]
    taken += [(t.start, t.end) for t in tms if sentence.start <= t.start < sentence.end]
    for word in _CAPITALISED.finditer(sentence.text, 1):
        at = sentence.start + word.start()
        if not any(lo <= at < hi for lo, hi in taken):
            return False
    return True


_CAPITALISED = re.compile(r"(?<![\w'’])[A-Z][\w'’-]+")
