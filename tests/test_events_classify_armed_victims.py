"""ACLED's codebook rules the sentence classifier reads from who the victims and the actors are:
armed victims make a battle, aircraft strike from the air, territory changes hands with or
without a fight, and a bomb that goes off while being defused is an explosion (English and French)."""

from __future__ import annotations

import pytest

from eventmap.events import classify_sentence
from eventmap.events.classify import _Grammar, analyse
from eventmap.events.lexicon import load_lexicon

BATTLE = ("Battles", "Armed clash")
VAC = ("Violence against civilians", "Attack")
AIR = ("Explosions/Remote violence", "Air/drone strike")
IED = ("Explosions/Remote violence", "Remote explosive/landmine/IED")
TRANSFER = ("Strategic developments", "Non-violent transfer of territory")
REGAINS = ("Battles", "Government regains territory")
OVERTAKES = ("Battles", "Non-state actor overtakes territory")

CASES = [
    # 1. soldiers, police, conscripts, militiamen, vigilantes as victims: a battle, whoever attacked
    ("en", "Two soldiers killed near Kaya.", BATTLE),
    ("fr", "Deux soldats tués près de Kaya.", BATTLE),
    ("en", "Three gendarmes wounded during an attack on their post in Dori.", BATTLE),
    ("fr", "Trois gendarmes blessés lors d'une attaque contre leur poste à Dori.", BATTLE),
    ("en", "A conscript on guard at a roadblock was shot dead by a sniper.", BATTLE),
    ("fr", "Un conscrit de garde à un barrage a été abattu par un tireur d'élite.", BATTLE),
    ("en", "Armed men killed four people belonging to a vigilante group in Ogbadibo.", BATTLE),
    ("fr", "Des hommes armés ont tué quatre personnes appartenant à un groupe de vigilance à Ogbadibo.",
     BATTLE),
    ("en", "Gunmen shot dead two members of the Koglweogo near Fada.", BATTLE),
    ("fr", "Des hommes armés ont abattu deux membres d'un groupe d'autodéfense près de Fada.", BATTLE),
    ("en", "Four soldiers and a civilian were killed in an attack on Inata.", BATTLE),
    ("fr", "Quatre soldats et un civil ont été tués dans une attaque contre Inata.", BATTLE),
    ("en", "Two militants killed during a sweep by the army near Arbinda.", BATTLE),
    # ... civilians stay civilians, protesters killed by police stay excessive force
    ("en", "Armed men killed four traders near Fada.", VAC),
    ("fr", "Des hommes armés ont tué quatre commerçants près de Fada.", VAC),
    ("en", "Gunmen killed at least 12 villagers in Tawori.", VAC),
    ("en", "Police shot dead a demonstrator in Bobo-Dioulasso.",
     ("Protests", "Excessive force against protesters")),
    ("en", "Vigilantes flogged two suspected cattle thieves in Gayeri.", ("Riots", "Mob violence")),
    # 2. air forces, warplanes, jets and gunships strike from the air
    ("en", "The air forces launched raids on a jihadist hideout near Nassoumbou, killing 9.", AIR),
    ("fr", "L'armée de l'air a lancé des raids sur un repaire jihadiste près de Nassoumbou, tuant 9.",
     AIR),
    ("en", "Nigerien air forces carried out strikes on a militant camp in Tillia.", AIR),
    ("fr", "L'aviation nigérienne a mené des frappes sur un camp de militants à Tillia.", AIR),
    ("en", "Warplanes pounded rebel positions near Kidal.", AIR),
    ("fr", "Des avions de combat ont pilonné des positions rebelles près de Kidal.", AIR),
    ("en", "Helicopter gunships fired on a convoy of fighters near Menaka.", AIR),
    ("fr", "Un raid aérien a visé un camp jihadiste près de Ménaka.", AIR),
    # 3. territory: taken after the others left, retaken by the army, overtaken by rebels
    ("en", "Rebels take control of Aguelhok after the army pulled out. No reported violence.", TRANSFER),
    ("fr", ("Les rebelles prennent le contrôle d'Aguelhok après le retrait de l'armée. "
            "Aucune violence signalée."), TRANSFER),
    ("en", "Rebels take control of Aguelhok after the army withdrew from the town.", TRANSFER),
    ("en", "Troops regain territory from insurgents in Bama.", REGAINS),
    ("fr", "Les troupes reprennent le contrôle de Bama aux insurgés.", REGAINS),
    ("en", "The army retakes the town of Damboa from jihadists.", REGAINS),
    ("en", "Rebels recaptured the town of Menaka from the army.", OVERTAKES),
    ("fr", "Les rebelles ont repris la ville de Ménaka à l'armée.", OVERTAKES),
    # 4. a bomb that kills or wounds its defuser went off; one defused without harm did not
    ("en", "A deminer was killed while trying to defuse a landmine buried near the base.", IED),
    ("fr", "Un démineur a été tué en tentant de désamorcer un engin explosif enfoui près de la base.",
     IED),
    ("en", "Army engineers defused a roadside bomb near Djibo.",
     ("Strategic developments", "Disrupted weapons use")),
    ("fr", "Les militaires ont désamorcé un engin explosif près de Djibo.",
     ("Strategic developments", "Disrupted weapons use")),
]


