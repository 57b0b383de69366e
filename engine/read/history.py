"""A case's timeline across bodies: its route, each meeting with its sak number and outcome,
postponements, and every proposal with what became of it. Pure."""

from __future__ import annotations

from typing import Any

from engine.domain.events import StepRetracted, VoteHeld
from engine.domain.state import Case, Item, Proposal, Registry
from engine.read.audit import against_of, subjects, vote_record
from engine.read.codes import ProposalStatus, Side
from engine.read.views import case_status, item_outcome


def history(case: Case, registry: Registry) -> dict[str, Any]:
    return {
        "arkivsak": case.arkivsak, "title": case.title, "workflow": case.workflow,
        "prepared": {"by": case.prepared_by, "date": case.prepared_date},
        "status": case_status(case),
        "route": [{"number": n, "body": s.body, "role": s.role,
                   "meetings": [i.meeting for i in case.items if i.stage == n - 1]}
                  for n, s in enumerate(case.route, 1)],
        "meetings": [_meeting(item, registry) for item in case.items],
        "resubmissions": [{"date": r.date, "round": r.round,
                           "by": r.prepared_by or case.prepared_by, "text": r.text}
                          for r in getattr(case, "resubmissions", [])],
        "withdrawn": _withdrawn(getattr(case, "withdrawn", None)),
    }


def _withdrawn(event: Any) -> dict[str, Any] | None:
    if event is None:
        return None
    return {"date": event.date, "by": event.by, "text": event.text}


def _meeting(item: Item, registry: Registry) -> dict[str, Any]:
    outcome = item.outcome
    postponed = outcome is not None and outcome.kind == "postponed"
    return {
        "meeting": item.meeting, "body": item.body, "date": item.date, "sak": item.sak,
        "stage": item.stage + 1, "role": item.role, "outcome": item_outcome(item),
        "postponed": postponed,
        "postponed_to": outcome.postponed_to if postponed and outcome else None,
        "postponed_by": outcome.postponed_by if postponed and outcome else None,
        "proposals": [_proposal(p, item, registry) for p in item.proposals.values()],
        "votes": [vote_record(v, item, n) for n, v in enumerate(item.votes, 1)],
        # A step taken back and a close undone (present only where there are some).
        **({"undone": [{"kind": "retracted", "step": u.kind} if isinstance(u, StepRetracted)
                       else {"kind": "reopened", "reason": u.reason} for u in item.undone]}
           if item.undone else {}),
    }


def _proposal(proposal: Proposal, item: Item, registry: Registry) -> dict[str, Any]:
    votes = [(n, v) for n, v in enumerate(item.votes, 1) if proposal.id in subjects(v)]
    joined = [party for j in item.joins if j.remark == proposal.id for party in j.parties]
    # A remark is joined, never voted on.
    remark = proposal.kind == "merknad" and proposal.status == "lapsed" and bool(joined)
    status = ProposalStatus(proposal.status, remark=remark)
    return {
        "id": proposal.id, "by": proposal.by, "party": registry.party_of(proposal.by),
        "kind": proposal.kind, "label": proposal.label, "revises": proposal.revises,
        "on_behalf_of": list(proposal.on_behalf_of),
        "status": status, "voted": bool(votes), "joined_by": joined,
        "votes": [{**vote_record(v, item, n), "against": against_of(v),
                   "side": _side(v, proposal.id)} for n, v in votes],
    }


def _side(vote: VoteHeld, proposal_id: str) -> Side | None:
    """In an alternative vote: whether the proposal won or lost (`against` is then the votes
    for the side that lost)."""
    if not vote.between:
        return None
    return Side("won" if vote.winner == proposal_id else "lost")
