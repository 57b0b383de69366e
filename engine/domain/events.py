"""The facts of the record, as one discriminated union of pydantic models.

Events are the only source of truth: every state and every text is derived from them. Each type
has a stable stored name (`type`) and its own version (`version`, a class attribute). When a
type's payload changes shape, its version goes up by one and the class gets a static method
`upcast_v<N>_v<N+1>` beside its fields that turns a payload stored at version N into the next
shape; `load` runs them in turn, so a row stored years ago is read as today's event. The store
keeps each row's version, and rows written at version 1 stay valid for as long as the
upcasters do. tests/store/data/events-v1.jsonl holds one stored event of every type at
version 1, and a test loads every row.
"""

from __future__ import annotations

import functools
import json
from typing import Annotated, Any, ClassVar, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from engine.domain.event_base import ParagraphData, UnknownEvent, _Event, _ItemEvent
from engine.domain.meeting_events import (
    AgendaItemAdded,
    CorrectionMade,
    ItemAttendance,
    ItemExempted,
    ItemReopened,
    ItemSelected,
    MeetingAttendance,
    MeetingRecorded,
    MeetingScheduled,
    ProtocolApproved,
    StepRetracted,
    VotingOrderSet,
    meeting_stream,
)
from engine.domain.meeting_events import Lack as Lack
from engine.domain.register_events import (
    BodyRegistered,
    Member,
    MunicipalityNamed,
    PartyRegistered,
    PersonRegistered,
)

REGISTRY_STREAM = "register"
__all__ = [
    "AgendaItemAdded",
    "BodyRegistered",
    "CorrectionMade",
    "ItemAttendance",
    "ItemExempted",
    "ItemReopened",
    "ItemSelected",
    "Lack",
    "MeetingAttendance",
    "MeetingRecorded",
    "MeetingScheduled",
    "Member",
    "MunicipalityNamed",
    "ParagraphData",
    "PartyRegistered",
    "PersonRegistered",
    "ProtocolApproved",
    "StepRetracted",
    "UnknownEvent",
    "VotingOrderSet",
    "meeting_stream",
]
"""Re-exported: the meeting's own events live in engine.domain.meeting_events."""


def case_stream(arkivsak: str) -> str:
    return f"sak:{arkivsak}"


# --- a case ------------------------------------------------------------------------------

class Stage(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)
    body: str
    role: str
    """A role of the case's workflow (uttalelse, innstilling, vedtak, referat, ...)."""


class CaseOpened(_Event):
    type: Literal["case.opened"] = "case.opened"
    arkivsak: str
    title: str
    workflow: str = "politisk-sak"
    prepared_by: str | None = None
    prepared_date: str | None = None
    recommendation: list[ParagraphData]
    route: list[Stage]
    without_recommendation: bool = False
    """The saksframlegg has no forslag til innstilling ("legges fram uten innstilling")."""

    version: ClassVar[int] = 2

    @staticmethod
    def upcast_v1_v2(payload: dict[str, Any]) -> dict[str, Any]:
        """Version 2 adds without_recommendation; a version 1 row has their defaults."""
        return payload


class ItemOpened(_ItemEvent):
    """The case is taken up in a meeting (on the agenda as the body's case `sak`)."""

    type: Literal["item.opened"] = "item.opened"
    body: str
    date: str
    sak: str
    stage: int
    """Index into the case's route of the stage this meeting handles."""
    title: str | None = None
    result_label: str | None = None


class NoteRecorded(_ItemEvent):
    type: Literal["item.note"] = "item.note"
    text: str


class RapporteurNamed(_ItemEvent):
    type: Literal["item.rapporteur"] = "item.rapporteur"
    person: str


