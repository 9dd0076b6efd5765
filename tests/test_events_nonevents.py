"""What looks like an event but is not one, in French and English: celebrations, accidents,
what a patrol is meant to prevent, what people fear, an event named only to date another
clause — and the reports of one crowd that must stay one event."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from eventmap.dates.types import TimeExpression
from eventmap.events import classify_sentence, extract_events
from eventmap.events.lexicon import fold
from eventmap.events.location import _role_patterns, _trie_alternation, preposition_role
from eventmap.model import Document
from gazetteer.types import Mention, Place

NOT_EVENTS = [
    # a database installed by an army is no base established
    ("fr", "L'armée américaine a installé sa plus grande base de données dans la base aérienne."),
    ("en", "The army has installed its largest database at the air base near Erbil."),
    # a crowd celebrating a victory or the news is not protesting
    ("fr", "À Bagdad, des habitants sont descendus dans les rues pour célébrer la victoire."),
    ("en", "In Mosul, residents took to the streets to celebrate the victory, waving flags."),
    # an explosion by accident is no political violence
    ("fr", "L'explosion, provoquée par une fuite de gaz dans un immeuble, a fait trois morts."),
    ("en", "The blast, caused by a gas leak in a restaurant, killed three people."),
    # what a patrol or a strike is meant to prevent has not happened
    ("fr", "Des patrouilles circulent le long de la frontière pour éviter tout affrontement."),
    ("en", "He said the strikes were needed to prevent the use of chemical weapons."),
    # what people fear has not happened
    ("fr", "À Kobané, les habitants redoutent désormais un assaut."),
    ("en", "In Kobane, residents now fear an assault by the army."),
    # an event named right after "after the" / "avant le" dates another clause
    ("en", "After the arrest, fighters took up positions near the gates of the Green Zone."),
    ("fr", "Après l'arrestation, des combattants ont pris position près des portes."),
    ("en", "The gathering ended in the evening, before the curfew."),
    ("fr", "La réunion s'est terminée dans la soirée, avant le couvre-feu."),
    # an attempt that failed did not happen
    ("en", "Soldiers patrolled the area after an attempted abduction."),
    ("fr", "Des soldats ont patrouillé la zone après une tentative d'enlèvement."),
    # words that look like fighting, strikes or deals but are not: talks, a policy, a phrase
    ("en", "The unions engaged in talks with the ministry on Monday."),
    ("fr", "Les syndicats ont engagé des discussions avec le ministère lundi."),
    ("en", "The minister praised the fight against terrorism in the Sahel."),
    ("fr", "Le ministre a salué le combat contre le terrorisme au Sahel."),
    ("en", "The government will deal with the crisis next week."),
    ("fr", "Les habitants ne sont pas d'accord avec le tracé de la route."),
    # a fire told as a noun, a student expelled: no riot
    ("en", "The fire destroyed twenty stalls in the central market."),
    ("fr", "Un incendie s'est déclaré dans le marché central, sans faire de victime."),
    ("en", "The student was expelled from the university last year."),
    ("fr", "L'étudiant a été exclu de l'université l'an dernier."),
    # kidnappers named again are no new abduction
    ("en", "The kidnappers demanded a ransom from the family."),
    ("fr", "Les ravisseurs ont exigé une rançon à la famille."),
    # a gathering asking for nothing, a request that is no demand
    ("fr", "Il a téléphoné à sa sœur en lui demandant de venir."),
    ("en", "She called her sister, asking for a lift to the station."),
    # no clash told
    ("en", "Security forces were on alert, but no clashes were reported."),
    ("fr", "Les forces de l'ordre étaient en alerte, mais aucun affrontement n'a été signalé."),
    # a trend: attacks stepped up, multiplied
    ("en", "In the region, armed groups have stepped up their attacks on schools."),
    ("fr", "Dans la région, les groupes armés multiplient les attaques contre les écoles."),
    # a person's role names what the person does, not an event told here
    ("en", "The victim, an organiser of anti-government protests, lived in Karbala."),
    ("fr", "La victime, organisatrice des manifestations contre le gouvernement, vivait à Karbala."),
    # taken to hospital is care, not an abduction
    ("en", "The patient was taken away to hospital in an ambulance."),
    ("fr", "La patiente a été emmenée à l'hôpital en ambulance."),
    # "arrêter" also means to stop
    ("en", "The soldiers' truck stopped in front of the town hall."),
    ("fr", "Le camion des soldats s'est arrêté devant la mairie."),
    # a disaster's toll has no perpetrator
    ("en", "Soldiers evacuated the wounded after the floods killed twelve people."),
    ("fr", "Les soldats ont évacué les blessés après les inondations qui ont fait douze morts."),
    # granted, concluded that: no agreement
    ("en", "The inquiry concluded that the pilots had lost control of the plane."),
    ("fr", "L'enquête a conclu que l'accident était dû à une panne et la fondation a accordé une aide."),
    # civil aviation, freed tables: no air strike, no town retaken
    ("en", "She works for the civil aviation authority in Toulouse."),
    ("fr", "Elle travaille comme ingénieure en aviation à Toulouse."),
    ("en", "The customers quickly freed the tables of the restaurant."),
    ("fr", "Les clients ont vite libéré les tables du restaurant."),
    # employees deployed, a catheter installed: no base
    ("en", "The employees were deployed to the new branch and installed the computers."),
    ("fr", "Les employés ont été déployés à Rabat et ont installé un cathéter au patient."),
]


@pytest.mark.parametrize(("language", "text"), NOT_EVENTS)
def test_not_an_event(language: str, text: str) -> None:
    assert classify_sentence(text, language) is None


STILL_EVENTS = [
    # ... but forces installed at a new base are one
    ("fr", "L'armée a installé une nouvelle base militaire près de Kidal.", "Strategic developments"),
    ("en", "The army deployed troops to a new base near Kidal.", "Strategic developments"),
    # a march on a day people celebrate is still a protest when it demands something
    ("en", "Workers celebrating Labour Day marched in Bobo-Dioulasso to demand higher wages.",
     "Protests"),
    ("fr", "Des enseignants ont marché à Niamey pour réclamer leurs arriérés de salaire.",
     "Protests"),
    # a bomb is no accident
    ("fr", "Un engin explosif a explosé au passage d'un convoi militaire, tuant deux soldats.",
     "Explosions/Remote violence"),
    ("en", "A roadside bomb exploded as an army convoy passed, killing two soldiers.",
     "Explosions/Remote violence"),
    # the arrest told in the main clause is an arrest, even after another event
    ("en", "Police arrested three men after the attack on the market.",
     "Strategic developments"),
    ("fr", "La police a arrêté trois hommes après l'attaque du marché.",
     "Strategic developments"),
    # protesters whose action tries to prevent something are still protesting
    ("en", "Protesters rallied in Dori to prevent the vote on the amendment.",
     "Protests"),
]


@pytest.mark.parametrize(("language", "text", "etype"), STILL_EVENTS)
def test_still_an_event(language: str, text: str, etype: str) -> None:
    result = classify_sentence(text, language)
    assert result is not None and result[0] == etype


def test_an_accidental_death_near_protesters_is_no_battle() -> None:
    fr = classify_sentence("Un policier est mort à Beyrouth en tombant dans une cage d'ascenseur "
                           "alors qu'il était poursuivi par des manifestants.", "fr")
    en = classify_sentence("A policeman died in Beirut after he fell to his death from a "
                           "building while chased by protesters.", "en")
    assert fr is None or fr[0] not in ("Battles", "Violence against civilians")
    assert en is None or en[0] not in ("Battles", "Violence against civilians")


# ---------------------------------------------------------------------------- one crowd
BEIRUT = Place("gn:276781", "Beirut", 33.89, 35.50, "LB", "city", 276781, "Beyrouth")
LEBANON = Place("gn:272103", "Lebanon", 33.83, 35.83, "LB", "country", 272103, None)
PARIS = Place("gn:2988507", "Paris", 48.85, 2.35, "FR", "city", 2988507, "Ile-de-France")
FRANCE = Place("gn:3017382", "France", 46.0, 2.0, "FR", "country", 3017382, None)


def _mentions(text: str, places: dict[str, Place]) -> list[Mention]:
    out = []
    for name, place in places.items():
        for m in re.finditer(re.escape(name), text):
            out.append(Mention(name, m.start(), m.end(), place, 0.9))
    return sorted(out, key=lambda m: m.start)


def _events(text: str, language: str, places: dict[str, Place]) -> list[tuple[str, str]]:
    doc = Document.from_text(text, language=language, published=dt.date(2020, 8, 9),
                             title="T", url="u")
    saturday = dt.date(2020, 8, 8)
    times = [TimeExpression(m.group(), m.start(), m.end(), saturday, 1)  # type: ignore[arg-type]
             for m in re.finditer(r"(?i)samedi|saturday", text)]
    return [(e.event_type, e.place) for e in extract_events(doc, _mentions(text, places), times)]


@pytest.mark.parametrize(("language", "text", "places"), [
    ("fr",
     ("Samedi, la colère a débordé dans les rues de la capitale libanaise. "
     "Dans l'après-midi, la manifestation a tourné à l'affrontement avec la police. "
     "Plusieurs groupes ont pris d'assaut un ministère libanais, où ils ont brûlé des "
     "portraits.\n\n"
     "Des manifestants ont de nouveau défilé samedi à Beyrouth."),
     {"libanaise": LEBANON, "libanais": LEBANON, "Beyrouth": BEIRUT}),
    ("en",
     ("On Saturday, anger spilled into the streets of the French capital. "
     "In the afternoon the protest turned into a riot. Several groups stormed a French "
     "ministry, where they burned and looted offices.\n\n"
     "Protesters marched again on Saturday in Paris."),
     {"French": FRANCE, "Paris": PARIS}),
])
def test_a_riot_its_damage_and_the_crowd_told_at_country_level_are_one_riot(
        language: str, text: str, places: dict[str, Place]) -> None:
    evs = _events(text, language, places)
    assert len(evs) == 1, evs
    assert evs[0][0] == "Riots"
    assert evs[0][1] in ("Beirut", "Paris")


# ---------------------------------------------------------------------------- speed-ups
@pytest.mark.parametrize("language", ["fr", "en", "und"])
def test_role_patterns_read_as_the_flat_phrase_lists(language: str) -> None:
    """The prefix-tree alternation accepts exactly the phrases of the flat one."""
    phrases = ["a", "au", "au nord de", "au nord d'", "aux", "in", "in the city of", "inside"]
    trie = re.compile(rf"^(?:{_trie_alternation(phrases)})$")
    flat = re.compile(rf"^(?:{'|'.join(re.escape(p).replace(chr(92) + ' ', chr(92) + 's+') for p in phrases)})$")
    for probe in [*phrases, "au  nord de", "aux ", "a u", "insid", "in the  city of", ""]:
        assert bool(trie.match(probe)) == bool(flat.match(probe)), probe
    assert _role_patterns(language)  # compiled, one per role


@pytest.mark.parametrize(("language", "before", "role"), [
    ("fr", "frappés à ", "LOC_IN"), ("fr", "au nord de ", "LOC_NEAR"),
    ("en", "in ", "LOC_IN"), ("en", "fled from ", "LOC_FROM"), ("en", "x", "none"),
])
def test_a_role_at_the_very_start_of_the_text(language: str, before: str, role: str) -> None:
    """The window's start counts as a word gap (the space put before it)."""
    assert preposition_role(fold(before), len(before), language) == role


