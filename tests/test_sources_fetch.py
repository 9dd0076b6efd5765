"""URLs, fetched from a real HTTP server on 127.0.0.1: pages, feeds, and every way a fetch fails."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from eventmap.errors import BadInput, SourceUnavailable
from eventmap.model import Document
from eventmap.sources import FetchPolicy, Skipped, fetch_url, read_inputs
from eventmap.sources import fetch as fetch_module
from eventmap.sources.fetch import check_address

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
PAGE = (FIXTURES / "hostile_page.html").read_bytes()
RSS = (FIXTURES / "news.rss").read_bytes()
ATOM = (FIXTURES / "updates.atom").read_bytes()
EMPTY_FEED = (FIXTURES / "empty.rss").read_bytes()
LOCAL = FetchPolicy(allow_private=True, timeout=5.0)
FAST = FetchPolicy(allow_private=True, timeout=0.5)


class Handler(BaseHTTPRequestHandler):
    """Routes of the test server: each path shows one behaviour of the web."""

    def log_message(self, *_args: object) -> None:  # keep pytest's output clean
        return

    def send(self, status: int, body: bytes, content_type: str | None = "text/html",
             **headers: str) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location: str, status: int = 302) -> None:
        self.send(status, b"", None, Location=location)

    def do_GET(self) -> None:
        path = self.path
        try:
            if path == "/page.html":
                self.send(200, PAGE, "text/html; charset=utf-8")
            elif path == "/feed.xml":
                self.send(200, RSS, "application/rss+xml")
            elif path == "/atom-as-html":
                self.send(200, ATOM, "text/html")  # a mislabelled feed: sniffed
            elif path == "/feed-no-type":
                self.send(200, ATOM, None)
            elif path == "/empty-feed":
                self.send(200, EMPTY_FEED, "application/rss+xml; charset=utf-8")
            elif path == "/plain":
                self.send(200, "Un attentat a visé mardi un marché de Kirkouk, selon la police "
                          "locale, qui ne donne pas de bilan.".encode(), "text/plain")
            elif path == "/gzip":
                self.send(200, gzip.compress(PAGE), "text/html", Content_Encoding="gzip")
            elif path == "/redirect":
                self.redirect("/moved")
            elif path == "/moved":
                self.redirect("page.html", 301)
            elif path == "/loop-a":
                self.redirect("/loop-b")
            elif path == "/loop-b":
                self.redirect("/loop-a")
            elif path.startswith("/chain/"):
                left = int(path.rsplit("/", 1)[1])
                self.redirect(f"/chain/{left - 1}" if left else "/page.html")
            elif path == "/to-ftp":
                self.redirect("ftp://127.0.0.1/file.txt")
            elif path == "/image":
                self.send(200, b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
            elif path == "/pdf":
                self.send(200, b"%PDF-1.4\n", "application/pdf")
            elif path == "/declared-huge":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(50 * 1024 * 1024))
                self.end_headers()
            elif path == "/huge":  # no Content-Length: the cap must hold while streaming
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                chunk = b"Bagdad " * 10_000
                for _ in range(60):  # 4 MB at most, then stop by itself
                    self.wfile.write(chunk)
            elif path == "/gzip-bomb":
                self.send(200, gzip.compress(b" " * (8 * 1024 * 1024)), "text/plain",
                          Content_Encoding="gzip")
            elif path == "/hang":
                time.sleep(2.0)  # far beyond the client's 0.5 s
                self.send(200, PAGE)
            elif path == "/drip":  # each byte in time, the whole page never
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                for _ in range(30):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            else:
                self.send(404, b"<h1>Not Found</h1>")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up on purpose (size cap, timeout)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture()
def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def only(items: list[Document | Skipped]) -> Document | Skipped:
    assert len(items) == 1, items
    return items[0]


def test_page_url(server: str) -> None:
    doc = only(list(read_inputs([f"{server}/page.html"], policy=LOCAL)))
    assert isinstance(doc, Document)
    assert doc.url == f"{server}/page.html"
    assert doc.kind == "html" and doc.language == "fr"
    assert "Gaziantep" in doc.text and "MUST_NOT_APPEAR" not in doc.text


def test_feed_url(server: str) -> None:
    docs = list(read_inputs([f"{server}/feed.xml"], policy=LOCAL))
    assert [d.kind for d in docs] == ["feed-item"] * 3
    assert docs[0].url == "https://example.org/articles/bagdad-manifestation"


@pytest.mark.parametrize("path", ["/atom-as-html", "/feed-no-type"])
def test_feed_is_sniffed_whatever_its_label(server: str, path: str) -> None:
    docs = list(read_inputs([server + path], policy=LOCAL))
    assert [d.kind for d in docs] == ["feed-item", "feed-item"]


def test_plain_text_and_gzip(server: str) -> None:
    plain = only(list(read_inputs([f"{server}/plain"], policy=LOCAL)))
    assert isinstance(plain, Document) and plain.language == "fr"
    assert plain.url == f"{server}/plain"
    body, content_type, _ = fetch_url(f"{server}/gzip", policy=LOCAL)
    assert body == PAGE and content_type == "text/html"


def test_redirects_are_followed_and_the_final_url_kept(server: str) -> None:
    body, _, final = fetch_url(f"{server}/redirect", policy=LOCAL)
    assert body == PAGE and final == f"{server}/page.html"
    doc = only(list(read_inputs([f"{server}/redirect"], policy=LOCAL)))
    assert isinstance(doc, Document) and doc.url == f"{server}/page.html"
    fetch_url(f"{server}/chain/4", policy=LOCAL)  # five redirects: allowed


@pytest.mark.parametrize(
    ("path", "policy", "reason"),
    [
        ("/loop-a", LOCAL, "redirect loop"),
        ("/chain/9", LOCAL, "too many redirects (> 5)"),
        ("/chain/2", FetchPolicy(allow_private=True, max_redirects=1), "too many redirects (> 1)"),
        ("/to-ftp", LOCAL, "refused: only http and https URLs"),
        ("/hang", FAST, "timed out (> 0.5 s)"),
        ("/drip", FAST, "timed out (> 0.5 s)"),
        ("/huge", FetchPolicy(allow_private=True, max_bytes=1024 * 1024), "too large (> 1 MB)"),
        ("/declared-huge", LOCAL, "too large (> 10 MB)"),
        ("/gzip-bomb", FetchPolicy(allow_private=True, max_bytes=1024 * 1024),
         "too large (> 1 MB)"),
        ("/image", LOCAL, "unsupported content type image/png"),
        ("/pdf", LOCAL, "unsupported content type application/pdf"),
        ("/missing", LOCAL, "HTTP 404 Not Found"),
    ],
)
def test_fetch_failures_give_one_reason(server: str, path: str, policy: FetchPolicy,
                                        reason: str) -> None:
    url = server + path
    with pytest.raises(SourceUnavailable) as caught:
        fetch_url(url, policy=policy)
    assert caught.value.reason.startswith(reason), caught.value.reason
    assert str(caught.value).startswith(url)
    assert only(list(read_inputs([url], policy=policy))) == Skipped(url, caught.value.reason)


def test_empty_feed_url(server: str) -> None:
    url = f"{server}/empty-feed"
    assert only(list(read_inputs([url], policy=LOCAL))) == Skipped(url, "feed has no items")


def test_unreachable_url(closed_port: int) -> None:
    url = f"http://127.0.0.1:{closed_port}/news"
    assert only(list(read_inputs([url], policy=LOCAL))) == Skipped(
        url, "unreachable: connection refused")


def test_private_addresses_are_refused_by_default(server: str) -> None:
    url = f"{server}/page.html"
    item = only(list(read_inputs([url])))  # the default policy
    assert isinstance(item, Skipped)
    assert item.reason.startswith("refused: 127.0.0.1 resolves to 127.0.0.1, a loopback address")
    localhost = url.replace("127.0.0.1", "localhost")
    with pytest.raises(SourceUnavailable, match="loopback address"):
        fetch_url(localhost, policy=FetchPolicy())


def test_every_redirect_is_checked_again(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A public first hop that redirects to a private address is refused at the redirect."""
    calls: list[str] = []
    real = fetch_module.check_address

    def first_hop_is_public(ip: str, *, allow_private: bool) -> str | None:
        calls.append(ip)
        return None if len(calls) == 1 else real(ip, allow_private=allow_private)

    monkeypatch.setattr(fetch_module, "check_address", first_hop_is_public)
    with pytest.raises(SourceUnavailable, match="refused: .*loopback address"):
        fetch_url(f"{server}/redirect", policy=FetchPolicy())
    assert len(calls) == 2


