"""The audit's ground: finding the items and proposals of a case, votes as records, and the
walk of each decided item's votes over its text (the changes, and the votes each paragraph
went through). Pure; engine.read.audit builds blame on it, engine.read.history and
engine.read.compare use it too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from engine.domain import text as tx
from engine.domain.deliberation import RECOMMENDATION, apply_effect, changes_text
from engine.domain.errors import NotFound
from engine.domain.events import VoteHeld
from engine.domain.state import Case, Item, Proposal, Registry
from engine.domain.voting import format_tally, total
from engine.read.views import find_item

TEXT_EFFECTS = ("add", "text")
DECIDING = ("decided", "noted")
"""Outcomes that decide a text (not a postponement, nor a case sent back or referred)."""


# --- finding things ---------------------------------------------------------------------------

def final_item(case: Case) -> Item | None:
    """The meeting that made the case's decision."""
    return next((i for i in reversed(case.items) if i.outcome is not None
                 and i.produces in ("decision", "debate") and i.outcome.kind in DECIDING), None)


def target_item(case: Case, meeting: str | None) -> Item:
    """The item whose decision is audited: the given meeting's, else the final decision's."""
    if meeting is not None:
        item = find_item(case, meeting)
        if item.outcome is None:
            raise NotFound(f"Behandlingen i «{item.meeting}» er ikke avsluttet ennå.")
        return item
    item = final_item(case)
    if item is None:
        raise NotFound(f"Sak {case.arkivsak} har ikke noe vedtak ennå: bruk --meeting "
                       "for det et møte vedtok.")
    return item


def items_until(case: Case, last: Item) -> list[Item]:
    index = next(i for i, item in enumerate(case.items) if item is last)
    return case.items[: index + 1]


def proposal_index(case: Case) -> dict[str, tuple[Item, Proposal]]:
    return {pid: (item, proposal) for item in case.items
            for pid, proposal in item.proposals.items()}


def person(registry: Registry, name: str) -> dict[str, Any]:
    return {"by": name, "party": registry.party_of(name),
            "affiliation": registry.people.get(name)}


def proposal_ref(registry: Registry, item: Item, proposal: Proposal) -> dict[str, Any]:
    """Who proposed what, where: the shape of a proposal origin."""
    return {"kind": "proposal", "proposal_id": proposal.id, "proposal_kind": proposal.kind,
            **person(registry, proposal.by), "on_behalf_of": list(proposal.on_behalf_of),
            "body": item.body, "date": item.date, "meeting": item.meeting, "sak": item.sak}


def against_of(vote: VoteHeld) -> str | int | None:
    """The votes against in the protocol's notation ("1Ap, 5MDG"), else the number, else None
    (a unanimous vote). For an alternative vote: the votes for the side that lost."""
    if vote.unanimous:
        return None
    if vote.votes_against:
        tally = tuple((party, n) for party, n in vote.votes_against)
        return format_tally(tally) or total(tally)
    return vote.n_against


def subjects(vote: VoteHeld) -> list[str]:
    return list(vote.between) if vote.between else [vote.on or ""]


def winner_of(vote: VoteHeld) -> str | None:
    if vote.between:
        return vote.winner
    return vote.on if vote.result == "vedtatt" else None


def vote_record(vote: VoteHeld, item: Item, number: int) -> dict[str, Any]:
    return {"body": item.body, "date": item.date, "meeting": item.meeting, "sak": item.sak,
            "vote": number, "on": vote.on, "between": list(vote.between or []) or None,
            "winner": vote.winner, "parts": list(vote.parts),
            "except_parts": list(vote.except_parts), "result": vote.result,
            "against": against_of(vote), "n_for": vote.n_for, "n_against": vote.n_against,
            "unanimous": vote.unanimous, "casting_vote": vote.casting_vote}


# --- the text's path through the items -----------------------------------------------------

