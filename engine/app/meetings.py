"""Meetings for live logging: the sakskart, attendance, approval and the open item.

A meeting has its own stream (`møte:BODY YYYY-MM-DD`), and its open item is an event in it
(engine.app.open_items finds the item a step is for). `LiveSession` loads what one command
needs from the store, lets the engine decide, and appends in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from engine.commands import deciders as cmd
from engine.domain import events as ev
from engine.domain.errors import (
    AlreadyExists,
    InvalidTransition,
    NotFound,
    RuleViolation,
    SaksflytError,
)
from engine.read.views import parse_meeting

if TYPE_CHECKING:
    from engine.domain.state import Case, Item
    from engine.store.eventstore import EventStore

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
    open_item: str | None = None
    """The arkivsak of the meeting's open item (its last ItemSelected)."""
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
        case ev.ProtocolApproved():
            meeting.approved = event
        case ev.ItemSelected():
            meeting.open_item = event.arkivsak
    meeting.version += 1


def load_meeting(store: EventStore, key: str) -> Meeting | None:
    rows = store.read(ev.meeting_stream(key))
    if not rows:
        return None
    first = rows[0].event()
    assert isinstance(first, ev.MeetingScheduled)
    meeting = Meeting(key=key, body=first.body, date=first.date, version=1)
    for row in rows[1:]:
        evolve_meeting(meeting, row.event())
    return meeting


def meeting_keys(store: EventStore) -> list[str]:
    return [s.removeprefix(MEETING_PREFIX) for s in store.streams(MEETING_PREFIX)]


def normalize(meeting: str) -> str:
    body, date = parse_meeting(meeting)
    return cmd.meeting_key(body, date)


# --- deciding --------------------------------------------------------------------------------

def _emit(ws: cmd.Workspace, meeting: Meeting, event: ev.Event) -> None:
    stream = ev.meeting_stream(meeting.key)
    ws.loaded_versions.setdefault(stream, meeting.version)
    evolve_meeting(meeting, event)
    ws.pending.append((stream, event))


def new_meeting(ws: cmd.Workspace, existing: Meeting | None, body: str, date: str) -> Meeting:
    cmd._body(ws.registry, body)
    date = cmd.parse_date(date, "møtet")
    key = cmd.meeting_key(body, date)
    if existing is not None:
        raise AlreadyExists(f"Møtet «{key}» finnes allerede.", rule="exists")
    meeting = Meeting(key=key, body=body, date=date)
    _emit(ws, meeting, ev.MeetingScheduled(body=body, date=date))
    return meeting


def add_to_agenda(ws: cmd.Workspace, meeting: Meeting, arkivsak: str, sak: str,
                  title: str | None = None, result_label: str | None = None) -> AgendaEntry:
    case = ws.case(arkivsak)
    if meeting.approved is not None:
        raise InvalidTransition(f"Protokollen for «{meeting.key}» er godkjent; sakskartet kan "
                                "ikke endres.", state="godkjent", trigger="agenda")
    if not any(stage.body == meeting.body for stage in case.route):
        raise RuleViolation(f"«{meeting.body}» er ikke på ruten til sak {arkivsak}.",
                            rule="route")
    for entry in meeting.agenda:
        if entry.sak == sak:
            raise AlreadyExists(f"Sak {sak} står allerede på sakskartet til «{meeting.key}» "
                                f"(arkivsak {entry.arkivsak}).")
        if entry.arkivsak == arkivsak:
            raise AlreadyExists(f"Arkivsak {arkivsak} står allerede på sakskartet til "
                                f"«{meeting.key}» som sak {entry.sak}.")
    _emit(ws, meeting, ev.AgendaItemAdded(sak=sak, arkivsak=arkivsak, title=title,
                                          result_label=result_label))
    return meeting.agenda[-1]


def open_live_item(ws: cmd.Workspace, meeting: Meeting, ref: str) -> tuple[Case, Item]:
    """Make an agenda item the open one, taking the case up in the meeting if it is new."""
    entry = meeting.entry(ref)
    if entry is None:
        known = ", ".join(f"{e.sak} ({e.arkivsak})" for e in meeting.agenda) or "tomt"
        raise NotFound(f"Sak {ref} står ikke på sakskartet til «{meeting.key}» (sakskart: "
                       f"{known}).")
    case = ws.case(entry.arkivsak)
    item = case.item(meeting.key)
    if item is None:
        item = cmd.open_item(ws, case, body=meeting.body, date=meeting.date, sak=entry.sak,
                             title=entry.title, result_label=entry.result_label)
        if meeting.absent or meeting.deputies:
            ws.emit_case(case, ev.ItemAttendance(meeting=item.meeting, absent=meeting.absent,
                                                 deputies=meeting.deputies))
    elif item.closed:
        raise InvalidTransition(f"Behandlingen av sak {entry.sak} i «{meeting.key}» er "
                                "avsluttet; den kan ikke åpnes igjen.", state=item.state,
                                trigger="open")
    _emit(ws, meeting, ev.ItemSelected(meeting=meeting.key, arkivsak=case.arkivsak))
    return case, item


