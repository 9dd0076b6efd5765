"""Hostile URLs given to the real ``eventmap ingest`` beside a good local file: a feed that
hangs after its first bytes, redirects that never end or loop, and addresses on this machine
(directly, by name, or reached by a redirect from a public first hop). Each is one reason in
the run's summary, the run goes on, and the good file is stored. The fetcher's own tests,
in-process, are in ``tests/test_sources_fetch.py``.
"""

from __future__ import annotations

import http.server
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from faults_helpers import PUBLISHED, document_text, env, expected_events, run

from eventmap.store import EventFilter, open_store

GOOD_PAGE = (b"<html><head><title>Fetched</title></head><body><p>"
             b"On 3 March 2012, gunmen attacked a checkpoint in Mosul, killing 4 soldiers."
             b"</p></body></html>")


class Hostile(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []
    stop: ClassVar[threading.Event] = threading.Event()

    def log_message(self, *_args: object) -> None:
        pass

    def redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:  # http.server's name
        self.requests.append(self.path)
        port = self.server.server_address[1]
        if self.path == "/hang-feed":  # headers and the feed's first bytes, then nothing
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            self.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>')
            self.wfile.flush()
            self.stop.wait(60)
        elif self.path.startswith("/forever/"):  # a new address every time
            self.redirect(f"/forever/{int(self.path.rsplit('/', 1)[1]) + 1}")
        elif self.path in ("/loop-a", "/loop-b"):
            self.redirect("/loop-b" if self.path == "/loop-a" else "/loop-a")
        elif self.path == "/to-private":
            self.redirect(f"http://127.0.0.1:{port}/page.html")
        elif self.path == "/page.html":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(GOOD_PAGE)))
            self.end_headers()
            self.wfile.write(GOOD_PAGE)
        else:
            self.send_error(404)


@pytest.fixture
def server() -> Iterator[tuple[str, int]]:
    Hostile.requests.clear()
    Hostile.stop.clear()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    port = int(httpd.server_address[1])
    try:
        yield f"http://127.0.0.1:{port}", port
    finally:
        Hostile.stop.set()
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def good_file(tmp_path: Path) -> tuple[Path, set[str]]:
    path = tmp_path / "good.txt"
    path.write_text(document_text(7, 4), encoding="utf-8")
    (events,) = expected_events([path]).values()
    assert events
    return path, events


def skipped(stdout: str) -> dict[str, str]:
    """input -> reason, from the summary's 'skipped inputs' lines; each input once."""
    lines = stdout.split("skipped inputs: ", 1)[1].splitlines()
    count, rows = int(lines[0]), [line.strip() for line in lines[1:] if line.startswith("  ")]
    assert len(rows) == count, stdout
    out = {}
    for row in rows:
        source, reason = row.split(": ", 1)  # a URL holds ":" but never ": "
        assert source not in out, stdout
        out[source] = reason
    return out


def stored_ok(db: str, events: set[str]) -> None:
    with open_store(db) as store:
        assert len(list(store.documents())) == 1
        ids = [e.id for e in store.query(EventFilter())]
    assert len(ids) == len(set(ids)) and set(ids) == events


@pytest.mark.slow
def test_hanging_feed_and_endless_redirects_beside_a_good_file(
    server: tuple[str, int], good_file: tuple[Path, set[str]], tmp_path: Path
) -> None:
    base, _ = server
    path, events = good_file
    db = str(tmp_path / "events.sqlite")
    urls = [f"{base}/hang-feed", f"{base}/forever/0", f"{base}/loop-a"]
    # 127.0.0.1 stands in for a public server here: private addresses allowed
    done = run("ingest", *urls, str(path), "--db", db, "--published", PUBLISHED,
               "--no-progress", "--allow-private", timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "documents read: 1 (new 1, already stored 0)" in done.stdout
    reasons = skipped(done.stdout)
    assert set(reasons) == set(urls)
    assert reasons[urls[0]] == "timed out (> 10 s)"
    assert reasons[urls[1]] == "too many redirects (> 5)"
    assert reasons[urls[2]] == f"redirect loop (back to {base}/loop-a)"
    assert max(int(p.rsplit("/", 1)[1]) for p in Hostile.requests if "forever" in p) == 5
    stored_ok(db, events)


@pytest.mark.slow
def test_addresses_on_this_machine_are_refused_beside_a_good_file(
    server: tuple[str, int], good_file: tuple[Path, set[str]], tmp_path: Path
) -> None:
    base, port = server
    path, events = good_file
    db = str(tmp_path / "events.sqlite")
    urls = [
        f"{base}/page.html",
        f"http://localhost:{port}/page.html",
        f"http://[::1]:{port}/page.html",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/feed.xml",
    ]
    done = run("ingest", str(path), *urls, "--db", db, "--published", PUBLISHED,
               "--no-progress", timeout=120)
    assert done.returncode == 0, done.stderr
    assert "documents read: 1 (new 1, already stored 0)" in done.stdout
    reasons = skipped(done.stdout)
    assert set(reasons) == set(urls)
    for url, kind in zip(urls, ["loopback", "loopback", "loopback", "link-local", "private"],
                         strict=True):
        assert reasons[url].startswith("refused: ") and f"a {kind} address" in reasons[url], (
            url, reasons[url])
    assert Hostile.requests == []  # refused before connecting
    stored_ok(db, events)


# The CLI with the first address it checks taken as public: 127.0.0.1 plays a public server
# whose redirect points into the private network (the redirect must be checked again).
FIRST_HOP_PUBLIC = (
    "import eventmap.sources.fetch as fetch\n"
    "real, calls = fetch.check_address, []\n"
    "def check(ip, *, allow_private):\n"
    "    calls.append(ip)\n"
    "    return None if len(calls) == 1 else real(ip, allow_private=allow_private)\n"
    "fetch.check_address = check\n"
    "from eventmap.cli import main\n"
    "main(prog_name='eventmap')\n"
)


@pytest.mark.slow
def test_a_redirect_to_a_private_address_is_refused_beside_a_good_file(
    server: tuple[str, int], good_file: tuple[Path, set[str]], tmp_path: Path
) -> None:
    base, _ = server
    path, events = good_file
    db = str(tmp_path / "events.sqlite")
    url = f"{base}/to-private"
    done = subprocess.run(
        [sys.executable, "-c", FIRST_HOP_PUBLIC, "ingest", url, str(path), "--db", db,
         "--published", PUBLISHED, "--no-progress"],
        capture_output=True, text=True, env=env(), timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "documents read: 1 (new 1, already stored 0)" in done.stdout
    reasons = skipped(done.stdout)
    assert list(reasons) == [url]
    assert reasons[url] == (
        "refused: 127.0.0.1 resolves to 127.0.0.1, a loopback address "
        "(allow private addresses to fetch it)"
    )
    assert Hostile.requests == ["/to-private"]  # the redirect's target was never asked for
    stored_ok(db, events)
