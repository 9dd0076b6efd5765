"""Texts into documents: normalisation, ids, language, front matter, and no crash on any text."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventmap.errors import BadInput
from eventmap.model import Document
from eventmap.sources import detect_language, normalise_text, read_html, read_text
from eventmap.sources.frontmatter import split_front_matter
from eventmap.sources.text import read_text_file

#: A longer fuzz run: EVENTMAP_FUZZ_EXAMPLES=5000
EXAMPLES = int(os.environ.get("EVENTMAP_FUZZ_EXAMPLES", "120"))

FR = ("Un convoi logistique a été visé jeudi par un engin explosif près de Diwaniyah, "
      "dans le sud de l'Irak, selon des sources sécuritaires.")
EN = ("A logistics convoy was hit on Thursday by a roadside bomb near Diwaniyah, in "
      "southern Iraq, security sources said.")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("a\r\nb\rc\u2028d", "a\nb\nc\nd"),
        ("e\u0301te\u0301", "été"),  # NFC: offsets count one character per letter
        ("\ufeffBOM first", "BOM first"),
        ("nul\x00byte", "nulbyte"),
        ("  kept  as written \n\n", "  kept  as written \n\n"),
        ("lone \ud800 surrogate", "lone ? surrogate"),
    ],
)
def test_normalise_text(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


def test_read_text_builds_a_document_with_provenance() -> None:
    doc = read_text(FR, title="Convoi", url="https://example.org/a", published=dt.date(2021, 12, 9))
    assert isinstance(doc, Document)
    assert doc.text == FR
    assert (doc.title, doc.url, doc.published, doc.language, doc.kind) == (
        "Convoi", "https://example.org/a", dt.date(2021, 12, 9), "fr", "text")


def test_same_text_twice_gives_the_same_id() -> None:
    first = read_text(EN, source="one")
    again = read_text(EN.replace("\n", "\r\n"), source="two", title="other title")
    assert first.id == again.id
    assert read_text(FR).id != first.id


@pytest.mark.parametrize("text", ["", "   \n\t ", "\x00\x00"])
def test_empty_text_is_bad_input(text: str) -> None:
    with pytest.raises(BadInput, match="empty"):
        read_text(text, source="blank.txt")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (FR, "fr"),
        (EN, "en"),
        ("Bagdad", "und"),  # too short to tell
        ("12 345 678 — 2021-12-09", "und"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_front_matter_is_metadata_not_text() -> None:
    raw = (
        "---\n"
        "title: Convoi visé près de Diwaniyah\n"
        "published: 2021-12-09\n"
        "url: https://example.org/convoi\n"
        "language: fr\n"
        "---\n"
        f"{FR}\n"
    )
    doc = read_text_file(raw, source="convoi.md", kind="markdown")
    assert doc.text == FR + "\n"
    assert doc.title == "Convoi visé près de Diwaniyah"
    assert doc.published == dt.date(2021, 12, 9)
    assert doc.url == "https://example.org/convoi"
    assert doc.language == "fr"
    assert doc.id == read_text(FR).id  # the id is the article's, whatever its metadata


def test_front_matter_date_wins_over_the_callers_date() -> None:
    raw = f"---\npublished: 2020-01-03\n---\n{EN}"
    doc = read_text_file(raw, source="a.txt", published=dt.date(1999, 1, 1))
    assert doc.published == dt.date(2020, 1, 3)
    plain = read_text_file(EN, source="b.txt", published=dt.date(1999, 1, 1))
    assert plain.published == dt.date(1999, 1, 1)


def test_a_bad_front_matter_date_names_the_file_and_line() -> None:
    raw = f"---\ntitle: x\npublished: next Tuesday\n---\n{EN}"
    with pytest.raises(BadInput) as caught:
        read_text_file(raw, source="bad.md", kind="markdown")
    assert caught.value.line == 3
    assert "bad.md:3" in str(caught.value) and "YYYY-MM-DD" in str(caught.value)


@pytest.mark.parametrize(
    "raw",
    [
        "---\n\nA rule, then text, then another rule\n\n---\nmore",  # YAML, but not a mapping
        "---\ntitle: [unclosed\n---\nbody",  # not YAML at all
        "--- not a front matter opener\n---\n",
        "no front matter\n---\nat the top",
    ],
)
def test_text_that_only_looks_like_front_matter_is_kept(raw: str) -> None:
    meta, body = split_front_matter(raw, source="x.md")
    assert meta is None and body == raw


def test_markdown_title_falls_back_to_the_first_heading() -> None:
    doc = read_text_file(f"# Convoys hit in Babil\n\n{EN}\n", source="c.md", kind="markdown")
    assert doc.title == "Convoys hit in Babil"
    assert doc.text.startswith("# Convoys hit in Babil")


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(exclude_categories=()), max_size=300))
def test_read_text_never_raises_anything_but_bad_input(text: str) -> None:
    try:
        doc = read_text(text)
    except BadInput:
        return
    assert doc.text.strip()
    doc.text.encode("utf-8")  # always storable


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.text(max_size=300),
    st.binary(max_size=300),
    st.lists(st.sampled_from([
        "<script>", "</script>", "<p>", "</p>", "<html>", "<body>", "<!--", "-->", "<![CDATA[",
        "<?xml version='1.0' encoding='latin-1'?>", "<title>", "&amp;", "&#0;", "&#xD800;",
        "<meta charset='x-unknown'>", "<style>", "<div onclick='x()'>", "Bagdad", "\x00", " ",
    ]), max_size=30).map("".join),
))
def test_read_html_never_raises_anything_but_bad_input(markup: str | bytes) -> None:
    try:
        doc = read_html(markup, source="fuzz.html")
    except BadInput:
        return
    assert doc.text.strip()
    assert "<script" not in doc.text.lower() or "<script" in str(markup).lower()
