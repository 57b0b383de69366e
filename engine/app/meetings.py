"""Application services for meetings: create one, set its sakskart, show it, approve its
protocol, and gather what its møteprotokoll needs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.app.session import LiveSession, unit_of_work
from engine.commands import meetings as decide
from engine.read.meetings import meeting_overview
from engine.read.views import parse_meeting

if TYPE_CHECKING:
    from pathlib import Path

    from engine.app.trust import Anchored
    from engine.domain.meeting import Meeting
    from engine.domain.state import Case, Item, Registry
    from engine.store.eventstore import EventStore


def new_meeting(store: EventStore, actor: str | None, name: str) -> Meeting:
    with unit_of_work(store, actor) as session:
        body, date = parse_meeting(name)
        return decide.new_meeting(session.ws, session.find_meeting(name), body, date)


def add_to_agenda(store: EventStore, actor: str | None, name: str, arkivsak: str, sak: str,
                  title: str | None = None, result_label: str | None = None) -> Meeting:
    with unit_of_work(store, actor) as session:
        meeting = session.meeting(name)
        decide.add_to_agenda(session.ws, meeting, arkivsak, sak, title, result_label)
        return meeting


def show_meeting(store: EventStore, name: str) -> dict[str, object]:
    """The meeting's sakskart with where each item stands, attendance and approval."""
    session = LiveSession(store)
    meeting = session.recorded_meeting(name)
    cases = {e.arkivsak: session.ws.find_case(e.arkivsak) for e in meeting.agenda}
    from engine.app.open_items import open_item_of

    arkivsak = open_item_of(meeting, session.ws.registry)
    return meeting_overview(meeting, cases, (meeting.key, arkivsak) if arkivsak else None)


def _own_meeting(session: LiveSession, name: str) -> Meeting:
    """The meeting's stream, made for a meeting that came in by a replay."""
    found = session.find_meeting(name)
    if found is not None:
        return found
    meeting = decide.adopt_meeting(session.ws, session.recorded_meeting(name))
    session.keep(meeting)
    return meeting


def record_meeting(store: EventStore, actor: str | None, name: str, *,
                   place: str | None = None, start: str | None = None, end: str | None = None,
                   chair: str | None = None, roll_call: bool = False) -> Meeting:
    """What the møtebok says of the meeting itself (kommuneloven § 11-4)."""
    with unit_of_work(store, actor) as session:
        meeting = _own_meeting(session, name)
        decide.record_meeting(session.ws, meeting, place=place, start=start, end=end,
                              chair=chair, roll_call=roll_call)
        return meeting


def approve_meeting(store: EventStore, actor: str | None, name: str, text: str | None, *,
                    by: list[str] | None = None, method: str | None = None,
                    as_recorded: bool = False, date: str | None = None) -> Meeting:
    with unit_of_work(store, actor) as session:
        meeting = _own_meeting(session, name)
        decide.approve(session.ws, meeting, session.items(meeting), text, by=by,
                       method=method, as_recorded=as_recorded, date=date)
        return meeting


def approve_and_anchor(store: EventStore, actor: str | None, name: str, text: str | None,
                       key_path: Path, **approval: Any) -> tuple[Meeting, Anchored]:
    """Approve the protocol, then anchor the record as it now stands in a signed checkpoint
    (an approved protocol is what a checkpoint is for)."""
    from engine.app.trust import make_checkpoint

    meeting = approve_meeting(store, actor, name, text, **approval)
    return meeting, make_checkpoint(store, key_path, f"meeting approve: {meeting.key}")


def meeting_record(store: EventStore, name: str,
                   ) -> tuple[Registry, Meeting, list[tuple[Case, Item]]]:
    """What the møteprotokoll is made from: the register, the meeting and its items."""
    session = LiveSession(store)
    meeting = session.recorded_meeting(name)
    return session.ws.registry, meeting, session.items(meeting)
