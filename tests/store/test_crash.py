"""kill -9 during a replay of a large scenario: the store holds all of the replay or none of
it, its chains verify, and a rerun completes or refuses cleanly."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from engine.store.eventstore import EventStore
from tests.conftest import ROOT
from tests.store.conftest import BACKENDS, chains_intact, cli_env, make_url, run_cli
from tests.store.generated import write_scenario

CASES = 150
KILLS = 4


def _start_replay(url: str, scenario: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", "from cli import main; main()", "replay",
                             str(scenario)], cwd=ROOT, env=cli_env(url), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _count(url: str) -> int:
    store = EventStore(url)
    try:
        return sum(1 for _ in store.read_all())
    finally:
        store.close()


def _planned(scenario: Path) -> tuple[int, float]:
    """How many events the replay writes, and how long it takes here (its checks alone)."""
    from engine.app.repository import workspace
    from engine.scenario.apply import apply_scenario

    started = time.monotonic()
    summary = apply_scenario(workspace(EventStore("sqlite:///:memory:")), scenario)
    return summary.events, time.monotonic() - started


def _kill(proc: subprocess.Popen[str]) -> bool:
    """SIGKILL; True when the process was still running (not already finished)."""
    running = proc.poll() is None
    if running:
        os.kill(proc.pid, signal.SIGKILL)
    proc.communicate(timeout=60)
    return running


def _wait_for_blocked_insert(url: str, timeout: float = 60) -> None:
    """PostgreSQL: wait until the replay's transaction waits for our table lock."""
    engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            with engine.connect() as conn:
                waiting = conn.exec_driver_sql(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    "AND datname = current_database()").scalar()
            if waiting:
                return
            time.sleep(0.1)
    finally:
        engine.dispose()
    pytest.fail("the replay never reached its insert")


@pytest.mark.parametrize("backend", BACKENDS)
def test_kill_9_during_a_replay_leaves_whole_commands_only(
        backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    url = make_url(backend, request, tmp_path)
    scenario = write_scenario(tmp_path / "stor.yaml", CASES)
    total, checks = _planned(scenario)
    estimate = checks + 1.5  # the checks, plus starting Python and writing
    seed = random.randrange(1 << 30)
    rng = random.Random(seed)
    complete = False

    # Killed while its write transaction waits for a lock: the insert is under way (on
    # PostgreSQL, inside the transaction; on SQLite, waiting for the write lock).
    holder = EventStore(url)
    with holder.transaction() as conn:
        if backend == "postgresql":
            conn.exec_driver_sql("LOCK TABLE events IN EXCLUSIVE MODE")
        proc = _start_replay(url, scenario)
        if backend == "postgresql":
            _wait_for_blocked_insert(url)
        else:
            time.sleep(estimate + 1)
        assert _kill(proc), "the replay finished while the store was locked"
    holder.close()
    assert _count(url) == 0
    chains_intact(url)

    for _ in range(KILLS):
        proc = _start_replay(url, scenario)
        time.sleep(rng.uniform(0.2, 1.3) * estimate)
        killed = _kill(proc)
        found = _count(url)
        assert found in (0, total), f"a partial replay: {found} of {total} (seed {seed})"
        chains_intact(url)
        if complete:
            assert found == total
        complete = complete or found == total
        if not killed and found == 0:
            pytest.fail(f"the replay ended without storing (seed {seed}): {proc.stderr}")

    print(f"seed {seed}: complete before the rerun: {complete}")
    rerun = run_cli("replay", str(scenario), db=url)
    if complete:
        assert rerun.returncode == 2, rerun.stderr
        assert rerun.stderr.startswith("Feil: ") and "Traceback" not in rerun.stderr
    else:
        assert rerun.returncode == 0, rerun.stderr
    assert _count(url) == total
    chains_intact(url)
    decision = run_cli("vedtak", "24/7", db=url)
    assert decision.returncode == 0 and "plan 7" in decision.stdout
