"""Files and folders: size cap, supported extensions, recursion, one reason per bad file.

A folder is walked in sorted order (runs are reproducible), hidden entries (``.git``,
``.DS_Store``) are passed over, and symbolic links to folders are not followed (no loops).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from eventmap.errors import BadInput
from eventmap.model import Document
from eventmap.sources import base
from eventmap.sources.base import Skipped, size_label
from eventmap.sources.content import EXTENSIONS, read_bytes

log = logging.getLogger(__name__)


def read_file(
    path: str | os.PathLike[str],
    *,
    published: dt.date | None = None,
    max_bytes: int | None = None,
) -> list[Document]:
    """Documents of one file; BadInput (naming the file) when it cannot be read.

    The extension decides how it is read; a file with another extension, named
    explicitly, is sniffed (HTML, feed, else text).
    """
    name = os.fspath(path)
    limit = base.MAX_FILE_BYTES if max_bytes is None else max_bytes
    if "\x00" in name:  # no file name can hold a NUL (os.stat would raise ValueError)
        raise BadInput(name, "not a valid path")
    try:
        info = os.stat(name)
        if stat.S_ISDIR(info.st_mode):
            raise BadInput(name, "is a folder")
        if not stat.S_ISREG(info.st_mode):
            raise BadInput(name, "not a regular file")
        if info.st_size > limit:
            raise BadInput(name, f"too large (> {size_label(limit)})")
        with open(name, "rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise BadInput(name, "not found") from None
    except PermissionError:
        raise BadInput(name, "permission denied") from None
    except OSError as exc:
        raise BadInput(name, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > limit:  # it grew while we read it
        raise BadInput(name, f"too large (> {size_label(limit)})")
    kind = EXTENSIONS.get(Path(name).suffix.lower())
    return read_bytes(data, name=name, kind=kind, path=name, published=published)


def iter_path(
    path: str | os.PathLike[str],
    *,
    published: dt.date | None = None,
    max_bytes: int | None = None,
) -> Iterator[Document | Skipped]:
    """Documents of a file or, recursively, a folder; a ``Skipped`` for each bad file."""
    name = os.fspath(path)
    if not os.path.isdir(name):
        try:
            yield from read_file(name, published=published, max_bytes=max_bytes)
        except BadInput as exc:
            yield Skipped(name, exc.reason)
        return
    # A folder of articles also holds images, gold files, notes…: files of other types are
    # passed over quietly; only when nothing in the folder is readable does the user hear so.
    supported = 0
    other_types: set[str] = set()
    for file, problem in _walk(name):
        if problem:
            yield Skipped(file, problem)
            continue
        suffix = Path(file).suffix.lower()
        if suffix not in EXTENSIONS:
            other_types.add(suffix or "no extension")
            log.debug("passed over %s: not a document type", file)
            continue
        supported += 1
        try:
            yield from read_file(file, published=published, max_bytes=max_bytes)
        except BadInput as exc:
            yield Skipped(file, exc.reason)
    if not supported:
        found = f" (only {', '.join(sorted(other_types))})" if other_types else ""
        yield Skipped(name, f"folder has no files of a supported type{found}")


def read_path(
    path: str | os.PathLike[str],
    *,
    published: dt.date | None = None,
    max_bytes: int | None = None,
) -> list[Document]:
    """Documents of a file or a folder.

    A bad file given alone raises BadInput; in a folder, bad files are logged and passed
    over (``iter_path`` or ``read_inputs`` report them as ``Skipped``).
    """
    name = os.fspath(path)
    if not os.path.isdir(name):
        return read_file(name, published=published, max_bytes=max_bytes)
    documents: list[Document] = []
    for item in iter_path(name, published=published, max_bytes=max_bytes):
        if isinstance(item, Skipped):
            log.warning("skipped %s", item)
        else:
            documents.append(item)
    return documents


def _walk(folder: str) -> Iterator[tuple[str, str | None]]:
    """(file, None) for non-hidden files under ``folder``, sorted, folder symlinks not
    followed; (folder, reason) for a sub-folder that cannot be listed."""
    errors: list[OSError] = []
    for root, dirs, files in os.walk(folder, onerror=errors.append):
        while errors:
            exc = errors.pop()
            yield str(exc.filename), f"cannot list folder ({exc.strerror or exc})"
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file in sorted(files):
            if not file.startswith("."):
                yield os.path.join(root, file), None
    while errors:
        exc = errors.pop()
        yield str(exc.filename), f"cannot list folder ({exc.strerror or exc})"
