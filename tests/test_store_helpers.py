"""Shared pieces of the store tests: records with every field set, and a throw-away store
on each back end (a temporary SQLite file; a fresh PostgreSQL schema, dropped afterwards)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import make_url

from eventmap.model import Document, Event
from eventmap.store.base import StoredMention

ROOT = Path(__file__).resolve().parents[1]
BASE_DATE = dt.date(2021, 12, 1)
PLACES = [
    # place, country, admin1, lat, lon
    ("Baghdad", "IQ", "Baghdad", 33.3406, 44.4009),
    ("Mosul", "IQ", "Nineveh", 36.335, 43.1189),
    ("Aleppo", "SY", "Aleppo", 36.2021, 37.1343),
    ("Kyiv", "UA", "Kyiv City", 50.4501, 30.5234),
    ("Bamako", "ML", "Bamako", 12.6392, -8.0029),
]
TYPES = [
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Protests", "Peaceful protest"),
    ("Riots", "Mob violence"),
]


def make_event(n: int, **changes: object) -> Event:
    """Event number n: every field set to something other than its default."""
    place, cc, admin1, lat, lon = PLACES[n % len(PLACES)]
    etype, sub = TYPES[n % len(TYPES)]
    ev = Event(
        id=f"ev-{n:06d}",
        date=BASE_DATE + dt.timedelta(days=n % 60),
        event_type=etype,
        latitude=lat,
        longitude=lon,
        place=place,
        country_code=cc,
        time_precision=2,
        sub_event_type=sub,
        actors=[f"Actor {n}", "Civilians"],
        fatalities=n % 7,
        mention=place.upper(),
        geonameid=1000 + n,
        admin1=admin1,
        geo_precision=2,
        confidence=0.5 + (n % 5) / 10,
        quote=f"Sentence {n} about {place}: « clashes » near the Ñandú bridge.",
        doc_id=f"doc-{n // 3:04d}",
        source_title=f"Title {n}",
        source_url=f"https://example.org/{n}",
        published=BASE_DATE + dt.timedelta(days=n % 60 + 1),
        language="fr",
        reviewed=False,
        start=10 * n,
        end=10 * n + 8,
        sources=[],
        origin="pipeline",
    )
    return ev.with_changes(**changes) if changes else ev


def make_doc(n: int, **meta: object) -> Document:
    defaults: dict[str, object] = {
        "title": f"Document {n}",
        "url": f"https://example.org/doc/{n}",
        "language": "fr",
        "published": BASE_DATE,
        "published_inferred": True,
        "kind": "html",
        "path": f"/tmp/doc{n}.html",
    }
    defaults.update(meta)
    return Document.from_text(f"Texte numéro {n}: des combats à Bagdad.", **defaults)  # type: ignore[arg-type]


def make_mention(doc: Document, start: int = 0) -> StoredMention:
    return StoredMention(
        doc_id=doc.id,
        start=start,
        end=start + 6,
        text="Bagdad",
        name="Baghdad",
        latitude=33.3406,
        longitude=44.4009,
        country_code="IQ",
        geonameid=98182,
        admin1="Baghdad",
        feature="city",
        confidence=0.93,
        alternatives=[{"name": "Bagdad", "country_code": "AU", "score": 0.1}],
    )


def schema_url(pg_url: str, schema: str) -> str:
    """The same server and database, with ``schema`` first on the search path."""
    url = make_url(pg_url).update_query_dict({"options": f"-csearch_path={schema},public"})
    return url.render_as_string(hide_password=False)


@contextmanager
def pg_schema(pg_url: str) -> Iterator[str]:
    """A fresh schema for one test's store, dropped (with everything in it) afterwards."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{name}"')
    try:
        yield schema_url(pg_url, name)
    finally:
        with psycopg.connect(pg_url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')
