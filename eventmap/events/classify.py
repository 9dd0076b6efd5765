"""Does a sentence report an event, and of which ACLED type and sub-type?

Why rules over features: the lexicons say which words signal what (an airstrike, a target
that is military, a protest), ``rules.yaml`` says how such signals combine into ACLED's
taxonomy — a named weapon beats a bare "attack", an attack on a military post is a battle,
one on villagers is violence against civilians. Both are data; this module only scores.
A statistical model can replace it through ``set_classifier`` behind the same signature.
"""

from __future__ import annotations

import re
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
# who acts or undergoes; vigilantes apart from armed groups: as doers a mob, as victims armed men
ACTOR_FEATURES = ("ARMED", "STATE", "MILITARY_TARGET", "CIVILIAN", "VIGILANTE")
# the armed men named as combatants ("militants", not "individuals"): as victims, a battle
COMBATANT = "COMBATANT"
_VICTIM_FEATURES = frozenset({*ACTOR_FEATURES, COMBATANT})
# who can be the subject of a verb: the actors, the crowds that riot (students, villagers, a mob),
# and aircraft (the drones, jets and helicopters that strike)
SUBJECT_FEATURES = (*ACTOR_FEATURES, "PROTESTER", "MOB", "RIOT", "RIVALS", "DRONE")
# what a noun can be the subject of: the event verbs (a chain of them shares its subject)
_VERB_FEATURES = ("VIOLENT_VERB", "RIOT_ACTION", "LOOT", "SEIZE", "KILL", "INJURE", "ATTACK", "ABDUCT",
                  "ARREST", "CLASH", "PROTEST")
# cues that neither hide nor are hidden by a longer phrase: they qualify the event words around
# them (modality, backdrop) or read them again for their grammar (a verb, a place, a community,
# a crowd's aim) — "ont tué" as a verb must not hide the killing "tué"
_CONTEXT_FREE = frozenset({"NEGATION", "HYPOTHETICAL", "HABITUAL", "COMMEMORATION", "RECENT",
                           "REPORTING", "AGGREGATE", "FEARED", "REFERENCE", "BACKDROP", "SITE",
                           "VIOLENT_VERB", "COMMUNAL", "COMMUNAL_CLASH", "RIVALS", "DEMAND",
                           "DISPERSE", "ROLE_OF", "SUPERLATIVE", "IMPACT", "REACTION", "ACCOUNT",
                           "MEMBER_OF"})
# verbs that always take an object in the active: with none after them, a participle (passive)
_TRANSITIVE = frozenset({"KILL", "INJURE"})
_MEMBER_REACH = 16  # characters between "members of" and the group it names ("of a local")
_PARTICIPLE_GAP = 30  # at most two words between a noun and its participle ("soldats maliens tués")
# how far before a passive verb its noun may stand: farther, the noun belongs to another clause
_UNDERGOER_REACH = 50
# how far after a person's role ("an organiser of anti-government protests") an event word
# still names what the person does: up to the end of the noun phrase, at most this far
_ROLE_REACH = 30
_PHRASE_END = re.compile(r"[,;:.()\[\]«»\"]")


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


Roles = tuple[set[str], set[str], bool]


def _fires(rule: Rule, present: dict[str, list[Hit]], grammar: _Grammar | None = None) -> Hit | None:
    """The trigger hit under which the rule holds (context near it), or ``None``.

    ``grammar`` (the sentence's actors and voice cues) lets who did what to whom be read.
    """
    keys = present.keys()
    if rule.any and keys.isdisjoint(rule.any):
        return None
    if rule.all and not all(f in present for f in rule.all):
        return None
    if rule.also and keys.isdisjoint(rule.also):
        return None
    if rule.none and not keys.isdisjoint(rule.none):
        return None
    triggers = sorted((h for f in rule.trigger for h in present.get(f, [])), key=lambda h: h.start)
    refs = present.get("REFERENCE")
    roles = present.get("ROLE_OF")
    for trig in triggers:
        if refs and any(0 <= trig.start - r.end <= 1 for r in refs):
            continue  # "after the arrest": the arrest told before dates this clause
        if roles and any(r.start <= trig.start < r.end for r in roles):
            continue  # "an organiser of anti-government protests": who someone is
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
        if rule.subject or rule.after or rule.passive:
            subject, obj, passive = (grammar or _Grammar(present)).roles(trig)
            if rule.passive and not passive:
                continue
            if rule.subject and subject.isdisjoint(rule.subject):
                continue
            if rule.after and obj.isdisjoint(rule.after):
                continue
            # in the passive the actor before the verb underwent it: the doer is the agent
            # ("the policeman was wounded" names one side only, not a fight)
            if passive and rule.before and rule.after and subject.isdisjoint(rule.before):
                continue
        return trig
    return None


