"""A whole meeting's møteprotokoll: attendance, the sakskart, and every item's saksprotokoll
in agenda order, stitched from the per-item protocols (documents/compose.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from documents import markup as mk
from documents.compose import protocol_markup
from documents.contexts import (
    AgendaLine,
    ApprovalLine,
    CorrectionLine,
    DeputyLine,
    ItemNote,
    LackLine,
    MeetingProtocolContext,
    MeetingView,
)
from documents.naming import norwegian_date
from documents.templating import render
from engine.domain.events import ImpartialityRuled, ProtocolApproved

if TYPE_CHECKING:
    from engine.domain.meeting import Meeting
    from engine.domain.state import Case, Item, Registry


def meeting_view(meeting: Meeting, items: list[tuple[Case, Item]],
                 registry: Registry | None = None) -> MeetingView:
    name = registry.name_of if registry is not None else str
    by_case = {case.arkivsak: (case, item) for case, item in items}
    deputies = [DeputyLine(deputy=name(d), member=name(m), from_sak=record.from_sak)
                for record in meeting.attendance for d, m in record.deputies]
    notes: list[ItemNote] = []
    corrections: list[CorrectionLine] = []
    meeting_deputies = set(meeting.deputies)
    for _, item in items:
        bases = {s.person: s.basis for s in item.steps
                 if isinstance(s, ImpartialityRuled) and s.ruling == "inhabil"}
        notes += [ItemNote(sak=item.sak, kind="inhabil", person=name(person), member="",
                           basis=bases.get(person)) for person in item.inhabil]
        notes += [ItemNote(sak=item.sak, kind="deputy", person=name(deputy), member=name(member))
                  for deputy, member in item.deputies if (deputy, member) not in meeting_deputies]
        for c in item.corrections:
            what = f"votering {c.vote}" if c.target == "vote" else f"forslag «{c.proposal}»"
            corrections.append(CorrectionLine(sak=item.sak, what=what, reason=c.reason,
                                              after_approval=c.after_approval))
    agenda = []
    for entry in meeting.agenda:
        case, item = by_case.get(entry.arkivsak, (None, None))
        agenda.append(AgendaLine(sak=entry.sak, title=entry.title or (case.title if case else ""),
                                 handled=item is not None))
    return MeetingView(body=meeting.body, date=norwegian_date(meeting.date),
                       approved=meeting.approved is not None,
                       absent=[name(p) for p in meeting.absent],
                       deputies=deputies, item_notes=notes, agenda=agenda,
                       corrections=corrections, place=meeting.place, start=meeting.start,
                       end=meeting.end, chair=_who(registry, meeting.chair),
                       present=_present(registry, meeting),
                       approval=_approval(registry, meeting.approved))


def _who(registry: Registry | None, person: str | None) -> str | None:
    if person is None or registry is None:
        return person
    affiliation = registry.people.get(person)
    return registry.name_of(person) + (f" ({affiliation})" if affiliation else "")


def _present(registry: Registry | None, meeting: Meeting) -> list[str] | None:
    """The members who met, in the register's order, each deputy after the seat's member
    would have stood; none where the register has no members for the body."""
    body = registry.bodies.get(meeting.body) if registry is not None else None
    if body is None or not body.members:
        return None
    away = set(meeting.absent)
    instead = {member: deputy for deputy, member in meeting.deputies}
    present: list[str] = []
    for seat in body.seated():
        who = seat.person if seat.person not in away else instead.get(seat.person)
        if who is not None:
            present.append(_who(registry, who) or who)
    return present


def _approval(registry: Registry | None, approved: ProtocolApproved | None,
              ) -> ApprovalLine | None:
    if approved is None:
        return None
    name = registry.name_of if registry is not None else str
    return ApprovalLine(by=list(approved.by), method=approved.method,
                        date=norwegian_date(approved.date), as_recorded=approved.as_recorded,
                        lacking=[LackLine(what=lack.what, sak=lack.sak,
                                          person=name(lack.person) if lack.person else None,
                                          vote=lack.vote) for lack in approved.lacking])


def meeting_markup(registry: Registry, meeting: Meeting, items: list[tuple[Case, Item]],
                   language: str = "nb") -> str:
    protocols = [mk.shift_headings(protocol_markup(registry, case, item, language), 1)
                 for case, item in items if item.outcome is not None]
    return render(language, MeetingProtocolContext(m=meeting_view(meeting, items, registry),
                                                   items=protocols))


def write_meeting_protocol(registry: Registry, meeting: Meeting,
                           items: list[tuple[Case, Item]], path: Path,
                           language: str = "nb") -> Path:
    from documents.docx_writer import write_docx

    return write_docx(meeting_markup(registry, meeting, items, language), path,
                      title=f"Møteprotokoll - {meeting.key}", subject=meeting.key,
                      author=registry.municipality, header=registry.municipality)


def meeting_filename(meeting: Meeting) -> str:
    return f"{meeting.body} {meeting.date} møteprotokoll.docx".replace("/", "-")
