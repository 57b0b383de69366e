"""A meeting's own record: its sakskart, attendance, approval and open item (the stream
`møte:BODY YYYY-MM-DD`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.domain import events as ev

MEETING_PREFIX = "møte:"


@dataclass(eq=False)
class AgendaEntry:
    sak: str
    arkivsak: str
    title: str | None = None
    result_label: str | None = None


@dataclass(eq=False)
class Meeting:
    key: str
    body: str
    date: str
    agenda: list[AgendaEntry] = field(default_factory=list)
    attendance: list[ev.MeetingAttendance] = field(default_factory=list)
    approved: ev.ProtocolApproved | None = None
    place: str | None = None
    start: str | None = None
    end: str | None = None
    chair: str | None = None
    roll_call: bool = False
    """Whether the attendance was taken (a roll call, or any forfall or deputy recorded)."""
    open_item: str | None = None
    """The arkivsak of the meeting's open item (its last ItemSelected): each meeting has its
    own, so two desks logging two meetings never step into each other's case."""
    version: int = 0

    def entry(self, ref: str) -> AgendaEntry | None:
        """An agenda entry by the body's case number (87/19) or the arkivsak (19/8286)."""
        return next((e for e in self.agenda if ref in (e.sak, e.arkivsak)), None)

    @property
    def absent(self) -> list[str]:
        return [p for a in self.attendance for p in a.absent]

    @property
    def deputies(self) -> list[tuple[str, str]]:
        return [tuple(d) for a in self.attendance for d in a.deputies]  # type: ignore[misc]


def evolve_meeting(meeting: Meeting, event: ev.Event) -> None:
    match event:
        case ev.AgendaItemAdded():
            meeting.agenda.append(AgendaEntry(event.sak, event.arkivsak, event.title,
                                              event.result_label))
        case ev.MeetingAttendance():
            meeting.attendance.append(event)
            meeting.roll_call = True
        case ev.MeetingRecorded():
            # A later record adds to or corrects an earlier one, field by field.
            for name in ("place", "start", "end", "chair"):
                if getattr(event, name) is not None:
                    setattr(meeting, name, getattr(event, name))
            meeting.roll_call = meeting.roll_call or event.roll_call
        case ev.ProtocolApproved():
            meeting.approved = event
        case ev.ItemSelected():
            meeting.open_item = event.arkivsak
    meeting.version += 1
