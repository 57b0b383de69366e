"""Rows into the events table by the driver's bulk path, inside the caller's transaction.

SQLAlchemy's Core insert of a list of dicts compiles, binds and processes every row in
Python before the driver sees it; a replay writes hundreds of thousands. The rows here are
complete (hashes chained, payload as its canonical JSON text), so they go to the driver as
they are: `executemany` of tuples on SQLite, `COPY ... FROM STDIN` on PostgreSQL (psycopg 3),
where the server parses the payload text into JSONB. Any other driver gets the Core insert.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from engine.store.schema import events_table

COLUMNS = ("stream_id", "seq", "type", "version", "payload", "actor", "recorded_at",
           "prev_hash", "hash")
_SQLITE = (f"INSERT INTO events ({', '.join(COLUMNS)}) "
           f"VALUES ({', '.join('?' for _ in COLUMNS)})")
_COPY = f"COPY events ({', '.join(COLUMNS)}) FROM STDIN"


def bulk_insert(conn: sa.Connection, rows: Sequence[tuple[Any, ...]]) -> int:
    """Insert `rows` (tuples in the order of COLUMNS, payload as JSON text); their count."""
    if not rows:
        return 0
    dialect = conn.dialect
    if dialect.name == "sqlite" and dialect.paramstyle == "qmark":
        conn.exec_driver_sql(_SQLITE, list(rows))
        return len(rows)
    driver = conn.connection.driver_connection
    if dialect.name == "postgresql" and dialect.driver == "psycopg" and driver is not None:
        dbapi = dialect.loaded_dbapi
        try:
            with driver.cursor() as cursor, cursor.copy(_COPY) as copy:
                for row in rows:
                    copy.write_row(row)
        except dbapi.Error as exc:
            # As SQLAlchemy would raise it: the caller turns the (stream, seq) uniqueness,
            # a concurrent writer's, into ConcurrencyConflict; the transaction rolls back.
            raise sa.exc.DBAPIError.instance(_COPY, None, exc, dbapi.Error) from exc
        return len(rows)
    conn.execute(sa.insert(events_table), [
        dict(zip(COLUMNS, (*row[:4], json.loads(row[4]), *row[5:]), strict=True))
        for row in rows])
    return len(rows)
