"""The oracles the benches print as ceilings (``bench/events_accuracy.known_within``,
``bench/geoparse_accuracy.name_ceiling``): a figure the notes quote as a limit of the data
must itself be right, so each is checked on texts whose answer is known."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from gazetteer import default_gazetteer

BENCH = Path(__file__).resolve().parents[1] / "bench"
DJIBO = (14.1, -1.63)  # Djibo, Burkina Faso
TANGOUNGA = (13.02, 1.23)  # a village GeoNames cities500 lacks, far from every named place


def _bench(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def events_bench() -> ModuleType:
    return _bench("events_accuracy")


@pytest.mark.parametrize("note,point,expected", [
    ("Gunmen attacked the market of Djibo town.", DJIBO, (True, True)),
    ("Gunmen attacked the market of Djibo town.", TANGOUNGA, (False, False)),
    ("Gunmen attacked the village of Tangounga.", TANGOUNGA, (False, False)),
    ("gunmen attacked the market of djibo.", DJIBO, (True, False)),  # lower case: any run only
])
def test_known_within(events_bench: ModuleType, note: str, point: tuple[float, float],
                      expected: tuple[bool, bool]) -> None:
    assert events_bench.known_within(default_gazetteer(), note, *point) == expected


def test_name_ceiling_counts_only_names_held_near_the_gold_point() -> None:
    bench = _bench("geoparse_accuracy")
    text = "Floods in Baghdad."
    near = (10, 17, 33.34, 44.40, "Baghdad", "")  # the city's own point
    far = (10, 17, 48.85, 2.35, "Baghdad", "")  # a point no Baghdad is near
    assert bench.name_ceiling([(text, [near])]) == 1.0
    assert bench.name_ceiling([(text, [near, far])]) == 0.5
