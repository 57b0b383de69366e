"""A whole meeting's møteprotokoll: attendance, the sakskart, and every item's saksprotokoll
in agenda order, stitched from the per-item protocols (documents/compose.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from documents import markup as mk
from documents.compose import language_of, protocol_markup
from documents.contexts import (
    AgendaLine,
    CorrectionLine,
    DeputyLine,
    ItemNote,
    MeetingProtocolContext,
    MeetingView,
)
from documents.house import Properties
from documents.naming import norwegian_date
from documents.protocol import approval_note
from documents.templating import render
from engine.domain.events import ImpartialityRuled

if TYPE_CHECKING:
    from engine.app.approvals import Approval
    from engine.domain.meeting import Meeting
    from engine.domain.state import Case, Item, Registry


def meeting_view(meeting: Meeting, items: list[tuple[Case, Item]],
                 approval: Approval | None = None,
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
                       approval=approval_note(approval, registry))


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


def meeting_markup(registry: Registry, meeting: Meeting, items: list[tuple[Case, Item]],
                   language: str | None = None, approval: Approval | None = None) -> str:
    """The møteprotokoll; `approval` (engine.app.approvals) gives the approval line, once, at
    its end."""
    protocols = [mk.shift_headings(protocol_markup(registry, case, item, language), 1)
                 for case, item in items if item.outcome is not None]
    return render(language_of(registry, meeting.body, language), MeetingProtocolContext(
        m=meeting_view(meeting, items, approval, registry), items=protocols))


def write_meeting_protocol(registry: Registry, meeting: Meeting,
                           items: list[tuple[Case, Item]], path: Path,
                           language: str | None = None, approval: Approval | None = None) -> Path:
    from documents.docx_writer import write_docx
    from documents.naming import norwegian_date

    when = f"{meeting.body} {norwegian_date(meeting.date)}"
    properties = Properties(title=f"Møteprotokoll - {when}", subject=when,
                            municipality=registry.municipality, kind="Møteprotokoll")
    return write_docx(meeting_markup(registry, meeting, items, language, approval), path,
                      properties, language_of(registry, meeting.body, language))


def meeting_filename(meeting: Meeting, ext: str = "docx") -> str:
    return f"{meeting.body} {meeting.date} møteprotokoll.{ext}".replace("/", "-")
