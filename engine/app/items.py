"""Application services for the item being logged: open it, log each step of the scenario
format on it, close it, show how it stands, attendance and corrections."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from engine.app.live import build_step, preview, short_id
from engine.app.session import LiveSession, unit_of_work
from engine.commands import corrections
from engine.commands import deciders as cmd
from engine.commands import meetings as decide
from engine.domain.errors import RuleViolation

if TYPE_CHECKING:
    from engine.domain.meeting import Meeting
    from engine.domain.state import Case, Item
    from engine.store.eventstore import EventStore


@dataclass(frozen=True)
class StepLogged:
    """What a logged step did: where, and for a proposal the id it got."""

    kind: str
    case: Case
    item: Item
    proposal_id: str | None = None
    generated_id: bool = False


def open_item(store: EventStore, actor: str | None, meeting: str, sak: str,
              ) -> tuple[Case, Item]:
    with unit_of_work(store, actor) as session:
        return decide.open_live_item(session.ws, session.meeting(meeting), sak)


def log_step(store: EventStore, actor: str | None, kind: str, values: dict[str, Any],
             meeting: str | None = None, arkivsak: str | None = None) -> StepLogged:
    """Build the step from its keys (the scenario format's), let the engine check it on the
    item, store it. A proposal without an id gets a short one."""
    with unit_of_work(store, actor) as session:
        case, item = session.target(meeting, arkivsak)
        generated = kind == "propose" and not values.get("id")
        if generated:
            taken = [p.id for i in case.items for p in i.proposals.values()]
            proposer = values.get("by") or " ".join(values.get("parties") or []) or "felles"
            values = {**values, "id": short_id(proposer, taken)}
        cmd.apply_step(session.ws, case, item, build_step(kind, values))
    return StepLogged(kind, case, item, values.get("id") if kind == "propose" else None,
                      generated)


def close_item(store: EventStore, actor: str | None, meeting: str | None = None,
               arkivsak: str | None = None) -> tuple[Case, Item]:
    with unit_of_work(store, actor) as session:
        case, item = session.target(meeting, arkivsak)
        cmd.close_item(session.ws, case, item)
        return case, item


def item_preview(store: EventStore, meeting: str | None = None, arkivsak: str | None = None,
                 ) -> tuple[Case, Item, Item]:
    """The item, and a copy of it closed as it would be now (nothing stored)."""
    session = LiveSession(store)
    case, item = session.target(meeting, arkivsak)
    return case, item, preview(session.ws.registry, item)


def record_attendance(store: EventStore, actor: str | None, meeting: str | None, *,
                      absent: list[str], deputy: str | None, member: str | None,
                      item_only: bool) -> tuple[Meeting, Item | None]:
    """Forfall and a varamedlem for the meeting (from the open item on) or for one item."""
    if bool(deputy) != bool(member):
        raise RuleViolation("--deputy og --for hører sammen.")
    with unit_of_work(store, actor) as session:
        from engine.app.open_items import attendance_target

        found, target = attendance_target(session, meeting)
        pairs = [(deputy, member)] if deputy and member else []
        decide.record_attendance(session.ws, found, target, absent=absent, deputies=pairs,
                                 only_item=item_only)
        return found, (target[1] if item_only and target else None)


def correct(store: EventStore, actor: str | None, *, vote: int | None, proposal: str | None,
            votes_for: str | None, votes_against: str | None, text: str | list[str] | None,
            reason: str, after_approval: bool, meeting: str | None = None,
            arkivsak: str | None = None) -> Item:
    """A tally or a proposal's words corrected; the log keeps both and the reason."""
    if (vote is None) == (proposal is None):
        raise RuleViolation("Oppgi enten --vote N eller --proposal ID.")
    if after_approval and not (actor or "").strip():
        # Who may correct an approved protocol (a sekretær) is the server's accounts' to
        # decide; the engine can insist that someone named does.
        raise RuleViolation("En rettelse av en godkjent protokoll må føres av en navngitt "
                            "sekretær (SAKSFLYT_USER).", rule="correction-actor")
    with unit_of_work(store, actor) as session:
        case, item = session.target(meeting, arkivsak)
        flags = {"reason": reason, "approved": session.approved(item),
                 "after_approval": after_approval}
        if vote is not None:
            corrections.correct_vote(session.ws, case, item, vote, votes_for=votes_for,
                                     votes_against=votes_against, **flags)
        else:
            corrections.correct_proposal(session.ws, case, item, proposal or "", text or [],
                                         **flags)
        return item


def undo_last(store: EventStore, actor: str | None, meeting: str | None = None,
              arkivsak: str | None = None) -> tuple[Case, Item, str]:
    """Take back the open item's last step: a retraction event (the step stays in the log);
    answers the retracted step's event type."""
    from engine.commands.undo import retract_last

    with unit_of_work(store, actor) as session:
        case, item = session.target(meeting, arkivsak)
        retracted = retract_last(session.ws, case, item)
        return case, case.item(item.meeting) or item, retracted.kind


def reopen(store: EventStore, actor: str | None, meeting: str, sak: str, reason: str,
           ) -> tuple[Case, Item]:
    """Open a closed item again, with a reason, until the meeting's protocol is approved;
    it becomes the meeting's open item."""
    from engine.commands.undo import reopen_item
    from engine.domain.errors import NotFound

    with unit_of_work(store, actor) as session:
        found = session.meeting(meeting)
        entry = found.entry(sak)
        case = session.ws.case(entry.arkivsak) if entry else None
        item = case.item(found.key) if case else None
        if case is None or item is None:
            raise NotFound(f"Sak {sak} er ikke behandlet i «{found.key}».")
        reopen_item(session.ws, case, item, reason, approved=found.approved is not None)
        decide.select_item(session.ws, found, case)
        return case, case.item(found.key) or item
