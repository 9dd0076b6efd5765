"""Is a matched name a place here? Context features and the recognition score (pure).

A gazetteer has a town for almost every capitalised word: "Police" (Poland), "Omar", "Nancy",
"McKenzie". What decides is the context: a title before ("Speaker", "général", "M."), a speech
verb after ("said"), a neighbouring capitalised word that is a name rather than an ordinary
word ("Nancy Pelosi" vs "Texas Governor"), a month, a frequent ordinary word at the start of a
sentence, or on the contrary a preposition that announces a place ("in", "à", "près de").
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

import regex

from gazetteer import lexicons
from gazetteer.normalize import fold_word
from gazetteer.sources import ABBREV, DEMONYM

_NEXT_WORD = regex.compile(r"^[^\p{L}\p{M}\p{N}]*([\p{L}\p{M}]+)")
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


def _prev_word(left: str) -> tuple[str, int, int]:
    """Last word of ``left``: (word, start, end), ("", -1, -1) when none. A plain scan from
    the end: far cheaper than an end-anchored regular expression on every span."""
    i = len(left) - 1
    while i >= 0 and not left[i].isalpha():
        i -= 1
    if i < 0:
        return "", -1, -1
    end = i + 1
    while i >= 0 and (left[i].isalpha() or unicodedata.combining(left[i])):
        i -= 1
    return left[i + 1 : end], i + 1, end


def span_context(text: str, start: int, end: int, prev_cap: str, next_cap: str) -> SpanContext:
    """Read the words around ``text[start:end]``."""
    left = text[max(0, start - 60) : start]
    elided = False
    if left and left[-1] in "'’":
        w, ws, _ = _prev_word(left[:-1])
        if ws >= 0 and ws + len(w) == len(left) - 1 and w.lower() in ("l", "d", "jusqu", "qu"):
            left = left[:ws]
            elided = True
    word, ws, we = _prev_word(left)
    prev = fold_word(word) if word else ""
    gap = left[we:] if ws >= 0 else left
    right = text[end : end + 60]
    n = _NEXT_WORD.match(right)
    nxt = fold_word(n.group(1)) if n else ""
    stripped = gap.strip()
    initial = ws < 0 or bool(stripped) and stripped[-1] in ".!?\"«“•:" or "\n" in gap
    if elided:
        initial = False
    titles = lexicons.person_titles()
    title = prev in titles or (prev_cap in titles and prev_cap != "")
    if prev == "de" and ws >= 0:
        # "près de X", "province de X": look one word further back
        w2, _, _ = _prev_word(left[:ws])
        prev2 = fold_word(w2) if w2 else ""
        if prev2 in lexicons.toponym_cues():
            prev = prev2
    cue = prev in lexicons.toponym_cues()
    hint = None
    if prev in _TYPE_WORDS_ADMIN or nxt in _TYPE_WORDS_ADMIN:
        hint = "admin1"
    elif prev in _TYPE_WORDS_CITY or nxt in _TYPE_WORDS_CITY:
        hint = "city"
    verbs = lexicons.speech_verbs()
    plain = n is not None and right[: n.start(1)] == " "  # "X said", not "in X," said
    speech = plain and (nxt in verbs or (next_cap != "" and _word_after(right, 2) in verbs))
    return SpanContext(
        prev_word=prev,
        next_word=nxt,
        sentence_initial=initial,
        cue_before=cue,
        type_hint=hint,
        title_before=title,
        speech_after=speech,
        comma_after=right[:1] == ",",
    )


_WORDS = regex.compile(r"[\p{L}\p{M}]+")


def _word_after(right: str, k: int) -> str:
    words = _WORDS.findall(right[:60])
    return fold_word(words[k - 1]) if len(words) >= k else ""


def zipf(word: str) -> float:
    """How common a folded word is as an ordinary word (0 when not in the lexicon)."""
    return lexicons.common_words().get(word, 0.0)


def name_like(word: str) -> bool:
    """A capitalised neighbour that looks like part of a person's name, not a common noun."""
    return word != "" and zipf(word) < 4.0 and word not in lexicons.person_titles()


@dataclass(slots=True)
class Evidence:
    """What recognition weighs for one span (best candidate's facts + context)."""

    feature: str
    kind: str
    population: int
    name_kind: int
    n_tokens: int
    folded: str
    all_caps: bool
    lowercase: bool
    fuzzy: bool
    prev_cap: str
    next_cap: str
    ctx: SpanContext
    known_person: bool  # the word is part of a person's name elsewhere in the document


def recognition_score(ev: Evidence) -> float:
    """Log-odds-like score that the span is a place; > 0 means keep it."""
    if ev.folded in lexicons.calendar_words():
        return -6.0
    if ev.feature == "country":
        s = 3.0
    elif ev.feature in ("admin1", "site"):
        s = 2.0
    elif ev.feature == "admin2":
        s = 1.0
    else:
        s = 0.5 * math.log10(ev.population + 1) - 1.0 + (1.0 if ev.kind == "capital" else 0.0)
    if ev.name_kind == ABBREV and not ev.all_caps:
        return -5.0
    if ev.n_tokens >= 2:
        s += 1.0
    if ev.fuzzy:
        s -= 1.0
    acronym = ev.name_kind == ABBREV and ev.all_caps
    if ev.n_tokens == 1 and not ev.lowercase and not acronym and (
        ev.name_kind != DEMONYM or ev.all_caps
    ):
        z = zipf(ev.folded)
        weak_case = ev.ctx.sentence_initial or ev.all_caps
        # Countries and divisions are curated lists: "China" or "Virginia" starting a
        # sentence is still a place; generic words ("East", "Central") are not let off.
        lenient = (
            not ev.all_caps
            and ev.feature in ("country", "admin1")
            and ev.folded not in lexicons.generic_words()
        )
        s -= max(0.0, z - 3.0) * (1.6 if weak_case else 1.0) * (0.5 if lenient else 1.0)
    if ev.ctx.cue_before:
        s += 1.0
    if ev.ctx.type_hint:
        s += 0.8
    strong = ev.feature == "country"
    if ev.ctx.title_before and ev.name_kind != DEMONYM:  # "le Premier ministre irakien"
        s -= 4.0
    if ev.ctx.speech_after and not ev.ctx.cue_before:  # "Tyler said", not "near Tyler said"
        s -= 0.5 if strong else 2.5
    if name_like(ev.prev_cap) or name_like(ev.next_cap):
        s -= 0.5 if strong else 3.0
    if ev.known_person:
        s -= 4.0
    if ev.next_cap in lexicons.institution_words():
        s -= 2.5  # "Ohio State University", "Buffalo Public Schools", "Washington Post"
    if (
        ev.all_caps and len(ev.folded) <= 5 and ev.name_kind != ABBREV and ev.n_tokens == 1
        and ev.feature not in ("country", "admin1")
    ):
        s -= 3.0  # an acronym ("DOH", "FAO") in mixed-case text, not a place in capitals
    return s


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))
