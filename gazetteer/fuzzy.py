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
        """The closest key (and its place) to ``key``, or None below ``min_ratio``.

        Blocks of near lengths are searched in turn, shortest first, a later block winning
        only with a strictly higher ratio (as one search over all of them would choose).
        A block whose length difference alone keeps the ratio under ``min_ratio`` is skipped.
        """
        core = strip_article(key) or key
        if len(core) < 5:
            return None
        found: tuple[tuple[str, int], float, int] | None = None  # (block, ratio, index)
        for n in range(len(core) - 2, len(core) + 3):
            block = (core[:2], n)
            cores = self._cores.get(block)
            if not cores or not _reachable(len(core), n, min_ratio):
                continue
            cutoff = min_ratio if found is None else found[1]
            hit = process.extractOne(core, cores, scorer=fuzz.ratio, score_cutoff=cutoff)
            if hit is not None and (found is None or hit[1] > found[1]):
                found = (block, hit[1], hit[2])
        if found is None:
            return None
        block, ratio, i = found
        _, k, pid = self._blocks[block][i]
        return k, pid, float(ratio)


def _reachable(len_a: int, len_b: int, min_ratio: float) -> bool:
    """Whether two strings of these lengths can reach ``min_ratio`` under ``fuzz.ratio``.

    The ratio is 100 * (1 - indel distance / total length) of the strings as given (no
    processor), and the distance is at least the difference of the lengths; a small margin
    keeps rounding on the safe side.
    """
    best_possible = 100.0 * (1.0 - abs(len_a - len_b) / (len_a + len_b))
    return best_possible >= min_ratio - 1e-6
