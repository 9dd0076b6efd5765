"""Is a matched name a place here? Context features and the recognition score (pure).

A gazetteer has a town for almost every capitalised word: "Police" (Poland), "Omar", "Nancy",
"McKenzie". What decides is the context: a title before ("Speaker", "général", "M."), a speech
verb after ("said"), a neighbouring capitalised word that is a name rather than an ordinary
word ("Nancy Pelosi" vs "Texas Governor"), a month, a frequent ordinary word at the start of a
sentence, or on the contrary a preposition that announces a place ("in", "à", "près de").
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import regex

from gazetteer import lexicons
from gazetteer.normalize import fold_word
from gazetteer.sources import ABBREV, DEMONYM

UNKNOWN_POPULATION = 500  # what recognition assumes of a town without a population figure
_TYPE_WORDS_ADMIN = frozenset(
    {"province", "provinces", "governorate", "gouvernorat", "state", "region", "county",
     "district", "oblast", "prefecture", "department", "departement", "wilaya", "muhafazat"}
)
_TYPE_WORDS_CITY = frozenset({"city", "ville", "town", "village", "municipality"})


@dataclass(slots=True)
class SpanContext:
    """Facts about the words around one span."""

    prev_word: str  # folded word before (elision "l'"/"d'" and articles skipped)
    next_word: str
    sentence_initial: bool
    cue_before: bool  # "in", "à", "près de"...
    type_hint: str | None  # "admin1"/"city" from "province de X", "X governorate"
    title_before: bool
    speech_after: bool
    comma_after: bool
    # hyphen-joined to a capitalised word ("Rhône-Alpes"): part of another name
    compound: bool = False


_HYPHENS = "-‐‑"


def _compound(text: str, start: int, end: int) -> bool:
    """Whether the span is hyphen-joined to a capitalised word ("Rhône-Alpes", "Alsace-
    Lorraine"): the span then names a part of another name, not a place of its own."""
    if end + 1 < len(text) and text[end] in _HYPHENS and text[end + 1].isupper():
        return True
    if start >= 2 and text[start - 1] in _HYPHENS and text[start - 2].isalpha():
        i = start - 2
        while i > 0 and text[i - 1].isalpha():
            i -= 1
        return text[i].isupper() and start - 1 - i > 2  # not "al-", "el-"
    return False


_WORDS = regex.compile(r"[\p{L}\p{M}]+")
# On the reversed text, the word before a position is a forward match: what is skipped
# (anything but a letter), then the word (a letter, then letters and combining marks).
_REV_WORD = regex.compile(r"([^\p{L}]*)(\p{L}[\p{L}\p{M}]*)")
_NEXT_WORD_AT = regex.compile(r"[^\p{L}\p{M}\p{N}]*([\p{L}\p{M}]+)")
_ELIDED = frozenset({"l", "d", "jusqu", "qu"})
_INITIAL_END = frozenset(".!?\"«“•:")


class DocContext:
    """The words around every span of one text, sharing the work: the reversed text is
    made once, so the word before a span is one forward regex match in C instead of a
    character loop, and the word lists are looked up once."""

    __slots__ = ("cues", "n", "rev", "text", "titles", "verbs")

    def __init__(self, text: str):
        self.text = text
        self.rev = text[::-1]
        self.n = len(text)
        self.titles = lexicons.person_titles()
        self.cues = lexicons.toponym_cues()
        self.verbs = lexicons.speech_verbs()

    def span_context(self, start: int, end: int, prev_cap: str, next_cap: str) -> SpanContext:
        """Read the words around ``text[start:end]``."""
        text, rev, n = self.text, self.rev, self.n
        r = n - start  # text[start - 1] is rev[r]
        r_end = min(n, r + 60)  # the 60 characters before the span
        elided = False
        if start > 0 and text[start - 1] in "'’":
            got = _REV_WORD.match(rev, r + 1, r_end)
            if got is not None and not got.group(1) and got.group(2)[::-1].lower() in _ELIDED:
                r = got.end()
                elided = True
        got = _REV_WORD.match(rev, r, r_end)
        if got is None:
            prev = ""
            gap = rev[r:r_end]
            initial = True
        else:
            gap, word = got.groups()
            prev = fold_word(word[::-1])
            initial = "\n" in gap or (gap != " " and _ends_sentence(gap))
        if elided:
            initial = False
        titles = self.titles
        title = prev in titles or (prev_cap != "" and prev_cap in titles)
        if prev == "de" and got is not None:
            # "près de X", "province de X": look one word further back
            got3 = _REV_WORD.match(rev, got.end(), r_end)
            if got3 is not None:
                prev2 = fold_word(got3.group(2)[::-1])
                if prev2 in self.cues:
                    prev = prev2
        cue = prev in self.cues
        nm = _NEXT_WORD_AT.match(text, end, end + 60)
        nxt = fold_word(nm.group(1)) if nm else ""
        hint = None
        if prev in _TYPE_WORDS_ADMIN or nxt in _TYPE_WORDS_ADMIN:
            hint = "admin1"
        elif prev in _TYPE_WORDS_CITY or nxt in _TYPE_WORDS_CITY:
            hint = "city"
        speech = False
        if nm is not None and nm.start(1) == end + 1 and text[end] == " ":  # "X said"
            verbs = self.verbs
            speech = nxt in verbs or (
                next_cap != "" and _word_after(text[end : end + 60], 2) in verbs
            )
        return SpanContext(prev, nxt, initial, cue, hint, title, speech,
                           text[end : end + 1] == ",", _compound(text, start, end))


def _ends_sentence(rev_gap: str) -> bool:
    """Whether the text between two words (reversed) ends a sentence before the second."""
    stripped = rev_gap.strip()
    return bool(stripped) and stripped[0] in _INITIAL_END


def _word_after(right: str, k: int) -> str:
    words = _WORDS.findall(right[:60])
    return fold_word(words[k - 1]) if len(words) >= k else ""


_EN_WORDS = frozenset({
    "the", "and", "of", "to", "in", "on", "is", "was", "for", "that", "with", "by", "from",
    "said", "has", "have",
})
_FR_WORDS = frozenset({
    "le", "la", "les", "des", "et", "du", "une", "un", "est", "dans", "pour", "sur", "au",
    "aux", "par", "que", "qui", "été", "ont", "ses", "à", "il", "ne", "pas", "sont", "avec",
    "cette",
})


def guess_language(text: str) -> str | None:
    """"en" or "fr" from the function words of the text's first few hundred characters, None
    when neither clearly wins (a cheap guess for callers that do not say the language)."""
    en = fr = 0
    for w in text[:500].lower().split():
        if w in _EN_WORDS:
            en += 1
        elif w in _FR_WORDS:
            fr += 1
    if en + fr < 2:
        return None
    if en >= 2 * fr:
        return "en"
    if fr >= 2 * en:
        return "fr"
    return None


def language_code(language: str | None) -> str | None:
    """"fr" of "fr", "FR", "fr-FR", "fr_CA"; None for an empty or unknown tag."""
    if not language:
        return None
    code = language.strip().lower().replace("_", "-").split("-", 1)[0]
    return code or None


def zipf(word: str) -> float:
    """How common a folded word is as an ordinary word (0 when not in the lexicon)."""
    return lexicons.common_words().get(word, 0.0)


def name_like(word: str) -> bool:
    """A capitalised neighbour that looks like part of a person's name, not a common noun."""
    return word != "" and zipf(word) < 4.0 and word not in lexicons.person_titles()


_calendar_words = lexicons.calendar_words
_common_words = lexicons.common_words
_institution_words = lexicons.institution_words


def recognition(
    feature: str,
    kind: str,
    population: int,
    name_kind: int,
    n_tokens: int,
    folded: str,
    all_caps: bool,
    lowercase: bool,
    fuzzy: bool,
    prev_cap: str,
    next_cap: str,
    ctx: SpanContext,
    known_person: bool,
    common: dict[str, float] | None = None,
) -> float:
    """Log-odds-like score that the span is a place; > 0 means keep it (for every span).
    ``common``: the ordinary words of the text's language (``lexicons.common_words``)."""
    if folded in _calendar_words():
        return -6.0
    if feature == "country":
        s = 3.0
    elif feature in ("admin1", "site"):
        s = 2.0
    elif feature == "admin2":
        s = 1.0
    else:
        # population 0 is unknown (villages of the supplementary sources), not empty
        s = 0.5 * math.log10((population or UNKNOWN_POPULATION) + 1) - 1.0 + (
            1.0 if kind == "capital" else 0.0)
    if name_kind == ABBREV and not all_caps:
        return -5.0
    if n_tokens >= 2:
        s += 1.0
    if fuzzy:
        s -= 1.0
    acronym = name_kind == ABBREV and all_caps
    if n_tokens == 1 and not lowercase and not acronym and (name_kind != DEMONYM or all_caps):
        z = (_common_words() if common is None else common).get(folded, 0.0)
        if z > 3.0:
            weak_case = ctx.sentence_initial or all_caps
            # Countries and divisions are curated lists: "China" or "Virginia" starting a
            # sentence is still a place; generic words ("East", "Central") are not let off.
            lenient = (
                not all_caps
                and feature in ("country", "admin1")
                and folded not in lexicons.generic_words()
            )
            s -= (z - 3.0) * (1.6 if weak_case else 1.0) * (0.5 if lenient else 1.0)
    if ctx.cue_before:
        s += 1.0
    if ctx.type_hint:
        s += 0.8
    strong = feature == "country"
    if ctx.title_before and name_kind != DEMONYM:  # "le Premier ministre irakien"
        s -= 4.0
    if ctx.speech_after and not ctx.cue_before and ctx.prev_word not in _OF_WORDS:
        # "Tyler said", not "near Tyler said" nor "the Mayor of Boston declared"
        s -= 0.5 if strong else 2.5
    if (prev_cap and name_like(prev_cap)) or (next_cap and name_like(next_cap)):
        s -= 0.5 if strong else 3.0
    if known_person:
        # a word of a person's name elsewhere in the document; a country, or a word after
        # "in"/"from", is still more likely the place here
        s -= 1.5 if strong else (2.0 if ctx.cue_before else 4.0)
    if next_cap and next_cap in _institution_words():
        # "Ohio State University", "Washington Post"; but the "California Department of
        # Health" or the "DRC Ministry of Health" is the government of that place
        gov = feature in ("country", "admin1") and next_cap in _GOVERNMENT_WORDS
        s -= 0.5 if gov else 2.5
    s -= _part_of_longer_name(feature, folded, prev_cap, next_cap, ctx)
    if (
        all_caps and len(folded) <= 5 and name_kind != ABBREV and n_tokens == 1
        and feature not in ("country", "admin1")
    ):
        s -= 3.0  # an acronym ("DOH", "FAO") in mixed-case text, not a place in capitals
    return s


_OF_WORDS = frozenset({"of", "de", "du", "des"})
_GOVERNMENT_WORDS = frozenset({
    "department", "ministry", "council", "commission", "agency", "authority", "bureau",
    "office", "ministere", "conseil",
})
_DIRECTIONS = frozenset({
    "east", "west", "north", "south", "eastern", "western", "northern", "southern",
    "central", "centre", "center", "middle", "upper", "lower", "northeast", "northwest",
    "southeast", "southwest", "northeastern", "northwestern", "southeastern", "southwestern",
    "est", "ouest", "nord", "sud", "occidental", "oriental", "septentrional", "meridional",
})

# Compass points as nouns (not adjectives: "Western", "occidental")
COMPASS = frozenset({
    "east", "west", "north", "south", "northeast", "northwest", "southeast", "southwest",
    "est", "ouest", "nord", "sud",
})


def _part_of_longer_name(
    feature: str, folded: str, prev_cap: str, next_cap: str, ctx: SpanContext
) -> float:
    """Penalty for a match that is only part of a longer capitalised name: that name (not in
    the gazetteer, or the longest match would have won) is another place. "Salinas Valley",
    "Plum Island" (a feature word follows), "Waiheke Island", "South West England" (the
    match is itself generic), "Pacific" of "Pacific Northwest" (a direction word
    follows), "Rhône-Alpes" (hyphen compound). A direction before names a
    part of the place ("North Dallas", "Southern California"): no penalty."""
    if not (prev_cap or next_cap or ctx.compound):
        return 0.0
    big = feature in ("country", "admin1")
    if next_cap and next_cap in lexicons.feature_words():
        return 2.0 if feature == "country" else 4.0
    generic = lexicons.generic_words()
    if all(w in generic or w in _DIRECTIONS for w in folded.split(" ")):
        return 4.0  # "North" of "North Eastern Province", "Island" of "Waiheke Island"
    if next_cap in _DIRECTIONS:  # "Pacific Northwest", "Kasai Occidental"
        return 1.0 if big else 2.5
    if prev_cap in _DIRECTIONS:  # "North Dallas", "North-Western Sydney": a part of it
        return 0.0
    if ctx.compound:
        return 0.5 if feature == "country" else 2.5
    return 0.0


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))
