"""The Store over SQLAlchemy Core: one implementation, dialect details in a ``Backend``.

Writes go through ``_write``: one transaction per call (or per batch), retried whole when
the database says "busy" or "deadlock", so a second writer waits instead of failing.
Reads stream (``yield_per``: server-side cursors on PostgreSQL), so exporting a million
events never holds a million rows.
"""

from __future__ import annotations

import abc
import datetime as dt
import getpass
import random
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import replace
from functools import partial
from typing import Any, Self, TypeVar

from sqlalchemy import (
    ColumnElement,
    Connection,
    Date,
    Engine,
    Insert,
    Select,
    Table,
    bindparam,
    func,
    select,
    update,
)
from sqlalchemy import exc as sa_exc

from eventmap.errors import NotFound, StoreError
from eventmap.model import Document, Event
from eventmap.store import filters, schema
from eventmap.store.base import EventFilter, StoredMention
from eventmap.store.corrections import View, check_changes, make_view
from eventmap.store.rows import (
    document_to_row,
    event_to_row,
    mention_to_row,
    merge_sources,
    row_to_document,
    row_to_mention,
    row_to_properties,
    tuple_to_event,
)

T = TypeVar("T")
EVERYTHING = EventFilter()  # frozen: safe as a default argument

BATCH = 5000  # events per transaction in add_events
STREAM_ROWS = 5000  # rows fetched at a time by streaming reads
ID_CHUNK = 500  # ids per IN (...) lookup
RETRY_SECONDS = 60.0  # how long a write keeps retrying a busy/deadlocked transaction


class Backend(abc.ABC):
    """What differs between SQLite and PostGIS; everything else lives in SqlStore."""

    spatial: bool
    engine: Engine
    display_url: str  # safe to print: no password

    @abc.abstractmethod
    def write(self) -> AbstractContextManager[Connection]:
        """A connection inside one write transaction (committed on exit, rolled back on error)."""

    @abc.abstractmethod
    def is_transient(self, exc: BaseException) -> bool:
        """True when retrying the whole transaction may succeed (busy, deadlock)."""

    @abc.abstractmethod
    def translate(self, exc: BaseException, action: str) -> StoreError:
        """One clear StoreError (or StoreUnavailable) for a database error."""

    @abc.abstractmethod
    def insert_ignore(self, table: Table) -> Insert:
        """INSERT that skips rows whose primary key exists."""

    @abc.abstractmethod
    def box(self, events: Table, west: float, south: float, east: float, north: float) -> ColumnElement[bool]: ...

    @abc.abstractmethod
    def json_contains(self, col: ColumnElement[Any], value: str) -> ColumnElement[bool]: ...

    @abc.abstractmethod
    def feature_json(self, cols: dict[str, ColumnElement[Any]]) -> ColumnElement[str]:
        """One GeoJSON Feature as JSON text, built by the database (see ``stream_features``)."""

    def stream_text(self, conn: Connection, stmt: Select) -> Iterator[str]:
        """The one text column of ``stmt``, streamed."""
        result = conn.execution_options(yield_per=STREAM_ROWS).execute(stmt)
        yield from result.scalars()

    def lock_rows(self, stmt: Select) -> Select:
        """Lock selected rows until commit (PostgreSQL); SQLite's write lock already covers it."""
        return stmt

    def insert_new(self, conn: Connection, table: Table, rows: list[dict[str, Any]]) -> set[str]:
        """Insert rows whose ``id`` was not found; return the ids actually inserted (a
        concurrent writer may have inserted some meanwhile). Here: the write lock is held."""
        conn.execute(table.insert(), rows)
        return {r["id"] for r in rows}

    def dispose(self) -> None:
        self.engine.dispose()


def _chunks(seq: Sequence[T], n: int) -> Iterator[Sequence[T]]:
    for i in range(0, len(seq), n):
        yield seq[i : i + n]


