"""Is a matched name a place here? Context features and the recognition score (pure).

A gazetteer has a town for almost every capitalised word: "Police" (Poland), "Omar", "Nancy",
"McKenzie". What decides is the context: a title before ("Speaker", "général", "M."), a speech
verb after ("said"), a neighbouring capitalised word that is a name rather than an ordinary
word ("Nancy Pelosi" vs "Texas Governor"), a month, a frequent ordinary word at the start of a
sentence, or on the contrary a preposition that announces a place ("in", "à", "près de").
A place name may also be part of another name: an organisation's ("Ohio State University",
"Radio Pyongyang"), a thing named after it ("Marburg virus"), a source ("according to
Yap"), a currency ("US$"): ``DocContext.other_name_penalty``.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from gazetteer import lexicons
from gazetteer.index import MAX_RANKED, Index
from gazetteer.matcher import RawSpan
from gazetteer.normalize import _fold_word, fold, fold_word
from gazetteer.rank import FAMOUS_POPULATION, haversine_km
from gazetteer.sources import ABBREV, DEMONYM
from gazetteer.types import FEATURES as FEATURE_NAMES

UNKNOWN_POPULATION = 500  # what recognition assumes of a town without a population figure


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
    # the kinds of division the hint's word names ({"state"} of "l'État de X")
    type_kinds: frozenset[str] = frozenset()


_HYPHENS = "-‐‑"
_HYPHEN_SET = frozenset(_HYPHENS)  # a set: "" (no character there) is not in it


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
# The second word of text[end : end + 60] (as the second of _WORDS.findall there).
_SECOND_WORD = regex.compile(r"[^\p{L}\p{M}]*+[\p{L}\p{M}]++[^\p{L}\p{M}]++([\p{L}\p{M}]++)")
# The same three on a text of ASCII characters, where the letters (\p{L}) are [A-Za-z], the
# numbers (\p{N}) [0-9] and there are no marks (\p{M}): written for ``re``, whose matches
# cost half of ``regex``'s (most texts are ASCII; these run for every span).
_REV_WORD_ASCII = re.compile(r"([^A-Za-z]*)([A-Za-z]+)")
_NEXT_WORD_AT_ASCII = re.compile(r"[^A-Za-z0-9]*([A-Za-z]+)")
_SECOND_WORD_ASCII = re.compile(r"[^A-Za-z]*[A-Za-z]+[^A-Za-z]+([A-Za-z]+)")
WordPattern = Any  # a compiled ``re`` or ``regex`` pattern: the same match(text, pos, endpos)
_ELIDED = frozenset({"l", "d", "jusqu", "qu"})
_INITIAL_END = frozenset(".!?\"«“•:")


_SENTENCE_STOP = frozenset(".!?\n")
_TOWN = frozenset({"city"})  # the kinds a word of a town's kind names (any town)


def _tie(gap: str) -> int:
    """How the text between two words joins them: 2 in one phrase (spaces on one line), 1
    across other signs (a comma, a dash: "Scott County, Indiana")."""
    return 2 if gap == " " or (gap.isspace() and "\n" not in gap) else 1


class DocContext:
    """The words around every span of one text, sharing the work: the reversed text is
    made once, so the word before a span is one forward regex match in C instead of a
    character loop, and the word lists are looked up once."""

    __slots__ = ("admin_words", "city_words", "cues", "division_kinds", "eponyms", "features",
                 "institutions", "n", "next_word_at", "prefixes", "premises", "rev", "rev_word",
                 "second_word", "source_ends", "text", "titles", "verbs",
                 "words_before_other_names")

    def __init__(self, text: str):
        self.text = text
        self.rev = text[::-1]
        self.n = len(text)
        ascii_ = text.isascii()
        self.rev_word: WordPattern = _REV_WORD_ASCII if ascii_ else _REV_WORD
        self.next_word_at: WordPattern = _NEXT_WORD_AT_ASCII if ascii_ else _NEXT_WORD_AT
        self.second_word: WordPattern = _SECOND_WORD_ASCII if ascii_ else _SECOND_WORD
        (self.titles, self.cues, self.verbs, self.eponyms, self.prefixes, self.institutions,
         self.premises, self.features, self.source_ends, self.admin_words,
         self.city_words) = _word_lists()
        self.division_kinds = lexicons.division_kinds()
        # the words right before a span after which ``other_name_penalty`` may find something
        self.words_before_other_names = self.source_ends | _OF

    def may_name_other(self, start: int, end: int, prev: str) -> bool:
        """Whether an article before the span follows "of" or a source phrase ("of the X",
        "according to the X"): a sign for ``other_name_penalty``, after the cheaper ones the
        parser looks at itself."""
        return text_tail(self.text, start).endswith(_ARTICLE_AFTER_OF_OR_SOURCE)

    def span_context(self, start: int, end: int, prev_cap: str, next_cap: str) -> SpanContext:
        """Read the words around ``text[start:end]``."""
        text, rev, n = self.text, self.rev, self.n
        rev_word = self.rev_word
        r = n - start  # text[start - 1] is rev[r]
        r_end = min(n, r + 60)  # the 60 characters before the span
        elided = False
        if start > 0 and text[start - 1] in "'’":
            got = rev_word.match(rev, r + 1, r_end)
            if got is not None and not got.group(1) and got.group(2)[::-1].lower() in _ELIDED:
                r = got.end()
                elided = True
        got = rev_word.match(rev, r, r_end)
        if got is None:
            prev = ""
            gap = rev[r:r_end]
            initial = True
        else:
            gap, word = got.groups()
            word = word[::-1]
            # fold_word(word), inline: a word of letters only, plain ASCII in most texts
            prev = word.lower() if word.isascii() else _fold_word(word)
            initial = gap != " " and ("\n" in gap or _ends_sentence(gap))
        if elided:
            initial = False
        titles = self.titles
        # a title never stands across a line break ("… after 8 a.m.\n\nKharkiv" is no "M.")
        title = (prev in titles or (prev_cap != "" and prev_cap in titles)) and "\n" not in gap
        tie = 0 if initial else _tie(gap)  # how the word before belongs to the span's phrase
        if prev == "de" and got is not None:
            # "près de X", "province de X", "l'État de X": look one word further back
            got3 = rev_word.match(rev, got.end(), r_end)
            if got3 is not None:
                prev2 = fold_word(got3.group(2)[::-1])
                if prev2 in self.cues or prev2 in self.admin_words:
                    prev = prev2
                    tie = min(tie, _tie(got3.group(1)))
        cue = prev in self.cues
        nm = self.next_word_at.match(text, end, end + 60)
        if nm is None:
            nxt = ""
        else:  # fold_word, inline as for ``prev``
            nxt = nm.group(1)
            nxt = nxt.lower() if nxt.isascii() else _fold_word(nxt)
        hint, kinds = self._kind_hint(prev, tie, nxt, self._tie_after(text, end, nm, nxt))
        speech = False
        if nm is not None and nm.start(1) == end + 1 and text[end] == " ":  # "X said"
            verbs = self.verbs
            speech = nxt in verbs or (
                next_cap != "" and _second_word_after(self.second_word, text, end) in verbs
            )
        if prev == "of" and got is not None and not kinds and tie:
            word2 = rev_word.match(rev, got.end(), r_end)
            if word2 is not None:  # "the state of Washington", "the village of Pongpong"
                hint2, kinds2 = self._kind_hint(_fold_letters(word2.group(2)[::-1]),
                                                min(tie, _tie(word2.group(1))), "", 0)
                if hint2 is not None and (hint is None or kinds2):  # a surer sign
                    hint, kinds = hint2, kinds2
        after = text[end : end + 1]
        # _compound looks further only past a hyphen on either side (rare)
        compound = (after in _HYPHEN_SET or text[start - 1 : start] in _HYPHEN_SET) and _compound(
            text, start, end)
        return SpanContext(prev, nxt, initial, cue, hint, title, speech, after == ",", compound,
                           kinds)

    def _kind_hint(
        self, before: str, tie_before: int, behind: str, tie_behind: int
    ) -> tuple[str | None, frozenset[str]]:
        """The feature ("admin1", "city") that a word of a place's kind before or after a
        name says it is ("province de X", "X governorate"), and the kinds of place it names
        when it is of the name's own phrase (``tie`` 2; 1: across a comma, "Scott County,
        Indiana", a weaker sign; 0: none). A word before wins."""
        for words, feature in ((self.admin_words, "admin1"), (self.city_words, "city")):
            word, tie = (before, tie_before) if tie_before and before in words else (
                behind, tie_behind)
            if tie and word in words:
                if tie < 2:
                    return feature, frozenset()
                return feature, self.division_kinds[word] if feature == "admin1" else _TOWN
        return None, frozenset()

    def _tie_after(self, text: str, end: int, nm: Any, word: str) -> int:
        """``_tie`` of the word after a name (``nm``: its match) when it is a word of a
        place's kind, and 0 when it is no sign of the name's kind: across a sentence end
        ("Mexico City. Guerrero"), or the kind of a name after it ("the Baghdad district
        of Karrada", "the central Mexico state of Hidalgo": the kind of those)."""
        if nm is None or (word not in self.admin_words and word not in self.city_words):
            return 0
        gap = text[end : nm.start(1)]
        if not _SENTENCE_STOP.isdisjoint(gap) or _second_word_after(
                self.second_word, text, end) in _OF_WORDS:
            return 0
        return _tie(gap)

    def other_name_penalty(
        self, ctx: SpanContext, start: int, end: int, prev_cap: str, next_cap: str,
        feature: str, folded: str, n_tokens: int,
    ) -> float:
        """Penalty for a name that its context makes part of another name, or a source:
        "US$", "AKs", "Campbell, 42,", "Ohio State University" (but not the "California
        Department of Health": the government of that place), "Marburg virus", "Radio
        Pyongyang", "spokeswoman Kerry-Ann Hamilton", "University" of "Ohio State
        University", "University of Georgia", "according to Yap".

        Why apart from ``span_context`` and ``recognition``: these signs only lower a score,
        so the parser reads them only for the spans that recognition keeps without them."""
        text = self.text
        after = text[end : end + 1]
        if after == "$" or (start > 0 and text[start - 1] == "$"):
            return 2 * NOT_A_PLACE  # a currency
        if text[end - 1] == "s" and end - start > 2 and text[start : end - 1].isupper():
            return 2 * NOT_A_PLACE  # the plural of an acronym
        pen = 0.0
        if after == "," and _AGE_AFTER.match(text, end) is not None:
            pen += NOT_A_PLACE  # a person's age follows
        if next_cap:
            pen += _institution_penalty(feature, *_institution_after(text, end))
        if ctx.next_word in self.eponyms and feature not in ("country", "admin1"):
            pen += NOT_A_PLACE  # "Marburg virus"; but "the United States flu season"
        if prev_cap:
            if prev_cap in self.prefixes:
                pen += NOT_A_PLACE  # "Radio Pyongyang"
            elif not ctx.title_before and _title_before_phrase(self.rev, self.n - start,
                                                               self.titles):
                pen += NOT_A_PLACE
            if n_tokens == 1 and (folded in self.institutions or folded in self.premises
                                  or folded in self.features):
                pen += NOT_A_PLACE  # "University" of "Ohio State University", "City Hall"
        prev = ctx.prev_word
        if prev == "of" or (prev == "the" and text[max(0, start - 7) : start].lower() == "of the "):
            word, before = _word_before_of(self.rev, self.n - start)
            if word in self.prefixes:
                pen += NOT_A_PLACE  # "Voice of America", "the Consumer Act of the Philippines"
            elif word in self.premises and before not in self.cues:
                pen += PREMISES  # "the University of Georgia", not "at the University of X"
        if ((prev in self.source_ends or prev in _ARTICLES) and after not in "'’"
                and _source_re().search(text, max(0, start - 30), start)
                and _source_before(text, start)):  # not "according to Kenya's"
            pen += NOT_A_PLACE - 0.5
        return pen