def record_attendance(ws: cmd.Workspace, meeting: Meeting, target: tuple[Case, Item] | None,
                      *, absent: list[str], deputies: list[tuple[str, str]],
                      only_item: bool = False) -> None:
    """Forfall and varamedlemmer: for the whole meeting (from the open item on), or, with
    `only_item`, for the open item alone (a deputy for an inhabil member)."""
    if not absent and not deputies:
        raise RuleViolation("Oppgi --absent og/eller --deputy med --for.")
    if meeting.approved is not None:
        raise InvalidTransition(f"Protokollen for «{meeting.key}» er godkjent.",
                                state="godkjent", trigger="attendance")
    item = target[1] if target and target[1].meeting == meeting.key else None
    if item is not None and item.closed:
        item = None
    if only_item and item is None:
        raise NotFound(f"Ingen åpen behandling i «{meeting.key}» å føre oppmøtet på.")
    seats = cmd._body(ws.registry, meeting.body).seats
    already_absent = set(meeting.absent) | set(item.absent if item else [])
    for person in absent:
        cmd._person(ws.registry, person)
        if person in already_absent:
            raise AlreadyExists(f"{person} har allerede forfall i «{meeting.key}».")
        if seats is not None and ws.registry.party_of(person) not in seats:
            raise RuleViolation(f"{person} har ikke noe parti med seter i {meeting.body}; "
                                "forfallet kan ikke telles.", rule="attendance")
    away = already_absent | set(absent) | set(item.inhabil if item else [])
    seated = {d for d, _ in meeting.deputies} | {d for d, _ in (item.deputies if item else [])}
    for deputy, member in deputies:
        cmd._person(ws.registry, deputy)
        cmd._person(ws.registry, member)
        if member not in away:
            raise RuleViolation(f"{member} har ikke forfall og er ikke inhabil; en varamedlem "
                                "møter bare for et medlem som ikke er der.", rule="deputy")
        if deputy in seated:
            raise AlreadyExists(f"{deputy} møter allerede som varamedlem.")
        seated.add(deputy)
    if not only_item:
        _emit(ws, meeting, ev.MeetingAttendance(absent=absent, deputies=deputies,
                                                from_sak=item.sak if item else None))
    if item is not None and target is not None:
        ws.emit_case(target[0], ev.ItemAttendance(meeting=item.meeting, absent=absent,
                                                  deputies=deputies))


def approve(ws: cmd.Workspace, meeting: Meeting, items: list[Item], text: str | None) -> None:
    if meeting.approved is not None:
        raise AlreadyExists(f"Protokollen for «{meeting.key}» er allerede godkjent.")
    still_open = [i.sak for i in items if not i.closed]
    if still_open:
        raise InvalidTransition(f"Sak {', '.join(still_open)} i «{meeting.key}» er ikke "
                                "avsluttet (saksflyt item close).", state="åpen",
                                trigger="approve")
    _emit(ws, meeting, ev.ProtocolApproved(text=text))


# --- a command's session ---------------------------------------------------------------------

