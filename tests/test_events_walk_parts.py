"""The parts the walk of ``extract_events`` asks, each on its own: a text's language, the
units to read, the narrative's place and date, a protest told on, what is no event and an
event told again. ``extract_events`` itself is tested end to end in the other test_events
files; these pin what each module answers, so a change there shows where it is."""

from __future__ import annotations

import datetime as dt

import pytest

from eventmap.events.classify import Analysis
from eventmap.events.clauses import units
from eventmap.events.continuation import apply_upgrade, riot_goes_on
from eventmap.events.language import document_language, guess_language, sentence_language
from eventmap.events.lexicon import Hit, load_lexicon
from eventmap.events.location import PlaceChoice
from eventmap.events.merge import Candidate
from eventmap.events.narrative_date import account_date, narrative_date
from eventmap.events.narrative_place import (
    Setting,
    context_places,
    country_level,
    is_placed,
    kin,
    narrative_place,
)
from eventmap.events.nonevents import own_day, reaction
from eventmap.events.retold import toll_of
from eventmap.events.sentences import Sentence
from eventmap.events.timing import EventDate
from eventmap.model import Document, Event
from gazetteer.types import Mention, Place

PUB = dt.date(2021, 3, 10)
LEX = load_lexicon("en")
DJIBO = Place("gn:2360886", "Djibo", 14.10, -1.63, "BF", "city", 2360886, "Sahel")
ARBINDA = Place("gn:2362344", "Arbinda", 14.23, -0.87, "BF", "city", 2362344, "Sahel")
BF = Place("gn:2361809", "Burkina Faso", 12.5, -1.67, "BF", "country", 2361809, None)
ML = Place("gn:2453866", "Mali", 17.0, -4.0, "ML", "country", 2453866, None)


def choice(place: Place, precision: int = 1, strength: float = 1.0, role: str = "loc_in",
           via: str = "toponym") -> PlaceChoice:
    return PlaceChoice(Mention(place.name, 0, len(place.name), place, 0.9, via=via),
                       precision, strength, role)


def analysis(event_type: str, sub: str | None = None, *features: str,
             trigger: tuple[int, int] = (10, 20)) -> Analysis:
    return Analysis(event_type, sub, 3.0, trigger[0], trigger[1], False,
                    {f: [Hit(0, 1, f, f.lower())] for f in features})


def body(paragraph: int, start: int = 0, end: int = 50) -> Sentence:
    return Sentence("x" * (end - start), start, end, "body", paragraph)


def candidate(event_type: str = "Battles", day: dt.date = PUB) -> Candidate:
    ev = Event(id="", date=day, event_type=event_type, latitude=14.1, longitude=-1.6,
               place="Djibo", country_code="BF")
    return Candidate(ev, "djibo", True, False)


# -- language -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("Les hommes armés ont attaqué le village et les habitants ont fui dans la brousse.", "fr"),
    ("Gunmen attacked the village and the people fled to the bush on Sunday.", "en"),
    ("1234 5678", "und"),
])
def test_guess_language(text: str, want: str) -> None:
    assert guess_language(text) == want


def test_a_sentence_keeps_the_text_language_unless_clearly_another() -> None:
    caption = "Protesters gather in the square of the capital on the day of the vote in the city"
    assert sentence_language(caption, "fr") == "en"
    assert sentence_language("Protesters gather in the square.", "fr") == "fr"  # too short
    assert sentence_language("Des manifestants se sont réunis sur la place de la ville", "fr") == "fr"


def test_document_language_guesses_only_an_unknown_one() -> None:
    text = "Les hommes armés ont attaqué le village et les habitants ont fui dans la brousse."
    assert document_language(Document.from_text(text, language="en")) == "en"
    assert document_language(Document.from_text(text, language="und")) == "fr"
    assert document_language(Document.from_text(text, language="de")) == "und"


# -- clauses --------------------------------------------------------------------------------

def test_without_two_dates_the_units_are_the_sentences() -> None:
    sentences = [body(0, 0, 50), body(1, 51, 100)]
    hits: list[dict[str, list[Hit]]] = [{}, {}]
    assert list(units(sentences, hits, "x" * 100, "x" * 100, [], "en")) == \
        [(sentences[0], hits[0]), (sentences[1], hits[1])]


# -- narrative place ------------------------------------------------------------------------

def test_country_level_and_placed() -> None:
    assert country_level([choice(BF, 3, role="none")])
    assert not country_level([choice(BF, 3, role="loc_in")])  # "in Burkina Faso"
    assert not is_placed([choice(BF, 3, role="none")])
    assert is_placed([choice(DJIBO)])
    assert kin("Battles", "Violence against civilians") and not kin("Battles", "Protests")


def setting(document: Mention | None = None, home: Mention | None = None) -> Setting:
    return Setting("x" * 200, "x" * 200, [], None, document, home)


