"""French or English, for a whole text and for each of its sentences.

Why: the lexicons are per language, and a text's label can be wrong or missing (a feed that
says nothing, an English photo caption in French news). Counting a dozen function words is
enough to tell the two apart, and cheap enough to run on every sentence.
"""

from __future__ import annotations

import re

from eventmap.events.lexicon import LANGUAGES
from eventmap.model import Document

_FR = re.compile(r"\b(?:le|la|les|des|du|une|et|est|dans|pour|qui|sur|au|aux|ont|été)\b")
_EN = re.compile(r"\b(?:the|and|of|was|were|in|on|for|that|with|has|have|by)\b")


def guess_language(text: str) -> str:
    """French or English from function words, for documents whose language is unknown."""
    sample = text[:3000].lower()
    fr, en = len(_FR.findall(sample)), len(_EN.findall(sample))
    if fr == en == 0:
        return "und"
    return "fr" if fr > en else "en"


# both word lists in one pass (they share no word, so the counts are those of _FR and _EN)
_FR_EN = re.compile(rf"\b(?:(?P<fr>{_FR.pattern[5:-3]})|(?P<en>{_EN.pattern[5:-3]}))\b")


def _counts(sample: str) -> tuple[int, int]:
    """French and English function words in ``sample``, counted in one pass."""
    fr = en = 0
    for m in _FR_EN.finditer(sample):
        if m.lastgroup == "fr":
            fr += 1
        else:
            en += 1
    return fr, en


def sentence_language(sentence: str, default: str) -> str:
    """A sentence's own language when it clearly differs (an English caption in French news)."""
    if len(sentence.split()) < 8:
        return default
    low = sentence.lower()
    # the other language needs three of its words at least: most sentences have none
    if (default == "fr" and len(_EN.findall(low)) < 3) \
            or (default == "en" and len(_FR.findall(low)) < 3):
        return default
    fr, en = _counts(low)
    if default != "en" and en >= fr + 3:
        return "en"
    if default != "fr" and fr >= en + 3:
        return "fr"
    return default


def document_language(doc: Document) -> str:
    """The language to read ``doc`` in: its own when we have lexicons for it; a guess when
    it has none ("und" when it names a language we do not read)."""
    if doc.language in LANGUAGES:
        return doc.language
    guessed = guess_language(doc.text)
    return guessed if doc.language in ("und", "", None) else "und"
