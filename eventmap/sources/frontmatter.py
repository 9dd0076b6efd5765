"""YAML front matter (``---`` … ``---``) at the top of a Markdown or text file.

It carries metadata (title, published, url, language), not text: it is cut off before the
document's text is built, so offsets and ids depend on the article alone. A block that is
not a YAML mapping is not front matter (a Markdown rule followed by text), and is kept.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from eventmap.errors import BadInput
from eventmap.sources.language import language_tag

_OPEN = re.compile(r"\A---[ \t]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$\n?", re.MULTILINE)
#: A front matter block longer than this is not one.
MAX_FRONT_MATTER_CHARS = 64 * 1024


@dataclass(slots=True)
class FrontMatter:
    """The metadata a file declares about itself."""

    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    language: str | None = None


def split_front_matter(text: str, *, source: str) -> tuple[FrontMatter | None, str]:
    """(metadata, body) of a normalised text; (None, text) when it has no front matter."""
    opening = _OPEN.match(text)
    if not opening:
        return None, text
    closing = _CLOSE.search(text, opening.end(), opening.end() + MAX_FRONT_MATTER_CHARS)
    if not closing:
        return None, text
    block = text[opening.end():closing.start()]
    import yaml

    try:
        data = yaml.safe_load(block) if block.strip() else {}
    except yaml.YAMLError:
        return None, text
    if not isinstance(data, dict):
        return None, text
    body = text[closing.end():]
    return _front_matter(data, block, source=source), body


def _front_matter(data: dict[Any, Any], block: str, *, source: str) -> FrontMatter:
    meta = FrontMatter()
    title = data.get("title")
    if title is not None:
        meta.title = str(title).strip() or None
    url = data.get("url")
    if url is not None:
        meta.url = str(url).strip() or None
    if "language" in data or "lang" in data:
        raw = data.get("language", data.get("lang"))
        meta.language = language_tag(raw)
        if meta.language is None:
            raise BadInput(source, f"front matter: language {raw!r} is not a two-letter code",
                           line=_line_of(block, "language") or _line_of(block, "lang"))
    key = "published" if "published" in data else "date" if "date" in data else None
    if key is not None:
        meta.published = _as_date(data[key])
        if meta.published is None and data[key] not in (None, ""):
            raise BadInput(source, f"front matter: {key} {data[key]!r} is not a YYYY-MM-DD date",
                           line=_line_of(block, key))
    return meta


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _line_of(block: str, key: str) -> int | None:
    """1-based line of ``key:`` in the file (line 1 is the opening ``---``)."""
    for number, line in enumerate(block.split("\n"), start=2):
        if line.startswith(f"{key}:"):
            return number
    return None
