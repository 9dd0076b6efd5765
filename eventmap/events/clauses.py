"""The units an event is read from: sentences, or the two clauses of a sentence that tells
two events on two days.

Why: the extractor reads one event per unit; "On December 27, a rocket barrage near Kirkuk
…, setting off … the drone strike in Baghdad on January 3" read whole gives only its
stronger event. Only a sentence holding two dates at least is looked at again, so most
texts pass through untouched.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from eventmap.dates.types import TimeExpression
from eventmap.events.classify import analyse, custom_classifier
from eventmap.events.lexicon import Hit, load_lexicon
from eventmap.events.sentences import Sentence
from eventmap.events.timing import dating_days

# A unit and the lexicon hits already found in it (None: find them again, it was cut)
Unit = tuple[Sentence, dict[str, list[Hit]] | None]

_MIN_APART = 40  # characters between two dates for each to head a clause of its own


def units(sentences: Sequence[Sentence], doc_hits: Sequence[dict[str, list[Hit]]], text: str,
          folded: str, tms: Sequence[TimeExpression], language: str) -> Sequence[Unit]:
    """The sentences to read, each with its hits; one with two dates may be two clauses."""
    pairs: list[Unit] = list(zip(sentences, doc_hits, strict=True))
    if len(tms) < 2:
        return pairs
    heads = [s.start for s in sentences]
    dated = Counter(bisect_right(heads, t.start) - 1 for t in tms)
    if max(dated.values()) < 2:
        return pairs
    out: list[Unit] = []
    for i, (s, h) in enumerate(pairs):
        if dated[i] >= 2 and h is not None:
            out.extend(_clauses(s, h, text, folded, tms, language))
        else:
            out.append((s, h))
    return out


def _clauses(sentence: Sentence, hits: dict[str, list[Hit]], text: str, folded: str,
             tms: Sequence[TimeExpression], language: str) -> list[Unit]:
    """A sentence, or its two clauses when each tells an event on a day of its own.

    Why: "On December 27, 2019, a rocket barrage on the K1 base near Kirkuk killed a
    contractor, setting off a chain of retaliation that culminated in the US drone strike
    that killed Soleimani in Baghdad on January 3, 2020" tells two events, at two places on
    two days; read whole, it gives only the stronger one. Cut at the comma between the
    dates where both sides tell an event; a clause that tells none (a reporting date, talks
    "on 2 March") leaves the sentence whole.
    """
    whole: list[Unit] = [(sentence, hits)]
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
