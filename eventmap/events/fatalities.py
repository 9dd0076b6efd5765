"""Fatalities a sentence states ("killing 12", "tuant trois", "5 morts"), or ``None``.

Why: ACLED counts reported deaths per event; a text that says nothing must stay ``None``,
not 0, and "no casualties" is a stated 0. Patterns and number words live in
``data/lexicons/fatalities.yaml``.
"""

from __future__ import annotations

import re
from functools import cache

from eventmap.events.lexicon import Lexicon, fold, load_lexicon

_NUM_TOKEN = "NUM"


def _case_free(pattern: str) -> bool:
    """Whether ``pattern`` matches the same without IGNORECASE on lower-case ASCII text.

    True when its literals are lower-case ASCII (escapes such as ``\\S`` and the group
    syntax ``(?P<n>`` aside): then only a non-ASCII character of the text (a dotless "ı"
    or a long "ſ", which IGNORECASE equates with "i" and "s") could make the two differ.
    """
    literals = re.sub(r"\\.|\(\?P<", "", pattern)
    return literals.isascii() and literals == literals.lower()


@cache
def _compiled(language: str) -> tuple[list[re.Pattern[str]], list[re.Pattern[str]],
                                      dict[str, int]]:
    """The fatality patterns with NUM filled in: case-insensitive ones, and the same
    without IGNORECASE (four to five times faster) for the folded ASCII text most news is."""
    lex = load_lexicon(language)
    words = sorted(lex.numbers, key=len, reverse=True)
    # a number starts a word: "an" inside "Syrian" is no count
    alt = r"(?<!\w)(?:\d{1,3}(?:[ ,.]\d{3})+|\d+|" + "|".join(re.escape(w) for w in words) + ")"
    sources = [p.pattern.replace(_NUM_TOKEN, alt) for p in lex.fatality_patterns]
    pats = [re.compile(src, re.IGNORECASE) for src in sources]
    fast = [re.compile(src) if _case_free(src) else pat for src, pat in zip(sources, pats)]
    return pats, fast, dict(lex.numbers)


def _value(token: str, numbers: dict[str, int]) -> int | None:
    token = token.strip().lower()
    digits = re.sub(r"[ ,.]", "", token)
    if digits.isdigit():
        return int(digits)
    return numbers.get(token)


def find_fatalities(text: str, language: str, *, folded: str | None = None,
                    lexicon: Lexicon | None = None) -> int | None:
    """The largest death count the sentence states; 0 for "no casualties"; else ``None``."""
    if not text:
        return None
    lex = lexicon or load_lexicon(language)
    src = folded if folded is not None else fold(text)
    patterns, fast, numbers = _compiled(lex.language if lex.language != "und" else language)
    if src.isascii() and src.lower() == src:
        patterns = fast  # lower-case ASCII text (what folding gives): no need to ignore case
    found: list[int] = []
    for pat in patterns:
        for m in pat.finditer(src):
            value = _value(m.group("n"), numbers)
            if value is not None and value < 100_000:
                found.append(value)
    if found:
        return max(found)
    if any(p.search(src) for p in lex.no_fatality_patterns):
        return 0
    return None
