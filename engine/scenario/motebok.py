"""A scenario meeting's møtebok (docs/scenario-format-extensions.md, "The møtebok"): where and
when, the chair, forfall and deputies, and the protocol's approval, recorded in the meeting's
own stream through the same deciders the live commands use.

A meeting that has none of these keys (every version 1 file) gets no stream of its own, as
before; `saksflyt meeting approve` gives it one when its protocol is approved.
"""

from __future__ import annotations

from typing import Any

from engine.commands import meetings as decide
from engine.commands.workspace import Workspace
from engine.domain import events as ev
from engine.domain.errors import RuleViolation
from engine.domain.meeting import Meeting
from engine.domain.state import Case, Item

KEYS = ("place", "start", "end", "chair", "absent", "deputies", "approved")
APPROVAL_KEYS = frozenset({"by", "how", "date", "as_recorded", "text"})


def _text(value: Any, key: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise RuleViolation(f"«{key}» er en tekst, som «{key}: 18:00».")
    return value


def _names(value: Any, key: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleViolation(f"«{key}» er en liste av navn.")
    return list(value)


def open_meeting(ws: Workspace, data: dict[str, Any], body: str, date: str) -> Meeting | None:
    """The meeting's stream, where the scenario says anything of its møtebok; else None."""
    if not any(key in data for key in KEYS):
        return None
    meeting = decide.new_meeting(ws, None, body, date)
    place, start = _text(data.get("place"), "place"), _text(data.get("start"), "start")
    end, chair = _text(data.get("end"), "end"), _text(data.get("chair"), "chair")
    roll_call = "absent" in data or "deputies" in data
    if (place, start, end, chair) != (None, None, None, None) or roll_call:
        decide.record_meeting(ws, meeting, place=place, start=start, end=end, chair=chair,
                              roll_call=roll_call)
    absent = _names(data.get("absent"), "absent")
    deputies = []
    for entry in data.get("deputies") or []:
        if not isinstance(entry, dict) or set(entry) != {"deputy", "for"}:
            raise RuleViolation("en varamedlem skrives {deputy: NAVN, for: NAVN}")
        deputies.append((str(entry["deputy"]), str(entry["for"])))
    if absent or deputies:
        decide.record_attendance(ws, meeting, None, absent=absent, deputies=deputies)
    return meeting


def on_item(ws: Workspace, meeting: Meeting, case: Case, item: Item) -> None:
    """The item on the meeting's sakskart, and the meeting's forfall and deputies on it."""
    decide.add_to_agenda(ws, meeting, case.arkivsak, item.sak, item.title, item.result_label)
    if meeting.absent or meeting.deputies:
        ws.emit_case(case, ev.ItemAttendance(meeting=item.meeting, absent=meeting.absent,
                                             deputies=meeting.deputies))


def close_meeting(ws: Workspace, meeting: Meeting, data: dict[str, Any],
                  items: list[tuple[Case, Item]]) -> None:
    """The protocol's approval, where the scenario records it (checked as `meeting approve`
    checks it)."""
    approved = data.get("approved")
    if approved is None:
        return
    if not isinstance(approved, dict) or not set(approved) <= APPROVAL_KEYS:
        raise RuleViolation("approved er {by: [NAVN, ...], how: elektronisk|signert|møte, "
                            "date: ÅÅÅÅ-MM-DD, as_recorded: true|false, text: ...}")
    by = approved.get("by")
    # One approver (a body that approved it at its next meeting) may be written alone.
    by = _names([by] if isinstance(by, str) else by, "approved.by")
    date = approved.get("date")
    decide.approve(ws, meeting, items, _text(approved.get("text"), "approved.text"), by=by,
                   method=_text(approved.get("how"), "approved.how"),
                   as_recorded=approved.get("as_recorded") is True,
                   date=str(date) if date is not None else None)
