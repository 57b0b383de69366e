"""Events to state: the register and each case with its agenda items.

`evolve_*` apply an event without checking it again (the command checked it before it was
stored), so replaying history never re-runs validation. An item is decided by one path,
`settle`, whether it closes for the first time or again after a correction.
"""

from __future__ import annotations

from dataclasses import fields, replace

from engine.domain import events as ev
from engine.domain.deliberation import close
from engine.domain.lifecycle import load_workflow
from engine.domain.state import Body, Case, Item, Outcome, Proposal, Registry
from engine.domain.text import Paragraph, Text


def _text(data: list[ev.ParagraphData]) -> Text:
    return tuple(Paragraph(p.id, p.text) for p in data)


def evolve_registry(registry: Registry, event: ev.Event) -> None:
    match event:
        case ev.PartyRegistered():
            registry.parties[event.short] = event.name
        case ev.BodyRegistered():
            registry.bodies[event.name] = Body(event.name, event.kind, event.seats,
                                               event.language, list(event.members),
                                               event.wording)
        case ev.PersonRegistered():
            registry.people[event.name] = event.affiliation
            if event.display:
                registry.display[event.name] = event.display
        case ev.MunicipalityNamed():
            registry.municipality = event.name
        case ev.ItemSelected():
            registry.current_item = (event.meeting, event.arkivsak)
    registry.version += 1


def new_case(event: ev.CaseOpened) -> Case:
    text = _text(event.recommendation)
    return Case(arkivsak=event.arkivsak, title=event.title, workflow=event.workflow,
                route=list(event.route), original=text, recommendation=text,
                prepared_by=event.prepared_by, prepared_date=event.prepared_date,
                stage=0, state=event.route[0].role, version=1, log=[event],
                without_recommendation=event.without_recommendation)


def skipped_events(log: list[ev.Event]) -> set[int]:
    """The events an undo or a reopening sets aside: a retracted step, and the close a
    reopening undid (the item's last close not already set aside)."""
    skipped: set[int] = set()
    for index, event in enumerate(log):
        if isinstance(event, ev.StepRetracted):
            skipped.add(event.step - 1)
        elif isinstance(event, ev.ItemReopened):
            closes = [j for j in range(index) if j not in skipped
                      and isinstance(log[j], ev.ItemClosed) and log[j].meeting == event.meeting]
            if closes:
                skipped.add(closes[-1])
    return skipped


def _refold(case: Case, registry: Registry) -> None:
    """The case derived again from its log without the events set aside: the state is as if
    the retracted step, or the undone close, had never happened."""
    skipped = skipped_events(case.log)
    opened = case.log[0]
    assert isinstance(opened, ev.CaseOpened)
    fresh = new_case(opened)
    for index, event in enumerate(case.log[1:], 1):
        if index in skipped:
            continue
        if isinstance(event, ev.StepRetracted | ev.ItemReopened):
            item = fresh.item(event.meeting)
            if item is not None:
                item.undone.append(event)
            continue
        _evolve_event(fresh, event, registry)
    fresh.log, fresh.version, fresh.skipped = case.log, case.version, skipped
    for f in fields(Case):
        setattr(case, f.name, getattr(fresh, f.name))


def evolve_case(case: Case, event: ev.Event, registry: Registry) -> None:
    case.version += 1
    case.log.append(event)
    if isinstance(event, ev.StepRetracted | ev.ItemReopened):
        _refold(case, registry)
        return
    _evolve_event(case, event, registry)


