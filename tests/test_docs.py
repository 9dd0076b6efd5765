"""The README documents every command and option users rely on (datasette's test_docs idea)."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventmap.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"eventmap {command}" in README


def test_readme_starts_with_the_two_setup_commands() -> None:
    first_block = README.split("```bash", 1)[1].split("```", 1)[0]
    assert "./dev dashboard" in first_block and "./dev test" in first_block


def test_geonames_is_credited() -> None:
    assert "GeoNames" in README and "CC BY 4.0" in README
