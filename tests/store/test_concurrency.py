"""Eight secretaries logging proposals and notes into the same meeting at once, on each
backend: every command lands once or gets the conflict; nothing is lost or duplicated."""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

import pytest

from engine.domain import events as ev
from engine.store.eventstore import EventStore
from tests.store.conftest import BACKENDS, chains_intact, make_url
from tests.store.generated import BODY, write_scenario
from tests.store.workers import step_for

WORKERS = 8
ARKIVSAK = "24/1"


def _open_meeting(url: str, tmp_path: Path) -> int:
    """A store with one case taken up (item open) in the council; returns the case's
    version."""
    from engine.app.repository import commit, workspace
    from engine.commands import deciders as cmd
    from engine.scenario.apply import apply_scenario

    store = EventStore(url)
    ws = workspace(store)
    apply_scenario(ws, write_scenario(tmp_path / "sak.yaml", cases=1, meetings=False))
    commit(store, ws, actor="oppsett")
    ws = workspace(store)
    cmd.open_item(ws, ws.case(ARKIVSAK), body=BODY, date="2024-02-01", sak="1/24")
    commit(store, ws, actor="oppsett")
    version = len(store.read(ev.case_stream(ARKIVSAK)))
    store.close()
    return version


def _run(url: str, rounds: int, in_step: bool) -> list[tuple[int, int, str, str]]:
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(WORKERS)
    results = ctx.Queue()
    from tests.store.workers import secretary

    procs = [ctx.Process(target=secretary,
                         args=(url, ARKIVSAK, i, rounds, barrier, in_step, results))
             for i in range(WORKERS)]
    for proc in procs:
        proc.start()
    found = [_next(results, procs) for _ in range(WORKERS * rounds)]
    for proc in procs:
        proc.join(timeout=60)
        assert proc.exitcode == 0
    return found


def _next(results: Any, procs: list[Any], limit: float = 300) -> tuple[int, int, str, str]:
    """The next worker's result; a worker that died fails the test at once, not after the
    time limit (its result would never come)."""
    import queue
    import time

    end = time.monotonic() + limit
    while time.monotonic() < end:
        try:
            return results.get(timeout=2)  # type: ignore[no-any-return]
        except queue.Empty:
            dead = [p.exitcode for p in procs if p.exitcode not in (None, 0)]
            assert not dead, f"a worker process died (exit {dead[0]})"
    raise AssertionError(f"no result from the workers in {limit:.0f} s")


def _logged_texts(event: ev.Event) -> str | None:
    if isinstance(event, ev.NoteRecorded):
        return event.text
    if isinstance(event, ev.ProposalMade):
        return event.id
    return None


def _expected_text(index: int, round_: int) -> str:
    from engine.domain import steps as st

    step = step_for(index, round_)
    return step.text if isinstance(step, st.Note) else step.id


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("in_step", [True, False], ids=["same-position", "free-running"])
def test_eight_secretaries_at_once(backend: str, in_step: bool, tmp_path: Path,
                                   request: pytest.FixtureRequest) -> None:
    url = make_url(backend, request, tmp_path)
    before = _open_meeting(url, tmp_path)
    rounds = 3 if in_step else 4
    results = _run(url, rounds, in_step)

    errors = [r for r in results if r[2] == "error"]
    assert not errors, errors
    landed = [(i, r) for i, r, outcome, _ in results if outcome == "ok"]
    conflicts = [msg for _, _, outcome, msg in results if outcome == "conflict"]
    assert len(landed) + len(conflicts) == WORKERS * rounds
    assert all("ble endret av en annen samtidig" in msg and "prøv kommandoen igjen" in msg
               for msg in conflicts)
    if in_step:
        # All eight read the same position: exactly one wins each round.
        assert sorted(r for _, r in landed) == list(range(rounds))
    else:
        assert landed

    store = EventStore(url)
    rows = store.read(ev.case_stream(ARKIVSAK))
    store.close()
    assert len(rows) - before == len(landed)
    logged = [_logged_texts(row.event()) for row in rows[before:]]
    assert sorted(logged) == sorted(_expected_text(i, r) for i, r in landed)
    chains_intact(url)
