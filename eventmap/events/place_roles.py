"""The role the words around a place give it: site, landmark, origin, base, or no place at all.

Why: "in Djibo", "near Djibo", "from Mali", "Mali-based" and "avenue de France" name places
the event has different relations to, and the cheapest reliable signal is the preposition
just before the name (lexicon data, ``cues_<lang>.yaml``), read with the filler words that
may come between ("in the village of X"). A place inside a street's name or inside a clause
about a person ("Muslih, who heads … in al-Anbar,") is no candidate site.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from eventmap.events.lexicon import LANGUAGES, _load_yaml, cue_patterns
from gazetteer.types import Mention

# Filler words allowed between a preposition and the place ("in the village of X").
_FILLER = {
    "en": r"(?:(?:the|a|an|its|their|his|her|nearby|northern|southern|eastern|western|central|"
    r"north|south|east|west|northeastern|northwestern|southeastern|southwestern|"
    r"town|city|village|villages|province|region|district|commune|department|locality|hamlet|"
    r"governorate|state|county|area|areas|outskirts|suburb|neighbourhood|neighborhood|camp|"
    r"airport|base|air base|capital|market|prison|border|road|highway|axis|countryside|vicinity|"
    r"of|disputed|restive|volatile|kurdish|southeastern|[a-z]+-controlled|\d+\s*km)[\s,]+)*",
    "fr": r"(?:(?:le|la|les|l'|un|une|son|sa|ses|leur|leurs|du|de|des|d'|nord|sud|est|ouest|centre|"
    r"ville|village|villages|province|region|district|commune|departement|localite|hameau|"
    r"gouvernorat|etat|zone|secteur|peripherie|banlieue|quartier|camp|aeroport|base|base aerienne|"
    r"capitale|marche|prison|frontiere|route|axe|environs|alentours|\d+\s*km)[\s,]*)*",
}

# the roles in the order they are tried: the first four before "the state of" (LOC_NAMED)
_ROLES = ("LOC_BASE", "LOC_NEAR", "BETWEEN", "LOC_IN", "LOC_FROM", "LOC_TO", "LOC_OF")


@cache
def _role_patterns(language: str) -> list[tuple[str, re.Pattern[str]]]:
    """One 'ends with <cue> <filler>' pattern per role, built from the lexicon's phrases.

    Searched in a window with a space put before it (``preposition_role``).
    """
    langs = (language,) if language in LANGUAGES else LANGUAGES
    phrases: dict[str, list[str]] = {}
    for lang in langs:
        for role, items in (_load_yaml(f"cues_{lang}.yaml").get("phrases") or {}).items():
            phrases.setdefault(role, []).extend(str(i) for i in items)
    filler = "|".join(f"(?:{_FILLER[lang]})" for lang in langs)
    out = []
    for role in _ROLES:
        items_set = {p.lower() for p in phrases.get(role, [])}
        for p in list(items_set):  # French elision: "au nord de" also reads "au nord d'"
            if p.endswith(" de") and (language == "fr" or language not in LANGUAGES):
                items_set.update({p[:-3] + " d'", p[:-3] + " du", p[:-3] + " des"})
        items = sorted(items_set, key=len, reverse=True)
        if not items:
            continue
        alt = _trie_alternation(items)
        tail = r"(?:(?<=')|\s+)" if language == "fr" or language not in LANGUAGES else r"\s+"
        # no "^" alternative: callers put a space before the window, so the pattern starts
        # with a character class and the regex engine skips from word gap to word gap
        pat = re.compile(rf"[^\w'](?:{alt})(?:{tail}|(?<=')){'(?:' + filler + ')'}$")
        out.append((role, pat))
    return out


def _trie_alternation(phrases: Sequence[str]) -> str:
    """One regex alternation of ``phrases`` (spaces read as ``\\s+``), factored by prefix.

    Why: the role patterns are searched in the 45 characters before every mention; a flat
    alternation of a few hundred phrases is tried phrase by phrase at each position, a
    prefix tree fails at the first character. Same language, so the same answers.
    """
    trie: dict[str, dict] = {}
    for phrase in phrases:
        node = trie
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}  # a phrase ends here

    def emit(node: dict[str, dict]) -> str:
        branches = []
        ends = "" in node
        for ch in sorted(k for k in node if k):
            token = r"\s+" if ch == " " else re.escape(ch)
            branches.append(token + emit(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return emit(trie)


def preposition_role(folded: str, start: int, language: str) -> str:
    """The role the words just before a place give it (LOC_IN, LOC_NEAR, LOC_FROM …)."""
    return _preposition_role(folded, start, language)


@lru_cache(maxsize=2048)
def _preposition_role(folded: str, start: int, language: str) -> str:
    # one answer per (document, offset): a mention is asked about by the document's place,
    # then by each sentence and scene that holds it (the folded text hashes once per document)
    window = folded[max(0, start - 45):start]
    if not window:
        return "none"
    spaced = " " + window  # the space stands for the start of the window (_role_patterns)
    patterns = _role_patterns(language)
    for role, pat in patterns[:4]:  # based, near, between, in
        if pat.search(spaced):
            return role
    # "the state of", "the capital" just before a name: the text says it is a place
    if any(p.search(window) for p in cue_patterns(language, "named_place")):
        return "LOC_NAMED"
    for role, pat in patterns[4:]:
        if pat.search(spaced):
            return role
    return "none"


def in_street_name(text: str, m: Mention, language: str) -> bool:
    """ "Plaza Italia", "avenue de France", "Kenya Avenue": a name inside a street's name."""
    return _street_context(text[max(0, m.start - 24):m.start], text[m.end:m.end + 12], language)


@lru_cache(maxsize=4096)
def _street_context(before: str, after: str, language: str) -> bool:
    # one answer per context: a mention is asked about by each sentence and scene holding it
    return any(p.search(before) for p in cue_patterns(language, "street_before")) \
        or any(p.search(after) for p in cue_patterns(language, "street_after"))


def person_clauses(folded: str, start: int, end: int, language: str) -> list[tuple[int, int]]:
    """The spans of the clauses about a person in a sentence (", who heads … in al-Anbar,")."""
    seg = folded[start:end]
    if "," not in seg:
        return []
    return [(start + c.start(), start + c.end())
            for p in cue_patterns(language, "person_clause") for c in p.finditer(seg)]
