"""The matcher's two ways of reading a phrase, side by side (its tests compare them)."""

from __future__ import annotations

from gazetteer import Gazetteer


def both_phrase_paths(gaz: Gazetteer, text: str, phrase: str, start: int) -> tuple[list, list, list, list]:
    """(spans, person runs) of ``phrase`` at ``start`` through the matcher's fast path for
    simple phrases and through its tokenizer: the two must agree."""
    fast: list = []
    slow: list = []
    fast_persons: list = []
    slow_persons: list = []
    gaz._matcher._simple_phrase(text, phrase, start, fast, fast_persons)
    gaz._matcher._phrase(text, phrase, start, slow, slow_persons)
    return fast, slow, fast_persons, slow_persons
