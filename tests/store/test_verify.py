"""`verify` on real stores tampered with raw SQL: each change, deletion, insertion and
reordering is named with its case and position; an untouched store verifies."""

from __future__ import annotations

import dataclasses
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from engine.store.eventstore import EventStore
from engine.store.verify import Row, check_stream, verify_store
from tests.store.conftest import BACKENDS, make_url

CASE = "sak:19/8286"


def _path(url: str) -> Path:
    return Path(sa.make_url(url).database or "")


@pytest.fixture
def store_copy(replayed_19_8286_sqlite: str, tmp_path: Path) -> Path:
    """A private copy of the replayed 19/8286 store, to tamper with."""
    source = _path(replayed_19_8286_sqlite)
    with sqlite3.connect(source) as conn:  # fold the WAL into the file before copying
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    target = tmp_path / "tampered.db"
    shutil.copy(source, target)
    return target


def _tamper(path: Path, *statements: str) -> None:
    """Change the file as an attacker with access to it would: the triggers that refuse
    UPDATE and DELETE go first."""
    from engine.store.schema import drop_append_only_ddl

    conn = sqlite3.connect(path)
    with conn:
        for statement in [*drop_append_only_ddl("sqlite"), *statements]:
            conn.execute(statement)
    conn.close()


def _problems(path: Path, arkivsak: str | None = None) -> list[tuple[str, str, int | None]]:
    report = verify_store(EventStore(f"sqlite:///{path}"), arkivsak)
    return [(p.kind, p.stream_id, p.seq) for p in report.problems]


