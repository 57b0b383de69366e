"""Proof that the record was not changed after the fact: recompute each stream's hash chain.

Every stored event's hash covers its content, its seq and the hash before it in its stream
(`engine.store.eventstore.event_hash`). From the rows alone we tell apart:

- a changed event: its hash no longer matches its content, but its neighbours still link to it;
- a deleted event: the next row's `prev_hash` is the hash of no row we have (and seq jumps);
- an inserted event: the chain runs past it (the next row links to the row before it), or its
  hash matches nothing and nothing links to it;
- a reordered event: its hash matches its content at another seq.

Without a secret key or an outside anchor, a forger who recomputes every later hash, or who
deletes the newest events of a stream, leaves no trace in the chain itself; on SQLite a gap in
the global position column still shows such a deletion (positions are dense there).
The core (`check_stream`, `position_gaps`) is pure; `verify_store` reads the rows.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from engine.store.eventstore import GENESIS, StoreMissing
from engine.store.findings import Problem, Row

_SEQ_SENTINEL = -7_310_000_003
"""Stands for the seq in the hashed body, so one JSON dump serves every candidate seq."""


@dataclass(frozen=True, slots=True)
class Report:
    events: int
    streams: int
    problems: tuple[Problem, ...]
    checkpoints: int = 0
    """Checkpoints the rows were checked against."""
    notes: tuple[str, ...] = ()
    """What could not be checked (no key to check the signatures with)."""

    @property
    def intact(self) -> bool:
        return not self.problems


def _body_template(row: Row) -> str | None:
    """The hashed body with the seq left as a sentinel; None when the payload is unreadable."""
    payload = row.payload
    if isinstance(payload, str | bytes):
        try:
            payload = json.loads(payload)
        except ValueError:
            return None
    return json.dumps([row.stream_id, _SEQ_SENTINEL, row.type, row.version, payload, row.actor,
                       row.recorded_at], sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))


def _matches(row: Row, template: str, seq: int) -> bool:
    body = template.replace(str(_SEQ_SENTINEL), str(seq), 1)
    return hashlib.sha256((row.prev_hash + body).encode("utf-8")).hexdigest() == row.hash


def original_seq(row: Row, candidates: Iterable[int]) -> int | None:
    """The seq the row's hash was made with: its own when untouched, another when moved,
    None when its content (or its prev_hash) changed."""
    template = _body_template(row)
    if template is None:
        return None
    if _matches(row, template, row.seq):
        return row.seq
    for seq in candidates:
        if seq != row.seq and seq > 0 and _matches(row, template, seq):
            return seq
    return None


def _candidates(seq: int, offset: int, top: int, window: int = 64) -> Iterator[int]:
    """Seqs a moved row may have been stored with: the previous row's offset first (a run
    renumbered together), then nearby seqs, then the rest, so a renumbered stream costs one
    hash a row."""
    yield seq + offset
    for distance in range(1, window + 1):
        yield seq - distance
        yield seq + distance
    yield from (s for s in range(1, top) if abs(s - seq) > window)


def check_stream(rows: Sequence[Row]) -> list[Problem]:
    """Every problem in one stream's rows (any order in; sorted by seq here)."""
    rows = sorted(rows, key=lambda r: r.seq)
    if not rows:
        return []
    top = max(r.seq for r in rows) + len(rows) + 1
    origin: list[int | None] = []
    offset = 0
    for row in rows:
        found = original_seq(row, _candidates(row.seq, offset, top))
        origin.append(found)
        if found is not None:
            offset = found - row.seq
    known_hashes = {r.hash for r in rows}
    inserted = _inserted(rows, origin)
    problems: list[Problem] = []

    def add(kind: str, row: Row | None, seq: int | None, code: str = "",
            original: int | None = None, **fields: Any) -> None:
        where = {"type": row.type, "position": row.position} if row else {}
        problems.append(Problem(kind, rows[0].stream_id, seq, row.position if row else None,
                                code or kind, {"seq": seq, **where, **fields}, original))

    previous: Row | None = None  # the last row that belongs to the chain
    previous_origin: int | None = 0
    for index, row in enumerate(rows):
        if index in inserted:
            add("inserted", row, row.seq)
            continue
        expected_prev = previous.hash if previous else GENESIS
        if row.prev_hash != expected_prev and row.prev_hash not in known_hashes:
            # The row this one was chained to is gone, or was swapped for a new one.
            first = (previous_origin or 0) + 1
            last = origin[index] - 1 if origin[index] is not None else row.seq - 1
            if previous is not None and last < first:
                add("changed", previous, previous.seq, "replaced", next=row.seq)
            else:
                add("deleted", row, first, last=max(last, first), before=row.seq)
        if origin[index] is None:
            add("changed", row, row.seq)
        elif origin[index] != row.seq:
            add("moved", row, row.seq, original=origin[index], original_seq=origin[index])
        previous = row
        previous_origin = origin[index] if origin[index] is not None else row.seq
    return _merge_renumbered(problems)


