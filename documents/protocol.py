"""The saksprotokoll as data: header, decision, handling and voting record. Pure.

`build_protocol` reads a case and one of its items and says *what* the protocol records; the
templates in `templates/<language>/` say it in words. Nothing here is worded, except the texts
that come from the record itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from documents import naming
from documents.naming import Name
from engine import events as ev
from engine.state import Case, Item, Registry
from engine.text import Text, position, render_plain
from engine.voting import format_tally, total

RECOMMENDATION_ID = "innstillingen"


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    affiliation: str | None


@dataclass(frozen=True, slots=True)
class Header:
    municipality: str | None
    body: str
    date: str
    """dd.mm.yyyy"""
    sak: str
    title: str
    """The case's (or the item's) title, without "Saksprotokoll - "."""
    result: str
    """A result code (utsatt, orientering, behandlet, innstillingen, annet, returned,
    referred, pending) or, where
    the item overrides it, the label itself (see `result_is_label`)."""
    result_is_label: bool
    arkivsak: str


@dataclass(frozen=True, slots=True)
class RemarkView:
    majority: bool
    parties: tuple[str, ...]
    text: str


@dataclass(frozen=True, slots=True)
class Decision:
    form: str
    """vedtak, innstilling, uttalelse, utsatt (by proposal) or orientering."""
    text: str
    body: str
    next_body: str | None = None
    """The body the recommendation goes to, as written inside a sentence."""
    recommendation: str = ""
    """For a postponement: the recommendation that follows the case."""
    remarks: tuple[RemarkView, ...] = ()
    sent: tuple[str, ...] = ()
    rapporteur: Person | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of Behandling. `type` is note, ruling, proposal, postponed or taken_note."""

    type: str
    text: str = ""
    person: Person | None = None
    ruling: str | None = None
    kind: str | None = None
    on_behalf_of: tuple[str, ...] = ()
    withdrawn: bool = False
    effect: str | None = None
    """For a proposal: add, text, strike, amend or replace."""
    numbers: tuple[int, ...] = ()
    struck: tuple[str, ...] = ()
    old: str | None = None
    new: str | None = None


@dataclass(frozen=True, slots=True)
class VoteLine:
    """One sentence of Votering. `type` is vote, alternative or join."""

    type: str
    subject: Name | None = None
    other: Name | None = None
    """For an alternative vote: the second side, as the vote gave them."""
    winner: Name | None = None
    loser: Name | None = None
    result: str = "vedtatt"
    unanimous: bool = False
    side: str | None = None
    """Which count is printed: against, for, or None (no numbers)."""
    count: int | None = None
    tally: str = ""
    casting_vote: bool = False
    parties: tuple[str, ...] = ()
    author: str = ""


@dataclass(frozen=True)
class Protocol:
    header: Header
    decision: Decision | None
    handling: tuple[Entry, ...]
    voting: tuple[VoteLine, ...]
    meeting: str
    role: str
    extra: dict[str, str] = field(default_factory=dict)


def plain(text: Text) -> str:
    return render_plain(p.text for p in text)


def person(registry: Registry, name: str) -> Person:
    return Person(name, registry.people.get(name))


def build_protocol(registry: Registry, case: Case, item: Item) -> Protocol:
    return Protocol(
        header=_header(registry, case, item),
        decision=_decision(registry, case, item),
        handling=tuple(_handling(registry, item)),
        voting=tuple(_voting(registry, item)),
        meeting=item.meeting,
        role=item.role,
    )


def result_code(item: Item) -> str:
    """The Resultat, derived from how the item ended."""
    outcome = item.outcome
    if outcome is None:
        return "pending"
    if outcome.kind == "postponed":
        return "utsatt"
    if outcome.kind == "noted":
        return "orientering"
    if outcome.kind in ("returned", "referred"):
        return outcome.kind
    if item.role == "uttalelse" or outcome.kind == "debated":
        return "behandlet"
    return "innstillingen" if outcome.text == item.base else "annet"


def _header(registry: Registry, case: Case, item: Item) -> Header:
    label = item.result_label
    return Header(municipality=registry.municipality, body=item.body,
                  date=naming.norwegian_date(item.date), sak=item.sak,
                  title=item.title or case.title, result=label or result_code(item),
                  result_is_label=bool(label), arkivsak=case.arkivsak)


def _next_body(case: Case, item: Item) -> str | None:
    for stage in case.route[item.stage + 1:]:
        if stage.role != "uttalelse":
            return naming.body_in_sentence(stage.body)
    return None


def _decision(registry: Registry, case: Case, item: Item) -> Decision | None:
    outcome = item.outcome
    if outcome is None:
        return None
    rapporteur = person(registry, item.rapporteur) if item.rapporteur else None
    if outcome.kind == "postponed":
        if not outcome.postponed_by:
            return None  # postponed by changing the agenda: only Behandling says so
        return Decision("utsatt", outcome.postponement or "", item.body,
                        recommendation=plain(outcome.text), rapporteur=rapporteur)
    remarks = tuple(RemarkView(r.majority, r.parties, r.text) for r in outcome.remarks)
    if outcome.kind == "noted":
        form = "orientering"
    elif outcome.kind in ("returned", "referred"):
        form = "vedtak"  # the body's instruction is its decision; no recommendation goes on
    else:
        form = {"vedtak": "vedtak", "innstilling": "innstilling",
                "uttalelse": "uttalelse"}.get(item.role, "vedtak")
    return Decision(form, plain(outcome.text), item.body,
                    next_body=_next_body(case, item) if form == "innstilling" else None,
                    remarks=remarks, sent=outcome.sent, rapporteur=rapporteur)


