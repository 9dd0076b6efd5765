"""Recognition: which of the spans the matcher found name a place in this text.

Why apart from the geocoder: it reads words (a span's context, the people the text names,
misspellings after "in" or "al-"), not the ranking of places; the index tells it only each
span's likeliest candidate. Hot path: the index's columns are read into locals once per text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from gazetteer import context, lexicons, rank
from gazetteer.index import Index
from gazetteer.matcher import _UP, RawSpan
from gazetteer.normalize import fold, fold_word
from gazetteer.sources import DEMONYM
from gazetteer.types import FEATURES as _FEATURES

MIN_RECOGNITION = 0.0  # recognition score above which a span is a place
# A word that may be a misspelt place: after an Arabic article ("al-Diwaniayah"), or after a
# preposition that announces a place and not followed by another capitalised word. Written
# to start with the capital (sre skips ahead to capitals in C) and to look behind it for
# the article or the preposition. Group 1: after an article; group 2: after a preposition.
_FUZZY_RE = re.compile(
    _UP + r"(?:"
    r"(?:(?<=\b[aAeE][ldsntrz][-‐‑].)|(?<=\b[aAeE]sh[-‐‑].))([^\W\d_]{3,})"
    r"|(?:(?<=\b(?:in|at)\s.)|(?<=\bà\s.)|(?<=\b(?:near|dans|vers)\s.))([^\W\d_]{4,})"
    r"(?![-‐\s]*" + _UP + "))"
)
_SIGNS_AFTER = frozenset({"$", ","})  # a currency ("US$"), maybe an age ("Campbell, 42,")
_ARTICLES = frozenset({"the", "la", "le", "les", "l"})  # "of the X", "according to the X"

# A recognised span: the span, its record in the index (-1: one place of that name), its
# context and its recognition score.
Kept = tuple[RawSpan, int, context.SpanContext, float]


def recognise(
    ix: Index, text: str, spans: list[RawSpan], persons: set[str], common: dict[str, float],
    demonyms: bool,
) -> list[Kept]:
    """The spans that name a place here, each with its record, context and recognition
    score. Two loops: the first reads every span's context (a title before a name adds
    it to ``persons``), the second scores each against the complete ``persons``."""
    multi, q_start, q_top = ix.post_multi, ix.q_start, ix.q_top
    rk_place, rk_kind = ix.rk_place, ix.rk_kind
    post_start, post_place, post_kind = ix.post_start, ix.post_place, ix.post_kind
    feats, kinds, pops = ix.feature, ix.kind, ix.population
    calendar = lexicons.calendar_words()
    doc = context.DocContext(text)
    span_context = doc.span_context
    items = []
    for sp in spans:
        s, e, p, _, _, _, ncap, folded, low, fz = sp
        if folded in calendar and not ncap:
            # a date: recognition() says -6 whatever the context, and a title before it
            # would only add the word itself to ``persons`` (for other dates)
            continue
        if fz >= 0:
            q, tpid, tnk = -1, fz, rank.FUZZY
        else:
            q = multi[p]
            if q < 0:  # one place of that name: its record is the posting itself
                a = post_start[p]
                tpid, tnk = post_place[a], post_kind[a]
            else:  # the candidate with the best prior, ranked in the index
                a = q_start[q] + q_top[q]
                tpid, tnk = rk_place[a], rk_kind[a]
        feature = _FEATURES[feats[tpid]]
        ctx = span_context(s, e, sp[5], ncap)
        items.append((sp, q, feature, tpid, tnk, ctx))
        if ctx.title_before and feature != "country" and not low:
            persons.update(w for w in (folded, ncap) if w)
    kept: list[Kept] = []
    near: list[NearMiss] = []  # left out by a little: kept if listed with places
    name_like = context.name_like
    recognition = context.recognition
    # the signs ``DocContext.other_name_penalty`` reads, looked at here first: most spans
    # have none (a call per span would cost more than the rest of this loop)
    eponyms, gate_prev, gate_articles = doc.eponyms, doc.words_before_other_names, _ARTICLES
    for sp, q, feature, tpid, tnk, ctx in items:
        s, e, p, ntok, caps, pcap, ncap, folded, low, fz = sp
        if ctx.speech_after and kept and kept[-1][0][1] == s - 2 and text[s - 2 : s] == ", ":
            ctx.speech_after = False  # "Oxnard, California said": the place's qualifier
        known = folded in persons and not (
            ctx.title_before or name_like(pcap) or name_like(ncap)
        )
        r = recognition(
            feature, kinds[tpid], pops[tpid], tnk, ntok, folded, caps, low, fz >= 0,
            pcap, ncap, ctx, known, common,
        )
        if r <= MIN_RECOGNITION:
            # "Buffalo, New York": its container says the ordinary word is the place
            if r <= -context.HELD_BONUS:
                continue
            r += context.held_bonus(ix, text, spans, sp, ctx, known)
            if r <= MIN_RECOGNITION:
                if r > MIN_RECOGNITION - context.LISTED_BONUS:
                    near.append((len(kept), sp, q, ctx, r, feature))
                continue
        prv = ctx.prev_word
        if (pcap or ncap or ctx.next_word in eponyms or prv in gate_prev
                or text[e : e + 1] in _SIGNS_AFTER or text[s - 1 : s] == "$"
                or (text[e - 1] == "s" and text[e - 2].isupper())
                or (prv in gate_articles and doc.may_name_other(s, e, prv))):
            r -= doc.other_name_penalty(ctx, s, e, pcap, ncap, feature, folded, ntok)
            if r <= MIN_RECOGNITION:
                continue
        if not demonyms and fz < 0 and _all_demonyms(ix, p, q):
            continue
        kept.append((sp, q, ctx, r))
    if near:
        _add_listed(ix, doc, text, kept, near, demonyms)
    return kept


# What may follow the last word of a list item: punctuation, the end, a joining word.
_ITEM_END = re.compile(r"\s*(?:[,.;:!?)]|$)|\s+(?:and|et|or|ou)\s")
# A span that recognition left out by less than ``context.LISTED_BONUS``: where it would go
# in the kept list, the span, its record, context, score and feature.
NearMiss = tuple[int, RawSpan, int, context.SpanContext, float, str]


def _add_listed(
    ix: Index, doc: context.DocContext, text: str, kept: list[Kept], near: list[NearMiss],
    demonyms: bool,
) -> None:
    """Add to ``kept`` (in place, in text order) the near misses listed with kept places
    ("Moonbi, Parkes, Berry and Wyong": "Berry", an ordinary word, among towns), with
    ``context.LISTED_BONUS``, unless the signs of another name still say no. A list is of
    three names or more ("stars Venus and Serena Williams" is none); an item ends
    where the list goes on or the clause does ("Berry and", "Wyong in", "Berry."): a word
    that qualifies a noun is none ("Athens and Olympic venues", "Kandahar, Taliban
    militants"); nor is a generic word, part of a name said once ("Central and South
    America", "Eastern Visayas, Region 8")."""
    generic, cues = lexicons.generic_words(), lexicons.toponym_cues()
    for pos, sp, q, ctx, r, feature in reversed(near):  # inserting from the end
        s, e = sp[0], sp[1]
        if all(w in generic for w in sp[7].split(" ")) or not (
                _ITEM_END.match(text, e) or ctx.next_word in cues):
            continue
        if _listed_with(text, kept, pos, s, e) < LIST_PLACES:
            continue
        r += context.LISTED_BONUS - doc.other_name_penalty(
            ctx, s, e, sp[5], sp[6], feature, sp[7], sp[3])
        if r <= MIN_RECOGNITION or (not demonyms and sp[9] < 0 and _all_demonyms(ix, sp[2], q)):
            continue
        kept.insert(pos, (sp, q, ctx, r))


LIST_PLACES = 2  # the kept places a near miss needs in its list (a list of three or more)


def _listed_with(text: str, kept: list[Kept], pos: int, start: int, end: int) -> int:
    """How many kept places are in the list of the span ``text[start:end]`` (that would go
    at ``pos`` in ``kept``): the run of them joined to it, and to each other, by list gaps."""
    gap = context.LIST_GAP.fullmatch
    n = 0
    i, s = pos - 1, start
    while i >= 0 and gap(text, kept[i][0][1], s) is not None:
        n, i, s = n + 1, i - 1, kept[i][0][0]
    j, e = pos, end
    while j < len(kept) and gap(text, e, kept[j][0][0]) is not None:
        n, j, e = n + 1, j + 1, kept[j][0][1]
    return n


def _all_demonyms(ix: Index, p: int, q: int) -> bool:
    """Whether every candidate of posting ``p`` (record ``q``) is an adjective or people."""
    if q < 0:
        return ix.post_kind[ix.post_start[p]] == DEMONYM
    return all(k == DEMONYM for k in ix.rk_kind[ix.q_start[q] : ix.q_start[q + 1]])


def fuzzy_spans(
    ix: Index, fuzzy_hit: Callable[[str], tuple[str, int, float] | None], text: str,
    spans: list[RawSpan],
) -> list[RawSpan]:
    """Misspelt names that look like places ("province d'al-Diwaniayah"): a capitalised
    word after an Arabic article or a place preposition that no span covers, that is no
    key of the index and that ``fuzzy_hit`` finds a name for."""
    out: list[RawSpan] = []
    starts: list[int] | None = None
    for m in _FUZZY_RE.finditer(text):
        s, e = m.span()
        if starts is None:
            starts = [sp[0] for sp in spans]  # spans are sorted and do not overlap
        i = bisect.bisect_right(starts, e - 1) - 1  # last span starting before e
        if i >= 0 and spans[i][1] > s:
            continue
        word = fold_word(m.group())
        if context.zipf(word) >= 3.0:
            continue
        if m.group(1) is not None:  # keep the article in the mention: "al-Diwaniayah"
            s -= 4 if text[s - 2] == "h" else 3
        key = fold(text[s:e])
        if ix.key_id(key) is not None:
            continue
        hit = fuzzy_hit(key)
        if hit is None:
            continue
        out.append((s, e, -1, 1, False, "", "", fold_word(text[s:e]), False, hit[1]))
    return out
