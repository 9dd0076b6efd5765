"""Where the project's ``data/`` folder is, for a source checkout and for an installed wheel.

Why: lexicons, the gazetteer supplement, format tables and sample articles are plain files
that people edit, so they live in the top-level ``data/`` rather than inside a package. An
editable install reads them beside the source tree; a wheel installs them under
``<prefix>/share/eventmap/data`` (``[tool.setuptools.data-files]`` in ``pyproject.toml``).
Both ``gazetteer`` and ``eventmap`` look them up here, so there is one rule.
"""

from __future__ import annotations

import os
import sys
import sysconfig
from functools import cache
from pathlib import Path

_SOURCE_TREE = Path(__file__).resolve().parents[1] / "data"


def candidates() -> list[Path]:
    """Folders tried in order: ``$EVENTMAP_DATA``, the source tree, then the install prefixes."""
    out: list[Path] = []
    env = os.environ.get("EVENTMAP_DATA")
    if env:
        out.append(Path(env))
    out.append(_SOURCE_TREE)
    for prefix in (sysconfig.get_path("data"), sys.prefix, sys.base_prefix):
        path = Path(prefix) / "share" / "eventmap" / "data"
        if path not in out:
            out.append(path)
    return out


@cache
def data_root() -> Path:
    """The first candidate folder that holds the gazetteer supplement (the source tree's if none)."""
    for path in candidates():
        if (path / "gazetteer" / "supplement.csv").is_file():
            return path
    return _SOURCE_TREE


def data_path(*parts: str) -> Path:
    """A file or folder under ``data/``: ``data_path("formats", "cameo_acled.csv")``."""
    return data_root().joinpath(*parts)
