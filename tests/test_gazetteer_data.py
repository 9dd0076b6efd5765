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
