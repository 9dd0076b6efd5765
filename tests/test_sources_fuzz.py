"""Fuzzing the readers: whatever the bytes, a document or BadInput, never another exception."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventmap.errors import BadInput
from eventmap.sources import read_feed
from eventmap.sources.content import read_bytes

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
SEEDS = [p.read_bytes() for p in sorted(FIXTURES.iterdir())]
PIECES = [
    b"<rss version='2.0'>", b"<channel>", b"<item>", b"</item>", b"<title>", b"</title>",
    b"<description>", b"&lt;script&gt;", b"<feed xmlns='http://www.w3.org/2005/Atom'>",
    b"<entry>", b"<?xml version='1.0' encoding='utf-16'?>", b"<!DOCTYPE html>", b"<html>",
    b"<script>", b"---\n", b"title: [\n", b"published: 2021-13-45\n", b"\xef\xbb\xbf",
    b"\xff\xfe", b"\x00", b"\xe9", b"Bagdad", b" ", b"\n",
]
#: A longer fuzz run: EVENTMAP_FUZZ_EXAMPLES=5000 python3 -m pytest tests/test_sources_fuzz.py
EXAMPLES = int(os.environ.get("EVENTMAP_FUZZ_EXAMPLES", "120"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def mutated() -> st.SearchStrategy[bytes]:
    """Fixture files cut, spliced with markup pieces, or plain random bytes."""
    cut = st.tuples(st.sampled_from(SEEDS), st.integers(0, 4000), st.integers(0, 4000)).map(
        lambda t: t[0][: t[1]] + t[0][t[2]:])
    spliced = st.lists(st.sampled_from(PIECES), max_size=25).map(b"".join)
    return st.one_of(st.binary(max_size=400), cut, spliced)


@FUZZ
@given(data=mutated(), kind=st.sampled_from([None, "text", "markdown", "html", "feed"]),
       content_type=st.sampled_from([None, "text/html", "application/rss+xml", "text/plain",
                                     "application/xml; charset=bogus"]))
def test_read_bytes_gives_documents_or_bad_input(data: bytes, kind: str | None,
                                                 content_type: str | None) -> None:
    try:
        docs = read_bytes(data, name="fuzz", kind=kind, content_type=content_type)
    except BadInput:
        return
    assert docs
    for doc in docs:
        assert doc.text.strip() and "\x00" not in doc.text and "\r" not in doc.text
        doc.text.encode("utf-8")


@FUZZ
@given(data=mutated())
def test_read_feed_gives_documents_or_bad_input(data: bytes) -> None:
    try:
        docs = read_feed(data)
    except BadInput:
        return
    assert all(doc.kind == "feed-item" for doc in docs)
