"""The event store on SQLite and PostgreSQL: the same behaviour from the same code."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from engine.domain import events as ev
from engine.domain.errors import ConcurrencyConflict
from engine.store.eventstore import GENESIS, HEAD_REVISION, EventStore, SchemaMismatch, event_hash
from tests.store.conftest import chains_intact


def _registry_events(n: int) -> list[tuple[str, ev.Event]]:
    return [(ev.REGISTRY_STREAM, ev.PartyRegistered(short=f"P{i}", name=f"Parti {i} æøå"))
            for i in range(n)]


@pytest.fixture
def store(store_url: str):
    store = EventStore(store_url)
    yield store
    store.close()


def test_append_and_read_back_in_order(store: EventStore) -> None:
    assert store.read(ev.REGISTRY_STREAM) == []
    assert store.append(_registry_events(3), {ev.REGISTRY_STREAM: 0}, actor="Kåre") == 3
    assert store.append(_registry_events(2), {ev.REGISTRY_STREAM: 3}) == 2
    rows = store.read(ev.REGISTRY_STREAM)
    assert [r.seq for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0].actor == "Kåre" and rows[3].actor is None
    assert rows[0].prev_hash == GENESIS
    assert [r.event() for r in rows][:3] == [e for _, e in _registry_events(3)]
    assert [r.seq for r in store.read_all()] == [1, 2, 3, 4, 5]
    assert store.streams() == [ev.REGISTRY_STREAM]


def test_a_stale_expected_position_is_a_conflict_and_writes_nothing(store: EventStore) -> None:
    store.append(_registry_events(2), {ev.REGISTRY_STREAM: 0})
    with pytest.raises(ConcurrencyConflict, match="Registeret ble endret av en annen"):
        store.append(_registry_events(1), {ev.REGISTRY_STREAM: 1})
    with pytest.raises(ConcurrencyConflict):
        store.append(_registry_events(1), {ev.REGISTRY_STREAM: 0})
    assert len(store.read(ev.REGISTRY_STREAM)) == 2


def test_the_chain_links_every_event_to_the_one_before(store: EventStore) -> None:
    store.append(_registry_events(4), {ev.REGISTRY_STREAM: 0}, actor="a")
    store.append(_registry_events(3), {ev.REGISTRY_STREAM: 4}, actor="b")
    rows = store.read(ev.REGISTRY_STREAM)
    prev = GENESIS
    for row in rows:
        assert row.prev_hash == prev
        assert row.hash == event_hash(prev, row.stream_id, row.seq, row.type, row.version,
                                      row.payload, row.actor, row.recorded_at)
        prev = row.hash
    chains_intact(str(store.url.render_as_string(hide_password=False)))


def test_json_round_trip_keeps_norwegian_letters_and_structure(store: EventStore) -> None:
    name = "Kommunalt råd for mennesker med nedsatt funksjonsevne – «Æ, Ø og Å»"
    event = ev.BodyRegistered(name=name, kind="council", seats={"Ap": 28, "Høyre": 14})
    store.append([(ev.REGISTRY_STREAM, event)], {ev.REGISTRY_STREAM: 0}, actor="Øystein")
    fresh = EventStore(store.url.render_as_string(hide_password=False))
    [row] = fresh.read(ev.REGISTRY_STREAM)
    fresh.close()
    assert row.event() == event
    assert row.payload["name"] == name and row.actor == "Øystein"
    assert row.hash == event_hash(GENESIS, row.stream_id, 1, row.type, row.version,
                                  row.payload, row.actor, row.recorded_at)


def test_recorded_at_is_an_iso_time_in_utc(store: EventStore) -> None:
    import datetime as dt

    store.append(_registry_events(1), {ev.REGISTRY_STREAM: 0})
    [row] = store.read(ev.REGISTRY_STREAM)
    assert dt.datetime.fromisoformat(row.recorded_at).utcoffset() == dt.timedelta(0)


def test_a_new_store_is_created_at_the_head_revision(store: EventStore) -> None:
    store.append(_registry_events(1), {ev.REGISTRY_STREAM: 0})
    with store.engine.connect() as conn:
        assert store.revision(conn) == HEAD_REVISION


def test_an_older_schema_is_refused_until_upgraded(store_url: str) -> None:
    from engine.store.migrations import upgrade

    store = EventStore(store_url)
    upgrade(store, "0001_initial")
    for action in (lambda: store.read(ev.REGISTRY_STREAM),
                   lambda: store.append(_registry_events(1), {ev.REGISTRY_STREAM: 0})):
        with pytest.raises(SchemaMismatch, match="saksflyt db upgrade"):
            action()
    upgrade(store)
    assert store.append(_registry_events(1), {ev.REGISTRY_STREAM: 0}) == 1
    store.close()


def test_an_unknown_newer_revision_is_refused(store: EventStore) -> None:
    store.append(_registry_events(1), {ev.REGISTRY_STREAM: 0})
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0099_future'")
    newer = EventStore(store.url.render_as_string(hide_password=False))
    with pytest.raises(SchemaMismatch, match="oppgrader saksflyt"):
        newer.read(ev.REGISTRY_STREAM)
    newer.close()


def test_reading_a_missing_sqlite_file_does_not_create_it(tmp_path: Path) -> None:
    path = tmp_path / "ingen.db"
    store = EventStore(f"sqlite:///{path}")
    assert store.read(ev.REGISTRY_STREAM) == [] and store.streams() == []
    assert list(store.read_all()) == []
    assert not path.exists()


def test_a_new_sqlite_store_is_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "ny.db"
    store = EventStore(f"sqlite:///{path}")
    store.append(_registry_events(1), {ev.REGISTRY_STREAM: 0})
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
    store.close()


def test_the_schema_created_directly_matches_the_migrations(store_url: str, tmp_path: Path,
                                                            request: pytest.FixtureRequest
                                                            ) -> None:
    """The embedded default creates its tables without Alembic: they must be what the
    migrations build, on both backends."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from engine.store.eventstore import metadata
    from engine.store.migrations import upgrade

    store = EventStore(store_url)
    upgrade(store)
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    store.close()
    assert diff == []


def test_the_revision_list_matches_the_migration_scripts() -> None:
    from engine.store.eventstore import REVISIONS
    from engine.store.migrations import head, history

    assert tuple(r.id for r in history()) == REVISIONS
    assert head() == HEAD_REVISION


def test_an_integrity_error_other_than_the_seq_is_not_called_a_conflict() -> None:
    from engine.store.eventstore import is_seq_conflict

    class Orig(Exception):
        pass

    other = sa.exc.IntegrityError("INSERT", {}, Orig("NOT NULL constraint failed: events.type"))
    seq = sa.exc.IntegrityError("INSERT", {}, Orig(
        "UNIQUE constraint failed: events.stream_id, events.seq"))
    assert not is_seq_conflict(other) and is_seq_conflict(seq)


def test_an_unreachable_server_is_a_one_line_error() -> None:
    from tests.store.conftest import run_cli

    url = "postgresql+psycopg://saksflyt:hemmelig@127.0.0.1:1/saksflyt"
    for args in (["case", "show", "1/1"], ["db", "status"]):
        done = run_cli(*args, db=url)
        assert done.returncode == 2
        assert done.stderr.startswith("Feil: Får ikke kontakt med databasen")
        assert "hemmelig" not in done.stderr and len(done.stderr.splitlines()) == 1
