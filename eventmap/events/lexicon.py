"""Event lexicons loaded from ``data/lexicons`` and matched in one pass per sentence.

Why: the words that signal an airstrike, a protest or a party to a deal are language data,
kept in YAML so a linguist can extend them without touching code; matching them with one
Aho-Corasick automaton per language keeps the cost linear in the text, whatever the size
of the lexicon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any, NamedTuple

import ahocorasick
import yaml

from eventmap.textfold import fold  # re-exported: the matchers work on folded text
from gazetteer.datafiles import data_path

LEXICON_DIR = data_path("lexicons")
LANGUAGES = ("en", "fr")
# cue phrases matched word by word; the place prepositions are read by location.py's patterns
MATCHED_CUES = frozenset({"REPORTING", "STATEMENT", "TIME_NOT", "TIME_CLAUSE"})
# words the classifier looks up beside a verb rather than matching them everywhere ("by", "was",
# "par", "été" are in every other sentence): its voice, what may stand between a noun and its verb
# in the active ("have", "ont"), what cannot open an object ("in", "dans") unless a count follows
# ("at least", two words), what links the nouns of a list ("and", "et"), and which of the armed
# actors matched are fighters by trade (COMBATANT: "militant*", not "individuals")
GRAMMAR_WORDS = frozenset({"PASSIVE", "AGENT", "ACTIVE_AUX", "NO_OBJECT", "COUNT", "COORDINATION",
                           "COMBATANT"})


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class Hit(NamedTuple):
    """One lexicon entry found in a text (a named tuple: made by the thousand per document)."""

    start: int
    end: int
    key: str  # the entry's name (a feature, an actor, a cue)
    phrase: str


class PhraseMatcher:
    """Whole-word matching of many phrases at once; ``word*`` matches any word ending."""

    def __init__(self, entries: dict[str, list[str]]) -> None:
        self._auto = ahocorasick.Automaton()
        table: dict[str, list[tuple[str, bool, str | None]]] = {}
        for key, phrases in entries.items():
            for phrase in phrases:
                phrase = str(phrase)
                prefix = phrase.endswith("*")
                bare = phrase.rstrip("*").strip()
                folded = fold(bare)
                # short acronyms ("IS", "EI") are names only when written in capitals
                exact = bare if bare.isupper() and len(bare) <= 4 else None
                if folded:
                    table.setdefault(folded, []).append((key, prefix, exact))
        for folded, keys in table.items():
            # whether the phrase begins / ends with a word character is fixed: decide it here,
            # once, rather than for each of the many raw matches ``find`` filters
            self._auto.add_word(folded, (folded, len(folded), is_word_char(folded[0]),
                                         is_word_char(folded[-1]), keys))
        self.empty = not table
        if not self.empty:
            self._auto.make_automaton()

    def find(self, folded_text: str, offset: int = 0, original: str | None = None) -> list[Hit]:
        """Hits in an already folded text (offsets shifted by ``offset``).

        ``original`` (the unfolded text, same offsets) lets capital-only acronyms be checked.
        """
        if self.empty or not folded_text:
            return []
        hits: list[Hit] = []
        append = hits.append
        n = len(folded_text)
        for end_idx, (phrase, size, word_start, word_end, keys) in self._auto.iter(folded_text):
            start = end_idx - size + 1
            if word_start and start > 0:
                ch = folded_text[start - 1]
                if ch.isalnum() or ch == "_":  # is_word_char, inlined: the hot loop
                    continue
            # a word going on after the phrase: only ``word*`` entries may match here
            glued = False
            if word_end and end_idx + 1 < n:
                ch = folded_text[end_idx + 1]
                glued = ch.isalnum() or ch == "_"
            for key, prefix, exact in keys:
                if glued and not prefix:
                    continue
                if exact is not None and original is not None \
                        and original[start:end_idx + 1] != exact:
                    continue
                append(Hit(start + offset, end_idx + 1 + offset, key, phrase))
        return hits


@dataclass(frozen=True, slots=True)
class Rule:
    """If the sentence has ``all`` and one of ``any`` and none of ``none``: this type."""

    event_type: str
    sub_event_type: str | None
    weight: float
    all: tuple[str, ...] = ()
    any: tuple[str, ...] = ()
    none: tuple[str, ...] = ()
    trigger: tuple[str, ...] = ()  # the features whose position anchors the event (and context)
    generic: bool = False  # weak evidence: absorbed by a specific event at the same place/day
    also: tuple[str, ...] = ()  # and one of these near the trigger (who acted: no actor, no event)
    before: tuple[str, ...] = ()  # one of these must stand before the trigger (its subject)
    after: tuple[str, ...] = ()  # its object is one of these (after an active verb, before a passive)
    subject: tuple[str, ...] = ()  # who did it is one of these (before an active verb, after "by")
    passive: bool = False  # only a verb in the passive ("soldiers were killed in an attack")


@dataclass(slots=True)
class Lexicon:
    """Everything the event extractor knows about one language."""

    language: str
    features: PhraseMatcher
    actors: PhraseMatcher
    cues: PhraseMatcher
    rules: tuple[Rule, ...]
    fatality_patterns: tuple[re.Pattern[str], ...]
    no_fatality_patterns: tuple[re.Pattern[str], ...]
    numbers: dict[str, int]
    caption_patterns: tuple[re.Pattern[str], ...]
    settings: dict[str, Any] = field(default_factory=dict)
    grammar: dict[str, frozenset[str]] = field(default_factory=dict)  # GRAMMAR_WORDS, folded


def _load_yaml(name: str) -> dict[str, Any]:
    path = LEXICON_DIR / name
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")  # noqa: TRY004
    return data


def _as_tuple(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


@cache
def cue_patterns(language: str, key: str) -> tuple[re.Pattern[str], ...]:
    """The regular expressions a cues file lists under ``key`` (street names, a person's
    clause, the start of a period), for one language or, for others, both."""
    langs = (language,) if language in LANGUAGES else LANGUAGES
    return tuple(re.compile(p) for lang in langs
                 for p in (_load_yaml(f"cues_{lang}.yaml").get(key) or []))


@lru_cache(maxsize=1)
def rule_settings() -> tuple[float, dict[str, float]]:
    """The score a sentence needs to report an event, and the factors of modal cues."""
    data = _load_yaml("rules.yaml")
    mods = {str(k): float(v) for k, v in (data.get("modifiers") or {}).items()}
    return float(data.get("threshold", 1.0)), mods


@lru_cache(maxsize=1)
def load_rules() -> tuple[Rule, ...]:
    """The language-independent decision rules (features → ACLED type)."""
    from eventmap.model import EVENT_TYPES, SUB_EVENT_TYPES

    data = _load_yaml("rules.yaml")
    rules = []
    for i, raw in enumerate(data.get("rules", [])):
        etype, sub = raw["type"], raw.get("sub")
        if etype not in EVENT_TYPES or (sub is not None and sub not in SUB_EVENT_TYPES[etype]):
            raise ValueError(f"rules.yaml rule {i}: unknown ACLED type {etype!r}/{sub!r}")
        all_ = _as_tuple(raw.get("all"))
        any_ = _as_tuple(raw.get("any"))
        rules.append(
            Rule(
                event_type=etype,
                sub_event_type=sub,
                weight=float(raw.get("weight", 1.0)),
                all=all_,
                any=any_,
                none=_as_tuple(raw.get("none")),
                trigger=_as_tuple(raw.get("trigger")) or any_ or all_[:1],
                generic=bool(raw.get("generic", False)),
                also=_as_tuple(raw.get("also")),
                before=_as_tuple(raw.get("before")),
                after=_as_tuple(raw.get("after")),
                subject=_as_tuple(raw.get("subject")),
                passive=bool(raw.get("passive", False)),
            )
        )
    return tuple(rules)


@cache
def load_lexicon(language: str) -> Lexicon:
    """The lexicon of ``language`` ('en' or 'fr'); other codes get the union of both."""
    if language not in LANGUAGES:
        return _merged_lexicon()
    lang = _load_yaml(f"events_{language}.yaml")
    actors = _load_yaml("actors.yaml")
    cues = _load_yaml(f"cues_{language}.yaml")
    fat = _load_yaml("fatalities.yaml").get(language, {})
    actor_entries: dict[str, list[str]] = {}
    for name, entry in (actors.get("groups") or {}).items():
        actor_entries[name] = list(entry.get("all", [])) + list(entry.get(language, []))
    numbers = {fold(k): int(v) for k, v in (fat.get("numbers") or {}).items()}
    flags = re.IGNORECASE
    return Lexicon(
        language=language,
        features=PhraseMatcher({k: list(v) for k, v in (lang.get("features") or {}).items()
                                if k not in GRAMMAR_WORDS}),
        actors=PhraseMatcher(actor_entries),
        cues=PhraseMatcher({k: list(v) for k, v in (cues.get("phrases") or {}).items()
                            if k in MATCHED_CUES}),
        rules=load_rules(),
        fatality_patterns=tuple(re.compile(p, flags) for p in fat.get("patterns", [])),
        no_fatality_patterns=tuple(re.compile(p, flags) for p in fat.get("none", [])),
        numbers=numbers,
        caption_patterns=tuple(re.compile(p, flags) for p in cues.get("caption", [])),
        settings=dict(cues.get("settings") or {}),
        grammar=_grammar_words(lang.get("features") or {}),
    )


def _grammar_words(features: dict[str, Any]) -> dict[str, frozenset[str]]:
    # a prefix entry ("militant*") is looked up as the phrase its hits carry ("militant")
    return {k: frozenset(fold(str(w).rstrip("*").strip()) for w in features.get(k) or ())
            for k in GRAMMAR_WORDS}


@lru_cache(maxsize=1)
def _merged_lexicon() -> Lexicon:
    """For languages without their own lexicon: French and English cues together."""
    parts = [load_lexicon(lang) for lang in LANGUAGES]
    merged: dict[str, dict[str, list[str]]] = {"features": {}, "cues": {}}
    for lang in LANGUAGES:
        for kind, fname in (("features", f"events_{lang}.yaml"), ("cues", f"cues_{lang}.yaml")):
            data = _load_yaml(fname)
            section = data.get(kind if kind == "features" else "phrases") or {}
            for k, v in section.items():
                if kind == "features" or k in MATCHED_CUES:
                    merged[kind].setdefault(k, []).extend(v)
    actors = _load_yaml("actors.yaml")
    actor_entries = {
        name: [p for key in ("all", *LANGUAGES) for p in entry.get(key, [])]
        for name, entry in (actors.get("groups") or {}).items()
    }
    return Lexicon(
        language="und",
        features=PhraseMatcher({k: v for k, v in merged["features"].items()
                                if k not in GRAMMAR_WORDS}),
        actors=PhraseMatcher(actor_entries),
        cues=PhraseMatcher(merged["cues"]),
        rules=load_rules(),
        fatality_patterns=sum((p.fatality_patterns for p in parts), ()),
        no_fatality_patterns=sum((p.no_fatality_patterns for p in parts), ()),
        numbers={k: v for p in parts for k, v in p.numbers.items()},
        caption_patterns=sum((p.caption_patterns for p in parts), ()),
        grammar=_grammar_words(merged["features"]),
        settings={**parts[1].settings, **parts[0].settings},
    )
