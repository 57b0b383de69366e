"""A whole meeting's møteprotokoll: attendance, the sakskart, and every item's saksprotokoll
in agenda order, stitched from the per-item protocols (documents/compose.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from documents import markup as mk
from documents.compose import protocol_markup
from documents.contexts import (
    AgendaLine,
    CorrectionLine,
    DeputyLine,
    ItemNote,
    MeetingProtocolContext,
    MeetingView,
)
from documents.templating import render

if TYPE_CHECKING:
    from engine.domain.meeting import Meeting
    from engine.domain.state import Case, Item, Registry


def meeting_view(meeting: Meeting, items: list[tuple[Case, Item]]) -> MeetingView:
    by_case = {case.arkivsak: (case, item) for case, item in items}
    deputies = [DeputyLine(deputy=d, member=m, from_sak=record.from_sak)
                for record in meeting.attendance for d, m in record.deputies]
    notes: list[ItemNote] = []
    corrections: list[CorrectionLine] = []
    meeting_deputies = set(meeting.deputies)
    for _, item in items:
        notes += [ItemNote(sak=item.sak, kind="inhabil", person=person, member="")
                  for person in item.inhabil]
        notes += [ItemNote(sak=item.sak, kind="deputy", person=deputy, member=member)
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
    year, month, day = meeting.date.split("-")
    return MeetingView(body=meeting.body, date=f"{day}.{month}.{year}",
                       approved=meeting.approved is not None, absent=meeting.absent,
                       deputies=deputies, item_notes=notes, agenda=agenda,
                       corrections=corrections)


def meeting_markup(registry: Registry, meeting: Meeting, items: list[tuple[Case, Item]],
                   language: str = "nb") -> str:
    protocols = [mk.shift_headings(protocol_markup(registry, case, item, language), 1)
                 for case, item in items if item.outcome is not None]
    return render(language, MeetingProtocolContext(m=meeting_view(meeting, items),
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
