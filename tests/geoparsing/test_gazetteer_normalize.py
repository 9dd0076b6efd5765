"""The normaliser: names and texts fold to the same keys, offsets stay exact."""

from __future__ import annotations

import pytest

from gazetteer.normalize import fold, normalize_text, strip_article, tokenize


@pytest.mark.parametrize(
    "name, key",
    [
        ("Bagdad", "bagdad"),
        ("BAGDAD", "bagdad"),
        ("Aïn al-Asad", "ain al asad"),
        ("Ain al Asad", "ain al asad"),
        ("Aïn el-Asad", "ain al asad"),  # el- is the same article
        ("ad-Diwaniyah", "al diwaniyah"),  # assimilated article (sun letter)
        ("Ad Dīwānīyah", "al diwaniyah"),
        ("as-Sulaymaniyah", "al sulaymaniyah"),
        ("ash-Sham", "al sham"),
        ("an-Najaf", "al najaf"),
        ("Salah ad-Din", "salah al din"),  # before a capitalised word of three letters too
        ("Salah al-Din", "salah al din"),
        ("Deir ez-Zor", "deir al zor"),
        ("Karbalā’", "karbala"),  # hamza mark dropped
        ("Baʿqubah", "baqubah"),  # ʿayn dropped
        ("Ba‘qūbah", "baqubah"),
        ("l'Irak", "l irak"),  # French elision split off
        ("L’Irak", "l irak"),
        ("d'Irak", "d irak"),
        ("Iraq's", "iraq s"),  # English possessive
        ("O'Leary", "oleary"),  # an apostrophe inside a name joins
        ("Saint-Étienne", "saint etienne"),
        ("Straße", "strasse"),
        ("São Paulo", "sao paulo"),
        ("syro-irakienne", "syro irakienne"),
        ("Washington, D.C.", "washington|d c"),  # a comma is a hard separator
        ("  Mossoul  ", "mossoul"),
    ],
)
def test_fold(name: str, key: str) -> None:
    assert fold(name) == key


@pytest.mark.parametrize("text", ["as Iraq", "an Iraqi town", "en France", "ad din", "es sol"])
def test_articles_only_before_their_own_letter(text: str) -> None:
    # English "as"/"an" and French "en" are not Arabic articles
    assert "al" not in fold(text).split()


def test_strip_article() -> None:
    assert strip_article("al anbar") == "anbar"
    assert strip_article("al x") is None  # too short to stand alone
    assert strip_article("anbar") is None


@pytest.mark.parametrize(
    "text",
    [
        "À l’aéroport de Bagdad, près d'Aïn al-Asad.",
        "Cafe\u0301 in Mosul",  # decomposed accent stays inside the word
        "ʿAyn al-ʾAsad — Iraq's west",
        "emoji 🙂 then Baghdad",
    ],
)
def test_offsets_map_back_exactly(text: str) -> None:
    nt = normalize_text(text)
    for tok in nt.tokens:
        assert text[tok.start : tok.end].strip() != ""
        assert tok.folded  # every token folds to something
    # every folded token starts where the map says
    for pos, i in nt.starts.items():
        assert nt.text[pos : pos + len(nt.tokens[i].folded)] == nt.tokens[i].folded


def test_tokens_case_facts() -> None:
    toks = tokenize("Speaker Nancy Pelosi. the US Army")
    by = {t.raw: t for t in toks}
    assert by["Speaker"].sentence_initial
    assert by["Nancy"].upper_initial and not by["Nancy"].sentence_initial
    assert by["US"].all_caps
    assert not by["the"].upper_initial
