"""Optional online fallback through geopy, off by default: rate-limited and cached.

Why: a user with a self-hosted Nominatim or Photon (or who accepts the public Nominatim's
usage policy) can resolve what the offline gazetteer lacks. Answers are cached in a JSON file
in the cache directory so a name is never asked twice.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from geopy.point import Point

USER_AGENT = "eventmap-gazetteer"


def make_geocoder(online: bool | str | Geocoder) -> Geocoder:
    """``True``: public Nominatim; a URL ("http://127.0.0.1:8080"): a self-hosted Nominatim;
    ``"photon:URL"``: a Photon server; a geopy geocoder: used as given."""
    from geopy.geocoders import Nominatim, Photon

    if isinstance(online, Geocoder):
        return online
    if online is True:
        return Nominatim(user_agent=USER_AGENT)
    if isinstance(online, str):
        kind, _, url = online.partition(":") if online.startswith("photon:") else ("", "", online)
        parts = urlsplit(url if "//" in url else "https://" + url)
        cls = Photon if kind == "photon" else Nominatim
        return cls(domain=parts.netloc, scheme=parts.scheme or "https", user_agent=USER_AGENT)
    raise TypeError(f"online must be bool, a URL or a geopy geocoder, not {type(online).__name__}")


PUBLIC_HOSTS = ("openstreetmap.org", "komoot.io")  # servers with a usage policy


def polite_delay(online: bool | str | Geocoder) -> float:
    """Seconds between requests: 1 for the public Nominatim and Photon (their usage policies
    ask for it), none for a server of your own."""
    if online is True:
        return 1.0
    if isinstance(online, str):
        host = urlsplit(online.removeprefix("photon:")).hostname or ""
        return 1.0 if host.endswith(PUBLIC_HOSTS) else 0.0
    return 1.0


def cache_name(geocoder: Geocoder) -> str:
    """The cache file of one geocoder endpoint: answers of one server are not another's."""
    import hashlib

    ident = "|".join(str(getattr(geocoder, a, "")) for a in ("scheme", "domain", "api"))
    digest = hashlib.sha1(f"{type(geocoder).__name__}|{ident}".encode()).hexdigest()[:12]
    return f"online-cache-{digest}.json"


class OnlineFallback:
    """A geopy geocoder behind a RateLimiter and a persistent cache."""

    def __init__(
        self, geocoder: Geocoder, cache_file: Path | None, min_delay_seconds: float = 1.0
    ):
        self.geocoder = geocoder
        self.cache_file = cache_file
        self._lock = threading.Lock()
        self._cache: dict[str, Any] = {}
        if cache_file is not None and cache_file.exists():
            try:
                self._cache = json.loads(cache_file.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self._cache = {}
        self._limited = RateLimiter(
            geocoder.geocode, min_delay_seconds=min_delay_seconds, max_retries=1,
            swallow_exceptions=False,
        )

    def geocode(self, query: str, timeout: float | None = None) -> Location | None:
        """One location for ``query`` (cached, rate-limited), or None."""
        with self._lock:
            if query in self._cache:
                hit = self._cache[query]
                return None if hit is None else _location(hit)
        kwargs: dict[str, Any] = {"exactly_one": True}
        if timeout is not None:
            kwargs["timeout"] = timeout
        loc = self._limited(query, **kwargs)
        entry = None if loc is None else {
            "address": loc.address, "lat": loc.latitude, "lon": loc.longitude,
            "raw": loc.raw if isinstance(loc.raw, dict) else {},
        }
        with self._lock:
            self._cache[query] = entry
            self._save()
        return None if entry is None else _location(entry)

    def _save(self) -> None:
        if self.cache_file is None:
            return
        try:
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.cache_file.with_suffix(".tmp")
            tmp.write_text(json.dumps(self._cache), encoding="utf-8")
            tmp.replace(self.cache_file)
        except OSError:
            pass  # a cache that cannot be written only costs a repeated request


def _location(entry: dict[str, Any]) -> Location:
    raw = dict(entry.get("raw") or {})
    raw.setdefault("source", "online")
    return Location(entry["address"], Point(entry["lat"], entry["lon"]), raw)
