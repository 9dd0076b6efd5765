"""Writers take a text stream or a path; this opens the path when given one."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO

Target = str | Path | IO[str]


@contextlib.contextmanager
def text_output(target: Target) -> Iterator[IO[str]]:
    """Yield a text stream for ``target``; a path is opened (UTF-8, no newline translation)."""
    if hasattr(target, "write"):
        yield target  # type: ignore[misc]
        return
    with open(target, "w", encoding="utf-8", newline="") as out:  # type: ignore[arg-type]
        yield out
