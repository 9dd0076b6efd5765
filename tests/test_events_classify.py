"""Sentence → ACLED event type, in French and English (tables read like the lexicon's docs)."""

from __future__ import annotations

import pytest

from eventmap.events import classify_sentence, set_classifier
from eventmap.model import EVENT_TYPES, SUB_EVENT_TYPES

CASES = [
    # Battles
    (
        "en",
        "Militants attacked a military post in Djibo, killing three soldiers.",
        "Battles",
        "Armed clash",
    ),
    (
        "fr",
        "Des jihadistes ont attaqué un poste militaire à Djibo, tuant trois soldats.",
        "Battles",
        "Armed clash",
    ),
    (
        "en",
        "Heavy clashes broke out between the army and rebels near Goma.",
        "Battles",
        "Armed clash",
    ),
    (
        "fr",
        "De violents combats ont opposé l'armée aux rebelles près de Goma.",
        "Battles",
        "Armed clash",
    ),
    (
        "en",
        "Government forces recaptured the town of Palmyra.",
        "Battles",
        "Government regains territory",
    ),
    (
        "fr",
        "L'armée syrienne a repris le contrôle de la ville de Palmyre.",
        "Battles",
        "Government regains territory",
    ),
    (
        "en",
        "Jihadists attacked and overran the army camp, seizing control of the town.",
        "Battles",
        "Non-state actor overtakes territory",
    ),
    (
        "fr",
        "Les jihadistes ont attaqué la ville et en ont pris le contrôle.",
        "Battles",
        "Non-state actor overtakes territory",
    ),
    # Explosions/Remote violence
    (
        "en",
        "A US drone strike killed two commanders near Baghdad airport.",
        "Explosions/Remote violence",
        "Air/drone strike",
    ),
    (
        "fr",
        "Une frappe de drone américaine a tué deux commandants près de l'aéroport de Bagdad.",
        "Explosions/Remote violence",
        "Air/drone strike",
    ),
    (
        "en",
        "A suicide bomber blew himself up at a market in Kabul.",
        "Explosions/Remote violence",
        "Suicide bomb",
    ),
    (
        "fr",
        "Un kamikaze s'est fait exploser sur un marché de Kaboul.",
        "Explosions/Remote violence",
        "Suicide bomb",
    ),
    (
        "en",
        "Rockets hit the airport in Erbil overnight.",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    ),
    (
        "fr",
        "Des roquettes se sont abattues sur l'aéroport d'Erbil.",
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    ),
    (
        "en",
        "A roadside bomb struck a convoy near Gao.",
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    ),
    (
        "fr",
        "Un engin explosif improvisé a frappé un convoi près de Gao.",
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
    ),
    (
        "en",
        "A grenade was thrown into a bar in Bujumbura.",
        "Explosions/Remote violence",
        "Grenade",
    ),
    (
        "fr",
        "Une grenade a été lancée dans un bar de Bujumbura.",
        "Explosions/Remote violence",
        "Grenade",
    ),
    (
        "en",
        "A chemical attack with sarin hit Khan Shaykhun.",
        "Explosions/Remote violence",
        "Chemical weapon",
    ),
    (
        "fr",
        "Une attaque chimique au gaz sarin a frappé Khan Cheikhoun.",
        "Explosions/Remote violence",
        "Chemical weapon",
    ),
    # Violence against civilians
    ("en", "Gunmen killed five villagers in Solhan.", "Violence against civilians", "Attack"),
    (
        "fr",
        "Des hommes armés ont tué cinq villageois à Solhan.",
        "Violence against civilians",
        "Attack",
    ),
    (
        "en",
        "Militants abducted a journalist in Gao.",
        "Violence against civilians",
        "Abduction/forced disappearance",
    ),
    (
        "fr",
        "Un journaliste a été enlevé à Gao par des hommes armés.",
        "Violence against civilians",
        "Abduction/forced disappearance",
    ),
    (
        "en",
        "Soldiers raped two women in the village.",
        "Violence against civilians",
        "Sexual violence",
    ),
    (
        "fr",
        "Deux femmes ont été violées par des soldats dans le village.",
        "Violence against civilians",
        "Sexual violence",
    ),
    # Protests
    (
        "en",
        "Thousands of protesters marched in Santiago to demand reforms.",
        "Protests",
        "Peaceful protest",
    ),
    (
        "fr",
        "Des milliers de manifestants ont défilé à Santiago pour réclamer des réformes.",
        "Protests",
        "Peaceful protest",
    ),
    (
        "en",
        "Police fired tear gas to disperse protesters in Baghdad.",
        "Protests",
        "Protest with intervention",
    ),
    (
        "fr",
        "La police a dispersé les manifestants à coups de gaz lacrymogène à Bagdad.",
        "Protests",
        "Protest with intervention",
    ),
    (
        "en",
        "Security forces opened fire on protesters with live ammunition.",
        "Protests",
        "Excessive force against protesters",
    ),
    (
        "fr",
        "Les forces de l'ordre ont tiré à balles réelles sur les manifestants.",
        "Protests",
        "Excessive force against protesters",
    ),
    # Riots
    (
        "en",
        "Rioters burned tyres and threw stones at police in Beirut.",
        "Riots",
        "Violent demonstration",
    ),
    (
        "fr",
        "Des émeutiers ont brûlé des pneus et lancé des pierres sur la police à Beyrouth.",
        "Riots",
        "Violent demonstration",
    ),
    ("en", "An angry mob lynched a suspected thief in Kampala.", "Riots", "Mob violence"),
    (
        "fr",
        "Un voleur présumé a été lynché par une foule en colère à Kampala.",
        "Riots",
        "Mob violence",
    ),
    # Strategic developments
    (
        "en",
        "Baghdad and Washington agreed to withdraw US combat troops.",
        "Strategic developments",
        "Agreement",
    ),
    (
        "fr",
        "Bagdad et Washington ont convenu de retirer les troupes américaines.",
        "Strategic developments",
        "Agreement",
    ),
    ("en", "Police arrested a militant leader in Baghdad.", "Strategic developments", "Arrests"),
    ("fr", "La police a arrêté un chef jihadiste à Bagdad.", "Strategic developments", "Arrests"),
    (
        "en",
        "Soldiers defused an IED on the road to Djibo.",
        "Strategic developments",
        "Disrupted weapons use",
    ),
    (
        "fr",
        "Les soldats ont désamorcé un engin explosif sur la route de Djibo.",
        "Strategic developments",
        "Disrupted weapons use",
    ),
    (
        "en",
        "Russian troops established a base at Manbij airport.",
        "Strategic developments",
        "Headquarters or base established",
    ),
    (
        "fr",
        "Les troupes russes ont installé une base à l'aéroport de Manbij.",
        "Strategic developments",
        "Headquarters or base established",
    ),
    (
        "en",
        "Militants looted shops and burned a school in the village.",
        "Strategic developments",
        "Looting/property destruction",
    ),
    (
        "fr",
        "Des hommes armés ont pillé des boutiques et incendié une école.",
        "Strategic developments",
        "Looting/property destruction",
    ),
    (
        "en",
        "The governor declared a curfew in Banfora.",
        "Strategic developments",
        "Change to group/activity",
    ),
    (
        "fr",
        "Le gouverneur a décrété un couvre-feu à Banfora.",
        "Strategic developments",
        "Change to group/activity",
    ),
    (
        "en",
        "Militants seized control of the mining site without a fight.",
        "Strategic developments",
        "Non-violent transfer of territory",
    ),
    (
        "fr",
        "Les militants ont pris le contrôle du site sans combat.",
        "Strategic developments",
        "Non-violent transfer of territory",
    ),
    (
        "en",
        "Militants threatened residents and ordered them to leave.",
        "Strategic developments",
        "Other",
    ),
    (
        "fr",
        "Des jihadistes ont lancé un ultimatum aux habitants du village.",
        "Strategic developments",
        "Other",
    ),
]


