"""The fault tests drive the real dashboard with the dashboard tests' own helpers
(``tests/dashboard/browser.py``: server start-up, Chromium flags, network guard): one path
entry here instead of one per test module."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "dashboard"))
