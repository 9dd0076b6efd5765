"""Where events live: a SQLite file by default, PostgreSQL + PostGIS for a team.

``open_store(db)`` picks the back end from ``--db``: a file path (or ``sqlite:///path``)
→ SQLite; a ``postgresql://`` URL → PostGIS; ``None`` → ``$EVENTMAP_DB``, else the
default file ``default_db_url()`` (``~/.local/share/eventmap/events.sqlite`` on Linux,
the platform's user data folder elsewhere), created with its folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from eventmap.errors import StoreError
from eventmap.store.base import EventFilter, Store, StoredMention

ENV_VAR = "EVENTMAP_DB"
DEFAULT_FILENAME = "events.sqlite"


def default_db_path() -> Path:
    """The default store file (the user data folder of the platform)."""
    from platformdirs import user_data_path

    return user_data_path("eventmap", appauthor=False) / DEFAULT_FILENAME


def default_db_url() -> str:
    """``$EVENTMAP_DB`` if set, else the default file: what ``open_store(None)`` opens."""
    return os.environ.get(ENV_VAR) or str(default_db_path())


def is_postgres_url(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://", "postgresql+psycopg://"))


def open_store(db: str | os.PathLike[str] | None = None) -> Store:
    """Open the store named by ``db`` (see the module docstring); use it as a context manager.

    Raises StoreError (naming the file or the password-free URL) when it cannot be opened,
    StoreUnavailable when a PostgreSQL server cannot be reached."""
    if db is None:
        env = os.environ.get(ENV_VAR)
        if env:
            return open_store(env)
        path = default_db_path()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{path.parent}: cannot create the default store folder: {exc.strerror}") from None
        return open_store(path)
    target = os.fspath(db)
    if not target.strip():
        raise StoreError("empty --db: give a file path or a postgresql:// URL")
    if is_postgres_url(target):
        from eventmap.store.postgis import open_postgis

        return open_postgis(target)
    if target.startswith("sqlite:///"):
        target = target[len("sqlite:///") :]
    elif "://" in target:
        raise StoreError(f"unsupported --db {target.split('://', 1)[0]}://…: give a file path or a postgresql:// URL")
    from eventmap.store.sqlite import open_sqlite

    return open_sqlite(target)


__all__ = [
    "EventFilter",
    "Store",
    "StoredMention",
    "default_db_path",
    "default_db_url",
    "open_store",
]
