"""The code stays clean: ruff's checks and mypy (check_untyped_defs) pass on every package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_passes() -> None:
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "eventmap", "gazetteer", "dashboard", "bench", "tests"],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:]


@pytest.mark.slow
def test_mypy_passes() -> None:
    done = subprocess.run([sys.executable, "-m", "mypy", "eventmap", "gazetteer", "dashboard"],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:]
