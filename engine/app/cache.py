"""A store that keeps warm what a server process has read, checked against the database on
every read, so several processes can share one store and none serves stale state.

`CachedStore.read(stream)` holds each stream's rows, parsed, and asks the database only for
the rows from the last one it holds on: that row must still be there with the same hash (the
stream's head as this process saw it), or the stream is read again whole. New rows are
appended to what is held. State is still rebuilt from the events by `evolve` for every
command (the events are frozen; the state objects are never shared between requests).

What the head check does not see is a row changed by hand in the middle of a stream whose
last row stays: this process keeps the words it read first. `saksflyt verify` (which reads the
table itself) reports such a change; a restart reads everything anew.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from engine.domain import events as ev
from engine.store.eventstore import EventStore, StoredEvent, events_table


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


class CachedStore(EventStore):
    # Pooled SQLite connections: the PRAGMAs run once a connection, and the WAL file is not
    # checkpointed away each time the last connection of a request closes (~20 ms a write).
    sqlite_pool = sa.pool.QueuePool

    def __init__(self, url: str, capacity: int = 4096) -> None:
        super().__init__(url)
        self.capacity = capacity
        self._streams: OrderedDict[str, list[ParsedEvent]] = OrderedDict()
        self._lock = threading.Lock()

    def read(self, stream_id: str) -> list[StoredEvent]:  # type: ignore[override]
        with self._lock:
            held = self._streams.get(stream_id)
        last = held[-1] if held else None
        t = events_table
        query = sa.select(t).where(t.c.stream_id == stream_id)
        if last is not None:
            query = query.where(t.c.seq >= last.seq)
        with self.reading() as conn:
            if conn is None:
                return []
            rows = conn.execute(query.order_by(t.c.seq)).all()
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

    def _heads(self, conn: sa.Connection, streams: set[str]) -> dict[str, tuple[int, str]]:
        """A command touches one to three streams: one indexed `ORDER BY seq DESC LIMIT 1` a
        stream is cheaper than the grouped join a replay of thousands of streams needs."""
        if len(streams) > 8:
            return super()._heads(conn, streams)
        t = events_table
        heads = {}
        for stream in streams:
            row = conn.execute(sa.select(t.c.seq, t.c.hash).where(t.c.stream_id == stream)
                               .order_by(t.c.seq.desc()).limit(1)).first()
            if row is not None:
                heads[stream] = (row.seq, row.hash)
        return heads
