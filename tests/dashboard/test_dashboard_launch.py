"""How ``eventmap dashboard`` starts Streamlit, and the demo seeding rule."""

from __future__ import annotations

from pathlib import Path

import seeding

from dashboard import launch


def test_command_serves_static_files_on_the_given_address() -> None:
    cmd = launch.streamlit_command("127.0.0.1", 8599, True)
    assert cmd[1:4] == ["-m", "streamlit", "run"] and cmd[4].endswith("dashboard/app.py")
    flags = dict(zip(cmd[5::2], cmd[6::2]))
    assert flags["--server.enableStaticServing"] == "true"
    assert flags["--server.address"] == "127.0.0.1" and flags["--server.port"] == "8599"
    assert flags["--browser.gatherUsageStats"] == "false"


def test_environment_hands_over_the_store(tmp_path: Path) -> None:
    env = launch.environment(str(tmp_path / "x.sqlite"))
    assert env["EVENTMAP_DB"] == str(tmp_path / "x.sqlite")
    assert str(launch.ROOT) in env["PYTHONPATH"].split(":")


def test_demo_leaves_a_store_with_events_alone(seeded_db: str, tmp_path: Path) -> None:
    empty = tmp_path / "no-samples"
    assert launch.seed_demo(seeded_db, samples=empty) == 0


def test_demo_without_samples_says_so(tmp_path: Path, capsys) -> None:
    assert launch.seed_demo(str(tmp_path / "new.sqlite"), samples=tmp_path / "none") == 0
    assert "no sample articles" in capsys.readouterr().err


def test_bundled_samples_exist() -> None:
    assert sorted(launch.SAMPLES.glob("*.md")), "the demo has nothing to show"
    assert seeding.PLACES  # the seeding module the e2e tests use is importable


def test_demo_fills_an_empty_store_with_the_sample_events(tmp_path: Path) -> None:
    from eventmap.store import open_store

    db = str(tmp_path / "demo.sqlite")
    added = launch.seed_demo(db)
    assert added >= 40  # 20 articles, 49 gold events
    with open_store(db) as store:
        assert 0 < store.count() <= added  # the same event in two articles is one
        assert sum(1 for _ in store.documents()) == len(sorted(launch.SAMPLES.glob("*.md")))
    assert launch.seed_demo(db) == 0  # a second start adds nothing
