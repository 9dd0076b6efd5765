"""An event told again: a reaction to it, a comment on it, or its toll told apart.

Why: ACLED codes an event once. After "a drone struck the base", "Washington condemned the
attack" and "six people were killed at the base" speak of the same event; read on their own
they would be new ones. What they add (a day, a death count) goes to the event told before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from eventmap.events.classify import SUBJECT_FEATURES, Analysis
from eventmap.events.fatalities import find_fatalities
from eventmap.events.lexicon import Lexicon
from eventmap.events.location import PlaceChoice, place_key
from eventmap.events.merge import VIOLENT, Candidate, window_days
from eventmap.events.sentences import Sentence
from eventmap.events.timing import EventDate

_DEFINITE = {
    # "Tuesday's chemical attack": a day's possessive names the event as one already known
    "en": re.compile(r"(?:^|[^\w])(?:the|this|that|these|those|its|their|such|(?:monday|tuesday|"
                     r"wednesday|thursday|friday|saturday|sunday|yesterday|today|weekend|"
                     r"night|week)'s)\s+(?:[a-z-]+\s+)?$"),
    "fr": re.compile(r"(?:^|[^\w])(?:le|la|les|l'|cette|cet|ce|ces|son|sa|leur|leurs)\s*(?:[a-z-]+\s+)?$"),
}


# who acts: a definite noun of these before the trigger is its subject, not the event named
_DOERS = SUBJECT_FEATURES


def told_before(a: Analysis, folded: str, sentence: Sentence, when: EventDate,
                places: Sequence[PlaceChoice], cands: Sequence[Candidate],
                language: str) -> Candidate | None:
    """The earlier event a sentence only speaks of again, if it does.

    Why: reactions, claims and comments name the event with a definite noun phrase — "the
    attack", "the strikes", "cette attaque" — and add no date of their own; the places they
    name are the speakers' ("Washington condemned the attack"). ACLED codes the event once.
    A new place after the trigger with a locative preposition ("the attack in Kidal") or a
    date of its own makes it another event.
    """
    if sentence.kind != "body" or not cands:
        return None
    pattern = _DEFINITE.get(language, _DEFINITE["en"])
    lo = max(sentence.start, a.trigger_start - 30)
    found = pattern.search(folded[lo:a.trigger_start])
    if found is None or any(lo + found.start() <= h.start < a.trigger_start
                            for k in _DOERS for h in a.hits.get(k, ())):
        return None  # no definite event noun ("the army attacked", "its aircraft were striking")
    violent = a.event_type in VIOLENT
    for c in reversed(cands):
        ev = c.event
        if not (ev.event_type == a.event_type or (violent and ev.event_type in VIOLENT)):
            continue
        if when.from_text and when.date != ev.date and not _within(c, when):
            continue  # another event of that kind, told on another day
        reports = a.hits.get("REPORTING", [])
        for p in places:
            m = p.mention
            if p.role in ("none", "document", "country", "context", "home") \
                    or place_key(m) == c.place_key \
                    or m.country_code == ev.country_code and p.geo_precision == 3:
                continue
            lo, hi = sorted((m.end, a.trigger_start))
            if not any(lo <= h.start < hi for h in reports):
                return None  # a place of its own ("the attack in Kidal"): another event
        return c
    return None


# the features that tell an act of its own (a weapon, an assault, an abduction …): a sentence
# with none of them and only deaths or wounds tells a toll
_ACTS = frozenset({"ATTACK", "AMBUSH", "CLASH", "REPEL", "AIRSTRIKE", "SHELLING", "IED", "BLAST",
                   "SUICIDE", "GRENADE", "CHEMICAL", "ABDUCT", "SEXUAL", "ASSASSINATE", "LOOT",
                   "SEIZE", "RIOT", "RIOT_ACTION", "MOB", "STONES", "PROTEST", "ARREST",
                   "TAKEOVER", "RETAKE", "EXCESSIVE", "DISPERSE", "AIRFIRE", "LABEL_LOOT"})


def toll_of(a: Analysis, sentence: Sentence, own: EventDate, placed: bool,
            cands: Sequence[Candidate], last: tuple[int, int] | None) -> Candidate | None:
    """The violent event whose toll a sentence tells, if it only tells one.

    Why: "The Syrian army said six people were killed at the base" after the strike told in
    the paragraph before names no act, no place and no day of its own: the dead are the
    strike's (ACLED codes them with it), whatever the place and date the narrative carries.
    """
    if last is None or sentence.kind != "body" or placed or own.from_text \
            or a.event_type not in VIOLENT or not 0 <= sentence.paragraph - last[0] <= 2:
        return None
    if "KILL" not in a.hits and "INJURE" not in a.hits or not _ACTS.isdisjoint(a.hits):
        return None
    return cands[last[1]] if last[1] < len(cands) else None


def retell(ref: Candidate, a: Analysis, sentence: Sentence, own: EventDate, toll: bool,
           language: str, folded_sentence: str, lex: Lexicon) -> None:
    """Give the event told before what the sentence speaking of it again adds.

    Why: "Tuesday's attack …" dates a report the headline gave only by publication; a
    death count stated later belongs to the event, not to a new one. A ``toll`` (a sentence
    telling only the dead) gives only them.
    """
    if not toll and own.from_text and not ref.from_text:
        ref.event = ref.event.with_changes(date=own.date, time_precision=own.precision)
        ref.from_text = True
    if ref.event.fatalities is None and "KILL" in a.hits:
        found = find_fatalities(sentence.text, language, folded=folded_sentence, lexicon=lex)
        if found:
            ref.event = ref.event.with_changes(fatalities=found)


def _within(earlier: Candidate, when: EventDate) -> bool:
    """Whether a dated mention fits an earlier report dated only by publication (a headline
    "after chemical attack", then "Tuesday's chemical attack")."""
    if earlier.from_text:
        return False
    days = (earlier.event.date - when.date).days
    return 0 <= days <= window_days(earlier.event.time_precision)
