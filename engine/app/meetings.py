"""Application services for meetings: create one, set its sakskart, show it, approve its
protocol, and gather what its møteprotokoll needs."""

from __future__ import annotations

from typing import TYPE_CHECKING

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


def approve_meeting(store: EventStore, actor: str | None, name: str,
                    text: str | None) -> Meeting:
    with unit_of_work(store, actor) as session:
        meeting = session.meeting(name)
        decide.approve(session.ws, meeting, [i for _, i in session.items(meeting)], text)
        return meeting


def approve_and_anchor(store: EventStore, actor: str | None, name: str, text: str | None,
                       key_path: Path) -> tuple[Meeting, Anchored]:
    """Approve the protocol, then anchor the record as it now stands in a signed checkpoint
    (an approved protocol is what a checkpoint is for)."""
    from engine.app.trust import make_checkpoint

    meeting = approve_meeting(store, actor, name, text)
    return meeting, make_checkpoint(store, key_path, f"meeting approve: {meeting.key}")


def meeting_record(store: EventStore, name: str,
                   ) -> tuple[Registry, Meeting, list[tuple[Case, Item]]]:
    """What the møteprotokoll is made from: the register, the meeting and its items."""
    session = LiveSession(store)
    meeting = session.recorded_meeting(name)
    return session.ws.registry, meeting, session.items(meeting)
