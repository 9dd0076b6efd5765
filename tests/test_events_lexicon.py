"""The lexicons in data/lexicons are consistent: every file loads, every rule names real types
and features that every language defines."""

from __future__ import annotations

import pytest

from eventmap.events.lexicon import LANGUAGES, _load_yaml, fold, load_lexicon, load_rules
from eventmap.model import EVENT_TYPES, SUB_EVENT_TYPES


def test_rules_name_acled_types_only() -> None:
    rules = load_rules()
    assert rules
    for r in rules:
        assert r.event_type in EVENT_TYPES
        assert r.sub_event_type is None or r.sub_event_type in SUB_EVENT_TYPES[r.event_type]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_feature_a_rule_needs_exists(language: str) -> None:
    features = set(_load_yaml(f"events_{language}.yaml")["features"])
    data = _load_yaml("rules.yaml")
    named = {f for r in load_rules() for f in (*r.all, *r.any, *r.also, *r.none, *r.before,
                                               *r.after, *r.trigger)}
    named |= set(data.get("modifiers", {}))
    assert named - features == set()


@pytest.mark.parametrize("language", [*LANGUAGES, "ar", "und"])
def test_lexicon_loads_for_any_language(language: str) -> None:
    lex = load_lexicon(language)
    assert lex.rules and not lex.features.empty


def test_fold_keeps_offsets() -> None:
    text = "Frappés à l’aéroport d'Aïn al-Asad — Œuvre"
    folded = fold(text)
    assert len(folded) == len(text)
    assert folded.startswith("frappes a l'aeroport d'ain al-asad - ")


def test_short_acronyms_only_in_capitals() -> None:
    lex = load_lexicon("en")
    text = "This is it. IS fighters attacked."
    hits = lex.actors.find(fold(text), 0, text)
    found = [text[h.start:h.end] for h in hits]
    assert "IS" in found and "is" not in found