NOT_A_PLACE = 4.0  # the penalty of a name that context shows to be part of another name
PREMISES = 2.0  # ... of a building's or a campus's name: offset by a cue ("at"), for a town
_AGE_AFTER = regex.compile(r",\s*\d{1,3}\s*,(?!\d)")
# Up to four capitalised words after a place name, in the same name: glued by a space or a
# hyphen, or by "of", "and", "for", "&" ("Cornwall Fire and Rescue Service").
_NEXT_CAPS = regex.compile(r"(?:(?:[ ]|[-‐‑])(?:(?:of|and|for|&)[ ])?\p{Lu}[\p{L}\p{M}]*){1,4}")
_CAP_WORD = regex.compile(r"\p{Lu}[\p{L}\p{M}]*")


def _fold_letters(word: str) -> str:
    """``fold_word`` of a word of letters, without its cache for the plain ASCII ones (the
    parser's benchmark clears that cache: a text is measured as never seen)."""
    return word.lower() if word.isascii() else fold_word(word)


def _institution_after(text: str, end: int) -> tuple[str, str]:
    """The first institution or premises word among the next capitalised words of the name
    ("Ohio State University" -> "university"), and the word of the name before it ("state";
    "" when it comes right after the place)."""
    run = _NEXT_CAPS.match(text, end)
    if run is None:
        return "", ""
    institutions, premises = lexicons.institution_words(), lexicons.premises_words()
    before = ""
    for w in _CAP_WORD.findall(run.group()):
        f = _fold_letters(w)
        if f in institutions or f in premises:
            return f, before
        before = f
    return "", ""


