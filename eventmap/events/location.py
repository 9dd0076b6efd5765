"""Which of a sentence's places is where the event happened — and whether there are two.

Why: a sentence names places in many roles — the event's site ("frappés à Diwaniyah"), a
landmark it was near, a party to a deal ("Bagdad et Washington ont convenu"), an origin
("en provenance de Syrie"), a reporter's base, a qualifier ("Tin-Akoff (Tin-Akoff,
Oudalan)", "Washington, DC"). Each place gets a score from cheap syntactic cues — the
preposition before it (lexicon data), its distance to the event's trigger, how specific it
is, whether a clause of reporting stands between — and coordinated places with locative
prepositions ("à Diwaniyah et à Babel") become one event each. No parser is needed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from eventmap.events.lexicon import Lexicon, cue_patterns, load_lexicon
from gazetteer.types import Mention

SPECIFICITY = {"site": 0.7, "city": 0.6, "admin2": 0.4, "admin1": 0.2, "country": 0.0}
RANK = {"site": 4, "city": 4, "admin2": 3, "admin1": 2, "country": 1}

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


@dataclass(slots=True)
class PlaceChoice:
    """A place chosen as an event's location, with ACLED geo precision and a 0–1 strength."""

    mention: Mention
    geo_precision: int
    strength: float
    role: str  # in | near | none | ...


@cache
def _role_patterns(language: str) -> list[tuple[str, re.Pattern[str]]]:
    """One 'ends with <cue> <filler>' pattern per role, built from the lexicon's phrases.

    Searched in a window with a space put before it (``preposition_role``).
    """
    import yaml  # noqa: F401  (lexicon already validated the files)

    from eventmap.events.lexicon import LANGUAGES, _load_yaml

    langs = (language,) if language in LANGUAGES else LANGUAGES
    phrases: dict[str, list[str]] = {}
    for lang in langs:
        for role, items in (_load_yaml(f"cues_{lang}.yaml").get("phrases") or {}).items():
            phrases.setdefault(role, []).extend(str(i) for i in items)
    filler = "|".join(f"(?:{_FILLER[lang]})" for lang in langs)
    out = []
    for role in ("LOC_BASE", "LOC_NEAR", "BETWEEN", "LOC_IN", "LOC_FROM", "LOC_TO", "LOC_OF"):
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


_ROLE_SCORE = {"LOC_BASE": -1.0, "LOC_NEAR": 2.0, "BETWEEN": 1.6, "LOC_IN": 2.0, "LOC_NAMED": 1.8, "LOC_TO": 0.4,
               "LOC_FROM": -1.5, "LOC_OF": -0.5, "none": 0.0}


@cache
def _named_place_patterns(language: str) -> tuple[re.Pattern[str], ...]:
    """'the state of', 'the capital' just before a name: the text says it is a place."""
    from eventmap.events.lexicon import LANGUAGES, _load_yaml

    langs = (language,) if language in LANGUAGES else LANGUAGES
    return tuple(re.compile(p) for lang in langs
                 for p in (_load_yaml(f"cues_{lang}.yaml").get("named_place") or []))


def _in_street_name(text: str, m: Mention, language: str) -> bool:
    """ "Plaza Italia", "avenue de France", "Kenya Avenue": a name inside a street's name."""
    return _street_context(text[max(0, m.start - 24):m.start], text[m.end:m.end + 12], language)


@lru_cache(maxsize=4096)
def _street_context(before: str, after: str, language: str) -> bool:
    # one answer per context: a mention is asked about by each sentence and scene holding it
    return any(p.search(before) for p in cue_patterns(language, "street_before")) \
        or any(p.search(after) for p in cue_patterns(language, "street_after"))


def _person_clauses(folded: str, start: int, end: int, language: str) -> list[tuple[int, int]]:
    """The spans of the clauses about a person in a sentence (", who heads … in al-Anbar,")."""
    seg = folded[start:end]
    if "," not in seg:
        return []
    return [(start + c.start(), start + c.end())
            for p in cue_patterns(language, "person_clause") for c in p.finditer(seg)]


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
    if any(p.search(window) for p in _named_place_patterns(language)):
        return "LOC_NAMED"
    for role, pat in patterns[4:]:
        if pat.search(spaced):
            return role
    return "none"


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


_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|as|ar|an)[- ]")


def _name_core(name: str) -> str:
    """A division's name without case, accents, Arabic article or hyphens ("Al-Anbar" → "anbar")."""
    from eventmap.events.lexicon import fold

    return _ARABIC_ARTICLE.sub("", fold(name)).replace("-", " ").strip()