def _batches(items: Iterable[T], n: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


class SqlStore:
    """An event store on a SQL database (see ``eventmap.store.base.Store``)."""

    def __init__(self, backend: Backend) -> None:
        self._b = backend
        self.url = backend.display_url
        self.tables = schema.build_tables(backend.spatial)

    # --- plumbing ---------------------------------------------------------------------------

    @property
    def engine(self) -> Engine:
        return self._b.engine

    def _write(self, fn: Callable[[Connection], T], action: str) -> T:
        """Run ``fn`` in one transaction; retry it whole while the database is busy."""
        deadline = time.monotonic() + RETRY_SECONDS
        delay = 0.05
        while True:
            try:
                with self._b.write() as conn:
                    return fn(conn)
            except sa_exc.DBAPIError as exc:
                if self._b.is_transient(exc) and time.monotonic() < deadline:
                    time.sleep(delay * (0.5 + random.random()))
                    delay = min(delay * 2, 1.0)
                    continue
                raise self._b.translate(exc, action) from None

    @contextmanager
    def _read(self, action: str) -> Iterator[Connection]:
        try:
            with self._b.engine.connect() as conn:
                yield conn
        except sa_exc.DBAPIError as exc:
            raise self._b.translate(exc, action) from None

    def _view(self, conn: Connection) -> tuple[View, list[str]]:
        """Corrections are joined only when there are some (then indexes serve plain reads)."""
        c = self.tables.corrections
        ids = list(
            conn.execute(select(c.c.event_id).limit(filters.MAX_LISTED_CORRECTIONS + 1)).scalars()
        )
        return make_view(self.tables, bool(ids)), ids

    def _where(self, flt: EventFilter, view: View, ids: list[str]) -> ColumnElement[bool]:
        return filters.where_clause(flt, view, ids, self._b.box, self._b.json_contains)

    def _select(self, conn: Connection, flt: EventFilter) -> Select:
        view, ids = self._view(conn)
        stmt = (
            select(*view.select_list())
            .select_from(view.from_)
            .where(self._where(flt, view, ids))
            .order_by(view.columns["date"].desc(), view.columns["id"].desc())
        )
        if flt.limit is not None:
            stmt = stmt.limit(flt.limit)
        if flt.offset:
            stmt = stmt.offset(flt.offset)
        return stmt

    def _stream_rows(self, flt: EventFilter, action: str, *, mappings: bool = True) -> Iterator[Any]:
        """Rows of EVENT_FIELDS (as mappings, or as plain tuples in field order)."""
        filters.check_filter(flt)
        with self._read(action) as conn:
            stmt = self._select(conn, flt)
            try:
                result = conn.execution_options(yield_per=STREAM_ROWS).execute(stmt)
                yield from (result.mappings() if mappings else result)
            except sa_exc.DBAPIError as exc:
                raise self._b.translate(exc, action) from None

    # --- writes -----------------------------------------------------------------------------

    def ingest(
        self, document: Document, mentions: Iterable[StoredMention], events: Iterable[Event]
    ) -> bool:
        """Store a document with its mentions and events in one transaction.

        False (and nothing written) if the document is already stored: re-running the
        pipeline on the same text adds nothing and touches no correction."""
        t = self.tables
        now = dt.datetime.now(dt.UTC)
        doc_row = document_to_row(document, now)
        mention_rows = list(
            {(r["start"], r["end"]): r for r in (mention_to_row(m, document.id) for m in mentions)}.values()
        )
        evs = [ev if ev.doc_id else replace(ev, doc_id=document.id) for ev in events]

        def tx(conn: Connection) -> bool:
            stmt = self._b.insert_ignore(t.documents).returning(t.documents.c.id)
            if conn.execute(stmt, doc_row).first() is None:
                return False
            if mention_rows:
                conn.execute(t.mentions.insert(), mention_rows)
            self._write_events(conn, evs)
            return True

        return self._write(tx, f"ingest document {document.id}")

    def add_events(self, events: Iterable[Event], *, batch_size: int = BATCH) -> int:
        """Store imported events, one transaction per batch; returns how many were new.

        A batch that fails leaves nothing of itself behind; earlier batches stay committed."""
        added = 0
        for batch in _batches(events, batch_size):
            added += self._write(partial(self._write_events, events=batch), "add events")
        return added

    def _write_events(self, conn: Connection, events: list[Event]) -> int:
        """Insert new events; merge sources of known ones. Returns how many were new."""
        e = self.tables.events
        by_id: dict[str, Event] = {}
        for ev in events:
            prev = by_id.get(ev.id)
            if prev is None:
                by_id[ev.id] = ev
            else:
                by_id[ev.id] = replace(
                    prev, sources=merge_sources(prev.doc_id, prev.sources, [ev.doc_id], ev.sources)
                )
        ids = sorted(by_id)
        existing = self._existing(conn, ids)
        new_rows = [event_to_row(by_id[i]) for i in ids if i not in existing]
        inserted: set[str] = set()
        if new_rows:
            inserted = self._b.insert_new(conn, e, new_rows)
            raced = [r["id"] for r in new_rows if r["id"] not in inserted]
            if raced:
                existing.update(self._existing(conn, raced))
        merges = []
        for eid, (doc_id, sources) in existing.items():
            ev = by_id[eid]
            merged = merge_sources(doc_id, sources, [ev.doc_id], ev.sources)
            if merged != sources:
                merges.append({"eid": eid, "merged": merged})
        if merges:
            conn.execute(
                update(e).where(e.c.id == bindparam("eid")).values(sources=bindparam("merged")),
                merges,
            )
        return len(inserted)

    def _existing(self, conn: Connection, ids: Sequence[str]) -> dict[str, tuple[str, list[str]]]:
        e = self.tables.events
        found: dict[str, tuple[str, list[str]]] = {}
        for chunk in _chunks(ids, ID_CHUNK):
            stmt = self._b.lock_rows(
                select(e.c.id, e.c.doc_id, e.c.sources).where(e.c.id.in_(list(chunk))).order_by(e.c.id)
            )
            for row in conn.execute(stmt):
                found[row.id] = (row.doc_id, list(row.sources or []))
        return found

    def correct(self, event_id: str, **changes: Any) -> Event:
        """Record a person's correction and mark the event reviewed (no changes = confirm).

        Stored in ``corrections``, never in ``events``: no re-run of the pipeline touches it.
        ``who=`` names the person (default: the login name)."""
        who = changes.pop("who", None) or _login()
        current = self.get_event(event_id)
        if current is None:
            raise NotFound(f"no event {event_id!r} (or it was deleted)")
        values = check_changes(changes, current.event_type)
        self._set_correction(event_id, values, who, deleted=False)
        corrected = self.get_event(event_id)
        if corrected is None:  # deleted by someone else meanwhile
            raise NotFound(f"event {event_id!r} was deleted meanwhile")
        return corrected

    def delete_event(self, event_id: str, *, who: str | None = None) -> None:
        """Record a person's deletion: the event stays hidden whatever re-runs do."""
        self._set_correction(event_id, {}, who or _login(), deleted=True)

    def restore_event(self, event_id: str, *, who: str | None = None) -> None:
        """Undo a deletion (the person's other corrections are kept)."""
        self._set_correction(event_id, {}, who or _login(), deleted=False)

    def _set_correction(self, event_id: str, values: dict[str, Any], who: str, deleted: bool) -> None:
        e, c = self.tables.events, self.tables.corrections
        now = dt.datetime.now(dt.UTC)

        def tx(conn: Connection) -> None:
            if conn.execute(select(e.c.id).where(e.c.id == event_id)).first() is None:
                raise NotFound(f"no event {event_id!r}")
            conn.execute(
                self._b.insert_ignore(c),
                {"event_id": event_id, "deleted": deleted, "corrected_at": now, "who": who},
            )
            conn.execute(
                update(c)
                .where(c.c.event_id == event_id)
                .values(**values, deleted=deleted, corrected_at=now, who=who)
            )

        self._write(tx, f"{'delete' if deleted else 'correct'} event {event_id}")

    def correction(self, event_id: str) -> dict[str, Any] | None:
        """The person's correction of one event as stored (fields set, deleted, who, when)."""
        c = self.tables.corrections
        with self._read("read a correction") as conn:
            row = conn.execute(select(c).where(c.c.event_id == event_id)).mappings().first()
        if row is None:
            return None
        return {k: v for k, v in row.items() if v is not None and k != "search_text"}

    # --- reads ------------------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        """Whether the document is stored (the pipeline skips it then)."""
        d = self.tables.documents
        with self._read("read documents") as conn:
            return conn.execute(select(d.c.id).where(d.c.id == doc_id)).first() is not None

    def get_document(self, doc_id: str) -> Document | None:
        """The stored document with its provenance, or None."""
        d = self.tables.documents
        with self._read("read documents") as conn:
            row = conn.execute(select(d).where(d.c.id == doc_id)).mappings().first()
        return row_to_document(row) if row else None

    def documents(self) -> Iterator[Document]:
        """Every stored document, oldest first (streamed)."""
        d = self.tables.documents
        with self._read("read documents") as conn:
            result = conn.execution_options(yield_per=STREAM_ROWS).execute(
                select(d).order_by(d.c.ingested_at, d.c.id)
            )
            for row in result.mappings():
                yield row_to_document(row)

    def mentions(self, doc_id: str) -> list[StoredMention]:
        """The document's place mentions, in text order."""
        m = self.tables.mentions
        with self._read("read mentions") as conn:
            rows = conn.execute(
                select(m).where(m.c.doc_id == doc_id).order_by(m.c.start, m.c.end)
            ).mappings()
            return [row_to_mention(r) for r in rows]

    def get_event(self, event_id: str) -> Event | None:
        """The event as a person sees it (corrections applied); None if absent or deleted."""
        for ev in self.query(EventFilter(ids=(event_id,), limit=1)):
            return ev
        return None

    def query(self, flt: EventFilter = EVERYTHING) -> Iterator[Event]:
        """Events matching the filter, newest first; corrections applied, deletions hidden."""
        for row in self._stream_rows(flt, "query events", mappings=False):
            yield tuple_to_event(row)

    def stream_properties(
        self, flt: EventFilter = EVERYTHING
    ) -> Iterator[tuple[float, float, dict[str, Any]]]:
        """``(longitude, latitude, properties)`` per event: the export fast path (no Event
        objects); properties are exactly ``Event.to_properties()``."""
        for row in self._stream_rows(flt, "export events"):
            yield row["longitude"], row["latitude"], row_to_properties(row)

    def stream_features(self, flt: EventFilter = EVERYTHING) -> Iterator[str]:
        """One RFC 7946 Feature per event as JSON text, built by the database itself: the
        fastest export path (a million features in seconds, in constant memory). Parsed,
        each equals ``{"type": "Feature", "geometry": Point(lon, lat rounded to 6),
        "properties": event.to_properties()}``."""
        filters.check_filter(flt)
        with self._read("export events") as conn:
            view, ids = self._view(conn)
            stmt = (
                select(self._b.feature_json(view.columns))
                .select_from(view.from_)
                .where(self._where(flt, view, ids))
                .order_by(view.columns["date"].desc(), view.columns["id"].desc())
                .limit(flt.limit)
                .offset(flt.offset or None)
            )
            try:
                yield from self._b.stream_text(conn, stmt)
            except sa_exc.DBAPIError as exc:
                raise self._b.translate(exc, "export events") from None

    def count(self, flt: EventFilter = EVERYTHING) -> int:
        """How many events ``query(flt)`` yields, counted by the database."""
        filters.check_filter(flt)
        with self._read("count events") as conn:
            view, ids = self._view(conn)
            inner = select(view.columns["id"]).select_from(view.from_).where(self._where(flt, view, ids))
            if flt.limit is not None or flt.offset:
                inner = inner.limit(flt.limit).offset(flt.offset)
                return int(conn.execute(select(func.count()).select_from(inner.subquery())).scalar_one())
            stmt = select(func.count()).select_from(view.from_).where(self._where(flt, view, ids))
            return int(conn.execute(stmt).scalar_one())

    def facets(self, flt: EventFilter = EVERYTHING) -> dict[str, Any]:
        """What the filter leaves, for the dashboard's pickers: counts per type, sub-type,
        country and admin1 (largest first), the total and the date range. Computed in SQL,
        one GROUP BY per column (each served by an index or a small sort; one GROUP BY
        over the four together sorts every row: 10× slower at a million events).
        ``limit`` and ``offset`` are ignored."""
        filters.check_filter(flt)
        out: dict[str, Any] = {}
        with self._read("summarise events") as conn:
            view, ids = self._view(conn)
            where = self._where(flt, view, ids)
            d = view.columns["date"]
            row = conn.execute(
                select(func.count(), func.min(d, type_=Date), func.max(d, type_=Date))
                .select_from(view.from_)
                .where(where)
            ).one()
            out["total"], out["date_min"], out["date_max"] = int(row[0]), row[1], row[2]
            for name in ("event_type", "sub_event_type", "country_code", "admin1"):
                col = view.columns[name]
                n = func.count().label("n")
                rows = conn.execute(
                    select(col.label("k"), n)
                    .select_from(view.from_)
                    .where(where, col.is_not(None))
                    .group_by(col)
                    .order_by(n.desc(), col)
                ).all()
                out[name] = {r.k: int(r.n) for r in rows}
        return out

    def daily_counts(self, flt: EventFilter = EVERYTHING) -> list[tuple[dt.date, str, int]]:
        """Events per day and type, for the timeline (computed in SQL)."""
        filters.check_filter(flt)
        with self._read("count events per day") as conn:
            view, ids = self._view(conn)
            d, t = view.columns["date"], view.columns["event_type"]
            rows = conn.execute(
                select(d.label("day"), t.label("etype"), func.count().label("n"))
                .select_from(view.from_)
                .where(self._where(flt, view, ids))
                .group_by(d, t)
                .order_by(d, t)
            ).all()
        return [(r.day, r.etype, int(r.n)) for r in rows]

    def schema_version(self) -> int:
        sv = self.tables.schema_version
        with self._read("read the schema version") as conn:
            return int(conn.execute(select(func.max(sv.c.version))).scalar() or 0)

    # --- lifetime ---------------------------------------------------------------------------

    def close(self) -> None:
        """Release the connections (the store object is unusable afterwards)."""
        self._b.dispose()

    def __enter__(self) -> Self:
        """``with open_store(...) as store:`` closes it at the end."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Close on leaving a ``with`` block."""
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.url}>"


def open_with(
    backend: Backend,
    prepare: Callable[[Any], None],
    driver_errors: tuple[type[BaseException], ...] = (),
) -> SqlStore:
    """Prepare (create or upgrade) a back end's schema and wrap it in a store.

    Any failure disposes of the engine and becomes one StoreError / StoreUnavailable line:
    the driver's own errors are translated by the back end, ours pass through.
    """
    translated: tuple[type[BaseException], ...] = (sa_exc.DBAPIError, *driver_errors)
    try:
        prepare(backend)
    except translated as exc:
        backend.dispose()
        raise backend.translate(exc, "open the store") from None
    except StoreError:
        backend.dispose()
        raise
    return SqlStore(backend)


def _login() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name (containers): record none rather than fail
        return "unknown"
