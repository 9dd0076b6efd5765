"""HTML pages into documents: the article's main text, title and publication date.

trafilatura finds the main text and reads the page's metadata (title, date from meta tags,
JSON-LD, ``<time>``…). When it finds nothing (a short page, a fragment), our own
block-aware text dump is used instead. Both drop scripts, styles and other non-text
elements, so hostile markup never reaches ``Document.text``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from typing import Any

from eventmap.errors import BadInput
from eventmap.model import Document
from eventmap.sources.base import normalise_text
from eventmap.sources.decode import decode_bytes
from eventmap.sources.language import detect_language, language_tag
from eventmap.sources.text import make_document

log = logging.getLogger(__name__)

#: Elements whose content is never article text (code, styling, embedded objects, forms).
NON_TEXT = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "applet",
    "svg", "math", "canvas", "video", "audio", "select", "textarea", "button", "head",
)
#: Elements that start a new line in the text dump.
BLOCKS = frozenset(
    ["address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul"]
)
_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*\?>")
_WHITESPACE = re.compile(r"\s+")
_SPACES = re.compile(r"[ \t\f\v\u00a0\u200b]+")


def read_html(
    html: str | bytes,
    *,
    url: str | None = None,
    source: str | None = None,
    published: dt.date | None = None,
    content_type: str | None = None,
    path: str | None = None,
) -> Document:
    """The page's main text as a document; title, date and language from its metadata.

    ``published`` is used only when the page declares no date. BadInput when the page
    holds no text.
    """
    name = source or url or path or "<html>"
    markup = decode_bytes(html, source=name, content_type=content_type) if isinstance(
        html, bytes) else html
    markup = _XML_DECLARATION.sub("", normalise_text(markup), count=1)
    if not markup.strip():
        raise BadInput(name, "empty")
    tree = _parse(markup)
    extracted = _trafilatura(markup, url)
    text = extracted.get("text") or ""
    title = extracted.get("title")
    if not text.strip():
        text = html_to_text(tree, body_only=True) if tree is not None else ""
        title = title or (_page_title(tree) if tree is not None else None)
    elif tree is not None:
        text = _with_captions(text, tree)
    if not text.strip():
        raise BadInput(name, "no text in the HTML page")
    if title and not _starts_with(text, title):
        text = f"{title}\n\n{text}"
    language = detect_language(text)
    if language == "und" and tree is not None:
        language = language_tag(tree.get("lang") or tree.get("xml:lang")) or "und"
    return make_document(
        text,
        source=name,
        title=title,
        url=url,
        published=extracted.get("date") or published,
        language=language,
        kind="html",
        path=path,
    )


def html_to_text(root: Any, *, body_only: bool = False) -> str:
    """Visible text of an lxml tree, one line per block, non-text elements dropped."""
    from lxml import etree

    root = _copy(root)
    if body_only:
        body = root.find(".//body")
        root = body if body is not None else root
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    etree.strip_elements(root, *NON_TEXT, with_tail=False)
    parts: list[str] = []
    in_pre = 0  # inside <pre>, line breaks are the author's; elsewhere they are spaces

    def add(text: str | None) -> None:
        if text:
            parts.append(text if in_pre else _WHITESPACE.sub(" ", text))

    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        block = tag in BLOCKS
        if event == "start":
            in_pre += tag == "pre"
            if block:
                parts.append("\n")
            add(element.text)
        else:
            in_pre -= tag == "pre"
            if block:
                parts.append("\n")
            if element is not root:
                add(element.tail)
    lines = (_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def fragment_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed item's summary); plain text passes through."""
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    tree = _parse(f"<div>{fragment}</div>")
    return html_to_text(tree) if tree is not None else ""


def _parse(markup: str) -> Any:
    """lxml tree of the markup, or None when lxml finds no document in it."""
    import lxml.html
    from lxml import etree

    try:
        return lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        return None


def _copy(root: Any) -> Any:
    from copy import deepcopy

    return deepcopy(root)


def _trafilatura(markup: str, url: str | None) -> dict[str, Any]:
    """trafilatura's text, title and date; {} when it gives up (or fails) on the page."""
    import trafilatura

    params = {
        "original_date": True,
        "extensive_search": False,  # dates from the page's metadata, not guessed from prose
        "min_date": "1900-01-01",
        "max_date": dt.date.today().isoformat(),
    }
    try:
        result = trafilatura.bare_extraction(
            markup, url=url, with_metadata=True, include_comments=False,
            include_images=False, include_links=False, date_extraction_params=params,
        )
    except Exception as exc:  # noqa: BLE001 - a parser crash on hostile markup: use our dump
        log.debug("trafilatura failed on %s: %r", url, exc)
        return {}
    if result is None:
        return {}
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    date = None
    if data.get("date"):
        try:
            date = dt.date.fromisoformat(str(data["date"])[:10])
        except ValueError:
            date = None
    return {"text": data.get("text") or "", "title": data.get("title"), "date": date}


def _with_captions(text: str, tree: Any) -> str:
    """Put back the article's photo captions that trafilatura drops, after the paragraph
    they follow: a caption often dates and places an older event (the pipeline must see it
    to keep that event apart from the article's)."""
    lines = text.split("\n")
    keys = [" ".join(line.split()) for line in lines]
    for caption in tree.xpath("//article//figcaption | //main//figcaption"):
        words = " ".join(html_to_text(caption).split())
        if not words or any(words in key for key in keys):
            continue
        at = len(lines)
        before = caption.xpath("preceding::p[1]")
        if before:
            previous = " ".join(html_to_text(before[0]).split())
            at = next((i + 1 for i, key in enumerate(keys) if previous and key == previous),
                      len(lines))
        lines.insert(at, words)
        keys.insert(at, words)
    return "\n".join(lines)


def _page_title(tree: Any) -> str | None:
    for xpath in ("//title", "//h1"):
        found = tree.xpath(xpath)
        if found:
            text = " ".join(html_to_text(found[0]).split())
            if text:
                return text
    return None


def _starts_with(text: str, title: str) -> bool:
    """True when the text already opens with the title (trafilatura often keeps the h1)."""
    head = " ".join(text[: len(title) + 200].split()).casefold()
    return " ".join(title.split()).casefold() in head
