"""State from the store: the register and one case at a time, rebuilt from their events."""

from __future__ import annotations

from engine.commands.workspace import Workspace
from engine.domain import events as ev
from engine.domain.errors import NotFound
from engine.domain.evolve import evolve_case, evolve_registry, new_case
from engine.domain.meeting import MEETING_PREFIX
from engine.domain.state import Case, Registry
from engine.store.eventstore import EventStore


def load_registry(store: EventStore) -> Registry:
    registry = Registry()
    for stored in store.read(ev.REGISTRY_STREAM):
        evolve_registry(registry, stored.event())
    return registry


def load_case(store: EventStore, registry: Registry, arkivsak: str) -> Case | None:
    stored = store.read(ev.case_stream(arkivsak))
    if not stored:
        return None
    first = stored[0].event()
    assert isinstance(first, ev.CaseOpened)
    case = new_case(first)
    for row in stored[1:]:
        evolve_case(case, row.event(), registry)
    return case


def workspace(store: EventStore) -> Workspace:
    registry = load_registry(store)
    approved = {stream.removeprefix(MEETING_PREFIX)
                for stream in store.streams_with("meeting.approved")}
    from engine.app.summaries import summary_of

    return Workspace(registry=registry,
                     case_loader=lambda arkivsak: load_case(store, registry, arkivsak),
                     approved_meetings=approved, summarize=summary_of)


def commit(store: EventStore, ws: Workspace, actor: str | None = None) -> int:
    """Append what the workspace emitted, in one transaction."""
    from engine.app.summaries import touched

    streams = ws.pending.streams
    written = store.append_rows(ws.pending.rows(), streams, ws.loaded_versions, actor=actor,
                                summaries=lambda: touched(ws, streams))
    ws.pending.clear()
    ws.loaded_versions.clear()
    ws.summaries.clear()
    return written


def require_case(store: EventStore, arkivsak: str) -> tuple[Registry, Case]:
    registry = load_registry(store)
    case = load_case(store, registry, arkivsak)
    if case is None:
        known = [s.removeprefix("sak:") for s in store.streams("sak:")]
        import difflib

        close = difflib.get_close_matches(arkivsak, known, n=1)
        hint = f" (mente du {close[0]}?)" if close else ""
        raise NotFound(f"Saken {arkivsak} finnes ikke i databasen{hint}.")
    return registry, case
