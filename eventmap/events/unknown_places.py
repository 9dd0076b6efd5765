"""Place names the gazetteer does not know, read from how the sentence introduces them.

Why: conflict reports name villages that no offline gazetteer lists ("militants burned the
school in Tangounga", "dans le village de Kpenkouna"). Dropping such an event loses it; the
extractor instead places it where the text (or the analyst's focus country) is, at ACLED geo
precision 3, and keeps the name as the event's mention so a person can place it on the Review
page or a user's places file can. A capitalised word counts only when a locative cue from the
lexicon ("in", "near", "the village of", "à", "près de") stands right before it and it is no
month, no ordinary word and no acronym.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from eventmap.events.location import preposition_role
from gazetteer.lexicons import calendar_words, common_words, person_titles
from gazetteer.normalize import fold_word
from gazetteer.types import Mention

# A name is a run of capitalised words joined by a space, a hyphen or an apostrophe:
# "Tchalel-Goumd", "Fada N'Gourma", "Bani Walid"; at most four words (longer: an organisation).
_WORD = re.compile(r"[^\W\d_][\w'’]*")
_JOINERS = frozenset({" ", "-", "'", "’"})
_ELISION = re.compile(r"(?:[dlDL]|qu|jusqu)['’](?=[^\W\d_])")  # French "d'Inata", "l'Est"
MAX_WORDS = 4
_PLACE_ROLES = frozenset({"LOC_IN", "LOC_NEAR", "LOC_NAMED", "BETWEEN"})
COMMON_ZIPF = 3.0  # a word at least this common as an ordinary word is not a village's name


@dataclass(frozen=True, slots=True)
class UnknownPlace:
    """A name the text gives as a place and the gazetteer does not know."""

    text: str
    start: int
    end: int
    role: str  # the cue before it: LOC_IN, LOC_NEAR, LOC_NAMED or BETWEEN


def unknown_places(text: str, folded: str, start: int, end: int,
                   mentions: Sequence[Mention], language: str) -> list[UnknownPlace]:
    """The unknown place names of ``text[start:end]`` (a sentence), in text order.

    ``folded`` is ``text`` folded by ``eventmap.events.lexicon.fold`` (same offsets);
    ``mentions`` are the gazetteer's, whose spans are known places and skipped.
    """
    covered = [(m.start, m.end) for m in mentions if m.end > start and m.start < end]
    out: list[UnknownPlace] = []
    for s, e in _capitalised_runs(text, start, end):
        s = _after_ordinary_words(text, s, e, language)  # "In Petega" -> "Petega"
        if s == e or any(a < e and s < b for a, b in covered):
            continue
        name = text[s:e]
        if not _name_like(name, language):
            continue
        role = preposition_role(folded, s, language)
        if role in _PLACE_ROLES:
            out.append(UnknownPlace(name, s, e, role))
    return out


def _capitalised_runs(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of runs of capitalised words in ``text[start:end]`` (at most ``MAX_WORDS``)."""
    runs: list[tuple[int, int]] = []
    run: list[tuple[int, int]] = []
    for w in _WORD.finditer(text, start, end):
        ws, we = w.span()
        elided = _ELISION.match(text, ws, we)
        if elided:
            ws = elided.end()
        if not text[ws].isupper():
            if run:
                runs.append((run[0][0], run[-1][1]))
            run = []
            continue
        if run and (elided or not (ws - run[-1][1] == 1 and text[run[-1][1]] in _JOINERS)):
            runs.append((run[0][0], run[-1][1]))
            run = []
        run.append((ws, we))
    if run:
        runs.append((run[0][0], run[-1][1]))
    return [(s, e) for s, e in runs if len(_WORD.findall(text, s, e)) <= MAX_WORDS]


def _ordinary(word: str, language: str) -> bool:
    """A month, a title or an ordinary word of the language, folded."""
    w = fold_word(word)
    return w in calendar_words() or w in person_titles() or \
        common_words(language).get(w, 0.0) >= COMMON_ZIPF


def _after_ordinary_words(text: str, s: int, e: int, language: str) -> int:
    """Where the run ``text[s:e]`` starts once its leading ordinary words are dropped
    (capitalised at the start of a sentence: "In Petega", "Near Djibo")."""
    for w in _WORD.finditer(text, s, e):
        if not _ordinary(w.group(), language):
            return w.start()
    return e


def _name_like(name: str, language: str) -> bool:
    """Not a month, an ordinary word, a title or an acronym: what a village's name looks like."""
    words = _WORD.findall(name)
    if not words or name.isupper():
        return False
    if any(_ordinary(w, language) for w in words):
        return False
    return len(words[0]) >= 3
