"""Sense checks on a text's resolved mentions, run after each mention has its place.

Why a step of its own: each rule reads the mentions of the whole text at once (a name tied
to a place once, the countries the others point at), which a mention's own ranking cannot
see. They take and give ``Mention`` lists, so they are tested on hand-made mentions.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rapidfuzz import fuzz

from gazetteer import context
from gazetteer.normalize import fold
from gazetteer.sources import HISTORICAL
from gazetteer.types import Mention, Place

ALIAS_CONFIDENCE = 0.3  # at most, for a town named otherwise that nothing in the text supports
SMALL_TOWN_POP = 20_000  # under this, a town's unlike other names are far-fetched
SPELLING_RATIO = 75.0  # from this rapidfuzz ratio, an alternate name is a spelling of the name
LONE_ABROAD_POP = 100_000  # a place abroad smaller than this needs another mention's support
LONE_ALIAS_POP = 1_000_000  # ... and one matched by another name than its own, than this
# The places a name may be another spelling of ("Gharbiya": Egypt's Gharbia governorate,
# though the name is exactly an alternate name of an Israeli town); ``SpellingVariants``.
Respell = Callable[[str], Sequence[Place]]
_STRONG = frozenset({"country", "admin1", "admin2"})


def check_senses(
    mentions: list[Mention], facts: list[tuple[str, bool]], decisive: set[int],
    aliases: dict[int, bool], focus: frozenset[str] = frozenset(),
    respell: Respell | None = None,
) -> list[Mention]:
    """The resolved mentions of a text after the checks below, in this order: a name's one
    sense (``decisive``), far-fetched other names (``aliases``), lone places abroad.
    ``facts``: per mention, the capitalised word before it and whether it matched fuzzily."""
    mentions, facts = far_aliases(one_sense(mentions, decisive), facts, aliases, focus)
    return lone_abroad(mentions, facts, focus, respell)


def evidence_cc(place: Place) -> str:
    """The country a mention of ``place`` points the text at: none for a country that no
    longer exists (its point is its successor's, but "Soviet" or "former Yugoslavia" says
    nothing of where in today's countries the text is)."""
    return "" if place.kind == HISTORICAL else place.country_code


def one_sense(mentions: list[Mention], decisive: set[int]) -> list[Mention]:
    """The other mentions of a name that the text once ties to a place ("Blakely, Georgia"
    then "the Georgia plant") read as that place, when it is among their candidates.
    ``decisive``: the mentions (indices) a qualifier decided. Names tied to several places
    ("Paris, Texas" and "Paris, France") are left as they are."""
    if not decisive:
        return mentions
    sense: dict[str, str] = {}  # the name as written -> its place's key ("": several)
    for i in sorted(decisive):
        key, k = mentions[i].place.key, mentions[i].text
        sense[k] = key if sense.get(k, key) == key else ""
    if not any(sense.values()):
        return mentions
    out: list[Mention] = []
    for i, m in enumerate(mentions):
        key = "" if i in decisive else sense.get(m.text, "")
        alt = next((a for a in m.alternatives if a.key == key), None) if key else None
        if alt is not None and m.place.key != key:
            rest = [m.place] + [a for a in m.alternatives if a is not alt]
            m = Mention(m.text, m.start, m.end, alt, m.confidence, rest, m.via)
        out.append(m)
    return out


def far_aliases(
    mentions: list[Mention], facts: list[tuple[str, bool]], aliases: dict[int, bool],
    focus: frozenset[str] = frozenset(),
) -> tuple[list[Mention], list[tuple[str, bool]]]:
    """Mentions (and their ``facts``) without the far-fetched readings of a town's other names.

    GeoNames lists, without their language, names of small towns in other scripts and
    languages: "Poni" (Пони) for Pawnee, "Sono" for Saulnot, "Chambers" for Manila,
    Arkansas. A town (< ``SMALL_TOWN_POP`` people) matched only by such a name,
    not a spelling of its own ("Inata" for Inada is one), is left out unless the words around
    it say it is a place ("in X", a list); bigger towns' other names are more often exonyms
    in use ("Kobane" for 'Ayn al 'Arab).
    a town (< 1 M) matched by any other name than its own keeps at most ``ALIAS_CONFIDENCE``
    unless another mention (or ``focus``) is in its country. ``aliases``: the mentions
    (indices) matched by an alternate name -> whether the context says it is a place.
    """
    doubtful = {i: said for i, said in aliases.items()
                if mentions[i].place.feature in ("city", "admin2")
                and mentions[i].place.population < LONE_ALIAS_POP}
    if not doubtful:
        return mentions, facts
    told: dict[str, set[str]] = {}  # country -> its mentions' names, as written
    for m in mentions:
        told.setdefault(evidence_cc(m.place), set()).add(m.text)
    out: list[Mention] = []
    kept: list[tuple[str, bool]] = []
    for i, (m, fact) in enumerate(zip(mentions, facts)):
        if i in doubtful:
            p = m.place
            far = 0 < p.population < SMALL_TOWN_POP and not _spelling_of(fold(m.text),
                                                                          fold(p.name))
            if far and not doubtful[i]:
                continue
            if p.country_code not in focus and not told.get(p.country_code, set()) - {m.text}:
                m = Mention(m.text, m.start, m.end, p, min(m.confidence, ALIAS_CONFIDENCE),
                            m.alternatives, m.via)
        out.append(m)
        kept.append(fact)
    return out, kept


def _spelling_of(name: str, own: str) -> bool:
    """Whether ``name`` is a spelling of ``own`` ("inata" of "inada"), its first words
    ("cabanatuan" of "cabanatuan city") or it with more words ("chah ab district" of "chah
    ab"), not another name ("poni" of "pawnee")."""
    return (own.startswith(name + " ") or name.startswith(own + " ")
            or fuzz.ratio(name, own) >= SPELLING_RATIO)


def lone_abroad(
    mentions: list[Mention], facts: list[tuple[str, bool]], focus: frozenset[str] = frozenset(),
    respell: Respell | None = None,
) -> list[Mention]:
    """Mentions of a text that points at one country, without the lone small places abroad.

    A name that is a village here and a town abroad ("Konna" of Burkina Faso, Conna in
    Ireland; "Pensa" read as Penza by misspelling) resolves abroad when the gazetteer does
    not know the local place. When the other mentions (and ``focus``) point at one country
    and nothing else in the text is in the place's country, a small or misspelt place abroad
    (or a division after a compass point: "West Midlands" is not Zimbabwe's Midlands) is
    read as its namesake in that country when it has one, or as the place there its name
    may be another spelling of (``respell``: "Gharbiya", an Israeli town's other name, in a
    text on Egypt is the Gharbia governorate), else left out. ``facts``: per mention, the
    capitalised word before it in its phrase and whether it matched fuzzily.
    """
    if len(mentions) < 2 and not focus:
        return mentions
    ccs = {evidence_cc(m.place) for m in mentions} - {""}
    if len(ccs) < 2 and not (focus and ccs - focus):
        return mentions  # one country (or none): nothing is abroad
    by_cc: dict[str, set[str]] = {}  # country -> the names of its mentions, as written
    for m in mentions:
        name = m.text
        cc = evidence_cc(m.place)
        if cc:
            got = by_cc.get(cc)
            if got is None:
                by_cc[cc] = {name}
            else:
                got.add(name)
    compass_words = context.COMPASS
    weak: list[bool] = []
    for m, (pcap, fz) in zip(mentions, facts):
        p = m.place
        cc = evidence_cc(p)
        if not cc or cc in focus or len(by_cc[cc]) > 1:
            weak.append(False)  # in the focus, or another name is in its country
            continue
        local = p.feature in ("city", "admin2")
        # small, matched by misspelling or by a name that is not the place's own ("Konna" for
        # Conna: doubtful unless big), or a division after a compass point
        weak.append(
            fz
            or (local and p.population < LONE_ABROAD_POP)
            or (pcap in compass_words and p.feature in ("admin1", "admin2"))
            or (local and p.population < LONE_ALIAS_POP and fold(m.text) != fold(p.name))
        )
    if not any(weak):
        return mentions
    support: list[tuple[str, str, float, set[str]]] = []  # country, name, weight, alt countries
    for m, (_, fz) in zip(mentions, facts):
        cc = evidence_cc(m.place)
        if cc:
            w = 0.5 if fz else (2.0 if m.place.feature in _STRONG and m.via != "demonym" else 1.0)
            support.append((cc, m.text, w, {a.country_code for a in m.alternatives}))
    out: list[Mention] = []
    for m, (pcap, fz), is_weak in zip(mentions, facts, weak):
        if not is_weak:
            out.append(m)
            continue
        p = m.place
        cc = p.country_code
        # the other countries, each (country, name) once; a mention that may itself be in
        # this one ("Comoe": Comoé of Côte d'Ivoire or of Burkina Faso) supports neither
        told: dict[tuple[str, str], float] = {}
        for c, other, w, alts in support:
            if c != cc and cc not in alts:
                told[(c, other)] = max(told.get((c, other), 0.0), w)
        others: dict[str, float] = {}
        names: dict[str, int] = {}
        for (c, _), w in told.items():
            others[c] = others.get(c, 0.0) + w
            names[c] = names.get(c, 0) + 1
        home: set[str] = set(focus)
        if not home and others:
            best = max(others, key=others.__getitem__)
            total = sum(others.values())
            # a place under another name than its own, or misspelt, gives way to a division
            # or two places of one country; one under its own name to two names
            doubtful = fz or pcap in compass_words or fold(m.text) != fold(p.name)
            if 3 * others[best] >= 2 * total and others[best] >= 2.0 and (
                    doubtful or names[best] >= 2):
                home = {best}
        alt = next((a for a in m.alternatives if a.country_code in home), None) if home else None
        if alt is None and home and respell is not None:
            alt = next((a for a in respell(m.text) if a.country_code in home), None)
        if alt is not None:
            rest = [p] + [a for a in m.alternatives if a is not alt]
            out.append(Mention(m.text, m.start, m.end, alt, round(min(m.confidence, 0.5), 4),
                               rest, m.via))
        elif not home:
            out.append(m)
    return out