def _same_name(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    core_a, core_b = _name_core(a), _name_core(b)  # once each, not once per comparison
    return core_a == core_b or core_a in core_b or core_b in core_a


def _place_key(m: Mention) -> str:
    place = getattr(m, "place", None)
    return getattr(place, "key", None) or f"{m.name}|{m.country_code}"


_QUALIFIER_GAP = re.compile(r"^\s*(?:\(\s*(?:[^()]*?,\s*)?|,\s*(?:[^,()]*,\s*)?)$")
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


_DEMONYM_END = re.compile(r"(?:ien|ienne|iens|iennes|ain|aine|ains|aines|ais|aise|aises|ois|oise|"
                          r"ese|ian|ians|ean|ish|i|is|an|ans|o)$")


def _is_demonym(m: Mention) -> bool:
    """A nationality adjective the gazetteer resolved to its country ("irakien", "Iraqi")."""
    word = m.text
    if not word:
        return False
    if word[0].islower():
        return True
    from eventmap.events.lexicon import fold

    return bool(_DEMONYM_END.search(fold(word))) and fold(word)[:4] != fold(m.name)[:4] \
        or (fold(word) != fold(m.name) and bool(re.search(r"(?:i|ian|ese|ish)$", fold(word))))


def is_demonym(m: Mention) -> bool:
    """A nationality adjective read as its country ("Russian", "irakien"): never a site."""
    return m.feature == "country" and _is_demonym(m)


def main_country(mentions: Sequence[Mention]) -> str | None:
    """The country a document is mostly about: finer places count double, nationality
    adjectives half ("French forces" says little about where), a name told again half."""
    counts: dict[str, float] = {}
    seen: set[tuple[str, str]] = set()
    for m in mentions:
        if not m.country_code:
            continue
        name = _fold_name(m.text)
        if m.feature == "country":
            weight = 0.5 if getattr(m, "via", "toponym") == "demonym" else 1.0
        else:
            weight = 2.0
        if (m.country_code, name) in seen:
            weight /= 2  # told again: more weight, not as much as another place
        seen.add((m.country_code, name))
        counts[m.country_code] = counts.get(m.country_code, 0.0) + weight
    if not counts:
        return None
    return max(counts, key=lambda cc: (counts[cc], -_first_index(mentions, cc)))


def _first_index(mentions: Sequence[Mention], cc: str) -> int:
    return next(i for i, m in enumerate(mentions) if m.country_code == cc)


@lru_cache(maxsize=8192)
def _fold_name(text: str) -> str:
    from eventmap.events.lexicon import fold

    return fold(text).replace("-", " ").strip()


def _in_country(m: Mention, cc: str) -> Mention | None:
    """The mention read as its best alternative in country ``cc`` (None: it has none there)."""
    if m.country_code == cc:
        return m
    alt = next((p for p in m.alternatives if p.country_code == cc), None)
    if alt is None:
        return None
    others = [m.place] + [p for p in m.alternatives if p is not alt]
    return replace(m, place=alt, alternatives=others, confidence=min(m.confidence, 0.7))


def harmonise(mentions: Sequence[Mention], text: str) -> list[Mention]:
    """The mentions made consistent about countries (``harmonised`` without the country)."""
    return harmonised(mentions, text)[0]


def harmonised(mentions: Sequence[Mention], text: str) -> tuple[list[Mention], str | None]:
    """The document's mentions made consistent about countries, for choosing event places.

    Why: a small place named without context is resolved to its most populous namesake,
    often abroad ("Pama" → Parma, Ohio). Two pieces of evidence say better:
    - a qualifier chain "Kompiembiga (Pama, Kompienga)", "Djibo (Soum, Sahel)": its
      elements lie in one country — the one most of its distinct names can be read in,
      divisions and sure readings counting more (ties: the country most members were
      resolved to, then the coarsest qualifier's, written last). An element is read as its namesake
      there, or, when it has none, dropped as a candidate site;
    - the rest of the document: a place resolved to a country nothing else in the text
      names, with a namesake in the country the text is about, is that namesake.
    Mentions are only re-read or left out here; the gazetteer's own answer stays in the
    document's place list.
    """
    ments = sorted(mentions, key=lambda m: m.start)
    if len(ments) < 2:
        return list(ments), main_country(ments)
    out: list[Mention | None] = list(ments)
    decided: dict[str, str] = {}  # folded name → country it was read in by its chain
    groups: dict[int, list[int]] = {}
    for q, h in qualifiers(ments, text).items():
        groups.setdefault(h, [h]).append(q)
    for members in groups.values():
        names: dict[str, list[int]] = {}
        for i in members:
            names.setdefault(_fold_name(ments[i].text), []).append(i)
        support: dict[str, float] = {}
        told: dict[str, int] = {}  # members read in each country ("Gaoua (Gaoua, Poni)")
        for idxs in names.values():
            m = ments[idxs[0]]
            if m.country_code:
                told[m.country_code] = told.get(m.country_code, 0) + len(idxs)
            weight: dict[str, float] = {}
            sure = 0.5 + 0.5 * min(1.0, float(m.confidence))
            for p, alt in [(m.place, sure)] + [(p, 0.8 * sure) for p in m.alternatives]:
                if p.country_code:
                    w = alt * (1.5 if p.feature in ("admin1", "admin2", "country") else 1.0)
                    weight[p.country_code] = max(weight.get(p.country_code, 0.0), w)
            for cc, w in weight.items():
                support[cc] = support.get(cc, 0.0) + w
        if not support:
            continue
        last = ments[members[-1]].country_code
        best = max(support, key=lambda cc: (round(support[cc], 1), told.get(cc, 0), cc == last))
        if all(ments[i].country_code == best for i in members):
            continue
        for name, idxs in names.items():
            decided[name] = best
            for i in idxs:
                out[i] = _in_country(ments[i], best)
    # the same name elsewhere in the text is the same place
    for i, mention in enumerate(ments):
        country = decided.get(_fold_name(mention.text))
        if country is not None and out[i] is mention and mention.country_code != country:
            out[i] = _in_country(mention, country)
    kept = [x for x in out if x is not None]
    focus = main_country(kept)
    if focus is not None:
        countries = Counter(x.country_code for x in kept)
        by_name = Counter((x.country_code, _fold_name(x.text)) for x in kept)
        for i, current in enumerate(out):
            if current is None or current.country_code == focus \
                    or current.feature == "country" or _fold_name(current.text) in decided:
                continue
            name_key = (current.country_code, _fold_name(current.text))
            if countries[current.country_code] > by_name[name_key]:
                continue  # another place in that country: the text does go there
            there = _in_country(current, focus)
            if there is not None:
                out[i] = there
    # re-reading places in the focus country only adds to it: it stays the main country
    return [x for x in out if x is not None], focus


def document_place(mentions: Sequence[Mention], folded: str, language: str,
                   focus: str | None) -> Mention | None:
    """Where a text is, for an event whose sentence names no place: the country it is about
    when named (not as an origin or a base: "jihadists from Mali"), else its most named place
    there. The caller gives it ACLED geo precision 3."""
    if focus is None:
        return None
    inside = [m for m in mentions if m.country_code == focus]
    for m in inside:
        if m.feature == "country" and \
                preposition_role(folded, m.start, language) not in ("LOC_FROM", "LOC_BASE"):
            return m
    counts = Counter(_place_key(m) for m in inside
                     if preposition_role(folded, m.start, language) not in ("LOC_FROM", "LOC_BASE"))
    if not counts:
        return None
    best = max(counts, key=lambda k: (counts[k], -RANK.get(_first_with(inside, k).feature, 4)))
    return _first_with(inside, best)


def _first_with(mentions: Sequence[Mention], key: str) -> Mention:
    return next(m for m in mentions if _place_key(m) == key)


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
    lang = language if language in _COORD_GAP else "en"
    quals = qualifiers(inside, text)
    # "Solhan (Solhan, Yagha)" resolved to a Solhan abroad: the qualifiers know better
    misresolved = {h for q, h in quals.items() if inside[q].country_code != inside[h].country_code}
    promoted: dict[int, int] = {}
    for h in sorted(misresolved):
        stand_in = min((q for q, hh in quals.items()
                        if hh == h and inside[q].country_code != inside[h].country_code),
                       default=None)
        if stand_in is not None:
            promoted[stand_in] = h
            del quals[stand_in]
    cue_hits = lex.cues.find(folded[sentence_start:sentence_end], sentence_start)
    report_hits = [h for h in cue_hits if h.key == "REPORTING"]
    statement_starts = [h.start for h in cue_hits if h.key == "STATEMENT"]
    t_start, t_end = trigger if trigger else (sentence_start, sentence_start)
    # a clause about a person holds the trigger or says who the person is
    asides = [c for c in _person_clauses(folded, sentence_start, sentence_end, language)
              if not c[0] <= t_start < c[1]]
    scored: list[tuple[float, int, str]] = []
    for i, m in enumerate(inside):
        if i in quals or i in misresolved:
            continue
        if any(lo <= m.start < hi for lo, hi in asides) or _in_street_name(text, m, language):
            continue  # "Muslih, who heads … in al-Anbar,", "Plaza Italia": not the site
        anchor = inside[promoted.get(i, i)].start
        before = text[max(sentence_start, anchor - 60):anchor]
        # the pattern needs a "(": most places have none before them, so skip its search
        paren = _PAREN_HEAD.search(before) if "(" in before else None
        in_paren = paren is not None
        if paren is not None and i not in promoted:
            # "in the village of Tadjo (Gorgadji, Seno)" with Tadjo unknown: Seno stands in
            # for it, with the role Tadjo's preposition gives
            anchor = max(sentence_start, anchor - 60) + paren.start()
            promoted[i] = i
        role = preposition_role(folded, anchor, language)
        conf = float(getattr(m, "confidence", 0.5))
        if role == "none" and not in_paren and (conf < 0.5 or (
                m.feature == "country" and _ADJECTIVAL.match(text[m.end:m.end + 20]))):
            continue  # "Qasim" the adviser, "US Army": a name or an adjective, not a site
        score = _ROLE_SCORE[role]
        if m.feature == "country" and _is_demonym(m):
            score -= 1.5  # "la coalition américaine", "Iraqi forces": a nationality, not a site
        if folded[m.end:m.end + 7].startswith(("-based", " based", "-backed", "-led")):
            score -= 3.0
        if folded[m.end:m.end + 3] in ("'s ", "’s ") and any(
                0 < o.start - m.end <= 40 for o in inside):
            score -= 1.5  # "Dagestan's capital Makhachkala": the next place is the site
        if i > 0 and _IN_CONTAINER.match(folded[inside[i - 1].end:m.start]) and \
                (i - 1) not in quals:
            score -= 1.0  # "Habibiyah neighbourhood in eastern Baghdad": the finer one is the site
        score += SPECIFICITY.get(m.feature, 0.4)
        score += 0.8 * conf
        if m.start >= t_end:
            score += 0.4
            dist = m.start - t_end
        else:
            dist = t_start - m.end
        score -= min(dist, 300) / 150.0
        if focus_country and m.country_code == focus_country:
            score += 0.4
        # a government speaking: "Washington condemned …", "Turkey's defence minister said …"
        if role in ("none", "LOC_OF") and any(0 <= st - m.end <= 30 for st in statement_starts):
            score -= 2.0
        # a place inside a reporting clause ("a rapporté X News", "said in Washington")
        if any(h.end <= m.start and h.start > t_end for h in report_hits):
            score -= 1.2
        # a coarser place that contains another candidate only situates it
        if any(contains(m, o) for j, o in enumerate(inside) if j != i and j not in quals):
            score -= 1.5
        scored.append((score, i, role))
    # clearly not a site, or the country someone came from ("jihadists from Mali"): better
    # no place at all
    scored = [x for x in scored if x[0] > -0.5
              and not (x[2] == "LOC_FROM" and inside[x[1]].feature == "country")]
    if not scored:
        return []
    scored.sort(key=lambda x: -x[0])
    best_score, best_i, best_role = scored[0]
    chosen = [(best_score, best_i, best_role)]
    for score, i, role in scored[1:]:
        if role not in ("LOC_IN", "LOC_NEAR") or best_role not in ("LOC_IN", "LOC_NEAR"):
            continue
        if score < best_score - 2.0:
            continue
        m = inside[i]
        if m.start < t_start:
            continue
        others = [inside[c[1]] for c in chosen]
        if any(contains(m, o) or contains(o, m) or _place_key(o) == _place_key(m) for o in others):
            continue
        if m.feature == "country" or any(o.feature == "country" for o in others):
            continue
        first, last = sorted([inside[best_i], m], key=lambda x: x.start)
        gap = folded[first.end:last.start]
        if len(gap) > 90 or not _COORD_GAP[lang].search(gap):
            continue
        if any(first.end <= h.start and h.end <= last.start for h in report_hits):
            continue  # "… near Goma, officials said in Washington": the second is the reporter's
        if _BETWEEN.search(folded[max(0, first.start - 30):first.start]):
            continue
        chosen.append((score, i, role))
    out = []
    for score, i, role in sorted(chosen, key=lambda c: inside[c[1]].start):
        m = inside[i]
        if m.feature == "country":
            precision = 3
        elif m.feature in ("admin1", "admin2") or role in ("LOC_NEAR", "BETWEEN") \
                or i in promoted:
            precision = 2
        else:
            precision = 1
        strength = max(0.05, min(1.0, (score + 1.0) / 4.0))
        out.append(PlaceChoice(m, precision, strength, role.lower()))
    return out


def place_key(m: Mention) -> str:
    """The key events are identified by: the gazetteer's place key."""
    return _place_key(m)
