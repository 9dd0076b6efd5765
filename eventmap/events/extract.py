"""From a document, its place mentions and its time expressions to its events.

Why one function: the pipeline hands over what the gazetteer and the date finder found;
this module walks the sentences, asks the classifier whether each reports an event, picks
the event's place(s) and date, reads actors and fatalities, and merges repeated reports.
Everything it knows about language comes from ``data/lexicons``.

The walk is here, with what it remembers from one sentence to the next; each question it
asks on the way has a module of its own: the units to read (``clauses``), a sentence's
language (``language``), a protest going on (``continuation``), a place or a date the
narrative carries (``narrative_place``, ``narrative_date``), what is no event
(``nonevents``) and an event told again (``retold``).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from collections.abc import Sequence

from eventmap.dates.types import TimeExpression
from eventmap.events.actors import find_actors
from eventmap.events.classify import (
    Analysis,
    analyse,
    custom_classifier,
    document_hits,
    feature_hits,
)
from eventmap.events.clauses import units
from eventmap.events.continuation import apply_upgrade, goes_on, riot_goes_on
from eventmap.events.fatalities import find_fatalities
from eventmap.events.language import document_language, guess_language, sentence_language
from eventmap.events.lexicon import Hit, Lexicon, fold, load_lexicon
from eventmap.events.location import (
    PlaceChoice,
    choose_places,
    document_place,
    harmonised,
    place_key,
)
from eventmap.events.merge import VIOLENT, Candidate, merge_candidates
from eventmap.events.narrative_date import Dated, account_date, narrative_date
from eventmap.events.narrative_place import (
    Before,
    Here,
    Setting,
    context_places,
    country_level,
    is_placed,
    named_unknown,
    narrative_place,
)
from eventmap.events.nonevents import aggregate, background, own_day, reaction, since_spans, trend
from eventmap.events.retold import retell, told_before, toll_of
from eventmap.events.sentences import Sentence, split_sentences
from eventmap.events.timing import EventDate, choose_date
from eventmap.events.unknown_places import unknown_places
from eventmap.model import Document, Event
from gazetteer.types import Mention

# guess_language and sentence_language were defined here once; callers still import them here
__all__ = ["events_on", "extract_events", "guess_language", "sentence_language"]


def _analysis(sentence: Sentence, folded: str, language: str, lex: Lexicon,
              hits: dict[str, list[Hit]] | None = None) -> Analysis | None:
    """The sentence's event type by the rules, or by a plugged-in classifier (which names no
    trigger: the sentence's middle stands for it)."""
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


def _confidence(a: Analysis, place: PlaceChoice, when: EventDate) -> float:
    """Type, place and date evidence together (0–1): each weak part pulls the whole down."""
    type_part = max(0.0, min(1.0, a.score / 4.5))
    return round(0.4 * type_part + 0.35 * place.strength + 0.25 * when.strength, 4)


def _fatalities(a: Analysis, sentence: Sentence, text: str, folded: str, language: str,
                lex: Lexicon) -> int | None:
    """The dead a sentence states for its event (None when unsaid, 0 for "no casualties")."""
    if "KILL" in a.hits or "ASSASSINATE" in a.hits:
        # the count sits near a word of killing: read only around those words
        kills = [h for k in ("KILL", "ASSASSINATE") for h in a.hits.get(k, [])]
        lo = max(sentence.start, min(h.start for h in kills) - 90)
        hi = min(sentence.end, max(h.end for h in kills) + 90)
        return find_fatalities(text[lo:hi], language, folded=folded[lo:hi], lexicon=lex)
    # nobody said to be killed: only a stated "no casualties" gives a number
    seg = folded[sentence.start:sentence.end]
    return 0 if any(p.search(seg) for p in lex.no_fatality_patterns) else None


