"""The store's contract, checked on both back ends: a SQLite file and PostgreSQL + PostGIS.

Every test here runs twice (``store`` is parametrised); expectations for the filters are
computed in Python from the same records, so SQL and the contract cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from test_store_helpers import BASE_DATE, make_doc, make_event, make_mention, pg_schema

from eventmap.errors import BadInput, NotFound, StoreError
from eventmap.model import Event
from eventmap.store import EventFilter, Store, open_store, schema

BACKENDS = ["sqlite", pytest.param("postgis", marks=pytest.mark.needs_postgis)]


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    if request.param == "sqlite":
        yield str(tmp_path / "events.sqlite")
    else:
        with pg_schema(request.getfixturevalue("pg_url")) as url:
            yield url


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with open_store(db_url) as s:
        yield s


N = 40


@pytest.fixture
def filled(store: Store) -> tuple[Store, list[Event]]:
    events = [make_event(i) for i in range(N)]
    events[3] = events[3].with_changes(reviewed=True)
    events[7] = events[7].with_changes(sources=["doc-other"])
    events[11] = events[11].with_changes(  # across the antimeridian, nothing optional set
        latitude=-17.7,
        longitude=178.4,
        place="Suva",
        country_code="FJ",
        admin1=None,
        sub_event_type=None,
        fatalities=None,
        geonameid=None,
        published=None,
        actors=[],
    )
    assert store.add_events(events) == N
    return store, events


def newest_first(events: list[Event]) -> list[str]:
    return [e.id for e in sorted(events, key=lambda e: (e.date, e.id), reverse=True)]


# --- records go in and come out whole ---------------------------------------------------------


def test_every_event_field_round_trips(store: Store) -> None:
    ev = make_event(5, reviewed=True, sources=["doc-b", "doc-c"], origin="acled")
    assert store.add_events([ev]) == 1
    got = store.get_event(ev.id)
    assert got == ev
    assert [f.name for f in dataclasses.fields(Event) if getattr(got, f.name) is None] == []


def test_optional_fields_round_trip_as_none(store: Store) -> None:
    ev = make_event(1).with_changes(
        sub_event_type=None,
        fatalities=None,
        geonameid=None,
        admin1=None,
        source_title=None,
        source_url=None,
        published=None,
        start=None,
        end=None,
        actors=[],
    )
    store.add_events([ev])
    assert store.get_event(ev.id) == ev


def test_document_and_mentions_round_trip(store: Store) -> None:
    doc = make_doc(1)
    mentions = [make_mention(doc, 30), make_mention(doc, 4)]
    ev = make_event(2, doc_id="")
    assert store.ingest(doc, mentions, [ev]) is True
    assert store.has_document(doc.id) and not store.has_document("nope")
    assert store.get_document(doc.id) == doc
    assert store.get_document("nope") is None
    assert list(store.documents()) == [doc]
    assert store.mentions(doc.id) == sorted(mentions, key=lambda m: m.start)
    # An event without a doc id belongs to the document it came with.
    assert store.get_event(ev.id) == ev.with_changes(doc_id=doc.id)


def test_reingesting_a_document_adds_nothing(store: Store) -> None:
    doc = make_doc(1)
    events = [make_event(i, doc_id=doc.id) for i in range(3)]
    assert store.ingest(doc, [make_mention(doc)], events) is True
    assert store.ingest(doc, [make_mention(doc)], events) is False
    assert store.count() == 3
    assert len(store.mentions(doc.id)) == 1
    assert len(list(store.documents())) == 1


def test_same_event_from_a_second_document_merges_sources(store: Store) -> None:
    d1, d2, d3 = make_doc(1), make_doc(2), make_doc(3)
    ev = make_event(0)
    assert store.ingest(d1, [], [ev.with_changes(doc_id=d1.id)])
    assert store.ingest(d2, [], [ev.with_changes(doc_id=d2.id)])
    assert store.ingest(d3, [], [ev.with_changes(doc_id=d3.id), ev.with_changes(doc_id=d3.id)])
    assert store.count() == 1
    got = store.get_event(ev.id)
    assert got is not None and got.doc_id == d1.id and got.sources == [d2.id, d3.id]
    # The event is found from any of its documents.
    for d in (d1, d2, d3):
        assert [e.id for e in store.query(EventFilter(doc_id=d.id))] == [ev.id]


def test_reimporting_events_adds_nothing_and_merges(store: Store) -> None:
    events = [make_event(i) for i in range(10)]
    assert store.add_events(events) == 10
    assert store.add_events(events) == 0
    assert store.add_events([events[0].with_changes(doc_id="doc-x", sources=["doc-y"])]) == 0
    assert store.count() == 10
    assert store.get_event(events[0].id).sources == ["doc-x", "doc-y"]  # type: ignore[union-attr]


def test_events_off_the_globe_are_refused_whole(store: Store) -> None:
    batch = [make_event(1), make_event(2, latitude=95.0), make_event(3, longitude=float("nan"))]
    with pytest.raises(BadInput, match="ev-000002"):
        store.add_events(batch)
    assert store.count() == 0


def test_add_events_in_batches_counts_new_ones(store: Store) -> None:
    events = (make_event(i) for i in range(25))
    assert store.add_events(events, batch_size=7) == 25  # type: ignore[call-arg]
    assert store.add_events([make_event(i) for i in range(20, 30)], batch_size=4) == 5  # type: ignore[call-arg]
    assert store.count() == 30


# --- one filter for the CLI, the dashboard and the exports ------------------------------------


def haystack(e: Event) -> str:
    return "|".join([e.quote, e.place, e.mention, *e.actors, e.source_title or ""]).casefold()


FILTERS: list[tuple[str, EventFilter, Callable[[Event], bool]]] = [
    ("all", EventFilter(), lambda e: True),
    (
        "since",
        EventFilter(since=BASE_DATE + dt.timedelta(days=20)),
        lambda e: e.date >= BASE_DATE + dt.timedelta(days=20),
    ),
    (
        "until",
        EventFilter(until=BASE_DATE + dt.timedelta(days=9)),
        lambda e: e.date <= BASE_DATE + dt.timedelta(days=9),
    ),
    (
        "date range",
        EventFilter(
            since=BASE_DATE + dt.timedelta(days=5), until=BASE_DATE + dt.timedelta(days=14)
        ),
        lambda e: BASE_DATE + dt.timedelta(days=5) <= e.date <= BASE_DATE + dt.timedelta(days=14),
    ),
    (
        "types",
        EventFilter(event_types=("Battles", "Riots")),
        lambda e: e.event_type in ("Battles", "Riots"),
    ),
    (
        "sub types",
        EventFilter(sub_event_types=("Air/drone strike",)),
        lambda e: e.sub_event_type == "Air/drone strike",
    ),
    ("countries", EventFilter(countries=("sy", "UA")), lambda e: e.country_code in ("SY", "UA")),
    ("admin1", EventFilter(admin1=("Nineveh",)), lambda e: e.admin1 == "Nineveh"),
    ("text in quote, any case", EventFilter(text="ÑANDÚ"), lambda e: "ñandú" in e.quote.casefold()),
    ("text in place", EventFilter(text="mosul"), lambda e: "mosul" in haystack(e)),
    (
        "text in actors",
        EventFilter(text="actor 1"),
        lambda e: any("actor 1" in a.casefold() for a in e.actors),
    ),
    ("text in title", EventFilter(text="TITLE 22"), lambda e: e.source_title == "Title 22"),
    ("text with LIKE wildcards", EventFilter(text="%"), lambda e: False),
    (
        "bbox",
        EventFilter(bbox=(40.0, 30.0, 46.0, 37.0)),
        lambda e: 40 <= e.longitude <= 46 and 30 <= e.latitude <= 37,
    ),
    (
        "bbox across the antimeridian",
        EventFilter(bbox=(170.0, -20.0, -170.0, -10.0)),
        lambda e: e.place == "Suva",
    ),
    ("min confidence", EventFilter(min_confidence=0.8), lambda e: e.confidence >= 0.8),
    ("reviewed only", EventFilter(reviewed_only=True), lambda e: e.reviewed),
    ("doc id", EventFilter(doc_id="doc-0002"), lambda e: e.doc_id == "doc-0002"),
    ("doc id among sources", EventFilter(doc_id="doc-other"), lambda e: "doc-other" in e.sources),
    (
        "ids",
        EventFilter(ids=("ev-000001", "ev-000005", "missing")),
        lambda e: e.id in ("ev-000001", "ev-000005"),
    ),
    (
        "combined",
        EventFilter(
            since=BASE_DATE + dt.timedelta(days=3),
            countries=("IQ",),
            event_types=("Battles",),
            min_confidence=0.6,
        ),
        lambda e: (
            e.date >= BASE_DATE + dt.timedelta(days=3)
            and e.country_code == "IQ"
            and e.event_type == "Battles"
            and e.confidence >= 0.6
        ),
    ),
]


@pytest.mark.parametrize("name,flt,keep", FILTERS, ids=[f[0] for f in FILTERS])
def test_filter(
    filled: tuple[Store, list[Event]], name: str, flt: EventFilter, keep: Callable[[Event], bool]
) -> None:
    store, events = filled
    expected = newest_first([e for e in events if keep(e)])
    assert [e.id for e in store.query(flt)] == expected
    assert store.count(flt) == len(expected)


def test_limit_and_offset_page_newest_first(filled: tuple[Store, list[Event]]) -> None:
    store, events = filled
    order = newest_first(events)
    assert [e.id for e in store.query(EventFilter(limit=5))] == order[:5]
    assert [e.id for e in store.query(EventFilter(limit=5, offset=5))] == order[5:10]
    assert store.count(EventFilter(limit=5, offset=38)) == 2


def test_bad_filters_are_bad_input(store: Store) -> None:
    with pytest.raises(BadInput):
        store.count(EventFilter(since=dt.date(2022, 1, 1), until=dt.date(2021, 1, 1)))
    with pytest.raises(BadInput):
        list(store.query(EventFilter(bbox=(0, 50, 10, 40))))


def test_facets_and_daily_counts(filled: tuple[Store, list[Event]]) -> None:
    store, events = filled
    flt = EventFilter(countries=("IQ", "SY", "FJ"))
    kept = [e for e in events if e.country_code in ("IQ", "SY", "FJ")]
    facets = store.facets(flt)
    assert facets["total"] == len(kept)
    assert facets["date_min"] == min(e.date for e in kept)
    assert facets["date_max"] == max(e.date for e in kept)
    for field in ("event_type", "sub_event_type", "country_code", "admin1"):
        expected: dict[str, int] = {}
        for e in kept:
            value = getattr(e, field)
            if value is not None:
                expected[value] = expected.get(value, 0) + 1
        assert facets[field] == expected
        assert list(facets[field].values()) == sorted(expected.values(), reverse=True)
    daily: dict[tuple[dt.date, str], int] = {}
    for e in kept:
        daily[(e.date, e.event_type)] = daily.get((e.date, e.event_type), 0) + 1
    assert store.daily_counts(flt) == [(d, t, n) for (d, t), n in sorted(daily.items())]


def test_facets_of_nothing(store: Store) -> None:
    f = store.facets()
    assert f["total"] == 0 and f["date_min"] is None and f["event_type"] == {}
    assert store.daily_counts() == []


def test_stream_properties_equal_to_properties(filled: tuple[Store, list[Event]]) -> None:
    store, _ = filled
    store.correct("ev-000004", place="Erbil", latitude=36.19, longitude=44.01)
    streamed = list(store.stream_properties())
    events = list(store.query())
    assert len(streamed) == len(events) == N
    for (lon, lat, props), ev in zip(streamed, events, strict=True):
        assert props == ev.to_properties()
        assert (lon, lat) == (ev.longitude, ev.latitude)


# --- a person's corrections ------------------------------------------------------------------


def test_corrections_are_applied_on_read_and_kept_as_such(
    filled: tuple[Store, list[Event]],
) -> None:
    store, events = filled
    ev = events[0]
    got = store.correct(ev.id, place="Erbil", latitude=36.19, longitude=44.01, who="analyst")
    assert (got.place, got.latitude, got.longitude, got.reviewed) == ("Erbil", 36.19, 44.01, True)
    got = store.correct(
        ev.id, date="2021-11-02", event_type="Riots", sub_event_type="Violent demonstration"
    )
    assert got.date == dt.date(2021, 11, 2) and got.event_type == "Riots"
    assert got.place == "Erbil"  # an earlier correction is kept
    assert got.quote == ev.quote and got.confidence == ev.confidence  # untouched fields
    stored = store.correction(ev.id)
    assert stored is not None
    assert (
        stored["place"] == "Erbil"
        and stored["event_type"] == "Riots"
        and stored["deleted"] is False
    )
    assert "quote" not in stored  # only what the person set
    # The pipeline's own row is unchanged underneath.
    assert store.get_event(ev.id) == got


def test_filters_see_corrected_values(filled: tuple[Store, list[Event]]) -> None:
    store, events = filled
    ev = events[0]  # Baghdad, Battles, 2021-12-01
    store.correct(
        ev.id,
        place="Kinshasa",
        latitude=-4.32,
        longitude=15.31,
        country_code="CD",
        date=dt.date(2020, 5, 1),
        event_type="Protests",
        sub_event_type="Peaceful protest",
    )
    assert ev.id not in {e.id for e in store.query(EventFilter(bbox=(40.0, 30.0, 46.0, 37.0)))}
    assert [e.id for e in store.query(EventFilter(bbox=(15.0, -5.0, 16.0, -4.0)))] == [ev.id]
    assert [e.id for e in store.query(EventFilter(until=dt.date(2020, 12, 31)))] == [ev.id]
    assert [e.id for e in store.query(EventFilter(countries=("CD",)))] == [ev.id]
    assert ev.id in {e.id for e in store.query(EventFilter(event_types=("Protests",)))}
    assert ev.id not in {e.id for e in store.query(EventFilter(event_types=("Battles",)))}
    assert [e.id for e in store.query(EventFilter(text="kinshasa"))] == [ev.id]
    corrected = store.get_event(ev.id)
    assert corrected is not None
    assert [e.id for e in store.query(EventFilter(reviewed_only=True))] == newest_first(
        [events[3], corrected]
    )
    assert store.query(EventFilter()).__next__().id != ev.id  # now the oldest
    assert store.facets()["country_code"]["CD"] == 1
    assert (dt.date(2020, 5, 1), "Protests", 1) in store.daily_counts()


def test_confirming_without_changes_marks_reviewed(filled: tuple[Store, list[Event]]) -> None:
    store, events = filled
    got = store.correct(events[1].id)
    assert got.reviewed and dataclasses.replace(got, reviewed=False) == events[1]


def test_corrections_survive_reingest_and_reimport(db_url: str) -> None:
    doc = make_doc(1)
    events = [make_event(i, doc_id=doc.id) for i in range(3)]
    with open_store(db_url) as store:
        store.ingest(doc, [make_mention(doc)], events)
        store.correct(
            events[0].id, place="Erbil", latitude=36.19, longitude=44.01, date="2021-10-10"
        )
        store.delete_event(events[1].id)
    with open_store(db_url) as store:  # a later run of the pipeline, another process
        assert store.ingest(doc, [make_mention(doc)], events) is False
        assert store.add_events(events) == 0
        assert store.ingest(make_doc(2), [], [events[0].with_changes(doc_id="")]) is True
        got = store.get_event(events[0].id)
        assert got is not None and got.place == "Erbil" and got.date == dt.date(2021, 10, 10)
        assert got.reviewed and got.sources == [make_doc(2).id]
        assert store.get_event(events[1].id) is None
        assert store.count() == 2


def test_deletion_hides_everywhere_and_can_be_undone(filled: tuple[Store, list[Event]]) -> None:
    store, events = filled
    gone = events[2]
    store.delete_event(gone.id)
    assert store.get_event(gone.id) is None
    assert gone.id not in {e.id for e in store.query()}
    assert store.count() == N - 1
    assert store.facets()["total"] == N - 1
    assert sum(n for _, _, n in store.daily_counts()) == N - 1
    assert store.add_events([gone]) == 0 and store.get_event(gone.id) is None
    with pytest.raises(NotFound):
        store.correct(gone.id, place="Erbil")
    store.restore_event(gone.id)
    assert store.get_event(gone.id) is not None and store.count() == N


@pytest.mark.parametrize(
    "changes",
    [
        {"colour": "red"},
        {"quote": "rewritten"},
        {"event_type": "Picnic"},
        {"event_type": "Battles", "sub_event_type": "Peaceful protest"},
        {"latitude": 91},
        {"longitude": "east"},
        {"date": "yesterday"},
        {"time_precision": 4},
        {"fatalities": -1},
        {"place": ""},
        {"sub_event_type": None},
    ],
)
def test_bad_corrections_are_refused(filled: tuple[Store, list[Event]], changes: dict) -> None:
    store, events = filled
    with pytest.raises(BadInput):
        store.correct(events[0].id, **changes)
    assert store.correction(events[0].id) is None


def test_unknown_event_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        store.correct("ev-missing", place="X")
    with pytest.raises(NotFound):
        store.delete_event("ev-missing")
    assert store.get_event("ev-missing") is None


# --- schema versions --------------------------------------------------------------------------


def test_new_store_is_at_the_latest_schema(store: Store) -> None:
    assert store.schema_version() == schema.LATEST  # type: ignore[attr-defined]


def test_opening_an_older_store_upgrades_it(db_url: str) -> None:
    """A store written at schema 1 (before search text and indexes) opens, upgrades, keeps
    its events and corrections, and its old events are found by the new text filter."""
    from sqlalchemy import create_engine, insert

    from eventmap.store.postgis import driver_url
    from eventmap.store.rows import event_to_row

    spatial = db_url.startswith("postgresql")
    engine = create_engine(driver_url(db_url) if spatial else f"sqlite:///{db_url}")
    v1 = schema.build_tables(spatial, upto=1)
    ev = make_event(4)
    row = {k: v for k, v in event_to_row(ev).items() if k in v1.events.c}
    with engine.begin() as conn:
        assert schema.migrate(conn, spatial, from_version=0, upto=1) == 1
        conn.execute(insert(v1.events), row)
        conn.execute(
            insert(v1.corrections),
            {
                "event_id": ev.id,
                "place": "Ñandú",
                "deleted": False,
                "corrected_at": dt.datetime.now(dt.UTC),
            },
        )
    engine.dispose()
    with open_store(db_url) as store:
        assert store.schema_version() == schema.LATEST  # type: ignore[attr-defined]
        got = store.get_event(ev.id)
        assert got == ev.with_changes(place="Ñandú", reviewed=True)
        assert [e.id for e in store.query(EventFilter(text="ACTOR 4"))] == [ev.id]
        assert [e.id for e in store.query(EventFilter(text="ñandú"))] == [ev.id]


def test_a_store_from_a_newer_version_is_refused(db_url: str) -> None:
    from sqlalchemy import create_engine, insert

    from eventmap.store.postgis import driver_url

    with open_store(db_url):
        pass
    spatial = db_url.startswith("postgresql")
    engine = create_engine(driver_url(db_url) if spatial else f"sqlite:///{db_url}")
    sv = schema.build_tables(spatial).schema_version
    with engine.begin() as conn:
        conn.execute(
            insert(sv),
            {
                "version": schema.LATEST + 1,
                "description": "future",
                "applied_at": dt.datetime.now(dt.UTC),
            },
        )
    engine.dispose()
    with pytest.raises(StoreError, match="newer eventmap"):
        open_store(db_url)


def test_stream_features_equal_the_events_as_geojson(filled: tuple[Store, list[Event]]) -> None:
    import json

    store, _ = filled
    store.correct("ev-000004", place="Erbil", latitude=36.19, longitude=44.01, date="2021-01-02")
    flt = EventFilter(countries=("IQ", "FJ"), limit=20, offset=1)
    features = [json.loads(f) for f in store.stream_features(flt)]  # type: ignore[attr-defined]
    events = list(store.query(flt))
    assert len(features) == len(events) > 5
    for feature, ev in zip(features, events, strict=True):
        assert feature == {
            "type": "Feature",
            "geometry": {
                "type": "Point",
                "coordinates": [round(ev.longitude, 6), round(ev.latitude, 6)],
            },
            "properties": ev.to_properties(),
        }
        assert list(feature["properties"]) == list(ev.to_properties())  # the schema's order


@pytest.mark.parametrize("name,flt,keep", FILTERS, ids=[f[0] for f in FILTERS])
def test_stream_features_take_every_filter(
    filled: tuple[Store, list[Event]], name: str, flt: EventFilter, keep: Callable[[Event], bool]
) -> None:
    import json

    store, events = filled
    expected = newest_first([e for e in events if keep(e)])
    got = [json.loads(f)["properties"]["id"] for f in store.stream_features(flt)]  # type: ignore[attr-defined]
    assert got == expected


# --- the contract itself ------------------------------------------------------------------------


def test_sql_store_honours_every_method_of_the_protocol() -> None:
    import inspect

    from eventmap.store.base import Store as Protocol
    from eventmap.store.sql import SqlStore

    names = [n for n, v in vars(Protocol).items() if callable(v) and not n.startswith("_")]
    assert {"ingest", "add_events", "query", "count", "facets", "daily_counts", "correct"} <= set(
        names
    )
    for name in names + ["__enter__", "__exit__"]:
        ours = getattr(SqlStore, name)
        assert ours.__doc__ or getattr(Protocol, name).__doc__, name
        wanted = list(inspect.signature(getattr(Protocol, name)).parameters)
        got = list(inspect.signature(ours).parameters)
        assert got[: len(wanted)] == wanted, name


def test_every_filter_field_is_used_by_the_where_clause() -> None:
    import inspect

    from eventmap.store import filters

    source = inspect.getsource(filters.where_clause) + inspect.getsource(filters.check_filter)
    unused = [
        f.name
        for f in dataclasses.fields(EventFilter)
        if f.name not in ("limit", "offset") and f"flt.{f.name}" not in source
    ]
    assert unused == []