class Basis(BaseModel):
    """The legal basis of an inhabil ruling: forvaltningsloven § 6, the ledd and, in the first
    ledd, the letter (a-e)."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)
    ledd: int
    bokstav: str | None = None


class ImpartialityRuled(_ItemEvent):
    type: Literal["item.impartiality"] = "item.impartiality"
    person: str
    ruling: Literal["habil", "inhabil"]
    text: str | None = None
    basis: Basis | None = None

    version: ClassVar[int] = 2

    @staticmethod
    def upcast_v1_v2(payload: dict[str, Any]) -> dict[str, Any]:
        """Version 2 adds basis; a version 1 row has their defaults."""
        return payload


class AttendanceSet(_ItemEvent):
    type: Literal["item.present"] = "item.present"
    present: dict[str, int]


class Effect(BaseModel):
    """What a proposal does to the text if adopted, with positions resolved to paragraph ids."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)
    kind: Literal["add", "replace", "amend", "strike", "text", "note"]
    paragraphs: list[ParagraphData] = Field(default_factory=list)
    """New paragraphs (add, text, note) or the one new text (replace). `note`: adopted, the
    body takes the case to information with these words."""
    numbers: list[int] = Field(default_factory=list)
    """The paragraph numbers as the step gave them (`at`, `replace`, `amend`, `strike`)."""
    targets: list[str] = Field(default_factory=list)
    """Resolved ids: the paragraphs replaced, amended or struck, or the anchor of an insert."""
    old: str | None = None
    new: str | None = None


class ProposalMade(_ItemEvent):
    type: Literal["proposal.made"] = "proposal.made"
    id: str
    by: str
    kind: str
    on_behalf_of: list[str] = Field(default_factory=list)
    label: str | None = None
    revises: str | None = None
    effect: Effect
    co_proposers: list[str] = Field(default_factory=list)
    """The other members who make the proposal together with `by`."""
    parties: list[str] = Field(default_factory=list)
    """The parties that make the proposal together (`by`, if set, presented it)."""
    members: bool = False
    """The body's members make the proposal together."""

    version: ClassVar[int] = 2

    @staticmethod
    def upcast_v1_v2(payload: dict[str, Any]) -> dict[str, Any]:
        """Version 2 adds co_proposers, parties, members; a version 1 row has their defaults."""
        return payload


class ProposalWithdrawn(_ItemEvent):
    type: Literal["proposal.withdrawn"] = "proposal.withdrawn"
    id: str


class VoteHeld(_ItemEvent):
    """A vote. `on` is a proposal id or "innstillingen"; `between` two of those."""

    type: Literal["vote.held"] = "vote.held"
    on: str | None = None
    between: list[str] | None = None
    winner: str | None = None
    parts: list[int] = Field(default_factory=list)
    except_parts: list[int] = Field(default_factory=list)
    part_ids: list[str] = Field(default_factory=list)
    """The recommendation's paragraphs the vote covers (when it concerns the recommendation)."""
    votes_for: list[tuple[str, int]] | None = None
    votes_against: list[tuple[str, int]] | None = None
    unanimous: bool = False
    result: Literal["vedtatt", "falt"]
    """For `on`: how it went. For `between`: always "vedtatt" (the winner's side)."""
    stated_result: Literal["vedtatt", "falt"] | None = None
    casting_vote: bool = False
    n_for: int | None = None
    n_against: int | None = None
    also: list[str] = Field(default_factory=list)
    """Further proposals voted on together with `on` (a vote on several proposals at once)."""
    side_votes: list[tuple[str, list[tuple[str, int]]]] | None = None
    """An alternative vote between more than two sides: each side's votes, in the order of
    `between`."""
    named_for: list[str] | None = None
    named_against: list[str] | None = None
    """A named vote (navnevotering): who voted for and against; the tallies follow."""

    version: ClassVar[int] = 2

    @staticmethod
    def upcast_v1_v2(payload: dict[str, Any]) -> dict[str, Any]:
        """Version 2 adds also, side_votes, named_for, named_against;
        a version 1 row has their defaults."""
        return payload

    @property
    def subjects(self) -> list[str]:
        """Every side or proposal the vote concerns."""
        return list(self.between) if self.between else [self.on or "", *self.also]


class RemarkJoined(_ItemEvent):
    type: Literal["remark.joined"] = "remark.joined"
    remark: str
    parties: list[str]


class TakenNote(_ItemEvent):
    type: Literal["item.taken_note"] = "item.taken_note"
    paragraphs: list[ParagraphData]


class Postponed(_ItemEvent):
    type: Literal["item.postponed"] = "item.postponed"
    to: str | None = None
    text: str


