"""A whole meeting's møteprotokoll: attendance, the sakskart, and every item's saksprotokoll
in agenda order, stitched from the per-item protocols (documents/compose.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from documents import markup as mk
from documents.compose import protocol_markup
from documents.house import Properties
from documents.protocol import ApprovalNote, approval_note
from documents.templating import render

if TYPE_CHECKING:
    from engine.app.approvals import Approval
    from engine.app.meetings import Meeting
    from engine.domain.state import Case, Item, Registry


@dataclass(frozen=True)
class MeetingView:
    body: str
    date: str
    approved: bool
    absent: list[str]
    deputies: list[dict[str, str | None]]
    item_notes: list[dict[str, str]]
    agenda: list[dict[str, object]]
    corrections: list[dict[str, object]] = field(default_factory=list)
    approval: ApprovalNote | None = None


def meeting_view(meeting: Meeting, items: list[tuple[Case, Item]],
                 approval: Approval | None = None) -> MeetingView:
    by_case = {case.arkivsak: (case, item) for case, item in items}
    deputies: list[dict[str, str | None]] = []
    for record in meeting.attendance:
        deputies += [{"deputy": d, "member": m, "from_sak": record.from_sak}
                     for d, m in record.deputies]
    notes, corrections = [], []
    meeting_deputies = set(meeting.deputies)
    for _, item in items:
        notes += [{"sak": item.sak, "kind": "inhabil", "person": person, "member": ""}
                  for person in item.inhabil]
        notes += [{"sak": item.sak, "kind": "deputy", "person": deputy, "member": member}
                  for deputy, member in item.deputies if (deputy, member) not in meeting_deputies]
        for c in item.corrections:
            what = f"votering {c.vote}" if c.target == "vote" else f"forslag «{c.proposal}»"
            corrections.append({"sak": item.sak, "what": what, "reason": c.reason,
                                "after_approval": c.after_approval})
    agenda = []
    for entry in meeting.agenda:
        case, item = by_case.get(entry.arkivsak, (None, None))
        agenda.append({"sak": entry.sak, "title": entry.title or (case.title if case else ""),
                       "handled": item is not None})
    year, month, day = meeting.date.split("-")
    return MeetingView(meeting.body, f"{day}.{month}.{year}", meeting.approved is not None,
                       meeting.absent, deputies, notes, agenda, corrections,
                       approval_note(approval))


def meeting_markup(registry: Registry, meeting: Meeting, items: list[tuple[Case, Item]],
                   language: str = "nb", approval: Approval | None = None) -> str:
    """The møteprotokoll; `approval` (engine.app.approvals) gives the approval line, once, at
    its end."""
    protocols = [mk.shift_headings(protocol_markup(registry, case, item, language), 1)
                 for case, item in items if item.outcome is not None]
    return render(language, "meeting_protocol.md.j2", m=meeting_view(meeting, items, approval),
                  items=protocols)


def write_meeting_protocol(registry: Registry, meeting: Meeting,
                           items: list[tuple[Case, Item]], path: Path,
                           language: str = "nb", approval: Approval | None = None) -> Path:
    from documents.docx_writer import write_docx
    from documents.naming import norwegian_date

    properties = Properties(title=f"Møteprotokoll - {meeting.body} "
                                  f"{norwegian_date(meeting.date)}",
                            subject=f"{meeting.body} {norwegian_date(meeting.date)}",
                            municipality=registry.municipality, kind="Møteprotokoll")
    return write_docx(meeting_markup(registry, meeting, items, language, approval), path,
                      properties, language)


def meeting_filename(meeting: Meeting, ext: str = "docx") -> str:
    return f"{meeting.body} {meeting.date} møteprotokoll.{ext}".replace("/", "-")
