"""The saksprotokoll as data: header, decision, handling and voting record. Pure.

`build_protocol` reads a case and one of its items and says *what* the protocol records; the
templates in `templates/<language>/` say it in words. Nothing here is worded, except the texts
that come from the record itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from documents import naming
from documents.voting_record import VoteLine, style, voting_lines
from engine.domain import events as ev
from engine.domain.lifecycle import load_workflow
from engine.domain.state import Case, Item, Registry
from engine.domain.text import Text, position, render_plain

if TYPE_CHECKING:
    from engine.app.approvals import Approval

RECOMMENDATION_ID = "innstillingen"
__all__ = ["VoteLine", "build_protocol"]  # VoteLine: the voting record's sentences


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
    """A result code (utsatt, orientering, behandlet, debattert, innstillingen, annet,
    forslag, returned, referred, pending) or, where
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
    """One line of Behandling. `type` is question (a debated item's question), note, ruling,
    deputy, proposal, postponed, taken_note, sent_back or referred."""

    type: str
    text: str = ""
    person: Person | None = None
    member: Person | None = None
    """For a deputy: the inhabil member whose seat they took."""
    to: str | None = None
    """For sent_back and referred: "administration" or the body, as written in a sentence."""
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
    together: tuple[Person, ...] = ()
    """For a proposal: the other members who made it with `person`."""
    parties: tuple[str, ...] = ()
    """For a proposal: the parties that made it together (`person`, if any, presented it)."""
    members: str | None = None
    """For a proposal by the body's members: the body's kind (for the words)."""
    body: str = ""
    style: str = "political"
    """How the body's protocols read a proposal (voting_record.style): advisory or
    political."""
    basis: ev.Basis | None = None
    """For an inhabil ruling: its legal basis (forvaltningsloven § 6)."""


@dataclass(frozen=True, slots=True)
class CorrectionNote:
    """A correction made after the protocol was approved: printed as a dated note (one made
    before approval is simply applied)."""

    date: str
    """dd.mm.yyyy, or "" where the record has no date."""
    reason: str


@dataclass(frozen=True, slots=True)
class LackLine:
    """One thing the møtebok lacked (kommuneloven § 11-4) when an old record was approved as
    it was kept."""

    what: str
    """place, start, end, chair, members, attendance, basis or party_votes."""
    sak: str | None = None
    """For basis and party_votes: the body's case number."""
    person: str | None = None
    """For basis: the inhabil member's name."""
    vote: int | None = None
    """For party_votes: the vote's number in the item."""


@dataclass(frozen=True, slots=True)
class ApprovalNote:
    """The protocol's approval, for the line it ends with."""

    date: str
    """dd.mm.yyyy"""
    text: str | None = None
    by: tuple[str, ...] = ()
    """Who approved it, as given (may be none)."""
    method: str | None = None
    """elektronisk, signert, møte, or none (the house's way: electronic)."""
    as_recorded: bool = False
    """Approved as an old record holds it."""
    lacking: tuple[LackLine, ...] = ()
    """What the møtebok lacked when it was approved as recorded."""


@dataclass(frozen=True)
class Protocol:
    header: Header
    decision: Decision | None
    handling: tuple[Entry, ...]
    voting: tuple[VoteLine, ...]
    meeting: str
    role: str
    extra: dict[str, str] = field(default_factory=dict)
    corrections: tuple[CorrectionNote, ...] = ()
    approval: ApprovalNote | None = None


def plain(text: Text) -> str:
    return render_plain(p.text for p in text)


def person(registry: Registry, name: str) -> Person:
    return Person(registry.name_of(name), registry.people.get(name))


def approval_note(approval: Approval | None,
                  registry: Registry | None = None) -> ApprovalNote | None:
    if approval is None:
        return None
    name = registry.name_of if registry is not None else str
    return ApprovalNote(naming.norwegian_date(approval.date), approval.text,
                        by=tuple(approval.names), method=approval.method,
                        as_recorded=approval.as_recorded,
                        lacking=tuple(LackLine(lack.what, lack.sak,
                                               name(lack.person) if lack.person else None,
                                               lack.vote) for lack in approval.lacking))


def build_protocol(registry: Registry, case: Case, item: Item,
                   approval: Approval | None = None) -> Protocol:
    """The protocol of `item`; `approval`: its meeting's (engine.app.approvals), or none."""
    return Protocol(
        header=_header(registry, case, item),
        decision=_decision(registry, case, item),
        handling=tuple(_handling(registry, case, item)),
        voting=tuple(voting_lines(registry, item)),
        meeting=item.meeting,
        role=item.role,
        corrections=tuple(_corrections(item)),
        approval=approval_note(approval, registry),
    )


