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


# Patterns of real reports (ACLED's own notes among them), each in English and in French.
PATTERNS = [
    # ACLED's label opening a note names the sub-event type outright
    ("en", "Property destruction: On March 3, unidentified men set fire to a school in Kaya.",
     "Strategic developments", "Looting/property destruction"),
    ("fr", "Destruction de biens : le 3 mars, des inconnus ont incendié une école à Kaya.",
     "Strategic developments", "Looting/property destruction"),
    ("en", "Arrests: On May 2, police in Bobo-Dioulasso detained four men suspected of theft.",
     "Strategic developments", "Arrests"),
    ("fr", ("Arrestations : le 2 mai, la police de Bobo-Dioulasso a interpellé quatre voleurs "
     "présumés."), "Strategic developments", "Arrests"),
    ("en", ("Non-violent activity: Militants visited a school in Djibo and told teachers to stop "
     "classes."), "Strategic developments", "Other"),
    ("fr", ("Activité non violente : des jihadistes ont visité une école de Djibo et sommé les "
     "enseignants d'arrêter les cours."), "Strategic developments", "Other"),
    ("en", "Security measures: The governor banned motorbike traffic at night in the Est region.",
     "Strategic developments", "Change to group/activity"),
    ("fr", ("Mesures de sécurité : le gouverneur a interdit la circulation des motos la nuit dans "
     "la région de l'Est."), "Strategic developments", "Change to group/activity"),
    # a work stoppage, a crowd gathered for a demand: a peaceful protest
    ("en", "Nurses of the regional hospital began a 72-hour work stoppage in Dori.",
     "Protests", "Peaceful protest"),
    ("fr", "Les enseignants du lycée ont observé un arrêt de travail de 48 heures à Dori.",
     "Protests", "Peaceful protest"),
    ("en", "Students gathered in front of the town hall to demand the reopening of their school.",
     "Protests", "Peaceful protest"),
    ("fr", "Des habitants se sont rassemblés devant la mairie pour réclamer de l'eau potable.",
     "Protests", "Peaceful protest"),
    # strikers occupying a site protest: no territory changes hands
    ("en", "Striking miners occupied the mine to demand their unpaid wages.",
     "Protests", "Peaceful protest"),
    ("fr", "Des grévistes ont occupé la mine d'or pour exiger leurs salaires impayés.",
     "Protests", "Peaceful protest"),
    # arrests named with a protest are its cause
    ("en", "Residents marched to demand the release of three youths arrested by the gendarmerie.",
     "Protests", "Peaceful protest"),
    ("fr", ("Des habitants ont marché pour exiger la libération de trois jeunes arrêtés par la "
     "gendarmerie."), "Protests", "Peaceful protest"),
    # what a crowd marches about, or the backdrop, is no event of its own
    ("en", ("Women marched in Kaya in support of the army amid a rise in militant attacks on "
     "soldiers."), "Protests", "Peaceful protest"),
    ("fr", ("Des femmes ont marché à Kaya en soutien aux soldats, sur fond d'attaques jihadistes "
     "contre l'armée."), "Protests", "Peaceful protest"),
    ("en", "Students protested in Koudougou to denounce the killing of a classmate by police.",
     "Protests", "Peaceful protest"),
    ("fr", ("Des étudiants ont manifesté à Koudougou pour dénoncer le meurtre d'un camarade par la "
     "police."), "Protests", "Peaceful protest"),
    # tear gas and dispersal: a protest met by force, even where no protest is named
    ("en", "Gendarmes used tear gas to disperse residents gathered outside the prefecture.",
     "Protests", "Protest with intervention"),
    ("fr", ("Les gendarmes ont fait usage de gaz lacrymogène pour disperser les habitants "
     "rassemblés devant la préfecture."), "Protests", "Protest with intervention"),
    # a crowd doing the violence is a riot, whoever it hits
    ("en", "Angry students assaulted their headmaster in Kaya.", "Riots", "Mob violence"),
    ("fr", "Des élèves ont agressé leur directeur à Kaya.", "Riots", "Mob violence"),
    ("en", ("Residents ransacked and burned the headquarters of the self-defense group in "
     "Tenkodogo."), "Riots", "Violent demonstration"),
    ("fr", "La population a saccagé le siège de la milice à Tenkodogo.",
     "Riots", "Violent demonstration"),
    ("en", "Pupils threw stones at the police in Kaya.", "Riots", "Violent demonstration"),
    ("fr", "Des jeunes ont lancé des pierres sur les policiers à Kaya.",
     "Riots", "Violent demonstration"),
    ("en", "Supporters of rival parties clashed in Boussouma after the mayoral election.",
     "Riots", "Mob violence"),
    ("fr", "Des partisans rivaux se sont affrontés à Boussouma après l'élection municipale.",
     "Riots", "Mob violence"),
    # shots in the air: protesting police riot, gunmen intimidate
    ("en", "Protesting police officers fired shots in the air outside the governor's office.",
     "Riots", "Violent demonstration"),
    ("fr", ("Des policiers qui protestaient contre leurs conditions ont tiré en l'air devant le "
     "gouvernorat."), "Riots", "Violent demonstration"),
    ("en", "Gunmen fired shots in the air in the village and threatened residents.",
     "Strategic developments", "Other"),
    ("fr", "Des hommes armés ont tiré en l'air dans le village et menacé les habitants.",
     "Strategic developments", "Other"),
    # the passive: those beaten by gunmen are no rioters
    ("en", "Two students were beaten by gunmen near Kaya.", "Violence against civilians", "Attack"),
    ("fr", "Deux élèves ont été battus par des hommes armés près de Kaya.",
     "Violence against civilians", "Attack"),
    # a list of a force's acts: the villagers named in it did not burn the granaries
    ("en", ("Soldiers detained suspects, beat villagers, burned granaries and looted shops in the "
     "area."), "Violence against civilians", "Attack"),
    ("fr", ("Des soldats ont arrêté des suspects, torturé des villageois, incendié des greniers et "
     "pillé des boutiques."), "Violence against civilians", "Attack"),
    # two communities fighting: ACLED's communal militias, a battle
    ("en", "Herders and farmers clashed over grazing land near Dori, leaving three dead.",
     "Battles", "Armed clash"),
    ("fr", "Des affrontements entre agriculteurs et éleveurs ont fait trois morts près de Dori.",
     "Battles", "Armed clash"),
    # state forces (customs among them) killed or attacked: a battle, whoever the attackers were
    ("en", "Two gendarmes were killed in an ambush near Arbinda.", "Battles", "Armed clash"),
    ("fr", "Deux gendarmes ont été tués dans une embuscade près d'Arbinda.",
     "Battles", "Armed clash"),
    ("en", "Militants attacked a customs post in Batie.", "Battles", "Armed clash"),
    ("fr", "Des assaillants ont attaqué un poste de douane à Batié.", "Battles", "Armed clash"),
    # abducted, then killed: the killing is coded
    ("en", "Gunmen abducted a village chief near Djibo and later executed him.",
     "Violence against civilians", "Attack"),
    ("fr", "Des hommes armés ont enlevé un chef de village près de Djibo, puis l'ont abattu.",
     "Violence against civilians", "Attack"),
    # militants carrying off vehicles without hurting anyone: looting
    ("en", "Presumed militants seized two vans and a cart near Djibo.",
     "Strategic developments", "Looting/property destruction"),
    ("fr", "Des jihadistes présumés ont emporté deux camionnettes et une charrette près de Djibo.",
     "Strategic developments", "Looting/property destruction"),
    # an operation that ends in arrests, bombs found on a man arrested: arrests
    ("en", "A security operation along the border led to the arrest of twelve suspects.",
     "Strategic developments", "Arrests"),
    ("fr", ("Une opération de ratissage le long de la frontière a permis l'arrestation de douze "
     "suspects."), "Strategic developments", "Arrests"),
    ("en", "Police arrested a man carrying two IEDs near Fada N'Gourma.",
     "Strategic developments", "Arrests"),
    ("fr", ("La police a interpellé un homme qui transportait deux engins explosifs près de "
     "Fada N'Gourma."), "Strategic developments", "Arrests"),
    # a drone or missiles brought down in flight, none said to hit: disrupted weapons use;
    # when others hit, the strike is coded
    ("en", "A drone packed with explosives was shot down over the governor's palace.",
     "Strategic developments", "Disrupted weapons use"),
    ("fr", "Un drone chargé d'explosifs a été abattu en vol au-dessus du palais du gouverneur.",
     "Strategic developments", "Disrupted weapons use"),
    ("en", "Two missiles hit the port, while two others were shot down.",
     "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("fr", "Deux missiles ont touché le port, deux autres ont été abattus en vol.",
     "Explosions/Remote violence", "Shelling/artillery/missile attack"),
    # forces entering a town without a fight: territory changes hands
    ("en", "The army entered Manbij without a fight on Monday.",
     "Strategic developments", "Non-violent transfer of territory"),
    ("fr", "L'armée est entrée à Manbij sans combat lundi.",
     "Strategic developments", "Non-violent transfer of territory"),
    # aircraft doing the striking: an air strike, even on a base
    ("en", "The army said its aircraft were striking rebel bases.",
     "Explosions/Remote violence", "Air/drone strike"),
    ("fr", "L'armée a indiqué que ses avions ont frappé des bases rebelles.",
     "Explosions/Remote violence", "Air/drone strike"),
    # shooters and the customers they fire on
    ("en", "Shooters opened fire on customers at a cafe.", "Violence against civilians", "Attack"),
    ("fr", "Des tireurs ont ouvert le feu sur les clients d'un café.",
     "Violence against civilians", "Attack"),
    # a base taken over by troops
    ("en", "Russian troops took possession of a base near Manbij.",
     "Strategic developments", "Headquarters or base established"),
    ("fr", "Des militaires russes ont pris possession d'une base près de Manbij.",
     "Strategic developments", "Headquarters or base established"),
    # fighters driven out of a town
    ("en", "Kurdish fighters drove the jihadists out of Raqqa after a four-month battle.",
     "Battles", "Non-state actor overtakes territory"),
    ("fr", "Les combattants kurdes ont chassé les jihadistes de Raqqa après une bataille de quatre mois.",
     "Battles", "Non-state actor overtakes territory"),
    # a building blown up, nobody hurt: property destruction
    ("en", "The jihadists blew up the mosque in the old town.",
     "Strategic developments", "Looting/property destruction"),
    ("fr", "Les jihadistes ont fait sauter la mosquée de la vieille ville.",
     "Strategic developments", "Looting/property destruction"),
    # the air force named as an actor is no air strike; striking, it is one
    ("en", "RSF fighters seized the airport, where Egyptian troops trained with the air force.",
     "Battles", "Non-state actor overtakes territory"),
    ("fr", ("Des combattants des FSR se sont emparés de l'aéroport, où des soldats égyptiens "
     "s'entraînaient avec l'armée de l'air."), "Battles", "Non-state actor overtakes territory"),
    ("en", "The air force struck jihadist positions near Djibo.",
     "Explosions/Remote violence", "Air/drone strike"),
    ("fr", "L'armée de l'air a frappé des positions jihadistes près de Djibo.",
     "Explosions/Remote violence", "Air/drone strike"),
    # tear-gas grenades are no explosives: a protest met by force
    ("en", "Police fired tear gas grenades to disperse the crowd.",
     "Protests", "Protest with intervention"),
    ("fr", "Les policiers ont lancé des grenades lacrymogènes pour disperser la foule.",
     "Protests", "Protest with intervention"),
]


@pytest.mark.parametrize(("language", "sentence", "etype", "sub"), PATTERNS,
                         ids=[f"{c[0]}-{c[3]}-{i}" for i, c in enumerate(PATTERNS)])
def test_patterns_of_real_reports(language: str, sentence: str, etype: str, sub: str) -> None:
    result = classify_sentence(sentence, language)
    assert result is not None, sentence
    assert (result[0], result[1]) == (etype, sub), sentence


def test_every_pattern_is_told_in_both_languages() -> None:
    by_language = {lang: [(c[2], c[3]) for c in PATTERNS if c[0] == lang] for lang in ("en", "fr")}
    assert by_language["en"] == by_language["fr"]


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