def test_a_placeless_sentence_takes_its_paragraph_place_first() -> None:
    here = ([choice(DJIBO, 1, 0.9)], 40)
    before = ([choice(ARBINDA, 1, 0.9)], 0, "Battles")
    got = context_places(body(1), "Battles", here, before, [], setting(), "en", LEX)
    assert [(p.mention.name, p.geo_precision, p.role) for p in got] == [("Djibo", 2, "context")]
    assert got[0].strength == pytest.approx(0.9 * 0.6)


def test_a_placeless_sentence_falls_back_paragraph_before_document_home() -> None:
    before = ([choice(ARBINDA, 1, 1.0)], 0, "Battles")
    bf = choice(BF, 3).mention
    got = context_places(body(1), "Violence against civilians", None, before, [], setting(bf),
                         "en", LEX)
    assert (got[0].mention.name, got[0].strength) == ("Arbinda", 0.5)
    # a protest does not go on from the battle told before: the text's country
    got = context_places(body(1), "Protests", None, before, [], setting(bf), "en", LEX)
    assert (got[0].mention.name, got[0].geo_precision, got[0].role, got[0].strength) == \
        ("Burkina Faso", 3, "document", 0.15)
    got = context_places(body(5), "Battles", None, before, [], setting(None, bf), "en", LEX)
    assert (got[0].role, got[0].strength) == ("home", 0.1)
    assert context_places(body(5), "Battles", None, before, [], setting(), "en", LEX) == []


def test_a_country_level_sentence_is_at_the_narrative_place_in_that_country_only() -> None:
    here = ([choice(DJIBO)], 40)
    assert narrative_place([choice(BF, 3, role="none")], "Battles", here, None)[0].mention.name \
        == "Djibo"
    mali = [choice(ML, 3, role="none")]
    assert narrative_place(mali, "Battles", here, None) is mali


# -- narrative date -------------------------------------------------------------------------

def published_only(day: dt.date = PUB) -> EventDate:
    return EventDate(day, 2, False, None, 0.5)


def test_an_account_happened_some_time_before() -> None:
    told = account_date(published_only(), analysis("Violence against civilians", None,
                                                   "ACCOUNT", trigger=(5, 10)))
    assert told is not None and (told.precision, told.from_text) == (3, False)
    assert account_date(published_only(), analysis("Battles")) is None


def test_the_narrative_date_is_carried_in_its_paragraph_unless_recent() -> None:
    dated = EventDate(dt.date(2021, 3, 1), 1, True, None, 1.0)
    when, carried = narrative_date(published_only(), body(2), False, (2, dated), [], "", [],
                                   LEX, PUB)
    assert carried and (when.date, when.strength) == (dt.date(2021, 3, 1), 0.7)
    when, carried = narrative_date(published_only(), body(2), True, (2, dated), [], "", [],
                                   LEX, PUB)
    assert not carried and when.date == PUB
    # another paragraph: only the day's news told just before (≤ 3 days) goes on
    when, carried = narrative_date(published_only(), body(3), False, (2, dated), [], "", [],
                                   LEX, PUB)
    assert not carried


# -- a protest told on ----------------------------------------------------------------------

def test_a_protest_that_turns_violent_is_a_riot() -> None:
    prev = analysis("Protests", "Peaceful protest")
    assert apply_upgrade([], (prev, 0), analysis("", None, "RIOT_ACTION"))
    assert (prev.event_type, prev.sub_event_type) == ("Riots", "Violent demonstration")
    assert riot_goes_on((prev, 0), analysis("Riots"), [choice(BF, 3, role="none")])
    assert not riot_goes_on((prev, 0), analysis("Riots"), [choice(DJIBO)])


def test_a_protest_with_arrests_is_one_with_intervention() -> None:
    prev = analysis("Protests", "Peaceful protest")
    assert apply_upgrade([], (prev, 0), analysis("Strategic developments", "Arrests", "ARREST"))
    assert prev.sub_event_type == "Protest with intervention"
    assert not apply_upgrade([], (analysis("Battles"), 0), analysis("Riots"))


# -- no event, or one told again ------------------------------------------------------------

def test_a_government_reaction_is_no_event_and_a_reported_day_is_no_day_of_its_own() -> None:
    assert reaction(analysis("Strategic developments", "Other", "REACTION"))
    assert not reaction(analysis("Strategic developments", "Arrests", "REACTION"))
    day = EventDate(PUB, 1, True, None, 1.0)
    assert own_day(day, analysis("Battles"))
    assert not own_day(published_only(), analysis("Battles"))


def test_deaths_told_alone_are_the_last_violent_event_toll() -> None:
    cands = [candidate()]
    dead = analysis("Violence against civilians", None, "KILL")
    assert toll_of(dead, body(1), published_only(), False, cands, (0, 0)) is cands[0]
    attack = analysis("Battles", None, "KILL", "ATTACK")  # an act of its own
    assert toll_of(attack, body(1), published_only(), False, cands, (0, 0)) is None
    assert toll_of(dead, body(4), published_only(), False, cands, (0, 0)) is None  # too far
