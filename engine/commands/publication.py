"""Deciders for what may be published: exempting an item (skjerming), and the meeting
record a replayed meeting needs before its protocol can be approved."""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from engine.commands.lookup import body_named, meeting_key, parse_date
from engine.commands.meetings import _emit
from engine.commands.workspace import Workspace
from engine.domain import events as ev
from engine.domain.errors import AlreadyExists, RuleViolation
from engine.domain.meeting import AgendaEntry, Meeting
from engine.domain.state import Case, Item
from engine.domain.steps import Date, Name


class Exemption(BaseModel):
    """A scenario item's `exempt: {basis, public_title}`."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    basis: Name
    public_title: Name


class Approval(BaseModel):
    """A scenario meeting's `approved: {date, by}`."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    date: Date
    by: Name | None = None


def exempt(ws: Workspace, case: Case, item: Item, basis: str, public_title: str) -> None:
    basis, public_title = basis.strip(), public_title.strip()
    if not basis or not public_title:
        raise RuleViolation("Skjerming trenger både hjemmel (--basis) og offentlig tittel "
                            "(--public-title).", rule="exemption")
    if item.exemption is not None:
        raise AlreadyExists(f"Sak {item.sak} i «{item.meeting}» er allerede skjermet "
                            f"({item.exemption.basis}).")
    ws.emit_case(case, ev.ItemExempted(meeting=item.meeting, basis=basis,
                                       public_title=public_title))


def record_meeting(ws: Workspace, body: str, date: str,
                   entries: Iterable[AgendaEntry]) -> Meeting:
    """A meeting stream for a meeting that so far lives only in its cases' items (it came in
    by a replay): scheduled, with its sakskart as the items stand."""
    body_named(ws.registry, body)
    date = parse_date(date, "møtet")
    meeting = Meeting(key=meeting_key(body, date), body=body, date=date)
    _emit(ws, meeting, ev.MeetingScheduled(body=body, date=date))
    for entry in entries:
        _emit(ws, meeting, ev.AgendaItemAdded(sak=entry.sak, arkivsak=entry.arkivsak,
                                              title=entry.title,
                                              result_label=entry.result_label))
    return meeting


def approve_replayed(ws: Workspace, meeting: Meeting, approval: Approval) -> None:
    if meeting.approved is not None:
        raise AlreadyExists(f"Protokollen for «{meeting.key}» er allerede godkjent.")
    date = parse_date(approval.date, "godkjenningen")
    if date < meeting.date:
        raise RuleViolation(f"Protokollen kan ikke godkjennes ({date}) før møtet "
                            f"({meeting.date}).", rule="approval")
    _emit(ws, meeting, ev.ProtocolApproved(date=date, by=approval.by))
