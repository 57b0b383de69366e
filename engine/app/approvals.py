"""When each meeting's protocol was approved: the approval's own record in the meeting's
stream (`saksflyt meeting approve`), for the approval line of the protocols.

The date is the one the approval gives (`meeting approve --date`, a scenario's `approved`),
else the store's time of the row, read as a date in Norway; who approved it is the row's actor
(the signed-in user) and the names the approval gives (`--by`, a scenario's `approved.by`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from engine.domain import events as ev

if TYPE_CHECKING:
    from engine.domain.state import Case
    from engine.store.eventstore import EventStore

ZONE = "Europe/Oslo"


@dataclass(frozen=True, slots=True)
class Approval:
    meeting: str
    date: str
    """YYYY-MM-DD, the day in Norway the protocol was approved."""
    by: str | None
    """Who logged the approval (the user of the command)."""
    text: str | None
    """The approval's note (`--text`)."""
    names: tuple[str, ...] = ()
    """Who approved the protocol, as given (`--by`)."""
    method: str | None = None
    """How: elektronisk, signert or møte (none: not said)."""
    as_recorded: bool = False
    """Approved as an old record holds it (`--as-recorded`)."""
    lacking: tuple[ev.Lack, ...] = ()
    """What the møtebok lacked then (kommuneloven § 11-4)."""


def local_date(recorded_at: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    moment = dt.datetime.fromisoformat(recorded_at)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    try:
        zone: dt.tzinfo = ZoneInfo(ZONE)
    except ZoneInfoNotFoundError:  # a system without time zone data: the day in UTC
        zone = dt.UTC
    return moment.astimezone(zone).date().isoformat()


def approvals(store: EventStore, meetings: Iterable[str]) -> dict[str, Approval]:
    """The approval of each of these meetings (keys "BODY YYYY-MM-DD") that has one; a
    meeting that came in by a replay has no stream of its own and no approval."""
    found: dict[str, Approval] = {}
    for key in dict.fromkeys(meetings):
        for row in store.read(ev.meeting_stream(key)):
            if row.type == "meeting.approved":
                event = row.event()
                assert isinstance(event, ev.ProtocolApproved)
                found[key] = Approval(key, event.date or local_date(row.recorded_at), row.actor,
                                      event.text, tuple(event.by), event.method,
                                      event.as_recorded, tuple(event.lacking))
    return found


def case_approvals(store: EventStore, case: Case) -> dict[str, Approval]:
    """The approvals of the meetings that handled the case."""
    return approvals(store, [item.meeting for item in case.items])
