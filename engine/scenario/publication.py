"""A scenario's publication keys (docs/scenario-format-extensions.md): an item's
`exempt: {basis, public_title}` and a meeting's `approved: {date, by}`, typed by
engine.scenario.entries."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from engine.commands import publication as decide
from engine.commands.workspace import Workspace
from engine.domain.errors import SaksflytError, ScenarioError
from engine.domain.meeting import AgendaEntry
from engine.domain.state import Case, Item

if TYPE_CHECKING:
    from engine.scenario.entries import MeetingEntry


def exempt_item(ws: Workspace, case: Case, item: Item, exemption: decide.Exemption | None,
                ) -> None:
    if exemption is not None:
        decide.exempt(ws, case, item, exemption.basis, exemption.public_title)


def approve_meeting(ws: Workspace, meeting: MeetingEntry,
                    fail: Callable[[SaksflytError], ScenarioError]) -> None:
    """The meeting's stream (scheduled, its sakskart) and the approval, after its items; a
    refusal is raised as `fail` words it (with the file and line)."""
    if meeting.approved is None:
        return
    entries = [AgendaEntry(str(i["sak"]), str(i["case"]), i.get("title"), i.get("result"))
               for i in meeting.items or []]
    try:
        record = decide.record_meeting(ws, meeting.body, meeting.date, entries)
        decide.approve_replayed(ws, record, meeting.approved)
    except SaksflytError as exc:
        raise fail(exc) from None
