"""From a document, its place mentions and its time expressions to its events.

Why one function: the pipeline hands over what the gazetteer and the date finder found;
this module walks the sentences, asks the classifier whether each reports an event, picks
the event's place(s) and date, reads actors and fatalities, and merges repeated reports.
Everything it knows about language comes from ``data/lexicons``.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from itertools import pairwise

from eventmap.dates.types import TimeExpression
from eventmap.events.actors import find_actors
from eventmap.events.classify import (
    SUBJECT_FEATURES,
    Analysis,
    analyse,
    custom_classifier,
    document_hits,
    feature_hits,
)
from eventmap.events.fatalities import find_fatalities
from eventmap.events.lexicon import LANGUAGES, Hit, Lexicon, cue_patterns, fold, load_lexicon
from eventmap.events.location import (
    PlaceChoice,
    choose_places,
    document_place,
    harmonised,
    is_demonym,
    place_key,
)
from eventmap.events.merge import (
    UNKNOWN_KEY,
    VIOLENT,
    Candidate,
    merge_candidates,
    window_days,
)
from eventmap.events.sentences import Sentence, split_sentences
from eventmap.events.timing import EventDate, choose_date, dating_days
from eventmap.events.unknown_places import UnknownPlace, unknown_places
from eventmap.model import Document, Event
from gazetteer.types import Mention

_FR = re.compile(r"\b(?:le|la|les|des|du|une|et|est|dans|pour|qui|sur|au|aux|ont|été)\b")
_EN = re.compile(r"\b(?:the|and|of|was|were|in|on|for|that|with|has|have|by)\b")


def guess_language(text: str) -> str:
    """French or English from function words, for documents whose language is unknown."""
    sample = text[:3000].lower()
    fr, en = len(_FR.findall(sample)), len(_EN.findall(sample))
    if fr == en == 0:
        return "und"
    return "fr" if fr > en else "en"


# both word lists in one pass (they share no word, so the counts are those of _FR and _EN)
_FR_EN = re.compile(rf"\b(?:(?P<fr>{_FR.pattern[5:-3]})|(?P<en>{_EN.pattern[5:-3]}))\b")


def _counts(sample: str) -> tuple[int, int]:
    fr = en = 0
    for m in _FR_EN.finditer(sample):
        if m.lastgroup == "fr":
            fr += 1
        else:
            en += 1
    return fr, en


def sentence_language(sentence: str, default: str) -> str:
    """A sentence's own language when it clearly differs (an English caption in French news)."""
    if len(sentence.split()) < 8:
        return default
    low = sentence.lower()
    # the other language needs three of its words at least: most sentences have none
    if (default == "fr" and len(_EN.findall(low)) < 3) \
            or (default == "en" and len(_FR.findall(low)) < 3):
        return default
    fr, en = _counts(low)
    if default != "en" and en >= fr + 3:
        return "en"
    if default != "fr" and fr >= en + 3:
        return "fr"
    return default


def _language(doc: Document) -> str:
    if doc.language in LANGUAGES:
        return doc.language
    guessed = guess_language(doc.text)
    return guessed if doc.language in ("und", "", None) else "und"


def _analysis(sentence: Sentence, folded: str, language: str, lex: Lexicon,
              hits: dict[str, list[Hit]] | None = None) -> Analysis | None:
    custom = custom_classifier()
    if custom is None:
        return analyse(sentence.text, language, offset=sentence.start,
                       folded=folded[sentence.start:sentence.end], lexicon=lex, hits=hits)
    result = custom(sentence.text, language)
    if result is None:
        return None
    etype, sub, score = result
    mid = (sentence.start + sentence.end) // 2
    return Analysis(etype, sub, score, mid, mid)


@cache
def _continuation(language: str) -> tuple[re.Pattern[str], ...]:
    from eventmap.events.lexicon import _load_yaml

    langs = (language,) if language in LANGUAGES else LANGUAGES
    return tuple(re.compile(p) for lang in langs
                 for p in (_load_yaml(f"cues_{lang}.yaml").get("continuation") or []))


