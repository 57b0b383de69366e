"""Store fixtures: one SQLite file or one fresh PostgreSQL database per test.

PostgreSQL tests read the server's URL from SAKSFLYT_TEST_PG_URL (`.ci/run` starts a throwaway
server and sets it). Without it they are skipped, except in CI, where they fail.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import ROOT

PG_ENV = "SAKSFLYT_TEST_PG_URL"
BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def pg_server_url() -> str:
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI"):
            pytest.fail(f"{PG_ENV} is not set: CI must run the PostgreSQL store tests "
                        "(.ci/run starts a server and sets it)")
        pytest.skip(f"{PG_ENV} is not set: no PostgreSQL server to test against "
                    "(set it to postgresql+psycopg://user@127.0.0.1:PORT/postgres)")
    return url


@pytest.fixture
def pg_url(pg_server_url: str) -> Iterator[str]:
    """A new, empty database on the test server, dropped afterwards."""
    name = f"saksflyt_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(pg_server_url, isolation_level="AUTOCOMMIT",
                             poolclass=sa.pool.NullPool)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
    try:
        yield sa.make_url(pg_server_url).set(database=name).render_as_string(
            hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def make_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path,
             name: str = "saksflyt.db") -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / name}"
    return request.getfixturevalue("pg_url")


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty store on each backend."""
    return make_url(request.param, request, tmp_path)


@dataclass(frozen=True)
class Done:
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, db: str) -> Done:
    """Run a saksflyt command in this process (as `saksflyt --db DB ARGS...`)."""
    import traceback

    from click.testing import CliRunner

    from cli import main

    result = CliRunner().invoke(main, ["--db", db, *args], env={"SAKSFLYT_USER": "test"})
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
    return Done(result.exit_code, result.stdout, stderr)


def run_cli_process(*args: str, db: str, timeout: float = 300,
                    ) -> subprocess.CompletedProcess[str]:
    """Run the command line of this tree in a new process."""
    return subprocess.run([sys.executable, "-c", "from cli import main; main()", *args],
                          cwd=ROOT, env=cli_env(db), capture_output=True, text=True,
                          timeout=timeout)


def cli_env(db: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "SAKSFLYT_DB": db, "SAKSFLYT_USER": "test"}


def chains_intact(url: str) -> None:
    """Assert every stream's hash chain verifies (engine.store.verify), and each stream numbers
    its events 1, 2, 3, ... with no gap."""
    from engine.store.eventstore import GENESIS, EventStore, event_hash
    from engine.store.verify import StoreMissing, verify_store

    store = EventStore(url)
    try:
        try:
            report = verify_store(store)
        except StoreMissing:  # nothing stored (a command killed before its commit)
            assert store.streams() == []
            return
        assert report.intact, report.problems
        for stream in store.streams():
            prev = GENESIS
            for seq, row in enumerate(store.read(stream), 1):
                assert row.seq == seq and row.prev_hash == prev
                prev = event_hash(prev, row.stream_id, row.seq, row.type, row.version,
                                  row.payload, row.actor, row.recorded_at)
                assert row.hash == prev
    finally:
        store.close()