# ---------------------------------------------------------------------------- told, not events
# what a whole text says about other events: tallies, states that last, backdrops, reactions
DJIBO = Place("gn:2360886", "Djibo", 14.10, -1.63, "BF", "city", 2360886, "Sahel")
SOUM = Place("a2:bf-soum", "Soum", 14.0, -1.5, "BF", "admin2", None, "Sahel")
GAO = Place("gn:2457163", "Gao", 16.27, -0.04, "ML", "city", 2457163, "Gao")
RUSSIA = Place("gn:2017370", "Russia", 60.0, 100.0, "RU", "country", 2017370, None)
MALI = Place("gn:2453866", "Mali", 17.0, -4.0, "ML", "country", 2453866, None)
PUB = dt.date(2021, 5, 6)


def _told(text: str, language: str, places: dict[str, Place],
          days: list[tuple[str, dt.date, int]]) -> list[tuple[str, str, dt.date]]:
    doc = Document.from_text(text, language=language, published=PUB)
    times = []
    for phrase, day, precision in days:
        at = text.index(phrase)
        times.append(TimeExpression(phrase, at, at + len(phrase), day, precision))  # type: ignore[arg-type]
    return [(e.event_type, e.place, e.date)
            for e in extract_events(doc, _mentions(text, places), times)]


