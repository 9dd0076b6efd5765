"""The PostgreSQL + PostGIS back end: a store a team shares.

Events carry a ``geometry(Point, 4326)`` derived from their coordinates, with a GiST index
that serves the bounding-box filter. Concurrent writers lock the event rows they merge
(``SELECT … FOR UPDATE``) and insert with ``ON CONFLICT DO NOTHING``, so two ingests of
the same event never duplicate it; a deadlock is retried whole. A server that is down, or
a connection lost mid-batch, is a StoreUnavailable whose message never holds the password;
the lost batch's transaction is rolled back by the server.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from sqlalchemy import (
    JSON,
    ColumnElement,
    Connection,
    Insert,
    Select,
    Table,
    Text,
    cast,
    create_engine,
    func,
    inspect,
    literal,
    or_,
    text,
)
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.engine import make_url

from eventmap.errors import StoreError, StoreUnavailable
from eventmap.model import PROPERTY_NAMES
from eventmap.store import schema
from eventmap.store.sql import Backend, SqlStore, open_with

CONNECT_TIMEOUT_S = 5
_TRANSIENT_STATES = {"40P01", "40001", "55P03"}  # deadlock, serialization failure, lock not available
_MIGRATION_LOCK = 0x6576656E746D6170  # "eventmap": one migrating process at a time


def driver_url(url: str) -> str:
    """``postgresql://`` / ``postgres://`` → SQLAlchemy's psycopg 3 driver."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    raise StoreError(f"not a PostgreSQL URL: {safe_url(url)}")