def _upgrade_protest(prev: Analysis, cur: Analysis) -> tuple[str, str] | None:
    """What a protest becomes when the next sentence tells how it went on (ACLED's rules)."""
    hits = cur.hits
    if prev.event_type == "Riots":
        # the riot went on: police response, more clashes, damage — still the same riot
        if cur.event_type in ("Riots", "Battles", "Protests") or "INTERVENTION" in hits \
                or cur.sub_event_type == "Looting/property destruction":
            return (prev.event_type, prev.sub_event_type or "")
        return None
    if prev.event_type != "Protests":
        return None
    if "EXCESSIVE" in hits or ("KILL" in hits and "STATE" in hits):
        return ("Protests", "Excessive force against protesters")
    if cur.event_type == "Riots" or cur.sub_event_type == "Looting/property destruction" \
            or "RIOT_ACTION" in hits:
        return ("Riots", "Violent demonstration")
    if "INTERVENTION" in hits or "ARREST" in hits:
        if prev.sub_event_type == "Peaceful protest":
            return ("Protests", "Protest with intervention")
        return (prev.event_type, prev.sub_event_type or "")
    return None


def _apply_upgrade(cands: list[Candidate], prev: tuple[Analysis, int], cur: Analysis) -> bool:
    """Fold a continuing sentence into the previous event ("Students demonstrated in X. They
    ransacked the police station." — one riot). True when it was folded in."""
    upgrade = _upgrade_protest(prev[0], cur)
    if upgrade is None:
        return False
    for c in cands[prev[1]:]:
        c.event = c.event.with_changes(event_type=upgrade[0], sub_event_type=upgrade[1] or None)
    prev[0].event_type, prev[0].sub_event_type = upgrade[0], upgrade[1] or None
    return True


def _riot_goes_on(prev: tuple[Analysis, int] | None, cur: Analysis,
                  places: Sequence[PlaceChoice]) -> bool:
    """A sentence of the riot's paragraph that tells the damage done, at no place of its own.

    ACLED codes the property a riot destroys as part of the riot; a country-level place
    (a demonym, "le ministère … libanais") is not a place of its own.
    """
    if prev is None or prev[0].event_type != "Riots":
        return False
    if cur.sub_event_type != "Looting/property destruction" and cur.event_type != "Riots":
        return False
    return _country_level(places)


# the roles of a place the event is said to be in or near (named, known or not)
_LOCATING = ("loc_in", "loc_near", "unknown")


def _country_level(places: Sequence[PlaceChoice]) -> bool:
    """Only a country or a nationality here, no place the event is said to be in or near."""
    return all(p.geo_precision == 3 and p.role not in _LOCATING for p in places)


def _placed(places: Sequence[PlaceChoice]) -> bool:
    """Whether a sentence sets its event somewhere finer than a country — a nationality
    ("between Russian and US aircraft") sets it nowhere, whatever the word before it."""
    return any(not (p.geo_precision == 3 and (p.role not in _LOCATING or is_demonym(p.mention)))
               for p in places)


def _confidence(a: Analysis, place: PlaceChoice, when: EventDate) -> float:
    """Type, place and date evidence together (0–1): each weak part pulls the whole down."""
    type_part = max(0.0, min(1.0, a.score / 4.5))
    return round(0.4 * type_part + 0.35 * place.strength + 0.25 * when.strength, 4)


_DEFINITE = {
    # "Tuesday's chemical attack": a day's possessive names the event as one already known
    "en": re.compile(r"(?:^|[^\w])(?:the|this|that|these|those|its|their|such|(?:monday|tuesday|"
                     r"wednesday|thursday|friday|saturday|sunday|yesterday|today|weekend|"
                     r"night|week)'s)\s+(?:[a-z-]+\s+)?$"),
    "fr": re.compile(r"(?:^|[^\w])(?:le|la|les|l'|cette|cet|ce|ces|son|sa|leur|leurs)\s*(?:[a-z-]+\s+)?$"),
}


_SUPERLATIVE_REACH = 60  # "the deadliest attack the country has suffered since …"


# who acts: a definite noun of these before the trigger is its subject, not the event named
_DOERS = SUBJECT_FEATURES


