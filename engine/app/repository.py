"""State from the store: the register and one case at a time, rebuilt from their events."""

from __future__ import annotations

from engine.commands.workspace import Workspace
from engine.domain import events as ev
from engine.domain.errors import NotFound
from engine.domain.evolve import evolve_case, evolve_registry, new_case
from engine.domain.meeting import MEETING_PREFIX
from engine.domain.state import Case, Registry
from engine.store.eventstore import EventStore, StoredEvent


def _more_registry(registry: Registry, rows: list[StoredEvent]) -> None:
    for stored in rows:
        evolve_registry(registry, stored.event())


def _registry_of(rows: list[StoredEvent]) -> Registry:
    registry = Registry()
    _more_registry(registry, rows)
    return registry


def load_registry(store: EventStore) -> Registry:
    return store.fold(ev.REGISTRY_STREAM, _registry_of, _more_registry)


def load_case(store: EventStore, registry: Registry, arkivsak: str) -> Case | None:
    """The case from its events, evolved with `registry` (closing an item reads its seats and
    parties). A store that keeps state warm keeps it only for a register as stored: one that
    this command changed already (its version past the head it was read at) gets none."""
    origin = store.origin(registry)
    context = origin if origin is not None and origin[0] == registry.version else None

    def more(case: Case | None, rows: list[StoredEvent]) -> None:
        assert case is not None
        for row in rows:
            evolve_case(case, row.event(), registry)

    def build(rows: list[StoredEvent]) -> Case | None:
        if not rows:
            return None
        first = rows[0].event()
        assert isinstance(first, ev.CaseOpened)
        case = new_case(first)
        more(case, rows[1:])
        return case

    if context is None:
        return build(store.read(ev.case_stream(arkivsak)))
    return store.fold(ev.case_stream(arkivsak), build, more, context)


def workspace(store: EventStore, approved: set[str] | None = None) -> Workspace:
    """The register and a case loader; `approved`, the approved meetings, is read from the
    store unless the caller knows a cheaper way (engine.app.session.ApprovedMeetings)."""
    registry = load_registry(store)
    if approved is None:
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
