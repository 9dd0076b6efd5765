"""The SQLite back end: one file, shared safely by several processes.

WAL mode lets the dashboard read while an ingest writes; writers take the write lock up
front (``BEGIN IMMEDIATE``) and wait for it (busy timeout), and a transaction that still
meets "database is locked" is retried whole, so two ingest processes and the dashboard on
one file never show that error to the user. ``synchronous=NORMAL`` in WAL mode keeps every
committed transaction through a crash or kill -9 of the process.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ColumnElement,
    Connection,
    Date,
    DateTime,
    Insert,
    String,
    Table,
    case,
    create_engine,
    event,
    exists,
    func,
    literal,
    select,
    true,
    type_coerce,
)
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from eventmap.errors import StoreError
from eventmap.model import PROPERTY_NAMES
from eventmap.store import schema
from eventmap.store.filters import latlon_box
from eventmap.store.sql import RETRY_SECONDS, Backend, SqlStore, open_with

BUSY_TIMEOUT_MS = 10_000
CACHE_KIB = 65_536
_BUSY_CODES = {getattr(sqlite3, "SQLITE_BUSY", 5), getattr(sqlite3, "SQLITE_LOCKED", 6)}
_IOERR, _FULL = getattr(sqlite3, "SQLITE_IOERR", 10), getattr(sqlite3, "SQLITE_FULL", 13)


def _pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    try:
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
        # SQLite's default page cache is 2 MB: at a million events with six indexes bulk
        # inserts thrash it. 64 MB per connection, bounded (no mmap: it would count the
        # whole file into the process's memory).
        cur.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    finally:
        cur.close()


def _sqlite_value(type_: Any) -> Callable[[Any], Any] | None:
    """How SQLAlchemy's SQLite dialect stores a value of this column type (None: as is)."""
    if isinstance(type_, (JSON,)) or isinstance(getattr(type_, "impl", None), JSON):
        return json.dumps
    if isinstance(type_, Date):
        return dt.date.isoformat
    if isinstance(type_, Boolean):
        return int
    if isinstance(type_, DateTime):
        raise TypeError("no DateTime column on the bulk path")
    return None