def _count(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM events").fetchone()[0]


def test_an_untouched_store_verifies(store_copy: Path) -> None:
    report = verify_store(EventStore(f"sqlite:///{store_copy}"))
    assert report.intact
    assert report.events == _count(store_copy)
    assert report.streams == 2  # the register and the case


def test_a_changed_payload_is_named(store_copy: Path) -> None:
    _tamper(store_copy, f"UPDATE events SET payload = json_set(payload, '$.against', '1H') "
                        f"WHERE stream_id = '{CASE}' AND type = 'vote.held' AND seq = "
                        f"(SELECT max(seq) FROM events WHERE stream_id = '{CASE}' "
                        "AND type = 'vote.held')")
    with sqlite3.connect(store_copy) as conn:
        seq = conn.execute(f"SELECT max(seq) FROM events WHERE stream_id = '{CASE}' "
                           "AND type = 'vote.held'").fetchone()[0]
    assert _problems(store_copy) == [("changed", CASE, seq)]


def test_a_changed_actor_is_named(store_copy: Path) -> None:
    _tamper(store_copy, f"UPDATE events SET actor = 'mallory' WHERE stream_id = '{CASE}' "
                        "AND seq = 7")
    assert _problems(store_copy, "19/8286") == [("changed", CASE, 7)]


def test_a_deleted_event_is_named(store_copy: Path) -> None:
    _tamper(store_copy, f"DELETE FROM events WHERE stream_id = '{CASE}' AND seq = 20")
    assert _problems(store_copy) == [("deleted", CASE, 20)]


def test_a_deletion_hidden_by_renumbering_is_still_named(store_copy: Path) -> None:
    _tamper(store_copy,
            f"DELETE FROM events WHERE stream_id = '{CASE}' AND seq = 20",
            f"UPDATE events SET seq = seq + 100000 WHERE stream_id = '{CASE}' AND seq > 20",
            f"UPDATE events SET seq = seq - 100001 WHERE stream_id = '{CASE}' AND seq > 100000")
    kinds = _problems(store_copy)
    assert kinds[0] == ("deleted", CASE, 20)
    assert [k for k, _, _ in kinds[1:]] == ["renumbered"]


def test_two_swapped_events_are_named(store_copy: Path) -> None:
    _tamper(store_copy,
            f"UPDATE events SET seq = -1 WHERE stream_id = '{CASE}' AND seq = 40",
            f"UPDATE events SET seq = 40 WHERE stream_id = '{CASE}' AND seq = 41",
            f"UPDATE events SET seq = 41 WHERE stream_id = '{CASE}' AND seq = -1")
    assert _problems(store_copy) == [("moved", CASE, 40), ("moved", CASE, 41)]


def test_an_inserted_event_is_named(store_copy: Path) -> None:
    # A forged note after event 30: the later events are moved up to make room, and the
    # forgery is chained to event 30 with a hash computed the store's own way.
    from engine.store.eventstore import event_hash

    with sqlite3.connect(store_copy) as conn:
        row = conn.execute(f"SELECT type, version, payload, actor, recorded_at, hash "
                           f"FROM events WHERE stream_id = '{CASE}' AND seq = 30").fetchone()
    payload = json.loads(row[2])
    forged = event_hash(row[5], CASE, 31, row[0], row[1], payload, row[3], row[4])
    _tamper(store_copy,
            f"UPDATE events SET seq = seq + 100000 WHERE stream_id = '{CASE}' AND seq > 30",
            f"UPDATE events SET seq = seq - 99999 WHERE stream_id = '{CASE}' AND seq > 100000",
            "INSERT INTO events (stream_id, seq, type, version, payload, actor, recorded_at, "
            f"prev_hash, hash) VALUES ('{CASE}', 31, '{row[0]}', {row[1]}, "
            f"'{json.dumps(payload)}', '{row[3]}', '{row[4]}', '{row[5]}', '{forged}')")
    problems = _problems(store_copy)
    assert problems[0] == ("inserted", CASE, 31)
    assert [k for k, _, _ in problems[1:]] == ["renumbered"]


def test_a_deleted_newest_event_shows_as_a_gap_in_positions(store_copy: Path) -> None:
    # The register's last event is followed by the case's events, so its position leaves a
    # gap the chain itself cannot see.
    _tamper(store_copy, "DELETE FROM events WHERE stream_id = 'register' AND seq = "
                        "(SELECT max(seq) FROM events WHERE stream_id = 'register')")
    assert [k for k, _, _ in _problems(store_copy)] == ["missing"]


def test_a_broken_payload_is_a_finding_not_a_crash(store_copy: Path) -> None:
    _tamper(store_copy, f"UPDATE events SET payload = '{{not json' WHERE stream_id = '{CASE}' "
                        "AND seq = 3")
    assert _problems(store_copy) == [("changed", CASE, 3)]


def test_check_stream_is_pure_and_order_free() -> None:
    from engine.store.eventstore import GENESIS, event_hash

    rows, prev = [], GENESIS
    for seq in (1, 2, 3):
        digest = event_hash(prev, "s", seq, "t", 1, {"n": seq}, None, "now")
        rows.append(Row(seq, "s", seq, "t", 1, {"n": seq}, None, "now", prev, digest))
        prev = digest
    assert check_stream(list(reversed(rows))) == []
    changed = [rows[0], dataclasses.replace(rows[1], payload={"n": 9}), rows[2]]
    assert [(p.kind, p.seq) for p in check_stream(changed)] == [("changed", 2)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_verify_on_each_backend(backend: str, request: pytest.FixtureRequest, tmp_path: Path,
                                example_19_8286: Path) -> None:
    from engine.app.repository import commit, workspace
    from engine.scenario.apply import apply_scenario

    url = make_url(backend, request, tmp_path)
    store = EventStore(url)
    ws = workspace(store)
    apply_scenario(ws, example_19_8286)
    commit(store, ws, actor="test")
    assert verify_store(store).intact
    from engine.store.schema import drop_append_only_ddl

    with store.engine.begin() as conn:
        for statement in drop_append_only_ddl(conn.dialect.name):
            conn.exec_driver_sql(statement)
        conn.execute(sa.text("UPDATE events SET actor = 'mallory' WHERE stream_id = :s "
                             "AND seq = 5"), {"s": CASE})
    report = verify_store(store)
    assert [(p.kind, p.seq) for p in report.problems] == [("changed", 5)]
    store.close()
