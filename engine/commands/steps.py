"""The deciders of an item's steps, one a step kind: each checks the step against the item
and returns the event to emit (engine.commands.deciders.apply_step emits it)."""

from __future__ import annotations

from collections.abc import Callable

from engine.commands.lookup import (
    body_named,
    parse_date,
    require_party,
    require_person,
)
from engine.commands.votes import decide_vote
from engine.commands.workspace import Workspace
from engine.domain import events as ev
from engine.domain import steps as st
from engine.domain.errors import AlreadyExists, NotFound, RuleViolation
from engine.domain.state import Case, Item
from engine.domain.text import as_paragraphs, has_words, id_at


def _note(ws: Workspace, case: Case, item: Item, step: st.Note) -> ev.Event:
    return ev.NoteRecorded(meeting=item.meeting, text=step.text.strip())


def _rapporteur(ws: Workspace, case: Case, item: Item, step: st.Rapporteur) -> ev.Event:
    require_person(ws.registry, step.person)
    return ev.RapporteurNamed(meeting=item.meeting, person=step.person)


def _impartiality(ws: Workspace, case: Case, item: Item, step: st.Impartiality) -> ev.Event:
    require_person(ws.registry, step.person)
    basis = (ev.Basis(ledd=step.basis.ledd, bokstav=step.basis.bokstav)
             if step.basis is not None else None)
    return ev.ImpartialityRuled(meeting=item.meeting, person=step.person, ruling=step.ruling,
                                text=step.text.strip() if step.text else None, basis=basis)


def _present(ws: Workspace, case: Case, item: Item, step: st.Present) -> ev.Event:
    seats = body_named(ws.registry, item.body).seats
    for party, n in step.present.items():
        require_party(ws.registry, party)
        if n < 0 or (seats is not None and n > seats.get(party, 0)):
            raise RuleViolation(f"{n} til stede fra {party}, men {party} har "
                                f"{(seats or {}).get(party, 0)} seter i {item.body}.",
                                rule="present")
    return ev.AttendanceSet(meeting=item.meeting, present=dict(step.present))


def _propose(ws: Workspace, case: Case, item: Item, step: st.Propose) -> ev.Event:
    if case.proposal(step.id) is not None:
        raise AlreadyExists(f"Forslaget «{step.id}» finnes allerede i sak {case.arkivsak}.")
    for person in step.proposers:
        require_person(ws.registry, person)
        if person in item.inhabil:
            raise RuleViolation(f"{person} er inhabil og har fratrådt behandlingen.",
                                rule="inhabil")
    for party in [*step.on_behalf_of, *step.parties]:
        require_party(ws.registry, party)
    if step.revises is not None and case.proposal(step.revises) is None:
        raise NotFound(f"revises: forslaget «{step.revises}» finnes ikke i sak "
                       f"{case.arkivsak}.")
    return ev.ProposalMade(
        meeting=item.meeting, id=step.id, by=step.by or "", kind=step.kind,
        on_behalf_of=list(step.on_behalf_of), label=step.label, revises=step.revises,
        effect=_effect(item, step), co_proposers=list(step.together),
        parties=list(step.parties), members=step.members)


def _effect(item: Item, step: st.Propose) -> ev.Effect:
    """The proposal's effect with paragraph numbers resolved against the item's base text."""
    base = item.base
    prefix = f"p:{step.id}#"

    def new(value: str | list[str]) -> list[ev.ParagraphData]:
        paragraphs = as_paragraphs(value)
        if not all(paragraphs):
            raise RuleViolation(f"Forslaget «{step.id}» har et tomt avsnitt.")
        return [ev.ParagraphData(id=f"{prefix}{i}", text=t) for i, t in enumerate(paragraphs, 1)]

    match step.effect_kind:
        case "add":
            assert step.add is not None
            if step.at is None:
                return ev.Effect(kind="add", paragraphs=new(step.add))
            limit = len(base) + 1 if not item.starts_empty else None
            if step.at < 1 or (limit is not None and step.at > limit):
                raise _no_paragraph(item, step.at, "at")
            anchor = id_at(base, step.at) if not item.starts_empty else None
            return ev.Effect(kind="add", paragraphs=new(step.add), numbers=[step.at],
                             targets=[anchor] if anchor else [])
        case "replace":
            assert step.replace is not None and step.text is not None
            texts = new(step.text)
            if len(texts) != 1:
                raise RuleViolation(f"replace: {step.replace} gir avsnittet én ny tekst, ikke "
                                    f"{len(texts)}.")
            target = _resolve(item, step.replace, "replace")
            return ev.Effect(kind="replace", paragraphs=[
                ev.ParagraphData(id=target, text=texts[0].text)], numbers=[step.replace],
                targets=[target])
        case "amend":
            assert step.amend is not None
            target = _resolve(item, step.amend.paragraph, "amend")
            paragraph = next(p for p in base if p.id == target)
            if not has_words(paragraph.text, step.amend.old):
                raise RuleViolation(
                    f"amend: «{step.amend.old}» står ikke i avsnitt {step.amend.paragraph}.",
                    rule="amend-words")
            return ev.Effect(kind="amend", numbers=[step.amend.paragraph], targets=[target],
                             old=step.amend.old, new=step.amend.new)
        case "strike":
            assert step.strike is not None
            if not step.strike:
                raise RuleViolation("strike nevner ingen avsnitt.")
            return ev.Effect(kind="strike", numbers=list(step.strike),
                             targets=[_resolve(item, n, "strike") for n in step.strike])
    if step.take_note is not None:
        return ev.Effect(kind="note", paragraphs=new(step.take_note))
    assert step.text is not None
    return ev.Effect(kind="text", paragraphs=new(step.text))


