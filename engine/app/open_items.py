"""Which item a step is for: each meeting has its own open item (an ItemSelected in the
meeting's stream), so two desks logging two meetings at once each land in their own case.

A step names its meeting, or goes to the one meeting that has an open item; where several
have one, it is refused with a message that says how to name the meeting. Stores written
before kept one open item for the whole store (in the register stream): it still counts, as
the open item of its meeting, where that meeting has none of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from engine.commands.lookup import meeting_key
from engine.domain.errors import NotFound, RuleViolation
from engine.domain.meeting import MEETING_PREFIX
from engine.read.views import find_item, parse_meeting
from engine.store.queries import latest_of_type

if TYPE_CHECKING:
    from engine.commands.workspace import Workspace
    from engine.domain.meeting import Meeting
    from engine.domain.state import Case, Item, Registry
    from engine.store.eventstore import EventStore


class LiveSession(Protocol):
    """What this module uses of engine.app.session.LiveSession (named here without importing
    that module, which calls this one)."""

    store: EventStore
    ws: Workspace

    def find_meeting(self, name: str) -> Any: ...

    def meeting(self, name: str) -> Any: ...

PREFIX = MEETING_PREFIX
SELECTED = "live.item_selected"
APPROVED = "meeting.approved"


def open_item_of(meeting: Meeting, registry: Registry) -> str | None:
    """The arkivsak of the meeting's open item, or None."""
    if meeting.open_item is not None:
        return meeting.open_item
    legacy = registry.current_item
    return legacy[1] if legacy is not None and legacy[0] == meeting.key else None


def open_items(session: LiveSession) -> dict[str, str]:
    """Meeting key -> arkivsak of its open item, for every meeting that has one."""
    found = {stream.removeprefix(PREFIX): row.payload["arkivsak"]
             for stream, row in latest_of_type(session.store, SELECTED, PREFIX).items()}
    legacy = session.ws.registry.current_item
    if legacy is not None and legacy[0] not in found:
        found[legacy[0]] = legacy[1]
    return found


def _item(session: LiveSession, meeting: str, arkivsak: str) -> tuple[Case, Item]:
    case = session.ws.case(arkivsak)
    return case, find_item(case, meeting)


def _narrow(session: LiveSession, candidates: dict[str, str]) -> dict[str, str]:
    """Of several meetings with an open item, those still being logged: not approved, and
    (if that leaves more than one) with the item not closed yet."""
    approved = set(latest_of_type(session.store, APPROVED, PREFIX))
    live = {m: a for m, a in candidates.items() if PREFIX + m not in approved}
    if len(live) <= 1:
        return live or candidates
    unclosed = {}
    for meeting, arkivsak in live.items():
        case = session.ws.find_case(arkivsak)
        item = case.item(meeting) if case is not None else None
        if item is not None and not item.closed:
            unclosed[meeting] = arkivsak
    return unclosed or live


def resolve_target(session: LiveSession, meeting: str | None,
                   arkivsak: str | None) -> tuple[Case, Item]:
    if meeting is not None:
        key = meeting_key(*parse_meeting(meeting))
        if arkivsak is None:
            found = session.find_meeting(key)
            arkivsak = open_item_of(found, session.ws.registry) if found is not None else None
            if arkivsak is None:
                legacy = session.ws.registry.current_item
                if found is None and legacy is not None and legacy[0] == key:
                    arkivsak = legacy[1]
                else:
                    raise NotFound(f"Ingen åpen sak i «{key}»: oppgi --case ARKIVSAK.")
        return _item(session, key, arkivsak)
    if arkivsak is not None:
        case = session.ws.case(arkivsak)
        item = case.open_item or (case.items[-1] if case.items else None)
        if item is None:
            raise NotFound(f"Sak {arkivsak} er ikke tatt opp i noe møte ennå.")
        return case, item
    candidates = open_items(session)
    if len(candidates) > 1:
        candidates = _narrow(session, candidates)
    if not candidates:
        raise NotFound("Ingen sak er åpnet: bruk «saksflyt item open \"UTVALG ÅÅÅÅ-MM-DD\" "
                       "SAK».")
    if len(candidates) > 1:
        names = ", ".join(f"«{m}» (sak {a})" for m, a in sorted(candidates.items()))
        raise RuleViolation(f"Flere møter har en åpen sak: {names}. Oppgi møtet med --meeting "
                            "\"UTVALG ÅÅÅÅ-MM-DD\" (eller SAKSFLYT_MEETING).", rule="open-item")
    ((key, arkivsak),) = candidates.items()
    return _item(session, key, arkivsak)


def attendance_target(session: LiveSession, meeting: str | None,
                      ) -> tuple[Meeting, tuple[Case, Item] | None]:
    """The meeting attendance is logged for (named, or the open item's), and its open item
    (None: attendance for the whole meeting before any item is open)."""
    if meeting is None:
        case, item = resolve_target(session, None, None)
        return session.meeting(item.meeting), (case, item)
    found = session.meeting(meeting)
    arkivsak = open_item_of(found, session.ws.registry)
    return found, (_item(session, found.key, arkivsak) if arkivsak is not None else None)
