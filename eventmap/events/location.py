"""Which of a sentence's places is where the event happened — and whether there are two.

Why: a sentence names places in many roles — the event's site ("frappés à Diwaniyah"), a
landmark it was near, a party to a deal ("Bagdad et Washington ont convenu"), an origin
("en provenance de Syrie"), a reporter's base, a qualifier ("Tin-Akoff (Tin-Akoff,
Oudalan)", "Washington, DC"). Each place gets a score from cheap syntactic cues — the
preposition before it (``place_roles``), its distance to the event's trigger, how specific
it is, how it relates to the sentence's other places (``place_relations``), whether a
clause of reporting stands between — and coordinated places with locative prepositions
("à Diwaniyah et à Babel") become one event each. No parser is needed.

The names other modules have long imported from here (``main_country``, ``harmonised``,
``preposition_role`` …) still import from here; they live in the modules named above and
in ``document_places``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from eventmap.events.document_places import (
    document_place,
    harmonise,
    harmonised,
    main_country,
)
from eventmap.events.lexicon import Hit, Lexicon, load_lexicon
from eventmap.events.place_relations import (
    RANK,
    SPECIFICITY,
    contains,
    is_demonym,
    place_key,
    qualifiers,
)
from eventmap.events.place_roles import (  # noqa: F401  (the two private names: below)
    _role_patterns,
    _trie_alternation,
    in_street_name,
    person_clauses,
    preposition_role,
)
from gazetteer.types import Mention

__all__ = [
    "RANK",
    "SPECIFICITY",
    "PlaceChoice",
    "choose_places",
    "contains",
    "document_place",
    "harmonise",
    "harmonised",
    "is_demonym",
    "main_country",
    "place_key",
    "preposition_role",
    "qualifiers",
]
# ``_role_patterns`` and ``_trie_alternation`` are imported from here only by
# tests/test_events_nonevents.py; their home is ``place_roles``.

# what the words before a place make of it as the event's site (``place_roles``)
_ROLE_SCORE = {"LOC_BASE": -1.0, "LOC_NEAR": 2.0, "BETWEEN": 1.6, "LOC_IN": 2.0,
               "LOC_NAMED": 1.8, "LOC_TO": 0.4, "LOC_FROM": -1.5, "LOC_OF": -0.5, "none": 0.0}

_COORD_GAP = {
    "en": re.compile(r"(?:,|\band\b|\bas well as\b|\bthe other\b|\banother\b|\brespectively\b|\bwhile\b)"),
    "fr": re.compile(r"(?:,|\bet\b|\bainsi que\b|\bl'autre\b|\bun autre\b|\bune autre\b|\btandis que\b)"),
}
_PAREN_HEAD = re.compile(r"[\w'’-]+(?:\s+\[[^\]]*\])?\s*\((?:[^()]*,\s*)?$")
_ADJECTIVAL = re.compile(r"^[\s-]*(?:[A-Z][a-z]+|army|forces?|troops?|military|soldiers?|"
                         r"officials?|armee|troupes?|forces?|militaires?|soldats?)\b")
_IN_CONTAINER = re.compile(
    r"^\s*(?:neighbou?rhood|district|area|suburb|village|town|camp|quarter|quartier|village|"
    r"district|secteur|localite)?\s*,?\s*(?:in|of|near|a|au|dans|de|pres de|d')\s*"
    r"(?:the\s+|la\s+|le\s+|l')?(?:(?:northern|southern|eastern|western|central|north|south|"
    r"east|west|nord|sud|est|ouest|centre)\s+(?:de\s+|d')?)?$")
_BETWEEN = re.compile(r"\b(?:between|entre|from|de)\s*$")

# a candidate: its score, its index among the sentence's places, its role
Scored = tuple[float, int, str]


@dataclass(slots=True)
class PlaceChoice:
    """A place chosen as an event's location, with ACLED geo precision and a 0–1 strength."""

    mention: Mention
    geo_precision: int
    strength: float
    role: str  # in | near | none | ...


@dataclass(slots=True)
class _Sentence:
    """What one sentence tells about all its places, read once before each place is weighed."""

    text: str
    folded: str
    start: int
    language: str
    inside: list[Mention]  # the sentence's places, in text order
    quals: dict[int, int]  # qualifier → the place it qualifies (``qualifiers``)
    t_start: int  # the trigger's span (the sentence's start when there is none)
    t_end: int
    report_hits: list[Hit]  # "said", "a rapporté": a place after one may be the reporter's
    statement_starts: list[int]  # "condemned", "said": a place just before may be speaking
    focus_country: str | None


