"""What the words between a mention and its neighbours say of it: "Paris, Texas" (a
qualifier after it), "Atlanta, Georgia" (the container of the place before it), "Georgia,
Oklahoma and Texas" (a list of places of one level).

Why apart from ranking: these read the text between spans and the index's records, not
scores; both resolution paths (``resolve.resolve`` and its reference) ask the same questions.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from gazetteer import context
from gazetteer.index import Index
from gazetteer.matcher import RawSpan
from gazetteer.recognise import Kept
from gazetteer.types import FEATURES as _FEATURES

_COUNTRY = _FEATURES.index("country")
_ADMIN1 = _FEATURES.index("admin1")
_LIST_GAP = context.LIST_GAP
# What joins a place to the coarser one that holds it: "Paris, Texas", "Kain (Kain, Yatenga)",
# "Crawford County located in Pennsylvania", "Kogelo in Nyanza province".
_QUAL_GAP = re.compile(r"\s*[,(]\s*|\s+(?:located\s+)?in\s+(?:the\s+)?")
_QUAL_GAP_MAX = 16
JOINS = (" (", " in ", " located ")  # how _QUAL_GAP may start, besides "," and "("


def said_a_place(ctx: context.SpanContext, listed_or_qualified: bool) -> bool:
    """Whether the words around a mention say it is a place ("in X", "the village of X",
    "X province", a list of places, "X, Y")."""
    return ctx.cue_before or ctx.type_hint is not None or listed_or_qualified


def listed(text: str, kept: list[Kept], n: int) -> bool:
    """Whether mention ``n`` is joined to the one before or after it as in a list ("Nakuru
    and Bunyala", "Kisii, Wajir")."""
    here = kept[n][0]
    return (n > 0 and _LIST_GAP.fullmatch(text, kept[n - 1][0][1], here[0]) is not None) or (
        n + 1 < len(kept) and _LIST_GAP.fullmatch(text, here[1], kept[n + 1][0][0]) is not None)


def qualified_before(
    ix: Index, text: str, kept: list[Kept], n: int, resolved: list[int]
) -> tuple[str, str | None] | None:
    """(country, division) of the finer place that mention ``n`` qualifies ("Atlanta,
    Georgia", "Crawford County in Pennsylvania"): the container of that place is meant."""
    if n == 0 or len(resolved) < n:
        return None
    prev = kept[n - 1][0]
    if kept[n][0][0] - prev[1] > _QUAL_GAP_MAX or not _QUAL_GAP.fullmatch(
            text, prev[1], kept[n][0][0]):
        return None
    pid = resolved[n - 1]
    if ix.feature[pid] in (_COUNTRY, _ADMIN1) or not ix.cc[pid]:
        return None
    return ix.cc[pid], ix.admin1[pid]


def qualifier_after(ix: Index, text: str, kept: list[Kept], n: int) -> set[tuple[str, str]] | None:
    """(country, admin1) pairs of the place written right after "X, " ("Paris, Texas"),
    "X in " or "X (" ("Crawford County located in Pennsylvania")."""
    sp = kept[n][0]
    if n + 1 >= len(kept):
        return None
    nxt, q = kept[n + 1][0], kept[n + 1][1]
    if nxt[0] - sp[1] > _QUAL_GAP_MAX or not _QUAL_GAP.fullmatch(text, sp[1], nxt[0]):
        return None
    if nxt[9] >= 0:
        pids: Sequence[int] = [nxt[9]]
    elif q < 0:
        pids = [ix.post_place[ix.post_start[nxt[2]]]]
    else:
        pids = ix.rk_place[ix.q_start[q] : ix.q_start[q + 1]]
    # Only a coarser place qualifies: "Paris, Texas", but "Iraq, Iran" and "Oklahoma,
    # Pennsylvania" are lists (the first name's likeliest place is as coarse).
    top = _first_pid(ix, sp, kept[n][1])
    if ix.feature[top] == _COUNTRY:
        return None
    out = set()
    for pid in pids:
        f = ix.feature[pid]
        if f == _COUNTRY and ix.cc[pid]:
            out.add((ix.cc[pid], ""))
        elif f == _ADMIN1 and ix.feature[top] != _ADMIN1:
            out.add((ix.cc[pid], ix.names[pid]))
    return out or None


def _first_pid(ix: Index, sp: RawSpan, q: int) -> int:
    """The place of a span by its own facts alone (the index's ranked record)."""
    if sp[9] >= 0:
        return sp[9]
    if q < 0:
        return ix.post_place[ix.post_start[sp[2]]]
    return ix.rk_place[ix.q_start[q]]


def list_levels(
    ix: Index, text: str, kept: list[Kept], firsts: list[int]
) -> dict[int, tuple[str, str]]:
    """(feature, country or "") of the list each listed mention belongs to: runs of three
    or more places joined by ", " / " and " / " et " whose places, resolved alone, are
    mostly of one level ("Georgia, Oklahoma, Pennsylvania and California": states)."""
    out: dict[int, tuple[str, str]] = {}
    n = len(kept)
    i = 0
    while i < n:
        j = i
        while j + 1 < n and _LIST_GAP.fullmatch(text, kept[j][0][1], kept[j + 1][0][0]):
            j += 1
        if j - i >= 2:
            members = range(i, j + 1)
            feats = Counter(ix.feature[firsts[k]] for k in members)
            f, c = feats.most_common(1)[0]
            if 2 * c > j - i + 1:
                ccs = Counter(ix.cc[firsts[k]] for k in members if ix.feature[firsts[k]] == f)
                cc, cn = ccs.most_common(1)[0]
                lv = (_FEATURES[f], cc if f != _COUNTRY and 2 * cn > c else "")
                for k in members:
                    out[k] = lv
        i = j + 1
    return out
