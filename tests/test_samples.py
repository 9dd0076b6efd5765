"""The sample articles in ``data/samples/`` and their hand-made gold files are well formed.

Accuracy benchmarks and end-to-end tests trust these files, so a typo in a gold file (an
event type spelled differently from ``model.EVENT_TYPES``, a quote that is not in the text,
a latitude and longitude swapped) would silently lower every score. This test catches that.
The format is described in ``data/SAMPLES.md``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from eventmap.model import EVENT_TYPES, SUB_EVENT_TYPES

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"
LANGUAGES = {"fr", "en"}
MIN_SAMPLES = 8  # the issue's floor; the set holds more
MIN_WORDS, MAX_WORDS = 150, 400
FRONT_KEYS = {"title", "published", "url", "language"}
GOLD_KEYS = {"published", "events", "places"}
EVENT_KEYS = {
    "date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "place",
    "mention",
    "latitude",
    "longitude",
    "country_code",
    "geo_precision",
    "fatalities",
    "actors",
    "quote_contains",
}
PLACE_KEYS = {"mention", "name", "latitude", "longitude", "country_code"}
_FRONT = re.compile(r"\A---\n(.*?)\n---\n(.*)\Z", re.DOTALL)


@dataclass(frozen=True)
class Sample:
    stem: str
    front: dict[str, Any]
    body: str
    gold: dict[str, Any]


def _load(md: Path) -> Sample:
    text = md.read_text(encoding="utf-8")
    match = _FRONT.match(text)
    assert match, f"{md.name}: no YAML front matter block (--- … ---) at the top"
    front = yaml.safe_load(match.group(1))
    assert isinstance(front, dict), f"{md.name}: front matter is not a mapping"
    gold_path = md.with_name(md.stem + ".gold.json")
    assert gold_path.exists(), f"{md.name}: no gold file {gold_path.name}"
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    return Sample(md.stem, front, match.group(2), gold)


def _sample_paths() -> list[Path]:
    return sorted(p for p in SAMPLES.glob("*.md") if p.name != "README.md")


@pytest.fixture(scope="module")
def samples() -> list[Sample]:
    return [_load(p) for p in _sample_paths()]


def _iso(value: Any, where: str) -> dt.date:
    assert isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), (
        f"{where}: {value!r} is not YYYY-MM-DD"
    )
    return dt.date.fromisoformat(value)


def _coords(item: dict[str, Any], where: str) -> None:
    lat, lon = item["latitude"], item["longitude"]
    assert isinstance(lat, (int, float)) and -90 <= lat <= 90, f"{where}: latitude {lat!r}"
    assert isinstance(lon, (int, float)) and -180 <= lon <= 180, f"{where}: longitude {lon!r}"
    cc = item["country_code"]
    assert isinstance(cc, str) and re.fullmatch(r"[A-Z]{2}", cc), f"{where}: country code {cc!r}"


def test_every_file_is_paired() -> None:
    md = {p.stem for p in _sample_paths()}
    gold = {p.name[: -len(".gold.json")] for p in SAMPLES.glob("*.gold.json")}
    assert md == gold, f"unpaired: articles {sorted(md - gold)}, gold files {sorted(gold - md)}"
    assert all(re.fullmatch(r"\d{2}_[a-z0-9_]+", s) for s in md), "names must be NN_slug"


@pytest.mark.parametrize("path", _sample_paths(), ids=lambda p: p.stem)
def test_front_matter(path: Path) -> None:
    sample = _load(path)
    front = sample.front
    assert set(front) == FRONT_KEYS, f"{path.name}: front matter keys {sorted(front)}"
    assert isinstance(front["title"], str) and front["title"].strip()
    assert isinstance(front["published"], dt.date), f"{path.name}: published is not a date"
    assert front["url"] is None or str(front["url"]).startswith("https://example.org/")
    assert front["language"] in LANGUAGES
    words = len(sample.body.split())
    assert MIN_WORDS <= words <= MAX_WORDS, f"{path.name}: {words} words"


@pytest.mark.parametrize("path", _sample_paths(), ids=lambda p: p.stem)
def test_gold_file(path: Path) -> None:
    sample = _load(path)
    gold, body, name = sample.gold, sample.body, path.stem
    assert set(gold) == GOLD_KEYS, f"{name}: gold keys {sorted(gold)}"
    published = _iso(gold["published"], f"{name} published")
    assert published == sample.front["published"], f"{name}: gold and front matter disagree"
    assert gold["events"], f"{name}: no events"
    for i, event in enumerate(gold["events"]):
        where = f"{name} event {i}"
        assert set(event) == EVENT_KEYS, f"{where}: keys {sorted(event)}"
        assert _iso(event["date"], where) <= published, f"{where}: happens after publication"
        assert event["time_precision"] in (1, 2, 3), where
        assert event["geo_precision"] in (1, 2, 3), where
        assert event["event_type"] in EVENT_TYPES, f"{where}: {event['event_type']!r}"
        subs = SUB_EVENT_TYPES[event["event_type"]]
        assert event["sub_event_type"] in subs, f"{where}: {event['sub_event_type']!r}"
        _coords(event, where)
        fatalities = event["fatalities"]
        assert fatalities is None or (isinstance(fatalities, int) and fatalities >= 0), where
        assert isinstance(event["actors"], list), where
        assert all(isinstance(a, str) and a for a in event["actors"]), where
        assert event["place"], where
        assert event["mention"] in body, f"{where}: mention {event['mention']!r} not in the text"
        quote = event["quote_contains"]
        assert quote and quote in body, f"{where}: quote {quote!r} not in the text"


@pytest.mark.parametrize("path", _sample_paths(), ids=lambda p: p.stem)
def test_gold_places(path: Path) -> None:
    sample = _load(path)
    name = path.stem
    places = sample.gold["places"]
    assert places, f"{name}: no places"
    by_mention: dict[str, dict[str, Any]] = {}
    for place in places:
        where = f"{name} place {place.get('mention')!r}"
        assert set(place) == PLACE_KEYS, f"{where}: keys {sorted(place)}"
        assert place["name"], where
        assert place["mention"] in sample.body, f"{where}: not in the text"
        assert place["mention"] not in by_mention, f"{where}: listed twice"
        _coords(place, where)
        by_mention[place["mention"]] = place
    for event in sample.gold["events"]:
        listed = by_mention.get(event["mention"])
        assert listed is not None, f"{name}: event mention {event['mention']!r} not in places"
        same = (listed["name"], listed["latitude"], listed["longitude"], listed["country_code"])
        assert same == (
            event["place"],
            event["latitude"],
            event["longitude"],
            event["country_code"],
        ), f"{name}: event and place {listed['mention']!r} differ"


def test_the_set_covers_the_issue(samples: list[Sample]) -> None:
    assert len(samples) >= MIN_SAMPLES
    languages = {s.front["language"] for s in samples}
    assert languages == LANGUAGES
    for language in LANGUAGES:
        types = {
            e["event_type"]
            for s in samples
            if s.front["language"] == language
            for e in s.gold["events"]
        }
        assert types == set(EVENT_TYPES), f"{language}: missing {set(EVENT_TYPES) - types}"
    countries = {e["country_code"] for s in samples for e in s.gold["events"]}
    assert {"IQ", "SY"} <= countries


def test_readme_counts_are_current(samples: list[Sample]) -> None:
    """The README's table says how many samples and events there are: keep it true."""
    readme = (SAMPLES.parent / "SAMPLES.md").read_text(encoding="utf-8")
    for language in sorted(LANGUAGES):
        count = sum(1 for s in samples if s.front["language"] == language)
        assert f"| {language} | {count} |" in readme, f"README: {language} count is not {count}"
    for event_type in EVENT_TYPES:
        count = sum(1 for s in samples for e in s.gold["events"] if e["event_type"] == event_type)
        assert f"| {event_type} | {count} |" in readme, f"README: {event_type} is not {count}"


@pytest.mark.parametrize("path", _sample_paths(), ids=lambda p: p.stem)
def test_sources_read_samples_as_declared(path: Path) -> None:
    """The reader keeps the front matter as metadata, and the gold quotes stay in the text."""
    from eventmap.sources import read_path

    sample = _load(path)
    (doc,) = read_path(path)
    assert doc.title == sample.front["title"]
    assert doc.published == sample.front["published"]
    assert doc.language == sample.front["language"]
    assert not doc.text.lstrip().startswith("---")
    for event in sample.gold["events"]:
        assert event["quote_contains"] in doc.text