def _handling(registry: Registry, item: Item):
    for step in item.steps:
        match step:
            case ev.NoteRecorded():
                yield Entry("note", text=step.text)
            case ev.ImpartialityRuled():
                yield Entry("ruling", text=step.text or "", person=person(registry, step.person),
                            ruling=step.ruling)
            case ev.ProposalMade():
                yield _proposal_entry(registry, item, step)
            case ev.Postponed():
                yield Entry("postponed", text=step.text)
            case ev.TakenNote():
                yield Entry("taken_note", text=render_plain(p.text for p in step.paragraphs))


def _proposal_entry(registry: Registry, item: Item, step: ev.ProposalMade) -> Entry:
    proposal = item.proposals.get(step.id)
    effect = step.effect
    common = {"person": person(registry, step.by), "kind": step.kind,
              "on_behalf_of": tuple(step.on_behalf_of),
              "withdrawn": bool(proposal and proposal.status == "withdrawn"),
              "effect": effect.kind, "numbers": tuple(effect.numbers)}
    words = render_plain(p.text for p in effect.paragraphs)
    match effect.kind:
        case "strike":
            by_id = {p.id: p for p in item.base}
            struck = tuple(render_plain([by_id[t].text]) for t in effect.targets if t in by_id)
            numbers = tuple(n for t in effect.targets if (n := position(item.base, t)))
            return Entry("proposal", struck=struck, **{**common, "numbers": numbers or
                                                       tuple(effect.numbers)})
        case "amend":
            return Entry("proposal", old=effect.old or "", new=effect.new or "", **common)
        case _:
            return Entry("proposal", text=words, **common)


def _names(item: Item) -> dict[str, Name]:
    proposers = {pid: p.by for pid, p in item.proposals.items()}
    counts = naming.voted_proposers(item.votes, proposers)
    return {pid: naming.proposal_name(p.by, p.kind, p.label, several=counts.get(p.by, 0) > 1)
            for pid, p in item.proposals.items()}


def _recommendation(parts: list[int], except_parts: list[int]) -> Name:
    return Name(recommendation=True, parts=tuple(parts), except_parts=tuple(except_parts))


def _count(tally: list[tuple[str, int]] | None) -> tuple[int, str]:
    entries = tuple((str(p), int(n)) for p, n in tally or [])
    return total(entries), format_tally(entries)


def _voting(registry: Registry, item: Item):
    names = _names(item)
    for step in item.steps:
        if isinstance(step, ev.VoteHeld):
            yield _vote_line(step, names)
        elif isinstance(step, ev.RemarkJoined):
            remark = item.proposals.get(step.remark)
            author = ""
            if remark is not None:
                author = registry.party_of(remark.by) or remark.by
            yield VoteLine("join", parties=tuple(step.parties), author=author)


def _side_name(side: str, vote: ev.VoteHeld, names: dict[str, Name]) -> Name:
    if side == RECOMMENDATION_ID:
        return _recommendation(vote.parts, vote.except_parts)
    return names.get(side, Name(label=side))


def _vote_line(vote: ev.VoteHeld, names: dict[str, Name]) -> VoteLine:
    if vote.between:
        winner_id = vote.winner or vote.between[0]
        loser_id = next((s for s in vote.between if s != winner_id), vote.between[-1])
        side, count, tally = None, None, ""
        if not vote.unanimous and vote.votes_against is not None:
            side = "against"
            count, tally = _count(vote.votes_against)
        elif not vote.unanimous and vote.votes_for is not None:
            side = "for"
            count, tally = _count(vote.votes_for)
        # The winner is named short ("innstillingen"), the sides in full.
        winner = (naming.RECOMMENDATION if winner_id == RECOMMENDATION_ID
                  else _side_name(winner_id, vote, names))
        return VoteLine("alternative", subject=_side_name(vote.between[0], vote, names),
                        winner=winner, loser=_side_name(loser_id, vote, names),
                        result="vedtatt", unanimous=vote.unanimous, side=side, count=count,
                        tally=tally, casting_vote=vote.casting_vote,
                        other=_side_name(vote.between[1], vote, names))
    subject = _side_name(vote.on or RECOMMENDATION_ID, vote, names)
    side, count, tally = None, None, ""
    if not vote.unanimous:
        if vote.votes_against is not None:
            side = "against"
            count, tally = _count(vote.votes_against)
        elif vote.votes_for is not None:
            side = "for"
            count, tally = _count(vote.votes_for)
    return VoteLine("vote", subject=subject, result=vote.result, unanimous=vote.unanimous,
                    side=side, count=count, tally=tally, casting_vote=vote.casting_vote)
