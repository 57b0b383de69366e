"""`verify` at scale, as behaviour: one case is checked from its own stream (a change in
another case does not touch its report), and the whole store, checked stream by stream as it
streams past, finds what the check of every row held in memory finds."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from engine.store.eventstore import EventStore
from engine.store.schema import drop_append_only_ddl
from engine.store.verify import check_stream, position_gaps, read_rows, verify_store
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import bigstore


@pytest.fixture
def built(db_url: str) -> EventStore:
    bigstore.build(db_url, cases=12, template=6, seed=3)
    return EventStore(db_url)


def _streams(store: EventStore) -> list[str]:
    return [s for s in store.streams("sak:")]


def _tamper(store: EventStore, sql: str, **params: object) -> None:
    with store.engine.begin() as conn:
        for statement in drop_append_only_ddl(conn.dialect.name):
            conn.exec_driver_sql(statement)
        conn.execute(sa.text(sql), params)


def test_one_case_ignores_a_change_in_another(built: EventStore) -> None:
    first, second = _streams(built)[:2]
    _tamper(built, "UPDATE events SET actor = 'mallory' WHERE stream_id = :s AND seq = 2",
            s=second)
    one = verify_store(built, first.removeprefix("sak:"))
    assert one.intact and one.streams == 1
    assert one.events == len(read_rows(built, first) or [])
    other = verify_store(built, second.removeprefix("sak:"))
    assert [(p.kind, p.stream_id, p.seq) for p in other.problems] == [("changed", second, 2)]
    whole = verify_store(built)
    assert [(p.kind, p.stream_id, p.seq) for p in whole.problems] == [("changed", second, 2)]


def test_streamed_whole_store_finds_what_the_rows_in_memory_find(built: EventStore) -> None:
    streams = _streams(built)
    _tamper(built, "DELETE FROM events WHERE stream_id = :s AND seq = 3", s=streams[4])
    _tamper(built, "UPDATE events SET actor = 'x' WHERE stream_id = :s AND seq = 1",
            s=streams[7])
    rows = read_rows(built) or []
    by_stream: dict[str, list] = {}
    for row in rows:
        by_stream.setdefault(row.stream_id, []).append(row)
    expected = [p for s in sorted(by_stream) for p in check_stream(by_stream[s])]
    if built.url.get_backend_name() == "sqlite":
        expected += position_gaps(rows, expected)
    report = verify_store(built)
    assert report.problems == tuple(expected)
    assert report.events == len(rows) and report.streams == len(by_stream)
    assert {p.stream_id for p in report.problems} == {streams[4], streams[7]}


def test_a_missing_case_is_named(built: EventStore) -> None:
    from engine.domain.errors import NotFound

    with pytest.raises(NotFound, match="99/1"):
        verify_store(built, "99/1")


def test_whole_store_memory_does_not_hold_the_rows(tmp_path: Path) -> None:
    """Peak traced memory of verifying 100 cases and of verifying 400 (both more rows than
    one batch read): with the rows streamed, the second is not four times the first (a
    behaviour, not a timing: rows held in memory would make it grow with the store)."""
    import tracemalloc

    peaks = []
    for cases in (100, 400):
        url = f"sqlite:///{tmp_path / f'{cases}.db'}"
        bigstore.build(url, cases=cases, template=20, seed=3)
        store = EventStore(url)
        verify_store(store)  # warm: imports and caches are not the rows
        tracemalloc.start()
        assert verify_store(store).intact
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        store.close()
    assert peaks[1] < 1.5 * peaks[0], peaks
