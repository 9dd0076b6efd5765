"""Known events in a real SQLite store, for the dashboard's tests and benchmark.

Hand-made (not extracted) so the tests know exactly what the map must show: dates, types,
places, and quotes that try to inject markup (``<script>``, ``<img onerror>``).
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from eventmap.model import EVENT_TYPES, SUB_EVENT_TYPES, Document, Event
from eventmap.store import open_store
from eventmap.store.base import StoredMention

# name, lat, lon, country, admin1
PLACES = [
    ("Baghdad", 33.3406, 44.4009, "IQ", "Baghdad"),
    ("Mosul", 36.335, 43.1189, "IQ", "Nineveh"),
    ("Basra", 30.5085, 47.7804, "IQ", "Basra"),
    ("Erbil", 36.1911, 44.0092, "IQ", "Erbil"),
    ("Kirkuk", 35.4681, 44.3922, "IQ", "Kirkuk"),
    ("Najaf", 32.0259, 44.3462, "IQ", "Najaf"),
    ("Ouagadougou", 12.3714, -1.5197, "BF", "Centre"),
    ("Bamako", 12.6392, -8.0029, "ML", "Bamako"),
    ("Gao", 16.2717, -0.0447, "ML", "Gao"),
    ("Beirut", 33.8938, 35.5018, "LB", "Beirut"),
    ("Manbij", 36.5281, 37.9549, "SY", "Aleppo"),
    ("Damascus", 33.5138, 36.2765, "SY", "Damascus"),
    ("Bucha", 50.5439, 30.2125, "UA", "Kyiv Oblast"),
    ("Kharkiv", 49.9935, 36.2304, "UA", "Kharkiv Oblast"),
    ("Kabul", 34.5553, 69.2075, "AF", "Kabul"),
]
XSS_QUOTE = (
    "Witnesses said <script>window.__xss = 1</script> a crowd gathered in Basra "
    '<img src=x onerror="window.__xss = 2">.'
)
TEMPLATE_QUOTE = "Crowds chanted {{ 7*7 }} and {% if true %}yes{% endif %} in Kirkuk."
DOC_TEXT = (
    "Le 3 mars 2021, une roquette est tombée sur Bagdad. "
    "Le lendemain, des manifestants se sont rassemblés à Bassora <b>devant</b> le gouvernorat."
)


def known_events() -> list[Event]:
    """24 events in March–May 2021 over several countries; one with a hostile quote."""
    out = []
    start = dt.date(2021, 3, 1)
    for i in range(24):
        name, lat, lon, cc, adm = PLACES[i % len(PLACES)]
        typ = EVENT_TYPES[i % len(EVENT_TYPES)]
        out.append(
            Event(
                id=f"ev-test-{i:03d}",
                date=start + dt.timedelta(days=3 * i),
                event_type=typ,
                sub_event_type=SUB_EVENT_TYPES[typ][0],
                latitude=lat,
                longitude=lon,
                place=name,
                mention=name,
                country_code=cc,
                admin1=adm,
                confidence=0.5 + (i % 5) / 10,
                quote=f"Event {i} reported in {name}.",
                source_title=f"Report {i}",
                source_url=f"https://example.org/report/{i}",
                origin="manual",
            )
        )
    out[4] = out[4].with_changes(quote=TEMPLATE_QUOTE)
    out[2] = out[2].with_changes(
        quote=XSS_QUOTE, source_url="javascript:alert(1)", source_title="<b>bold title</b>"
    )
    return out


def document_with_events() -> tuple[Document, list[StoredMention], list[Event]]:
    """One French text with two place mentions (one with alternatives) and two events."""
    doc = Document.from_text(
        DOC_TEXT,
        title="Roquette sur Bagdad",
        language="fr",
        published=dt.date(2021, 3, 4),
        url="https://example.org/bagdad",
    )
    b = DOC_TEXT.index("Bagdad")
    s = DOC_TEXT.index("Bassora")
    mentions = [
        StoredMention(
            doc.id,
            b,
            b + 6,
            "Bagdad",
            "Baghdad",
            33.3406,
            44.4009,
            "IQ",
            98182,
            "Baghdad",
            "city",
            0.9,
            alternatives=[
                {
                    "key": "gn:2177671",
                    "name": "Bagdad (Tasmania)",
                    "lat": -42.6308,
                    "lon": 147.2278,
                    "country_code": "AU",
                    "admin1": "Tasmania",
                    "feature": "city",
                    "geonameid": 2177671,
                }
            ],
        ),
        StoredMention(
            doc.id,
            s,
            s + 7,
            "Bassora",
            "Basra",
            30.5085,
            47.7804,
            "IQ",
            99532,
            "Basra",
            "city",
            0.8,
        ),
    ]
    first_end = DOC_TEXT.index(".") + 1
    events = [
        Event(
            id="ev-doc-rocket",
            date=dt.date(2021, 3, 3),
            event_type="Explosions/Remote violence",
            sub_event_type="Shelling/artillery/missile attack",
            latitude=33.3406,
            longitude=44.4009,
            place="Baghdad",
            mention="Bagdad",
            country_code="IQ",
            admin1="Baghdad",
            geonameid=98182,
            confidence=0.8,
            quote=DOC_TEXT[:first_end],
            doc_id=doc.id,
            source_title=doc.title,
            source_url=doc.url,
            published=doc.published,
            language="fr",
            start=0,
            end=first_end,
        ),
        Event(
            id="ev-doc-protest",
            date=dt.date(2021, 3, 4),
            event_type="Protests",
            sub_event_type="Peaceful protest",
            latitude=30.5085,
            longitude=47.7804,
            place="Basra",
            mention="Bassora",
            country_code="IQ",
            admin1="Basra",
            geonameid=99532,
            confidence=0.7,
            quote=DOC_TEXT[first_end:].strip(),
            doc_id=doc.id,
            source_title=doc.title,
            source_url=doc.url,
            published=doc.published,
            language="fr",
            start=first_end + 1,
            end=len(DOC_TEXT),
        ),
    ]
    return doc, mentions, events


def seed(db: Path | str) -> int:
    """A fresh store with the known events and the document; returns the event count."""
    with open_store(str(db)) as store:
        store.add_events(known_events())
        doc, mentions, events = document_with_events()
        store.ingest(doc, mentions, events)
        return store.count()


def synthetic_events(n: int, seed_value: int = 7, places: int = 3000) -> list[Event]:
    """``n`` random events over ``places`` jittered places and two years (the benchmark)."""
    rng = random.Random(seed_value)
    sites = []
    for j in range(places):
        name, lat, lon, cc, adm = PLACES[j % len(PLACES)]
        sites.append((f"{name} {j}", lat + rng.uniform(-2, 2), lon + rng.uniform(-2, 2), cc, adm))
    first = dt.date(2020, 1, 1)
    out = []
    for i in range(n):
        name, lat, lon, cc, adm = sites[rng.randrange(places)]
        typ = EVENT_TYPES[rng.randrange(len(EVENT_TYPES))]
        out.append(
            Event(
                id=f"ev-syn-{i:07d}",
                date=first + dt.timedelta(days=rng.randrange(730)),
                event_type=typ,
                sub_event_type=rng.choice(SUB_EVENT_TYPES[typ]),
                latitude=round(lat, 5),
                longitude=round(lon, 5),
                place=name,
                mention=name,
                country_code=cc,
                admin1=adm,
                confidence=round(rng.uniform(0.3, 1), 2),
                quote=f"Synthetic event {i} near {name}, as a news sentence of ordinary length.",
                source_title=f"Synthetic report {i % 997}",
                origin="manual",
            )
        )
    return out
