"""Shared fixtures, and the rule for tests that need something a fresh clone may lack.

A test that needs ``../shared``, a PostGIS server, Chromium or GDAL asks for it through
``require(...)``: on a user's machine it is skipped with the reason printed; in CI
(``EVENTMAP_STRICT=1``, set by ``.ci/run``) the same absence is a failure, so nothing
silently stops being tested.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from needs import ROOT, SHARED, STRICT, require  # noqa: F401 - re-exported for tests


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    require(SHARED.is_dir(), f"../shared not found at {SHARED} (set EVENTMAP_SHARED)")
    return SHARED


@pytest.fixture(scope="session")
def seed_text(shared_dir: Path) -> str:
    seeds = sorted((shared_dir / "seeds").glob("*.txt"))
    require(bool(seeds), f"no seed article in {shared_dir / 'seeds'}")
    return seeds[0].read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def pg_url() -> str:
    """URL of a PostgreSQL+PostGIS server for tests (EVENTMAP_TEST_PG), reachable now."""
    url = os.environ.get("EVENTMAP_TEST_PG", "")
    require(bool(url), "EVENTMAP_TEST_PG is not set (a postgresql:// URL of a PostGIS server)")
    try:
        import psycopg

        with psycopg.connect(url, connect_timeout=3) as conn:
            conn.execute("SELECT PostGIS_Version()")
    except Exception as exc:  # noqa: BLE001 - any failure means: no usable server
        require(False, f"PostGIS server at EVENTMAP_TEST_PG not usable: {exc}")
    return url


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = os.environ.get("EVENTMAP_CHROMIUM", "/usr/bin/chromium")
    require(Path(path).exists(), f"no Chromium at {path} (apt-get install chromium)")
    try:
        import playwright  # noqa: F401
    except ImportError:
        require(False, "playwright (Python) is not installed")
    return path


@pytest.fixture(scope="session")
def ogrinfo() -> str:
    path = shutil.which("ogrinfo")
    require(path is not None, "ogrinfo not found (apt-get install gdal-bin)")
    assert path is not None
    return path
