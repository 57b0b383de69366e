"""Deciders for a meeting: creating it, its sakskart, taking an item up live, attendance and
approval of the protocol."""

from __future__ import annotations

from engine.commands import deciders as cmd
from engine.commands.lookup import body_named, meeting_key, parse_date, require_person
from engine.commands.workspace import Workspace
from engine.domain import events as ev
from engine.domain.errors import AlreadyExists, InvalidTransition, NotFound, RuleViolation
from engine.domain.inputs import check_text
from engine.domain.meeting import AgendaEntry, Meeting, evolve_meeting
from engine.domain.state import Case, Item


def _emit(ws: Workspace, meeting: Meeting, event: ev.Event) -> None:
    stream = ev.meeting_stream(meeting.key)
    ws.loaded_versions.setdefault(stream, meeting.version)
    evolve_meeting(meeting, event)
    ws.pending.append((stream, event))


def new_meeting(ws: Workspace, existing: Meeting | None, body: str, date: str) -> Meeting:
    body_named(ws.registry, body)
    date = parse_date(date, "møtet")
    key = meeting_key(body, date)
    if existing is not None:
        raise AlreadyExists(f"Møtet «{key}» finnes allerede.", rule="exists")
    meeting = Meeting(key=key, body=body, date=date)
    _emit(ws, meeting, ev.MeetingScheduled(body=body, date=date))
    return meeting


def add_to_agenda(ws: Workspace, meeting: Meeting, arkivsak: str, sak: str,
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


def open_live_item(ws: Workspace, meeting: Meeting, ref: str) -> tuple[Case, Item]:
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


def record_attendance(ws: Workspace, meeting: Meeting, target: tuple[Case, Item] | None,
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
    seats = body_named(ws.registry, meeting.body).seats
    already_absent = set(meeting.absent) | set(item.absent if item else [])
    for person in absent:
        require_person(ws.registry, person)
        if person in already_absent:
            raise AlreadyExists(f"{person} har allerede forfall i «{meeting.key}».")
        if seats is not None and ws.registry.party_of(person) not in seats:
            raise RuleViolation(f"{person} har ikke noe parti med seter i {meeting.body}; "
                                "forfallet kan ikke telles.", rule="attendance")
    away = already_absent | set(absent) | set(item.inhabil if item else [])
    seated = {d for d, _ in meeting.deputies} | {d for d, _ in (item.deputies if item else [])}
    for deputy, member in deputies:
        require_person(ws.registry, deputy)
        require_person(ws.registry, member)
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


def approve(ws: Workspace, meeting: Meeting, items: list[Item], text: str | None) -> None:
    if meeting.approved is not None:
        raise AlreadyExists(f"Protokollen for «{meeting.key}» er allerede godkjent.")
    still_open = [i.sak for i in items if not i.closed]
    if still_open:
        raise InvalidTransition(f"Sak {', '.join(still_open)} i «{meeting.key}» er ikke "
                                "avsluttet (saksflyt item close).", state="åpen",
                                trigger="approve")
    if text is not None:
        check_text(text, "Merknaden til godkjenningen")
    _emit(ws, meeting, ev.ProtocolApproved(text=text))
    ws.approved_meetings.add(meeting.key)


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


def select_item(ws: Workspace, meeting: Meeting, case: Case) -> None:
    """Make the case's item the meeting's open one (after it was opened again)."""
    _emit(ws, meeting, ev.ItemSelected(meeting=meeting.key, arkivsak=case.arkivsak))