def _evolve_event(case: Case, event: ev.Event, registry: Registry) -> None:
    if isinstance(event, ev.ItemOpened):
        stage = case.route[event.stage]
        workflow = load_workflow(case.workflow)
        same_round = (stage.role == case.route[case.stage].role
                      and workflow.is_hearing(stage.role))
        if event.stage != case.stage and not same_round:
            # The next body takes the case up: it leaves the hearing round.
            case.stage = event.stage
            case.state = workflow.fire("case", case.state, workflow.stage_trigger(stage.role))
        case.items.append(Item(meeting=event.meeting, body=event.body, date=event.date,
                               sak=event.sak, stage=event.stage, role=stage.role,
                               base=case.recommendation, title=event.title,
                               result_label=event.result_label,
                               produces=workflow.stage_outcome(stage.role),
                               starts_empty=workflow.starts_empty(stage.role)))
        return
    if isinstance(event, ev.CaseResubmitted | ev.CaseWithdrawn):
        _evolve_case_level(case, event)
        return
    item = case.item(event.meeting)  # type: ignore[union-attr]
    assert item is not None, f"event for an item that was never opened: {event}"
    if isinstance(event, ev.ItemExempted):  # skjerming: not a step of the Behandling
        item.exemption = event
        return
    if isinstance(event, ev.VotingOrderSet):  # the console's plan, not a step either
        item.voting_order = list(event.order)
        return
    if isinstance(event, ev.ItemAttendance | ev.CorrectionMade):
        # Not steps of the protocol's Behandling: they adjust attendance or earlier steps.
        _evolve_live(case, item, event, registry)
        return
    workflow = load_workflow(case.workflow)
    fire = workflow.triggers.item
    match event:
        case ev.ItemClosed():
            _close(case, item, registry)
            return
        case ev.NoteRecorded():
            pass
        case ev.RapporteurNamed():
            item.rapporteur = event.person
        case ev.ImpartialityRuled():
            if event.ruling == "inhabil" and event.person not in item.inhabil:
                item.inhabil.append(event.person)
        case ev.AttendanceSet():
            item.present.update(event.present)
        case ev.ProposalMade():
            item.proposals[event.id] = Proposal(
                id=event.id, by=event.by, kind=event.kind, effect=event.effect,
                meeting=event.meeting, on_behalf_of=list(event.on_behalf_of),
                label=event.label, revises=event.revises,
                co_proposers=list(event.co_proposers), parties=list(event.parties),
                members=event.members)
        case ev.ProposalWithdrawn():
            item.proposals[event.id].status = "withdrawn"
        case ev.VoteHeld():
            item.votes.append(event)
            item.state = workflow.fire("item", item.state, fire.vote)
            _mark_vote(item, event)
            subject = item.proposals.get(event.on or "")
            if subject and subject.kind == "utsettelsesforslag" and event.result == "vedtatt":
                item.state = workflow.fire("item", item.state, fire.postpone)
        case ev.RemarkJoined():
            item.joins.append(event)
        case ev.TakenNote():
            item.taken_note = _text(event.paragraphs)
        case ev.Postponed():
            item.postponement = event
            item.state = workflow.fire("item", item.state, fire.postpone)
        case ev.CaseSentBack() | ev.CaseReferred():
            item.disposal = event
            item.state = workflow.fire("item", item.state, fire.refer if isinstance(
                event, ev.CaseReferred) else fire.send_back)
    if item.state == "sakskart":
        item.state = workflow.fire("item", item.state, fire.take_up)
    item.steps.append(event)


def _mark_vote(item: Item, vote: ev.VoteHeld) -> None:
    for subject in ([vote.on, *vote.also] if vote.on else []):
        if subject in item.proposals:
            item.proposals[subject].status = "adopted" if vote.result == "vedtatt" else "fell"
    for side in vote.between or []:
        if side in item.proposals:
            item.proposals[side].status = "adopted" if side == vote.winner else "fell"


def settle(item: Item, registry: Registry) -> Outcome:
    """What the item decided, by the workflow's rules for its stage: the one derivation of an
    item's outcome, for its first close and again after a correction."""
    body = registry.bodies.get(item.body)
    outcome = close(item, seats=body.seats if body else None, party_of=registry.party_of)
    if item.produces == "debate" and outcome.kind == "decided" and not outcome.applied:
        # Debated without an adopted proposal: nothing was decided.
        outcome = replace(outcome, kind="debated")
    item.outcome = outcome
    return outcome


def _carry(case: Case, item: Item, outcome: Outcome) -> None:
    """What the item's outcome makes of the case's texts: the next body's recommendation, or
    the case's decision."""
    if outcome.kind == "postponed" or item.disposal is not None:
        return
    if item.produces == "recommendation":
        case.recommendation = outcome.text
    elif item.produces in ("decision", "debate") and outcome.kind in ("decided", "noted"):
        # A case taken to information at its deciding stage: the given text is the decision.
        case.decision = outcome