@pytest.mark.parametrize(
    ("ip", "refusal"),
    [
        ("127.0.0.1", "loopback address"),
        ("::1", "loopback address"),
        ("::ffff:127.0.0.1", "loopback address"),
        ("10.1.2.3", "private address"),
        ("192.168.1.1", "private address"),
        ("172.16.0.1", "private address"),
        ("169.254.169.254", "link-local address"),  # cloud metadata services
        ("fe80::1", "link-local address"),
        ("0.0.0.0", "unspecified address"),
        ("224.0.0.1", "multicast address"),
        ("240.0.0.1", "reserved address"),
        ("100.64.0.1", "non-public address"),  # carrier-grade NAT
        ("fc00::1", "private address"),
        ("8.8.8.8", None),
        ("2001:4860:4860::8888", None),
    ],
)
def test_check_address(ip: str, refusal: str | None) -> None:
    assert check_address(ip, allow_private=False) == refusal
    assert check_address(ip, allow_private=True) is None


@pytest.mark.parametrize(
    ("url", "error", "reason"),
    [
        ("file:///etc/passwd", SourceUnavailable, "unsupported URL scheme file"),
        ("ftp://127.0.0.1/x", SourceUnavailable, "unsupported URL scheme ftp"),
        ("http:///nohost", BadInput, "malformed URL (no host)"),
        ("http://127.0.0.1:99999/", BadInput, "malformed URL"),
    ],
)
def test_bad_urls(url: str, error: type[Exception], reason: str) -> None:
    [skipped] = list(read_inputs([url], policy=LOCAL))
    assert isinstance(skipped, Skipped) and skipped.reason.startswith(reason)
    if url.startswith("http"):
        with pytest.raises(error):
            fetch_url(url, policy=LOCAL)


