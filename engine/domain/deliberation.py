"""Closing an agenda item: from its proposals and votes to what the body decided. Pure.

The rules are the scenario format's "What an item decides": a postponement keeps the
recommendation; a case taken to information gets the given text; otherwise the decision starts
from the recommendation (from nothing, for an advisory statement), loses the parts voted down,
and takes each adopted proposal's effect in the order of the votes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from engine.domain import text as tx
from engine.domain.events import Effect
from engine.domain.state import Outcome, Remark
from engine.domain.text import Paragraph, Text

if TYPE_CHECKING:
    from engine.domain.state import Item, Proposal

RECOMMENDATION = "innstillingen"
TEXT_NEUTRAL_KINDS = frozenset({"utsettelsesforslag", "oversendelsesforslag", "merknad"})


def apply_effect(text: Text, effect: Effect) -> Text:
    """One adopted proposal's effect on the text being built."""
    new = tuple(Paragraph(p.id, p.text) for p in effect.paragraphs)
    match effect.kind:
        case "add":
            anchor = effect.targets[0] if effect.targets else None
            at = effect.numbers[0] if effect.numbers else None
            return tx.insert(text, new, before=anchor, at=at) if at else text + new
        case "replace":
            return tx.replace(text, effect.targets[0], new[0].text)
        case "amend":
            return tx.amend(text, effect.targets[0], effect.old or "", effect.new or "")
        case "strike":
            return tx.strike(text, effect.targets)
        case "text":
            return new
    raise ValueError(effect.kind)


def changes_text(proposal: Proposal) -> bool:
    return proposal.kind not in TEXT_NEUTRAL_KINDS and proposal.effect.kind != "note"


def adopted_in(vote) -> list[str]:  # type: ignore[no-untyped-def]
    """The proposal ids (or "innstillingen") a vote adopted, in the order they apply."""
    if vote.between:
        return [vote.winner] if vote.winner else []
    return [vote.on, *vote.also] if vote.result == "vedtatt" and vote.on else []


def close(item: Item, *, seats: Mapping[str, int] | None,
          party_of: Callable[[str], str | None]) -> Outcome:
    """What the item decided, from its steps. The decision starts from the recommendation, or
    from nothing where the workflow says so of the item's stage (a statement)."""
    disposal = getattr(item, "disposal", None)
    if disposal is not None:
        # Sent back or referred: no decision; the recommendation stays with the case.
        # The body's decision is its instruction, with an id of its own for the audit.
        kind = "referred" if disposal.type == "case.referred" else "returned"
        words = tuple(Paragraph(f"{kind}:{item.body}:{item.date}#{i}", text) for i, text in
                      enumerate(tx.as_paragraphs(disposal.text), 1))
        return Outcome(kind, words, sent_to=disposal.to, instruction=disposal.text)
    if item.postponement is not None:
        return Outcome("postponed", item.base, postponement=item.postponement.text,
                       postponed_to=item.postponement.to)
    for vote in item.votes:
        proposal = item.proposals.get(vote.on or "")
        if proposal and proposal.kind == "utsettelsesforslag" and vote.result == "vedtatt":
            return Outcome("postponed", item.base, postponement=_words(proposal),
                           postponed_by=proposal.id)
    remarks = tuple(_remarks(item, seats, party_of))
    adopted = _adopted(item)
    sent = tuple(_words(p) for p in adopted if p.kind == "oversendelsesforslag")
    if item.taken_note is not None:
        return Outcome("noted", item.taken_note, remarks=remarks, sent=sent)
    noting = next((p for p in adopted if p.effect.kind == "note"), None)
    if noting is not None:
        # An adopted proposal to take the case to information: its words are the decision.
        words = tuple(Paragraph(p.id, p.text) for p in noting.effect.paragraphs)
        return Outcome("noted", words, remarks=remarks, sent=sent, applied=(noting.id,))
    text: Text = () if item.starts_empty else item.base
    applied: list[str] = []
    for vote in item.votes:
        if vote.on == RECOMMENDATION:
            if vote.result == "falt":
                text = tx.strike(text, vote.part_ids or [p.id for p in item.base])
            continue
        for winner in adopted_in(vote):
            proposal = item.proposals.get(winner)
            if proposal and changes_text(proposal):
                text = apply_effect(text, proposal.effect)
                applied.append(proposal.id)
    return Outcome("decided", text, remarks=remarks, sent=sent, applied=tuple(applied))


def _adopted(item: Item) -> list[Proposal]:
    return [item.proposals[pid] for vote in item.votes for pid in adopted_in(vote)
            if pid in item.proposals]


def _words(proposal: Proposal) -> str:
    return "\n\n".join(p.text for p in proposal.effect.paragraphs)


def remark_parties(item: Item, proposal: Proposal,
                   party_of: Callable[[str], str | None]) -> list[str]:
    """The proposer's party first, then the parties it was made for (on_behalf_of), then the
    joining parties in the order given."""
    parties: list[str] = list(getattr(proposal, "parties", []))
    own = [p for p in map(party_of, getattr(proposal, "people", [proposal.by])) if p]
    for party in own + list(proposal.on_behalf_of) + [
            p for j in item.joins if j.remark == proposal.id for p in j.parties]:
        if party not in parties:
            parties.append(party)
    return parties


def _remarks(item: Item, seats: Mapping[str, int] | None,
             party_of: Callable[[str], str | None]):
    joined = [j.remark for j in item.joins]
    for proposal in item.proposals.values():
        if proposal.kind != "merknad" or proposal.id not in joined:
            continue
        parties = remark_parties(item, proposal, party_of)
        majority = bool(seats) and 2 * sum(seats.get(p, 0) for p in parties) > sum(
            seats.values())
        yield Remark(proposal.id, tuple(parties), majority, _words(proposal))
