"""Language of a text (ISO 639-1), or ``und`` when the text cannot tell.

py3langid is loaded on first use, not at import: importing eventmap stays cheap. Its model
also knows languages without a two-letter code; those, very short texts and unsure guesses
all give ``und`` so downstream stages fall back to their language-neutral rules.
"""

from __future__ import annotations

import threading
from typing import Any

UNDETERMINED = "und"
#: Fewer letters than this and any guess is noise ("Paris", "OK").
MIN_LETTERS = 20
#: Normalised probability below which the guess is not trusted.
MIN_PROBABILITY = 0.5
#: Only the start is read: enough to decide, and long texts stay cheap.
SAMPLE_CHARS = 4000

_identifier: Any = None
_lock = threading.Lock()


def _get_identifier() -> Any:
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text`` ("fr", "en"…), ``und`` when too short or unsure."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return UNDETERMINED
    code, probability = _get_identifier().classify(sample)
    if probability < MIN_PROBABILITY or len(code) != 2 or not code.isalpha():
        return UNDETERMINED
    return str(code).lower()


def language_tag(value: object) -> str | None:
    """Two-letter code from a declared tag ("fr-FR", "en_GB", "FR"), else None."""
    if not isinstance(value, str):
        return None
    primary = value.strip().replace("_", "-").split("-", 1)[0].lower()
    if len(primary) == 2 and primary.isascii() and primary.isalpha():
        return primary
    return None
