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
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from engine.domain import events as ev
from engine.domain.errors import ConcurrencyConflict, SaksflytError
from engine.domain.events import payload_json
from engine.store.account_tables import define_account_tables

GENESIS = "0" * 64

# The schema's Alembic revisions (engine/migrations/versions), oldest first. The store compares
# the revision it finds with HEAD_REVISION by a plain query, so Alembic (slow to import) is
# loaded only by `saksflyt db upgrade` and `db status`. A test keeps this list and the
# migration scripts in step.
REVISIONS = ("0001_initial", "0002_type_index", "0003_accounts")
FIRST_REVISION, HEAD_REVISION = REVISIONS[0], REVISIONS[-1]
SCHEMA_VERSION = len(REVISIONS)
SEQ_CONSTRAINT = "uq_events_stream_seq"

class _Payload(sa.types.TypeDecorator[Any]):
    """JSON; JSONB on PostgreSQL. Chosen when a dialect asks (not `with_variant`), so that
    SQLAlchemy's PostgreSQL dialect package (~40 ms) is imported only for a PostgreSQL store."""

    impl = sa.JSON
    cache_ok = True

    def load_dialect_impl(self, dialect: sa.Dialect) -> sa.types.TypeEngine[Any]:
        if dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import JSONB

            return dialect.type_descriptor(JSONB())
        return dialect.type_descriptor(sa.JSON())


