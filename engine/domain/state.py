"""State derived from events: the register and each case with its agenda items.

`evolve_*` apply an event without checking it again (the command checked it before it was
stored), so replaying history never re-runs validation. The state objects are plain and
mutable: they are rebuilt from the log whenever they are needed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from engine.domain import events as ev
from engine.domain.deliberation import Outcome, close
from engine.domain.lifecycle import CASE_TRIGGER_FOR_ROLE, load_workflow
from engine.domain.text import Paragraph, Text


@dataclass(eq=False)
class Body:
    name: str
    kind: str
    seats: dict[str, int] | None


@dataclass(eq=False)
class Registry:
    municipality: str | None = None
    parties: dict[str, str] = field(default_factory=dict)
    bodies: dict[str, Body] = field(default_factory=dict)
    people: dict[str, str | None] = field(default_factory=dict)
    current_item: tuple[str, str] | None = None
    """The open item (meeting, arkivsak) of stores written before each meeting had its own
    (an ItemSelected in the register stream); see engine.app.open_items."""
    version: int = 0

    def party_of(self, person: str) -> str | None:
        """The person's party, when their affiliation is a party."""
        affiliation = self.people.get(person)
        return affiliation if affiliation in self.parties else None


@dataclass(eq=False)
class Proposal:
    id: str
    by: str
    kind: str
    effect: ev.Effect
    meeting: str
    on_behalf_of: list[str] = field(default_factory=list)
    label: str | None = None
    revises: str | None = None
    status: str = "proposed"
    """proposed, withdrawn, adopted, fell or lapsed."""


@dataclass(eq=False)
class Item:
    meeting: str
    body: str
    date: str
    sak: str
    stage: int
    role: str
    base: Text
    """The recommendation as it stood when the meeting took the item up."""
    title: str | None = None
    result_label: str | None = None
    state: str = "sakskart"
    steps: list[ev.Event] = field(default_factory=list)
    proposals: dict[str, Proposal] = field(default_factory=dict)
    votes: list[ev.VoteHeld] = field(default_factory=list)
    joins: list[ev.RemarkJoined] = field(default_factory=list)
    present: dict[str, int] = field(default_factory=dict)
    inhabil: list[str] = field(default_factory=list)
    rapporteur: str | None = None
    taken_note: Text | None = None
    postponement: ev.Postponed | None = None
    disposal: ev.CaseSentBack | ev.CaseReferred | None = None
    """Where the body sent the case instead of deciding it."""
    outcome: Outcome | None = None
    absent: list[str] = field(default_factory=list)
    deputies: list[tuple[str, str]] = field(default_factory=list)
    """(varamedlem, member) pairs meeting in this item."""
    corrections: list[ev.CorrectionMade] = field(default_factory=list)

    @property
    def closed(self) -> bool:
        return self.outcome is not None

    def voted_on(self, proposal_id: str) -> bool:
        return any(proposal_id == v.on or proposal_id in (v.between or []) for v in self.votes)


@dataclass(eq=False)
class Case:
    arkivsak: str
    title: str
    workflow: str
    route: list[ev.Stage]
    original: Text
    recommendation: Text
    prepared_by: str | None = None
    prepared_date: str | None = None
    stage: int = 0
    state: str = ""
    items: list[Item] = field(default_factory=list)
    decision: Outcome | None = None
    round: int = 1
    """The saksframlegg's round: 2 after the first return to the administration, and so on."""
    resubmissions: list[ev.CaseResubmitted] = field(default_factory=list)
    withdrawn: ev.CaseWithdrawn | None = None
    version: int = 0

    def item(self, meeting: str) -> Item | None:
        for item in self.items:
            if item.meeting == meeting:
                return item
        return None

    @property
    def open_item(self) -> Item | None:
        return next((i for i in self.items if not i.closed), None)

    def proposal(self, proposal_id: str) -> Proposal | None:
        for item in self.items:
            if proposal_id in item.proposals:
                return item.proposals[proposal_id]
        return None


def _text(data: list[ev.ParagraphData]) -> Text:
    return tuple(Paragraph(p.id, p.text) for p in data)


def evolve_registry(registry: Registry, event: ev.Event) -> None:
    match event:
        case ev.PartyRegistered():
            registry.parties[event.short] = event.name
        case ev.BodyRegistered():
            registry.bodies[event.name] = Body(event.name, event.kind, event.seats)
        case ev.PersonRegistered():
            registry.people[event.name] = event.affiliation
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
                stage=0, state=event.route[0].role, version=1)