def safe_url(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        u = make_url(url)
        return u.set(drivername="postgresql").render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL: show only its scheme
        return url.split("://", 1)[0] + "://…"


def _sqlstate(exc: BaseException) -> str | None:
    orig = getattr(exc, "orig", exc)
    return getattr(orig, "sqlstate", None)


def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", exc)
    # psycopg: 'connection failed: connection to server at "…", port 1 failed: Connection
    # refused\n\tIs the server running…' → one line, without the redundant prefixes.
    words = " ".join(str(orig).replace("FATAL:", "").split())
    for prefix in ("connection failed: ", "(psycopg.OperationalError) "):
        words = words.removeprefix(prefix)
    return words or type(orig).__name__


def cast_psycopg(conn: Connection) -> psycopg.Connection[Any]:
    """The psycopg connection under SQLAlchemy's, for COPY (which Core does not wrap)."""
    dbapi = conn.connection.dbapi_connection
    assert isinstance(dbapi, psycopg.Connection)
    return dbapi


def _round(col: ColumnElement[Any], digits: int) -> ColumnElement[Any]:
    """Python's round() on a float8, in float8 (a numeric cast costs 3× more per row)."""
    scale = 10.0**digits
    return func.round(col * scale) / scale


class PostgisBackend(Backend):
    spatial = True

    def __init__(self, url: str) -> None:
        self.display_url = safe_url(url)
        try:
            u = make_url(driver_url(url))
        except (ValueError, sa_exc.ArgumentError) as exc:
            raise StoreError(f"not a valid PostgreSQL URL: {self.display_url} ({exc})") from None
        connect_args: dict[str, Any] = {"application_name": "eventmap"}
        if "connect_timeout" not in u.query:
            connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
        # Our server-side cursors are always read to the end: plan for all rows, not for
        # PostgreSQL's default first 10 % (which favours slow ordered index scans).
        connect_args["options"] = " ".join(
            filter(None, [str(u.query.get("options", "")), "-c cursor_tuple_fraction=1.0"])
        )
        u = u.difference_update_query(["options"])
        self.engine = create_engine(u, pool_pre_ping=True, pool_size=4, connect_args=connect_args)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    def is_transient(self, exc: BaseException) -> bool:
        return _sqlstate(exc) in _TRANSIENT_STATES

    def translate(self, exc: BaseException, action: str) -> StoreError:
        state = _sqlstate(exc) or ""
        lost = isinstance(exc, sa_exc.DBAPIError) and exc.connection_invalidated
        if lost or state.startswith("08") or state in ("57P01", "57P02", "57P03"):
            return StoreUnavailable(
                f"lost the connection to PostgreSQL at {self.display_url} while trying to {action} "
                f"({_reason(exc)}); that transaction was rolled back"
            )
        if isinstance(exc, sa_exc.OperationalError) and not state:
            return StoreUnavailable(f"PostgreSQL at {self.display_url} is unavailable: {_reason(exc)}")
        if state == "53100":
            return StoreError(f"PostgreSQL at {self.display_url}: disk full; could not {action}")
        return StoreError(f"PostgreSQL at {self.display_url}: could not {action}: {_reason(exc)}")

    def insert_ignore(self, table: Table) -> Insert:
        return pg_insert(table).on_conflict_do_nothing()

    def box(self, events: Table, west: float, south: float, east: float, north: float) -> ColumnElement[bool]:
        def envelope(w: float, e: float) -> ColumnElement[bool]:
            return events.c.geom.op("&&")(func.ST_MakeEnvelope(w, south, e, north, schema.SRID))

        if west <= east:
            return envelope(west, east)
        return or_(envelope(west, 180.0), envelope(-180.0, east))  # across the antimeridian

    def json_contains(self, col: ColumnElement[Any], value: str) -> ColumnElement[bool]:
        return col.op("@>")(func.jsonb_build_array(cast(literal(value), Text)))

    def feature_json(self, cols: dict[str, ColumnElement[Any]]) -> ColumnElement[str]:
        props: list[Any] = []
        for name in PROPERTY_NAMES:
            col = cols[name]
            if name == "confidence":
                col = _round(col, 4)
            props += [literal(name, Text), col]  # dates come out as YYYY-MM-DD in JSON
        point = func.json_build_object(
            literal("type", Text), literal("Point", Text),
            literal("coordinates", Text),
            func.json_build_array(_round(cols["longitude"], 6), _round(cols["latitude"], 6)),
        )
        feature = func.json_build_object(
            literal("type", Text), literal("Feature", Text), literal("geometry", Text), point,
            literal("properties", Text), func.json_build_object(*props),
        )
        return cast(feature, Text)

    def stream_text(self, conn: Connection, stmt: Select) -> Iterator[str]:
        """Through ``COPY (query) TO STDOUT``: a third faster than a server-side cursor for
        a million rows, and streamed all the same. Parameters stay parameters (bound by
        psycopg), never pasted into the SQL."""
        compiled = stmt.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
        dbapi = cast_psycopg(conn)
        try:
            with dbapi.cursor() as cur, cur.copy(f"COPY ({compiled}) TO STDOUT", compiled.params) as copy:
                for (value,) in copy.rows():
                    yield value
        except psycopg.Error as exc:
            raise sa_exc.DBAPIError.instance(
                str(compiled), compiled.params, exc, psycopg.Error
            ) from exc

    def lock_rows(self, stmt: Select) -> Select:
        return stmt.with_for_update()

    def insert_new(self, conn: Connection, table: Table, rows: list[dict[str, Any]]) -> set[str]:
        """COPY into a temporary table, then one INSERT … ON CONFLICT DO NOTHING RETURNING.

        COPY is PostgreSQL's bulk path (a multi-row VALUES of a 5,000-row batch spends most
        of its time in the driver's query parsing); ON CONFLICT keeps a concurrent writer's
        rows, and RETURNING tells which ones were ours."""
        cols = [c.name for c in table.columns if c.computed is None]
        json_cols = {c.name for c in table.columns if isinstance(c.type, (JSON, JSONB))}
        quoted = ", ".join(f'"{c}"' for c in cols)
        load = "eventmap_load"
        dbapi = cast_psycopg(conn)
        with dbapi.cursor() as cur:
            cur.execute(
                f"CREATE TEMP TABLE {load} ON COMMIT DROP AS "
                f"SELECT {quoted} FROM {table.name} WITH NO DATA"
            )
            with cur.copy(f"COPY {load} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(
                        [json.dumps(row[c]) if c in json_cols else row[c] for c in cols]
                    )
            cur.execute(
                f"INSERT INTO {table.name} ({quoted}) SELECT {quoted} FROM {load} "
                f"ON CONFLICT (id) DO NOTHING RETURNING id"
            )
            inserted = {r[0] for r in cur.fetchall()}
            cur.execute(f"DROP TABLE {load}")
        return inserted


def open_postgis(url: str) -> SqlStore:
    """Open (creating or upgrading) the store in a PostGIS database.

    StoreUnavailable when the server cannot be reached; StoreError when PostGIS is missing
    or the database holds something else."""
    return open_with(PostgisBackend(url), _prepare)


def _prepare(backend: PostgisBackend) -> None:
    where = backend.display_url
    with backend.engine.begin() as conn:
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
        if conn.execute(text("SELECT 1 FROM pg_extension WHERE extname = 'postgis'")).first() is None:
            try:
                with conn.begin_nested():
                    conn.execute(text("CREATE EXTENSION IF NOT EXISTS postgis"))
            except sa_exc.DBAPIError as exc:
                raise StoreError(
                    f"PostgreSQL at {where}: the PostGIS extension is not installed and could not "
                    f"be created ({_reason(exc)}); ask an administrator to run CREATE EXTENSION postgis"
                ) from None
        insp = inspect(conn)
        has = insp.has_table
        if not has("schema_version") and has("events"):
            raise StoreError(f"PostgreSQL at {where}: holds an 'events' table that is not eventmap's")
        version = schema.current_version(conn, has)
        if version > schema.LATEST:
            raise StoreError(
                f"PostgreSQL at {where}: written by a newer eventmap (schema {version}, this one "
                f"knows {schema.LATEST}); upgrade eventmap"
            )
        if version < schema.LATEST:
            schema.migrate(conn, spatial=True, from_version=version)
