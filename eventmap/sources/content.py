"""Deciding what a blob of bytes is (text, Markdown, HTML page, feed) and reading it.

Files, standard input and URLs all arrive here as bytes plus a hint (a file extension or
an HTTP content type); the hint decides first, and sniffing the first bytes settles the
cases hints get wrong (a feed served as text/html, a page saved as .xml).
"""

from __future__ import annotations

import datetime as dt
import re

from eventmap.errors import BadInput
from eventmap.model import Document
from eventmap.sources.decode import binary_kind, decode_bytes
from eventmap.sources.feeds import looks_like_feed, read_feed
from eventmap.sources.html import read_html
from eventmap.sources.text import read_text_file

#: File extensions read from folders, and the kind each one is read as.
EXTENSIONS: dict[str, str] = {
    ".txt": "text", ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
}

_HTML_START = re.compile(
    rb"\A(?:\xef\xbb\xbf)?(?:\s|<\?xml[^>]*\?>|<!--.*?-->)*<(?:!doctype\s+html|html|head|body)[\s>]",
    re.IGNORECASE | re.DOTALL,
)


def looks_like_html(data: bytes) -> bool:
    """True when ``data`` opens as an HTML document (doctype, <html>, <head> or <body>)."""
    return bool(_HTML_START.match(data[:4096]))


def kind_from_content_type(content_type: str | None) -> str | None:
    """The kind an HTTP content type announces, or None to decide by sniffing."""
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if media in ("application/rss+xml", "application/atom+xml", "application/rdf+xml"):
        return "feed"
    if media in ("text/html", "application/xhtml+xml"):
        return "html"
    if media == "application/xml" or media == "text/xml" or media.endswith("+xml"):
        return "xml"
    return None


def read_bytes(
    data: bytes,
    *,
    name: str,
    kind: str | None = None,
    content_type: str | None = None,
    url: str | None = None,
    path: str | None = None,
    published: dt.date | None = None,
    text_kind: str = "text",
) -> list[Document]:
    """Documents in ``data``: one for a text or a page, one per item for a feed.

    ``kind`` ("text", "markdown", "html", "feed") comes from a file extension; without it
    the content type, then the bytes themselves, decide. ``text_kind`` names plain text
    read this way ("stdin" for standard input). BadInput says why nothing could be read.
    """
    if not data.strip():
        raise BadInput(name, "empty")
    reason = binary_kind(data)
    if reason:
        raise BadInput(name, "binary file" if reason == "binary file" else f"binary file ({reason})")
    kind = _decide(data, kind, content_type)
    if kind == "feed":
        return read_feed(data, url=url, source=name, published=published,
                         content_type=content_type, path=path)
    if kind == "html":
        return [read_html(data, url=url, source=name, published=published,
                          content_type=content_type, path=path)]
    text = decode_bytes(data, source=name, content_type=content_type)
    doc = read_text_file(text, source=name, kind=text_kind if kind == "text" else kind,
                         path=path, published=published)
    if url and not doc.url:
        doc.url = url
    return [doc]


def _decide(data: bytes, kind: str | None, content_type: str | None) -> str:
    """Final kind: the hint, corrected by what the bytes show."""
    hint = kind or kind_from_content_type(content_type)
    if hint in ("feed", "xml"):
        if not looks_like_feed(data) and looks_like_html(data):
            return "html"
        return "feed"  # read_feed says what is wrong when it is no feed
    if hint in ("markdown", "text"):
        return hint
    if looks_like_feed(data):
        return "feed"
    if hint == "html" or looks_like_html(data):
        return "html"
    return "text"
