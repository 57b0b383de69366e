"""Application service for a scenario replay: every step checked in memory, then stored in one
transaction, or nothing stored."""

from __future__ import annotations

from collections.abc import Callable
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
    report: Callable[[str], None] | None = None
    if progress is not None:
        progress.start(ws)
        report = progress.meeting
    summary = apply_scenario(ws, file, progress=report, until=until)
    if progress is not None:
        progress.storing()
    written = commit(store, ws, actor=actor)
    if progress is not None:
        progress.done()
    return Replayed(summary, written)
