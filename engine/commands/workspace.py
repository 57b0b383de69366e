"""The workspace a command works in: the state loaded from the store and the events emitted
since. Emitting applies an event to the state at once, so the next command sees it; nothing is
written until the caller appends `workspace.pending` to the store in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from engine.commands.pending import PendingEvents
from engine.domain import events as ev
from engine.domain.errors import NotFound
from engine.domain.evolve import evolve_case, evolve_registry, new_case
from engine.domain.lifecycle import load_workflow
from engine.domain.state import Case, Registry


@dataclass(eq=False)
class Workspace:
    registry: Registry
    cases: dict[str, Case] = field(default_factory=dict)
    case_loader: Callable[[str], Case | None] | None = None
    """Loads a case not yet in `cases` from the store (None: there is none)."""
    pending: PendingEvents = field(default_factory=PendingEvents)
    loaded_versions: dict[str, int] = field(default_factory=dict)
    """Each stream's version when it was loaded: the expected position for the append."""
    evicted: set[str] = field(default_factory=set)
    """Cases dropped from `cases` to save memory; rebuilt from the store and `pending` when
    needed again."""
    decided: int = 0
    """Cases evicted in a final state (the replay's progress line counts them)."""
    approved_meetings: set[str] = field(default_factory=set)
    """Meetings ("BODY YYYY-MM-DD") whose protocol is approved: they take nothing new."""
    summarize: Callable[[Case], Any] | None = None
    """Makes a dropped case's row of the case list (engine.app.summaries), kept in
    `summaries` until the commit writes it, so a replay never rebuilds a case for it."""
    summaries: dict[str, Any] = field(default_factory=dict)
    created: set[str] = field(default_factory=set)
    """Cases this workspace opened: the store has none of their events, so a dropped one is
    rebuilt from `pending` alone, never looked up."""
    stored: set[str] | None = None
    """The cases the store holds, when the caller read them at once (a replay of thousands):
    a case not among them is not looked up one at a time."""

    def case(self, arkivsak: str) -> Case:
        found = self.find_case(arkivsak)
        if found is None:
            raise NotFound(f"Saken {arkivsak} finnes ikke.")
        return found

    def find_case(self, arkivsak: str) -> Case | None:
        if arkivsak not in self.cases and (self.case_loader is not None
                                           or arkivsak in self.evicted):
            known = arkivsak not in self.created and (self.stored is None
                                                       or arkivsak in self.stored)
            loaded = (self.case_loader(arkivsak) if self.case_loader is not None and known
                      else None)
            stream = ev.case_stream(arkivsak)
            if loaded is not None:
                self.loaded_versions.setdefault(stream, loaded.version)
            if arkivsak in self.evicted:
                loaded = self._rebuild(loaded, stream)
            if loaded is not None:
                self.cases[arkivsak] = loaded
        return self.cases.get(arkivsak)

    def _rebuild(self, case: Case | None, stream: str) -> Case | None:
        self.evicted.discard(stream.removeprefix("sak:"))
        self.summaries.pop(stream.removeprefix("sak:"), None)
        events = self.pending.events_of(stream)
        if case is None:
            first = events.pop(0)
            assert isinstance(first, ev.CaseOpened)
            case = new_case(first)
        for event in events:
            evolve_case(case, event, self.registry)
        if self.final(case):
            self.decided -= 1
        return case

    @staticmethod
    def final(case: Case) -> bool:
        """Whether the case is in a final state of its workflow (decided, withdrawn...)."""
        return load_workflow(case.workflow).is_final("case", case.state)

    def evict(self, arkivsak: str) -> None:
        """Drop a case's state (its events stay pending); `case()` rebuilds it."""
        case = self.cases.pop(arkivsak, None)
        if case is not None:
            self.evicted.add(arkivsak)
            if self.summarize is not None:
                self.summaries[arkivsak] = self.summarize(case)
            if self.final(case):
                self.decided += 1

    def emit_registry(self, event: ev.Event) -> None:
        self.loaded_versions.setdefault(ev.REGISTRY_STREAM, self.registry.version)
        evolve_registry(self.registry, event)
        self.pending.append((ev.REGISTRY_STREAM, event))

    def emit_case(self, case: Case, event: ev.Event) -> None:
        self.loaded_versions.setdefault(ev.case_stream(case.arkivsak), case.version)
        evolve_case(case, event, self.registry)
        self.pending.append((ev.case_stream(case.arkivsak), event))
