"""A protest's paragraph telling how it went on: "They then ransacked …" makes it a riot.

Why: ACLED codes a demonstration by its worst turn — police intervening, force used against
the crowd, property destroyed — and the turn is often told in the next sentence, with no
place or day of its own. That sentence changes the event told before; it is not another.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from eventmap.events.classify import Analysis
from eventmap.events.lexicon import LANGUAGES
from eventmap.events.location import PlaceChoice
from eventmap.events.merge import Candidate
from eventmap.events.narrative_place import country_level


@cache
def _continuation(language: str) -> tuple[re.Pattern[str], ...]:
    from eventmap.events.lexicon import _load_yaml

    langs = (language,) if language in LANGUAGES else LANGUAGES
    return tuple(re.compile(p) for lang in langs
                 for p in (_load_yaml(f"cues_{lang}.yaml").get("continuation") or []))


def goes_on(folded_sentence: str, language: str) -> bool:
    """Whether a sentence opens as the sequel of the one before ("Ils ont ensuite …")."""
    return any(p.match(folded_sentence) for p in _continuation(language))


def _upgrade_protest(prev: Analysis, cur: Analysis) -> tuple[str, str] | None:
    """What a protest becomes when the next sentence tells how it went on (ACLED's rules)."""
    hits = cur.hits
    if prev.event_type == "Riots":
        # the riot went on: police response, more clashes, damage — still the same riot
        if cur.event_type in ("Riots", "Battles", "Protests") or "INTERVENTION" in hits \
                or cur.sub_event_type == "Looting/property destruction":
            return (prev.event_type, prev.sub_event_type or "")
        return None
    if prev.event_type != "Protests":
        return None
    if "EXCESSIVE" in hits or ("KILL" in hits and "STATE" in hits):
        return ("Protests", "Excessive force against protesters")
    if cur.event_type == "Riots" or cur.sub_event_type == "Looting/property destruction" \
            or "RIOT_ACTION" in hits:
        return ("Riots", "Violent demonstration")
    if "INTERVENTION" in hits or "ARREST" in hits:
        if prev.sub_event_type == "Peaceful protest":
            return ("Protests", "Protest with intervention")
        return (prev.event_type, prev.sub_event_type or "")
    return None


def apply_upgrade(cands: list[Candidate], prev: tuple[Analysis, int], cur: Analysis) -> bool:
    """Fold a continuing sentence into the previous event ("Students demonstrated in X. They
    ransacked the police station." — one riot). True when it was folded in."""
    upgrade = _upgrade_protest(prev[0], cur)
    if upgrade is None:
        return False
    for c in cands[prev[1]:]:
        c.event = c.event.with_changes(event_type=upgrade[0], sub_event_type=upgrade[1] or None)
    prev[0].event_type, prev[0].sub_event_type = upgrade[0], upgrade[1] or None
    return True


def riot_goes_on(prev: tuple[Analysis, int] | None, cur: Analysis,
                 places: Sequence[PlaceChoice]) -> bool:
    """A sentence of the riot's paragraph that tells the damage done, at no place of its own.

    ACLED codes the property a riot destroys as part of the riot; a country-level place
    (a demonym, "le ministère … libanais") is not a place of its own.
    """
    if prev is None or prev[0].event_type != "Riots":
        return False
    if cur.sub_event_type != "Looting/property destruction" and cur.event_type != "Riots":
        return False
    return country_level(places)
