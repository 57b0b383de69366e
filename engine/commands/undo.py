"""Deciders for a slip at the desk: taking back the open item's last step (a StepRetracted,
the step itself stays in the log) and opening a closed item again (an ItemReopened), until the
meeting's protocol is approved. The state is derived again without what was set aside
(engine.domain.evolve)."""

from __future__ import annotations

from engine.commands.workspace import Workspace
from engine.domain import events as ev
from engine.domain.errors import InvalidTransition, RuleViolation
from engine.domain.state import Case, Item

NOT_UNDONE = (ev.ItemOpened, ev.ItemClosed, ev.ItemAttendance, ev.StepRetracted,
              ev.ItemReopened)
"""Not a step to take back: opening and closing (reopen undoes a close), attendance (it is
the meeting's too: record it again), and the undo markers themselves."""


def last_step(case: Case, item: Item) -> int | None:
    """The index in the case's log of the item's last step still standing, or None."""
    for index in range(len(case.log) - 1, 0, -1):
        event = case.log[index]
        if (index not in case.skipped and isinstance(event, ev._ItemEvent)
                and event.meeting == item.meeting and not isinstance(event, NOT_UNDONE)):
            return index
    return None


def retract_last(ws: Workspace, case: Case, item: Item) -> ev.StepRetracted:
    if item.closed:
        raise InvalidTransition(f"Behandlingen i «{item.meeting}» er avsluttet; åpne den igjen "
                                "med en begrunnelse (saksflyt item reopen) før et steg angres.",
                                state=item.state, trigger="undo")
    index = last_step(case, item)
    if index is None:
        raise RuleViolation(f"Ingen steg å angre i behandlingen av sak {item.sak} i "
                            f"«{item.meeting}».", rule="undo")
    event = ev.StepRetracted(meeting=item.meeting, step=index + 1,
                             kind=case.log[index].type)  # type: ignore[union-attr]
    ws.emit_case(case, event)
    return event


def reopen_item(ws: Workspace, case: Case, item: Item, reason: str, *, approved: bool) -> None:
    if not item.closed:
        raise InvalidTransition(f"Behandlingen av sak {item.sak} i «{item.meeting}» er ikke "
                                "avsluttet.", state=item.state, trigger="reopen")
    if approved:
        raise InvalidTransition(f"Protokollen for «{item.meeting}» er godkjent; behandlingen "
                                "kan ikke åpnes igjen (saksflyt correct --after-approval).",
                                state="godkjent", trigger="reopen")
    if not reason.strip():
        raise RuleViolation("Oppgi en begrunnelse for å åpne behandlingen igjen (--reason).",
                            rule="reopen")
    later = case.items[case.items.index(item) + 1:]
    if later or case.withdrawn is not None or any(
            r for r in case.resubmissions if r.date >= item.date):
        raise InvalidTransition(f"Sak {case.arkivsak} er behandlet videre etter «{item.meeting}»;"
                                " behandlingen der kan ikke åpnes igjen.", state=case.state,
                                trigger="reopen")
    ws.emit_case(case, ev.ItemReopened(meeting=item.meeting, reason=reason.strip()))