def _corrections(item: Item):
    for correction in item.corrections:
        if correction.after_approval:
            date = getattr(correction, "date", None)
            yield CorrectionNote(naming.norwegian_date(date), correction.reason)


def is_debate(case: Case, item: Item) -> bool:
    """Whether the item's stage is debated (an interpellasjon), by the case's workflow."""
    from engine.domain.errors import NotFound

    try:
        return load_workflow(case.workflow).stage_outcome(item.role) == "debate"
    except NotFound:
        return False


def result_code(item: Item, debate: bool = False) -> str:
    """The Resultat, derived from how the item ended (`debate`: the item's stage is debated,
    where an adopted proposal is the decision and there is no recommendation to keep)."""
    outcome = item.outcome
    if outcome is None:
        return "pending"
    if outcome.kind == "postponed":
        return "utsatt"
    if item.produces == "statement" and outcome.kind in ("decided", "noted"):
        # An advisory body's item is "Behandlet", whether it gave a statement or took the
        # case to information (the councils' records: Ungdommens bystyre, 19/8286).
        return "behandlet"
    if outcome.kind == "noted":
        return "orientering"
    if outcome.kind in ("returned", "referred"):
        return outcome.kind
    if outcome.kind == "debated":
        return "debattert"
    if item.produces == "statement":
        return "behandlet"
    if debate or not item.base:
        # No recommendation to keep: the decision is made from the adopted proposals.
        return "forslag" if outcome.text else "behandlet"
    return "innstillingen" if outcome.text == item.base else "annet"


def _header(registry: Registry, case: Case, item: Item) -> Header:
    label = item.result_label
    result = label or result_code(item, is_debate(case, item))
    return Header(municipality=registry.municipality, body=item.body,
                  date=naming.norwegian_date(item.date), sak=item.sak,
                  title=item.title or case.title, result=result,
                  result_is_label=bool(label), arkivsak=case.arkivsak)


def _next_body(case: Case, item: Item) -> str | None:
    workflow = load_workflow(case.workflow)
    for stage in case.route[item.stage + 1:]:
        if workflow.stage_outcome(stage.role) != "statement":
            return naming.body_in_sentence(stage.body)
    return None


def _decision(registry: Registry, case: Case, item: Item) -> Decision | None:
    outcome = item.outcome
    if outcome is None:
        return None
    rapporteur = person(registry, item.rapporteur) if item.rapporteur else None
    if outcome.kind == "debated":
        return None  # debated without a vote: nothing was decided
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
        # The protocol's form follows what the stage produces, whatever the role is called.
        form = {"recommendation": "innstilling", "statement": "uttalelse"}.get(
            item.produces, "vedtak")
    return Decision(form, plain(outcome.text), item.body,
                    next_body=_next_body(case, item) if form == "innstilling" else None,
                    remarks=remarks, sent=outcome.sent, rapporteur=rapporteur)


def _handling(registry: Registry, case: Case, item: Item):
    if is_debate(case, item) and item.base:
        yield Entry("question", text=plain(item.base))
    for step in item.steps:
        match step:
            case ev.NoteRecorded():
                yield Entry("note", text=step.text)
            case ev.ImpartialityRuled():
                yield Entry("ruling", text=step.text or "", person=person(registry, step.person),
                            ruling=step.ruling, basis=step.basis)
                if step.ruling == "inhabil":
                    # The deputy who took the inhabil member's seat for this item.
                    for deputy, member in item.deputies:
                        if member == step.person:
                            yield Entry("deputy", person=person(registry, deputy),
                                        member=person(registry, member))
            case ev.CaseSentBack():
                to = ("administration" if step.to == "administration"
                      else naming.body_in_sentence(step.to))
                yield Entry("sent_back", text=step.text, to=to)
            case ev.CaseReferred():
                yield Entry("referred", text=step.text, to=naming.body_in_sentence(step.to))
            case ev.ProposalMade():
                yield _proposal_entry(registry, item, step)
            case ev.Postponed():
                yield Entry("postponed", text=step.text)
            case ev.TakenNote():
                yield Entry("taken_note", text=render_plain(p.text for p in step.paragraphs))


def _proposal_entry(registry: Registry, item: Item, step: ev.ProposalMade) -> Entry:
    proposal = item.proposals.get(step.id)
    effect = step.effect
    body = registry.bodies.get(item.body)
    common = {"person": person(registry, step.by) if step.by else None, "kind": step.kind,
              "on_behalf_of": tuple(step.on_behalf_of),
              "together": tuple(person(registry, p) for p in step.co_proposers),
              "parties": tuple(step.parties), "body": item.body,
              "members": (body.kind if body else "council") if step.members else None,
              "style": style(registry, item.body),
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