def _aggregate(a: Analysis) -> bool:
    """A tally or a trend ("les attaques … se multiplient", "since the start of the crisis",
    "fait suite à de nombreuses autres lancées ces derniers jours").

    A superlative before the cue measures one event against the others ("the deadliest
    attack since the war began"): that event is told, not a tally.
    """
    if any(h.start >= a.trigger_end for h in a.hits.get("HABITUAL", [])):
        return True
    tallies = a.hits.get("AGGREGATE")
    if not tallies:
        return False
    supers = a.hits.get("SUPERLATIVE", [])
    return any(not any(0 <= t.start - s.end <= _SUPERLATIVE_REACH for s in supers)
               for t in tallies)


def _since(folded: str, sentence: Sentence, language: str) -> list[tuple[int, int]]:
    """Where a sentence opens a period ("since October 2019", "depuis que …")."""
    seg = folded[sentence.start:sentence.end]
    return [(sentence.start + m.start(), sentence.start + m.end())
            for p in cue_patterns(language, "since") for m in p.finditer(seg)]


_SINCE_REACH = 30  # "heavy shelling since …": the period right after the event's word
_START_REACH = 60  # "since Russia launched its full-scale invasion on February 24"


def _trend(a: Analysis, since: Sequence[tuple[int, int]],
           tms: Sequence[TimeExpression]) -> bool:
    """What goes on since a dated start, told right after the event's word ("the city has
    come under heavy shelling since Russia launched its invasion on February 24"), is a
    trend, not an event; "the deadliest attack since 2019" is one event. A "since" further
    on mostly qualifies something else ("a general arrested since 2015"), one with no date
    may give a reason ("since there is a high risk")."""
    supers = a.hits.get("SUPERLATIVE", [])
    return any(0 <= lo - a.trigger_end <= _SINCE_REACH
               and not any(0 <= lo - s.end <= _SUPERLATIVE_REACH for s in supers)
               and any(hi <= t.start <= hi + _START_REACH for t in tms)
               for lo, hi in since)


def _own_day(own: EventDate, a: Analysis) -> bool:
    """Whether the sentence gives the event a day of its own — not the day someone spoke
    ("the doctors said on Sunday that 56 civilians had been killed since …")."""
    if not (own.from_text and own.precision == 1):
        return False
    t = own.expression
    return t is None or not any(0 <= t.start - h.end <= 12 for h in a.hits.get("REPORTING", []))


def _reaction(a: Analysis) -> bool:
    """A government's answer to an event told before, set only in a country: "Russia
    condemned the strikes … and suspended a hotline" (ACLED's strategic developments are
    what armed actors do where the conflict is, not diplomacy)."""
    return a.event_type == "Strategic developments" and "REACTION" in a.hits \
        and a.sub_event_type not in ("Arrests", "Looting/property destruction")


def _kin(a: str, b: str) -> bool:
    """Two event types a paragraph may tell of one happening (an attack, then its toll)."""
    return a == b or (a in VIOLENT and b in VIOLENT)


def _background(sentence: Sentence, own: EventDate, places: Sequence[PlaceChoice],
                ments: Sequence[Mention], tms: Sequence[TimeExpression]) -> bool:
    """A backdrop: dated by a month or coarser and set nowhere but in the text's country.

    Why: "La bataille de la rive droite, engagée en février, …", "The agreement signed in
    December … had set a timetable" recall the story's background; an event told as news
    has a day, or at least a place of its own — maybe one the gazetteer lacks, so a sentence
    that names anything (a capitalised word that is no known place and no date) is kept.
    """
    if not (sentence.kind == "body" and own.from_text and own.precision >= 3 and places
            and all(p.role == "document" for p in places)):
        return False
    taken = [(m.start, m.end) for m in ments if sentence.start <= m.start < sentence.end]
    taken += [(t.start, t.end) for t in tms if sentence.start <= t.start < sentence.end]
    for word in _CAPITALISED.finditer(sentence.text, 1):
        at = sentence.start + word.start()
        if not any(lo <= at < hi for lo, hi in taken):
            return False
    return True


