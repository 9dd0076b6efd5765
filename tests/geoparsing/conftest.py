"""Fixtures of the gazetteer tests: one real gazetteer per session (index built once in the
cache dir: ``$EVENTMAP_CACHE`` or the user cache; the first build takes a minute or more)."""

from __future__ import annotations

import pytest

from gazetteer import Gazetteer, default_gazetteer


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    return default_gazetteer()