TOLD_NOT_EVENTS = [
    # a vague plural of other attacks: a tally (the seed's "fait suite à de nombreuses autres")
    ("fr", ("L'attaque, qui n'a pas été revendiquée, fait suite à de nombreuses d'autres lancées ces "
            "derniers jours contre les convois militaires près de Djibo."), {"Djibo": DJIBO},
     [("ces derniers jours", dt.date(2021, 4, 29), 2)]),
    ("en", ("The attack follows several other attacks launched in recent days against military "
            "convoys near Djibo."), {"Djibo": DJIBO}, [("in recent days", dt.date(2021, 4, 29), 2)]),
    # a state that lasts: detainees still awaiting trial
    ("en", "Thousands of fighters detained by the army near Djibo are still awaiting trial.",
     {"Djibo": DJIBO}, []),
    ("fr", "Des milliers de combattants détenus par l'armée près de Djibo attendent toujours leur procès.",
     {"Djibo": DJIBO}, []),
    # a backdrop: a month, and no place of its own
    ("fr", ("Djibo est une ville du Soum.\n\nLa bataille de la vieille ville, engagée en février, "
            "s'est transformée en combat de rues."), {"Djibo": DJIBO, "Soum": SOUM},
     [("en février", dt.date(2021, 2, 1), 3)]),
    ("en", ("Djibo is a town in Soum.\n\nThe agreement signed in February between the two groups "
            "had set a timetable for peace."), {"Djibo": DJIBO, "Soum": SOUM},
     [("in February", dt.date(2021, 2, 1), 3)]),
    # a trend since a dated start
    ("en", ("The town of Djibo has come under heavy shelling since the militants launched their "
            "offensive on 2 March."), {"Djibo": DJIBO}, [("2 March", dt.date(2021, 3, 2), 1)]),
    ("fr", ("La ville de Djibo est pilonnée depuis que les jihadistes ont lancé leur offensive le "
            "2 mars."), {"Djibo": DJIBO}, [("le 2 mars", dt.date(2021, 3, 2), 1)]),
    # a toll since the fighting began, dated by the day it was told
    ("en", ("In Djibo, doctors said on Sunday that 56 civilians had been killed by the army since "
            "the fighting began."), {"Djibo": DJIBO}, [("on Sunday", dt.date(2021, 5, 2), 1)]),
    ("fr", ("À Djibo, les médecins ont affirmé dimanche que 56 civils avaient été tués par l'armée "
            "depuis le début des combats."), {"Djibo": DJIBO}, [("dimanche", dt.date(2021, 5, 2), 1)]),
]