def _close(case: Case, item: Item, registry: Registry) -> None:
    workflow = load_workflow(case.workflow)
    outcome = settle(item, registry)
    for proposal in item.proposals.values():
        if proposal.status == "proposed":
            proposal.status = "lapsed"
    if outcome.kind == "postponed":
        if item.state != "utsatt":
            item.state = workflow.fire("item", item.state, workflow.triggers.item.postpone)
        return
    if item.disposal is not None:
        _dispose(case, item, item.disposal)
        return
    item.state = workflow.fire("item", item.state, workflow.triggers.item.close)
    _carry(case, item, outcome)
    if item.produces == "recommendation":
        _advance(case, item, finish=False)
    elif item.produces in ("decision", "debate", "report"):
        _advance(case, item, finish=True)


def _reclose(case: Case, item: Item, registry: Registry) -> None:
    """The closed item's outcome again, after a correction (no state transition); the case's
    texts follow where this item was the last to handle it."""
    outcome = settle(item, registry)
    if case.items[-1] is item:
        _carry(case, item, outcome)


def _advance(case: Case, item: Item, *, finish: bool) -> None:
    """On to the next stage of the route; past the last one the case is done (`finish`)."""
    workflow = load_workflow(case.workflow)
    if item.stage + 1 < len(case.route):
        case.stage = item.stage + 1
        next_role = case.route[case.stage].role
        case.state = workflow.fire("case", case.state, workflow.stage_trigger(next_role))
    elif finish:
        case.state = workflow.fire("case", case.state, workflow.triggers.case.decide)


def _dispose(case: Case, item: Item, event: ev.CaseSentBack | ev.CaseReferred) -> None:
    """A case sent back or referred moves on the route as the event says."""
    workflow = load_workflow(case.workflow)
    if isinstance(event, ev.CaseReferred):
        case.route.insert(item.stage + 1, ev.Stage(body=event.to, role=event.role))
        case.stage = item.stage + 1
        case.state = workflow.fire("case", case.state, workflow.stage_trigger(event.role))
    elif event.stage is not None:
        case.stage = event.stage
        role = case.route[event.stage].role
        case.state = workflow.fire("case", case.state, workflow.stage_trigger(role))
    else:
        case.state = workflow.fire("case", case.state, workflow.triggers.case.send_back)


def _evolve_case_level(case: Case, event: ev.CaseResubmitted | ev.CaseWithdrawn) -> None:
    workflow = load_workflow(case.workflow)
    if isinstance(event, ev.CaseWithdrawn):
        case.withdrawn = event
        case.state = workflow.fire("case", case.state, workflow.triggers.case.withdraw)
        return
    # A new saksframlegg: its recommendation replaces the current one from now on.
    case.recommendation = _text(event.recommendation)
    case.round = event.round
    case.resubmissions.append(event)
    case.stage = event.stage
    role = case.route[event.stage].role
    case.state = workflow.fire("case", case.state, workflow.stage_trigger(role))


def _replace_step(item: Item, old: ev.Event, new: ev.Event) -> None:
    item.steps = [new if step is old else step for step in item.steps]


def _evolve_live(case: Case, item: Item, event: ev.Event, registry: Registry) -> None:
    """Apply an attendance or correction event (already checked) to the derived state."""
    if isinstance(event, ev.ItemAttendance):
        item.absent += [p for p in event.absent if p not in item.absent]
        item.deputies += [tuple(d) for d in event.deputies  # type: ignore[misc]
                          if tuple(d) not in item.deputies]
        return
    assert isinstance(event, ev.CorrectionMade)
    item.corrections.append(event)
    if event.target == "vote" and event.vote is not None:
        old_vote = item.votes[event.vote - 1]
        new_vote = old_vote.model_copy(update={
            "votes_for": event.votes_for, "votes_against": event.votes_against,
            "unanimous": False, "n_for": event.n_for, "n_against": event.n_against})
        item.votes[event.vote - 1] = new_vote
        _replace_step(item, old_vote, new_vote)
    elif event.target == "proposal" and event.proposal in item.proposals:
        proposal = item.proposals[event.proposal]
        proposal.effect = proposal.effect.model_copy(update={"paragraphs": event.paragraphs})
        made = next((s for s in item.steps if isinstance(s, ev.ProposalMade)
                     and s.id == event.proposal), None)
        if made is not None:
            _replace_step(item, made, made.model_copy(update={"effect": proposal.effect}))
    if item.outcome is not None:
        _reclose(case, item, registry)
