"""Start the dashboard: what ``eventmap dashboard`` runs.

A separate process (``python -m streamlit run dashboard/app.py``) because Streamlit owns its
server's life; the store is handed over in ``EVENTMAP_DB`` and static serving is switched on
so the map's Leaflet files come from this app, not from a CDN.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from dashboard import assets
from gazetteer.datafiles import data_path

APP = Path(__file__).resolve().parent / "app.py"
ROOT = Path(__file__).resolve().parents[1]
SAMPLES = data_path("samples")


def streamlit_command(host: str, port: int, headless: bool) -> list[str]:
    """The command line that serves the app (also used by the tests and the benchmark)."""
    return [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.address", host,
        "--server.port", str(port),
        "--server.headless", "true" if headless else "false",
        "--server.enableStaticServing", "true",
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
        "--global.developmentMode", "false",
    ]


def environment(db: str | None) -> dict[str, str]:
    env = dict(os.environ)
    if db:
        env["EVENTMAP_DB"] = str(db)
    # the package may not be installed (a plain checkout): make `import dashboard` work
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return env


def seed_demo(db: str | None, samples: Path = SAMPLES) -> int:
    """Ingest the bundled sample articles when the store is empty; returns events added."""
    from eventmap.api import ingest
    from eventmap.store import open_store

    with open_store(db) as store:
        if store.count() > 0:
            return 0
    if not samples.is_dir():
        print(f"no sample articles at {samples}", file=sys.stderr)
        return 0
    summary = ingest([str(samples)], db=db)
    for line in summary.lines():
        print(line, file=sys.stderr)
    return summary.events_found


def ensure_assets() -> None:
    """Copy the npm files into static/vendor if that was not done at install time."""
    if assets.missing() and assets.NODE_MODULES.is_dir():
        assets.install()
    if assets.missing():
        print("warning: Leaflet files missing (run ./dev install); the map will not draw",
              file=sys.stderr)


def launch(
    db: str | None,
    *,
    host: str = "127.0.0.1",
    port: int = 8501,
    demo: bool = False,
    headless: bool = True,
) -> int:
    """Serve the dashboard until interrupted; returns Streamlit's exit status."""
    ensure_assets()
    if demo:
        seed_demo(db)
    print(f"eventmap dashboard on http://{host}:{port}/", file=sys.stderr)
    proc = subprocess.Popen(streamlit_command(host, port, headless), env=environment(db))

    def stop(_signum: int, _frame: object) -> None:
        proc.terminate()  # a terminated `eventmap dashboard` takes its server down with it

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, stop)
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        return proc.wait()