class _Grammar:
    """Who did what to whom around a verb, read from the sentence's actor and voice cues.

    Who did it decides the type: "students beat a teacher" is a riot, "gunmen beat a teacher"
    an attack on a civilian. Active voice: the nearest actor before the verb acts, the first
    one after it undergoes. Passive ("students were beaten", "stores attacked by traders"):
    the actor before undergoes, the one after "by" acts. A noun then a comma before the verb
    ends a list ("the army tortured villagers, burned granaries"): it is not the subject.
    The hits are gathered once per sentence and each verb read once, for every rule.
    """

    __slots__ = ("actors", "combatants", "memo", "offset", "present", "subjects", "text",
                 "transitive", "verbs", "words")

    def __init__(self, present: dict[str, list[Hit]], text: str = "", offset: int = 0,
                 words: dict[str, frozenset[str]] | None = None) -> None:
        self.present, self.text, self.offset = present, text, offset
        self.words = words or {}  # the lexicon's PASSIVE and AGENT words, looked up beside a verb
        self.memo: dict[tuple[int, int], Roles] = {}
        self.subjects: list[Hit] = []  # filled when the first verb is read
        self.actors: list[Hit] = []
        self.verbs: list[Hit] = []
        self.transitive: set[int] = set()  # where the verbs that need an object start
        self.combatants: set[int] = set()  # where the armed men named as combatants start

    def roles(self, trig: Hit) -> Roles:
        """The features of the subject and of the object of ``trig``, and whether it is passive."""
        where = (trig.start, trig.end)
        found = self.memo.get(where)
        if found is None:
            if not self.memo:  # the first verb read: gather the sentence's actors once
                present = self.present
                # a place ("residents in the village of X barricaded…") is a target, never who acts
                sites = {h.start for h in present.get("SITE", ())}
                self.subjects = [h for f in SUBJECT_FEATURES for h in present.get(f, ())
                                 if h.start not in sites]
                self.actors = [h for f in ACTOR_FEATURES for h in present.get(f, ())]
                self.verbs = [h for f in _VERB_FEATURES for h in present.get(f, ())]
                self.transitive = {h.start for f in _TRANSITIVE for h in present.get(f, ())}
                names = self.words.get(COMBATANT, frozenset())
                self.combatants = {h.start for h in present.get("ARMED", ()) if h.phrase in names}
            found = self.memo[where] = self._read(trig)
        return found

    def _read(self, trig: Hit) -> Roles:
        before = [h for h in self.subjects
                  if h.end <= trig.start and trig.start - h.end <= CONTEXT_WINDOW]
        nearest = max(before, key=lambda h: h.start) if before else None
        since = nearest.end if nearest else trig.start - CONTEXT_WINDOW
        agent = self._agent(trig)
        passive = (agent is not None or self._auxiliary(since, trig)
                   or self._participle(nearest, trig))
        if not passive:
            obj = self._object(trig)
            if nearest is None:
                return set(), obj, False
            # the first verb after the noun tells whether it is a subject ("villagers, burned" is
            # not); a later verb in the same chain shares it ("students protested and burned tyres")
            chain = [h for h in self.verbs if nearest.end <= h.start and h.end <= trig.start]
            first = min(chain, key=lambda h: h.start) if chain else trig
            if _listed(self.text, nearest.end - self.offset, first.start - self.offset):
                return set(), obj, False
            return _phrase_keys(before, nearest), obj, False
        doer: set[str] = set()
        if agent is not None:
            after = [h for h in self.subjects if 0 <= h.start - agent <= 40]
            doer = _phrase_keys(after, min(after, key=lambda h: h.start)) if after else set()
        if nearest is not None and trig.start - nearest.end > _UNDERGOER_REACH:
            return doer, set(), True  # "an individual who pushed a gendarme (…) was shot dead"
        return doer, self._undergoers(before, nearest) & _VICTIM_FEATURES, True

    def _undergoers(self, before: list[Hit], head: Hit | None) -> set[str]:
        """The features of the noun before a passive verb and of those listed with it: in "3
        soldiers and 2 civilians were killed" soldiers died too (ACLED then codes a battle)."""
        keys = self._victim_keys(before, head)
        links = self.words.get("COORDINATION", frozenset())
        while head is not None and links:
            prev = [h for h in before if h.end <= head.start]
            if not prev:
                break
            last = max(prev, key=lambda h: h.end)
            gap = self.text[_word_end(self.text, last.end - self.offset):head.start - self.offset]
            words = _WORD.findall(fold(gap))
            if len(words) > 3 or not (gap.lstrip().startswith(",") or words and words[0] in links):
                break
            keys |= self._victim_keys(before, last)
            head = last
        return keys

    def _object(self, trig: Hit) -> set[str]:
        """The features of the first actor after an active verb; through "members of" or
        "belonging to", those of the group named next ("killed three people belonging to a
        vigilante group": the victims are vigilantes, not just people)."""
        following = [h for h in self.actors if 0 <= h.start - trig.end <= CONTEXT_WINDOW]
        if not following:
            return set()
        head = min(following, key=lambda h: h.start)
        links = self.present.get("MEMBER_OF", ())
        end = _word_end(self.text, head.end - self.offset) + self.offset if links else head.end
        for link in links:  # ("personne*" ends inside "personnes")
            if head.start <= link.start <= end + 1:
                group = [h for h in following if 0 <= h.start - link.end <= _MEMBER_REACH]
                if group:
                    return self._victim_keys(group, min(group, key=lambda h: h.start))
        if head.start in self.combatants:
            return {head.key, COMBATANT}
        return {head.key}

    def _victim_keys(self, hits: list[Hit], head: Hit | None) -> set[str]:
        """The features of the noun phrase around ``head``, with COMBATANT when it names fighters
        by trade ("militants", not "individuals": the lexicon's COMBATANT words, looked up)."""
        keys = _phrase_keys(hits, head)
        if head is not None and "ARMED" in keys and self.combatants and any(
                h.start in self.combatants for h in hits
                if h.start <= head.end + 1 and head.start <= h.end + 1):
            keys.add(COMBATANT)
        return keys

    def _participle(self, nearest: Hit | None, trig: Hit) -> bool:
        """A verb that needs an object right after its noun, with no object after it: a passive
        participle, as in headlines ("2 soldiers killed in Wau", "trois soldats tués dans")."""
        if (nearest is None or trig.start not in self.transitive or not self.text
                or trig.start - nearest.end > _PARTICIPLE_GAP):
            return False
        gap = _WORD.findall(fold(self.text[nearest.end - self.offset:trig.start - self.offset]))
        if len(gap) > 2 or not self.words.get("ACTIVE_AUX", frozenset()).isdisjoint(gap):
            return False
        m = _NEXT_TOKEN.match(self.text, trig.end - self.offset)
        if m is None or not m.group(1):
            return True  # the sentence ends on the verb
        token = fold(m.group(1))
        if not token[0].isalnum():
            return True  # "3 soldiers killed, 2 wounded"
        # "killed at least 30": a count, so an object, opens with a preposition
        return (token in self.words.get("NO_OBJECT", ())
                and f"{token} {fold(m.group(2) or '')}" not in self.words.get("COUNT", ()))

    def _agent(self, trig: Hit) -> int | None:
        """Where the agent marker right after the verb ends ("attacked by", "tués par"), if any."""
        m = _NEXT_WORD.match(self.text, trig.end - self.offset) if self.text else None
        if m is None or fold(m.group(1)) not in self.words.get("AGENT", ()):
            return None
        return m.end() + self.offset

    def _auxiliary(self, since: int, trig: Hit) -> bool:
        """A passive auxiliary shortly before the verb, after its noun ("were allegedly beaten")."""
        passive = self.words.get("PASSIVE")
        if not passive or not self.text:
            return False
        start = max(since, trig.start - 24) - self.offset
        end = trig.start - self.offset
        if start < 0 or end <= start:
            return False
        before = fold(self.text[start:end])
        return any(m.group() in passive and len(before) - m.end() <= 16
                   for m in _WORD.finditer(before))