@dataclass(frozen=True)
class Change:
    """One adopted proposal that changed the wording of a paragraph."""

    pid: str
    old: str
    new: str
    item: Item
    proposal: Proposal
    vote: int


@dataclass(frozen=True)
class Touch:
    """A vote that concerned a paragraph, and how (`role`)."""

    pid: str
    item: Item
    vote: VoteHeld
    number: int
    role: str
    """covered (a vote on the recommendation), adopted (it was born in the adopted proposal),
    changed (an adopted replace or amend), challenged (a strike, a replacement, an amendment or
    a competing alternative that did not win)."""
    challenger: str | None = None


def decided_items(items: list[Item]) -> Iterator[Item]:
    for item in items:
        if item.outcome is not None and item.outcome.kind == "decided":
            yield item


def starting_text(item: Item) -> tx.Text:
    """What the item's decision was built from: the recommendation, or nothing for a statement
    (unless the workflow builds statements on the recommendation: then its ids show)."""
    assert item.outcome is not None
    kept = set(tx.ids(item.base)) & set(tx.ids(item.outcome.text))
    return item.base if not item.starts_empty or kept else ()


def walk(items: list[Item]) -> tuple[list[Change], list[Touch]]:
    """Replay each decided item's votes over its text: the changes and the votes per paragraph.
    """
    changes: list[Change] = []
    touches: list[Touch] = []
    for item in decided_items(items):
        current = starting_text(item)
        for number, vote in enumerate(item.votes, 1):
            before = {p.id: p.text for p in current}
            touches.extend(_touches(item, vote, number, before))
            if vote.on == RECOMMENDATION:
                if vote.result == "falt":
                    current = tx.strike(current, vote.part_ids or [p.id for p in item.base])
                continue
            proposal = item.proposals.get(winner_of(vote) or "")
            if proposal is None or not changes_text(proposal):
                continue
            current = apply_effect(current, proposal.effect)
            for p in current:
                if p.id in before and before[p.id] != p.text:
                    changes.append(Change(p.id, before[p.id], p.text, item, proposal, number))
    return changes, touches


def _touches(item: Item, vote: VoteHeld, number: int,
             before: dict[str, str]) -> Iterator[Touch]:
    winner = winner_of(vote)
    seen: set[str] = set()

    def touch(pid: str, role: str, challenger: str | None = None) -> Touch | None:
        if pid in seen:
            return None
        seen.add(pid)
        return Touch(pid, item, vote, number, role, challenger)

    found: list[Touch | None] = []
    others = [s for s in subjects(vote) if s != RECOMMENDATION]
    # The winner first: where two proposals competed for one paragraph, the winning change
    # is what happened to it, not the loser's challenge.
    for side in sorted(subjects(vote), key=lambda s: s != winner):
        proposal = item.proposals.get(side)
        if proposal is None or not changes_text(proposal):
            continue
        effect = proposal.effect
        won = side == winner
        if won and effect.kind in TEXT_EFFECTS:
            found.extend(touch(p.id, "adopted") for p in effect.paragraphs)
        if effect.kind in ("replace", "amend", "strike"):
            for pid in effect.targets:
                if pid in before:
                    role = "changed" if won and effect.kind != "strike" else "challenged"
                    found.append(touch(pid, role, None if won else side))
        elif effect.kind == "text" and not won and not item.starts_empty:
            # A competing whole text that lost: every paragraph on the table survived it.
            found.extend(touch(pid, "challenged", side) for pid in before)
    if RECOMMENDATION in subjects(vote):
        for pid in vote.part_ids:
            if pid not in before:
                continue
            if vote.between and winner == RECOMMENDATION:
                found.append(touch(pid, "challenged", others[0] if others else None))
            elif not vote.between:
                found.append(touch(pid, "covered"))
            # An alternative the recommendation lost is not a vote the paragraph passed
            # (it stays only because the winner added to the text, or changed it: above).
    yield from (t for t in found if t is not None)


