"""Reading documents from files, folders, standard input, HTML pages, feeds and URLs.

``read_inputs`` is the one entry point the CLI, the pipeline and the dashboard use: it
yields a ``Document`` for every text it can read and a ``Skipped`` (input, reason) for every
input it cannot, and never stops a run because one input is bad. URLs are fetched only
when given, under a ``FetchPolicy`` (http(s), public addresses, time and size limits).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
from collections.abc import Iterable, Iterator

from eventmap.errors import BadInput, SourceUnavailable
from eventmap.model import Document
from eventmap.sources import base
from eventmap.sources.base import MAX_FILE_BYTES, Skipped, normalise_text, size_label
from eventmap.sources.content import read_bytes
from eventmap.sources.feeds import read_feed
from eventmap.sources.fetch import FetchPolicy, fetch_url
from eventmap.sources.files import iter_path, read_file, read_path
from eventmap.sources.html import read_html
from eventmap.sources.language import detect_language
from eventmap.sources.text import read_bytes_as_text, read_text

__all__ = [
    "MAX_FILE_BYTES",
    "FetchPolicy",
    "Skipped",
    "detect_language",
    "fetch_url",
    "iter_path",
    "normalise_text",
    "read_bytes",
    "read_bytes_as_text",
    "read_feed",
    "read_file",
    "read_html",
    "read_inputs",
    "read_path",
    "read_stdin",
    "read_text",
    "read_url",
]

STDIN = "-"
_SCHEME = re.compile(r"\A([A-Za-z][A-Za-z0-9+.-]*)://")


def read_inputs(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    published: dt.date | None = None,
    policy: FetchPolicy | None = None,
) -> Iterator[Document | Skipped]:
    """Documents of every input (file, folder, ``-``, http(s) URL), in order.

    A bad input yields ``Skipped(input, reason)`` and the others are still read.
    ``published`` is the date for documents whose source declares none.
    """
    if isinstance(inputs, (str, bytes, os.PathLike)):  # one input, not its characters
        inputs = [inputs]  # type: ignore[list-item]
    policy = policy or FetchPolicy()
    for raw in inputs:
        name = os.fsdecode(raw)
        try:
            if not name.strip():
                yield Skipped(repr(name), "empty input name")
            elif name == STDIN:
                yield from read_stdin(published=published)
            elif _SCHEME.match(name):
                yield from read_url(name, policy=policy, published=published)
            else:
                yield from iter_path(name, published=published)
        except (BadInput, SourceUnavailable) as exc:
            yield Skipped(name, exc.reason)


def read_url(
    url: str, *, policy: FetchPolicy | None = None, published: dt.date | None = None
) -> list[Document]:
    """Documents of a URL: a page gives one, a feed one per item."""
    scheme = _SCHEME.match(url)
    if scheme and scheme.group(1).lower() not in ("http", "https"):
        raise SourceUnavailable(url, f"unsupported URL scheme {scheme.group(1)} "
                                     "(http and https only)")
    body, content_type, final_url = fetch_url(url, policy=policy or FetchPolicy())
    return read_bytes(body, name=url, content_type=content_type, url=final_url,
                      published=published)


def read_stdin(*, published: dt.date | None = None) -> list[Document]:
    """Documents of standard input (text, HTML or a feed, decided by its content)."""
    limit = base.MAX_FILE_BYTES
    stream = sys.stdin
    if stream is None:
        raise BadInput(STDIN, "no standard input")
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        data = buffer.read(limit + 1)
    else:  # a text stream (tests, notebooks)
        data = stream.read(limit + 1).encode("utf-8", "replace")
    if len(data) > limit:
        raise BadInput(STDIN, f"too large (> {size_label(limit)})")
    return read_bytes(data, name=STDIN, path=STDIN, published=published, text_kind="stdin")