_CAPITALISED = re.compile(r"(?<![\w'’])[A-Z][\w'’-]+")


def _told_before(a: Analysis, folded: str, sentence: Sentence, when: EventDate,
                 places: Sequence[PlaceChoice], cands: Sequence[Candidate],
                 language: str) -> Candidate | None:
    """The earlier event a sentence only speaks of again, if it does.

    Why: reactions, claims and comments name the event with a definite noun phrase — "the
    attack", "the strikes", "cette attaque" — and add no date of their own; the places they
    name are the speakers' ("Washington condemned the attack"). ACLED codes the event once.
    A new place after the trigger with a locative preposition ("the attack in Kidal") or a
    date of its own makes it another event.
    """
    if sentence.kind != "body" or not cands:
        return None
    pattern = _DEFINITE.get(language, _DEFINITE["en"])
    lo = max(sentence.start, a.trigger_start - 30)
    found = pattern.search(folded[lo:a.trigger_start])
    if found is None or any(lo + found.start() <= h.start < a.trigger_start
                            for k in _DOERS for h in a.hits.get(k, ())):
        return None  # no definite event noun ("the army attacked", "its aircraft were striking")
    violent = a.event_type in VIOLENT
    for c in reversed(cands):
        ev = c.event
        if not (ev.event_type == a.event_type or (violent and ev.event_type in VIOLENT)):
            continue
        if when.from_text and when.date != ev.date and not _within(c, when):
            continue  # another event of that kind, told on another day
        reports = a.hits.get("REPORTING", [])
        for p in places:
            m = p.mention
            if p.role in ("none", "document", "country", "context", "home") \
                    or place_key(m) == c.place_key \
                    or m.country_code == ev.country_code and p.geo_precision == 3:
                continue
            lo, hi = sorted((m.end, a.trigger_start))
            if not any(lo <= h.start < hi for h in reports):
                return None  # a place of its own ("the attack in Kidal"): another event
        return c
    return None


# the features that tell an act of its own (a weapon, an assault, an abduction …): a sentence
# with none of them and only deaths or wounds tells a toll
_ACTS = frozenset({"ATTACK", "AMBUSH", "CLASH", "REPEL", "AIRSTRIKE", "SHELLING", "IED", "BLAST",
                   "SUICIDE", "GRENADE", "CHEMICAL", "ABDUCT", "SEXUAL", "ASSASSINATE", "LOOT",
                   "SEIZE", "RIOT", "RIOT_ACTION", "MOB", "STONES", "PROTEST", "ARREST",
                   "TAKEOVER", "RETAKE", "EXCESSIVE", "DISPERSE", "AIRFIRE", "LABEL_LOOT"})


def _toll_of(a: Analysis, sentence: Sentence, own: EventDate, placed: bool,
             cands: Sequence[Candidate], last: tuple[int, int] | None) -> Candidate | None:
    """The violent event whose toll a sentence tells, if it only tells one.

    Why: "The Syrian army said six people were killed at the base" after the strike told in
    the paragraph before names no act, no place and no day of its own: the dead are the
    strike's (ACLED codes them with it), whatever the place and date the narrative carries.
    """
    if last is None or sentence.kind != "body" or placed or own.from_text \
            or a.event_type not in VIOLENT or not 0 <= sentence.paragraph - last[0] <= 2:
        return None
    if "KILL" not in a.hits and "INJURE" not in a.hits or not _ACTS.isdisjoint(a.hits):
        return None
    return cands[last[1]] if last[1] < len(cands) else None


def _within(earlier: Candidate, when: EventDate) -> bool:
    """Whether a dated mention fits an earlier report dated only by publication (a headline
    "after chemical attack", then "Tuesday's chemical attack")."""
    if earlier.from_text:
        return False
    days = (earlier.event.date - when.date).days
    return 0 <= days <= window_days(earlier.event.time_precision)


