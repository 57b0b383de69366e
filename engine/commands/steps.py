"""The deciders of an item's steps, one a step kind: each checks the step against the item
and returns the event to emit (engine.commands.deciders.apply_step emits it)."""

from __future__ import annotations

from collections.abc import Callable

from engine.commands.lookup import (
    body_named,
    parse_date,
    present_counts,
    require_party,
    require_person,
)
from engine.commands.workspace import Workspace
from engine.domain import events as ev
from engine.domain import steps as st
from engine.domain import voting
from engine.domain.deliberation import RECOMMENDATION
from engine.domain.errors import AlreadyExists, NotFound, RuleViolation
from engine.domain.lifecycle import load_workflow
from engine.domain.procedure import alternative_counts, count_vote
from engine.domain.state import Case, Item
from engine.domain.text import as_paragraphs, has_words, id_at


def _note(ws: Workspace, case: Case, item: Item, step: st.Note) -> ev.Event:
    return ev.NoteRecorded(meeting=item.meeting, text=step.text.strip())


def _rapporteur(ws: Workspace, case: Case, item: Item, step: st.Rapporteur) -> ev.Event:
    require_person(ws.registry, step.person)
    return ev.RapporteurNamed(meeting=item.meeting, person=step.person)


def _impartiality(ws: Workspace, case: Case, item: Item, step: st.Impartiality) -> ev.Event:
    require_person(ws.registry, step.person)
    return ev.ImpartialityRuled(meeting=item.meeting, person=step.person, ruling=step.ruling,
                                text=step.text.strip() if step.text else None)


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
    require_person(ws.registry, step.by)
    if step.by in item.inhabil:
        raise RuleViolation(f"{step.by} er inhabil og har fratrådt behandlingen.",
                            rule="inhabil")
    for party in step.on_behalf_of:
        require_party(ws.registry, party)
    if step.revises is not None and case.proposal(step.revises) is None:
        raise NotFound(f"revises: forslaget «{step.revises}» finnes ikke i sak "
                       f"{case.arkivsak}.")
    return ev.ProposalMade(
        meeting=item.meeting, id=step.id, by=step.by, kind=step.kind,
        on_behalf_of=list(step.on_behalf_of), label=step.label, revises=step.revises,
        effect=_effect(item, step))


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


