"""Does a sentence report an event, and of which ACLED type and sub-type?

Why rules over features: the lexicons say which words signal what (an airstrike, a target
that is military, a protest), ``rules.yaml`` says how such signals combine into ACLED's
taxonomy — a named weapon beats a bare "attack", an attack on a military post is a battle,
one on villagers is violence against civilians. Both are data; this module only scores.
A statistical model can replace it through ``set_classifier`` behind the same signature.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from eventmap.events.lexicon import Hit, Lexicon, Rule, fold, load_lexicon, rule_settings

Classification = tuple[str, str | None, float]
Classifier = Callable[[str, str], Classification | None]


@dataclass(slots=True)
class Analysis:
    """A sentence's best event type, its score, and where its trigger words are."""

    event_type: str
    sub_event_type: str | None
    score: float
    trigger_start: int
    trigger_end: int
    generic: bool = False
    hits: dict[str, list[Hit]] = field(default_factory=dict)


CONTEXT_WINDOW = 160  # characters around the trigger in which a rule's context must appear
ACTOR_FEATURES = ("ARMED", "STATE", "MILITARY_TARGET", "CIVILIAN")
_CONTEXT_FREE = frozenset({"NEGATION", "HYPOTHETICAL", "HABITUAL", "COMMEMORATION", "RECENT",
                           "REPORTING", "AGGREGATE", "FEARED", "REFERENCE"})


def feature_hits(lexicon: Lexicon, folded: str, offset: int = 0,
                 original: str | None = None) -> dict[str, list[Hit]]:
    """Lexicon features found in a folded sentence, by feature name.

    A phrase inside a longer phrase of another feature does not count: "mission de combat"
    is a change of activity, not a "combat".
    """
    return _group(lexicon.features.find(folded, offset, original))


def document_hits(lexicon: Lexicon, folded: str, original: str,
                  spans: list[tuple[int, int]]) -> list[dict[str, list[Hit]]]:
    """Feature hits of many sentences from one pass over the whole text (one per span)."""
    from bisect import bisect_right

    hits = lexicon.features.find(folded, 0, original)
    starts = [s for s, _ in spans]
    buckets: list[list[Hit]] = [[] for _ in spans]
    for h in hits:
        i = bisect_right(starts, h.start) - 1
        if i >= 0 and h.end <= spans[i][1]:
            buckets[i].append(h)
    return [_group(b) for b in buckets]


def _group(hits: list[Hit]) -> dict[str, list[Hit]]:
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    # the hits that may hide a shorter one inside them: picked once, not for every hit
    covers = [o for o in hits if o.key not in _CONTEXT_FREE
              and (o.key == "IGNORE" or not o.phrase.isalnum())]
    out: dict[str, list[Hit]] = {}
    for hit in hits:
        if covers and hit.key not in _CONTEXT_FREE and any(
            o.start <= hit.start and hit.end <= o.end and (o.end - o.start) > (hit.end - hit.start)
            and o.key != hit.key
            for o in covers
        ):
            continue
        out.setdefault(hit.key, []).append(hit)
    return out


def _near(hits: list[Hit], anchor: Hit) -> bool:
    return any(abs(h.start - anchor.start) <= CONTEXT_WINDOW for h in hits)


def _fires(rule: Rule, present: dict[str, list[Hit]]) -> Hit | None:
    """The trigger hit under which the rule holds (context near it), or ``None``."""
    keys = present.keys()
    if rule.any and keys.isdisjoint(rule.any):
        return None
    if rule.all and not keys >= set(rule.all):
        return None
    if rule.also and keys.isdisjoint(rule.also):
        return None
    if rule.none and not keys.isdisjoint(rule.none):
        return None
    triggers = sorted((h for f in rule.trigger for h in present.get(f, [])), key=lambda h: h.start)
    refs = present.get("REFERENCE")
    for trig in triggers:
        if refs and any(0 <= trig.start - r.end <= 1 for r in refs):
            continue  # "after the arrest": the arrest told before dates this clause
        if not all(f in rule.trigger or _near(present[f], trig) for f in rule.all):
            continue
        if rule.any and not any(
            (f in rule.trigger and f == trig.key) or (f in present and _near(present[f], trig))
            for f in rule.any
        ):
            continue
        if rule.also and not any(f in present and _near(present[f], trig) for f in rule.also):
            continue
        if rule.before and not any(
            0 < trig.start - h.end + 1 <= CONTEXT_WINDOW
            for f in rule.before for h in present.get(f, [])
        ):
            continue
        if rule.after:
            # the first actor after the verb is its object: it must be one the rule names
            following = [h for f in ACTOR_FEATURES for h in present.get(f, [])
                         if 0 <= h.start - trig.end <= CONTEXT_WINDOW]
            if not following or min(following, key=lambda h: h.start).key not in rule.after:
                continue
        return trig
    return None