def _scene_place(quiet: Sequence[Sentence], text: str, folded: str, ments: Sequence[Mention],
                 language: str, focus: str | None, lex: Lexicon) -> PlaceChoice | None:
    """The place set by the nearest earlier sentence of the paragraph that told no event."""
    for prev in reversed(quiet):
        chosen = choose_places(prev.start, prev.end, text, folded, ments, None, language,
                               focus_country=focus, lexicon=lex)
        if chosen:
            p = chosen[0]
            return PlaceChoice(p.mention, max(p.geo_precision, 2), p.strength * 0.6, "context")
    return None


def _scene_date(quiet: Sequence[Sentence], folded: str, tms: Sequence[TimeExpression],
                lex: Lexicon, published: dt.date | None) -> EventDate | None:
    """The date set by the nearest earlier sentence of the paragraph that told no event."""
    for prev in reversed(quiet):
        if not any(prev.start <= t.start < prev.end for t in tms):
            continue
        found = choose_date(prev.start, prev.end, folded, tms, None, lex, published=published)
        if found is not None and found.from_text:
            return EventDate(found.date, found.precision, True, found.expression,
                             found.strength * 0.8)
    return None


_MIN_APART = 40  # characters between two dates for each to head a clause of its own


def _units(sentences: Sequence[Sentence], doc_hits: Sequence[dict[str, list[Hit]]], text: str,
           folded: str, tms: Sequence[TimeExpression], language: str,
           ) -> Sequence[tuple[Sentence, dict[str, list[Hit]] | None]]:
    """The sentences to read, each with its hits; one with two dates may be two clauses."""
    pairs: list[tuple[Sentence, dict[str, list[Hit]] | None]] = list(zip(sentences, doc_hits,
                                                                          strict=True))
    if len(tms) < 2:
        return pairs
    heads = [s.start for s in sentences]
    dated = Counter(bisect_right(heads, t.start) - 1 for t in tms)
    if max(dated.values()) < 2:
        return pairs
    out: list[tuple[Sentence, dict[str, list[Hit]] | None]] = []
    for i, (s, h) in enumerate(pairs):
        if dated[i] >= 2 and h is not None:
            out.extend(_clauses(s, h, text, folded, tms, language))
        else:
            out.append((s, h))
    return out


def _clauses(sentence: Sentence, hits: dict[str, list[Hit]], text: str, folded: str,
             tms: Sequence[TimeExpression], language: str,
             ) -> list[tuple[Sentence, dict[str, list[Hit]] | None]]:
    """A sentence, or its two clauses when each tells an event on a day of its own.

    Why: "On December 27, 2019, a rocket barrage on the K1 base near Kirkuk killed a
    contractor, setting off a chain of retaliation that culminated in the US drone strike
    that killed Soleimani in Baghdad on January 3, 2020" tells two events, at two places on
    two days; read whole, it gives only the stronger one. Cut at the comma between the
    dates where both sides tell an event; a clause that tells none (a reporting date, talks
    "on 2 March") leaves the sentence whole.
    """
    whole: list[tuple[Sentence, dict[str, list[Hit]] | None]] = [(sentence, hits)]
    if sentence.kind != "body" or len(sentence.text) < 2 * _MIN_APART \
            or custom_classifier() is not None:
        return whole  # (a plugged-in classifier reads whole sentences)
    lex = load_lexicon(language)
    days = dating_days(sentence.start, sentence.end, folded, tms, lex)
    pair = next(((x, y) for x, y in pairwise(days)
                 if x.date != y.date and y.start - x.end >= _MIN_APART), None)
    if pair is None:
        return whole
    first, second = pair
    for comma in range(first.end, second.start):
        if text[comma] not in ",;" or text[comma - 1].isdigit():
            continue
        head = Sentence(text[sentence.start:comma], sentence.start, comma, sentence.kind,
                        sentence.paragraph)
        rest = text[comma + 1:sentence.end]
        cut = comma + 1 + len(rest) - len(rest.lstrip())
        tail = Sentence(text[cut:sentence.end], cut, sentence.end, sentence.kind,
                        sentence.paragraph)
        told = [analyse(part.text, language, offset=part.start,
                        folded=folded[part.start:part.end], lexicon=lex) for part in (head, tail)]
        if told[0] is None or told[1] is None:
            continue
        if told[0].event_type == told[1].event_type == "Violence against civilians":
            return whole  # "abducted …, he was found executed on August 15": one fate, one event
        return [(head, None), (tail, None)]
    return whole


