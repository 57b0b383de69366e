"""When each stream began and last changed: the `created` and `modified` of the objects the
open-data API (OParl) makes from it."""

from __future__ import annotations

import sqlalchemy as sa

from engine.store.eventstore import EventStore, events_table


def stream_times(store: EventStore) -> dict[str, tuple[str, str]]:
    """Each stream's first and last `recorded_at` (ISO 8601, UTC)."""
    t = events_table
    with store.reading() as conn:
        if conn is None:
            return {}
        rows = conn.execute(sa.select(t.c.stream_id, sa.func.min(t.c.recorded_at),
                                      sa.func.max(t.c.recorded_at)).group_by(t.c.stream_id))
        return {stream: (_iso(first), _iso(last)) for stream, first, last in rows}


def _iso(value: object) -> str:
    text = str(value)
    return text if "+" in text[10:] or text.endswith("Z") else text + "+00:00"