metadata = sa.MetaData()
events_table = sa.Table(
    "events", metadata,
    sa.Column("position", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("stream_id", sa.String(200), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("type", sa.String(64), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("payload", _Payload(), nullable=False),
    sa.Column("actor", sa.String(200), nullable=True),
    sa.Column("recorded_at", sa.String(40), nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
    sa.UniqueConstraint("stream_id", "seq", name=SEQ_CONSTRAINT),
    sa.Index("ix_events_type", "type"),
)
# The same table with the payload as text, for inserting payloads already serialised (SQLite).
_text_events_table = sa.Table(
    "events", sa.MetaData(),
    *[sa.Column(c.name, sa.Text if c.name == "payload" else c.type, primary_key=c.primary_key)
      for c in events_table.columns])
WRITE_BATCH = 2000
meta_table = sa.Table(
    "store_meta", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(200), nullable=False),
)
account_tables = define_account_tables(metadata)
# Alembic's own bookkeeping table, as Alembic creates it; kept apart from `metadata` so that
# comparing the migrations with `metadata` leaves it out.
_version_metadata = sa.MetaData()
version_table = sa.Table(
    "alembic_version", _version_metadata,
    sa.Column("version_num", sa.String(32), nullable=False),
    sa.PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
)


class SchemaMismatch(SaksflytError):
    """The store's schema is not the one this version of saksflyt was written for."""


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


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _sqlite_path(url: sa.URL) -> str | None:
    if url.get_backend_name() != "sqlite":
        return None
    database = url.database or ""
    return None if database in ("", ":memory:") else database


class EventStore:
    sqlite_pool: type[sa.pool.Pool] = sa.pool.NullPool
    """A command opens SQLite for its few statements and lets go; a long-lived process (the
    server's engine.app.cache.CachedStore) keeps its connections in a pool instead."""

    def __init__(self, url: str = DEFAULT_URL) -> None:
        self.url = sa.make_url(url)
        self._engine: sa.Engine | None = None
        self._current = False  # the schema was found at HEAD_REVISION once

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
                                  poolclass=self.sqlite_pool)

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

    def connect(self) -> sa.Connection:
        """A connection; a server that cannot be reached is a one-line error, not a trace."""
        try:
            return self.engine.connect()
        except sa.exc.OperationalError as exc:
            reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise SaksflytError(f"Får ikke kontakt med databasen "
                                f"{self.url.render_as_string(hide_password=True)}: "
                                f"{reason}") from None

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    # -- schema ----------------------------------------------------------------------------

    def revision(self, conn: sa.Connection) -> str | None:
        """The schema revision of the database: None when it has no store yet. A store made
        before migrations existed (no alembic_version table) has the first revision's schema."""
        inspector = sa.inspect(conn)
        if not inspector.has_table("events"):
            return None
        if not inspector.has_table("alembic_version"):
            return FIRST_REVISION
        found = conn.execute(sa.select(version_table.c.version_num)).scalars().all()
        return found[0] if len(found) == 1 else ",".join(found) or FIRST_REVISION

    def _check_revision(self, conn: sa.Connection) -> bool:
        """True when the store is at the code's revision, False when there is none yet;
        refuses an older or unknown schema."""
        if self._current:
            return True
        found = self.revision(conn)
        if found is None:
            return False
        if found == HEAD_REVISION:
            self._current = True
            return True
        if found in REVISIONS:
            raise SchemaMismatch(
                f"Databasen har et eldre skjema ({found}) enn denne versjonen av saksflyt "
                f"({HEAD_REVISION}): kjør «saksflyt db upgrade» først.")
        raise SchemaMismatch(
            f"Databasen har skjemarevisjonen «{found}», som denne versjonen av saksflyt ikke "
            f"kjenner (den er trolig nyere): oppgrader saksflyt.")

    def _ensure_schema(self, conn: sa.Connection) -> None:
        """Inside a write transaction: a database without a store gets one at the head
        revision (the same schema the migrations build, checked by a test)."""
        if self._check_revision(conn):
            return
        if conn.dialect.name == "postgresql":
            # Two first writers at once: the second waits here, then finds the tables.
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(8286190001)"))
            if self._check_revision(conn):
                return
        create_head_schema(conn)
        self._current = True

    def _connect_for_read(self) -> sa.Connection | None:
        """A connection to a store at the current revision, or None when there is no store."""
        if not self.exists:
            return None
        conn = self.connect()
        try:
            if self._check_revision(conn):
                return conn
        except BaseException:
            conn.close()
            raise
        conn.close()
        return None

    # -- reading -----------------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[sa.Connection | None]:
        """A read connection to a store at the current revision (None: no store yet)."""
        conn = self._connect_for_read()
        if conn is None:
            yield None
            return
        with conn:
            yield conn

    def read(self, stream_id: str) -> list[StoredEvent]:
        conn = self._connect_for_read()
        if conn is None:
            return []
        with conn:
            rows = conn.execute(sa.select(events_table).where(
                events_table.c.stream_id == stream_id).order_by(events_table.c.seq)).all()
        return [StoredEvent(**row._mapping) for row in rows]

    def read_all(self) -> Iterator[StoredEvent]:
        conn = self._connect_for_read()
        if conn is None:
            return
        with conn:
            for row in conn.execute(sa.select(events_table).order_by(
                    events_table.c.position)).yield_per(1000):
                yield StoredEvent(**row._mapping)

    def streams(self, prefix: str = "") -> list[str]:
        conn = self._connect_for_read()
        if conn is None:
            return []
        with conn:
            query = sa.select(events_table.c.stream_id).where(events_table.c.seq == 1)
            if prefix:
                query = query.where(events_table.c.stream_id.startswith(prefix))
            return list(conn.execute(query.order_by(events_table.c.position)).scalars())

    def heads(self, streams: Iterable[str]) -> dict[str, tuple[int, str]]:
        """Each stream's last (seq, hash); a stream without events is left out."""
        conn = self._connect_for_read()
        if conn is None:
            return {}
        with conn:
            return self._heads(conn, set(streams))

    # -- writing -----------------------------------------------------------------------------

    def forget_schema(self) -> None:
        """Check the schema revision again on the next access (after a migration)."""
        self._current = False

    @contextmanager
    def transaction(self, check_schema: bool = True) -> Iterator[sa.Connection]:
        """One write transaction against a store at the current revision (a new SQLite file
        is created). It holds SQLite's write lock from the start. Migrations pass
        check_schema=False."""
        if self.url.get_backend_name() == "sqlite" and (path := _sqlite_path(self.url)):
            _prepare_sqlite_file(path)
        with self.connect() as conn:
            conn.info["write"] = True
            with conn.begin():
                if check_schema:
                    self._ensure_schema(conn)
                yield conn

    def append(self, pending: Iterable[tuple[str, ev.Event]], expected: dict[str, int],
               actor: str | None = None) -> int:
        """Append the events in one transaction. `expected` gives each stream's version as it
        was read; if another writer got there first, nothing is written and
        ConcurrencyConflict is raised."""
        rows = [(stream, event.type, payload_json(ev.dump(event))) for stream, event in pending]
        return self.append_rows(rows, list(dict.fromkeys(r[0] for r in rows)), expected, actor)

    def append_rows(self, rows: Iterable[tuple[str, str, str]], streams: list[str],
                    expected: dict[str, int], actor: str | None = None) -> int:
        """`append` for rows already serialised (stream, type, payload JSON with sorted keys,
        as `engine.commands.pending` keeps them), streamed into the one transaction in batches.
        `streams` lists every stream the rows touch."""
        if not streams:
            return 0
        now = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
        try:
            with self.transaction() as conn:
                written = self._write(conn, rows, streams, expected, actor, now)
        except sa.exc.IntegrityError as exc:
            # PostgreSQL: another transaction inserted the same (stream, seq) between our
            # reading the heads and our insert; the unique constraint is the arbiter.
            if not is_seq_conflict(exc):
                raise
            raise ConcurrencyConflict(
                f"{_stream_name(streams[0]) if len(streams) == 1 else 'Saken'} ble endret av "
                "en annen samtidig; ingenting ble lagret (prøv kommandoen igjen).") from exc
        return written

    def _write(self, conn: sa.Connection, rows: Iterable[tuple[str, str, str]],
               streams: list[str], expected: dict[str, int], actor: str | None,
               now: str) -> int:
        heads = self._heads(conn, set(streams))
        for stream in streams:
            if stream in expected and heads.get(stream, (0, GENESIS))[0] != expected[stream]:
                raise ConcurrencyConflict(
                        f"{_stream_name(stream)} ble endret av en annen samtidig; ingenting "
                        "ble lagret (prøv kommandoen igjen).")
        # SQLite stores the payload text as it is (the JSON column would dump it again);
        # PostgreSQL's JSONB takes the parsed value.
        as_text = conn.dialect.name == "sqlite"
        table = _text_events_table if as_text else events_table
        insert = sa.insert(table)
        # The hash's JSON body, built around the payload text: the same bytes as event_hash.
        tail = "," + _dumps(actor) + "," + _dumps(now) + "]"
        batch: list[dict[str, Any]] = []
        written = 0
        quoted: dict[str, str] = {}  # stream ids repeat: quote each once
        typed: dict[str, tuple[str, int]] = {}  # type -> its quoted name, its current version
        for stream, type_, payload in rows:
            seq, prev = heads.get(stream, (0, GENESIS))
            seq += 1
            if (q_stream := quoted.get(stream)) is None:
                q_stream = quoted[stream] = _dumps(stream)
            if (known := typed.get(type_)) is None:
                known = typed[type_] = (_dumps(type_), ev.version_of(type_))
            q_type, version = known
            body = f"[{q_stream},{seq},{q_type},{version},{payload}{tail}"
            digest = hashlib.sha256((prev + body).encode("utf-8")).hexdigest()
            batch.append({"stream_id": stream, "seq": seq, "type": type_, "version": version,
                          "payload": payload if as_text else json.loads(payload),
                          "actor": actor, "recorded_at": now, "prev_hash": prev,
                          "hash": digest})
            heads[stream] = (seq, digest)
            if len(batch) >= WRITE_BATCH:
                conn.execute(insert, batch)
                written += len(batch)
                batch = []
        if batch:
            conn.execute(insert, batch)
            written += len(batch)
        return written

    def _heads(self, conn: sa.Connection, streams: set[str]) -> dict[str, tuple[int, str]]:
        heads: dict[str, tuple[int, str]] = {}
        ordered = sorted(streams)
        t = events_table
        for start in range(0, len(ordered), 500):  # one query per 500 streams, not per stream
            chunk = ordered[start:start + 500]
            last = (sa.select(t.c.stream_id, sa.func.max(t.c.seq).label("seq"))
                    .where(t.c.stream_id.in_(chunk)).group_by(t.c.stream_id).subquery())
            query = sa.select(t.c.stream_id, t.c.seq, t.c.hash).join(
                last, sa.and_(t.c.stream_id == last.c.stream_id, t.c.seq == last.c.seq))
            for row in conn.execute(query):
                heads[row.stream_id] = (row.seq, row.hash)
        return heads


def create_head_schema(conn: sa.Connection) -> None:
    """Create the store's tables at the head revision and record that revision."""
    metadata.create_all(conn)
    _version_metadata.create_all(conn)
    conn.execute(sa.delete(version_table))
    conn.execute(sa.insert(version_table).values(version_num=HEAD_REVISION))
    conn.execute(sa.delete(meta_table).where(meta_table.c.key == "schema_version"))
    conn.execute(sa.insert(meta_table).values(key="schema_version", value=str(SCHEMA_VERSION)))


def is_seq_conflict(exc: sa.exc.IntegrityError) -> bool:
    """Whether the error is the (stream, seq) uniqueness, on either backend."""
    diag = getattr(exc.orig, "diag", None)
    if diag is not None and getattr(diag, "constraint_name", None):
        return bool(diag.constraint_name == SEQ_CONSTRAINT)
    text = str(exc.orig)
    return SEQ_CONSTRAINT in text or "events.stream_id, events.seq" in text


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