class SqliteBackend(Backend):
    spatial = False

    def __init__(self, path: Path) -> None:
        self.path = path
        self.display_url = str(path)
        # Driver-level autocommit: we emit BEGIN IMMEDIATE / COMMIT ourselves, so the write
        # lock is taken before the first read of a write transaction (no upgrade deadlock).
        self.engine = create_engine(
            f"sqlite+pysqlite:///{path}",
            isolation_level="AUTOCOMMIT",
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
        )
        event.listen(self.engine, "connect", _pragmas)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.exec_driver_sql("COMMIT")
            except BaseException:
                try:
                    conn.exec_driver_sql("ROLLBACK")
                except sa_exc.DBAPIError:
                    pass  # SQLite already rolled back (e.g. disk full)
                raise

    def is_transient(self, exc: BaseException) -> bool:
        orig = getattr(exc, "orig", exc)
        if not isinstance(orig, sqlite3.OperationalError):
            return False
        code = _primary_code(orig)
        if code is not None:
            return code in _BUSY_CODES
        msg = str(orig).lower()
        return "locked" in msg or "busy" in msg

    def translate(self, exc: BaseException, action: str) -> StoreError:
        orig = getattr(exc, "orig", exc)
        msg = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
        low = msg.lower()
        where = str(self.path)
        if "file is not a database" in low or "not a database" in low:
            return StoreError(f"{where}: not a SQLite database (nothing was changed)")
        if "unable to open" in low:
            return StoreError(f"{where}: cannot open the file (does its folder exist, can you write there?)")
        primary = _primary_code(orig)
        if "disk is full" in low or "disk full" in low or primary == _FULL:
            return StoreError(f"{where}: disk full while trying to {action}; that write was rolled back")
        if primary == _IOERR or "disk i/o error" in low:
            # A write refused by the system: no space left, a file-size limit (EFBIG), a quota,
            # or a failing disk. SQLite rolls the transaction back (its journal is intact).
            return StoreError(
                f"{where}: could not write to the disk while trying to {action} (disk full, "
                f"file-size limit or disk error: {msg}); that write was rolled back"
            )
        if "readonly" in low or "read-only" in low:
            return StoreError(f"{where}: the file is read-only; cannot {action}")
        if self.is_transient(exc):
            return StoreError(
                f"{where}: store busy: locked by another program for too long (waited up to "
                f"{RETRY_SECONDS:.0f} s); could not {action}, nothing was written: try again "
                "once that program is done"
            )
        if "malformed" in low or "corrupt" in low:
            return StoreError(f"{where}: the database file is damaged ({msg}); could not {action}")
        return StoreError(f"{where}: could not {action}: {msg}")

    def insert_new(self, conn: Connection, table: Table, rows: list[dict[str, Any]]) -> set[str]:
        """One ``executemany`` of plain tuples: SQLAlchemy's per-row parameter processing
        costs more than SQLite's insert itself. Values are stored exactly as SQLAlchemy's
        types store them (ISO dates, JSON text, 0/1), so every read goes through Core."""
        names = [c.name for c in table.columns]
        convert = [_sqlite_value(c.type) for c in table.columns]
        sql = (
            f"INSERT INTO {table.name} ({', '.join(f'{chr(34)}{n}{chr(34)}' for n in names)}) "
            f"VALUES ({', '.join('?' * len(names))})"
        )
        params = [
            tuple(r[n] if f is None or r[n] is None else f(r[n]) for n, f in zip(names, convert, strict=True))
            for r in rows
        ]
        conn.exec_driver_sql(sql, params)
        return {r["id"] for r in rows}

    def insert_ignore(self, table: Table) -> Insert:
        return sqlite_insert(table).on_conflict_do_nothing()

    def box(self, events: Table, west: float, south: float, east: float, north: float) -> ColumnElement[bool]:
        return latlon_box(events, west, south, east, north)

    def json_contains(self, col: ColumnElement[Any], value: str) -> ColumnElement[bool]:
        each = func.json_each(col).table_valued("value")
        return exists(select(1).select_from(each).where(each.c.value == value))


    def feature_json(self, cols: dict[str, ColumnElement[Any]]) -> ColumnElement[str]:
        props: list[Any] = []
        for name in PROPERTY_NAMES:
            col = cols[name]
            if name == "actors":
                col = func.json(col)
            elif name == "reviewed":
                col = func.json(case((col == true(), "true"), else_="false"))
            elif name == "confidence":
                col = func.round(col, 4)
            elif name in ("date", "published"):
                col = type_coerce(col, String)  # stored as YYYY-MM-DD text already
            props += [literal(name), col]
        point = func.json_object(
            "type", "Point",
            "coordinates", func.json_array(func.round(cols["longitude"], 6), func.round(cols["latitude"], 6)),
        )
        return func.json_object(
            "type", "Feature", "geometry", point, "properties", func.json_object(*props), type_=String
        )


def open_sqlite(path: str | Path) -> SqlStore:
    """Open (creating or upgrading) the store in a SQLite file; StoreError names the file."""
    p = Path(path).expanduser()
    if p.is_dir():
        raise StoreError(f"{p}: is a folder, not a database file")
    if not p.parent.is_dir():
        raise StoreError(f"{p}: folder {p.parent} does not exist")
    return open_with(SqliteBackend(p), _prepare, driver_errors=(sqlite3.Error,))


def _tables(conn: Connection) -> set[str]:
    rows = conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return {r[0] for r in rows}


def _prepare(backend: SqliteBackend) -> None:
    """Check what the file holds (changing nothing in a file that is not ours), then switch
    it to WAL and bring its schema to the latest version."""
    with backend.engine.connect() as conn:
        found = _tables(conn)
        if found and "schema_version" not in found:
            raise StoreError(
                f"{backend.path}: a SQLite database but not an eventmap store "
                f"(it holds {', '.join(sorted(found)[:5])}); nothing was changed"
            )
        version = schema.current_version(conn, lambda name: name in found)
        _check_not_newer(backend.path, version)
        # Only now that the file is known to be ours (or empty): WAL sticks to the file.
        conn.exec_driver_sql("PRAGMA journal_mode = WAL")
    if version == schema.LATEST:
        return
    with backend.write() as conn:  # BEGIN IMMEDIATE: one process migrates, others wait
        found = _tables(conn)
        version = schema.current_version(conn, lambda name: name in found)
        _check_not_newer(backend.path, version)
        if version < schema.LATEST:
            schema.migrate(conn, spatial=False, from_version=version)


def _check_not_newer(where: object, version: int) -> None:
    if version > schema.LATEST:
        raise StoreError(
            f"{where}: written by a newer eventmap (schema {version}, this one knows "
            f"{schema.LATEST}); upgrade eventmap"
        )


def _primary_code(error: BaseException) -> int | None:
    """SQLite's primary result code of an error (the low byte of the extended one), if any."""
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF
