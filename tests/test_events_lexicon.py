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
                                               *r.after, *r.trigger, *r.subject)}
    named |= {"PASSIVE", "AGENT", "SITE"}  # read by the classifier's grammar, not by a rule
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


@pytest.mark.parametrize(("language", "text", "verb", "event"), [
    ("fr", "Des jeunes ont tué un voleur présumé.", "ont tué", "tué"),
    ("en", "Villagers beat up a suspected thief.", "beat up", "beat"),
])
def test_a_verb_read_for_its_grammar_hides_no_event_word(language: str, text: str, verb: str,
                                                         event: str) -> None:
    """VIOLENT_VERB re-reads words other features match: both stay in the sentence's hits."""
    from eventmap.events.classify import feature_hits

    hits = feature_hits(load_lexicon(language), fold(text), 0, text)
    assert verb in [text[h.start:h.end] for h in hits["VIOLENT_VERB"]]
    assert event in [text[h.start:h.end] for h in hits.get("KILL", []) + hits.get("INJURE", [])]


@pytest.mark.parametrize(("language", "text", "found"), [
    ("en", "Looting: militants took cattle.", True),
    ("en", "Looting of shops went on overnight.", False),
    ("fr", "Pillage : des hommes armés ont emporté du bétail.", True),
    ("fr", "Le pillage des boutiques a duré toute la nuit.", False),
])
def test_acled_labels_need_their_colon(language: str, text: str, found: bool) -> None:
    from eventmap.events.classify import feature_hits

    hits = feature_hits(load_lexicon(language), fold(text), 0, text)
    assert ("LABEL_LOOT" in hits) is found
