"""A meeting's overview: its sakskart with where each item stands, attendance, approval."""

from __future__ import annotations

from collections.abc import Mapping

from engine.domain.meeting import Meeting
from engine.domain.state import Case
from engine.read.codes import Outcome
from engine.read.views import item_outcome


def meeting_overview(meeting: Meeting, cases: Mapping[str, Case | None],
                     current_item: tuple[str, str] | None) -> dict[str, object]:
    """`cases`: the agenda's cases by arkivsak; `current_item`: the open (meeting, arkivsak)."""
    agenda = []
    for entry in meeting.agenda:
        case = cases.get(entry.arkivsak)
        item = case.item(meeting.key) if case else None
        agenda.append({"sak": entry.sak, "arkivsak": entry.arkivsak,
                       "title": entry.title or (case.title if case else ""),
                       "status": item_outcome(item) if item else Outcome("not_started"),
                       "open": current_item == (meeting.key, entry.arkivsak)})
    return {"meeting": meeting.key, "body": meeting.body, "date": meeting.date,
            "agenda": agenda, "absent": meeting.absent,
            "deputies": [{"deputy": d, "for": m} for d, m in meeting.deputies],
            "attendance": [{"absent": a.absent, "deputies": [list(d) for d in a.deputies],
                            "from_sak": a.from_sak} for a in meeting.attendance],
            "approved": meeting.approved is not None}
