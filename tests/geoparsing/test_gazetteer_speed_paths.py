"""The parser's shortcuts give what the computations they stand for give: each is checked
against that reference computation, on random inputs and on the sample articles."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest
from phrase_paths import both_phrase_paths

from gazetteer import context, geocoder, matcher, recognise, validate
from gazetteer.normalize import fold_word

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "data" / "samples").glob("*.md"))


def _random_texts(alphabet: str, n: int, seed: int, longest: int = 90) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest)))
            for _ in range(n)]


@pytest.mark.parametrize(("unicode_", "ascii_"), [
    (context._REV_WORD, context._REV_WORD_ASCII),
    (context._NEXT_WORD_AT, context._NEXT_WORD_AT_ASCII),
    (context._SECOND_WORD, context._SECOND_WORD_ASCII),
])
def test_ascii_patterns_match_as_the_unicode_ones_on_ascii_text(unicode_, ascii_) -> None:
    rng = random.Random(7)
    for text in _random_texts(string.printable + "ab _1.'\n" * 4, 20_000, seed=11):
        a = rng.randint(0, len(text))
        b = rng.randint(a, len(text) + 3)
        m1, m2 = unicode_.match(text, a, b), ascii_.match(text, a, b)
        assert (m1 is None) == (m2 is None), (text, a, b)
        if m1 is not None:
            assert [m1.span(i) for i in range(m1.re.groups + 1)] == [
                m2.span(i) for i in range(m2.re.groups + 1)], (text, a, b)


def test_second_word_after_is_the_second_of_the_words() -> None:
    def reference(text: str, end: int) -> str:
        words = context._WORDS.findall(text[end : end + 60])
        return fold_word(words[1]) if len(words) >= 2 else ""

    rng = random.Random(3)
    for text in _random_texts("ab Zé\u0301 .,-1'’\nİıßxyz", 20_000, seed=5):
        end = rng.randint(0, len(text))
        assert context._second_word_after(context._SECOND_WORD, text, end) == reference(
            text, end), (text, end)
        if text.isascii():
            assert context._second_word_after(context._SECOND_WORD_ASCII, text, end) == (
                reference(text, end)), (text, end)


def test_says_capital_is_the_case_blind_search() -> None:
    texts = _random_texts("cCaApPiItTlLİıKk \n", 50_000, seed=1, longest=12)
    texts += ["capital", "CAPİTAL", "capıtal", "la Capitale", "the Iraqi capital"]
    texts += [p.read_text(encoding="utf-8") for p in SAMPLES]
    for text in texts:
        assert geocoder._says_capital(text) == bool(geocoder._CAPITAL_WORD.search(text)), text


def test_has_control_is_the_control_search() -> None:
    texts = _random_texts("ab \n\t\r\x00\x07\x08\x0b\x0c\x0e\x1f\x7fé€\ud800", 20_000, seed=2, longest=8)
    texts += [chr(c) for c in range(0x3000)]
    for text in texts:
        assert validate._has_control(text) == bool(validate._CONTROL_RE.search(text)), repr(text)


@pytest.mark.parametrize("chunk", ["Kenya's", "WHO's", "China’s", "US's", "T's", "Nowhere's",
                                   "Al's", "St's", "Abcxyz's"])
def test_possessive_reads_as_the_tokenizer(gaz, chunk: str) -> None:
    text = f"In {chunk} office."
    base = text.index(chunk)
    fast: list = []
    slow: list = []
    handled = gaz._matcher._possessive(chunk, base, fast)
    gaz._matcher._phrase(text, chunk, base, slow, [])
    assert handled
    if handled:
        assert fast == slow


def test_possessive_phrases_read_as_the_tokenizer(gaz) -> None:
    """Phrases whose apostrophes are all of a possessive "'s" ("Canada's Broadcasting
    Corporation") go through the simple phrase reader: same spans and person words."""
    rng = random.Random(8)
    words = ["Canada", "CANADA", "Kenya", "United", "Kingdom", "Health", "of", "the", "al", "Al",
             "As", "St", "T", "Qu", "Queen", "Anne", "County", "People", "Ste", "El", "Abu",
             "New", "York", "Nancy", "Pelosi", "US", "U", "S", "Çatal", "Hüyük", "Ōsaka"]
    chunks = ["United Kingdom's Health Ministry", "Queen Anne's County", "People's Republic"]
    while len(chunks) < 3000:
        n = rng.randint(1, 5)
        parts = []
        for i in range(n):
            parts.append(rng.choice(words) + (rng.choice(["'s", "’s", "'S"])
                                                if rng.random() < 0.35 else ""))
            if i < n - 1:
                parts.append(rng.choice([" ", " ", "-", ". "]))
        chunk = "".join(parts)
        if (matcher.CHUNK_RE.fullmatch(chunk) and "'" in chunk.replace("’", "'")
                and matcher._NOT_POSSESSIVE.search(chunk) is None):
            chunks.append(chunk)
    for chunk in chunks:
        fast, slow, fast_persons, slow_persons = both_phrase_paths(gaz, f"In {chunk} today.",
                                                                   chunk, 3)
        assert sorted(fast) == sorted(slow), chunk
        assert matcher.person_words(fast_persons) == matcher.person_words(slow_persons), chunk


def test_add_phrases_keeps_the_spans_no_phrase_overlaps() -> None:
    rng = random.Random(4)

    def span(s: int, e: int) -> tuple:
        return (s, e, 0, 1, False, "", "", "", False, -1)

    for _ in range(3000):
        out = [span(s, s + rng.randint(1, 6)) for s in rng.sample(range(80), rng.randint(0, 20))]
        phrases = [span(s, s + rng.randint(2, 15)) for s in rng.sample(range(80), rng.randint(1, 5))]
        want_chosen: list = []
        for ph in sorted(phrases, key=lambda sp: (sp[0] - sp[1], sp[0])):
            if all(ph[1] <= c[0] or c[1] <= ph[0] for c in want_chosen):
                want_chosen.append(ph)
        want = [sp for sp in out if all(sp[1] <= c[0] or c[1] <= sp[0] for c in want_chosen)]
        got = list(out)
        matcher._add_phrases(phrases, got)
        assert sorted(got) == sorted(want + want_chosen)


def _person_runs_reference(folded, upper, soft, matches, out) -> None:
    """``matcher._person_runs`` as it was written first (a run flushed word by word)."""
    run: list[int] = []

    def flush() -> None:
        caps = [i for i in run if upper[i]]
        if len(caps) >= 2:
            lo, hi = run[0], run[-1] + 1
            if not any(i <= lo and hi <= i - neg for neg, i, _ in matches):
                out.update(folded[i] for i in caps)

    for i, f in enumerate(folded):
        article = f == "al" and not upper[i]
        name_like = upper[i] and context.zipf(f) < 4.0
        joined = i > 0 and (soft is None or soft[i]) and bool(run)
        if name_like or (article and run):
            if not joined:
                flush()
                run = []
            run.append(i)
        else:
            flush()
            run = []
    flush()


def test_person_runs_as_the_reference(gaz) -> None:
    phrases: list = []
    for p in SAMPLES:
        phrases += gaz._matcher.scan(p.read_text(encoding="utf-8"))[1]
    rng = random.Random(9)
    words = ["al", "nancy", "pelosi", "the", "hong", "kong", "qassem", "soleimani", "house"]
    for _ in range(3000):
        n = rng.randint(1, 7)
        phrases.append(([rng.choice(words) for _ in range(n)],
                        [rng.random() < 0.7 for _ in range(n)],
                        None if rng.random() < 0.5 else [rng.random() < 0.8 for _ in range(n)],
                        [(-rng.randint(1, 2), rng.randrange(n), 0)] if rng.random() < 0.3 else []))
    for folded, upper, soft, found in phrases:
        got: set[str] = set()
        want: set[str] = set()
        matcher._person_runs(folded, upper, soft, found, got)
        _person_runs_reference(folded, upper, soft, found, want)
        assert got == want, (folded, upper, soft, found)


@pytest.mark.parametrize("feature", ["country", "admin1", "city"])
def test_a_date_is_no_place_whatever_its_context(feature: str) -> None:
    """The parser skips a date (a calendar word) without reading its context."""
    best = context.SpanContext("in", "", False, True, "admin1", False, False, False, False)
    for word in context.lexicons.calendar_words():
        assert context.recognition(feature, "capital", 10**7, 0, 1, word, False, False, False,
                                   "", "", best, False) <= recognise.MIN_RECOGNITION
