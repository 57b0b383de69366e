"""A store that keeps warm what a server process has read, checked against the database on
every read, so several processes can share one store and none serves stale state.

`CachedStore.read(stream)` holds each stream's rows, parsed, and asks the database only for
the rows from the last one it holds on: that row must still be there with the same hash (the
stream's head as this process saw it), or the stream is read again whole. New rows are
appended to what is held.

`CachedStore.fold(stream, ...)` keeps each stream's evolved state (the register, a meeting,
a case) by the head it was derived from (seq and hash), and with it what else it depended on
(a case: the register's head). A command gets a copy (engine.domain.snapshot.clone) with only
the rows past that head evolved onto it, so a live step costs the new events, not the whole
case. The cache is only ever filled from rows read back from the database, never from what a
command emitted: a refused step changes its own copy and leaves no trace here, and a write
by another process is a new head that every read sees.

What the head check does not see is a row changed by hand in the middle of a stream whose
last row stays: this process keeps the words it read first. `saksflyt verify` (which reads the
table itself) reports such a change; a restart reads everything anew.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import sqlalchemy as sa

from engine.domain import events as ev
from engine.domain.snapshot import clone
from engine.store.eventstore import EventStore, StoredEvent, events_table

S = TypeVar("S")


@dataclass(frozen=True, slots=True)
class ParsedEvent(StoredEvent):
    """A stored event with its parsed form kept (parsing is most of the cost of a read)."""

    parsed: Any = None

    def event(self) -> ev.Event:
        return self.parsed  # type: ignore[no-any-return]


def _parse(row: Any) -> ParsedEvent:
    values = dict(row._mapping)
    return ParsedEvent(**values, parsed=ev.load(values["type"], values["version"],
                                                values["payload"]))


# Built once: building a statement costs more than SQLite takes to run it.
_FROM_SEQ = (sa.select(events_table)
             .where(events_table.c.stream_id == sa.bindparam("stream"),
                    events_table.c.seq >= sa.bindparam("seq"))
             .order_by(events_table.c.seq))
_HEAD = (sa.select(events_table.c.seq, events_table.c.hash)
         .where(events_table.c.stream_id == sa.bindparam("stream"))
         .order_by(events_table.c.seq.desc()).limit(1))


@dataclass(frozen=True, slots=True)
class _Held:
    seq: int
    hash: str
    context: Any
    state: Any
    """Never handed out: each command gets a clone."""


class CachedStore(EventStore):
    # Pooled SQLite connections: the PRAGMAs run once a connection, and the WAL file is not
    # checkpointed away each time the last connection of a request closes (~20 ms a write).
    sqlite_pool = sa.pool.QueuePool

    def __init__(self, url: str, capacity: int = 4096) -> None:
        super().__init__(url)
        self.capacity = capacity
        self._streams: OrderedDict[str, list[ParsedEvent]] = OrderedDict()
        self._states: OrderedDict[str, _Held] = OrderedDict()
        self._origins: weakref.WeakKeyDictionary[object, tuple[int, str]] = (
            weakref.WeakKeyDictionary())
        self._lock = threading.Lock()
        self._local = threading.local()

    notify_channel: str | None = None
    """PostgreSQL: every write transaction sends NOTIFY on this channel (server.notifier sets
    it), delivered with the commit: no round trips of its own after the write."""

    @contextmanager
    def transaction(self, check_schema: bool = True) -> Iterator[sa.Connection]:
        with super().transaction(check_schema) as conn:
            yield conn
            if self.notify_channel is not None and conn.dialect.name == "postgresql":
                conn.execute(sa.select(sa.func.pg_notify(self.notify_channel, "")))

    @contextmanager
    def reading(self) -> Iterator[sa.Connection | None]:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            yield conn
            return
        with super().reading() as conn:
            yield conn

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """One connection for every read of a command (a pool checkout and a BEGIN each cost
        more than the indexed query). On SQLite one read transaction: the command reads one
        consistent state. On PostgreSQL the reads run in autocommit: under READ COMMITTED each
        statement sees its own snapshot even inside a transaction, so BEGIN and ROLLBACK
        would be two round trips that buy nothing. The command's write goes in a transaction
        of its own; the (stream, seq) check there catches a writer that came between."""
        if getattr(self._local, "conn", None) is not None:
            yield
            return
        with super().reading() as conn:
            if (conn is not None and conn.dialect.name == "postgresql"
                    and not conn.in_transaction()):
                conn.execution_options(isolation_level="AUTOCOMMIT")
            self._local.conn = conn
            try:
                yield
            finally:
                self._local.conn = None

    def fold(self, stream_id: str, build: Callable[[list[StoredEvent]], S],  # type: ignore[override]
             more: Callable[[S, list[StoredEvent]], None], context: Any = None) -> S:
        rows = self.read(stream_id)
        if not rows:
            return build(rows)
        head = (rows[-1].seq, rows[-1].hash)
        with self._lock:
            held = self._states.get(stream_id)
        state: Any = None
        if held is not None and held.context == context and held.seq <= len(rows):
            mark = rows[held.seq - 1]
            if mark.seq == held.seq and mark.hash == held.hash:
                if held.seq == len(rows):
                    return self._handed(clone(held.state), head)
                state = clone(held.state)
                more(state, rows[held.seq:])
        if state is None:
            state = build(rows)
        with self._lock:
            self._states[stream_id] = _Held(head[0], head[1], context, state)
            self._states.move_to_end(stream_id)
            while len(self._states) > self.capacity:
                self._states.popitem(last=False)
        return self._handed(clone(state), head)

    def _handed(self, state: S, head: tuple[int, str]) -> S:
        with self._lock:
            self._origins[state] = head
        return state

    def origin(self, state: object) -> tuple[int, str] | None:
        with self._lock:
            return self._origins.get(state)

    def read(self, stream_id: str) -> list[StoredEvent]:  # type: ignore[override]
        with self._lock:
            held = self._streams.get(stream_id)
        last = held[-1] if held else None
        with self.reading() as conn:
            if conn is None:
                return []
            rows = conn.execute(_FROM_SEQ, {"stream": stream_id,
                                            "seq": last.seq if last is not None else 0}).all()
        if last is not None and (not rows or rows[0].seq != last.seq
                                 or rows[0].hash != last.hash):
            with self._lock:  # the stream changed under us: forget it, read it whole
                self._streams.pop(stream_id, None)
            return self.read(stream_id)
        found = (held or []) + [_parse(row) for row in (rows[1:] if last is not None else rows)]
        with self._lock:
            self._streams[stream_id] = found
            self._streams.move_to_end(stream_id)
            while len(self._streams) > self.capacity:
                self._streams.popitem(last=False)
        return list(found)

    def _write_heads(self, conn: sa.Connection, streams: list[str],
                     expected: dict[str, int]) -> dict[str, tuple[int, str]]:
        """A stream this process holds at the version the command read it at chains onto the
        held head without asking: if another writer appended meanwhile, its row has the seq
        ours would get, and the (stream, seq) uniqueness refuses ours (ConcurrencyConflict),
        exactly as the head check would have."""
        known: dict[str, tuple[int, str]] = {}
        with self._lock:
            for stream in streams:
                held = self._streams.get(stream)
                if held and stream in expected and held[-1].seq == expected[stream]:
                    known[stream] = (held[-1].seq, held[-1].hash)
        rest = {s for s in streams if s not in known}
        return {**known, **(self._heads(conn, rest) if rest else {})}

    def _heads(self, conn: sa.Connection, streams: set[str]) -> dict[str, tuple[int, str]]:
        """A command touches one to three streams: one indexed `ORDER BY seq DESC LIMIT 1` a
        stream is cheaper than the grouped join a replay of thousands of streams needs."""
        if len(streams) > 8:
            return super()._heads(conn, streams)
        heads = {}
        for stream in streams:
            row = conn.execute(_HEAD, {"stream": stream}).first()
            if row is not None:
                heads[stream] = (row.seq, row.hash)
        return heads
