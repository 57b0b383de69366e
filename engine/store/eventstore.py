"""The event store: one append-only table, SQLite by default, PostgreSQL for a shared
deployment, the same code.

Each stream (the register, and one per case) numbers its events 1, 2, 3, ...; the uniqueness
of (stream, seq) is the concurrency control. Each event's hash covers its content and the hash
before it in the same stream, so a changed, deleted, inserted or reordered row is detected.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa

from engine.domain import events as ev
from engine.domain.errors import ConcurrencyConflict, SaksflytError
from engine.domain.events import payload_json
from engine.store import summaries as summary_store
from engine.store.bulk import bulk_insert
from engine.store.rows import (  # noqa: F401 (re-exported)
    StoredEvent,
    _dumps,
    _stream_name,
    event_hash,
    is_seq_conflict,
)
from engine.store.schema import (  # noqa: F401 (the store's schema, re-exported)
    FIRST_REVISION,
    HEAD_REVISION,
    REVISIONS,
    SCHEMA_VERSION,
    SEQ_CONSTRAINT,
    _text_events_table,
    account_tables,
    checkpoints_table,
    create_head_schema,
    events_table,
    meta_table,
    metadata,
    version_table,
)
from engine.store.sqlite_file import (  # noqa: F401 (re-exported)
    StoreMissing,
    StoreUnreachable,
    _prepare_sqlite_file,
    _sqlite_path,
    require_sqlite_file,
)

GENESIS = "0" * 64
WRITE_BATCH = 2000


class SchemaMismatch(SaksflytError):
    """The store's schema is not the one this version of saksflyt was written for."""


DEFAULT_URL = "sqlite:///saksflyt.db"


class EventStore:
    sqlite_pool: type[sa.pool.Pool] = sa.pool.NullPool
    """A command opens SQLite for its few statements and lets go; a long-lived process (the
    server's engine.app.cache.CachedStore) keeps its connections in a pool instead."""

    def __init__(self, url: str = DEFAULT_URL) -> None:
        try:
            self.url = sa.make_url(url)
        except (sa.exc.ArgumentError, ValueError):
            raise StoreUnreachable("Ugyldig database-URL: skriv for eksempel "
                                   "sqlite:///saksflyt.db eller "
                                   "postgresql+psycopg://bruker@vert/database.") from None
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
            try:
                self._engine = self._create_engine()
            except (sa.exc.NoSuchModuleError, sa.exc.ArgumentError, ImportError) as exc:
                raise StoreUnreachable(
                    f"Kan ikke bruke databasen {self.url.render_as_string(hide_password=True)}"
                    f": {str(exc).splitlines()[0] if str(exc) else type(exc).__name__} "
                    "(ukjent databasetype eller driver som mangler).") from None
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
        except (sa.exc.OperationalError, sa.exc.InterfaceError) as exc:
            lines = str(exc.orig if exc.orig else exc).strip().splitlines()
            raise StoreUnreachable(f"Får ikke kontakt med databasen "
                                   f"{self.url.render_as_string(hide_password=True)}: "
                                   f"{lines[0] if lines else type(exc).__name__}") from None

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

    def read_streams(self, prefix: str = "", batch: int = 2000) -> Iterator[StoredEvent]:
        """Every event of the streams whose id starts with `prefix`, stream by stream, each
        in seq order, streamed in batches (by the (stream, seq) index: memory holds a batch,
        not the store)."""
        conn = self._connect_for_read()
        if conn is None:
            return
        t = events_table
        with conn:
            query = sa.select(t).order_by(t.c.stream_id, t.c.seq)
            if prefix:
                query = query.where(t.c.stream_id.startswith(prefix))
            for row in conn.execution_options(stream_results=True).execute(
                    query).yield_per(batch):
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

    def streams_with(self, type_: str) -> list[str]:
        """The streams that hold an event of this type (by the type index)."""
        conn = self._connect_for_read()
        if conn is None:
            return []
        with conn:
            return list(conn.execute(sa.select(events_table.c.stream_id).distinct().where(
                events_table.c.type == type_)).scalars())

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
                    expected: dict[str, int], actor: str | None = None,
                    summaries: Callable[[], Iterable[summary_store.Summary]] | None = None) -> int:
        """`append` for rows already serialised (stream, type, payload JSON with sorted keys,
        as `engine.commands.pending` keeps them), streamed into the one transaction in batches.
        `streams` lists every stream the rows touch. `summaries` gives the case list's rows
        of the cases touched, written in the same transaction; without them, rows of a case
        leave the case list's read model marked not current (rebuilt when next read)."""
        if not streams:
            return 0
        now = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
        try:
            with self.transaction() as conn:
                written = self._write(conn, rows, streams, expected, actor, now)
                if summaries is not None:
                    summary_store.put(conn, summaries())
                elif any(s.startswith("sak:") for s in streams):
                    summary_store.set_current(conn, False)
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
        # The hash's JSON body, built around the payload text: the same bytes as event_hash.
        tail = "," + _dumps(actor) + "," + _dumps(now) + "]"
        batch: list[tuple[Any, ...]] = []
        written = 0
        quoted: dict[str, str] = {}  # stream ids repeat: quote each once
        typed: dict[str, tuple[str, int]] = {}  # type -> its quoted name, its current version
        sha256 = hashlib.sha256
        for stream, type_, payload in rows:
            seq, prev = heads.get(stream, (0, GENESIS))
            seq += 1
            if (q_stream := quoted.get(stream)) is None:
                q_stream = quoted[stream] = _dumps(stream)
            if (known := typed.get(type_)) is None:
                known = typed[type_] = (_dumps(type_), ev.version_of(type_))
            q_type, version = known
            body = f"[{q_stream},{seq},{q_type},{version},{payload}{tail}"
            digest = sha256((prev + body).encode("utf-8")).hexdigest()
            batch.append((stream, seq, type_, version, payload, actor, now, prev, digest))
            heads[stream] = (seq, digest)
            if len(batch) >= WRITE_BATCH:
                written += bulk_insert(conn, batch)
                batch = []
        if batch:
            written += bulk_insert(conn, batch)
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