def _institution_penalty(feature: str, institution: str, word_before: str) -> float:
    """An institution or premises word after a place name: a building or a campus there
    ("Minya University") needs a context that announces a place; an organisation's name
    ("Washington Post") is no place, unless it is the government of that place ("California
    Department of Health", "West Bank Health Ministry", "Santa Ana City Council")."""
    if not institution:
        return 0.0
    if institution in lexicons.premises_words():
        return PREMISES
    gov = institution in _GOVERNMENT_WORDS and (
        feature in ("country", "admin1") or word_before in _LOCAL_GOVERNMENT)
    return 0.5 if gov else NOT_A_PLACE


def _title_before_phrase(rev: str, r: int, titles: frozenset[str]) -> bool:
    """Whether a title stands before the run of capitalised words that ends at the span
    (looking back from ``rev[r:]``, the reversed text): "spokeswoman Kerry-Ann Hamilton",
    "President George W Bush". The word right before the span was checked by
    ``span_context``."""
    r_end = min(len(rev), r + 60)
    got = _REV_WORD.match(rev, r, r_end)
    for _ in range(3):
        if got is None or got.group(1) not in _NAME_GLUE:
            return False
        got = _REV_WORD.match(rev, got.end(), r_end)
        if got is None:
            return False
        word = got.group(2)[::-1]
        if _fold_letters(word) in titles:
            return True
        if not word[0].isupper():
            return False
    return False


