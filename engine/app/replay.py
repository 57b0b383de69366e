"""Application service for a scenario replay: every step checked in memory, then stored in one
transaction, or nothing stored."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from engine.app.repository import commit, workspace

if TYPE_CHECKING:
    from engine.commands.workspace import Workspace
    from engine.scenario.apply import Summary
    from engine.store.eventstore import EventStore


@dataclass(frozen=True)
class Replayed:
    summary: Summary
    written: int


class Progress:
    """What a replay reports as it goes; the command line shows it on a terminal."""

    def start(self, ws: Workspace) -> None: ...
    def meeting(self, name: str) -> None: ...
    def storing(self) -> None: ...
    def done(self) -> None: ...


def replay(store: EventStore, actor: str | None, file: Path, until: str | None = None,
           progress: Progress | None = None) -> Replayed:
    from engine.scenario.apply import apply_scenario

    ws = workspace(store)
    # One query for the cases already stored, not one per case the scenario opens.
    ws.stored = {stream.removeprefix("sak:") for stream in store.streams("sak:")}
    report: Callable[[str], None] | None = None
    if progress is not None:
        progress.start(ws)
        report = progress.meeting
    with _collector_tuned():
        summary = apply_scenario(ws, file, progress=report, until=until)
        if progress is not None:
            progress.storing()
        written = commit(store, ws, actor=actor)
    if progress is not None:
        progress.done()
    return Replayed(summary, written)


@contextmanager
def _collector_tuned() -> Iterator[None]:
    """A replay makes millions of small objects that live to the end of a case: the cyclic
    garbage collector's young generation would run every 700 of them and, each time the old
    one fills, scan everything. Less often during the load (what is already there frozen out
    of its scans); as before afterwards. Memory stays bounded: states are still dropped."""
    import gc

    before = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()
