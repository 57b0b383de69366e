"""A scenario's publication keys (docs/scenario-format-extensions.md): an item's
`exempt: {basis, public_title}` and a meeting's `approved: {date, by}`."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from engine.commands import publication as decide
from engine.commands.workspace import Workspace
from engine.domain.errors import ScenarioError
from engine.domain.meeting import AgendaEntry
from engine.domain.state import Case, Item
from engine.scenario.values import describe_validation, plain


def _read(model: type[BaseModel], key: str, raw: Any) -> Any:
    try:
        return model.model_validate(plain(raw))
    except ValidationError as exc:
        raise ScenarioError(f"{key}: {describe_validation(exc)}") from None


def exempt_item(ws: Workspace, case: Case, item: Item, raw: Any) -> None:
    found: decide.Exemption = _read(decide.Exemption, "exempt", raw)
    decide.exempt(ws, case, item, found.basis, found.public_title)


def approve_meeting(ws: Workspace, meeting: dict[str, Any], raw: Any) -> None:
    """The meeting's stream (scheduled, its sakskart) and the approval, after its items."""
    approval: decide.Approval = _read(decide.Approval, "approved", raw)
    entries = [AgendaEntry(str(i["sak"]), str(i["case"]), i.get("title"), i.get("result"))
               for i in meeting.get("items") or []]
    record = decide.record_meeting(ws, str(meeting["body"]), str(plain(meeting["date"])),
                                   entries)
    decide.approve_replayed(ws, record, approval)
