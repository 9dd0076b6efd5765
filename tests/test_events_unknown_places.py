"""Events at places the gazetteer does not know: found by their cue, kept at the analyst's
country (or the text's place) with the name as mention, never silently dropped."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventmap.cli import main
from eventmap.events import extract_events
from eventmap.events.lexicon import fold
from eventmap.events.unknown_places import unknown_places
from eventmap.model import Document
from eventmap.pipeline import home_country, process
from gazetteer import default_gazetteer
from gazetteer.types import Mention, Place

BF = Place("gn:2361809", "Burkina Faso", 13.0, -2.0, "BF", "country", 2361809, None)
DJIBO = Place("gn:2360886", "Djibo", 14.10, -1.63, "BF", "city", 2360886, "Sahel")
HOME = Mention("", 0, 0, BF, 0.3)
DAY = dt.date(2019, 10, 20)


def names(text: str, language: str = "en", known: tuple[str, ...] = ()) -> list[str]:
    ments = [Mention(k, text.index(k), text.index(k) + len(k), DJIBO, 0.9) for k in known]
    return [u.text for u in unknown_places(text, fold(text), 0, len(text), ments, language)]


@pytest.mark.parametrize(("text", "language", "expected"), [
    ("Gunmen burned the primary school in Tangounga overnight.", "en", ["Tangounga"]),
    ("In Petega, a village councillor was shot dead.", "en", ["Petega"]),
    ("Militants abducted a teacher in the village of Kompiembiga.", "en", ["Kompiembiga"]),
    ("The bodies were found near Bombontangou on Sunday.", "en", ["Bombontangou"]),
    ("Looters ransacked shops in Tchalel-Goumd.", "en", ["Tchalel-Goumd"]),
    ("Des hommes armés ont incendié l'école dans le village de Kpenkouna.", "fr", ["Kpenkouna"]),
    ("Un enseignant a été enlevé près de Boungou jeudi.", "fr", ["Boungou"]),
    ("Deux civils ont été tués à Tankwarou.", "fr", ["Tankwarou"]),
])
def test_a_cued_unknown_name_is_found(text: str, language: str, expected: list[str]) -> None:
    assert names(text, language) == expected


@pytest.mark.parametrize(("text", "language"), [
    ("Soldiers were deployed in March after the attacks.", "en"),  # a month
    ("Two people were killed in JNIM attacks.", "en"),  # an acronym
    ("Rioters burned tyres in front of the Laico Hotel.", "en"),  # an organisation's site
    ("Students protested in Sector 29 of the capital.", "en"),  # an ordinary word
    ("Speaker Tamboura said the talks would go on.", "en"),  # no locative cue
    ("Des manifestants se sont rassemblés en Mars dernier.", "fr"),
])
def test_months_acronyms_and_ordinary_words_are_not_places(text: str, language: str) -> None:
    assert names(text, language) == []


def test_a_known_place_is_not_an_unknown_one() -> None:
    assert names("Gunmen attacked a convoy near Djibo.", known=("Djibo",)) == []


def doc(text: str) -> Document:
    return Document.from_text(text, language="en", published=DAY)


def test_with_a_home_country_the_event_stays_at_country_level_with_its_name() -> None:
    text = "On October 18, suspected militants burned the primary school in Tangounga."
    unplaced: list[str] = []
    events = extract_events(doc(text), [], [], home=HOME, unplaced=unplaced)
    assert len(events) == 1
    ev = events[0]
    assert (ev.place, ev.mention, ev.country_code, ev.geo_precision) == (
        "Burkina Faso", "Tangounga", "BF", 3)
    assert (ev.longitude, ev.latitude) == (-2.0, 13.0)
    assert unplaced == []


def test_without_a_home_country_the_event_is_counted_as_unplaced() -> None:
    text = "On October 18, suspected militants burned the primary school in Tangounga."
    unplaced: list[str] = []
    assert extract_events(doc(text), [], [], unplaced=unplaced) == []
    assert unplaced == [text]


def test_two_unknown_villages_on_one_day_stay_two_events() -> None:
    text = ("Gunmen burned the primary school in Tangounga on Monday. "
            "The same day, gunmen burned the primary school in Kpenkouna.")
    events = extract_events(doc(text), [], [], home=HOME)
    assert sorted(e.mention for e in events) == ["Kpenkouna", "Tangounga"]
    assert len({e.id for e in events}) == 2


def test_an_unknown_village_takes_the_paragraph_place_with_its_own_name() -> None:
    text = ("Militants attacked the gendarmerie in Djibo on Monday. "
            "The next day, gunmen burned the school in Nganoua.")
    ments = [Mention("Djibo", text.index("Djibo"), text.index("Djibo") + 5, DJIBO, 0.9)]
    events = extract_events(doc(text), ments, [], home=HOME)
    village = [e for e in events if e.mention == "Nganoua"]
    assert village and village[0].place == "Djibo" and village[0].geo_precision == 2


@pytest.fixture(scope="module")
def gazetteer():
    return default_gazetteer()


def test_the_pipeline_uses_the_focus_country_as_home(gazetteer) -> None:
    focused = gazetteer.focused(["BF"])
    home = home_country(focused)
    assert home is not None and home.place.feature == "country" and home.country_code == "BF"
    assert home_country(gazetteer) is None  # no focus: no home
    assert home_country(gazetteer.focused(["BF", "ML"])) is None  # two: none is the home
    text = "On October 18, suspected militants burned the primary school in Tangounga."
    assert [e.mention for e in process(doc(text), focused).events] == ["Tangounga"]
    plain = process(doc(text), gazetteer)
    assert plain.events == [] and plain.unplaced == [text]


def test_ingest_keeps_them_with_focus_country_and_says_so_without(tmp_path: Path) -> None:
    src = tmp_path / "note.txt"
    src.write_text("On 18 October 2019, suspected militants burned the primary school in "
                   "Tangounga.", encoding="utf-8")
    runner = CliRunner()
    plain_db = str(tmp_path / "plain.sqlite")
    r = runner.invoke(main, ["ingest", str(src), "--db", plain_db, "--no-progress"])
    assert r.exit_code == 0, r.output
    assert "events found: 0" in r.output
    assert "events left out, at no place the gazetteer knows: 1" in r.output
    db = str(tmp_path / "focus.sqlite")
    r = runner.invoke(main, ["ingest", str(src), "--db", db, "--no-progress",
                             "--focus-country", "BF"])
    assert r.exit_code == 0, r.output
    assert "events found: 1" in r.output and "left out" not in r.output
    out = tmp_path / "events.geojson"
    r = runner.invoke(main, ["export", "--format", "geojson", "--db", db, "-o", str(out)])
    assert r.exit_code == 0, r.output
    (feature,) = json.loads(out.read_text(encoding="utf-8"))["features"]
    props = feature["properties"]
    assert (props["mention"], props["place"], props["geo_precision"], props["date"]) == (
        "Tangounga", "Burkina Faso", 3, "2019-10-18")


@pytest.mark.needs_shared
def test_acled_notes_with_focus_country_mostly_yield_an_event(shared_dir: Path, gazetteer) -> None:
    """Real ACLED notes (every one reports an event): with the analyst's country given, the
    pipeline keeps at least 90 % of them (it kept about 62 % when it dropped every event at
    a village the gazetteer does not know)."""
    path = shared_dir / "eval" / "acled" / "burkina_faso_1997-2020.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))[::10]
    focused = gazetteer.focused(["BF"])
    kept = 0
    for row in rows:
        day = dt.datetime.strptime(row["event_date"].strip(), "%d %B %Y").date()
        note = Document.from_text(row["notes"], language="en", published=day)
        kept += bool(process(note, focused).events)
    assert kept / len(rows) >= 0.9


def test_a_nationality_is_the_actor_not_the_place_of_an_unknown_village() -> None:
    text = "On 16 November, Malian soldiers killed three men in Abaye."
    mali = Place("gn:2453866", "Mali", 17.0, -4.0, "ML", "country", 2453866, None)
    ments = [Mention("Malian", text.index("Malian"), text.index("Malian") + 6, mali, 0.8,
                     via="demonym")]
    (ev,) = extract_events(doc(text), ments, [], home=HOME)
    assert (ev.place, ev.mention, ev.country_code) == ("Burkina Faso", "Abaye", "BF")