_NAME_GLUE = frozenset({" ", "-", "‐", "‑", " ."})  # between the words of a name (reversed)


def _word_before_of(rev: str, r: int) -> tuple[str, str]:
    """The folded capitalised word before "of" / "of the" before the span (looking back from
    ``rev[r:]``), and the word before that one, past an article: ("university", "at") of
    "at the University of Georgia"; ("", "") when there is none."""
    r_end = min(len(rev), r + 60)
    got = _REV_OF.match(rev, r, r_end)
    if got is None:
        return "", ""
    word = _fold_letters(got.group(1)[::-1])
    before = _REV_WORD.match(rev, got.end(), r_end)
    prev = _fold_letters(before.group(2)[::-1]) if before is not None else ""
    if prev in _ARTICLES and before is not None:
        before = _REV_WORD.match(rev, before.end(), r_end)
        prev = _fold_letters(before.group(2)[::-1]) if before is not None else ""
    return word, prev


# Reversed: " of " or " the of ", then a capitalised word (its last letter first).
_REV_OF = regex.compile(r"[ ](?:eht[ ])?fo[ ]\.?([\p{L}\p{M}]*\p{Lu})(?!\p{L})")


def _source_before(text: str, start: int) -> bool:
    """Whether the span follows a phrase that names a source ("according to (the)", "selon")."""
    before = fold(text[max(0, start - 30) : start]).rstrip()
    for art in _ARTICLES:
        if before.endswith(" " + art):
            before = before[: -len(art) - 1]
            break
    return any(
        before.endswith(c) and (len(before) == len(c) or not before[-len(c) - 1].isalnum())
        for c in lexicons.source_cues()
    )