def _named_unknown(choice: PlaceChoice, unknown: UnknownPlace) -> tuple[PlaceChoice, str]:
    """The fallback ``choice`` standing for a place the gazetteer does not know, with the
    text's name as its mention, and the key that keeps that place apart from others there."""
    m = replace(choice.mention, text=unknown.text, start=unknown.start, end=unknown.end,
                confidence=min(choice.mention.confidence, 0.3))
    key = f"{UNKNOWN_KEY}{m.country_code}:{fold(unknown.text)}"
    return PlaceChoice(m, max(choice.geo_precision, 2), choice.strength * 0.8, "unknown"), key


def extract_events(
    doc: Document, mentions: Sequence[Mention], times: Sequence[TimeExpression], *,
    home: Mention | None = None, unplaced: list[str] | None = None,
) -> list[Event]:
    """The events a document reports, one per happening, in text order.

    ``mentions`` are the gazetteer's resolved place mentions, ``times`` the date finder's
    time expressions, both with offsets into ``doc.text``. Empty or eventless text gives [].
    ``home``: the country the analyst works on, for an event whose text names no place the
    gazetteer knows (geo precision 3, the unknown name kept as its mention); without it
    such an event is left out and its sentence appended to ``unplaced`` when given.
    """
    text = doc.text or ""
    if not text.strip():
        return []
    language = _language(doc)
    lex = load_lexicon(language)
    folded = fold(text)
    ments, focus = harmonised(mentions, text)
    tms = sorted(times, key=lambda t: t.start)
    starts = [t.start for t in tms]
    doc_place = document_place(ments, folded, language, focus)
    if home is not None and doc_place is not None and doc_place.via == "demonym":
        doc_place = None  # named only by nationalities ("Malian soldiers"): the analyst's country
    cands: list[Candidate] = []
    last_place: dict[int, tuple[list[PlaceChoice], int]] = {}
    last_event: dict[int, tuple[Analysis, int]] = {}  # paragraph → (analysis, first candidate)
    last_place_any: tuple[list[PlaceChoice], int, str] | None = None
    last_date: tuple[int, EventDate] | None = None
    last_violent: tuple[int, int] | None = None  # paragraph, index of the last event's candidate
    sentences = split_sentences(text, language)
    doc_hits = document_hits(lex, folded, text, [(s.start, s.end) for s in sentences])
    quiet: list[Sentence] = []  # earlier sentences of this paragraph that told no event
    for sentence, sent_hits in _units(sentences, doc_hits, text, folded, tms, language):
        if quiet and quiet[-1].paragraph != sentence.paragraph:
            quiet = []
        lang = sentence_language(sentence.text, language)
        own = lang == language
        lex = load_lexicon(lang)
        a = _analysis(sentence, folded, lang, lex, sent_hits if own else None)
        prev_ev = last_event.get(sentence.paragraph)
        continues = prev_ev is not None and any(
            p.match(folded[sentence.start:sentence.end]) for p in _continuation(lang))
        if a is None:
            if continues and prev_ev is not None:
                # "Ils ont saccagé le commissariat": no event alone, but it says how it went on
                hits = feature_hits(lex, folded[sentence.start:sentence.end], sentence.start,
                                    sentence.text)
                _apply_upgrade(cands, prev_ev, Analysis("", None, 0.0, 0, 0, False, hits))
            elif sentence.kind == "body":
                quiet.append(sentence)
            continue
        trigger = (a.trigger_start, a.trigger_end)
        places = choose_places(sentence.start, sentence.end, text, folded, ments, trigger,
                               lang, focus_country=focus, lexicon=lex)
        unknown = None
        if not places or (sentence.kind == "body" and _country_level(places)):
            # "burned the school in Tangounga": a place the gazetteer does not know
            names = unknown_places(text, folded, sentence.start, sentence.end, ments, lang)
            unknown = names[0] if names else None
            if unknown is not None:
                # "French forces struck … in the area of Intagom": the nationality is the
                # actor's; the event is at the place named, known or not
                places = []
        placed = unknown is not None or _placed(places)
        prior_here, prior_any = last_place.get(sentence.paragraph), last_place_any
        if places and sentence.kind == "body":
            last_place[sentence.paragraph] = (places, sentence.end)
            if places[0].geo_precision < 3:
                last_place_any = (places, sentence.paragraph, a.event_type)
        if continues and prev_ev is not None and not places and unknown is None \
                and _apply_upgrade(cands, prev_ev, a):
            continue
        if _riot_goes_on(prev_ev, a, places) and prev_ev is not None \
                and _apply_upgrade(cands, prev_ev, a):
            # "Plusieurs groupes ont pris d'assaut le ministère … où ils ont brûlé …" after
            # the riot: the damage done in the riot, not an event of its own
            continue
        if not places and sentence.kind == "body":
            # "The attack …" after a sentence that named the place: same paragraph, same place
            prev = prior_here
            scene = _scene_place(quiet, text, folded, ments, lang, focus, lex) \
                if prev is None else None
            if prev is not None:
                places = [PlaceChoice(p.mention, max(p.geo_precision, 2), p.strength * 0.6,
                                      "context") for p in prev[0][:1]]
            elif scene is not None:
                # "The gendarmes seized motorbikes." after "… dismantled a base in Guibga
                # (Pissila, Sanmatenga)": the scene the paragraph has set
                places = [scene]
            elif prior_any is not None and 0 < sentence.paragraph - prior_any[1] <= 2 \
                    and _kin(prior_any[2], a.event_type):
                # the paragraph goes on from the one before, whose place is known
                places = [PlaceChoice(p.mention, max(p.geo_precision, 2), p.strength * 0.5,
                                      "context") for p in prior_any[0][:1]]
            elif doc_place is not None:
                # nothing finer is known: the country (else the place) the text is about,
                # at ACLED geo precision 3 and a low strength
                places = [PlaceChoice(doc_place, 3, 0.15 if doc_place.feature == "country"
                                      else 0.1, "document")]
            elif home is not None:
                # no place of the text is known: the country the analyst works on
                places = [PlaceChoice(home, 3, 0.1, "home")]
        keys: list[str] | None = None
        if places and unknown is not None:
            named, key = _named_unknown(places[0], unknown)
            places, keys = [named], [key]
        if not places:
            if unplaced is not None and sentence.kind == "body":
                unplaced.append(sentence.text)
            continue
        recent = any(h.start < a.trigger_end for h in a.hits.get("RECENT", []))
        # a period's start matters only to a sentence that holds a date
        since = _since(folded, sentence, lang) \
            if bisect_left(starts, sentence.end) > bisect_left(starts, sentence.start) else []
        when = choose_date(sentence.start, sentence.end, folded, tms, trigger, lex,
                           published=doc.published, kind=sentence.kind, recent=recent,
                           since=since)
        if when is None:
            continue
        if not when.from_text and any(h.start < a.trigger_start for h in a.hits.get("ACCOUNT", [])):
            # "saying he was abducted in Gao": some time before the account, not its day
            when = EventDate(when.date, 3, False, None, when.strength)
            recent = True  # nor the narrative's day
        own_date = when  # the sentence's own date (or the publication date), before the narrative's
        if not _own_day(own_date, a) and (_aggregate(a) or _trend(a, since, tms)):
            continue  # "19 people have died since the start of the crisis": a tally, a trend
        if not when.from_text and sentence.kind == "body" and not recent and (
                last_date is None or last_date[0] != sentence.paragraph):
            # the paragraph opened with a date in a sentence that told no event of its own
            scene_date = _scene_date(quiet, folded, tms, lex, doc.published)
            if scene_date is not None:
                when = scene_date
        carried = False
        if not when.from_text and sentence.kind == "body" and last_date is not None \
                and not recent:
            # no date of its own: the narrative goes on from the last dated event — same
            # paragraph, or the day's news told just before ("viennent d'être frappés"
            # is news of the day, not the story told before it)
            para, dated = last_date
            if para == sentence.paragraph or (
                    doc.published is not None and 0 <= (doc.published - dated.date).days <= 3):
                when = EventDate(dated.date, dated.precision, True, None, dated.strength * 0.7)
                carried = True
        if sentence.kind == "body" and _country_level(places):
            # only a country or a nationality here: the place the narrative is at, if known
            # an earlier paragraph's place only for the same kind of event, told on
            recent_place = prior_here or (
                prior_any[:2] if prior_any is not None and _kin(prior_any[2], a.event_type)
                else None)
            if recent_place is not None and recent_place[0] and \
                    recent_place[0][0].geo_precision < 3 and \
                    recent_place[0][0].mention.country_code == places[0].mention.country_code:
                places = [PlaceChoice(p.mention, max(p.geo_precision, 2), p.strength * 0.6,
                                      "context") for p in recent_place[0][:1]]
        if not placed and _reaction(a):
            continue  # "Russia condemned the strikes and suspended a hotline": diplomacy
        if _background(sentence, own_date, places, ments, tms):
            continue  # "La bataille de la rive droite, engagée en février, …": the backdrop
        if not carried and when.from_text and sentence.kind == "body":
            # the narrative's date, even from an event only spoken of again ("Tuesday's
            # chemical attack" dates what is told of it next)
            last_date = (sentence.paragraph, when)
        seg = folded[sentence.start:sentence.end]
        toll = _toll_of(a, sentence, own_date, placed, cands, last_violent)
        ref = toll or _told_before(a, folded, sentence, own_date, places, cands, lang)
        if ref is not None:
            # "Washington condemned the attack": the event told before, spoken of again
            if toll is None and own_date.from_text and not ref.from_text:
                # "Tuesday's attack …": the day of a report dated only by publication
                ref.event = ref.event.with_changes(date=own_date.date,
                                                   time_precision=own_date.precision)
                ref.from_text = True
            if ref.event.fatalities is None and "KILL" in a.hits:
                found = find_fatalities(sentence.text, lang, folded=seg, lexicon=lex)
                if found:
                    ref.event = ref.event.with_changes(fatalities=found)
            continue
        actors = find_actors(sentence.text, lang, folded=seg, lexicon=lex)
        if "KILL" in a.hits or "ASSASSINATE" in a.hits:
            # the count sits near a word of killing: read only around those words
            kills = [h for k in ("KILL", "ASSASSINATE") for h in a.hits.get(k, [])]
            lo = max(sentence.start, min(h.start for h in kills) - 90)
            hi = min(sentence.end, max(h.end for h in kills) + 90)
            fatalities = find_fatalities(text[lo:hi], lang, folded=folded[lo:hi], lexicon=lex)
        else:  # nobody said to be killed: only a stated "no casualties" gives a number
            fatalities = 0 if any(p.search(seg) for p in lex.no_fatality_patterns) else None
        last_event[sentence.paragraph] = (a, len(cands))
        last_violent = (sentence.paragraph, len(cands)) if a.event_type in VIOLENT else None
        for i, place in enumerate(places):
            m = place.mention
            key = keys[i] if keys is not None else place_key(m)
            ev = Event(
                id="",
                date=when.date,
                time_precision=when.precision,
                event_type=a.event_type,
                sub_event_type=a.sub_event_type,
                latitude=float(m.lat),
                longitude=float(m.lon),
                place=m.name,
                mention=m.text,
                geonameid=m.geonameid,
                country_code=m.country_code or "",
                admin1=m.admin1,
                geo_precision=place.geo_precision,
                actors=list(actors),
                fatalities=fatalities if len(places) == 1 else None,
                confidence=_confidence(a, place, when),
                quote=sentence.text,
                doc_id=doc.id,
                source_title=doc.title,
                source_url=doc.url,
                published=doc.published,
                language=doc.language if doc.language not in ("", None) else language,
                start=sentence.start,
                end=sentence.end,
            )
            cands.append(Candidate(ev, key, when.from_text, a.generic, sentence.kind, a.score))
    return merge_candidates(cands)


def events_on(day: dt.date, events: Sequence[Event]) -> list[Event]:
    """Events of one day (a small helper for callers and tests)."""
    return [e for e in events if e.date == day]
