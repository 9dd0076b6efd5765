"""The place of an event whose sentence names none, or only a country: the narrative's.

Why: news tells the place once and goes on ("Gunmen attacked Djibo on Sunday. They burned
the market."). A sentence with no place of its own happens where its paragraph is — the
place an earlier sentence named, or the scene a sentence with no event set — else where
the paragraph before was (for the same kind of event), else in the country the text is
about, else in the analyst's country. Each step down is weaker (its strength is lowered).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import NamedTuple

from eventmap.events.lexicon import Lexicon, fold
from eventmap.events.location import PlaceChoice, choose_places, is_demonym
from eventmap.events.merge import UNKNOWN_KEY, VIOLENT
from eventmap.events.sentences import Sentence
from eventmap.events.unknown_places import UnknownPlace
from gazetteer.types import Mention

# the places a paragraph has set: the event's places and the end of their sentence
Here = tuple[list[PlaceChoice], int]
# the last place finer than a country: its places, paragraph and event type
Before = tuple[list[PlaceChoice], int, str]

# the roles of a place the event is said to be in or near (named, known or not)
_LOCATING = ("loc_in", "loc_near", "unknown")


class Setting(NamedTuple):
    """What the whole text offers a sentence that names no place: its mentions and text
    (for a scene set before), the place it is about and the analyst's country (a named
    tuple: one per document, made in a fraction of a frozen dataclass's time)."""

    text: str
    folded: str
    mentions: Sequence[Mention]
    focus: str | None
    document: Mention | None
    home: Mention | None


def country_level(places: Sequence[PlaceChoice]) -> bool:
    """Only a country or a nationality here, no place the event is said to be in or near."""
    return all(p.geo_precision == 3 and p.role not in _LOCATING for p in places)


def is_placed(places: Sequence[PlaceChoice]) -> bool:
    """Whether a sentence sets its event somewhere finer than a country — a nationality
    ("between Russian and US aircraft") sets it nowhere, whatever the word before it."""
    return any(not (p.geo_precision == 3 and (p.role not in _LOCATING or is_demonym(p.mention)))
               for p in places)


def kin(a: str, b: str) -> bool:
    """Two event types a paragraph may tell of one happening (an attack, then its toll)."""
    return a == b or (a in VIOLENT and b in VIOLENT)


def _context(p: PlaceChoice, weight: float) -> PlaceChoice:
    """A place told before, for a sentence that does not name it: at least admin-level
    coarse (ACLED geo precision 2) and weaker."""
    return PlaceChoice(p.mention, max(p.geo_precision, 2), p.strength * weight, "context")


def scene_place(quiet: Sequence[Sentence], text: str, folded: str, ments: Sequence[Mention],
                language: str, focus: str | None, lex: Lexicon) -> PlaceChoice | None:
    """The place set by the nearest earlier sentence of the paragraph that told no event."""
    for prev in reversed(quiet):
        chosen = choose_places(prev.start, prev.end, text, folded, ments, None, language,
                               focus_country=focus, lexicon=lex)
        if chosen:
            return _context(chosen[0], 0.6)
    return None


def context_places(sentence: Sentence, event_type: str, here: Here | None,
                   before: Before | None, quiet: Sequence[Sentence], setting: Setting,
                   language: str, lex: Lexicon) -> list[PlaceChoice]:
    """Where a body sentence that names no place happens ([] when nothing is known).

    ``here``: the places the sentence's paragraph named so far; ``before``: the last place
    finer than a country; ``quiet``: the paragraph's earlier sentences that told no event.
    """
    if here is not None:
        # "The attack …" after a sentence that named the place: same paragraph, same place
        return [_context(p, 0.6) for p in here[0][:1]]
    scene = scene_place(quiet, setting.text, setting.folded, setting.mentions, language,
                        setting.focus, lex)
    if scene is not None:
        # "The gendarmes seized motorbikes." after "… dismantled a base in Guibga
        # (Pissila, Sanmatenga)": the scene the paragraph has set
        return [scene]
    if before is not None and 0 < sentence.paragraph - before[1] <= 2 \
            and kin(before[2], event_type):
        # the paragraph goes on from the one before, whose place is known
        return [_context(p, 0.5) for p in before[0][:1]]
    doc_place = setting.document
    if doc_place is not None:
        # nothing finer is known: the country (else the place) the text is about,
        # at ACLED geo precision 3 and a low strength
        return [PlaceChoice(doc_place, 3, 0.15 if doc_place.feature == "country" else 0.1,
                            "document")]
    if setting.home is not None:
        # no place of the text is known: the country the analyst works on
        return [PlaceChoice(setting.home, 3, 0.1, "home")]
    return []


def narrative_place(places: list[PlaceChoice], event_type: str, here: Here | None,
                    before: Before | None) -> list[PlaceChoice]:
    """For a sentence set only in a country or a nationality: the place the narrative is
    at, if it is in that country — the paragraph's, or an earlier paragraph's for the same
    kind of event, told on; else ``places`` as they are."""
    recent = here or (before[:2] if before is not None and kin(before[2], event_type) else None)
    if recent is not None and recent[0] and recent[0][0].geo_precision < 3 \
            and recent[0][0].mention.country_code == places[0].mention.country_code:
        return [_context(p, 0.6) for p in recent[0][:1]]
    return places


def named_unknown(choice: PlaceChoice, unknown: UnknownPlace) -> tuple[PlaceChoice, str]:
    """The fallback ``choice`` standing for a place the gazetteer does not know, with the
    text's name as its mention, and the key that keeps that place apart from others there."""
    m = replace(choice.mention, text=unknown.text, start=unknown.start, end=unknown.end,
                confidence=min(choice.mention.confidence, 0.3))
    key = f"{UNKNOWN_KEY}{m.country_code}:{fold(unknown.text)}"
    return PlaceChoice(m, max(choice.geo_precision, 2), choice.strength * 0.8, "unknown"), key