def test_one_bad_url_does_not_stop_the_run(server: str, closed_port: int) -> None:
    inputs = [f"http://127.0.0.1:{closed_port}/", f"{server}/missing", f"{server}/page.html",
              f"{server}/empty-feed", f"{server}/feed.xml"]
    items = list(read_inputs(inputs, policy=LOCAL))
    assert [type(i).__name__ for i in items] == ["Skipped", "Skipped", "Document", "Skipped"] + [
        "Document"] * 3


def test_https_to_a_plain_http_server_is_a_tls_error(server: str) -> None:
    url = server.replace("http://", "https://") + "/page.html"
    with pytest.raises(SourceUnavailable) as caught:
        fetch_url(url, policy=LOCAL)
    assert caught.value.reason.startswith("TLS error")


def test_a_resolver_that_never_answers_times_out(monkeypatch: pytest.MonkeyPatch) -> None:
    def hanging(*_args: object, **_kwargs: object) -> list[object]:
        time.sleep(1.5)
        raise OSError("too late")

    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", hanging)
    with pytest.raises(SourceUnavailable, match=r"timed out \(> 0.3 s\) resolving news.example"):
        fetch_url("http://news.example/feed", policy=FetchPolicy(timeout=0.3))


def test_a_name_that_does_not_resolve(monkeypatch: pytest.MonkeyPatch) -> None:
    def unknown(*_args: object, **_kwargs: object) -> list[object]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(fetch_module.socket, "getaddrinfo", unknown)
    [skipped] = list(read_inputs(["https://news.invalid/feed"]))
    assert skipped == Skipped("https://news.invalid/feed",
                              "unreachable: host news.invalid not found")