_ARTICLES = ("the", "la", "le", "les", "l")
_OF = frozenset({"of"})


def text_tail(text: str, start: int) -> str:
    """The dozen characters before ``start``, in lower case."""
    return text[max(0, start - 12) : start].lower()
# An article before a span, after "of" or a source phrase: "of the X", "according to the X"
_ARTICLE_AFTER_OF_OR_SOURCE = ("of the ", "to the ", "selon la ", "selon le ", "selon les ",
                               "selon l'", "après la ", "après le ", "après les ", "après l'")


@cache
def _word_lists() -> tuple[frozenset[str], ...]:
    """The word lists ``DocContext`` reads, fetched once for all texts: titles, place cues,
    speech verbs, eponym words, institution prefixes and heads, premises and feature words,
    the last words of the source phrases ("to" of "according to", "selon"), and the words
    of a division's and of a town's kind ("province", "village")."""
    kinds = lexicons.type_words()
    return (lexicons.person_titles(), lexicons.toponym_cues(), lexicons.speech_verbs(),
            lexicons.eponym_words(), lexicons.institution_prefixes(),
            lexicons.institution_words(), lexicons.premises_words(), lexicons.feature_words(),
            frozenset(c.rsplit(" ", 1)[-1] for c in lexicons.source_cues()), kinds["admin"],
            kinds["city"])


@cache
def _source_re() -> regex.Pattern:
    """A search for the longest word of any source phrase ("according", "selon", "après")."""
    longest = {max(c.split(" "), key=len) for c in lexicons.source_cues()}
    alts = ["".join(_ACCENTED.get(ch, regex.escape(ch)) for ch in w) for w in longest]
    return regex.compile(r"(?i)\b(?:" + "|".join(alts) + r")\b")


# The letters that a folded word's letter may have been, written (French, Spanish...).
_ACCENTED = {"a": "[aàâä]", "e": "[eéèêë]", "i": "[iîï]", "o": "[oôö]", "u": "[uùûü]",
             "c": "[cç]", "n": "[nñ]"}


def _ends_sentence(rev_gap: str) -> bool:
    """Whether the text between two words (reversed) ends a sentence before the second."""
    stripped = rev_gap.strip()
    return bool(stripped) and stripped[0] in _INITIAL_END


def _second_word_after(second_word: WordPattern, text: str, end: int) -> str:
    """The folded second word of the 60 characters after ``end`` ("said" of "X Y said"), or
    "": one match of ``_SECOND_WORD`` (or its ASCII twin), not a list of their words."""
    m = second_word.match(text, end, end + 60)
    if m is None:
        return ""
    word = m.group(1)
    return word.lower() if word.isascii() else _fold_word(word)  # fold_word: letters only


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
    words = text[:500].lower().split()
    en = sum(map(_EN_WORDS.__contains__, words))  # counted in C: the lists share no word
    fr = sum(map(_FR_WORDS.__contains__, words))
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
    """A capitalised neighbour that looks like part of a person's name, not a common noun
    nor a word of a place's kind ("Governorate": rare, but no name)."""
    return word != "" and zipf(word) < 4.0 and word not in _recognition_words()[1]