def choose_places(
    sentence_start: int,
    sentence_end: int,
    text: str,
    folded: str,
    mentions: Sequence[Mention],
    trigger: tuple[int, int] | None,
    language: str,
    *,
    focus_country: str | None = None,
    lexicon: Lexicon | None = None,
) -> list[PlaceChoice]:
    """The event's place(s) among the mentions inside one sentence, best first.

    Usually one; several when places with locative prepositions are coordinated after the
    trigger ("frappés à Diwaniyah et à Babel", "l'un à Babil … l'autre dans la province
    d'al-Diwaniyah"), because ACLED codes one event per location.
    """
    inside = [m for m in mentions if m.start >= sentence_start and m.end <= sentence_end]
    if not inside:
        return []
    inside.sort(key=lambda m: m.start)
    lex = lexicon or load_lexicon(language)
    quals = qualifiers(inside, text)
    misresolved, promoted = _stand_ins(inside, quals)
    if promoted:  # a stand-in is a candidate itself, no longer a qualifier
        quals = {q: h for q, h in quals.items() if q not in promoted}
    cue_hits = lex.cues.find(folded[sentence_start:sentence_end], sentence_start)
    t_start, t_end = trigger if trigger else (sentence_start, sentence_start)
    s = _Sentence(text, folded, sentence_start, language, inside, quals, t_start, t_end,
                  [h for h in cue_hits if h.key == "REPORTING"],
                  [h.start for h in cue_hits if h.key == "STATEMENT"], focus_country)
    # a clause about a person holds the trigger or says who the person is
    asides = [c for c in person_clauses(folded, sentence_start, sentence_end, language)
              if not c[0] <= t_start < c[1]]
    scored: list[Scored] = []
    for i, m in enumerate(inside):
        if i in quals or i in misresolved:
            continue
        if any(lo <= m.start < hi for lo, hi in asides) or in_street_name(text, m, language):
            continue  # "Muslih, who heads … in al-Anbar,", "Plaza Italia": not the site
        role = _site_role(s, i, promoted)
        if role is not None:
            scored.append((_score(s, i, role), i, role))
    # clearly not a site, or the country someone came from ("jihadists from Mali"): better
    # no place at all
    scored = [x for x in scored if x[0] > -0.5
              and not (x[2] == "LOC_FROM" and inside[x[1]].feature == "country")]
    if not scored:
        return []
    scored.sort(key=lambda x: -x[0])
    chosen = _coordinated(s, scored)
    return [PlaceChoice(inside[i], _precision(inside[i], role, i in promoted),
                        max(0.05, min(1.0, (score + 1.0) / 4.0)), role.lower())
            for score, i, role in sorted(chosen, key=lambda c: inside[c[1]].start)]


def _stand_ins(inside: list[Mention], quals: dict[int, int]) -> tuple[set[int], dict[int, int]]:
    """Heads resolved in another country than their qualifiers, and their stand-ins.

    Why: "Solhan (Solhan, Yagha)" with Solhan resolved abroad — the qualifiers know better,
    so the head is no candidate and its first qualifier read elsewhere stands in for it
    (stand-in → head), at the head's preposition and a coarser precision.
    """
    misresolved = {h for q, h in quals.items()
                   if inside[q].country_code != inside[h].country_code}
    promoted = {min(q for q, hh in quals.items()
                    if hh == h and inside[q].country_code != inside[h].country_code): h
                for h in sorted(misresolved)}
    return misresolved, promoted


def _site_role(s: _Sentence, i: int, promoted: dict[int, int]) -> str | None:
    """The role the words before place ``i`` give it, or None: a name or an adjective —
    "Qasim" the adviser, "US Army" — with no preposition, no site.

    A place qualifying a name the gazetteer lacks ("in the village of Tadjo (Gorgadji,
    Seno)") takes that name's preposition and is marked in ``promoted`` (coarser precision).
    """
    m = s.inside[i]
    anchor = s.inside[promoted.get(i, i)].start
    before = s.text[max(s.start, anchor - 60):anchor]
    # the pattern needs a "(": most places have none before them, so skip its search
    paren = _PAREN_HEAD.search(before) if "(" in before else None
    in_paren = paren is not None
    if paren is not None and i not in promoted:
        anchor = max(s.start, anchor - 60) + paren.start()
        promoted[i] = i
    role = preposition_role(s.folded, anchor, s.language)
    conf = float(getattr(m, "confidence", 0.5))
    if role == "none" and not in_paren and (conf < 0.5 or (
            m.feature == "country" and _ADJECTIVAL.match(s.text[m.end:m.end + 20]))):
        return None
    return role


