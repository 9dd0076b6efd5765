"""An installed wheel finds ``data/``: pyproject ships every data file, the lookup finds them."""

from __future__ import annotations

import glob
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from gazetteer import datafiles

ROOT = Path(__file__).resolve().parents[1]


def _shipped() -> dict[str, str]:
    """Every file the wheel's data-files section carries: repo path -> installed path."""
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for target, patterns in conf["tool"]["setuptools"]["data-files"].items():
        for pattern in patterns:
            for path in glob.glob(str(ROOT / pattern)):
                if Path(path).is_file():
                    rel = Path(path).relative_to(ROOT).as_posix()
                    out[rel] = f"{target}/{Path(path).name}"
    return out


def test_every_data_file_is_in_the_wheel_at_its_own_relative_place() -> None:
    shipped = _shipped()
    on_disk = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "data").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert on_disk, "no data files found"
    assert on_disk - set(shipped) == set(), "data files a wheel would leave out"
    for rel, installed in shipped.items():
        assert installed == "share/eventmap/" + rel


def _fake_prefix(tmp_path: Path) -> Path:
    data = tmp_path / "share" / "eventmap" / "data"
    (data / "gazetteer").mkdir(parents=True)
    (data / "gazetteer" / "supplement.csv").write_text("key,name\n", encoding="utf-8")
    return data


def test_installed_layout_is_found_when_there_is_no_source_tree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _fake_prefix(tmp_path)
    monkeypatch.setattr(datafiles, "_SOURCE_TREE", tmp_path / "no-such-checkout" / "data")
    monkeypatch.setattr(datafiles.sysconfig, "get_path", lambda name: str(tmp_path))
    monkeypatch.delenv("EVENTMAP_DATA", raising=False)
    datafiles.data_root.cache_clear()
    try:
        assert datafiles.data_root() == data
        assert datafiles.data_path("formats", "x.csv") == data / "formats" / "x.csv"
    finally:
        datafiles.data_root.cache_clear()


def test_environment_variable_wins_and_source_tree_is_the_default(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _fake_prefix(tmp_path)
    monkeypatch.setenv("EVENTMAP_DATA", str(data))
    datafiles.data_root.cache_clear()
    try:
        assert datafiles.data_root() == data
        monkeypatch.delenv("EVENTMAP_DATA")
        datafiles.data_root.cache_clear()
        assert datafiles.data_root() == ROOT / "data"
    finally:
        datafiles.data_root.cache_clear()



def test_every_data_lookup_goes_through_the_one_rule(tmp_path: Path) -> None:
    """Lexicons, date words, format tables, gazetteer files and samples: all under data_root(),
    so an installed wheel finds each where pyproject puts it. A fresh interpreter with
    ``$EVENTMAP_DATA`` elsewhere shows any module that still looks beside its source."""
    data = _fake_prefix(tmp_path)
    probe = (
        "from dashboard.launch import SAMPLES\n"
        "from eventmap.dates.lexicon import DATA_DIR\n"
        "from eventmap.events.lexicon import LEXICON_DIR\n"
        "from eventmap.imports.tables import DATA_DIR as FORMATS\n"
        "from gazetteer.lexicons import data_dir\n"
        "for p in (LEXICON_DIR, DATA_DIR, FORMATS, data_dir(), SAMPLES): print(p)\n"
    )
    env = {**os.environ, "EVENTMAP_DATA": str(data)}
    env.pop("EVENTMAP_GAZETTEER_DATA", None)
    done = subprocess.run([sys.executable, "-c", probe], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=True)
    assert done.stdout.split() == [
        str(data / name) for name in ("lexicons", "dates", "formats", "gazetteer", "samples")
    ]
