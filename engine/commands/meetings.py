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
from engine.domain.motebok import lacking
from engine.domain.state import Body, Case, Item

APPROVAL_METHODS = ("elektronisk", "signert", "møte")
"""How a protocol is approved: electronically, signed on paper, or by the next meeting."""


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


def set_voting_order(ws: Workspace, case: Case, item: Item, order: list[str]) -> None:
    """The secretary's voting order for the item, before its first vote (the order itself is
    checked where it is made: engine.app.desk.moved dry-runs the vote that would come first)."""
    if item.closed:
        raise InvalidTransition(f"Sak {item.sak} i «{item.meeting}» er avsluttet.",
                                state="avsluttet", trigger="order")
    if item.votes:
        raise RuleViolation("Voteringen er begynt; rekkefølgen kan ikke endres lenger.",
                            rule="order")
    # The keys are the plan's own (engine.app.desk.moved builds them), never typed text.
    if order != item.voting_order:
        ws.emit_case(case, ev.VotingOrderSet(meeting=item.meeting, order=order))


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
    body = body_named(ws.registry, meeting.body)
    seats = body.seats
    already_absent = set(meeting.absent) | set(item.absent if item else [])
    for person in absent:
        require_person(ws.registry, person)
        if person in already_absent:
            raise AlreadyExists(f"{person} har allerede forfall i «{meeting.key}».")
        if body.members:
            seat = body.seat_of(person)
            if seat is None or seat.deputy:
                raise RuleViolation(f"{ws.registry.name_of(person)} er ikke medlem av "
                                    f"{meeting.body}; bare et medlem har forfall.",
                                    rule="attendance")
        elif seats is not None and ws.registry.party_of(person) not in seats:
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
        if body.members:
            _check_deputy(ws, body, deputy, member)
        seated.add(deputy)
    if not only_item:
        _emit(ws, meeting, ev.MeetingAttendance(absent=absent, deputies=deputies,
                                                from_sak=item.sak if item else None))
    if item is not None and target is not None:
        ws.emit_case(target[0], ev.ItemAttendance(meeting=item.meeting, absent=absent,
                                                  deputies=deputies))


def adopt_meeting(ws: Workspace, derived: Meeting) -> Meeting:
    """A meeting that came in by a replay, given a stream of its own (scheduled, with the
    sakskart its items make), so that its møtebok can be completed and approved."""
    meeting = Meeting(key=derived.key, body=derived.body, date=derived.date)
    _emit(ws, meeting, ev.MeetingScheduled(body=derived.body, date=derived.date))
    for entry in derived.agenda:
        _emit(ws, meeting, ev.AgendaItemAdded(sak=entry.sak, arkivsak=entry.arkivsak,
                                              title=entry.title,
                                              result_label=entry.result_label))
    return meeting


def record_meeting(ws: Workspace, meeting: Meeting, *, place: str | None = None,
                   start: str | None = None, end: str | None = None, chair: str | None = None,
                   roll_call: bool = False) -> None:
    """What the møtebok says of the meeting itself: where, when, who chaired it, and that the
    attendance was taken."""
    if meeting.approved is not None:
        raise InvalidTransition(f"Protokollen for «{meeting.key}» er godkjent; møteboken kan "
                                "ikke endres.", state="godkjent", trigger="record")
    if place is not None and not place.strip():
        raise RuleViolation("Møtestedet er tomt.", rule="motebok")
    for value, what in ((start, "start"), (end, "end")):
        if value is not None and not _clock(value):
            raise RuleViolation(f"Ugyldig klokkeslett for {what}: «{value}» (bruk TT:MM, som "
                                "«18:00»).", rule="motebok")
    begins, ends = start or meeting.start, end or meeting.end
    if begins and ends and ends <= begins:
        raise RuleViolation(f"Møtet kan ikke slutte {ends} når det startet {begins}.",
                            rule="motebok")
    if chair is not None:
        require_person(ws.registry, chair)
    if (place, start, end, chair) == (None, None, None, None) and not roll_call:
        raise RuleViolation("Oppgi minst ett av --place, --start, --end, --chair eller "
                            "--roll-call.")
    _emit(ws, meeting, ev.MeetingRecorded(place=place.strip() if place else None, start=start,
                                          end=end, chair=chair, roll_call=roll_call))


