"""Curated names with lower-case words, compass points before a foreign division, common words
in the text's language, lone small places abroad, the ``focus_countries`` hint, and former
province names."""

from __future__ import annotations

import pytest

from gazetteer import Gazetteer, context, lexicons


@pytest.fixture(scope="module")
def make_gaz(gaz):  # type: ignore[no-untyped-def]
    """A Gazetteer with other options, sharing the session gazetteer's cache dir."""
    made: dict[tuple, Gazetteer] = {}

    def make(**kw) -> Gazetteer:  # type: ignore[no-untyped-def]
        key = tuple(sorted((k, tuple(v)) for k, v in kw.items()))
        if key not in made:
            made[key] = Gazetteer(cache_dir=gaz.cache_dir, **kw)
        return made[key]

    return make


def _places(gaz, text: str, **kw) -> dict[str, tuple[str, str]]:
    return {m.text: (m.place.country_code, m.place.key) for m in gaz.parse(text, **kw)}


@pytest.mark.parametrize("text,span,key", [
    ("Des roquettes sont tombées près de l'aéroport de Bagdad hier soir.",
     "aéroport de Bagdad", "site:baghdad-airport"),
    ("Des roquettes sont tombées près de l’aéroport de Bagdad hier soir.",
     "aéroport de Bagdad", "site:baghdad-airport"),
    ("Des tirs visaient la base aérienne d'Aïn al-Asad dans la nuit.",
     "base aérienne d'Aïn al-Asad", "site:ain-al-asad"),
    ("Des tirs visaient la base aérienne d’Aïn al-Asad dans la nuit.",
     "base aérienne d’Aïn al-Asad", "site:ain-al-asad"),
    ("Un drone a visé la base de Harir mardi.", "base de Harir", "site:harir"),
    ("Rockets struck Baghdad airport on Friday.", "Baghdad airport", "site:baghdad-airport"),
    ("Rockets struck near the aeroport de Bagdad on Friday.", "aeroport de Bagdad",
     "site:baghdad-airport"),
])
def test_curated_names_with_lower_case_words_match_whole(gaz, text: str, span: str,
                                                         key: str) -> None:
    got = _places(gaz, text)
    assert got[span][1] == key
    assert not any(s != span and s in span for s in got)  # not also "Bagdad" alone


@pytest.mark.parametrize("text", [
    "Rockets fell on Baghdad, then on the airport road.",
    "Des roquettes sont tombées sur Bagdad, puis sur l'aéroport.",
])
def test_the_city_alone_stays_the_city(gaz, text: str) -> None:
    got = _places(gaz, text)
    assert got.get("Baghdad", got.get("Bagdad"))[0] == "IQ"
    assert not any(k.startswith("site:") for _, k in got.values())


@pytest.mark.parametrize("text,name,want", [
    ("Four people from the NHS West Midlands in England have died, London said.",
     "Midlands", None),
    ("Ebola spread in Western Kasai, in the Democratic Republic of the Congo.", "Kasai", "CD"),
    ("A shooting in North Dallas, Texas, left two dead.", "Dallas", "US"),
    ("Cholera cases rose in Nyanza Province, western Kenya.", "Nyanza Province", "KE"),
])
def test_compass_point_before_a_foreign_division(gaz, text: str, name: str, want) -> None:
    got = _places(gaz, text)
    if want is None:
        assert name not in got
    else:
        assert got[name][0] in want.split("|")


@pytest.mark.parametrize("text,language,kept", [
    ("The bushfire reached Esperance in Western Australia on Sunday.", None, True),
    ("The bushfire reached Esperance on Sunday.", "en", True),
    ("The bushfire reached Esperance on Sunday.", "en-AU", True),
    ("Esperance et courage, a dit le maire de Lyon.", "fr", False),
])
def test_common_words_in_the_texts_language(gaz, text: str, language, kept: bool) -> None:
    assert ("Esperance" in _places(gaz, text, language=language)) is kept


@pytest.mark.parametrize("text,want", [
    ("The army said the attack on the town killed three people.", "en"),
    ("L'armée a dit que la ville et les villages sont sous le feu.", "fr"),
    ("Bagdad", None),
])
def test_guess_language(text: str, want) -> None:
    assert context.guess_language(text) == want


def test_common_words_per_language() -> None:
    assert lexicons.common_words("fr")["esperance"] > 3.5
    en, fr = lexicons.common_words("en"), lexicons.common_words("fr")
    assert en["esperance"] <= fr["esperance"] - lexicons.OTHER_LANGUAGE_DISCOUNT
    assert fr["steps"] <= en["steps"] - lexicons.OTHER_LANGUAGE_DISCOUNT
    assert lexicons.common_words()["esperance"] == lexicons.common_words("fr")["esperance"]