def _inserted(rows: Sequence[Row], origin: Sequence[int | None]) -> set[int]:
    """Indexes of rows the chain runs past: not moved, nothing links to them, and the next
    row links to the row before them."""
    linked_to = {r.prev_hash for r in rows}
    found: set[int] = set()
    for i, row in enumerate(rows[:-1]):
        before = rows[i - 1].hash if i > 0 else GENESIS
        moved = origin[i] is not None and origin[i] != row.seq
        if not moved and row.hash not in linked_to and rows[i + 1].prev_hash == before:
            found.add(i)
    return found


def _merge_renumbered(problems: list[Problem]) -> list[Problem]:
    """A run of rows all moved by the same offset is one renumbering, not many moves."""
    out: list[Problem] = []
    run: list[Problem] = []

    def offset(p: Problem) -> int:
        return (p.original_seq or 0) - (p.seq or 0)

    def flush() -> None:
        if len(run) > 2:
            first, last = run[0], run[-1]
            out.append(Problem("renumbered", first.stream_id, first.seq, first.position,
                               "renumbered", {"seq": first.seq, "last": last.seq,
                                              "original_seq": first.original_seq,
                                              "original_last": last.original_seq},
                               first.original_seq))
        else:
            out.extend(run)
        run.clear()

    for problem in problems:
        if problem.kind == "moved" and run and offset(run[-1]) == offset(problem) and \
                problem.seq == (run[-1].seq or 0) + 1:
            run.append(problem)
            continue
        flush()
        if problem.kind == "moved":
            run.append(problem)
        else:
            out.append(problem)
    flush()
    return out


def position_gaps(rows: Iterable[Row], explained: Iterable[Problem] = (),
                  ordered: bool = False) -> list[Problem]:
    """Positions missing from a dense position column (SQLite): rows deleted where the chain
    cannot see it (the newest events of a stream). Gaps next to a deletion the chain already
    found are not reported again. `ordered`: the rows come in position order (streamed)."""
    by_position = rows if ordered else sorted(rows, key=lambda r: r.position)
    known_streams = {p.stream_id for p in explained if p.kind == "deleted"}
    problems = []
    for before, after in itertools.pairwise(by_position):
        if after.position - before.position <= 1:
            continue
        if before.stream_id in known_streams or after.stream_id in known_streams:
            continue
        missing = range(before.position + 1, after.position)
        problems.append(Problem(
            "missing", before.stream_id, None, missing[0], "missing",
            {"position": missing[0], "last": missing[-1], "count": len(missing),
             "before_stream": before.stream_id, "before_seq": before.seq,
             "after_stream": after.stream_id, "after_seq": after.seq}))
    return problems


def verify_rows(rows: Iterable[Row], *, dense_positions: bool = False,
                stream: str | None = None) -> Report:
    """Check every stream (or only `stream`) of the given rows."""
    streams: dict[str, list[Row]] = {}
    all_rows = list(rows)
    for row in all_rows:
        streams.setdefault(row.stream_id, []).append(row)
    selected = [stream] if stream is not None else list(streams)
    problems: list[Problem] = []
    for stream_id in selected:
        problems.extend(check_stream(streams.get(stream_id, [])))
    if dense_positions and stream is None:
        problems.extend(position_gaps(all_rows, problems))
    checked = sum(len(streams.get(s, [])) for s in selected)
    return Report(events=checked, streams=sum(1 for s in selected if streams.get(s)),
                  problems=tuple(problems))