def _clock(value: str) -> bool:
    hours, sep, minutes = value.partition(":")
    return (bool(sep) and len(hours) == 2 and len(minutes) == 2 and hours.isdigit()
            and minutes.isdigit() and int(hours) < 24 and int(minutes) < 60)


def _check_deputy(ws: Workspace, body: Body, deputy: str, member: str) -> None:
    """A deputy is one of the body's varamedlemmer for the list the member sits for."""
    seat, own = body.seat_of(member), body.seat_of(deputy)
    if own is None or not own.deputy:
        raise RuleViolation(f"{ws.registry.name_of(deputy)} er ikke varamedlem i {body.name}.",
                            rule="deputy")
    if seat is not None and seat.party != own.party:
        raise RuleViolation(f"{ws.registry.name_of(deputy)} er varamedlem for "
                            f"{own.party or 'ingen liste'}, men {ws.registry.name_of(member)} "
                            f"sitter for {seat.party or 'ingen liste'}.", rule="deputy")


def approve(ws: Workspace, meeting: Meeting, items: list[tuple[Case, Item]],
            text: str | None, *, by: list[str] | None = None, method: str | None = None,
            as_recorded: bool = False, date: str | None = None) -> ev.ProtocolApproved:
    """Approve the meeting's protocol, recording who approved it and how. A møtebok that
    lacks what kommuneloven § 11-4 asks is refused, naming what is missing; `as_recorded`
    approves an old record as it is, and the approval keeps what it lacks."""
    if meeting.approved is not None:
        raise AlreadyExists(f"Protokollen for «{meeting.key}» er allerede godkjent.")
    still_open = [i.sak for _, i in items if not i.closed]
    if still_open:
        raise InvalidTransition(f"Sak {', '.join(still_open)} i «{meeting.key}» er ikke "
                                "avsluttet (saksflyt item close).", state="åpen",
                                trigger="approve")
    if text is not None:
        check_text(text, "Merknaden til godkjenningen")
    if date is not None and date < meeting.date:
        raise RuleViolation(f"Protokollen kan ikke godkjennes ({date}) før møtet "
                            f"({meeting.date}).", rule="approval")
    if method is not None and method not in APPROVAL_METHODS:
        raise RuleViolation(f"Ukjent godkjenningsmåte «{method}»: bruk "
                            + ", ".join(APPROVAL_METHODS) + ".", rule="approval")
    names = [n.strip() for n in by or [] if n.strip()]
    if len(set(names)) != len(names):
        raise RuleViolation("Samme person står to ganger blant dem som godkjente.",
                            rule="approval")
    lacks = lacking(ws.registry, meeting, items)
    if lacks and not as_recorded:
        raise RuleViolation(
            f"Møteboken for «{meeting.key}» mangler det kommuneloven § 11-4 krever: "
            + "; ".join({
                "place": "møtested", "start": "når møtet startet", "end": "når møtet sluttet",
                "chair": "møteleder",
                "members": "hvem som møtte (utvalget har ingen medlemmer i registeret)",
                "attendance": "oppmøtet (forfall og varamedlemmer)",
            }.get(lack.what) or (
                f"hjemmel for inhabiliteten til {ws.registry.name_of(lack.person or '')} i sak "
                f"{lack.sak}" if lack.what == "basis" else
                f"hvordan partiene stemte i sak {lack.sak}, votering {lack.vote}")
                for lack in lacks)
            + ". Før det inn (saksflyt meeting record), eller godkjenn en gammel protokoll slik "
              "den er ført med --as-recorded.", rule="motebok")
    event = ev.ProtocolApproved(text=text, by=names, method=method, as_recorded=as_recorded,
                                lacking=lacks if as_recorded else [], date=date)
    _emit(ws, meeting, event)
    ws.approved_meetings.add(meeting.key)
    return event


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
