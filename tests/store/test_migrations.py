"""Migrations: a store created at the first schema revision (with Alembic, or by saksflyt
before it had migrations) upgrades to head with its events and hashes intact."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from engine.store.eventstore import FIRST_REVISION, HEAD_REVISION, EventStore, events_table
from tests.store.conftest import BACKENDS, chains_intact, make_url, run_cli

COLUMNS = ("stream_id", "seq", "type", "version", "payload", "actor", "recorded_at",
           "prev_hash", "hash")


def _rows(url: str) -> list[tuple]:
    """The rows as stored, read past the store's schema check."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            query = sa.select(*(events_table.c[c] for c in COLUMNS)).order_by(
                events_table.c.position)
            return [tuple(row) for row in conn.execute(query)]
    finally:
        engine.dispose()


def _store_at_first_revision(url: str, source: str, legacy: bool) -> None:
    """The first revision's schema holding the source's events, as that version wrote them."""
    from engine.store.migrations import upgrade

    store = EventStore(url)
    upgrade(store, FIRST_REVISION)
    rows = [dict(zip(COLUMNS, row, strict=True)) for row in _rows(source)]
    with store.engine.begin() as conn:
        conn.execute(sa.insert(events_table), rows)
        if legacy:  # saksflyt before migrations: no alembic_version table
            conn.exec_driver_sql("DROP TABLE alembic_version")
    store.close()


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("legacy", [False, True], ids=["alembic", "before-migrations"])
def test_first_revision_upgrades_to_head_with_data_and_hashes_intact(
        backend: str, legacy: bool, replayed_19_8286: str, tmp_path: Path,
        request: pytest.FixtureRequest) -> None:
    url = make_url(backend, request, tmp_path)
    _store_at_first_revision(url, replayed_19_8286, legacy)
    before = _rows(url)
    assert before == _rows(replayed_19_8286)

    refused = run_cli("vedtak", "19/8286", db=url)
    assert refused.returncode == 2
    assert "eldre skjema" in refused.stderr and "saksflyt db upgrade" in refused.stderr

    status = run_cli("db", "status", db=url)
    assert status.returncode == 1
    assert FIRST_REVISION in status.stdout and HEAD_REVISION in status.stdout

    upgraded = run_cli("db", "upgrade", db=url)
    assert upgraded.returncode == 0, upgraded.stderr
    assert f"fra {FIRST_REVISION} til {HEAD_REVISION}" in upgraded.stdout

    assert _rows(url) == before
    chains_intact(url)
    status = run_cli("db", "status", db=url)
    assert status.returncode == 0 and "(nyeste)" in status.stdout
    again = run_cli("db", "upgrade", db=url)
    assert again.returncode == 0 and "allerede oppdatert" in again.stdout

    store = EventStore(url)
    with store.engine.connect() as conn:
        assert "ix_events_type" in {i["name"] for i in sa.inspect(conn).get_indexes("events")}
    store.close()
    decision = run_cli("vedtak", "19/8286", db=url)
    original = run_cli("vedtak", "19/8286", db=replayed_19_8286)
    assert decision.returncode == 0, decision.stderr
    assert decision.stdout == original.stdout


@pytest.mark.parametrize("backend", BACKENDS)
def test_upgrade_creates_an_empty_store_and_status_tells(
        backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    url = make_url(backend, request, tmp_path)
    status = run_cli("db", "status", db=url)
    assert status.returncode == 0 and "ingen ennå" in status.stdout
    created = run_cli("db", "upgrade", db=url)
    assert created.returncode == 0 and "Opprettet skjemaet" in created.stdout
    status = run_cli("db", "status", db=url)
    assert f"{HEAD_REVISION} (nyeste)" in status.stdout


def test_a_rejected_replay_does_not_create_the_store(tmp_path: Path) -> None:
    bad = tmp_path / "feil.yaml"
    bad.write_text("saksflyt: 1\nbodies: []\ncases:\n  - arkivsak: 1/1\n", encoding="utf-8")
    path = tmp_path / "ny.db"
    done = run_cli("replay", str(bad), db=f"sqlite:///{path}")
    assert done.returncode == 2 and done.stderr.startswith("Feil: ")
    assert not path.exists()


def test_ordinary_commands_do_not_import_alembic(replayed_19_8286: str) -> None:
    probe = ("import sys\nfrom click.testing import CliRunner\nfrom cli import main\n"
             "result = CliRunner().invoke(main, ['--db', sys.argv[1], 'case', 'show', "
             "'19/8286'])\nassert result.exit_code == 0, result.output\n"
             "print('alembic' in sys.modules)")
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    done = subprocess.run([sys.executable, "-c", probe, replayed_19_8286], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"
