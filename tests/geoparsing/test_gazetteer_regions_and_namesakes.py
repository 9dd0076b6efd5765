"""Seas, oceans and macro-regions as coarse places, and the document's evidence choosing
between namesakes of different kinds (a US state or a country, a state or its capital, a
county in one state or another, a former province or a foreign town)."""

from __future__ import annotations

import pytest

from gazetteer import rank
from gazetteer.sources import robust_centre


def _mentions(gaz, text: str) -> dict[str, tuple[str, str, str]]:
    """text -> (place key, country code, feature) of each mention (the last one wins)."""
    return {m.text: (m.place.key, m.place.country_code, m.place.feature) for m in gaz.parse(text)}


@pytest.mark.parametrize("text,name,key", [
    ("Navy ships from the United States crossed the Pacific last week.", "Pacific",
     "sea:pacific-ocean"),
    ("US fishing boats were seen far out in the Atlantic on Monday.", "Atlantic",
     "sea:atlantic-ocean"),
    ("Drought is spreading across East Africa, the agency said.", "East Africa",
     "region:eastern-africa"),
    ("Cholera has reached several countries of Central Africa.", "Central Africa",
     "region:middle-africa"),
    ("Ministers from across the Americas met in Lima, Peru.", "Americas", "region:americas"),
    ("Famine threatens millions in the Horn of Africa.", "Horn of Africa",
     "region:horn-of-africa"),
])
def test_supranational_names_are_the_sea_or_region(gaz, text: str, name: str, key: str) -> None:
    assert _mentions(gaz, text)[name][0] == key


@pytest.mark.parametrize("text,name", [
    ("Migrants drowned in the Mediterranean off Libya.", "Mediterranean"),
    ("A cyclone formed over the Bay of Bengal.", "Bay of Bengal"),
    ("Aid reached villages in West Africa.", "West Africa"),
])
def test_seas_and_regions_are_coarse_features(gaz, text: str, name: str) -> None:
    _, cc, feature = _mentions(gaz, text)[name]
    assert feature == "country" and cc == ""  # ACLED geo precision 3 downstream


def test_a_region_name_is_no_country_alias(gaz) -> None:
    # "Central Africa" is listed for the Central African Republic by the country sources
    assert gaz.candidates("Central Africa")[0].key == "region:middle-africa"
    assert gaz.candidates("Central African Republic")[0].country_code == "CF"


@pytest.mark.parametrize("key,lat_range,lon_range", [
    ("region:eastern-africa", (-12, 5), (28, 42)),  # on the mainland, not in the ocean
    ("region:eastern-europe", (44, 56), (14, 40)),  # not at Russia's Siberian point
])
def test_region_points_sit_among_their_countries(gaz, key, lat_range, lon_range) -> None:
    p = gaz.get(key)
    assert lat_range[0] < p.lat < lat_range[1] and lon_range[0] < p.lon < lon_range[1]


def test_robust_centre_resists_an_outlier_and_the_antimeridian() -> None:
    lat, lon = robust_centre([(0.0, 0.0), (1.0, 1.0), (-1.0, 1.0), (0.0, -1.0), (60.0, 100.0)])
    assert abs(lat) < 3 and abs(lon) < 3
    _, lon = robust_centre([(-15.0, 175.0), (-15.0, -175.0), (-16.0, 179.0)])
    assert abs(lon) > 170  # the mean of the longitudes would say 0 (Africa)


@pytest.mark.parametrize("text,name,want", [
    ("Flights from Atlanta, Georgia to Wichita, Kansas were delayed by the storm.",
     "Georgia", ("US", "admin1")),
    ("Three cases in Texas, two in Kansas and one in Ohio; Georgia has reported none so far.",
     "Georgia", ("US", "admin1")),
    ("Tbilisi, Georgia hosted the talks.", "Georgia", ("GE", "country")),
    ("The infected cow was found in the state of Washington, officials in Ottawa said.",
     "Washington", ("US", "admin1")),
    ("Students were sent to camps in Nyanza province, western Kenya, near Kisumu.",
     "Nyanza", ("KE", "admin1")),
    ("Lake Kivu fishermen from Nyanza, Rwanda, were questioned.", "Nyanza", ("RW", "city")),
    ("Flights from Mexico City were cancelled as Mexico closed its schools.", "Mexico",
     ("MX", "country")),
])
def test_namesakes_of_other_kinds_follow_the_document(gaz, text: str, name: str, want) -> None:
    _, cc, feature = _mentions(gaz, text)[name]
    assert (cc, feature) == want


def test_a_county_goes_to_the_state_written_after_it(gaz) -> None:
    text = "Wild ducks sampled in Crawford County located in Pennsylvania tested negative."
    place = next(m.place for m in gaz.parse(text) if m.text == "Crawford County")
    assert place.admin1 == "Pennsylvania"


def test_a_name_tied_to_a_place_once_keeps_that_sense(gaz) -> None:
    text = ("The peanuts came from a plant in Blakely, Georgia. Inspectors said the Georgia "
            "plant had shipped them abroad.")
    senses = {m.place.country_code for m in gaz.parse(text) if m.text == "Georgia"}
    assert senses == {"US"}


def test_a_name_is_no_evidence_for_itself() -> None:
    doc = rank.DocEvidence(countries={"GE"}, country_surfaces={"GE": {"Georgia"}})
    assert not rank.country_named(doc, "GE", "Georgia")
    assert rank.country_named(doc, "GE", "Tbilisi")
    assert rank.country_named(rank.DocEvidence(countries={"GE"}), "GE", "Georgia")


def test_holds_is_the_country_or_division_of_the_place() -> None:
    state = rank.Cand(1, 0, 33.0, -83.5, "US", "admin1", "state", 10_000_000, "Georgia",
                      "Georgia")
    country = rank.Cand(2, 0, 42.0, 43.5, "GE", "country", "country", 3_700_000, None,
                        "Georgia")
    atlanta = ("US", "Georgia")
    assert rank.holds(state, atlanta) and not rank.holds(country, atlanta)
    assert rank.score([country, state], within=atlanta)[1] > rank.score([country, state])[1]
