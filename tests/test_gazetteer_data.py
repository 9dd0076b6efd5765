"""The curated gazetteer files point at places that exist: a typo'd key would be dropped silently."""

from __future__ import annotations

from functools import cache

import pytest

from gazetteer.lexicons import data_dir, read_csv
from gazetteer.sources import SourcePlace, read_all


@cache
def _places() -> tuple[dict[str, SourcePlace], set[str]]:
    places = read_all()
    by_key = {p.key: p for p in places}
    countries = {p.country_code for p in places if p.feature == "country"}
    return by_key, countries


@pytest.mark.parametrize("name", ["aliases.csv", "abbreviations.csv"])
def test_every_curated_target_exists(name: str) -> None:
    by_key, countries = _places()
    missing = []
    for row in read_csv(data_dir() / name):
        target = row.get("target") or row.get("place") or ""
        if target.startswith("cc:"):
            ok = target[3:] in countries
        elif target:
            ok = target in by_key
        else:
            ok = row.get("country_code", "") in countries
        if not ok:
            missing.append(row)
    assert missing == []


def test_abbreviation_lands_on_its_place() -> None:
    by_key, _ = _places()
    assert by_key["gn:2155400"].name == "New South Wales"
    assert any(n == "NSW" for n, _ in by_key["gn:2155400"].names)


def _supplement() -> list[dict[str, str]]:
    return read_csv(data_dir() / "supplement.csv")


def test_supplement_rows_are_whole_and_sourced() -> None:
    from gazetteer.types import FEATURES

    rows = _supplement()
    keys = [r["key"] for r in rows]
    assert len(keys) == len(set(keys))  # one row per place
    bad = [r["key"] for r in rows
           if None in r  # an unquoted comma made an extra column
           or not (r.get("source") or "").startswith("curated")
           or r["feature"] not in FEATURES
           or not (-90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180)]
    assert bad == []


@pytest.mark.parametrize("kind", ["sea", "ocean", "region"])
def test_seas_and_regions_across_countries_are_coarse(kind: str) -> None:
    # downstream, feature "country" is ACLED geo precision 3; a sea is no precise site
    rows = [r for r in _supplement() if r["kind"] == kind and not r["country_code"]]
    assert rows and all(r["feature"] == "country" for r in rows)


@pytest.mark.parametrize("name", ["institution_words.txt", "institution_prefixes.txt",
                                  "premises_words.txt", "eponym_words.txt", "source_cues.txt"])
def test_word_lists_are_folded_and_disjoint_from_each_other(name: str) -> None:
    from gazetteer import lexicons

    words = lexicons._words(name)
    assert words and all(w == w.lower() for w in words)
    if name == "premises_words.txt":  # a campus word is no organisation word
        assert not words & lexicons.institution_words()
