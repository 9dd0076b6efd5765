"""``require``: skip on a user's machine, fail in CI — for tests needing what a clone may lack.

A plain module (not conftest) so any test can ``from needs import require``: there are
several conftest.py files and ``from conftest import …`` would pick whichever came first.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTMAP_SHARED", ROOT.parent / "shared"))
STRICT = os.environ.get("EVENTMAP_STRICT") == "1"


def require(condition: bool, reason: str) -> None:
    """Skip (fresh clone) or fail (CI, EVENTMAP_STRICT=1) when a requirement is missing."""
    if condition:
        return
    if STRICT:
        pytest.fail(f"EVENTMAP_STRICT=1 and a requirement is missing: {reason}", pytrace=False)
    pytest.skip(reason)