def _no_paragraph(item: Item, number: int, key: str) -> RuleViolation:
    return RuleViolation(f"{key}: innstillingen har ikke avsnitt {number} (den har "
                         f"{len(item.base)}).", rule="paragraph")


def _resolve(item: Item, number: int, key: str) -> str:
    pid = id_at(item.base, number)
    if pid is None:
        raise _no_paragraph(item, number, key)
    return pid


def _withdraw(ws: Workspace, case: Case, item: Item, step: st.Withdraw) -> ev.Event:
    proposal = item.proposals.get(step.id)
    if proposal is None:
        raise NotFound(f"Forslaget «{step.id}» finnes ikke i denne behandlingen.")
    if proposal.status == "withdrawn":
        raise RuleViolation(f"Forslaget «{step.id}» er allerede trukket.", rule="withdrawn")
    if item.voted_on(step.id):
        raise RuleViolation(f"Forslaget «{step.id}» er allerede votert over og kan ikke "
                            "trekkes.", rule="voted")
    return ev.ProposalWithdrawn(meeting=item.meeting, id=step.id)


def _join(ws: Workspace, case: Case, item: Item, step: st.Join) -> ev.Event:
    proposal = item.proposals.get(step.remark)
    if proposal is None:
        raise NotFound(f"Det finnes ingen merknad «{step.remark}» i denne behandlingen.")
    if proposal.kind != "merknad":
        raise RuleViolation(f"«{step.remark}» er et {proposal.kind}, ikke en merknad.",
                            rule="remark")
    if proposal.status == "withdrawn":
        raise RuleViolation(f"Merknaden «{step.remark}» er trukket.", rule="withdrawn")
    if not step.parties:
        raise RuleViolation("join nevner ingen partier.")
    for party in step.parties:
        require_party(ws.registry, party)
    return ev.RemarkJoined(meeting=item.meeting, remark=step.remark, parties=list(step.parties))


def _take_note(ws: Workspace, case: Case, item: Item, step: st.TakeNote) -> ev.Event:
    paragraphs = as_paragraphs(step.text)
    prefix = f"orientering:{item.body}:{item.date}#"
    return ev.TakenNote(meeting=item.meeting, paragraphs=[
        ev.ParagraphData(id=f"{prefix}{i}", text=t) for i, t in enumerate(paragraphs, 1)])


def _postpone(ws: Workspace, case: Case, item: Item, step: st.Postpone) -> ev.Event:
    to = parse_date(step.to, "to") if step.to is not None else None
    if to is not None and to <= item.date:
        raise RuleViolation(f"Saken kan ikke utsettes til {to}, som ikke er etter møtet "
                            f"{item.date}.", rule="postpone-date")
    return ev.Postponed(meeting=item.meeting, to=to, text=step.text.strip())


STEP_DECIDERS: dict[type, Callable[..., ev.Event]] = {
    st.Note: _note, st.Rapporteur: _rapporteur, st.Impartiality: _impartiality,
    st.Present: _present, st.Propose: _propose, st.Withdraw: _withdraw, st.Vote: decide_vote,
    st.Join: _join, st.TakeNote: _take_note, st.Postpone: _postpone,
}
