"""Find the spans of a text that name a place in the index (recognition candidates).

Why this shape: place names in French and English news are capitalised words (with lowercase
glue: "al-", "d'", "de", "of"), and adjectives of countries. A regular expression (C speed)
finds the capitalised words and joins them into phrases; each phrase is folded (cached: "The",
"He" recur) and its word n-grams are looked up in the index's table of folded names, so every
match is word-aligned (pyahocorasick over token ids was tried first: with a 400,000-word
alphabet each lookup scans the root's children, ~130 us, so a hash table is 100x faster).
Lower-case adjectives ("irakienne", "syro-") go through a pyahocorasick character automaton
over the lower-cased text. No decision is taken here: spans are handed to the ranker with their facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick
import regex

from gazetteer.index import Index
from gazetteer.normalize import Token, fold, fold_word, tokenize

_APOS = "'’ʿʾ‘`"
# Latin capitals (and, in the extended blocks, their lower-case neighbours, filtered below):
# a short range class keeps the plain ``re`` engine's scan fast.
_UP = "[A-ZÀ-ÖØ-ÞĀ-ɏḀ-ỿ]"
# A capitalised word ("McKenzie", "O'Leary", "Karbalā’" without its last mark).
WORD_RE = re.compile(_UP + r"(?:[^\W\d_]|[" + _APOS + r"](?=[^\W\d_]))*")
_GLUE = (
    r"(?:of|de|du|des|del|della|di|da|do|dos|das|la|le|les|el|al|ad|as|an|ar|at|az|ash|en|sur"
    r"|upon|on|the|et|y|i|kwa|bin|ibn|ben|bint|abu|abou|umm|ould|au|aux|lès|sous|am|im|der|den"
    r"|dem|van|von|op|aan|ter|bei|e|es)"
)
_ARTICLE = r"(?:[aAeE](?:l|[dsntrz]|sh|dh|th))[-‐‑ ]"  # al-, el-, ad-, ez-, ash- ...
# What may stand between two capitalised words of one phrase: "New York", "Saint-Marc",
# "U.S.", "Bank of America", "Democratic Republic of the Congo", "Aïn al-Asad",
# "Port-au-Prince", "Dar es Salaam".
_JOIN_RE = re.compile(
    r"(?:[ ]|[-‐‑]|\.[ ]?)(?:" + _GLUE + r"(?:[ ]|[-‐‑])){0,2}(?:[lLdD][" + _APOS + r"])?"
    r"(?:" + _ARTICLE + ")?"
)
# Lower-case glue before the first capitalised word: "d'", "l'", "al-", "d'al-".
_PREFIX_RE = re.compile(
    r"(?<![^\W_])(?:[lLdD][" + _APOS + r"])?(?:" + _ARTICLE + r")?\Z"
)


def iter_chunks(text: str):
    """(start, end) of each phrase of capitalised words, with its lower-case glue."""
    cur_s = cur_e = -1
    for m in WORD_RE.finditer(text):
        s, e = m.start(), m.end()
        if s and (text[s - 1].isalnum() or text[s - 1] == "_"):
            continue  # "iPhone": not a word start
        if text[s] > "Z" and not text[s].isupper():
            continue  # a lower-case letter of the Latin extended blocks
        if cur_e >= 0 and s - cur_e <= 12 and _JOIN_RE.fullmatch(text, cur_e, s):
            cur_e = e
            continue
        if cur_e >= 0:
            yield cur_s, cur_e
        p = _PREFIX_RE.search(text, max(0, s - 7), s)
        cur_s = p.start() if p and p.start() < s else s
        cur_e = e
    if cur_e >= 0:
        yield cur_s, cur_e


_HARD_ID = 0  # token id of a hard separator and of words no name contains


@dataclass(slots=True)
class Span:
    """A candidate place name in the text, before any decision."""

    start: int
    end: int
    text: str
    posting: int  # posting id in the index (the key's candidate places)
    n_tokens: int
    lowercase: bool  # found by the adjective automaton, written in lower case
    chunk_start: int  # the capitalised chunk the span sits in (== start/end for adjectives)
    chunk_end: int
    chunk_tokens: int  # capitalised tokens of the chunk
    before_in_chunk: int  # capitalised tokens of the chunk before the span (same phrase)
    after_in_chunk: int  # capitalised tokens of the chunk after the span
    all_caps: bool
    prev_cap: str = ""  # folded capitalised word right before the span in its phrase ("nancy")
    next_cap: str = ""  # folded capitalised word right after it ("pelosi")
    fuzzy_score: float = 100.0  # 100 for an exact key; less for a fuzzy match
    fuzzy_place: int = -1  # the single place of a fuzzy match


@dataclass(slots=True)
class _ChunkResult:
    matches: list[_ChunkMatch]
    persons: tuple[str, ...]  # folded words of person-like runs ("qassem", "soleimani")


@dataclass(slots=True)
class _ChunkMatch:
    tok_start: int
    tok_end: int  # exclusive
    posting: int


@lru_cache(maxsize=100_000)
def _chunk_tokens(chunk: str) -> tuple[Token, ...]:
    return tuple(tokenize(chunk))


class Matcher:
    """Span finder bound to one index."""

    def __init__(self, index: Index, lowercase_forms: dict[str, int]):
        self.index = index
        self._cache: dict[str, _ChunkResult] = {}
        self._nothing: set[str] = set()  # one-word chunks that name nothing ("The", "He")
        self.lower_auto = ahocorasick.Automaton()
        for form, posting in lowercase_forms.items():
            self.lower_auto.add_word(form, (len(form), posting))
        if len(self.lower_auto):
            self.lower_auto.make_automaton()

    def _chunk_matches(self, chunk: str, toks: tuple[Token, ...]) -> _ChunkResult:
        got = self._cache.get(chunk)
        if got is not None:
            return got
        folded = [t.folded for t in toks]
        hard = [i > 0 and t.gap_before == "|" for i, t in enumerate(toks)]  # "Iraq. The"
        key_ids = self.index.key_ids
        longest = self.index.max_tokens
        out: list[_ChunkMatch] = []
        n = len(toks)
        for i in range(n):
            tok = toks[i]
            if not (tok.upper_initial or tok.folded == "al"):
                continue  # a place name starts with a capital (or an Arabic article)
            stop = i + 1
            while stop < n and stop - i < longest and not hard[stop]:
                stop += 1
            for j in range(stop, i, -1):  # every word n-gram starting here
                posting = key_ids.get(" ".join(folded[i:j]))
                if posting is not None:
                    out.append(_ChunkMatch(i, j, posting))
        res = _ChunkResult(_longest(out), _person_runs(toks, out))
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[chunk] = res
        return res

    def find(self, text: str) -> tuple[list[Span], set[str]]:
        """All candidate spans, overlaps resolved (longest first, then leftmost), and the
        folded words of person-like name runs of the text."""
        spans: list[Span] = []
        persons: set[str] = set()
        for c_start, c_end in iter_chunks(text):
            chunk = text[c_start:c_end]
            if " " not in chunk and "-" not in chunk and chunk in self._nothing:
                continue
            toks = _chunk_tokens(chunk)
            if not toks:
                continue
            res = self._chunk_matches(chunk, toks)
            persons.update(res.persons)
            matches = res.matches
            if not matches:
                if len(self._nothing) < 100_000:
                    self._nothing.add(chunk)
                continue
            base = c_start
            caps = [t.upper_initial for t in toks]
            n_caps = sum(caps)
            for cm in matches:
                s = base + toks[cm.tok_start].start
                e = base + toks[cm.tok_end - 1].end
                if e < len(text) and text[e] == "." and len(toks[cm.tok_end - 1].raw) == 1:
                    e += 1  # "U.S." keeps its last dot
                spans.append(
                    Span(
                        start=s,
                        end=e,
                        text=text[s:e],
                        posting=cm.posting,
                        n_tokens=cm.tok_end - cm.tok_start,
                        lowercase=False,
                        chunk_start=base,
                        chunk_end=c_end,
                        chunk_tokens=n_caps,
                        before_in_chunk=sum(caps[: cm.tok_start]),
                        after_in_chunk=sum(caps[cm.tok_end :]),
                        all_caps=all(t.all_caps for t in toks[cm.tok_start : cm.tok_end]),
                        prev_cap=_neighbour(toks, cm.tok_start, -1),
                        next_cap=_neighbour(toks, cm.tok_end - 1, +1),
                    )
                )
        if len(self.lower_auto):
            spans.extend(self._lowercase_spans(text, spans))
        spans.sort(key=lambda s: s.start)
        return spans, persons

    def _lowercase_spans(self, text: str, taken: list[Span]) -> list[Span]:
        """Lower-case adjectives of countries ("irakienne", "syro-"), outside capital chunks."""
        low = text.lower()
        if len(low) != len(text):
            low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
        busy = {(s.start, s.end) for s in taken}
        out: list[Span] = []
        n = len(low)
        for end, (length, posting) in self.lower_auto.iter(low):
            s, e = end - length + 1, end + 1
            if s > 0 and (low[s - 1].isalnum()):
                continue
            if e < n and low[e].isalnum():
                continue
            if text[s].isupper() or (s, e) in busy:
                continue  # capitalised forms were seen by the chunk pass
            out.append(
                Span(s, e, text[s:e], posting, 1, True, s, e, 0, 0, 0, False)
            )
        return out


def _neighbour(toks: tuple[Token, ...], i: int, step: int) -> str:
    """The capitalised word next to token i in the same phrase (skipping an "al-"), or ""."""
    j = i + step
    while 0 <= j < len(toks):
        inner = toks[j + 1] if step < 0 else toks[j]
        if inner.gap_before != " ":
            return ""
        t = toks[j]
        if t.folded == "al" and not t.upper_initial:
            j += step
            continue
        return t.folded if t.upper_initial else ""
    return ""


def _person_runs(toks: tuple[Token, ...], matches: list[_ChunkMatch]) -> tuple[str, ...]:
    """Words of runs of >= 2 adjacent capitalised name-like words (rare as ordinary words)
    that no single place name covers: "Qassem Soleimani", "Safa al-Assam" -- not "Hong Kong",
    not "Darfur Peace Accord", and "Résistance" stays out of "Résistance Qassem Soleimani"."""
    from gazetteer.context import zipf

    out: list[str] = []
    run: list[int] = []

    def flush() -> None:
        caps = [i for i in run if toks[i].upper_initial]
        if len(caps) >= 2:
            lo, hi = run[0], run[-1] + 1
            if not any(m.tok_start <= lo and hi <= m.tok_end for m in matches):
                out.extend(toks[i].folded for i in caps)

    for i, t in enumerate(toks):
        article = t.folded == "al" and not t.upper_initial
        name_like = t.upper_initial and zipf(t.folded) < 4.0
        joined = i > 0 and t.gap_before == " " and bool(run)
        if name_like or (article and run):
            if not joined:
                flush()
                run = []
            run.append(i)
        else:
            flush()
            run = []
    flush()
    return tuple(out)


def _longest(matches: list[_ChunkMatch]) -> list[_ChunkMatch]:
    """Non-overlapping matches, longest first ("New York City" over "York")."""
    chosen: list[_ChunkMatch] = []
    used: set[int] = set()
    for cm in sorted(matches, key=lambda c: (-(c.tok_end - c.tok_start), c.tok_start)):
        rng = range(cm.tok_start, cm.tok_end)
        if any(i in used for i in rng):
            continue
        used.update(rng)
        chosen.append(cm)
    return chosen


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
