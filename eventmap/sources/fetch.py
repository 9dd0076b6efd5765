"""Fetching a URL safely: http(s) only, public addresses only, bounded in time and size.

The connection is made to an address we resolved and checked ourselves (every address the
name resolves to, again after each redirect), so a name cannot point us at 127.0.0.1, the
LAN or a cloud metadata service (169.254.169.254) unless the user allows private addresses.
Redirects are followed by hand for the same reason. Stdlib only (http.client, ssl).
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
import zlib
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

from eventmap.errors import BadInput, SourceUnavailable
from eventmap.sources.base import MB, size_label

#: Media types a page or a feed comes as; anything else (images, PDF, video…) is refused.
ACCEPTED_TYPES = (
    "text/html", "application/xhtml+xml", "application/rss+xml", "application/atom+xml",
    "application/rdf+xml", "application/xml", "text/xml", "text/plain",
)
_ACCEPT_HEADER = (
    "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, text/plain;q=0.8"
)
_REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """Limits for fetching URLs; the defaults are safe for untrusted input.

    ``timeout`` bounds the whole fetch, redirects included (a server that drips one byte a
    second cannot hold the run); ``max_bytes`` bounds the body as it streams in.
    """

    timeout: float = 10.0
    max_bytes: int = 10 * MB
    max_redirects: int = 5
    allow_private: bool = False
    user_agent: str = "eventmap/0.1 (+https://pypi.org/project/eventmap/)"


def fetch_url(url: str, *, policy: FetchPolicy | None = None) -> tuple[bytes, str, str]:
    """(body, content type, final URL) of ``url`` under ``policy``.

    SourceUnavailable when the URL is refused by the policy or cannot be fetched;
    BadInput when it is not a well-formed http(s) URL.
    """
    policy = policy or FetchPolicy()
    deadline = time.monotonic() + policy.timeout
    seen: set[str] = set()
    current = url
    for _hop in range(policy.max_redirects + 1):
        seen.add(current)
        status, location, body, content_type = _get(current, policy, deadline, origin=url)
        if status not in _REDIRECTS:
            return body, content_type, current
        if not location:
            raise SourceUnavailable(url, f"HTTP {status} redirect without a Location")
        following = urljoin(current, location)
        if following in seen:
            raise SourceUnavailable(url, f"redirect loop (back to {following})")
        current = following
    raise SourceUnavailable(url, f"too many redirects (> {policy.max_redirects})")


def check_address(ip: str, *, allow_private: bool) -> str | None:
    """Why connecting to ``ip`` is refused ("loopback address"…), or None when allowed."""
    address = ipaddress.ip_address(ip.split("%", 1)[0])
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if allow_private:
        return None
    for test, label in (
        ("is_loopback", "loopback"), ("is_link_local", "link-local"),
        ("is_multicast", "multicast"), ("is_unspecified", "unspecified"),
        ("is_reserved", "reserved"), ("is_private", "private"),
    ):
        if getattr(address, test):
            return f"{label} address"
    if not address.is_global:
        return "non-public address"
    return None


def _split(url: str, origin: str) -> tuple[str, str, int, str]:
    """(scheme, host, port, request target) of an http(s) URL, or the reason it is refused."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise BadInput(origin, f"malformed URL ({exc})") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise SourceUnavailable(origin, f"refused: only http and https URLs ({scheme or 'no'}"
                                        " scheme given)")
    host = parts.hostname
    if not host:
        raise BadInput(origin, "malformed URL (no host)")
    try:
        host.encode("ascii")
    except UnicodeEncodeError:
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise BadInput(origin, f"malformed URL (bad host name {host!r})") from None
    target = quote(parts.path or "/", safe="/%:@!$&'()*+,;=-._~")
    if parts.query:
        target += "?" + quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
    return scheme, host, port or (443 if scheme == "https" else 80), target


def _connect(host: str, port: int, policy: FetchPolicy, deadline: float, origin: str
             ) -> socket.socket:
    """A socket to a checked address of ``host``: every address must pass the policy."""
    infos = _resolve(host, port, policy, deadline, origin)
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    for ip in addresses:
        refusal = check_address(ip, allow_private=policy.allow_private)
        if refusal:
            raise SourceUnavailable(
                origin, f"refused: {host} resolves to {ip}, a {refusal} "
                        "(allow private addresses to fetch it)")
    last: OSError | None = None
    for family, socktype, proto, _name, sockaddr in infos:
        sock = socket.socket(family, socktype, proto)
        try:
            sock.settimeout(_remaining(deadline, policy, origin))
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            sock.close()
            last = exc
    raise _unavailable(origin, last, policy)