class ItemClosed(_ItemEvent):
    """The item's steps are done; the decision follows from the steps by the engine's rules."""

    type: Literal["item.closed"] = "item.closed"


# --- returns, referrals and withdrawals ----------------------------------------------------

class CaseSentBack(_ItemEvent):
    """The body sends the case back: to the administration (a new saksframlegg follows) or
    to an earlier body on the route (`stage`). The item ends here, without a decision."""

    type: Literal["case.sent_back"] = "case.sent_back"
    to: str
    """"administration", or the name of an earlier body on the route."""
    stage: int | None = None
    text: str


class CaseReferred(_ItemEvent):
    """The body refers the case to another body, which takes it up at a new route stage."""

    type: Literal["case.referred"] = "case.referred"
    to: str
    role: str
    text: str


class CaseResubmitted(_Event):
    """A new saksframlegg after a return to the administration: its recommendation (ids
    `rec<round>#N`) replaces the current one, and the case resumes at route stage `stage`."""

    type: Literal["case.resubmitted"] = "case.resubmitted"
    date: str
    round: int
    prepared_by: str | None = None
    recommendation: list[ParagraphData]
    stage: int
    text: str | None = None


class CaseWithdrawn(_Event):
    """The administration withdraws the case; it is closed without a decision."""

    type: Literal["case.withdrawn"] = "case.withdrawn"
    date: str
    by: str | None = None
    text: str


Event = Annotated[
    PartyRegistered | BodyRegistered | PersonRegistered | MunicipalityNamed | CaseOpened
    | ItemOpened | NoteRecorded | RapporteurNamed | ImpartialityRuled | AttendanceSet
    | ProposalMade | ProposalWithdrawn | VoteHeld | RemarkJoined | TakenNote | Postponed
    | CaseSentBack | CaseReferred | CaseResubmitted | CaseWithdrawn
    | ItemClosed | MeetingScheduled | AgendaItemAdded | MeetingAttendance | MeetingRecorded
    | ProtocolApproved
    | ItemSelected | ItemAttendance | CorrectionMade | StepRetracted | ItemReopened
    | ItemExempted | VotingOrderSet,
    Field(discriminator="type"),
]



@functools.cache
def event_adapter() -> TypeAdapter[Event]:
    """The union of every event, validated by its discriminator: built when first asked for
    (building it builds every event model, ~0.1 s of a command that reads two kinds)."""
    return TypeAdapter(Event)

EVENT_TYPES: dict[str, type[_Event]] = {
    cls.model_fields["type"].default: cls for cls in get_args(get_args(Event)[0])}
"""Every event class by its stored name."""


def event_class(type_name: str) -> type[_Event]:
    cls = EVENT_TYPES.get(type_name)
    if cls is None:
        raise UnknownEvent(f"Hendelsestypen «{type_name}» er ukjent for denne versjonen av "
                           "saksflyt (oppgrader saksflyt).")
    return cls


def version_of(type_name: str) -> int:
    """The version an event of this type is stored at today."""
    return event_class(type_name).version


def load(type_name: str, version: int, payload: dict[str, Any]) -> Event:
    """A stored payload to its event, upcast from its stored version to its type's current
    one first."""
    cls = event_class(type_name)
    if version != cls.version:
        payload = cls.upcast(version, payload)
    # The class's own validator: the union's discriminator would only look the class up again.
    return cls.__pydantic_validator__.validate_python(  # type: ignore[no-any-return]
        {**payload, "type": type_name})


def load_current(type_name: str, payload: dict[str, Any]) -> Event:
    """An event not yet stored (a command's pending row): already in its type's current shape."""
    return load(type_name, version_of(type_name), payload)


def dump(event: Event) -> dict[str, Any]:
    """The payload stored for an event (its type is kept in a column of its own)."""
    data = event.model_dump(mode="json", exclude_defaults=False)
    data.pop("type")
    return data


def payload_json(payload: dict[str, Any]) -> str:
    """The canonical text of a payload: what the hash covers and what is stored."""
    return _canonical(payload)


# json.dumps with these options builds a new JSONEncoder on every call; one, made once, gives
# the same text (the same class, the same C encoder) for a fraction of the cost per event.
_canonical = json.JSONEncoder(sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode
