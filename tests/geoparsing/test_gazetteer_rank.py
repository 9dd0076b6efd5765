"""Ranking is pure: hand-made candidate lists in, scores out."""

from __future__ import annotations

from gazetteer import rank
from gazetteer.sources import ALTERNATE, PRIMARY


def cand(pid, cc, feature="city", pop=0, kind="city", nk=PRIMARY, lat=0.0, lon=0.0, admin1=None, name="X"):
    return rank.Cand(pid, nk, lat, lon, cc, feature, kind, pop, admin1, name)


def best(cands, **kw):
    s = rank.score(cands, **kw)
    return cands[max(range(len(cands)), key=s.__getitem__)]


def test_population_wins_without_context() -> None:
    big = cand(1, "IQ", pop=7_000_000, nk=ALTERNATE)  # "Bagdad" is an alias of Baghdad
    hamlets = [cand(i, "US", pop=3000) for i in range(2, 6)]
    assert best([*hamlets, big]).pid == 1


def test_country_beats_namesake_city() -> None:
    country = cand(1, "MX", feature="country", kind="country", pop=120_000_000, nk=ALTERNATE)
    city = cand(2, "MX", pop=12_000_000, kind="capital", nk=ALTERNATE)  # "Mexico" for Mexico City
    doc = rank.DocEvidence(countries={"MX"})
    assert best([city, country], doc=doc).pid == 1


def test_capital_beats_state_of_same_name() -> None:
    dc = cand(1, "US", pop=690_000, kind="capital")
    state = cand(2, "US", feature="admin1", kind="state", pop=6_500_000)
    assert best([state, dc]).pid == 1


def test_country_context_beats_population() -> None:
    libya = cand(1, "LY", pop=1_100_000, kind="capital", lat=32.9, lon=13.2)
    lebanon = cand(2, "LB", pop=230_000, lat=34.4, lon=35.8)
    assert best([libya, lebanon]).pid == 1
    assert best([libya, lebanon], doc=rank.DocEvidence(countries={"LB"})).pid == 2


def test_qualifier_paris_texas() -> None:
    paris = cand(1, "FR", pop=2_100_000, kind="capital", admin1="Île-de-France")
    texas = cand(2, "US", pop=25_000, admin1="Texas")
    assert best([paris, texas]).pid == 1
    assert best([paris, texas], qualifier={("US", "Texas")}).pid == 2


def test_proximity_to_other_places() -> None:
    near = cand(1, "IQ", pop=20_000, lat=33.0, lon=44.0)
    far = cand(2, "PK", pop=30_000, lat=31.0, lon=72.0)
    doc = rank.DocEvidence(anchors={(33.3, 44.4): "Baghdad"})
    assert best([far, near], doc=doc).pid == 1


def test_type_hint_province() -> None:
    city = cand(1, "IQ", pop=300_000)
    gov = cand(2, "IQ", feature="admin1", kind="governorate", pop=1_000_000)
    assert best([city, gov], type_hint="admin1").pid == 2


def test_confidence_is_a_probability() -> None:
    c = rank.confidence([3.0, 1.0, 0.0], 0)
    assert 0.5 < c < 1.0
    assert rank.confidence([2.0], 0) == 1.0


def test_haversine() -> None:
    assert abs(rank.haversine_km(0, 0, 0, 1) - 111.2) < 0.5
