"""Tolerance for small misspellings ("al-Diwaniayah" -> Al Diwaniyah), kept on a short leash.

Why constrained: fuzzy matching over 600,000 names finds a "place" for almost any word. So it
only compares a word with names of places big enough to be news (towns >= 5,000 people,
divisions, countries, curated sites) that share its first two letters and nearly its length, and
only accepts a close ratio (rapidfuzz); the caller only asks for words that already look like
place names (an Arabic article, or a preposition that announces a place).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz, process

from gazetteer.normalize import strip_article

MIN_RATIO = 88.0


class FuzzyNames:
    """Blocks of candidate keys by (first two letters, length) for quick close-match search
    (a misspelling rarely touches the first two letters of the name without its article)."""

    def __init__(self, keys: Sequence[str], pids: Sequence[int]):
        self._blocks: dict[tuple[str, int], list[tuple[str, str, int]]] = defaultdict(list)
        for k, pid in zip(keys, pids):
            core = strip_article(k) or k
            self._blocks[(core[:2], len(core))].append((core, k, pid))
        self._cores = {b: [e[0] for e in entries] for b, entries in self._blocks.items()}

    def best(self, key: str, min_ratio: float = MIN_RATIO) -> tuple[str, int, float] | None:
        """The closest key (and its place) to ``key``, or None below ``min_ratio``."""
        core = strip_article(key) or key
        if len(core) < 5:
            return None
        pool: list[tuple[str, str, int]] = []
        cores: list[str] = []
        for n in range(len(core) - 2, len(core) + 3):
            pool.extend(self._blocks.get((core[:2], n), ()))
            cores.extend(self._cores.get((core[:2], n), ()))
        if not pool:
            return None
        hit = process.extractOne(core, cores, scorer=fuzz.ratio, score_cutoff=min_ratio)
        if hit is None:
            return None
        _, ratio, i = hit
        _, k, pid = pool[i]
        return k, pid, float(ratio)