_common_words = lexicons.common_words


@cache
def _recognition_words() -> tuple[frozenset[str], frozenset[str], dict[str, float]]:
    """The word lists ``recognition`` reads for every span, fetched in one call: calendar
    words, the words that are no part of a name (person titles, words of a place's kind)
    and the ordinary words of any language (``name_like``'s)."""
    return (lexicons.calendar_words(), lexicons.person_titles() | lexicons.kind_words(),
            lexicons.common_words())


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
    calendar, not_names, any_common = _recognition_words()
    if folded in calendar:
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
            # Countries and divisions are curated lists, and a city of millions is known by
            # its name: "China", "Virginia" or "Paris" starting a sentence is still a place
            # (a word list counts the name as a word); generic words ("East", "Central")
            # are not let off.
            lenient = (
                not all_caps
                and (feature in ("country", "admin1")
                     or (feature == "city" and population > FAMOUS_POPULATION))
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
    # name_like(prev_cap) or name_like(next_cap), inline
    if (prev_cap and any_common.get(prev_cap, 0.0) < 4.0 and prev_cap not in not_names) or (
            next_cap and any_common.get(next_cap, 0.0) < 4.0 and next_cap not in not_names):
        s -= 0.5 if strong else 3.0
    if known_person:
        # a word of a person's name elsewhere in the document; a country, or a word after
        # "in"/"from", is still more likely the place here
        s -= 1.5 if strong else (2.0 if ctx.cue_before else 4.0)
    if prev_cap or next_cap or ctx.compound:  # else _part_of_longer_name is 0
        s -= _part_of_longer_name(feature, kind, folded, prev_cap, next_cap, ctx)
    if (
        all_caps and len(folded) <= 5 and name_kind != ABBREV and n_tokens == 1
        and feature not in ("country", "admin1")
    ):
        s -= 3.0  # an acronym ("DOH", "FAO") in mixed-case text, not a place in capitals
    return s


# The word before a government word that makes it a town's own ("City Council").
_LOCAL_GOVERNMENT = frozenset({"city", "town", "county", "metro", "municipal", "village"})
_OF_WORDS = frozenset({"of", "de", "du", "des"})
_GOVERNMENT_WORDS = frozenset({
    "department", "ministry", "council", "commission", "agency", "authority", "bureau",
    "office", "police", "ministere", "conseil",
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


# Kinds of the coarse features that are no country: a direction after their name names
# another region ("Pacific Northwest", "Atlantic Canada"), not a part of them.
SUPRANATIONAL = frozenset({"continent", "region", "ocean", "sea", "union"})


def _part_of_longer_name(
    feature: str, kind: str, folded: str, prev_cap: str, next_cap: str, ctx: SpanContext
) -> float:
    """Penalty for a match that is only part of a longer capitalised name: that name (not in
    the gazetteer, or the longest match would have won) is another place. "Salinas Valley",
    "Plum Island" (a feature word follows), "Waiheke Island", "South West England" (the
    match is itself generic), "Pacific" of "Pacific Northwest" (a direction word
    follows), "Rhône-Alpes" (hyphen compound). A direction before names a
    part of the place ("North Dallas", "Southern California"): no penalty."""
    if not (prev_cap or next_cap or ctx.compound):
        return 0.0
    big = feature in ("country", "admin1") and kind not in SUPRANATIONAL
    if next_cap and next_cap in lexicons.feature_words():
        return 2.0 if feature == "country" else 4.0
    generic = lexicons.generic_words()
    if (folded in generic or folded in _DIRECTIONS) if " " not in folded else all(
            w in generic or w in _DIRECTIONS for w in folded.split(" ")):
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


# What separates the places of a list: "A, B", "A and B", "A, and B", "A et B", "A ou B".
LIST_GAP = re.compile(r"\s*,\s*(?:(?:and|et|or|ou)\s+)?|\s+(?:and|et|or|ou)\s+")
# A name listed with places ("Moonbi, Parkes, Berry and Wyong") is likelier one of them: what
# recognition adds to a name that falls short by less, joined by ``LIST_GAP`` to a place kept.
LISTED_BONUS = 1.0
HELD_BONUS = 2.0  # a name followed by a place that holds a place of that name: "Buffalo, New York"
HELD_KM = 80.0  # a place this near a second-level division's point counts as inside it
_HELD_GAP = re.compile(r"\s*,\s*(?:in\s+(?:the\s+)?)?|\s+in\s+(?:the\s+)?")  # ", " ", in " " in "
_HELD_GAP_MAX = 16
_CONTAINERS = frozenset({"country", "admin1", "admin2"})


def held_bonus(
    ix: Index, text: str, spans: list[RawSpan], sp: RawSpan, ctx: SpanContext,
    known_person: bool,
) -> float:
    """``HELD_BONUS`` when the span ``sp`` of ``spans`` (the matcher's, sorted) is followed by a
    country or division that holds a place of its name -- "Buffalo, New York", "Austin, in
    Scott County", "Mobile in Alabama" -- else 0.

    Why: a town whose name is an ordinary word or a given name loses its recognition to
    that ("Buffalo", "Austin" starting a sentence); a writer who adds the state or the
    county says it is the place, and the index can check that such a place is there. The
    signs of a person (a title, a name word known from elsewhere, a speech verb, a
    capitalised neighbour) are not outweighed: "General Austin, in Texas" stays a man.
    Cheap for most spans: the gap after the span is looked at first."""
    e = sp[1]
    if text[e : e + 1] != "," and not text.startswith(" in ", e):
        return 0.0
    if ctx.title_before or ctx.speech_after or known_person or sp[5] or sp[6]:
        return 0.0
    n = bisect.bisect_right(spans, sp)  # the span after it
    nxt = spans[n] if n < len(spans) else None
    if (nxt is None or nxt[0] - e > _HELD_GAP_MAX
            or _HELD_GAP.fullmatch(text, e, nxt[0]) is None):
        return 0.0
    names = _span_places(ix, sp)
    for c in _span_places(ix, nxt):
        if FEATURE_NAMES[ix.feature[c]] in _CONTAINERS and any(
                p != c and _holds(ix, c, p) for p in names):
            return HELD_BONUS
    return 0.0


def _span_places(ix: Index, sp: RawSpan) -> list[int]:
    """The candidate places of a matcher span (its fuzzy place, or its key's postings)."""
    if sp[9] >= 0:
        return [sp[9]]
    if sp[2] < 0:
        return []
    a, b = ix.post_start[sp[2]], ix.post_start[sp[2] + 1]
    return list(ix.post_place[a : min(b, a + MAX_RANKED)])


def _holds(ix: Index, container: int, place: int) -> bool:
    """Whether ``container`` (a country or a division) holds ``place``: same country, and
    its first-level division by name, or near a second-level division's point."""
    cc = ix.cc[container]
    if not cc or ix.cc[place] != cc:
        return False
    f = FEATURE_NAMES[ix.feature[container]]
    if f == "country":
        return FEATURE_NAMES[ix.feature[place]] != "country"
    if f == "admin1":
        return ix.admin1[place] == ix.names[container] and FEATURE_NAMES[
            ix.feature[place]] != "admin1"
    return FEATURE_NAMES[ix.feature[place]] in ("city", "site") and haversine_km(
        ix.lat[container], ix.lon[container], ix.lat[place], ix.lon[place]) <= HELD_KM