def _modality(present: dict[str, list[Hit]], modifiers: dict[str, float],
              trigger_start: int) -> float:
    """Lower the score when the trigger sits under a negation or a hypothetical cue.

    Only cues before the trigger, or close after it, count: "threatened to attack" yes,
    "attacked …, the army said it would reply" no.
    """
    factor = 1.0
    for name, value in modifiers.items():
        for hit in present.get(name, []):
            if hit.start <= trigger_start + 3 and trigger_start - hit.start < 80:
                factor *= value
                break
    return factor


_INDEXES: dict[int, tuple[tuple[Rule, ...], dict[str, tuple[int, ...]]]] = {}


def _rule_index(rules: tuple[Rule, ...]) -> dict[str, tuple[int, ...]]:
    """feature → the rules it can set off (one of their ``any``, else their first ``all``)."""
    cached = _INDEXES.get(id(rules))
    if cached is not None and cached[0] is rules:
        return cached[1]
    index: dict[str, list[int]] = {}
    for i, rule in enumerate(rules):
        for f in rule.any or rule.all[:1]:
            index.setdefault(f, []).append(i)
    out = {f: tuple(v) for f, v in index.items()}
    _INDEXES[id(rules)] = (rules, out)
    return out


def analyse(text: str, language: str, *, offset: int = 0, folded: str | None = None,
            lexicon: Lexicon | None = None,
            hits: dict[str, list[Hit]] | None = None) -> Analysis | None:
    """The event type a sentence reports, with its evidence; ``None`` below the threshold.

    ``hits`` lets a caller that matched the whole document at once pass the sentence's share.
    """
    if not text or not text.strip():
        return None
    lex = lexicon or load_lexicon(language)
    if hits is None:
        folded_text = folded if folded is not None else fold(text)
        present = feature_hits(lex, folded_text, offset, text)
    else:
        present = hits
    if not present:
        return None
    threshold, modifiers = rule_settings()
    scores: dict[tuple[str, str | None], tuple[float, Rule, Hit]] = {}
    index = _rule_index(lex.rules)
    candidates = sorted({i for f in present for i in index.get(f, ())})
    for rule in (lex.rules[i] for i in candidates):
        trig = _fires(rule, present)
        if trig is None:
            continue
        key = (rule.event_type, rule.sub_event_type)
        # the main clause comes first: a trigger far into the sentence weighs a little less
        position = min(0.4, max(0, trig.start - offset) * 0.002)
        weight = rule.weight * _modality(present, modifiers, trig.start) - position
        best = scores.get(key)
        if best is None or weight > best[0]:
            scores[key] = (weight, rule, trig)
    if not scores:
        return None
    (etype, sub), (score, rule, first) = max(scores.items(), key=lambda kv: kv[1][0])
    if score < threshold:
        return None
    return Analysis(etype, sub, score, first.start, first.end, rule.generic, present)


_custom: Classifier | None = None


def set_classifier(classifier: Classifier | None) -> None:
    """Plug in another classifier (e.g. a statistical model); ``None`` restores the rules."""
    global _custom
    _custom = classifier


def custom_classifier() -> Classifier | None:
    return _custom


def classify_sentence(text: str, language: str) -> Classification | None:
    """``(event_type, sub_event_type, score)`` of a sentence, or ``None`` if it reports none."""
    if _custom is not None:
        return _custom(text, language)
    result = analyse(text, language)
    if result is None:
        return None
    return result.event_type, result.sub_event_type, round(result.score, 3)
