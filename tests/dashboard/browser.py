"""Start the real dashboard on 127.0.0.1 and read its map in Chromium (tests and benchmark)."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_PREFIXES = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'

# events drawn in the map frame: single markers (or a place marker's count) plus the
# sizes written on cluster icons
COUNT_MARKERS_JS = """() => {
    const pane = document.querySelector('.leaflet-marker-pane');
    if (!pane) return -1;
    let n = 0;
    for (const el of pane.children) {
        if (!el.classList.contains('leaflet-interactive')) continue;
        if (el.classList.contains('marker-cluster')) {
            n += parseInt(el.textContent.trim(), 10) || 0;
        } else {
            const label = el.querySelector('.em-n');  // a place marker standing for n events
            n += label ? (parseInt(label.textContent, 10) || 1) : 1;
        }
    }
    return n;
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def dashboard_server(db: str, log: Path | None = None) -> Iterator[str]:
    """``eventmap dashboard``'s command on a free port; yields the base URL; stops it after."""
    from dashboard.launch import ensure_assets, environment, streamlit_command

    ensure_assets()
    port = free_port()
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        streamlit_command("127.0.0.1", port, True),
        env=environment(db),
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the dashboard did not start (exit {proc.poll()})")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        if log:
            out.close()  # type: ignore[union-attr]


def guard_network(page: Any, seen: list[str]) -> None:
    """Record every URL the page asks for; anything off 127.0.0.1 is recorded and aborted."""

    def handle(route: Any) -> None:
        url = route.request.url
        seen.append(url)
        if url.startswith(LOCAL_PREFIXES):
            route.continue_()
        else:
            route.abort()

    page.route("**/*", handle)
    page.on("request", lambda req: seen.append(req.url))


def off_machine(urls: list[str]) -> list[str]:
    return sorted({u for u in urls if not u.startswith(LOCAL_PREFIXES)})


def map_frame(page: Any, timeout_s: float = 60) -> Any:
    """The Frame of the st_folium iframe once Leaflet has drawn in it."""
    page.wait_for_selector(MAP_FRAME, state="attached", timeout=timeout_s * 1000)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for frame in page.frames:
            if "streamlit_folium" in frame.url:
                with suppress(Exception):  # the frame may be reloading
                    if frame.evaluate("() => !!document.querySelector('.leaflet-marker-pane')"):
                        return frame
        page.wait_for_timeout(100)  # not time.sleep: Playwright must keep routing requests
    raise TimeoutError("no map drawn")


def wait_markers(
    page: Any, expected: int | None = None, timeout_s: float = 60, previous: int | None = None
) -> int:
    """Poll the marker count until it equals ``expected`` (or differs from ``previous``)."""
    deadline = time.monotonic() + timeout_s
    n = -1
    while time.monotonic() < deadline:
        try:
            frame = map_frame(page, timeout_s=max(1.0, deadline - time.monotonic()))
            n = int(frame.evaluate(COUNT_MARKERS_JS))
        except Exception:  # noqa: BLE001 - reruns replace the iframe
            n = -1
        if expected is not None and n == expected:
            return n
        if expected is None and n > 0 and n != previous:
            return n
        page.wait_for_timeout(100)
    return n


def env_flag(name: str) -> bool:
    return os.environ.get(name, "") not in ("", "0")
