"""Deciders for what may be published: exempting an item (skjerming). (A replayed meeting
gets its own stream for approval from engine.commands.meetings.adopt_meeting.)"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from engine.commands.workspace import Workspace
from engine.domain import events as ev
from engine.domain.errors import AlreadyExists, RuleViolation
from engine.domain.state import Case, Item
from engine.domain.steps import Name


class Exemption(BaseModel):
    """A scenario item's `exempt: {basis, public_title}`."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    basis: Name
    public_title: Name


def exempt(ws: Workspace, case: Case, item: Item, basis: str, public_title: str) -> None:
    basis, public_title = basis.strip(), public_title.strip()
    if not basis or not public_title:
        raise RuleViolation("Skjerming trenger både hjemmel (--basis) og offentlig tittel "
                            "(--public-title).", rule="exemption")
    if item.exemption is not None:
        raise AlreadyExists(f"Sak {item.sak} i «{item.meeting}» er allerede skjermet "
                            f"({item.exemption.basis}).")
    ws.emit_case(case, ev.ItemExempted(meeting=item.meeting, basis=basis,
                                       public_title=public_title))
