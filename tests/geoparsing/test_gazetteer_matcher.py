"""The span finder: word-aligned, longest match, capitalised chunks and lower-case adjectives."""

from __future__ import annotations

import pytest
from phrase_paths import both_phrase_paths

from gazetteer.matcher import iter_chunks


@pytest.mark.parametrize(
    "text, chunks",
    [
        ("troops left Baghdad for New York City.", ["Baghdad", "New York City"]),
        ("près d'al-Anbar et de Bagdad", ["d'al-Anbar et de Bagdad"]),  # a search region only
        ("près d'al-Anbar, puis Bagdad", ["d'al-Anbar", "Bagdad"]),
        ("à Aïn al-Asad", ["Aïn al-Asad"]),
        ("the U.S. Army", ["U.S. Army"]),
        ("Bosnia and Herzegovina", ["Bosnia", "Herzegovina"]),
        ("Saint-Pierre-et-Miquelon", ["Saint-Pierre-et-Miquelon"]),
        ("Port-au-Prince and St. Marc", ["Port-au-Prince", "St. Marc"]),
        ("an iPhone in Paris", ["Paris"]),
        ("the Democratic Republic of the Congo", ["Democratic Republic of the Congo"]),
        ("Dar es Salaam", ["Dar es Salaam"]),
        ("Bank of America", ["Bank of America"]),
    ],
)
def test_chunks(text: str, chunks: list[str]) -> None:
    assert [text[s:e] for s, e in iter_chunks(text)] == chunks


def test_longest_match_wins(gaz) -> None:
    spans, _ = gaz._matcher.find("He flew to New York City and then to York.")
    assert [s.text for s in spans] == ["New York City", "York"]


def test_word_aligned_only(gaz) -> None:
    spans, _ = gaz._matcher.find("Iraqis and Parisians")  # no "Iraq" inside "Iraqis"
    assert all(s.text not in ("Iraq", "Paris") for s in spans)


def test_lowercase_words_are_not_names(gaz) -> None:
    spans, _ = gaz._matcher.find("the police said the bath was nice")
    assert spans == []


def test_lowercase_adjectives(gaz) -> None:
    spans, _ = gaz._matcher.find("la frontière syro-irakienne et les forces américaines")
    assert [s.text for s in spans] == ["syro", "irakienne", "américaines"]
    assert all(s.lowercase for s in spans)


def test_person_runs(gaz) -> None:
    _, persons = gaz._matcher.find("Speaker Nancy Pelosi met Qasim al-Araji in Hong Kong.")
    assert {"qasim", "araji"} <= persons
    assert "hong" not in persons  # covered by one place name


def test_many_matches_is_fast_enough_to_not_time_out(gaz) -> None:
    text = "Bagdad, Mossoul, Kirkouk et Bassora. " * 2000
    spans, _ = gaz._matcher.find(text)
    assert len(spans) == 8000


@pytest.mark.parametrize(
    "phrase",
    ["New York City", "Port-au-Prince", "U.S. Army", "Aïn al-Asad", "St. Marc", "as Sulaymaniyah",
     "Democratic Republic of the Congo", "São Paulo", "Qasim al-Araji", "Lee Myung-Bak", "ÉTATS-UNIS"],
)
def test_simple_phrases_match_like_the_tokenizer(gaz, phrase: str) -> None:
    fast, slow, fast_persons, slow_persons = both_phrase_paths(gaz, f"Near {phrase} today",
                                                               phrase, 5)
    assert fast == slow
    assert [p[:2] + p[3:] for p in fast_persons] == [p[:2] + p[3:] for p in slow_persons]


@pytest.mark.parametrize("name", ["Tripoli", "Paris", "Bagdad", "Texas", "Georgia", "Mexico"])
def test_ranked_records_are_rank_score_without_context(gaz, name: str) -> None:
    from gazetteer import rank
    from gazetteer.normalize import fold

    ix = gaz.index
    cands = gaz._cands_for_key(fold(name))
    assert len(cands) > 1
    scores = rank.score(cands)
    best = max(range(len(cands)), key=scores.__getitem__)
    a, _ = ix.ranked(ix.key_id(fold(name)))
    assert ix.rk_place[a] == cands[best].pid
    assert abs(ix.q_conf[ix.post_multi[ix.key_id(fold(name))]] - rank.confidence(scores, best)) < 1e-9
