"""Plain text and Markdown into a ``Document``: the one place documents are built.

Every reader (files, HTML, feeds, stdin) ends here, so ids, normalisation, language and
the "empty" check are the same whatever the source.
"""

from __future__ import annotations

import datetime as dt
import re

from eventmap.errors import BadInput
from eventmap.model import Document, text_id
from eventmap.sources.base import normalise_text
from eventmap.sources.decode import decode_bytes
from eventmap.sources.frontmatter import split_front_matter
from eventmap.sources.language import detect_language

_MD_HEADING = re.compile(r"^[ ]{0,3}#[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_MD_TITLE_WINDOW = 500  # a heading further down is a section, not the title


def make_document(
    text: str,
    *,
    source: str,
    title: str | None = None,
    url: str | None = None,
    published: dt.date | None = None,
    language: str | None = None,
    kind: str = "text",
    path: str | None = None,
) -> Document:
    """A document from already-extracted text; BadInput when nothing readable is left."""
    text = normalise_text(text)
    if not text.strip():
        raise BadInput(source, "empty")
    return Document(
        id=text_id(text),
        text=text,
        title=_clean_title(title),
        url=url or None,
        language=language or detect_language(text),
        published=published,
        kind=kind,
        path=path,
    )


def read_text(
    text: str,
    *,
    title: str | None = None,
    url: str | None = None,
    published: dt.date | None = None,
    source: str = "<text>",
    language: str | None = None,
    kind: str = "text",
    path: str | None = None,
) -> Document:
    """A document from a text as given (no front matter handling: the text is the text)."""
    if not isinstance(text, str):
        raise TypeError(f"read_text expects str, not {type(text).__name__}")
    return make_document(text, source=source, title=title, url=url, published=published,
                         language=language, kind=kind, path=path)


def read_text_file(
    text: str,
    *,
    source: str,
    kind: str = "text",
    path: str | None = None,
    published: dt.date | None = None,
) -> Document:
    """A text or Markdown file's content: front matter first, then the body as the text."""
    text = normalise_text(text)
    meta, body = split_front_matter(text, source=source)
    title = meta.title if meta else None
    if title is None and kind == "markdown":
        heading = _MD_HEADING.search(body, 0, _MD_TITLE_WINDOW)
        title = heading.group(1) if heading else None
    return make_document(
        body,
        source=source,
        title=title,
        url=meta.url if meta else None,
        published=(meta.published if meta and meta.published else published),
        language=meta.language if meta else None,
        kind=kind,
        path=path,
    )


def read_bytes_as_text(data: bytes, *, source: str = "<bytes>") -> str:
    """Decoded, normalised text of raw bytes (for callers that need the text, not a document)."""
    return normalise_text(decode_bytes(data, source=source))


def _clean_title(title: str | None) -> str | None:
    if title is None:
        return None
    cleaned = " ".join(normalise_text(str(title)).split())
    return cleaned or None
