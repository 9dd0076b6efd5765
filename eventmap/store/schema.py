"""The store's tables, and the ordered list of migrations that builds them.

Both back ends share one schema; PostGIS adds a geometry column (derived from latitude and
longitude, so the two can never disagree) with a GiST index. A file or database records the
migrations applied to it in ``schema_version``; opening an older one applies the rest, so a
user's months of events and corrections follow every upgrade.

Each migration describes *its own* change (columns are tagged with the version that added
them), so upgrading an old store and creating a new one end in the same schema.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Computed,
    Connection,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    bindparam,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.dialects.postgresql import JSONB

from eventmap.store.rows import search_text

# JSON as JSONB on PostgreSQL; Python None is stored as SQL NULL (a "not corrected" field).
JSONType = JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")

SRID = 4326


@dataclass(frozen=True)
class Tables:
    """The tables of one store, for one dialect (``spatial``: PostGIS geometry columns)."""

    metadata: MetaData
    schema_version: Table
    documents: Table
    mentions: Table
    events: Table
    corrections: Table
    spatial: bool


def _since(version: int) -> dict[str, int]:
    return {"since": version}


def build_tables(spatial: bool, upto: int | None = None) -> Tables:
    """The schema as of migration ``upto`` (default: the latest), for queries or for DDL."""
    upto = LATEST if upto is None else upto
    md = MetaData()

    def cols(*columns: Column[Any]) -> list[Column[Any]]:
        return [c for c in columns if c.info.get("since", 1) <= upto]

    schema_version = Table(
        "schema_version",
        md,
        Column("version", Integer, primary_key=True, autoincrement=False),
        Column("description", Text, nullable=False),
        Column("applied_at", DateTime(timezone=True), nullable=False),
    )
    documents = Table(
        "documents",
        md,
        Column("id", String(64), primary_key=True),
        Column("text", Text, nullable=False),
        Column("title", Text),
        Column("url", Text),
        Column("language", String(16), nullable=False),
        Column("published", Date),
        Column("published_inferred", Boolean, nullable=False),
        Column("kind", String(32), nullable=False),
        Column("path", Text),
        Column("ingested_at", DateTime(timezone=True), nullable=False),
    )
    mentions = Table(
        "mentions",
        md,
        Column("doc_id", String(64), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
        Column("start", Integer, nullable=False),
        Column("end", Integer, nullable=False),
        Column("text", Text, nullable=False),
        Column("name", Text, nullable=False),
        Column("latitude", Float, nullable=False),
        Column("longitude", Float, nullable=False),
        Column("geonameid", BigInteger),
        Column("country_code", String(8), nullable=False),
        Column("admin1", Text),
        Column("feature", String(16), nullable=False),
        Column("confidence", Float, nullable=False),
        Column("alternatives", JSONType),
        PrimaryKeyConstraint("doc_id", "start", "end", name="pk_mentions"),
    )
    event_columns: list[Column[Any]] = [
        Column("id", String(64), primary_key=True),
        Column("date", Date, nullable=False),
        Column("time_precision", Integer, nullable=False),
        Column("event_type", String(64), nullable=False),
        Column("sub_event_type", String(64)),
        Column("actors", JSONType, nullable=False),
        Column("fatalities", Integer),
        Column("place", Text, nullable=False),
        Column("mention", Text, nullable=False),
        Column("geonameid", BigInteger),
        Column("country_code", String(8), nullable=False),
        Column("admin1", Text),
        Column("geo_precision", Integer, nullable=False),
        Column("confidence", Float, nullable=False),
        Column("quote", Text, nullable=False),
        Column("doc_id", String(64), nullable=False),
        Column("source_title", Text),
        Column("source_url", Text),
        Column("published", Date),
        Column("language", String(16), nullable=False),
        Column("reviewed", Boolean, nullable=False),
        Column("start", Integer),
        Column("end", Integer),
        Column("sources", JSONType, nullable=False),
        Column("origin", String(32), nullable=False),
        Column("latitude", Float, nullable=False),
        Column("longitude", Float, nullable=False),
        Column("search_text", Text, info=_since(2)),
    ]
    if spatial:
        from geoalchemy2 import Geometry

        event_columns.append(
            Column(
                "geom",
                Geometry("POINT", srid=SRID, spatial_index=False),
                Computed(f"ST_SetSRID(ST_MakePoint(longitude, latitude), {SRID})", persisted=True),
            )
        )
    events = Table("events", md, *cols(*event_columns))
    corrections = Table(
        "corrections",
        md,
        *cols(
            Column("event_id", String(64), ForeignKey("events.id"), primary_key=True),
            Column("date", Date),
            Column("time_precision", Integer),
            Column("event_type", String(64)),
            Column("sub_event_type", String(64)),
            Column("place", Text),
            Column("latitude", Float),
            Column("longitude", Float),
            Column("country_code", String(8)),
            Column("admin1", Text),
            Column("geonameid", BigInteger),
            Column("geo_precision", Integer),
            Column("fatalities", Integer),
            Column("actors", JSONType),
            Column("deleted", Boolean, nullable=False),
            Column("corrected_at", DateTime(timezone=True), nullable=False),
            Column("who", Text),
            Column("search_text", Text, info=_since(2)),
        ),
    )
    if spatial:
        Index("ix_events_geom", events.c.geom, postgresql_using="gist")
    if upto >= 2:
        Index("ix_events_date", events.c.date, events.c.id)
        Index("ix_events_type_date", events.c.event_type, events.c.date)
        Index("ix_events_country_admin1", events.c.country_code, events.c.admin1)
        Index("ix_events_doc", events.c.doc_id)
        if not spatial:
            Index("ix_events_lat_lon", events.c.latitude, events.c.longitude)
    return Tables(md, schema_version, documents, mentions, events, corrections, spatial)


# --- migrations -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection, bool], None]


def _v1_tables(conn: Connection, spatial: bool) -> None:
    """Documents, mentions, events (+ geometry and GiST index on PostGIS), corrections."""
    build_tables(spatial, upto=1).metadata.create_all(conn)


def _v2_search_and_indexes(conn: Connection, spatial: bool) -> None:
    """Case-folded search text (Unicode-aware, same on both back ends) and query indexes."""
    for table in ("events", "corrections"):
        conn.execute(text(f"ALTER TABLE {table} ADD COLUMN search_text TEXT"))
    t = build_tables(spatial, upto=2)
    e, c = t.events, t.corrections
    rows = conn.execute(
        select(e.c.id, e.c.quote, e.c.place, e.c.mention, e.c.actors, e.c.source_title)
    ).all()
    if rows:
        conn.execute(
            update(e).where(e.c.id == bindparam("eid")).values(search_text=bindparam("st")),
            [
                {"eid": r.id, "st": search_text(r.quote, r.place, r.mention, r.actors, r.source_title)}
                for r in rows
            ],
        )
    crow = conn.execute(select(c.c.event_id, c.c.place).where(c.c.place.is_not(None))).all()
    if crow:
        conn.execute(
            update(c).where(c.c.event_id == bindparam("eid")).values(search_text=bindparam("st")),
            [{"eid": r.event_id, "st": search_text(r.place)} for r in crow],
        )
    for index in e.indexes:
        if index.name != "ix_events_geom":
            index.create(conn)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, mentions, events, corrections", _v1_tables),
    Migration(2, "search text and query indexes", _v2_search_and_indexes),
)
LATEST = MIGRATIONS[-1].version


def current_version(conn: Connection, has_table: Callable[[str], bool]) -> int:
    """The store's schema version; 0 for an empty database."""
    if not has_table("schema_version"):
        return 0
    t = build_tables(spatial=False, upto=1)
    found = conn.execute(select(t.schema_version.c.version).order_by(
        t.schema_version.c.version.desc()).limit(1)).scalar()
    return int(found or 0)


def migrate(conn: Connection, spatial: bool, from_version: int, upto: int | None = None) -> int:
    """Apply the migrations after ``from_version`` (inside the caller's transaction)."""
    upto = LATEST if upto is None else upto
    sv = build_tables(spatial, upto=1).schema_version
    if from_version == 0:
        sv.create(conn, checkfirst=True)
    for m in MIGRATIONS:
        if from_version < m.version <= upto:
            m.apply(conn, spatial)
            conn.execute(
                insert(sv).values(
                    version=m.version,
                    description=m.description,
                    applied_at=dt.datetime.now(dt.UTC),
                )
            )
    return max(from_version, upto)
