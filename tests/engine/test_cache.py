"""The server's CachedStore: what one process holds is checked against the database on every
read, so a write through another store (another process) is seen at once, and a stream that
was cut back or replaced is read again whole."""

from __future__ import annotations

import sqlalchemy as sa

from engine.app.cache import CachedStore
from engine.domain import events as ev
from engine.store.eventstore import EventStore, events_table


def _party(short: str) -> ev.PartyRegistered:
    return ev.PartyRegistered(short=short, name=f"Parti {short}")


def test_a_write_elsewhere_is_seen_and_a_cut_stream_is_read_again(db_url: str) -> None:
    other = EventStore(db_url)
    other.append([(ev.REGISTRY_STREAM, _party("A")), (ev.REGISTRY_STREAM, _party("B"))],
                 {ev.REGISTRY_STREAM: 0})
    cached = CachedStore(db_url)
    assert [r.event().short for r in cached.read(ev.REGISTRY_STREAM)] == ["A", "B"]

    other.append([(ev.REGISTRY_STREAM, _party("C"))], {ev.REGISTRY_STREAM: 2})
    rows = cached.read(ev.REGISTRY_STREAM)
    assert [r.event().short for r in rows] == ["A", "B", "C"]
    assert [r.seq for r in rows] == [1, 2, 3]

    # The last two rows go (a restore from an older copy, say): the held head is gone, so the
    # stream is read whole, not served from memory.
    with other.engine.begin() as conn:
        conn.execute(sa.delete(events_table).where(events_table.c.seq >= 2))
    assert [r.event().short for r in cached.read(ev.REGISTRY_STREAM)] == ["A"]
    # ... and rows with new hashes at the same positions replace what was held.
    other.append([(ev.REGISTRY_STREAM, _party("D"))], {ev.REGISTRY_STREAM: 1})
    assert [r.event().short for r in cached.read(ev.REGISTRY_STREAM)] == ["A", "D"]
    assert cached.read("sak:finnes/ikke") == []
    other.close()
    cached.close()