def _score(s: _Sentence, i: int, role: str) -> float:
    """How likely place ``i`` is the event's site: its role, then what lowers it (a
    nationality, "-based", a container, a government speaking, a reporter) and what raises
    it (specific, sure, after the trigger and close to it, in the focus country)."""
    m = s.inside[i]
    inside, folded = s.inside, s.folded
    score = _ROLE_SCORE[role]
    if is_demonym(m):
        score -= 1.5  # "la coalition américaine", "Iraqi forces": a nationality, not a site
    if folded[m.end:m.end + 7].startswith(("-based", " based", "-backed", "-led")):
        score -= 3.0
    if folded[m.end:m.end + 3] in ("'s ", "’s ") and any(
            0 < o.start - m.end <= 40 for o in inside):
        score -= 1.5  # "Dagestan's capital Makhachkala": the next place is the site
    if i > 0 and _IN_CONTAINER.match(folded[inside[i - 1].end:m.start]) and \
            (i - 1) not in s.quals:
        score -= 1.0  # "Habibiyah neighbourhood in eastern Baghdad": the finer one is the site
    score += SPECIFICITY.get(m.feature, 0.4)
    score += 0.8 * float(getattr(m, "confidence", 0.5))
    if m.start >= s.t_end:
        score += 0.4
        dist = m.start - s.t_end
    else:
        dist = s.t_start - m.end
    score -= min(dist, 300) / 150.0
    if s.focus_country and m.country_code == s.focus_country:
        score += 0.4
    # a government speaking: "Washington condemned …", "Turkey's defence minister said …"
    if role in ("none", "LOC_OF") and any(0 <= st - m.end <= 30 for st in s.statement_starts):
        score -= 2.0
    # a place inside a reporting clause ("a rapporté X News", "said in Washington")
    if any(h.end <= m.start and h.start > s.t_end for h in s.report_hits):
        score -= 1.2
    # a coarser place that contains another candidate only situates it
    if any(contains(m, o) for j, o in enumerate(inside) if j != i and j not in s.quals):
        score -= 1.5
    return score


def _coordinated(s: _Sentence, scored: list[Scored]) -> list[Scored]:
    """The best place, and the places coordinated with it after the trigger — one event each.

    Why: ACLED codes one event per location, and "frappés à Diwaniyah et à Babel" tells two;
    but "Goma, officials said in Washington" (a reporter), "between Kaya and Kongoussi" (a
    road), a place and its container, or a country are not a second site.
    """
    inside, folded = s.inside, s.folded
    lang = s.language if s.language in _COORD_GAP else "en"
    best_score, best_i, best_role = scored[0]
    chosen = [(best_score, best_i, best_role)]
    for score, i, role in scored[1:]:
        if role not in ("LOC_IN", "LOC_NEAR") or best_role not in ("LOC_IN", "LOC_NEAR"):
            continue
        if score < best_score - 2.0:
            continue
        m = inside[i]
        if m.start < s.t_start:
            continue
        others = [inside[c[1]] for c in chosen]
        if any(contains(m, o) or contains(o, m) or place_key(o) == place_key(m) for o in others):
            continue
        if m.feature == "country" or any(o.feature == "country" for o in others):
            continue
        first, last = sorted([inside[best_i], m], key=lambda x: x.start)
        gap = folded[first.end:last.start]
        if len(gap) > 90 or not _COORD_GAP[lang].search(gap):
            continue
        if any(first.end <= h.start and h.end <= last.start for h in s.report_hits):
            continue  # "… near Goma, officials said in Washington": the second is the reporter's
        if _BETWEEN.search(folded[max(0, first.start - 30):first.start]):
            continue
        chosen.append((score, i, role))
    return chosen


def _precision(m: Mention, role: str, stands_in: bool) -> int:
    """ACLED's geo precision: 1 the town itself; 2 near it, a district or region, or a
    qualifier standing in for a name the gazetteer lacks; 3 only the country."""
    if m.feature == "country":
        return 3
    if m.feature in ("admin1", "admin2") or role in ("LOC_NEAR", "BETWEEN") or stands_in:
        return 2
    return 1
