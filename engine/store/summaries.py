"""The case list's read model in the store: rows written in the events' transaction, read a
page at a time in the order the cases were opened. What a row says is the application's
(engine.app.summaries); here it is an arkivsak, a state, a body and a JSON text."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any, NamedTuple

import sqlalchemy as sa

from engine.store.schema import SUMMARIES_KEY, case_summaries_table, events_table, meta_table


class Summary(NamedTuple):
    arkivsak: str
    state: str
    body: str | None
    summary: str
    """The row as JSON text."""


def put(conn: sa.Connection, summaries: Iterable[Summary]) -> int:
    """Write (or replace) these cases' rows, inside the caller's transaction."""
    t, e = case_summaries_table, events_table
    written = 0
    chunk: list[Summary] = []

    def flush() -> None:
        if len(chunk) <= FEW:
            _upsert(conn, chunk)
            chunk.clear()
            return
        keys = [s.arkivsak for s in chunk]
        streams = {f"sak:{k}": k for k in keys}
        opened = {streams[row.stream_id]: row.position for row in conn.execute(
            sa.select(e.c.stream_id, e.c.position).where(
                e.c.seq == 1, e.c.stream_id.in_(list(streams))))}
        conn.execute(sa.delete(t).where(t.c.arkivsak.in_(keys)))
        conn.execute(sa.insert(t), [
            {"arkivsak": s.arkivsak, "opened": opened.get(s.arkivsak, 0), "state": s.state,
             # casefolded here: SQL's lower() knows no Æ, Ø or Å on SQLite
             "body": s.body.casefold() if s.body else None, "summary": s.summary}
            for s in chunk])
        chunk.clear()

    for summary in summaries:
        chunk.append(summary)
        written += 1
        if len(chunk) >= 500:
            flush()
    if chunk:
        flush()
    return written


FEW = 8
"""A command touches one case or a few: one statement a row (an upsert that keeps the row's
`opened`), not the select, delete and insert a replay's thousands of rows are cheaper by."""


@cache
def _upsert_statement(dialect: str) -> Any:
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    t, e = case_summaries_table, events_table
    opened = (sa.select(sa.func.coalesce(sa.func.min(e.c.position), 0))
              .where(e.c.stream_id == sa.bindparam("p_stream"), e.c.seq == 1)
              .scalar_subquery())
    stmt = insert(t).values(arkivsak=sa.bindparam("p_arkivsak"), opened=opened,
                            state=sa.bindparam("p_state"), body=sa.bindparam("p_body"),
                            summary=sa.bindparam("p_summary"))
    return stmt.on_conflict_do_update(index_elements=[t.c.arkivsak], set_={
        "state": stmt.excluded.state, "body": stmt.excluded.body,
        "summary": stmt.excluded.summary})


def _upsert(conn: sa.Connection, chunk: list[Summary]) -> None:
    conn.execute(_upsert_statement(conn.dialect.name), [
        {"p_stream": f"sak:{s.arkivsak}", "p_arkivsak": s.arkivsak, "p_state": s.state,
         "p_body": s.body.casefold() if s.body else None, "p_summary": s.summary}
        for s in chunk])


def clear(conn: sa.Connection) -> None:
    conn.execute(sa.delete(case_summaries_table))


def set_current(conn: sa.Connection, current: bool) -> None:
    conn.execute(sa.delete(meta_table).where(meta_table.c.key == SUMMARIES_KEY))
    conn.execute(sa.insert(meta_table).values(key=SUMMARIES_KEY,
                                              value="current" if current else "stale"))


def is_current(conn: sa.Connection) -> bool:
    found = conn.execute(sa.select(meta_table.c.value).where(
        meta_table.c.key == SUMMARIES_KEY)).scalar()
    return found == "current"


def rows(conn: sa.Connection, body: str | None = None, offset: int = 0,
         limit: int | None = None, batch: int = 200) -> Iterator[str]:
    """The rows' JSON in the order the cases were opened (by the `opened` index), from
    `offset` on, `limit` at most; `body`: only cases whose body now is this one (any case).
    Read in batches by keyset, so a caller that stops early reads no more."""
    t = case_summaries_table
    after: int | None = None
    skip, left = offset, limit
    while left is None or left > 0:
        query = sa.select(t.c.opened, t.c.summary).order_by(t.c.opened)
        if after is not None:
            query = query.where(t.c.opened > after)
        if body:
            query = query.where(t.c.body == body.casefold())
        if skip:
            query, skip = query.offset(skip), 0
        size = batch if left is None else min(batch, left)
        found = conn.execute(query.limit(size)).all()
        for row in found:
            yield row.summary
        if left is not None:
            left -= len(found)
        if len(found) < size:
            return
        after = found[-1].opened


def count(conn: sa.Connection) -> int:
    return int(conn.execute(sa.select(sa.func.count()).select_from(case_summaries_table))
               .scalar() or 0)


def all_summaries(conn: sa.Connection) -> dict[str, Any]:
    """Every row, by arkivsak (for tests and `db rebuild --check`)."""
    t = case_summaries_table
    return {row.arkivsak: (row.opened, row.state, row.body, row.summary)
            for row in conn.execute(sa.select(t))}
