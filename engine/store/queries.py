"""Queries over the event log beyond a stream's own rows."""

from __future__ import annotations

import sqlalchemy as sa

from engine.store.eventstore import EventStore, StoredEvent, events_table


def latest_of_type(store: EventStore, type_: str, prefix: str) -> dict[str, StoredEvent]:
    """Each stream's (under `prefix`) last event of one type (the type index serves it)."""
    with store.reading() as conn:
        if conn is None:
            return {}
        t = events_table
        last = (sa.select(sa.func.max(t.c.position)).where(
            t.c.type == type_, t.c.stream_id.startswith(prefix)).group_by(t.c.stream_id))
        rows = conn.execute(sa.select(t).where(t.c.position.in_(last.scalar_subquery()))
                            .order_by(t.c.position)).all()
    return {row.stream_id: StoredEvent(**row._mapping) for row in rows}
