"""Property-based tests the other files do not have: the name normaliser and the geoparser
on any text, a GeoJSON file of many arbitrary events read back event by event, and CSV
export of arbitrary text never starting a cell with a formula trigger.

Already elsewhere: ``tests/test_dates_robustness.py`` (any date string),
``tests/test_sources_fuzz.py`` (the source readers), ``tests/test_import_geojson.py``
(export → import → export bytes of one event), ``tests/test_export_csv.py`` (fast rows ==
generic rows) and ``tests/test_export_geojson.py`` (the ``events()`` strategy reused here).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_export_geojson import events as event_strategy

from eventmap.export import write_csv, write_geojson
from eventmap.export.csv import COLUMNS, FORMULA_TRIGGERS, NUMERIC_COLUMNS
from eventmap.imports import read_geojson
from eventmap.model import Event
from gazetteer import BadInput, default_gazetteer
from gazetteer.normalize import fold, fold_word, normalize_text, strip_article, tokenize

# Any text, weighted towards what trips normalisers: apostrophes, combining marks, Arabic
# and French articles, separators, full-width and line-separator characters.
TRICKY = st.sampled_from(
    [
        "'",
        "’",
        "ʿ",
        "`",
        "l'",
        "d’",
        "al-",
        "as ",
        "el ",
        "St. ",
        "Mt ",
        "\u0301",
        "\u0308",
        "\u2028",
        "\u2029",
        "\r\n",
        "|",
        ".",
        "«",
        "»",
        "—",
        "ß",
        "ﬁ",
        "İ",
        "ǅ",
        "\u200b",
        "\ufeff",
        "\uff1d",
        "Ⅻ",
        "²",
        "١٢",
        "بغداد",
        "Мосул",
        "\x00",
        "\x1f",
        "=",
        "@",
    ]
)
ANY_TEXT = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(TRICKY, st.text(max_size=6)), max_size=40).map("".join),
)
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(ANY_TEXT)
def test_tokens_map_back_inside_the_text(text: str) -> None:
    tokens = tokenize(text)
    last_end = 0
    for tok in tokens:
        assert 0 <= last_end <= tok.start < tok.end <= len(text)
        assert text[tok.start : tok.end].startswith(tok.raw)
        assert tok.folded and tok.folded.isascii() and tok.folded.isalnum()
        assert tok.gap_before in ("", " ", "|")
        last_end = tok.end
    assert (tokens[0].gap_before == "") if tokens else True


@FAST
@given(ANY_TEXT)
def test_normalised_text_maps_to_its_tokens(text: str) -> None:
    norm = normalize_text(text)
    assert len(norm.starts) == len(norm.ends) == len(norm.tokens)
    for pos, i in norm.starts.items():
        tok = norm.tokens[i]
        assert norm.text[pos : pos + len(tok.folded)] == tok.folded
        assert norm.ends[pos + len(tok.folded)] == i
        assert 0 <= tok.start < tok.end <= len(text)
    assert set(norm.text) <= set("abcdefghijklmnopqrstuvwxyz0123456789 |")


@FAST
@given(ANY_TEXT)
@example("AS ST<A")  # an article before an abbreviation written out: once folded, stable
@example("as Saint a")
def test_fold_is_total_ascii_and_stable(text: str) -> None:
    key = fold(text)
    assert key == normalize_text(text).text or key == fold(text.strip())
    assert key.isascii()
    assert fold(key) == key  # a key folds to itself: index and text meet
    for word in text.split():
        assert fold_word(word).isascii()
    stripped = strip_article(key)
    assert stripped is None or (key.startswith("al ") and key.endswith(stripped))


@pytest.fixture(scope="module")
def gazetteer():  # type: ignore[no-untyped-def]
    return default_gazetteer()


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(ANY_TEXT)
def test_geoparse_any_text_offsets_inside_or_bad_input(gazetteer, text: str) -> None:  # type: ignore[no-untyped-def]
    try:
        mentions = gazetteer.parse(text)
    except BadInput as exc:  # the one documented error: binary-looking or oversized text
        assert "\x00" in text or "control" in str(exc) or "limit" in str(exc), exc
        return
    for m in mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(event_strategy(), max_size=8))
def test_geojson_file_round_trip_of_many_events(tmp_path: Path, events: list[Event]) -> None:
    path = tmp_path / "events.geojson"
    assert write_geojson(events, path) == len(events)
    result = read_geojson(path)
    back = list(result.events)
    assert result.rejected == []
    assert len(back) == len(events)
    for before, after in zip(events, back, strict=True):
        expected = before.to_properties()
        assert after.to_properties() == expected
        assert after.latitude == round(before.latitude, 6)
        assert after.longitude == round(before.longitude, 6)


@settings(max_examples=300, deadline=None)
@given(
    event_strategy(),
    st.lists(
        st.one_of(
            ANY_TEXT,
            st.sampled_from(
                [
                    "=1+1",
                    "+1",
                    "-1",
                    "@A1",
                    "\t=1",
                    "\r=1",
                    "\n=1",
                    "\uff1d1",
                    "\uff0b1",
                    "\uff0d1",
                    "\uff201",
                    '=HYPERLINK("http://x")',
                ]
            ),
        ),
        min_size=6,
        max_size=6,
    ),
)
def test_csv_never_starts_a_text_cell_with_a_trigger(event: Event, texts: list[str]) -> None:
    event = event.with_changes(
        place=texts[0],
        quote=texts[1],
        actors=[texts[2], texts[3]],
        source_title=texts[4],
        source_url=texts[5],
        mention=texts[0],
    )
    out = io.StringIO()
    assert write_csv([event], out) == 1
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert rows[0] == list(COLUMNS) and len(rows) == 2
    for name, cell in zip(COLUMNS, rows[1], strict=True):
        if name not in NUMERIC_COLUMNS:
            assert not cell.startswith(("=", "+", "-", "@", *FORMULA_TRIGGERS)), (name, cell)