def _resolve(host: str, port: int, policy: FetchPolicy, deadline: float, origin: str
             ) -> list[Any]:
    """getaddrinfo under the deadline: it has no timeout of its own, so a resolver that
    never answers would otherwise hold the run (the lookup thread is left to finish)."""
    found: dict[str, Any] = {}

    def lookup() -> None:
        try:
            found["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as exc:
            found["error"] = exc

    worker = threading.Thread(target=lookup, name=f"resolve {host}", daemon=True)
    worker.start()
    worker.join(_remaining(deadline, policy, origin))
    if worker.is_alive():
        raise SourceUnavailable(origin, f"timed out (> {policy.timeout:g} s) resolving {host}")
    if "error" in found or not found.get("infos"):
        raise SourceUnavailable(origin, f"unreachable: host {host} not found")
    return list(found["infos"])


class _Connection(http.client.HTTPConnection):
    """An HTTP connection over a socket we opened (and vetted) ourselves."""

    def __init__(self, host: str, port: int, sock: socket.socket, timeout: float,
                 default_port: int) -> None:
        super().__init__(host, port, timeout=timeout)
        self.default_port = default_port  # so the Host header omits a default port
        self.sock = sock

    def connect(self) -> None:  # the socket is already connected
        return None


def _get(url: str, policy: FetchPolicy, deadline: float, *, origin: str
         ) -> tuple[int, str | None, bytes, str]:
    scheme, host, port, target = _split(url, origin)
    sock = _connect(host, port, policy, deadline, origin)
    try:
        if scheme == "https":
            context = ssl.create_default_context()
            try:
                sock = context.wrap_socket(sock, server_hostname=host)
            except ssl.SSLError as exc:
                raise SourceUnavailable(origin, f"TLS error: {exc.reason or exc}") from None
        conn = _Connection(host, port, sock, _remaining(deadline, policy, origin),
                           443 if scheme == "https" else 80)
        try:
            conn.putrequest("GET", target, skip_accept_encoding=True)
            conn.putheader("User-Agent", policy.user_agent)
            conn.putheader("Accept", _ACCEPT_HEADER)
            conn.putheader("Accept-Encoding", "gzip, deflate")
            conn.endheaders()
            response = conn.getresponse()
            if response.status in _REDIRECTS:
                return response.status, response.getheader("Location"), b"", ""
            if not 200 <= response.status < 300:
                raise SourceUnavailable(origin, f"HTTP {response.status} {response.reason}".strip())
            content_type = response.getheader("Content-Type") or ""
            _check_type(content_type, origin)
            _check_length(response.getheader("Content-Length"), policy, origin)
            body = _read_body(response, sock, policy, deadline, origin)
            return response.status, None, body, content_type
        finally:
            conn.close()
    except (OSError, http.client.HTTPException) as exc:
        if isinstance(exc, SourceUnavailable):
            raise
        raise _unavailable(origin, exc, policy) from None
    finally:
        sock.close()


def _check_type(content_type: str, origin: str) -> None:
    media = content_type.split(";", 1)[0].strip().lower()
    if media and media not in ACCEPTED_TYPES and not media.endswith("+xml"):
        raise SourceUnavailable(origin, f"unsupported content type {media} "
                                        "(expected an HTML page, a feed or text)")


def _check_length(value: str | None, policy: FetchPolicy, origin: str) -> None:
    if value and value.strip().isdigit() and int(value) > policy.max_bytes:
        raise SourceUnavailable(origin, f"too large (> {size_label(policy.max_bytes)})")


def _read_body(response: http.client.HTTPResponse, sock: socket.socket, policy: FetchPolicy,
               deadline: float, origin: str) -> bytes:
    """The body, streamed under the size cap and the deadline, decompressed if needed."""
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", "gzip", "x-gzip", "deflate"):
        raise SourceUnavailable(origin, f"unsupported content encoding {encoding}")
    inflater = None
    if encoding != "identity":
        inflater = zlib.decompressobj(zlib.MAX_WBITS | 32 if "gzip" in encoding else zlib.MAX_WBITS)
    chunks: list[bytes] = []
    size = 0
    too_large = SourceUnavailable(origin, f"too large (> {size_label(policy.max_bytes)})")
    while True:
        sock.settimeout(_remaining(deadline, policy, origin))
        chunk = response.read1(_CHUNK) if hasattr(response, "read1") else response.read(_CHUNK)
        if not chunk:
            break
        if inflater is not None:
            try:
                chunk = inflater.decompress(chunk, policy.max_bytes + 1 - size)
            except zlib.error:
                raise SourceUnavailable(origin, f"corrupt {encoding} body") from None
        size += len(chunk)
        if size > policy.max_bytes:
            raise too_large
        chunks.append(chunk)
    if inflater is not None:
        tail = inflater.flush()
        if size + len(tail) > policy.max_bytes:
            raise too_large
        chunks.append(tail)
    return b"".join(chunks)


def _remaining(deadline: float, policy: FetchPolicy, origin: str) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise SourceUnavailable(origin, f"timed out (> {policy.timeout:g} s)")
    return left


def _unavailable(origin: str, exc: BaseException | None, policy: FetchPolicy
                 ) -> SourceUnavailable:
    """One plain reason for a network failure."""
    if isinstance(exc, (socket.timeout, TimeoutError)):
        return SourceUnavailable(origin, f"timed out (> {policy.timeout:g} s)")
    if isinstance(exc, ConnectionRefusedError):
        return SourceUnavailable(origin, "unreachable: connection refused")
    if isinstance(exc, ConnectionResetError):
        return SourceUnavailable(origin, "unreachable: connection reset")
    if isinstance(exc, ssl.SSLError):
        return SourceUnavailable(origin, f"TLS error: {exc.reason or exc}")
    if isinstance(exc, http.client.HTTPException):
        return SourceUnavailable(origin, f"bad HTTP response ({type(exc).__name__})")
    detail = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
    return SourceUnavailable(origin, f"unreachable: {detail}")
