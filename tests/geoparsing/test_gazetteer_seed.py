"""The seed article (../shared/seeds, read in place): every place right, no false place."""

from __future__ import annotations

import pytest
from geopy.distance import distance

pytestmark = pytest.mark.needs_shared

EXPECTED = {  # surface form -> (lat, lon) of the right point, km tolerance
    "Bagdad": (33.34, 44.40),
    "Aïn al-Asad": (33.79, 42.44),
    "Diwaniyah": (31.99, 44.93),
    "al-Diwaniayah": (31.99, 44.93),
    "Babel": (32.5, 44.5),
    "Babil": (32.5, 44.5),
    "al-Anbar": (33.5, 42.2),
    "al-Harir": (36.54, 44.35),
    "Irak": (33.0, 44.0),
    "irakien": (33.0, 44.0),
    "irakienne": (33.0, 44.0),
    "Syrie": (35.0, 38.0),
    "Washington": (38.90, -77.04),
}
FORBIDDEN = {
    "Qassem", "Soleimani", "Abou", "Mahdi", "Muhanbes", "al-Muhanbes", "Safa", "Assam",
    "al-Assam", "Elena", "Romanowski", "Kenneth", "McKenzie", "Ilhan", "Omar", "Nancy", "Pelosi",
    "Qasim", "Araji", "al-Araji", "TV", "Democrats", "People", "SOURCE", "Partager", "PRESS",
    "FRENCH", "March", "Daech", "CentCom", "Sabereen", "Asaib", "CIA", "East", "Steps", "Capitol",
}


@pytest.fixture(scope="module")
def mentions(gaz, seed_text):
    return gaz.parse(seed_text)


def test_every_expected_place_is_found_at_the_right_point(mentions) -> None:
    by_text: dict[str, list] = {}
    for m in mentions:
        by_text.setdefault(m.text, []).append(m)
    for surface, (lat, lon) in EXPECTED.items():
        assert surface in by_text, f"{surface} not found"
        for m in by_text[surface]:
            d = distance((m.lat, m.lon), (lat, lon)).km
            assert d < 100, f"{surface} -> {m.name} ({m.country_code}) {d:.0f} km off"


def test_syro_irakienne(mentions, seed_text) -> None:
    i = seed_text.index("syro-irakienne")
    covering = {m.country_code for m in mentions if m.start < i + 14 and i < m.end}
    assert {"SY", "IQ"} <= covering


def test_no_false_places(mentions) -> None:
    bad = [m.text for m in mentions if m.text in FORBIDDEN or m.text.split("-")[-1] in FORBIDDEN]
    assert bad == []
    for m in mentions:  # anything else found must be a country (US, États-Unis...) or Iraq/Syria site
        assert m.country_code in {"IQ", "SY", "US", "IR", "FR"}, (m.text, m.name, m.country_code)


def test_offsets_are_exact(mentions, seed_text) -> None:
    assert all(seed_text[m.start:m.end] == m.text for m in mentions)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
