"""Text and name normalisation shared by the index and the matcher.

Both sides go through the same functions, so a name in the gazetteer and the same name written
in a news text fold to the same key: accents and case folded (unidecode + casefold), Arabic
article variants made canonical, French elision split off, apostrophes and hamza marks dropped
inside words. The text is cut into tokens that keep their offsets in the ORIGINAL string, so a
match on the folded text maps back to exact character offsets.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from unidecode import unidecode

# Apostrophes, quotes used as apostrophes, ʿayn/hamza marks: inside a word they are dropped.
APOSTROPHES = "'’‘ʼʻ`´ʿʾ′ʹ"
_TOKEN_RE = re.compile(r"[^\W_]+(?:[" + APOSTROPHES + r"][^\W_]+)*")
_APOS_SPLIT_RE = re.compile("[" + APOSTROPHES + "]")
# French elided clitics: l'Irak, d'Irak, jusqu'à, qu'il ...
ELISIONS = frozenset({"l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"})
# Assimilated Arabic articles (sun letters): "ad-Diwaniyah", "as Sulaymaniyah", "ash-Sham".
# One becomes "al" only when the next token starts with its own consonant, so English "as"/"an"
# or French "en" stay what they are in ordinary text.
_SUN_ARTICLES = {
    "ad": "d", "ed": "d", "as": "s", "es": "s", "ash": "sh", "esh": "sh", "an": "n", "en": "n",
    "ar": "r", "er": "r", "at": "t", "et": "t", "az": "z", "ez": "z", "adh": "dh", "ath": "th",
}
_PLAIN_ARTICLES = {"el": "al", "al": "al"}
# Abbreviated name words, written out so "St. Marc", "St Marc" and "Saint-Marc" meet.
_NAME_ABBREV = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort"}
_ABBREV_WORDS = frozenset(_NAME_ABBREV) | frozenset(_NAME_ABBREV.values())
# Separators that end a phrase: a key never spans them.
_HARD = re.compile(r"[.!?;:,()\[\]{}\"«»“”„|/\n\r\t•·–—]")
_SENTENCE_END = re.compile(r"[.!?\n\r«“\"•]")


def fold_word(word: str) -> str:
    """Fold one word (no separators) to lower-case ASCII letters and digits."""
    if word.isascii():  # unidecode keeps ASCII as it is, and casefold is lower on ASCII
        out = word.lower()
        return out if out.isalnum() else "".join(ch for ch in out if ch.isalnum())
    return _fold_word(word)


@lru_cache(maxsize=200_000)
def _fold_word(word: str) -> str:
    out = unidecode(word).casefold()
    if out.isalnum() and out.isascii():
        return out
    return "".join(ch for ch in out if ch.isascii() and ch.isalnum())


@dataclass(slots=True)
class Token:
    """One word of the original text with its offsets, folded form and case facts."""

    start: int
    end: int
    folded: str
    upper_initial: bool  # first letter is upper case
    all_caps: bool  # every letter upper case (acronym or a shouted headline)
    sentence_initial: bool  # first token of a sentence, a line or a quotation
    gap_before: str  # "" for the first token, " " (soft) or "|" (hard) separator
    raw: str


def _split_apostrophes(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a word with apostrophes into pieces: elision and possessive split, others join."""
    word = text[start:end]
    if not _APOS_SPLIT_RE.search(word):
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    cur = start
    for m in _APOS_SPLIT_RE.finditer(word):
        a = start + m.start()
        left = fold_word(text[cur:a])
        after = text[a + 1 : end]
        nxt = re.match(r"[^\W_]+", after)
        right = fold_word(nxt.group(0)) if nxt else ""
        if left in ELISIONS and cur == (pieces[-1][1] if pieces else start) and not pieces:
            pieces.append((cur, a))
            cur = a + 1
        elif right == "s" and a + 1 + len(nxt.group(0) if nxt else "") == end:
            pieces.append((cur, a))
            pieces.append((a + 1, end))
            cur = end
            break
    if cur < end:
        pieces.append((cur, end))
    return pieces