@pytest.mark.parametrize(("language", "sentence", "expected"), CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_codebook_rule(language: str, sentence: str, expected: tuple[str, str]) -> None:
    result = classify_sentence(sentence, language)
    assert result is not None, sentence
    assert (result[0], result[1]) == expected, sentence


def _roles(text: str, language: str, verb: str) -> tuple[set[str], set[str], bool]:
    """Who did ``verb`` and to whom, as the classifier's grammar reads the sentence."""
    found = analyse(text, language)
    assert found is not None, text
    grammar = _Grammar(found.hits, text, 0, load_lexicon(language).grammar)
    start = text.index(verb)
    trig = next(h for hits in found.hits.values() for h in hits
                if h.start == start and h.key in ("KILL", "INJURE"))
    return grammar.roles(trig)


@pytest.mark.parametrize(("language", "text", "verb", "passive"), [
    ("en", "Two soldiers killed in Wau.", "killed", True),      # a headline's participle
    ("en", "Two soldiers killed, three wounded.", "killed", True),
    ("en", "Gunmen killed two soldiers in Wau.", "killed", False),  # an object follows
    ("en", "Gunmen killed at least 30 villagers.", "killed", False),  # a count is an object
    ("fr", "Deux soldats tués à Djibo.", "tués", True),
    ("fr", "Des hommes armés ont tué dans la nuit trois civils.", "tué", False),  # "ont": active
])
def test_a_verb_that_needs_an_object_and_has_none_is_passive(language: str, text: str, verb: str,
                                                             passive: bool) -> None:
    assert _roles(text, language, verb)[2] is passive


def test_the_victims_of_a_list_all_count() -> None:
    _, victims, passive = _roles("Four soldiers and a civilian were killed in Inata.", "en", "killed")
    assert passive and {"STATE", "CIVILIAN"} <= victims


def test_members_of_a_group_are_that_group() -> None:
    _, victims, _ = _roles("Gunmen killed three people belonging to a vigilante group.", "en",
                           "killed")
    assert "VIGILANTE" in victims and "CIVILIAN" not in victims


def test_a_noun_far_before_a_passive_verb_belongs_to_another_clause() -> None:
    text = ("A man who had pushed a gendarme during a search at the market while refusing to obey "
            "the orders was shot dead in Dori.")
    _, victims, passive = _roles(text, "en", "shot dead")
    assert passive and "STATE" not in victims


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_language_lists_the_grammar_words(language: str) -> None:
    from eventmap.events.lexicon import GRAMMAR_WORDS

    grammar = load_lexicon(language).grammar
    assert all(grammar.get(name) for name in GRAMMAR_WORDS), language


@pytest.mark.parametrize("language", ["en", "fr"])
def test_combatants_are_spelled_as_armed_entries(language: str) -> None:
    """COMBATANT is looked up among the ARMED hits: a word ARMED lacks would never be found."""
    from eventmap.events.lexicon import _load_yaml

    features = _load_yaml(f"events_{language}.yaml")["features"]
    assert set(features["COMBATANT"]) <= set(features["ARMED"])