def evolve_case(case: Case, event: ev.Event, registry: Registry) -> None:
    case.version += 1
    if isinstance(event, ev.ItemOpened):
        stage = case.route[event.stage]
        same_round = stage.role == "uttalelse" == case.route[case.stage].role
        if event.stage != case.stage and not same_round:
            # The next body takes the case up: it leaves the hearing round.
            case.stage = event.stage
            case.state = load_workflow(case.workflow).fire(
                "case", case.state, CASE_TRIGGER_FOR_ROLE[stage.role])
        case.items.append(Item(meeting=event.meeting, body=event.body, date=event.date,
                               sak=event.sak, stage=event.stage, role=stage.role,
                               base=case.recommendation, title=event.title,
                               result_label=event.result_label))
        return
    if isinstance(event, ev.CaseResubmitted | ev.CaseWithdrawn):
        _evolve_case_level(case, event)
        return
    item = case.item(event.meeting)  # type: ignore[union-attr]
    assert item is not None, f"event for an item that was never opened: {event}"
    if isinstance(event, ev.ItemAttendance | ev.CorrectionMade):
        # Not steps of the protocol's Behandling: they adjust attendance or earlier steps.
        from engine.commands.corrections import evolve_live

        evolve_live(case, item, event, registry)
        return
    workflow = load_workflow(case.workflow)
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
                label=event.label, revises=event.revises)
        case ev.ProposalWithdrawn():
            item.proposals[event.id].status = "withdrawn"
        case ev.VoteHeld():
            item.votes.append(event)
            item.state = workflow.fire("item", item.state, "voter")
            _mark_vote(item, event)
            subject = item.proposals.get(event.on or "")
            if subject and subject.kind == "utsettelsesforslag" and event.result == "vedtatt":
                item.state = workflow.fire("item", item.state, "utsett")
        case ev.RemarkJoined():
            item.joins.append(event)
        case ev.TakenNote():
            item.taken_note = _text(event.paragraphs)
        case ev.Postponed():
            item.postponement = event
            item.state = workflow.fire("item", item.state, "utsett")
        case ev.CaseSentBack() | ev.CaseReferred():
            item.disposal = event
            item.state = workflow.fire("item", item.state, "oversend" if isinstance(
                event, ev.CaseReferred) else "send_tilbake")
    if item.state == "sakskart":
        item.state = workflow.fire("item", item.state, "behandle")
    item.steps.append(event)


def _mark_vote(item: Item, vote: ev.VoteHeld) -> None:
    if vote.on and vote.on in item.proposals:
        item.proposals[vote.on].status = "adopted" if vote.result == "vedtatt" else "fell"
    for side in vote.between or []:
        if side in item.proposals:
            item.proposals[side].status = "adopted" if side == vote.winner else "fell"


def _close(case: Case, item: Item, registry: Registry) -> None:
    body = registry.bodies.get(item.body)
    workflow = load_workflow(case.workflow)
    outcome = close(item, seats=body.seats if body else None, party_of=registry.party_of,
                    base=() if workflow.starts_empty(item.role) else None)
    item.outcome = outcome
    for proposal in item.proposals.values():
        if proposal.status == "proposed":
            proposal.status = "lapsed"
    if outcome.kind == "postponed":
        if item.state != "utsatt":
            item.state = workflow.fire("item", item.state, "utsett")
        return
    if item.disposal is not None:
        _dispose(case, item, item.disposal)
        return
    item.state = workflow.fire("item", item.state, "avslutt")
    # What the stage produces is the workflow's word, not the role's name.
    produces = workflow.stage_outcome(item.role)
    if produces == "debate" and outcome.kind == "decided" and not outcome.applied:
        # Debated without an adopted proposal: nothing was decided.
        outcome = replace(outcome, kind="debated")
        item.outcome = outcome
    if produces == "recommendation":
        case.recommendation = outcome.text
        _advance(case, item, finish=False)
    elif produces in ("decision", "debate", "report"):
        # A case taken to information at its deciding stage: the given text is the decision.
        if produces != "report" and outcome.kind in ("decided", "noted"):
            case.decision = outcome
        _advance(case, item, finish=True)


def _advance(case: Case, item: Item, *, finish: bool) -> None:
    """On to the next stage of the route; past the last one the case is done (`finish`)."""
    workflow = load_workflow(case.workflow)
    if item.stage + 1 < len(case.route):
        case.stage = item.stage + 1
        next_role = case.route[case.stage].role
        case.state = workflow.fire("case", case.state, CASE_TRIGGER_FOR_ROLE[next_role])
    elif finish:
        case.state = workflow.fire("case", case.state, "avgjor")


def _dispose(case: Case, item: Item, event: ev.CaseSentBack | ev.CaseReferred) -> None:
    """A case sent back or referred moves on the route as the event says."""
    workflow = load_workflow(case.workflow)
    if isinstance(event, ev.CaseReferred):
        case.route.insert(item.stage + 1, ev.Stage(body=event.to, role=event.role))
        case.stage = item.stage + 1
        case.state = workflow.fire("case", case.state, CASE_TRIGGER_FOR_ROLE[event.role])
    elif event.stage is not None:
        case.stage = event.stage
        role = case.route[event.stage].role
        case.state = workflow.fire("case", case.state, CASE_TRIGGER_FOR_ROLE[role])
    else:
        case.state = workflow.fire("case", case.state, "send_tilbake")


def _evolve_case_level(case: Case, event: ev.CaseResubmitted | ev.CaseWithdrawn) -> None:
    workflow = load_workflow(case.workflow)
    if isinstance(event, ev.CaseWithdrawn):
        case.withdrawn = event
        case.state = workflow.fire("case", case.state, "trekk")
        return
    # A new saksframlegg: its recommendation replaces the current one from now on.
    case.recommendation = _text(event.recommendation)
    case.round = event.round
    case.resubmissions.append(event)
    case.stage = event.stage
    role = case.route[event.stage].role
    case.state = workflow.fire("case", case.state, CASE_TRIGGER_FOR_ROLE[role])