@pytest.mark.parametrize("text,name", [
    ("Militants attacked the villages of Konna and Ardiana (Kombori, Kossi), Burkina Faso.",
     "Konna"),
    (("Des militants ont attaqué les villages de Konna et d'Ardiana (Kombori, Kossi), au "
     "Burkina Faso."), "Konna"),
    (("Militants ambushed a convoy escorting the mayor of Pensa near Barsalogho, Sanmatenga "
     "province, Burkina Faso."), "Pensa"),
])
def test_lone_small_place_abroad_is_left_out(gaz, text: str, name: str) -> None:
    got = _places(gaz, text)
    assert name not in got
    assert all(cc == "BF" for cc, _ in got.values())


@pytest.mark.parametrize("text,name,cc", [
    ("Militants attacked the gendarmerie in Mangodara (Mangodara, Comoe).", "Mangodara", "BF"),
    ("An outbreak in Wuhan, then cases in Spain and Italy.", "Wuhan", "CN"),
    ("Cases in Paris and Lyon, France, and one in Conna, Ireland.", "Conna", "IE"),
])
def test_supported_or_big_places_stay(gaz, text: str, name: str, cc: str) -> None:
    assert _places(gaz, text)[name][0] == cc


@pytest.mark.parametrize("kwargs_init,kwargs_parse", [
    ({"focus_countries": ("BF",)}, {}),
    ({}, {"focus_countries": ["bf"]}),
])
def test_focus_countries(make_gaz, kwargs_init, kwargs_parse) -> None:
    g = make_gaz(**kwargs_init)
    text = "Militants killed three people in the village of Biliga-Fulbe (Nassere, Bam)."
    assert _places(g, text, **kwargs_parse)["Bam"][0] == "BF"
    # Turkey's Solhan is 15,000 people, Burkina Faso's a village: the focus chooses
    assert _places(g, "Clashes in Solhan and Bani.", **kwargs_parse)["Solhan"][0] == "BF"
    assert "Pensa" not in _places(g, "Clashes in Pensa and Bani.", **kwargs_parse)


def test_focus_countries_off_by_default_and_overridable(gaz, make_gaz) -> None:
    text = "Militants killed three people in the village of Biliga-Fulbe (Nassere, Bam)."
    assert _places(gaz, text)["Bam"][0] == "IR"
    g = make_gaz(focus_countries=("BF",))
    assert _places(g, text, focus_countries=())["Bam"][0] == "IR"


@pytest.mark.parametrize("text", [
    "Militants killed three people in the village of Biliga-Fulbe (Nassere, Bam).",
    "Clashes in Solhan, Bani and Konna; Tonga and Pensa were calm. Kaya, Djibo.",
    "Des roquettes sont tombées près de l'aéroport de Bagdad et à Erbil.",
])
def test_fast_path_equals_reference_with_focus(gaz, monkeypatch, text: str) -> None:
    seen: dict[str, list] = {}
    fast = gaz._resolve

    def spy(t, kept, dem, focus=frozenset()):  # type: ignore[no-untyped-def]
        seen["kept"] = kept
        return fast(t, kept, dem, focus)

    monkeypatch.setattr(gaz, "_resolve", spy)
    got = gaz.parse(text, focus_countries=("BF",))
    want = gaz._resolve_reference(text, seen["kept"], True, frozenset({"BF"}))
    assert [(m.text, m.place.key, m.confidence) for m in got] == [
        (m.text, m.place.key, m.confidence) for m in want]


@pytest.mark.parametrize("name,key", [
    ("Kasai Occidental", "gn:214140"),
    ("Kasaï-Occidental", "gn:214140"),
    ("West Kasai", "gn:214140"),
    ("Kasai-Oriental", "gn:214138"),
])
def test_former_kasai_provinces(gaz: Gazetteer, name: str, key: str) -> None:
    assert gaz.candidates(name, limit=1)[0].key == key
    got = _places(gaz, f"Ebola cases were reported in {name}, DR Congo.")
    assert got[name][1] == key


def test_focused_twin_shares_the_index_and_leaves_the_original_alone(gaz: Gazetteer) -> None:
    twin = gaz.focused(["bf"])
    assert twin.index is gaz.index
    assert twin.focus_countries == frozenset({"BF"})
    assert gaz.focus_countries == frozenset()
    text = "Militants attacked Bam on Monday."
    assert [m.country_code for m in twin.parse(text)] == ["BF"]
    assert [m.country_code for m in gaz.parse(text)] != ["BF"]


@pytest.mark.parametrize("text", [
    "Des hommes armés ont tué des villageois à Solhan, dans la province du Yagha.",
    "Gunmen killed villagers in Solhan, in Yagha province.",
])
def test_a_province_named_surely_tells_the_country(gaz, text: str) -> None:
    """A second-level division says which country the text is in, as a first-level one does:
    Burkina Faso's village Solhan, not Turkey's town, beside Yagha province."""
    assert _places(gaz, text)["Solhan"][0] == "BF"
