"""Length-preserving folding of text for matching word lists (dates, event lexicons).

Why: matchers run over a folded copy of the text — lower case, no accents, one apostrophe,
one hyphen, one space — and report offsets that must point into the original text, so the
folded copy has exactly the original's length (one character out for each character in).
"""

from __future__ import annotations

import unicodedata


class _Folder(dict[int, str]):
    """``str.translate`` table: lower case, no accents, one character in for one out."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        low = ch.lower()
        if len(low) != 1:
            low = ch
        base = unicodedata.normalize("NFD", low)[0] if low else low
        if base in "\u2019\u2018`\u00b4\u02bc\u2032":
            base = "'"
        elif base in "\u2010\u2011\u2012\u2013\u2014":
            base = "-"
        elif base in "\u00a0\u202f\u2009":
            base = " "
        elif base == "\u0153":  # œ
            base = "o"
        elif base == "\u00e6":  # æ
            base = "a"
        self[code] = base
        return base


_FOLDER = _Folder()


def fold(text: str) -> str:
    """Case- and accent-folded copy of ``text``, of the same length (offsets stay valid)."""
    return text.translate(_FOLDER)
