"""The event store: one append-only table, SQLite by default, PostgreSQL for a shared
deployment, the same code.

Each stream (the register, and one per case) numbers its events 1, 2, 3, ...; the uniqueness
of (stream, seq) is the concurrency control. Each event's hash covers its content and the hash
before it in the same stream, so a changed, deleted, inserted or reordered row is detected.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from engine import events as ev
from engine.errors import ConcurrencyConflict, SaksflytError

SCHEMA_VERSION = 1
GENESIS = "0" * 64

metadata = sa.MetaData()
events_table = sa.Table(
    "events", metadata,
    sa.Column("position", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("stream_id", sa.String(200), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("type", sa.String(64), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("payload", sa.JSON().with_variant(postgresql.JSONB(), "postgresql"),
              nullable=False),
    sa.Column("actor", sa.String(200), nullable=True),
    sa.Column("recorded_at", sa.String(40), nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
    sa.UniqueConstraint("stream_id", "seq", name="uq_events_stream_seq"),
)
meta_table = sa.Table(
    "store_meta", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(200), nullable=False),
)

DEFAULT_URL = "sqlite:///saksflyt.db"


@dataclass(frozen=True, slots=True)
class StoredEvent:
    position: int
    stream_id: str
    seq: int
    type: str
    version: int
    payload: dict[str, Any]
    actor: str | None
    recorded_at: str
    prev_hash: str
    hash: str

    def event(self) -> ev.Event:
        return ev.load(self.type, self.version, self.payload)


def event_hash(prev_hash: str, stream_id: str, seq: int, type_: str, version: int,
               payload: dict[str, Any], actor: str | None, recorded_at: str) -> str:
    body = json.dumps([stream_id, seq, type_, version, payload, actor, recorded_at],
                      sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def _sqlite_path(url: sa.URL) -> str | None:
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database or ""
    return None if database in ("", ":memory:") else database


class EventStore:
    def __init__(self, url: str = DEFAULT_URL) -> None:
        self.url = sa.make_url(url)
        self._engine: sa.Engine | None = None

    # -- connection ------------------------------------------------------------------------

    @property
    def exists(self) -> bool:
        """Whether there is a store to read (a SQLite file that was never written: no)."""
        path = _sqlite_path(self.url)
        return path is None or os.path.exists(path)

    @property
    def engine(self) -> sa.Engine:
        if self._engine is None:
            self._engine = self._create_engine()
        return self._engine

    def _create_engine(self) -> sa.Engine:
        if self.url.get_backend_name() != "sqlite":
            return sa.create_engine(self.url, pool_pre_ping=True)
        engine = sa.create_engine(self.url, connect_args={"timeout": 30},
                                  poolclass=sa.pool.NullPool)

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection: Any, _record: Any) -> None:
            # The driver's own transaction handling is off: we BEGIN ourselves below.
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        @sa.event.listens_for(engine, "begin")
        def _begin(conn: sa.Connection) -> None:
            # A write transaction takes the lock at once, so a read-then-write never fails
            # with "database is locked" halfway; the busy timeout applies.
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("write") else "BEGIN")

        return engine

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def _ensure_schema(self, conn: sa.Connection) -> None:
        metadata.create_all(conn)
        found = conn.execute(sa.select(meta_table.c.value).where(
            meta_table.c.key == "schema_version")).scalar()
        if found is None:
            conn.execute(sa.insert(meta_table).values(key="schema_version",
                                                      value=str(SCHEMA_VERSION)))
        elif int(found) > SCHEMA_VERSION:
            raise SaksflytError(f"Databasen har skjemaversjon {found}, nyere enn denne "
                                f"versjonen av saksflyt ({SCHEMA_VERSION}): oppgrader saksflyt.")

    def _has_schema(self) -> bool:
        if not self.exists:
            return False
        return sa.inspect(self.engine).has_table("events")

    # -- reading -----------------------------------------------------------------------------

    def read(self, stream_id: str) -> list[StoredEvent]:
        if not self._has_schema():
            return []
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(events_table).where(
                events_table.c.stream_id == stream_id).order_by(events_table.c.seq)).all()
        return [StoredEvent(**row._mapping) for row in rows]

    def read_all(self) -> Iterator[StoredEvent]:
        if not self._has_schema():
            return
        with self.engine.connect() as conn:
            for row in conn.execute(sa.select(events_table).order_by(
                    events_table.c.position)).yield_per(1000):
                yield StoredEvent(**row._mapping)

    def streams(self, prefix: str = "") -> list[str]:
        if not self._has_schema():
            return []
        with self.engine.connect() as conn:
            query = sa.select(events_table.c.stream_id).where(events_table.c.seq == 1)
            if prefix:
                query = query.where(events_table.c.stream_id.startswith(prefix))
            return list(conn.execute(query.order_by(events_table.c.position)).scalars())

    # -- writing -----------------------------------------------------------------------------

    def append(self, pending: Iterable[tuple[str, ev.Event]], expected: dict[str, int],
               actor: str | None = None) -> int:
        """Append the events in one transaction. `expected` gives each stream's version as it
        was read; if another writer got there first, nothing is written and
        ConcurrencyConflict is raised."""
        pending = list(pending)
        if not pending:
            return 0
        if self.url.get_backend_name() == "sqlite" and (path := _sqlite_path(self.url)):
            _prepare_sqlite_file(path)
        now = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
        try:
            with self.engine.connect() as conn:
                conn.info["write"] = True
                with conn.begin():
                    self._write(conn, pending, expected, actor, now)
        except sa.exc.IntegrityError as exc:
            raise ConcurrencyConflict(
                "En annen skrev til samme sak samtidig; ingenting ble lagret (prøv igjen)."
            ) from exc
        return len(pending)

    def _write(self, conn: sa.Connection, pending: list[tuple[str, ev.Event]],
               expected: dict[str, int], actor: str | None, now: str) -> None:
        self._ensure_schema(conn)
        heads = self._heads(conn, {stream for stream, _ in pending})
        rows = []
        for stream, event in pending:
            seq, prev = heads.get(stream, (0, GENESIS))
            if stream in expected and not rows_for(rows, stream) and seq != expected[
                    stream]:
                raise ConcurrencyConflict(
                    f"{_stream_name(stream)} ble endret av en annen samtidig "
                    "(prøv kommandoen igjen).")
            payload = ev.dump(event)
            digest = event_hash(prev, stream, seq + 1, event.type, ev.VERSION,
                                payload, actor, now)
            rows.append({"stream_id": stream, "seq": seq + 1, "type": event.type,
                         "version": ev.VERSION, "payload": payload, "actor": actor,
                         "recorded_at": now, "prev_hash": prev, "hash": digest})
            heads[stream] = (seq + 1, digest)
        conn.execute(sa.insert(events_table), rows)

    def _heads(self, conn: sa.Connection, streams: set[str]) -> dict[str, tuple[int, str]]:
        heads: dict[str, tuple[int, str]] = {}
        for stream in streams:
            row = conn.execute(
                sa.select(events_table.c.seq, events_table.c.hash)
                .where(events_table.c.stream_id == stream)
                .order_by(events_table.c.seq.desc()).limit(1)).first()
            if row is not None:
                heads[stream] = (row.seq, row.hash)
        return heads


def rows_for(rows: list[dict[str, Any]], stream: str) -> bool:
    return any(r["stream_id"] == stream for r in rows)


def _stream_name(stream: str) -> str:
    return "Registeret" if stream == ev.REGISTRY_STREAM else f"Sak {stream.removeprefix('sak:')}"


def _prepare_sqlite_file(path: str) -> None:
    """A new SQLite store is created in WAL mode (a setting kept in the file)."""
    import sqlite3

    if os.path.exists(path) and os.path.getsize(path) > 0:
        return
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