class LiveSession:
    """What one live command reads and writes: the workspace, and the meetings it touched."""

    def __init__(self, store: EventStore) -> None:
        from engine.app.repository import workspace

        self.store = store
        self.ws = workspace(store)
        self._meetings: dict[str, Meeting | None] = {}

    def find_meeting(self, name: str) -> Meeting | None:
        key = normalize(name)
        if key not in self._meetings:
            self._meetings[key] = load_meeting(self.store, key)
        return self._meetings[key]

    def meeting(self, name: str) -> Meeting:
        found = self.find_meeting(name)
        if found is None:
            key = normalize(name)
            hint = cmd._did_you_mean(key, meeting_keys(self.store))
            raise NotFound(f"Møtet «{key}» finnes ikke{hint} (saksflyt meeting new).")
        return found

    def recorded_meeting(self, name: str) -> Meeting:
        """The meeting's own record, or, for a meeting that came in by a replay (it has no
        stream of its own), one derived from the cases' items in that meeting."""
        found = self.find_meeting(name)
        if found is not None:
            return found
        key = normalize(name)
        body, date = parse_meeting(key)
        derived = Meeting(key=key, body=body, date=date)
        for stream in self.store.streams("sak:"):
            case = self.ws.find_case(stream.removeprefix("sak:"))
            item = case.item(key) if case else None
            if case is not None and item is not None:
                derived.agenda.append(AgendaEntry(item.sak, case.arkivsak, item.title,
                                                  item.result_label))
        if not derived.agenda:
            return self.meeting(name)  # not found: the message with "did you mean"
        return derived

    def items(self, meeting: Meeting) -> list[tuple[Case, Item]]:
        """The meeting's items in agenda order (those taken up so far)."""
        found = []
        for entry in meeting.agenda:
            case = self.ws.find_case(entry.arkivsak)
            item = case.item(meeting.key) if case else None
            if case is not None and item is not None:
                found.append((case, item))
        return found

    def target(self, meeting: str | None = None, arkivsak: str | None = None,
               ) -> tuple[Case, Item]:
        """The item a step command acts on: the named meeting's open item, or the one
        meeting's that has one; --case names another item of the meeting (or the case's)."""
        from engine.app.open_items import resolve_target

        return resolve_target(self, meeting, arkivsak)

    def approved(self, item: Item) -> bool:
        found = self.find_meeting(item.meeting)
        return found is not None and found.approved is not None

    def commit(self, actor: str | None) -> int:
        from engine.app.repository import commit

        return commit(self.store, self.ws, actor=actor)


# --- read models and helpers for the command line ------------------------------------------

def parse_route(stages: tuple[str, ...] | list[str]) -> list[tuple[str, str]]:
    """`"Finans- og næringskomiteen:innstilling"` to (body, role)."""
    route = []
    for stage in stages:
        body, sep, role = stage.rpartition(":")
        if not sep or not body.strip():
            raise RuleViolation(f"Ruteleddet «{stage}» skrives «UTVALG:ROLLE», for eksempel "
                                "«Bystyret:vedtak».")
        route.append((body.strip(), role.strip()))
    return route


def meeting_overview(session: LiveSession, meeting: Meeting) -> dict[str, object]:
    from engine.app.open_items import open_item_of
    from engine.read.views import item_outcome

    open_arkivsak = open_item_of(meeting, session.ws.registry)
    agenda = []
    for entry in meeting.agenda:
        case = session.ws.find_case(entry.arkivsak)
        item = case.item(meeting.key) if case else None
        agenda.append({"sak": entry.sak, "arkivsak": entry.arkivsak,
                       "title": entry.title or (case.title if case else ""),
                       "status": item_outcome(item) if item else "ikke behandlet ennå",
                       "open": open_arkivsak == entry.arkivsak})
    return {"meeting": meeting.key, "body": meeting.body, "date": meeting.date,
            "agenda": agenda, "absent": meeting.absent,
            "deputies": [{"deputy": d, "for": m} for d, m in meeting.deputies],
            "attendance": [{"absent": a.absent, "deputies": [list(d) for d in a.deputies],
                            "from_sak": a.from_sak} for a in meeting.attendance],
            "approved": meeting.approved is not None}


def format_meeting(overview: dict[str, object]) -> str:
    lines = [f"Møte: {overview['meeting']}"
             + (" (protokollen er godkjent)" if overview["approved"] else "")]
    agenda = overview["agenda"]
    lines.append("Sakskart:" if agenda else "Sakskart: tomt")
    for entry in agenda:  # type: ignore[attr-defined]
        marker = "→" if entry["open"] else " "
        lines.append(f" {marker} {entry['sak']} ({entry['arkivsak']}) {entry['title']}: "
                     f"{entry['status']}")
    for record in overview["attendance"]:  # type: ignore[attr-defined]
        scope = f"fra sak {record['from_sak']}" if record["from_sak"] else "hele møtet"
        parts = []
        if record["absent"]:
            parts.append("forfall: " + ", ".join(record["absent"]))
        parts += [f"{d} møter for {m}" for d, m in record["deputies"]]
        lines.append(f"Oppmøte ({scope}): " + "; ".join(parts))
    return "\n".join(lines) + "\n"


def completions(store: EventStore, kind: str) -> list[str]:
    """Names for shell completion: bodies, meetings, people, or the open item's proposals."""
    from engine.app.repository import load_registry

    if kind == "meetings":
        return meeting_keys(store)
    registry = load_registry(store)
    if kind == "bodies":
        return list(registry.bodies)
    if kind == "people":
        return list(registry.people)
    if kind == "proposals":
        try:
            _, item = LiveSession(store).target()
        except SaksflytError:  # no open item, or more than one meeting has one
            return []
        return list(item.proposals)
    return []
