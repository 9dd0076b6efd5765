"""Find the spans of a text that name a place in the index (recognition candidates).

Why this shape: place names in French and English news are capitalised words (with lowercase
glue: "al-", "d'", "de", "of"), and adjectives of countries. One compiled regular expression
(C speed) finds the phrases of capitalised words with their glue in a single pass; each
phrase is folded and its word n-grams are looked up in the index's table of folded names, so
every match is word-aligned (pyahocorasick over token ids was tried first: with a
400,000-word alphabet each lookup scans the root's children, ~130 us, so a hash table is 100x
faster). Most phrases are one plain ASCII word ("Baghdad", "The"): one ``str.lower`` and one
dict lookup, no tokenizer. Lower-case adjectives ("irakienne", "syro-") go through a
pyahocorasick character automaton over the lower-cased text. No decision is taken here:
spans are handed to the ranker with their facts.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

import ahocorasick
import regex

from gazetteer import lexicons
from gazetteer.index import Index
from gazetteer.normalize import (
    _NAME_ABBREV,
    _PLAIN_ARTICLES,
    _SUN_ARTICLES,
    APOSTROPHES,
    fold,
    fold_word,
    is_article,
    tokenize,
)
from gazetteer.types import FEATURES

_APOS = "'’ʿʾ‘`"
# Latin capitals (and, in the extended blocks, their lower-case neighbours): a short range
# class, for patterns that filter lower-case hits themselves (geocoder's misspelling pass).
_UP = "[A-ZÀ-ÖØ-Þ" + "Ā-ɏḀ-ỿ]"


def _upper_class() -> str:
    """Exactly the upper-case letters of the Latin blocks, as a regex class (sre compiles it
    to a bitmap: as fast to scan as a short range)."""
    parts = ["A-Z", "À-Ö", "Ø-Þ"]
    for lo, hi in ((0x100, 0x24F), (0x1E00, 0x1EFF)):
        run: list[int] | None = None
        for c in range(lo, hi + 1):
            if chr(c).isupper():
                if run is not None and run[1] == c - 1:
                    run[1] = c
                else:
                    run = [c, c]
                    parts.append(run)  # type: ignore[arg-type]
    out = []
    for p in parts:
        if isinstance(p, str):
            out.append(p)
        else:
            a, b = p
            out.append(chr(a) if a == b else f"{chr(a)}-{chr(b)}")
    return "[" + "".join(out) + "]"


_UPPER = _upper_class()
# A capitalised word ("McKenzie", "O'Leary", "Karbalā’" without its last mark).
_WORD = _UPPER + r"(?:[^\W\d_]|[" + _APOS + r"](?=[^\W\d_]))*"
_GLUE = (
    r"(?:of|de|du|des|del|della|di|da|do|dos|das|la|le|les|el|al|ad|as|an|ar|at|az|ash|en|sur"
    r"|upon|on|the|et|y|i|kwa|bin|ibn|ben|bint|abu|abou|umm|ould|au|aux|lès|sous|am|im|der|den"
    r"|dem|van|von|op|aan|ter|bei|e|es)"
)
_ARTICLE = r"(?:[aAeE](?:l|[dsntrz]|sh|dh|th))[-‐‑ ]"  # al-, el-, ad-, ez-, ash- ...
# What may stand between two capitalised words of one phrase: "New York", "Saint-Marc",
# "U.S.", "Bank of America", "Democratic Republic of the Congo", "Aïn al-Asad",
# "Port-au-Prince", "Dar es Salaam".
# A dot joins only after a short capitalised word ("U.S.", "St. Marc", "Dr. Li"), as in
# normalize.tokenize; after any other word it ends the sentence, and the phrase.
_SHORT_BEFORE = (
    r"(?:(?<=(?<!\w)" + _UPPER + r")|(?<=(?<!\w)" + _UPPER + r"[^\W\d_])"
    r"|(?<=(?<!\w)" + _UPPER + r"[^\W\d_]{2}))"
)
_JOIN = (
    r"(?:[ ]|[-‐‑]|" + _SHORT_BEFORE + r"\.[ ]?)(?:" + _GLUE + r"(?:[ ]|[-‐‑])){0,2}(?:[lLdD][" + _APOS + r"])?"
    r"(?:" + _ARTICLE + ")?"
)
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_HAS_APOS = re.compile("[" + APOSTROPHES + "]")
# An apostrophe that is not of a possessive "'s" / "’s" ending a word before a space, a hyphen
# or the end of the phrase (the tokenizer splits those into the word and "s", both soft):
# a phrase without one reads as a simple phrase.
_NOT_POSSESSIVE = re.compile(
    "['’](?![sS](?:[ \\-‐‑]|$))|[" + APOSTROPHES.replace("'", "").replace("’", "") + "]")
_CANON_WORDS = frozenset(_NAME_ABBREV) | frozenset(_PLAIN_ARTICLES) | frozenset(_SUN_ARTICLES)
_HYPHENS = frozenset("-‐‑")  # a set: "" (no gap) is not in it
FUNCTION_WORD_ZIPF = 6.0  # once in a thousand words: "et", "en", "at", "an", "as"


def prose_articles(common: dict[str, float]) -> frozenset[str]:
    """The spellings of an assimilated Arabic article that are also function words of the
    texts' languages ("et", "en", "at", "an", "as"; ``common``: zipf of ordinary words).

    Why: in running text "Alep et Tikrit" or "clashes at Tall Abyad" is a list or a
    preposition, not "Alep al-Tikrit" nor "al-Tall": such a spelling is read as the article
    only hyphen-joined ("et-Tall") or capitalised as GeoNames writes it ("As Sulaymaniyah").
    Names themselves (``normalize.fold``) keep every spelling: "Tall at Tamr" is a name."""
    return frozenset(w for w in _SUN_ARTICLES if common.get(w, 0.0) >= FUNCTION_WORD_ZIPF)


def prose_word(word: str, upper: bool, joined: bool, prose: frozenset[str]) -> bool:
    """Whether a folded ``word`` that ``is_article`` reads as an article stays a word of
    the text: a lower-case function word (``prose``) not hyphen-joined to the next word."""
    return word in prose and not upper and not joined


# A phrase: lower-case glue before the first capitalised word ("d'", "l'", "al-", "d'al-"),
# capitalised words not glued to a letter before them ("iPhone"), joined by _JOIN. Written
# to start with one character class (sre then skips ahead in C to the next possible start)
# and check "not after a letter" with a lookbehind once that character is read.
_REST = r"(?:[^\W\d_]|[" + _APOS + r"](?=[^\W\d_]))*"
CHUNK_RE = re.compile(
    "[lLdDaAeE" + _UPPER[1:] + r"(?<!\w.)(?:"
    r"(?<=[lLdD])[" + _APOS + r"](?:" + _ARTICLE + ")?" + _WORD
    + r"|(?<=[aAeE])(?:l|[dsntrz]|sh|dh|th)[-‐‑ ]" + _WORD
    + r"|(?<=" + _UPPER + ")" + _REST
    + r")(?:" + _JOIN + _WORD + r")*"
)


def iter_chunks(text: str):
    """(start, end) of each phrase of capitalised words, with its lower-case glue."""
    for m in CHUNK_RE.finditer(text):
        yield m.span()


# A phrase of several words: (folded words, capitalised?, joined to the one before? (None:
# all are), n-gram matches (-length, first word, posting)).
Phrase = tuple[list[str], list[bool], "list[bool] | None", list[tuple[int, int, int]]]


def person_words(phrases: list[Phrase], words: set[str] | None = None) -> set[str]:
    """Folded words of person-like runs of ``phrases``; with ``words``, only of the phrases
    that contain one of them (the others cannot change what the caller asks)."""
    out: set[str] = set()
    for folded, upper, soft, found in phrases:
        if words is None or not words.isdisjoint(folded):
            _person_runs(folded, upper, soft, found, out)
    return out


# A raw span, the parser's working record (a tuple: made by the thousand per text):
# (start, end, posting, n_tokens, all_caps, prev_cap, next_cap, folded, lowercase, fuzzy_place)
RawSpan = tuple[int, int, int, int, bool, str, str, str, bool, int]


@dataclass(slots=True)
class Span:
    """A candidate place name in the text, before any decision (``Matcher.find``)."""

    start: int
    end: int
    text: str
    posting: int  # posting id in the index (the key's candidate places)
    n_tokens: int
    lowercase: bool  # found by the adjective automaton, written in lower case
    all_caps: bool
    prev_cap: str = ""  # folded capitalised word right before the span in its phrase ("nancy")
    next_cap: str = ""  # folded capitalised word right after it ("pelosi")
    folded: str = ""  # the span's folded form
    fuzzy_place: int = -1  # the single place of a fuzzy match


_VOWELS = re.compile(r"[aeiouy]+")
_DOUBLED = re.compile(r"(.)\1+")


class SpellingVariants:
    """Names of the places of one script's countries written otherwise than the gazetteer
    has them: "Menoufia" and "Minufiya" for Monufia (Al Minufiyah), "Daqahliya" for Dakahlia.

    Why: romanisations of Arabic differ in their vowels (short vowels are not written in
    Arabic), in the ending -iyya ("-ia", "-iya", "-iyah", "-eya") and in a few letters
    (French "ou", "ch", "dj"; "q" or "k"); their consonants stay. A capitalised word that is
    no name of the index but ends like such a name is looked up by its skeleton: the
    ending taken off, the equivalent letters made one, doubled letters single, every run of
    vowels one open slot ("m*n*f"). Only first-level divisions and towns of
    ``MIN_CITY_POP`` of those countries are looked up, and only skeletons of
    ``MIN_CONSONANTS``: given names ("Samia", "Nadia") have fewer. The table is made on
    first need (most texts never need it)."""

    MIN_CITY_POP = 20_000
    MIN_CONSONANTS = 3

    def __init__(self, index: Index, spellings: lexicons.Spellings):
        self.index = index
        self.countries = spellings.countries
        self.endings = spellings.endings  # a tuple: ``str.endswith`` takes it whole
        self.same = spellings.same
        self._table: dict[str, int] | None = None

    def skeleton(self, word: str) -> str | None:
        """The consonants of a folded word without its ending, vowels as "*" ("m*n*f" of
        "menoufia"); None when it has no such ending or too few consonants."""
        end = next((e for e in self.endings if word.endswith(e)), None)
        if end is None:
            return None
        stem = word[: len(word) - len(end)]
        for written, sound in self.same:
            stem = stem.replace(written, sound)
        out = _VOWELS.sub("*", _DOUBLED.sub(r"\1", stem))
        return out if len(out) - out.count("*") >= self.MIN_CONSONANTS else None

    def posting(self, word: str) -> int | None:
        """The posting of the index key that ``word`` is a spelling of, or None."""
        sk = self.skeleton(word)
        if sk is None:
            return None
        if self._table is None:
            self._table = self._make_table()
        return self._table.get(sk)

    def places(self, word: str) -> list[int]:
        """The places (first-level divisions, towns of ``MIN_CITY_POP``) of the countries
        concerned that a folded one-word name may be another spelling of, though it is
        itself a name ("gharbiya", an Israeli town's, for Egypt's Gharbia)."""
        p = self.posting(word) if " " not in word else None
        if p is None:
            return []
        return [pid for pid, _ in self.index.postings(p) if self._wanted(pid)]

    def _make_table(self) -> dict[str, int]:
        """Skeleton -> the posting of the one-word key with the most populous such place."""
        ix = self.index
        best: dict[str, tuple[int, int]] = {}
        ends = self.endings
        for key, p in ix.key_ids.items():
            if " " in key or not key.endswith(ends):
                continue
            pop = max((ix.population[pid] for pid, _ in ix.postings(p) if self._wanted(pid)),
                      default=-1)
            sk = self.skeleton(key) if pop >= 0 else None
            if sk is not None and pop > best.get(sk, (-1, 0))[0]:
                best[sk] = (pop, p)
        return {sk: p for sk, (_, p) in best.items()}

    def _wanted(self, pid: int) -> bool:
        """A first-level division, or a town of ``MIN_CITY_POP``, of one of the countries
        concerned (districts are left out: many are named by an ordinary word, "As
        Salafiyah", "Al Jafariyah", that a text means as such)."""
        ix = self.index
        if ix.cc[pid] not in self.countries:
            return False
        f = FEATURES[ix.feature[pid]]
        return f == "admin1" or (f == "city" and ix.population[pid] >= self.MIN_CITY_POP)


class Matcher:
    """Span finder bound to one index."""

    def __init__(
        self,
        index: Index,
        lowercase_forms: dict[str, int],
        phrase_forms: dict[str, tuple[int, int]] | None = None,
    ):
        self.index = index
        self.spellings = SpellingVariants(index, lexicons.arabic_spellings())
        self.prose = prose_articles(lexicons.common_words())
        self.lower_auto = ahocorasick.Automaton()
        for form, posting in lowercase_forms.items():
            self.lower_auto.add_word(form, (len(form), posting, 0))
        # multi-word names with lower-case words ("aéroport de Bagdad", "Baghdad airport"):
        # the capitalised-phrase pass cannot see them whole; the same automaton pass does
        for form, (posting, ntok) in (phrase_forms or {}).items():
            if form not in self.lower_auto:
                self.lower_auto.add_word(form, (len(form), posting, ntok))
        if len(self.lower_auto):
            self.lower_auto.make_automaton()

    def find(self, text: str) -> tuple[list[Span], set[str]]:
        """All candidate spans, overlaps resolved (longest first, then leftmost), and the
        folded words of person-like name runs of the text."""
        raw, phrases = self.scan(text)
        persons = person_words(phrases)
        return [
            Span(s, e, text[s:e], p, n, low, caps, pc, nc, f, fz)
            for s, e, p, n, caps, pc, nc, f, low, fz in raw
        ], persons

    def scan(self, text: str) -> tuple[list[RawSpan], list[Phrase]]:
        """``find`` as plain tuples (``RawSpan``), sorted by start, and the phrases where
        person names may be (``person_words`` reads them, for the words that matter)."""
        out: list[RawSpan] = []
        persons: list[Phrase] = []
        key_ids = self.index.key_ids
        variant_ends, variant = self.spellings.endings, self.spellings.posting
        for m in CHUNK_RE.finditer(text):
            chunk = m.group()
            if not chunk.isalpha():
                base = m.start()
                if len(chunk) > 2 and chunk[1] in "'’" and chunk[0] in "lLdD":
                    # "d'Irak", "l'Élysée": the elided article never starts a name, nor is
                    # it a capitalised neighbour; the phrase is what follows it
                    chunk = chunk[2:]
                    base += 2
                if not chunk.isalpha():
                    self._read_phrase(text, chunk, base, out, persons)
                    continue
            # one word: most phrases ("Baghdad", "The", "Mossoul")
            key = chunk.lower() if chunk.isascii() else fold_word(chunk)
            p = key_ids.get(key)
            if p is None and key.endswith(variant_ends):  # "Menoufia" for Monufia
                p = variant(key)
            if p is not None:
                e = m.end()
                out.append((e - len(chunk), e, p, 1, chunk.isupper(), "", "", key, False, -1))
        if len(self.lower_auto):
            self._lowercase_spans(text, out)
        out.sort()
        return out, persons

    def _read_phrase(
        self, text: str, chunk: str, base: int, out: list[RawSpan], persons: list[Phrase]
    ) -> None:
        """A phrase of several words or with an apostrophe, read the cheapest way that reads
        it as the tokenizer does: only apostrophes other than a possessive's need it."""
        if _HAS_APOS.search(chunk) is None:
            self._simple_phrase(text, chunk, base, out, persons)
        elif _NOT_POSSESSIVE.search(chunk) is not None:  # "Côte d'Ivoire", "O'Leary", "I'm"
            self._phrase(text, chunk, base, out, persons)
        elif not self._possessive(chunk, base, out):  # "Kenya's": done
            self._simple_phrase(text, chunk, base, out, persons)  # "Canada's Health Ministry"

    def _possessive(self, chunk: str, base: int, out: list[RawSpan]) -> bool:
        """One plain word and "'s" ("Kenya's", "WHO’s"), the most common phrase with an
        apostrophe: its span added as ``_phrase`` would (the tokens "Kenya" and "s"), without
        the tokenizer. False for any other phrase, or when "kenya s" is a key too."""
        word = chunk[:-2]
        if not (chunk[-1] == "s" and chunk[-2] in "'’" and word.isascii() and word.isalpha()
                and word[0].isupper()):
            return False
        key = word.lower()
        if key in self.index.first_len and key + " s" in self.index.key_ids:
            return False
        p = self.index.key_ids.get(key)
        if p is not None:
            out.append((base, base + len(word), p, 1, word.isupper(), "", "", key, False, -1))
        return True

    def _simple_phrase(
        self, text: str, chunk: str, base: int, out: list[RawSpan], persons: list[Phrase]
    ) -> None:
        """A phrase of words without apostrophes ("New York City", "Port-au-Prince", "U.S.
        Army", "Aïn al-Asad"): tokens made and folded as ``tokenize`` would, without it.
        Every gap is soft (CHUNK_RE only keeps the dots of abbreviations)."""
        ascii_ = chunk.isascii()
        if ascii_ and chunk.replace(" ", "").isalpha():
            words = chunk.split(" ")
            folded = chunk.lower().split(" ")
            starts = None  # words one space apart: made below, if a name is found
        else:
            words = _LETTERS_RE.findall(chunk)
            if ascii_:
                folded = [w.lower() for w in words]
            else:
                folded = [fold_word(w) for w in words]
                if not all(folded):  # a word that folds to nothing is no token
                    self._phrase(text, chunk, base, out, persons)
                    return
            starts = [base + t.start() for t in _LETTERS_RE.finditer(chunk)]
        upper = [w[0].isupper() for w in words]
        n = len(words)
        if not _CANON_WORDS.isdisjoint(folded):
            for i in range(n - 1):  # normalize._canonical_articles (every gap is soft)
                f, nxt = folded[i], folded[i + 1]
                if f in _NAME_ABBREV and upper[i] and upper[i + 1]:
                    folded[i] = _NAME_ABBREV[f]
                elif is_article(f, nxt, upper[i + 1]) and not prose_word(
                        f, upper[i], starts is not None
                        and text[starts[i] + len(words[i]) : starts[i + 1]] in _HYPHENS,
                        self.prose):
                    folded[i] = "al"
        found = self._ngrams(folded, upper, None)
        if n > 1 and sum(upper) > 1:
            persons.append((folded, upper, None, found))
        if not found:
            return
        if starts is None:
            starts = []
            pos = base
            for w in words:
                starts.append(pos)
                pos += len(w) + 1
        self._emit(text, words, folded, upper, None, starts, None, found, out, None)

    def _phrase(
        self, text: str, chunk: str, base: int, out: list[RawSpan], persons: list[Phrase]
    ) -> None:
        """Any other phrase: the full tokenizer (accents, apostrophes)."""
        toks = tokenize(chunk)
        if not toks:
            return
        folded = [t.folded for t in toks]
        for i in range(len(toks) - 1):  # an article there may be a word of the text
            t = toks[i]
            if folded[i] == "al" and prose_word(fold_word(t.raw), t.upper_initial,
                                                chunk[t.end : toks[i + 1].start] in _HYPHENS,
                                                self.prose):
                folded[i] = fold_word(t.raw)
        upper = [t.upper_initial for t in toks]
        soft = [i == 0 or t.gap_before == " " for i, t in enumerate(toks)]  # not "Iraq. The"
        found = self._ngrams(folded, upper, soft)
        if len(toks) > 1 and sum(upper) > 1:
            persons.append((folded, upper, soft, found))
        if not found:
            return
        self._emit(
            text,
            [t.raw for t in toks],
            folded,
            upper,
            soft,
            [base + t.start for t in toks],
            [base + t.end for t in toks],
            found,
            out,
            [t.all_caps for t in toks],
        )

    def _ngrams(
        self, folded: list[str], upper: list[bool], soft: list[bool] | None
    ) -> list[tuple[int, int, int]]:
        """(-length, first word, posting) of every word n-gram of a phrase that is a key of
        the index and starts with a capitalised word (or an Arabic article). ``soft[i]``:
        token i is joined to the one before (None: all are)."""
        key_ids = self.index.key_ids
        first_len = self.index.first_len
        n = len(folded)
        found: list[tuple[int, int, int]] = []
        for i in range(n):
            f = folded[i]
            if not (upper[i] or f == "al"):
                continue  # a place name starts with a capital (or an Arabic article)
            # keys of several words starting with this one (none from the last word)
            most = first_len.get(f) if i + 1 < n else None
            if most is not None:
                stop = min(n, i + most)
                if soft is not None:
                    k = i + 1
                    while k < stop and soft[k]:
                        k += 1
                    stop = k
                for j in range(stop, i + 1, -1):  # every word n-gram starting here
                    p = key_ids.get(" ".join(folded[i:j]))
                    if p is not None:
                        found.append((i - j, i, p))
            p = key_ids.get(f)
            if p is None and f.endswith(self.spellings.endings):
                p = self.spellings.posting(f)
            if p is not None:
                found.append((-1, i, p))
        return found

    def _emit(
        self,
        text: str,
        raw: list[str],
        folded: list[str],
        upper: list[bool],
        soft: list[bool] | None,
        starts: list[int],
        ends: list[int] | None,
        found: list[tuple[int, int, int]],
        out: list[RawSpan],
        all_caps: list[bool] | None,
    ) -> None:
        """The n-grams ``found`` in one phrase that do not overlap, longest first, then
        leftmost, added to ``out`` as spans. ``ends``: where each word ends (None: its start
        and length)."""
        n = len(folded)
        if len(found) == 1:
            chosen = found
        else:
            chosen = []
            used: set[int] = set()
            for neg, i, p in sorted(found):
                rng = range(i, i - neg)
                if not used.isdisjoint(rng):
                    continue
                used.update(rng)
                chosen.append((neg, i, p))
        for neg, i, p in chosen:
            j = i - neg
            s = starts[i]
            e = starts[j - 1] + len(raw[j - 1]) if ends is None else ends[j - 1]
            if text[e : e + 1] == "." and len(raw[j - 1]) == 1:
                e += 1  # "U.S." keeps its last dot
            if j - i == 1:
                caps = raw[i].isupper() if all_caps is None else all_caps[i]
                key = fold_word(text[s:e])
            else:
                caps = all(w.isupper() for w in raw[i:j]) if all_caps is None else all(
                    all_caps[i:j])
                key = " ".join(folded[i:j])
            out.append((
                s, e, p, j - i, caps,
                _neighbour(folded, upper, soft, i, -1) if n > 1 else "",
                _neighbour(folded, upper, soft, j - 1, +1) if n > 1 else "",
                key, False, -1,
            ))

    def _lowercase_spans(self, text: str, out: list[RawSpan]) -> None:
        """Lower-case adjectives of countries ("irakienne", "syro-"), outside capital chunks,
        and the curated names with lower-case words ("l'aéroport de Bagdad", "Baghdad
        airport"), which replace the shorter spans they contain."""
        low = text.lower()
        if len(low) != len(text):  # "İ" is the one letter whose lower case is two characters
            low = "İ".join(part.lower() for part in text.split("İ"))
        if "’" in low:
            low = low.replace("’", "'")
        busy: set[tuple[int, int]] | None = None
        phrases: list[RawSpan] = []
        n = len(low)
        for end, (length, posting, ntok) in self.lower_auto.iter(low):
            s, e = end - length + 1, end + 1
            if s > 0 and (low[s - 1].isalnum()):
                continue
            if e < n and low[e].isalnum():
                continue
            if ntok:
                phrases.append((s, e, posting, ntok, False, "", "", fold(text[s:e]), False, -1))
                continue
            if text[s].isupper():
                continue  # capitalised forms were seen by the chunk pass
            if busy is None:
                busy = {(sp[0], sp[1]) for sp in out}
            if (s, e) in busy:
                continue
            out.append((s, e, posting, 1, False, "", "", fold_word(text[s:e]), True, -1))
        if phrases:
            _add_phrases(phrases, out)


def _add_phrases(phrases: list[RawSpan], out: list[RawSpan]) -> None:
    """Add the longest non-overlapping ``phrases`` to ``out``, in place of the spans they
    overlap ("Bagdad" inside "aéroport de Bagdad")."""
    chosen: list[RawSpan] = []
    for ph in sorted(phrases, key=lambda sp: (sp[0] - sp[1], sp[0])):
        if all(ph[1] <= c[0] or c[1] <= ph[0] for c in chosen):
            chosen.append(ph)
    chosen.sort()
    starts = [c[0] for c in chosen]
    ends = [c[1] for c in chosen]
    # a span overlaps a chosen phrase iff it overlaps the last one starting before its end
    # (the phrases do not overlap: those before end before that one starts)
    out[:] = [sp for sp in out
              if (i := bisect.bisect_left(starts, sp[1]) - 1) < 0 or ends[i] <= sp[0]]
    out.extend(chosen)


def _neighbour(
    folded: list[str], upper: list[bool], soft: list[bool] | None, i: int, step: int
) -> str:
    """The capitalised word next to token i in the same phrase (skipping an "al-"), or ""."""
    j = i + step
    n = len(folded)
    while 0 <= j < n:
        if soft is not None and not soft[j + 1 if step < 0 else j]:
            return ""
        if folded[j] == "al" and not upper[j]:
            j += step
            continue
        return folded[j] if upper[j] else ""
    return ""


def _person_runs(
    folded: list[str],
    upper: list[bool],
    soft: list[bool] | None,
    matches: list[tuple[int, int, int]],
    out: set[str],
) -> None:
    """Words of runs of >= 2 adjacent capitalised name-like words (rare as ordinary words)
    that no single place name (of all n-gram ``matches``) covers: "Qassem Soleimani", "Safa al-Assam" -- not "Hong Kong",
    not "Darfur Peace Accord", and "Résistance" stays out of "Résistance Qassem Soleimani"."""
    common = lexicons.common_words()  # what zipf() reads
    kinds = lexicons.kind_words()  # "Governorate": rare, but no name
    runs: list[list[int]] = []
    run: list[int] = []
    for i, f in enumerate(folded):
        up = upper[i]
        if (up and common.get(f, 0.0) < 4.0 and f not in kinds) or (
                run and f == "al" and not up):
            if run and i > 0 and (soft is None or soft[i]):  # joined to the run
                run.append(i)
                continue
            if run:
                runs.append(run)
            run = [i]
        elif run:
            runs.append(run)
            run = []
    if run:
        runs.append(run)
    for run in runs:
        caps = [i for i in run if upper[i]]
        if len(caps) >= 2:
            lo, hi = run[0], run[-1] + 1
            if not any(i <= lo and hi <= i - neg for neg, i, _ in matches):
                out.update(folded[i] for i in caps)


_LEADING_ARTICLE = re.compile(r"^(?:la|le|les|the)\s+|^l['’]")


def phrase_forms(index: Index, names: list[str]) -> dict[str, tuple[int, int]]:
    """Lower-cased spellings of the multi-word ``names`` that a capitalised phrase does not
    cover whole ("aéroport de Bagdad", "Baghdad airport", "base de Harir") -> (posting id of
    their key, number of words). A leading article is left out ("la bande de Gaza")."""
    out: dict[str, tuple[int, int]] = {}
    for name in names:
        name = _LEADING_ARTICLE.sub("", name.strip())
        if " " not in name or CHUNK_RE.fullmatch(name):
            continue
        key = fold(name)
        pid = index.key_id(key)
        if pid is None:
            continue
        low = name.lower().replace("’", "'")
        plain = strip_accents(low)
        for form in {low, low.replace("-", " "), plain, plain.replace("-", " ")}:
            out.setdefault(form, (pid, key.count(" ") + 1))
    return out


def strip_accents(text: str) -> str:
    """``text`` without combining marks ("aéroport" -> "aeroport"), same letters otherwise."""
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if not unicodedata.combining(c)))


def lowercase_forms(index: Index, forms: list[str]) -> dict[str, int]:
    """Lower-case spellings (accented and folded) of adjectives -> posting id of their key."""
    out: dict[str, int] = {}
    for form in forms:
        key = fold(form)
        pid = index.key_id(key)
        if pid is None:
            continue
        low = form.lower()
        out[low] = pid
        if "-" in low:
            out[low.replace("-", " ")] = pid
        plain = " ".join(fold_word(w) for w in regex.split(r"[-\s]+", low))
        if plain and plain != low:
            out.setdefault(plain, pid)
    return out
