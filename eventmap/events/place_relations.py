"""How a sentence's places relate to one another: one contains, qualifies or is another.

Why: "Djibo (Soum, Sahel)", "Washington, DC" and "Habibiyah in eastern Baghdad" name one
site and the places that situate it; the site is the finest of them, and the others must
neither become events of their own nor outscore it. These answers come from the gazetteer's
records (rank, country, first-level division) and the punctuation between two names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from eventmap.events.lexicon import fold
from gazetteer.types import Mention

# how much a kind of place says about where the event is, and how fine it is (a city = a site)
SPECIFICITY = {"site": 0.7, "city": 0.6, "admin2": 0.4, "admin1": 0.2, "country": 0.0}
RANK = {"site": 4, "city": 4, "admin2": 3, "admin1": 2, "country": 1}

_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|as|ar|an)[- ]")
_QUALIFIER_GAP = re.compile(r"^\s*(?:\(\s*(?:[^()]*?,\s*)?|,\s*(?:[^,()]*,\s*)?)$")
_DEMONYM_END = re.compile(r"(?:ien|ienne|iens|iennes|ain|aine|ains|aines|ais|aise|aises|ois|oise|"
                          r"ese|ian|ians|ean|ish|i|is|an|ans|o)$")


def place_key(m: Mention) -> str:
    """The key events are identified by: the gazetteer's place key."""
    place = getattr(m, "place", None)
    return getattr(place, "key", None) or f"{m.name}|{m.country_code}"


def contains(outer: Mention, inner: Mention) -> bool:
    """Whether ``outer`` (a country or region) contains ``inner`` (a finer place)."""
    if RANK.get(outer.feature, 4) >= RANK.get(inner.feature, 4):
        return False
    if outer.country_code != inner.country_code:
        return False
    if outer.feature == "country":
        return True
    if outer.feature == "admin1":
        return bool(inner.admin1) and _same_name(inner.admin1, outer.name)
    return False


def _name_core(name: str) -> str:
    """A division's name without case, accents, Arabic article or hyphens ("Al-Anbar" → "anbar")."""
    return _ARABIC_ARTICLE.sub("", fold(name)).replace("-", " ").strip()


def _same_name(a: str | None, b: str | None) -> bool:
    """One division's name in two spellings ("Al-Anbar", "Anbar"): one core holds the other."""
    if not a or not b:
        return False
    core_a, core_b = _name_core(a), _name_core(b)  # once each, not once per comparison
    return core_a == core_b or core_a in core_b or core_b in core_a


def qualifiers(mentions: Sequence[Mention], text: str) -> dict[int, int]:
    """Mentions that only qualify an earlier one ("X (Y, Z)", "Washington, DC"): index → head."""
    out: dict[int, int] = {}
    for i in range(1, len(mentions)):
        gap = text[mentions[i - 1].end:mentions[i].start]
        if len(gap) > 40 or not _QUALIFIER_GAP.match(gap):
            continue
        head_i = out.get(i - 1, i - 1)  # "X (Y, Z)": Z qualifies X through Y
        head = mentions[head_i]
        if "(" in text[head.end:mentions[i].start] or contains(mentions[i], head) \
                or mentions[i].feature in ("admin1", "admin2", "country"):
            out[i] = head_i
    return out


def _is_demonym(m: Mention) -> bool:
    """A nationality adjective the gazetteer resolved to its country ("irakien", "Iraqi")."""
    word = m.text
    if not word:
        return False
    if word[0].islower():
        return True
    return bool(_DEMONYM_END.search(fold(word))) and fold(word)[:4] != fold(m.name)[:4] \
        or (fold(word) != fold(m.name) and bool(re.search(r"(?:i|ian|ese|ish)$", fold(word))))


def is_demonym(m: Mention) -> bool:
    """A nationality adjective read as its country ("Russian", "irakien"): never a site."""
    return m.feature == "country" and _is_demonym(m)
