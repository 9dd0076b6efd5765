"""A document's places taken together: the country it is about, and its places read there.

Why: one sentence is too little to tell "Pama" in Burkina Faso from Parma, Ohio, or to say
where an event told with no place happened; the whole text is not. ``main_country`` weighs
the places it names, ``harmonised`` re-reads namesakes abroad in the country a qualifier
chain or the rest of the text points to, and ``document_place`` is where the text is, for a
sentence that names no place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from eventmap.events.lexicon import fold
from eventmap.events.place_relations import RANK, place_key, qualifiers
from eventmap.events.place_roles import preposition_role
from gazetteer.types import Mention


def main_country(mentions: Sequence[Mention]) -> str | None:
    """The country a document is mostly about: finer places count double, nationality
    adjectives half ("French forces" says little about where), a name told again half."""
    counts: dict[str, float] = {}
    seen: set[tuple[str, str]] = set()
    for m in mentions:
        if not m.country_code:
            continue
        name = _fold_name(m.text)
        if m.feature == "country":
            weight = 0.5 if getattr(m, "via", "toponym") == "demonym" else 1.0
        else:
            weight = 2.0
        if (m.country_code, name) in seen:
            weight /= 2  # told again: more weight, not as much as another place
        seen.add((m.country_code, name))
        counts[m.country_code] = counts.get(m.country_code, 0.0) + weight
    if not counts:
        return None
    return max(counts, key=lambda cc: (counts[cc], -_first_index(mentions, cc)))


def _first_index(mentions: Sequence[Mention], cc: str) -> int:
    return next(i for i, m in enumerate(mentions) if m.country_code == cc)


@lru_cache(maxsize=8192)
def _fold_name(text: str) -> str:
    """A name as written, compared without case, accents or hyphens (cached: told again)."""
    return fold(text).replace("-", " ").strip()


def _in_country(m: Mention, cc: str) -> Mention | None:
    """The mention read as its best alternative in country ``cc`` (None: it has none there)."""
    if m.country_code == cc:
        return m
    alt = next((p for p in m.alternatives if p.country_code == cc), None)
    if alt is None:
        return None
    others = [m.place] + [p for p in m.alternatives if p is not alt]
    return replace(m, place=alt, alternatives=others, confidence=min(m.confidence, 0.7))


def harmonise(mentions: Sequence[Mention], text: str) -> list[Mention]:
    """The mentions made consistent about countries (``harmonised`` without the country)."""
    return harmonised(mentions, text)[0]


def harmonised(mentions: Sequence[Mention], text: str) -> tuple[list[Mention], str | None]:
    """The document's mentions made consistent about countries, for choosing event places.

    Why: a small place named without context is resolved to its most populous namesake,
    often abroad ("Pama" → Parma, Ohio). Two pieces of evidence say better:
    - a qualifier chain "Kompiembiga (Pama, Kompienga)", "Djibo (Soum, Sahel)": its
      elements lie in one country — the one most of its distinct names can be read in,
      divisions and sure readings counting more (ties: the country most members were
      resolved to, then the coarsest qualifier's, written last). An element is read as its namesake
      there, or, when it has none, dropped as a candidate site;
    - the rest of the document: a place resolved to a country nothing else in the text
      names, with a namesake in the country the text is about, is that namesake.
    Mentions are only re-read or left out here; the gazetteer's own answer stays in the
    document's place list.
    """
    ments = sorted(mentions, key=lambda m: m.start)
    if len(ments) < 2:
        return list(ments), main_country(ments)
    out: list[Mention | None] = list(ments)
    decided = _read_chains(ments, text, out)
    # the same name elsewhere in the text is the same place
    for i, mention in enumerate(ments):
        country = decided.get(_fold_name(mention.text))
        if country is not None and out[i] is mention and mention.country_code != country:
            out[i] = _in_country(mention, country)
    kept = [x for x in out if x is not None]
    focus = main_country(kept)
    if focus is not None:
        _read_in_focus(out, kept, focus, decided)
    # re-reading places in the focus country only adds to it: it stays the main country
    return [x for x in out if x is not None], focus


def _read_chains(ments: list[Mention], text: str, out: list[Mention | None]) -> dict[str, str]:
    """Each qualifier chain's members re-read in its country (in ``out``, None: none there);
    returns folded name → that country, for the names a chain re-read."""
    decided: dict[str, str] = {}
    groups: dict[int, list[int]] = {}
    for q, h in qualifiers(ments, text).items():
        groups.setdefault(h, [h]).append(q)
    for members in groups.values():
        names: dict[str, list[int]] = {}
        for i in members:
            names.setdefault(_fold_name(ments[i].text), []).append(i)
        support: dict[str, float] = {}
        told: dict[str, int] = {}  # members read in each country ("Gaoua (Gaoua, Poni)")
        for idxs in names.values():
            m = ments[idxs[0]]
            if m.country_code:
                told[m.country_code] = told.get(m.country_code, 0) + len(idxs)
            weight: dict[str, float] = {}
            sure = 0.5 + 0.5 * min(1.0, float(m.confidence))
            for p, alt in [(m.place, sure)] + [(p, 0.8 * sure) for p in m.alternatives]:
                if p.country_code:
                    w = alt * (1.5 if p.feature in ("admin1", "admin2", "country") else 1.0)
                    weight[p.country_code] = max(weight.get(p.country_code, 0.0), w)
            for cc, w in weight.items():
                support[cc] = support.get(cc, 0.0) + w
        if not support:
            continue
        last = ments[members[-1]].country_code
        best = max(support, key=lambda cc: (round(support[cc], 1), told.get(cc, 0), cc == last))
        if all(ments[i].country_code == best for i in members):
            continue
        for name, idxs in names.items():
            decided[name] = best
            for i in idxs:
                out[i] = _in_country(ments[i], best)
    return decided


def _read_in_focus(out: list[Mention | None], kept: list[Mention], focus: str,
                   decided: dict[str, str]) -> None:
    """A place alone in a country the text does not otherwise go to, re-read in ``focus``
    when it has a namesake there (in ``out``; chains already decided stay)."""
    countries = Counter(x.country_code for x in kept)
    by_name = Counter((x.country_code, _fold_name(x.text)) for x in kept)
    for i, current in enumerate(out):
        if current is None or current.country_code == focus \
                or current.feature == "country" or _fold_name(current.text) in decided:
            continue
        name_key = (current.country_code, _fold_name(current.text))
        if countries[current.country_code] > by_name[name_key]:
            continue  # another place in that country: the text does go there
        there = _in_country(current, focus)
        if there is not None:
            out[i] = there


def document_place(mentions: Sequence[Mention], folded: str, language: str,
                   focus: str | None) -> Mention | None:
    """Where a text is, for an event whose sentence names no place: the country it is about
    when named (not as an origin or a base: "jihadists from Mali"), else its most named place
    there. The caller gives it ACLED geo precision 3."""
    if focus is None:
        return None
    inside = [m for m in mentions if m.country_code == focus]
    for m in inside:
        if m.feature == "country" and \
                preposition_role(folded, m.start, language) not in ("LOC_FROM", "LOC_BASE"):
            return m
    counts = Counter(place_key(m) for m in inside
                     if preposition_role(folded, m.start, language) not in ("LOC_FROM", "LOC_BASE"))
    if not counts:
        return None
    best = max(counts, key=lambda k: (counts[k], -RANK.get(_first_with(inside, k).feature, 4)))
    return _first_with(inside, best)


def _first_with(mentions: Sequence[Mention], key: str) -> Mention:
    return next(m for m in mentions if place_key(m) == key)
