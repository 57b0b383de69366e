"""The case list from its read model (engine.store.summaries): a page in the order the cases
were opened, with the filters, and the read model rebuilt from the events (`saksflyt db
rebuild`, or by itself when a store's model is not current: after an upgrade, an import, or
events written without it)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from engine.app.repository import load_registry
from engine.app.summaries import row_of, summary_of
from engine.domain import events as ev
from engine.domain.evolve import evolve_case, new_case
from engine.read.overview import filter_rows
from engine.store import summaries as model

if TYPE_CHECKING:
    from engine.domain.state import Case, Registry
    from engine.read.codes import CaseStatus
    from engine.store.eventstore import EventStore


def case_page(store: EventStore, state: str | None = None, body: str | None = None,
              status_text: Callable[[CaseStatus], str] | None = None, *,
              limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """The cases' rows (as `engine.read.overview.case_row` makes them) in the order they
    were opened, filtered by state and body, from `offset` on (counted among the rows that
    pass the filters), at most `limit`."""
    with store.reading() as conn:
        current = conn is None or model.is_current(conn)
    if not current:
        rebuild(store)
    with store.reading() as conn:
        if conn is None:
            return []
        if not state:  # the body is a column: the database pages
            return [row_of(text) for text in model.rows(conn, body, offset, limit)]
        found: Iterator[dict[str, Any]] = (
            row for text in model.rows(conn, body)
            for row in filter_rows([row_of(text)], state, None, status_text))
        stop = None if limit is None else offset + limit
        return list(itertools.islice(found, offset, stop))


def _cases(store: EventStore, registry: Registry) -> Iterator[Case]:
    """Every case rebuilt from its events, one stream at a time (the store's rows in
    (stream, seq) order, streamed: memory holds one case)."""
    for _, rows in itertools.groupby(store.read_streams("sak:"), key=lambda r: r.stream_id):
        first, *rest = (row.event() for row in rows)
        assert isinstance(first, ev.CaseOpened)
        case = new_case(first)
        for event in rest:
            evolve_case(case, event, registry)
        yield case


def rebuild(store: EventStore) -> int:
    """The read model made anew from the events, in one transaction; returns its rows."""
    registry = load_registry(store)
    with store.transaction() as conn:
        model.clear(conn)
        written = model.put(conn, (summary_of(case) for case in _cases(store, registry)))
        model.set_current(conn, True)
    return written
