"""Entry points for the processes of the concurrency test (spawned: importable, top level).

A worker is a secretary logging into the open item of one case: it loads the case through
the workspace, applies one step, and commits, with no retry: each command either lands once
or gets ConcurrencyConflict."""

from __future__ import annotations

from typing import Any

from tests.store.generated import PERSON


def step_for(index: int, round_: int) -> Any:
    from engine.domain import steps as st

    tag = f"sekretær {index}, runde {round_}"
    if (index + round_) % 2:
        return st.Note(text=f"Notat fra {tag}: æøå ÆØÅ.")
    return st.Propose(id=f"s{index}-r{round_}", by=PERSON, kind="tilleggsforslag",
                      add=f"Forslag fra {tag}: bystyret ber om en rapport.")


def secretary(url: str, arkivsak: str, index: int, rounds: int, barrier: Any,
              in_step: bool, results: Any) -> None:
    """Log `rounds` steps. With `in_step`, every secretary loads the case, then all wait for
    each other before committing, so all eight race for the same position each round."""
    from engine.app.repository import commit, workspace
    from engine.commands.deciders import apply_step
    from engine.domain.errors import ConcurrencyConflict
    from engine.store.eventstore import EventStore

    store = EventStore(url)
    try:
        barrier.wait(timeout=120)
        for round_ in range(rounds):
            ws = workspace(store)
            case = ws.case(arkivsak)
            item = case.open_item
            step = step_for(index, round_)
            apply_step(ws, case, item, step)
            if in_step:
                barrier.wait(timeout=120)
            try:
                commit(store, ws, actor=f"sekretær {index}")
                results.put((index, round_, "ok", ""))
            except ConcurrencyConflict as exc:
                results.put((index, round_, "conflict", str(exc)))
            if in_step:
                barrier.wait(timeout=120)
    except Exception as exc:  # reported to the test, which fails on it
        results.put((index, -1, "error", repr(exc)))
    finally:
        store.close()