def _event(doc: Document, language: str, a: Analysis, sentence: Sentence, place: PlaceChoice,
           when: EventDate, actors: Sequence[str], fatalities: int | None) -> Event:
    """The event a sentence tells at one of its places (merging gives it its id)."""
    m = place.mention
    return Event(
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
        fatalities=fatalities,
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
    language = document_language(doc)
    lex = load_lexicon(language)
    folded = fold(text)
    ments, focus = harmonised(mentions, text)
    tms = sorted(times, key=lambda t: t.start)
    starts = [t.start for t in tms]
    doc_place = document_place(ments, folded, language, focus)
    if home is not None and doc_place is not None and doc_place.via == "demonym":
        doc_place = None  # named only by nationalities ("Malian soldiers"): the analyst's country
    setting = Setting(text, folded, ments, focus, doc_place, home)
    # what the sentences read so far leave to the next ones
    cands: list[Candidate] = []
    last_place: dict[int, Here] = {}  # paragraph → (its last places, their sentence's end)
    last_event: dict[int, tuple[Analysis, int]] = {}  # paragraph → (analysis, first candidate)
    last_place_any: Before | None = None
    last_date: Dated | None = None
    last_violent: tuple[int, int] | None = None  # paragraph, index of the last event's candidate
    sentences = split_sentences(text, language)
    doc_hits = document_hits(lex, folded, text, [(s.start, s.end) for s in sentences])
    quiet: list[Sentence] = []  # earlier sentences of this paragraph that told no event
    for sentence, sent_hits in units(sentences, doc_hits, text, folded, tms, language):
        if quiet and quiet[-1].paragraph != sentence.paragraph:
            quiet = []
        lang = sentence_language(sentence.text, language)
        own = lang == language
        lex = load_lexicon(lang)
        a = _analysis(sentence, folded, lang, lex, sent_hits if own else None)
        prev_ev = last_event.get(sentence.paragraph)
        continues = prev_ev is not None and goes_on(folded[sentence.start:sentence.end], lang)
        if a is None:
            if continues and prev_ev is not None:
                # "Ils ont saccagé le commissariat": no event alone, but it says how it went on
                hits = feature_hits(lex, folded[sentence.start:sentence.end], sentence.start,
                                    sentence.text)
                apply_upgrade(cands, prev_ev, Analysis("", None, 0.0, 0, 0, False, hits))
            elif sentence.kind == "body":
                quiet.append(sentence)
            continue

        # where: the sentence's own places, a name the gazetteer lacks, else the narrative's
        trigger = (a.trigger_start, a.trigger_end)
        places = choose_places(sentence.start, sentence.end, text, folded, ments, trigger,
                               lang, focus_country=focus, lexicon=lex)
        unknown = None
        if not places or (sentence.kind == "body" and country_level(places)):
            # "burned the school in Tangounga": a place the gazetteer does not know
            names = unknown_places(text, folded, sentence.start, sentence.end, ments, lang)
            unknown = names[0] if names else None
            if unknown is not None:
                # "French forces struck … in the area of Intagom": the nationality is the
                # actor's; the event is at the place named, known or not
                places = []
        placed = unknown is not None or is_placed(places)
        prior_here, prior_any = last_place.get(sentence.paragraph), last_place_any
        if places and sentence.kind == "body":
            last_place[sentence.paragraph] = (places, sentence.end)
            if places[0].geo_precision < 3:
                last_place_any = (places, sentence.paragraph, a.event_type)
        if continues and prev_ev is not None and not places and unknown is None \
                and apply_upgrade(cands, prev_ev, a):
            continue
        if riot_goes_on(prev_ev, a, places) and prev_ev is not None \
                and apply_upgrade(cands, prev_ev, a):
            # "Plusieurs groupes ont pris d'assaut le ministère … où ils ont brûlé …" after
            # the riot: the damage done in the riot, not an event of its own
            continue
        if not places and sentence.kind == "body":
            places = context_places(sentence, a.event_type, prior_here, prior_any, quiet,
                                    setting, lang, lex)
        keys: list[str] | None = None
        if places and unknown is not None:
            named, key = named_unknown(places[0], unknown)
            places, keys = [named], [key]
        if not places:
            if unplaced is not None and sentence.kind == "body":
                unplaced.append(sentence.text)
            continue

        # when: the sentence's own date, else the narrative's
        recent = any(h.start < a.trigger_end for h in a.hits.get("RECENT", []))
        # a period's start matters only to a sentence that holds a date
        since = since_spans(folded, sentence, lang) \
            if bisect_left(starts, sentence.end) > bisect_left(starts, sentence.start) else []
        when = choose_date(sentence.start, sentence.end, folded, tms, trigger, lex,
                           published=doc.published, kind=sentence.kind, recent=recent,
                           since=since)
        if when is None:
            continue
        told = account_date(when, a)
        if told is not None:
            when, recent = told, True  # nor the narrative's day
        own_date = when  # the sentence's own date (or the publication date), before the narrative's
        if not own_day(own_date, a) and (aggregate(a) or trend(a, since, tms)):
            continue  # "19 people have died since the start of the crisis": a tally, a trend
        when, carried = narrative_date(when, sentence, recent, last_date, quiet, folded, tms,
                                       lex, doc.published)
        if sentence.kind == "body" and country_level(places):
            # only a country or a nationality here: the place the narrative is at, if known
            places = narrative_place(places, a.event_type, prior_here, prior_any)

        # whether it is an event of its own
        if not placed and reaction(a):
            continue  # "Russia condemned the strikes and suspended a hotline": diplomacy
        if background(sentence, own_date, places, ments, tms):
            continue  # "La bataille de la rive droite, engagée en février, …": the backdrop
        if not carried and when.from_text and sentence.kind == "body":
            # the narrative's date, even from an event only spoken of again ("Tuesday's
            # chemical attack" dates what is told of it next)
            last_date = (sentence.paragraph, when)
        seg = folded[sentence.start:sentence.end]
        toll = toll_of(a, sentence, own_date, placed, cands, last_violent)
        ref = toll or told_before(a, folded, sentence, own_date, places, cands, lang)
        if ref is not None:
            # "Washington condemned the attack": the event told before, spoken of again
            retell(ref, a, sentence, own_date, toll is not None, lang, seg, lex)
            continue

        # who, how many dead: one candidate per place
        actors = find_actors(sentence.text, lang, folded=seg, lexicon=lex)
        fatalities = _fatalities(a, sentence, text, folded, lang, lex)
        last_event[sentence.paragraph] = (a, len(cands))
        last_violent = (sentence.paragraph, len(cands)) if a.event_type in VIOLENT else None
        for i, place in enumerate(places):
            key = keys[i] if keys is not None else place_key(place.mention)
            ev = _event(doc, language, a, sentence, place, when, actors,
                        fatalities if len(places) == 1 else None)
            cands.append(Candidate(ev, key, when.from_text, a.generic, sentence.kind, a.score))
    return merge_candidates(cands)


def events_on(day: dt.date, events: Sequence[Event]) -> list[Event]:
    """Events of one day (a small helper for callers and tests)."""
    return [e for e in events if e.date == day]