def _columns() -> list[Any]:
    import sqlalchemy as sa

    from engine.store.eventstore import events_table as t

    return [t.c.position, t.c.stream_id, t.c.seq, t.c.type, t.c.version,
            sa.type_coerce(t.c.payload, sa.Text).label("payload"), t.c.actor,
            t.c.recorded_at, t.c.prev_hash, t.c.hash]


def _has_events(store: Any) -> bool:
    import sqlalchemy as sa

    with store.connect() as conn:
        return bool(sa.inspect(conn).has_table("events"))


def read_rows(store: Any, stream: str | None = None) -> list[Row] | None:
    """The rows as stored (of one stream, by its index, or all in position order), the
    payload as raw as the driver gives it (a broken JSON payload is a finding, not a crash);
    None when there is no event table."""
    import sqlalchemy as sa

    from engine.store.eventstore import events_table as t

    if not store.exists or not _has_events(store):
        return None
    query = sa.select(*_columns())
    query = (query.where(t.c.stream_id == stream).order_by(t.c.seq) if stream is not None
             else query.order_by(t.c.position))
    with store.connect() as conn:
        return [Row(**row._mapping) for row in conn.execute(query)]


def _streamed(store: Any, query: Any, batch: int = 2000) -> Iterator[Any]:
    with store.connect() as conn:
        yield from conn.execution_options(stream_results=True).execute(query).yield_per(batch)


def _stream_rows(store: Any) -> Iterator[Row]:
    """Every row, stream by stream in seq order (the (stream, seq) index), streamed."""
    import sqlalchemy as sa

    from engine.store.eventstore import events_table as t

    query = sa.select(*_columns()).order_by(t.c.stream_id, t.c.seq)
    for row in _streamed(store, query):
        yield Row(**row._mapping)


def _positions(store: Any) -> Iterator[Row]:
    """(position, stream, seq) of every row in position order, streamed: what the position
    gaps need, without the payloads."""
    import sqlalchemy as sa

    from engine.store.eventstore import events_table as t

    query = sa.select(t.c.position, t.c.stream_id, t.c.seq).order_by(t.c.position)
    for row in _streamed(store, query):
        yield Row(row.position, row.stream_id, row.seq, "", 0, None, None, "", "", "")


def verify_store(store: Any, arkivsak: str | None = None, *, key: Any = None,
                 anchor: dict[str, Any] | None = None) -> Report:
    """The chains, and (for the whole store) the rows against the checkpoints, their
    signatures checked with `key` (engine.store.checkpoints.Key; None: not checked), and
    against `anchor`, the latest checkpoint the key's folder remembers for this store.

    One case reads its own stream only (by the index); the whole store is read stream by
    stream and checked as it streams past, in memory that does not grow with the store.
    A store that does not exist, or holds nothing and no checkpoint says it should, is
    StoreMissing: there is nothing to call intact."""
    from engine.domain.errors import NotFound
    from engine.domain.events import case_stream
    from engine.store.checkpoints import check, read_checkpoints
    from engine.store.tally import Tally

    shown = store.url.render_as_string(hide_password=True)
    if not store.exists:
        raise StoreMissing(f"Databasen {shown} finnes ikke; det er ingenting å kontrollere.")
    has_events = _has_events(store)
    if arkivsak:
        stream = case_stream(arkivsak)
        rows = read_rows(store, stream) or []
        if not rows:
            raise NotFound(f"Saken {arkivsak} finnes ikke i databasen.")
        return verify_rows(rows, stream=stream)
    checkpoints = read_checkpoints(store)
    tally = Tally(checkpoints)
    problems: list[Problem] = []
    streams = 0
    every_row = _stream_rows(store) if has_events else iter(())
    for _, group in itertools.groupby(every_row, key=lambda r: r.stream_id):
        rows = list(group)
        problems.extend(check_stream(rows))
        tally.add_all(rows)
        streams += 1
    if not tally.events and not checkpoints and anchor is None:
        what = "har ingen hendelseslogg" if not has_events else "er tom"
        raise StoreMissing(f"Databasen {shown} {what}; det er ingenting å kontrollere.")
    dense = store.url.get_backend_name() == "sqlite"
    if dense and has_events:
        problems.extend(position_gaps(_positions(store), problems, ordered=True))
    found, notes = check(tally, checkpoints, key, anchor, dense=dense)
    return Report(tally.events, streams, tuple(problems) + tuple(found),
                  checkpoints=len(checkpoints), notes=tuple(notes))