_WORD = re.compile(r"\w+")
_NEXT_WORD = re.compile(r"\w*\s{1,2}(\w+)")  # the rest of the verb's word, then the next word
# the next word or punctuation after a verb's word, and the word after it
_NEXT_TOKEN = re.compile(r"\w*\s*(\w+|[^\w\s]?)(?:\s+(\w+))?")


def _word_end(text: str, end: int) -> int:
    """Where the word a hit ends in ends: a prefix entry ("villager*") ends inside its word."""
    while 0 <= end < len(text) and text[end].isalnum():
        end += 1
    return end


def _listed(text: str, end: int, verb: int) -> bool:
    """Whether only a comma stands between the word ending near ``end`` and the verb."""
    if not text or not 0 <= end <= verb <= len(text):
        return False
    end = min(_word_end(text, end), verb)
    return text[end:verb].strip() == ","


def _phrase_keys(hits: list[Hit], head: Hit | None) -> set[str]:
    """The features of ``head`` and of the hits overlapping it or right next to it
    ("student demonstrators")."""
    if head is None:
        return set()
    return {h.key for h in hits if h.start <= head.end + 1 and head.start <= h.end + 1}


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
    """feature → the rules it can set off (their first ``all``, which must be there, else one of
    their ``any``)."""
    cached = _INDEXES.get(id(rules))
    if cached is not None and cached[0] is rules:
        return cached[1]
    index: dict[str, list[int]] = {}
    for i, rule in enumerate(rules):
        for f in rule.all[:1] or rule.any:
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
    if "ROLE_OF" in present:
        present = {**present, "ROLE_OF": [_role_span(h, text, offset) for h in present["ROLE_OF"]]}
    threshold, modifiers = rule_settings()
    scores: dict[tuple[str, str | None], tuple[float, Rule, Hit]] = {}
    index = _rule_index(lex.rules)
    candidates = sorted({i for f in present for i in index.get(f, ())})
    grammar = _Grammar(present, text, offset, lex.grammar)
    for rule in (lex.rules[i] for i in candidates):
        trig = _fires(rule, present, grammar)
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


def _role_span(hit: Hit, text: str, offset: int) -> Hit:
    """A person's role stretched over the noun phrase it opens ("organiser of anti-government
    protests"), up to the next punctuation: the event words inside it say who someone is."""
    tail = text[hit.end - offset:hit.end - offset + _ROLE_REACH]
    stop = _PHRASE_END.search(tail)
    return hit._replace(end=hit.end + (stop.start() if stop else len(tail)))


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