@pytest.mark.parametrize(("language", "text", "places", "days"), TOLD_NOT_EVENTS)
def test_told_but_not_an_event(language: str, text: str, places: dict[str, Place],
                               days: list[tuple[str, dt.date, int]]) -> None:
    assert _told(text, language, places, days) == []


@pytest.mark.parametrize(("language", "text", "places"), [
    ("en", ("Warplanes struck a market in Gao on Monday.\n\nRussia, a partner of the junta, "
            "condemned the strikes as a crime and suspended a hotline with the Malian government."),
     {"Gao": GAO, "Russia": RUSSIA, "Malian": MALI}),
    ("fr", ("Des avions de combat ont frappé un marché à Gao lundi.\n\nLa Russie, partenaire de la "
            "junte, a condamné les frappes comme un crime et suspendu sa coopération avec le "
            "gouvernement malien."), {"Gao": GAO, "Russie": RUSSIA, "malien": MALI}),
])
def test_a_government_reacting_is_diplomacy_not_an_event(
        language: str, text: str, places: dict[str, Place]) -> None:
    """What a government does when it reacts ("condemned the strikes … and suspended a
    hotline"), set only in a country, is no event where the violence is."""
    day = "Monday" if language == "en" else "lundi"
    evs = _told(text, language, places, [(day, dt.date(2021, 5, 3), 1)])
    assert [(t, p) for t, p, _ in evs] == [("Explosions/Remote violence", "Gao")]