def tokenize(text: str) -> list[Token]:
    """Tokens of ``text`` with original offsets; separators classed as soft or hard."""
    tokens: list[Token] = []
    prev_end = 0
    for m in _TOKEN_RE.finditer(text):
        for s, e in _split_apostrophes(text, m.start(), m.end()):
            raw = text[s:e]
            folded = fold_word(raw)
            if not folded:
                continue
            gap = text[prev_end:s]
            if not tokens:
                gap_kind = ""
                initial = True
            else:
                hard = bool(_HARD.search(gap))
                prev = tokens[-1]
                if hard and gap.strip() == "." and len(prev.folded) <= 3 and prev.upper_initial:
                    hard = False  # U.S., D.C., St. Louis: the dot belongs to the abbreviation
                gap_kind = "|" if hard else " "
                initial = bool(_SENTENCE_END.search(gap)) and not (
                    gap.strip() == "." and len(prev.folded) <= 3 and prev.upper_initial
                )
            letters = [c for c in raw if c.isalpha()]
            tokens.append(
                Token(
                    start=s,
                    end=_extend_marks(text, e),
                    folded=folded,
                    upper_initial=bool(letters) and letters[0].isupper(),
                    all_caps=bool(letters) and all(c.isupper() for c in letters),
                    sentence_initial=initial,
                    gap_before=gap_kind,
                    raw=raw,
                )
            )
            prev_end = e
    _canonical_articles(tokens)
    return tokens


def _extend_marks(text: str, end: int) -> int:
    """Keep combining marks that follow a word inside its span."""
    while end < len(text) and unicodedata.combining(text[end]):
        end += 1
    return end


def is_article(word: str, nxt: str, nxt_upper: bool) -> bool:
    """Whether the folded ``word`` is an Arabic article before the folded ``nxt``: "al"/"el"
    before a word of three letters or more, an assimilated one ("ad", "ez", "ash") before its
    own letter -- and before a word of three letters only when it is capitalised ("Salah
    ad-Din", "Deir ez-Zor"), so that "as sun" or "ad hoc" stay words.

    Not before "St"/"Mt"/"Ft" nor their written-out forms: "AS ST A" folds to "as saint a"
    (the abbreviation is written out after the article is read), and that key must fold to
    itself.

    Why one function: the tokenizer and the matcher's two fast paths must fold alike."""
    if nxt in _ABBREV_WORDS:
        return False
    if word in _PLAIN_ARTICLES:
        return len(nxt) > 2
    letter = _SUN_ARTICLES.get(word)
    return letter is not None and nxt.startswith(letter) and (
        len(nxt) > 3 or (len(nxt) == 3 and nxt_upper))


def _canonical_articles(tokens: list[Token]) -> None:
    """Make Arabic article variants one form ("al") and write out "St"/"Mt"/"Ft", in place,
    both for text and names."""
    for i, tok in enumerate(tokens[:-1]):
        nxt = tokens[i + 1]
        if nxt.gap_before != " ":
            continue
        f = tok.folded
        if f in _NAME_ABBREV and tok.upper_initial and nxt.upper_initial:
            tok.folded = _NAME_ABBREV[f]
            continue
        if is_article(f, nxt.folded, nxt.upper_initial):
            tok.folded = "al"


@dataclass(slots=True)
class NormText:
    """Folded text: tokens joined by " " (soft) or "|" (hard), with maps back to tokens."""

    text: str
    tokens: list[Token]
    starts: dict[int, int]  # position in folded text -> token index starting there
    ends: dict[int, int]  # position after the last char -> token index ending there


def normalize_text(text: str) -> NormText:
    """Fold a whole text for matching, keeping a map to the original tokens."""
    tokens = tokenize(text)
    parts: list[str] = []
    starts: dict[int, int] = {}
    ends: dict[int, int] = {}
    pos = 0
    for i, tok in enumerate(tokens):
        if i:
            parts.append(tok.gap_before)
            pos += 1
        starts[pos] = i
        parts.append(tok.folded)
        pos += len(tok.folded)
        ends[pos] = i
    return NormText("".join(parts), tokens, starts, ends)


_PLAIN_ASCII = re.compile(r"[A-Za-z]+(?: [A-Za-z]+)*")


@lru_cache(maxsize=500_000)
def fold(name: str) -> str:
    """The matching key of a name (same rules as the text): "Aïn al-Asad" -> "ain al asad"."""
    stripped = name.strip()
    if _PLAIN_ASCII.fullmatch(stripped):
        return _fold_plain(stripped)  # fast path, same result (most GeoNames names)
    return normalize_text(name).text


def _fold_plain(name: str) -> str:
    """``fold`` of ASCII letters separated by single spaces (no hyphens, no apostrophes)."""
    raw = name.split(" ")
    toks = name.lower().split(" ")
    for i in range(len(toks) - 1):
        f, nxt = toks[i], toks[i + 1]
        if f in _NAME_ABBREV and raw[i][0].isupper() and raw[i + 1][0].isupper():
            toks[i] = _NAME_ABBREV[f]
        elif is_article(f, nxt, raw[i + 1][0].isupper()):
            toks[i] = "al"
    return " ".join(toks)


def strip_article(key: str) -> str | None:
    """Key without its leading Arabic article, if any ("al anbar" -> "anbar")."""
    if key.startswith("al ") and len(key) >= 7:
        return key[3:]
    return None
