"""RSS and Atom feeds: every item becomes a document (title + cleaned summary or content).

feedparser is always handed a stream, never a string: given a string that looks like a URL
or a file name it would fetch or open it, and feed bytes come from untrusted sources.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from eventmap.errors import BadInput
from eventmap.model import Document
from eventmap.sources.html import fragment_to_text
from eventmap.sources.language import detect_language, language_tag
from eventmap.sources.text import make_document

_FEED_ROOT = re.compile(rb"<(?:[A-Za-z0-9_-]+:)?(rss|feed|RDF)[\s>/]")
_PROLOG = re.compile(rb"\A(?:\s|<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.DOTALL)


def looks_like_feed(data: bytes) -> bool:
    """True when the first element of ``data`` is an RSS, Atom or RSS 1.0 (RDF) root."""
    head = data[:4096]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    start = _PROLOG.match(head)
    rest = head[start.end() if start else 0:]
    return bool(_FEED_ROOT.match(rest))


def read_feed(
    data: bytes,
    *,
    url: str | None = None,
    source: str | None = None,
    published: dt.date | None = None,
    content_type: str | None = None,
    path: str | None = None,
) -> list[Document]:
    """One document per item that has text; BadInput for a broken or empty feed."""
    import feedparser

    name = source or url or path or "<feed>"
    if not isinstance(data, bytes):
        raise TypeError(f"read_feed expects bytes, not {type(data).__name__}")
    headers = {}
    if url:
        headers["content-location"] = url
    if content_type:
        headers["content-type"] = content_type
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    broken = BadInput(name, "not a valid RSS/Atom feed" + _problem(parsed))
    if not parsed.entries:
        if parsed.get("bozo") and not parsed.get("version"):
            raise broken
        raise BadInput(name, "feed has no items")
    declared = language_tag(parsed.feed.get("language"))
    documents: list[Document] = []
    for position, entry in enumerate(parsed.entries, start=1):
        doc = _item_document(entry, name=f"{name}#item{position}", feed_url=url,
                             declared=declared, published=published, path=path)
        if doc is not None:
            documents.append(doc)
    if not documents:
        raise broken if parsed.get("bozo") else BadInput(name, "feed items have no text")
    return documents


def _problem(parsed: Any) -> str:
    """" (line 3: mismatched tag)" from feedparser's parse error, or ""."""
    exc = parsed.get("bozo_exception")
    if exc is None:
        return ""
    message = exc.getMessage() if hasattr(exc, "getMessage") else str(exc)
    line = exc.getLineNumber() if hasattr(exc, "getLineNumber") else None
    where = f"line {line}: " if line else ""
    return f" ({where}{message})" if message else ""


def _item_document(
    entry: Any,
    *,
    name: str,
    feed_url: str | None,
    declared: str | None,
    published: dt.date | None,
    path: str | None,
) -> Document | None:
    title = " ".join(fragment_to_text(entry.get("title") or "").split()) or None
    body = fragment_to_text(_item_body(entry))
    if title and body and " ".join(body.split()).casefold().startswith(title.casefold()):
        text = body
    else:
        text = "\n\n".join(part for part in (title, body) if part)
    if not text.strip():
        return None
    language = detect_language(text)
    if language == "und":
        language = language_tag(entry.get("language")) or declared or "und"
    link = entry.get("link")
    return make_document(
        text,
        source=name,
        title=title,
        url=link if isinstance(link, str) and link.startswith(("http://", "https://"))
        else feed_url,
        published=_item_date(entry) or published,
        language=language,
        kind="feed-item",
        path=path,
    )


def _item_body(entry: Any) -> str:
    """The fullest text the item offers: its content, else its summary."""
    contents = [c.get("value") or "" for c in entry.get("content") or []]
    best = max(contents, key=len, default="")
    summary = entry.get("summary") or ""
    return best if len(best) >= len(summary) else summary


def _item_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = dict.get(entry, key)  # plain lookup: no deprecated key aliasing
        if value:
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
            except (AttributeError, ValueError):
                continue
    return None
