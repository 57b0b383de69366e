"""The embedded store's file: where it is, whether it may be made, made in WAL mode; and
the two ways a store cannot be had (it is not there, or it cannot be reached)."""

from __future__ import annotations

import os
from typing import Any

import sqlalchemy as sa

from engine.domain.errors import SaksflytError


class StoreUnreachable(SaksflytError):
    """The database server cannot be reached, or the URL cannot be used (exit status 3)."""


class StoreMissing(SaksflytError):
    """There is no store at the URL (a SQLite file that does not exist), or nothing in it."""


def _sqlite_path(url: sa.URL) -> str | None:
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database or ""
    return None if database in ("", ":memory:") else database


def require_sqlite_file(store: Any, create: bool) -> None:
    """Refuse a SQLite store whose file does not exist, unless the caller may `create` it;
    and never make the folders a mistyped path names."""
    path = _sqlite_path(store.url)
    if path is None or os.path.exists(path):
        return
    if not create:
        raise StoreMissing(f"Databasen {path} finnes ikke. Lag den med «saksflyt db init» "
                               "(eller bruk --create), eller rett --db.")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise StoreMissing(f"Mappen {folder} finnes ikke; databasen {path} kan ikke lages "
                           "der.")


def _prepare_sqlite_file(path: str) -> None:
    """A new SQLite store is created in WAL mode (a setting kept in the file)."""
    import sqlite3

    if os.path.exists(path) and os.path.getsize(path) > 0:
        return
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        raise StoreMissing(f"Mappen {directory} finnes ikke; databasen {path} kan ikke "
                           "lages der.")
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