def _vote(ws: Workspace, case: Case, item: Item, step: st.Vote) -> ev.Event:
    sides = list(step.between) if step.between else [step.on]  # type: ignore[list-item]
    for side in sides:
        _check_subject(item, side)
    rules = load_workflow(case.workflow).rules
    pending = [p for p in item.proposals.values() if p.kind == "utsettelsesforslag"
               and p.status == "proposed" and not item.voted_on(p.id)]
    if rules.postponement_first and pending and not set(sides) & {p.id for p in pending}:
        raise RuleViolation(
            f"Utsettelsesforslaget «{pending[0].id}» må voteres over først.",
            rule="postponement-first")
    numbers = step.parts or step.except_
    for n in numbers:
        if id_at(item.base, n) is None:
            raise _no_paragraph(item, n, "parts" if step.parts else "except")
    part_ids: list[str] = []
    if RECOMMENDATION in sides:
        if step.parts:
            part_ids = [id_at(item.base, n) for n in step.parts]  # type: ignore[misc]
        else:
            excluded = {id_at(item.base, n) for n in step.except_}
            part_ids = [p.id for p in item.base if p.id not in excluded]
    elif numbers:
        raise RuleViolation("parts og except hører til en votering over innstillingen.")
    present = present_counts(ws.registry, item)
    votes_for = voting.parse_tally(step.for_)
    votes_against = voting.parse_tally(step.against)
    try:
        voting.check_tally(votes_for, ws.registry.parties, present)
        voting.check_tally(votes_against, ws.registry.parties, present)
        if present is not None and votes_for and votes_against:
            for party, n in present.items():
                both = dict(votes_for).get(party, 0) + dict(votes_against).get(party, 0)
                if both > n:
                    raise RuleViolation(f"{both} stemmer fra {party}, men {party} har bare {n} "
                                        "medlemmer til stede.", rule="tally-exceeds-present")
    except RuleViolation as exc:
        # Say why a party has fewer members than seats: an inhabil member's vote never counts.
        left = [p for p in item.inhabil if f"fra {ws.registry.party_of(p)}," in str(exc)]
        if exc.rule != "tally-exceeds-present" or not left:
            raise
        raise RuleViolation(f"{exc} Inhabil og fratrådt: {', '.join(left)}.",
                            rule=exc.rule) from None
    present_total = sum(present.values()) if present is not None else None
    if step.between:
        if step.result == "falt":
            raise RuleViolation("I en alternativ votering vinner ett alternativ: bruk winner, "
                                "ikke result: falt.", rule="alternative")
        n_win, n_lose = alternative_counts(votes_for, votes_against, step.unanimous,
                                            present_total)
        if n_win is not None and n_lose is not None and n_lose > n_win:
            raise RuleViolation(
                f"«{step.winner}» kan ikke vinne med {n_win} mot {n_lose} stemmer.",
                rule="result-contradicts")
        _check_one_winner(item, step.winner, part_ids)
        return ev.VoteHeld(
            meeting=item.meeting, between=sides, winner=step.winner, parts=list(step.parts),
            part_ids=part_ids, votes_for=list(votes_for) if votes_for else None,
            votes_against=list(votes_against) if votes_against else None,
            unanimous=step.unanimous, result="vedtatt", stated_result=step.result,
            casting_vote=n_win is not None and n_win == n_lose, n_for=n_win, n_against=n_lose)
    counted = count_vote(rules, votes_for=votes_for, votes_against=votes_against,
                         unanimous=step.unanimous, stated=step.result,
                         present_total=present_total)
    if counted.result == "vedtatt":
        _check_one_winner(item, step.on, part_ids)
    return ev.VoteHeld(
        meeting=item.meeting, on=step.on, parts=list(step.parts),
        except_parts=list(step.except_), part_ids=part_ids,
        votes_for=list(votes_for) if votes_for else None,
        votes_against=list(votes_against) if votes_against else None,
        unanimous=step.unanimous, result=counted.result,  # type: ignore[arg-type]
        stated_result=step.result, casting_vote=counted.casting_vote,
        n_for=counted.votes_for, n_against=counted.votes_against)


def _check_one_winner(item: Item, winner: str | None, part_ids: list[str]) -> None:
    """Two alternatives cannot both win: a second alternativt forslag adopted, or the
    recommendation adopted on paragraphs it already lost in an alternative vote."""
    proposal = item.proposals.get(winner or "")
    if proposal is not None and proposal.kind == "alternativt forslag":
        for other in item.proposals.values():
            if other.kind == "alternativt forslag" and other.status == "adopted":
                raise RuleViolation(f"«{winner}» og «{other.id}» er alternativer og kan ikke "
                                    "begge vinne.", rule="alternative")
    if winner == RECOMMENDATION:
        for vote in item.votes:
            if (vote.between and RECOMMENDATION in vote.between
                    and vote.winner != RECOMMENDATION and set(vote.part_ids) & set(part_ids)):
                raise RuleViolation(f"Innstillingen tapte alt mot «{vote.winner}»; to "
                                    "alternativer kan ikke begge vinne.", rule="alternative")


def _check_subject(item: Item, subject: str) -> None:
    if subject == RECOMMENDATION:
        return
    proposal = item.proposals.get(subject)
    if proposal is None:
        raise NotFound(f"Det finnes ikke noe forslag «{subject}» i denne behandlingen.")
    if proposal.status == "withdrawn":
        raise RuleViolation(f"Forslaget «{subject}» er trukket.", rule="withdrawn")
    if proposal.kind == "merknad":
        raise RuleViolation(f"«{subject}» er en merknad; det voteres ikke over merknader.",
                            rule="remark")
    if item.voted_on(subject):
        raise RuleViolation(f"Det er allerede votert over forslaget «{subject}».",
                            rule="voted")


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
    st.Present: _present, st.Propose: _propose, st.Withdraw: _withdraw, st.Vote: _vote,
    st.Join: _join, st.TakeNote: _take_note, st.Postpone: _postpone,
}