@pytest.mark.parametrize(
    ("language", "sentence", "etype", "sub"), CASES, ids=[f"{c[0]}-{c[3]}" for c in CASES]
)
def test_each_type_in_both_languages(language: str, sentence: str, etype: str, sub: str) -> None:
    result = classify_sentence(sentence, language)
    assert result is not None, sentence
    assert (result[0], result[1]) == (etype, sub)
    assert result[2] > 0


def test_the_table_covers_every_acled_type_and_sub_type_in_both_languages() -> None:
    for lang in ("fr", "en"):
        covered = {(c[2], c[3]) for c in CASES if c[0] == lang}
        assert {t for t, _ in covered} == set(EVENT_TYPES)
        expected = {(t, s) for t in EVENT_TYPES for s in SUB_EVENT_TYPES[t]}
        assert expected - covered == set(), lang


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "The weather in Paris was sunny on Tuesday."),
        ("fr", "Le président a reçu son homologue à l'Élysée."),
        ("en", "The Protestant community celebrated Easter in Ouagadougou."),
        ("fr", "Les prix ont augmenté sur le marché de Bamako."),
        ("en", ""),
        ("fr", "   "),
    ],
)
def test_sentences_without_events(language: str, sentence: str) -> None:
    assert classify_sentence(sentence, language) is None


def test_hypothetical_and_habitual_statements_are_weaker() -> None:
    real = classify_sentence("Gunmen attacked a military post in Djibo.", "en")
    threat = classify_sentence("Gunmen threatened to attack a military post in Djibo.", "en")
    assert real is not None
    assert threat is None or threat[2] < real[2]


def test_a_plugged_classifier_replaces_the_rules() -> None:
    set_classifier(lambda text, lang: ("Protests", "Peaceful protest", 0.9))
    try:
        assert classify_sentence("anything", "en") == ("Protests", "Peaceful protest", 0.9)
    finally:
        set_classifier(None)
    assert classify_sentence("anything", "en") is None
