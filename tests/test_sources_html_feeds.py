"""HTML pages and feeds: main text and metadata in, scripts and markup out."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from eventmap.errors import BadInput
from eventmap.sources import read_feed, read_html

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
LEAKS = ("MUST_NOT_APPEAR", "alert(", "document.write", "window.", "background:", "tracker")


def test_html_page_main_text_title_date_and_language() -> None:
    raw = (FIXTURES / "hostile_page.html").read_bytes()
    doc = read_html(raw, url="https://example.org/seisme", published=dt.date(1999, 1, 1))
    assert doc.title == "Séisme dans le sud de la Turquie et le nord de la Syrie"
    assert doc.published == dt.date(2023, 2, 7)  # the page's metadata wins over the caller's
    assert (doc.language, doc.kind, doc.url) == ("fr", "html", "https://example.org/seisme")
    assert "magnitude 7,8 a frappé lundi 6 février" in doc.text
    assert "Kahramanmaraş" in doc.text
    # the photo caption trafilatura drops is put back after its paragraph
    lines = doc.text.split("\n")
    caption = lines.index("Des sauveteurs à Gaziantep, le 6 février 2023.")
    assert "Les équipes de secours" in lines[caption - 1]


@pytest.mark.parametrize("use_fallback", [False, True])
def test_hostile_html_leaks_no_script_text(use_fallback: bool, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    from eventmap.sources import html

    if use_fallback:  # our own text dump, used when trafilatura gives up
        monkeypatch.setattr(html, "_trafilatura", lambda markup, url: {})
    doc = read_html((FIXTURES / "hostile_page.html").read_text(encoding="utf-8"))
    assert "Gaziantep" in doc.text
    for leak in LEAKS:
        assert leak not in doc.text
        assert leak not in (doc.title or "")


def test_short_page_without_metadata_uses_the_callers_date() -> None:
    doc = read_html("<html><body><p>Tirs de roquettes sur Erbil.</p><script>x=1</script>"
                    "</body></html>", published=dt.date(2022, 3, 13))
    assert doc.text == "Tirs de roquettes sur Erbil."
    assert doc.published == dt.date(2022, 3, 13)


def test_declared_charset_is_honoured() -> None:
    body = "<p>Réunion à Genève sur la Syrie : les délégations arrivent.</p>"
    raw = f'<html><head><meta charset="windows-1252"></head><body>{body}</body></html>'
    doc = read_html(raw.encode("cp1252"))
    assert "Réunion à Genève" in doc.text


@pytest.mark.parametrize("markup", ["", "   ", "<html><head><script>x()</script></head></html>",
                                    "<!-- only a comment -->"])
def test_page_without_text_is_bad_input(markup: str) -> None:
    with pytest.raises(BadInput):
        read_html(markup, source="blank.html")


def test_rss_feed_every_item_is_a_document() -> None:
    docs = read_feed((FIXTURES / "news.rss").read_bytes(), url="https://example.org/rss")
    assert [d.title for d in docs] == [
        "Manifestation à Bagdad", "Accord sur le retrait des troupes", "Floods in Derna"]
    first = docs[0]
    assert first.kind == "feed-item"
    assert first.url == "https://example.org/articles/bagdad-manifestation"
    assert first.published == dt.date(2019, 10, 25)
    assert first.text.startswith("Manifestation à Bagdad\n\nDes milliers de manifestants")
    assert "<p>" not in first.text and "FEED_SCRIPT" not in first.text
    assert [d.language for d in docs] == ["fr", "fr", "en"]
    assert docs[2].published is None  # no date on the item: the pipeline infers it later


def test_atom_feed_content_and_updated_dates() -> None:
    docs = read_feed((FIXTURES / "updates.atom").read_bytes(), published=dt.date(2000, 1, 1))
    assert [d.published for d in docs] == [dt.date(2021, 12, 9), dt.date(2021, 12, 10)]
    assert "Babil and al-Diwaniyah" in docs[0].text
    assert docs[1].url == "https://example.org/updates/ceasefire"


def test_empty_feed() -> None:
    with pytest.raises(BadInput, match="feed has no items"):
        read_feed((FIXTURES / "empty.rss").read_bytes(), url="https://example.org/empty")


def test_feed_reader_never_opens_what_its_bytes_name(tmp_path: Path) -> None:
    """feedparser opens file names and URLs given as strings: ours only parses bytes."""
    secret = tmp_path / "secret.rss"
    secret.write_bytes((FIXTURES / "news.rss").read_bytes())
    with pytest.raises(BadInput):
        read_feed(str(secret).encode())
    with pytest.raises(BadInput):
        read_feed(b"http://127.0.0.1:9/feed.xml")


def test_same_item_in_two_feeds_is_one_id() -> None:
    rss = read_feed((FIXTURES / "news.rss").read_bytes())
    item = rss[2]
    atom = (b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><entry><title>'
            + item.title.encode() + b"</title><summary>"
            + item.text.split("\n\n", 1)[1].encode() + b"</summary></entry></feed>")
    assert read_feed(atom)[0].id == item.id


def test_feed_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET_FILE_CONTENT", encoding="utf-8")
    feed = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
            '<rss version="2.0"><channel><title>t</title><item><title>Leak &x; here</title>'
            "<description>Une description assez longue pour former un texte.</description>"
            "</item></channel></rss>").encode()
    for doc in read_feed(feed):
        assert "SECRET_FILE_CONTENT" not in doc.text
