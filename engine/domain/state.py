"""The state model: the register, each case with its agenda items, and what an item decided.

Plain mutable objects, rebuilt from the log whenever they are needed (engine.domain.evolve).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from engine.domain import events as ev
from engine.domain.text import Text


@dataclass(frozen=True, slots=True)
class Remark:
    proposal_id: str
    parties: tuple[str, ...]
    majority: bool
    text: str

    @property
    def heading(self) -> str:
        return ("FLERTALLSMERKNAD" if self.majority else "MERKNAD") + " - " + ", ".join(
            self.parties) + ":"


@dataclass(frozen=True)
class Outcome:
    kind: Literal["postponed", "noted", "decided", "returned", "referred", "debated"]
    text: Text
    """The decision, recommendation or statement; for a postponement, the recommendation that
    follows the case."""
    postponement: str | None = None
    postponed_by: str | None = None
    """The id of the adopted utsettelsesforslag, where a proposal postponed the item."""
    postponed_to: str | None = None
    remarks: tuple[Remark, ...] = ()
    sent: tuple[str, ...] = ()
    """Adopted oversendelsesforslag, sent to the administration."""
    applied: tuple[str, ...] = field(default=())
    """Ids of the adopted proposals whose effect changed the text, in the order applied."""
    sent_to: str | None = None
    """Where a returned or referred case went: "administration" or a body."""
    instruction: str | None = None
    """The body's words when it sent the case back or referred it."""



@dataclass(eq=False)
class Body:
    name: str
    kind: str
    seats: dict[str, int] | None
    language: str | None = None
    members: list[ev.Member] = field(default_factory=list)
    """Members and deputies, in the record's order (empty: the register does not say)."""
    wording: str | None = None

    def seated(self) -> list[ev.Member]:
        """The members (not the deputies)."""
        return [m for m in self.members if not m.deputy]

    def seat_of(self, person: str) -> ev.Member | None:
        return next((m for m in self.members if m.person == person), None)


@dataclass(eq=False)
class Registry:
    municipality: str | None = None
    parties: dict[str, str] = field(default_factory=dict)
    bodies: dict[str, Body] = field(default_factory=dict)
    people: dict[str, str | None] = field(default_factory=dict)
    display: dict[str, str] = field(default_factory=dict)
    """The printed name of a person whose register key is an id."""
    current_item: tuple[str, str] | None = None
    """The open item (meeting, arkivsak) of stores written before each meeting had its own
    (an ItemSelected in the register stream); see engine.app.open_items."""
    version: int = 0

    def party_of(self, person: str) -> str | None:
        """The person's party, when their affiliation is a party."""
        affiliation = self.people.get(person)
        return affiliation if affiliation in self.parties else None

    def name_of(self, person: str) -> str:
        """The name printed for a person (their key, unless it is an id)."""
        return self.display.get(person, person)


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
    co_proposers: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    """Parties that make the proposal together."""
    members: bool = False
    """The body's members make the proposal together."""

    @property
    def people(self) -> list[str]:
        """The members who make the proposal (`by` and those with them)."""
        return ([self.by] if self.by else []) + self.co_proposers


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
    produces: str = "decision"
    """What closing the item produces, as the workflow says of its stage: statement,
    recommendation, decision, report or debate."""
    starts_empty: bool = False
    """Whether the item's decision starts from nothing instead of `base` (a statement)."""
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
    undone: list[ev.StepRetracted | ev.ItemReopened] = field(default_factory=list)
    """Steps taken back and closes undone in this item (the audit and history show them)."""
    exemption: ev.ItemExempted | None = None
    """Skjerming: the public sees only its public title and legal basis."""
    voting_order: list[str] = field(default_factory=list)
    """The secretary's voting order (keys of the planned votes); empty: the default order."""

    @property
    def closed(self) -> bool:
        return self.outcome is not None

    def voted_on(self, proposal_id: str) -> bool:
        return any(proposal_id in v.subjects for v in self.votes)


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
    without_recommendation: bool = False
    """The saksframlegg had no forslag til innstilling: the first body decides from proposals."""
    version: int = 0
    log: list[ev.Event] = field(default_factory=list)
    """Every event of the case's stream, in order (log[n - 1] is its n-th): what an undo
    derives the case again from."""
    skipped: set[int] = field(default_factory=set)
    """Indices into `log` of the events an undo or a reopening set aside."""

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

