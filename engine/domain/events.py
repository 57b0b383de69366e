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
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from engine.domain.event_base import UnknownEvent, _Event, _ItemEvent
from engine.domain.meeting_events import (
    AgendaItemAdded,
    ItemAttendance,
    ItemExempted,
    ItemSelected,
    MeetingAttendance,
    MeetingScheduled,
    ProtocolApproved,
    meeting_stream,
)

REGISTRY_STREAM = "register"
__all__ = ["AgendaItemAdded", "ItemAttendance", "ItemExempted", "ItemSelected",
           "MeetingAttendance", "MeetingScheduled", "ProtocolApproved", "UnknownEvent",
           "meeting_stream"]
"""Re-exported: the meeting's own events live in engine.domain.meeting_events."""


def case_stream(arkivsak: str) -> str:
    return f"sak:{arkivsak}"


# --- the register: parties, bodies, people ---------------------------------------------------

class PartyRegistered(_Event):
    type: Literal["party.registered"] = "party.registered"
    short: str
    name: str


class BodyRegistered(_Event):
    type: Literal["body.registered"] = "body.registered"
    name: str
    kind: Literal["council", "committee", "advisory"]
    seats: dict[str, int] | None = None


class PersonRegistered(_Event):
    type: Literal["person.registered"] = "person.registered"
    name: str
    affiliation: str | None = None


class MunicipalityNamed(_Event):
    type: Literal["municipality.named"] = "municipality.named"
    name: str


# --- a case ------------------------------------------------------------------------------

class Stage(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)
    body: str
    role: str
    """A role of the case's workflow (uttalelse, innstilling, vedtak, referat, ...)."""


class ParagraphData(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)
    id: str
    text: str


class CaseOpened(_Event):
    type: Literal["case.opened"] = "case.opened"
    arkivsak: str
    title: str
    workflow: str = "politisk-sak"
    prepared_by: str | None = None
    prepared_date: str | None = None
    recommendation: list[ParagraphData]
    route: list[Stage]


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


class ImpartialityRuled(_ItemEvent):
    type: Literal["item.impartiality"] = "item.impartiality"
    person: str
    ruling: Literal["habil", "inhabil"]
    text: str | None = None


class AttendanceSet(_ItemEvent):
    type: Literal["item.present"] = "item.present"
    present: dict[str, int]


class Effect(BaseModel):
    """What a proposal does to the text if adopted, with positions resolved to paragraph ids."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)
    kind: Literal["add", "replace", "amend", "strike", "text"]
    paragraphs: list[ParagraphData] = Field(default_factory=list)
    """New paragraphs (add, text) or the one new text (replace)."""
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


# --- live logging: corrections, undo and reopening (the meeting's own events are in
# engine.domain.meeting_events) ---------------------------------------------------------------

class CorrectionMade(_ItemEvent):
    """A fix to an earlier step of the item (the log itself is never changed)."""

    type: Literal["item.corrected"] = "item.corrected"
    target: Literal["vote", "proposal"]
    vote: int | None = None
    """The vote's number in the item (1 = the first vote)."""
    proposal: str | None = None
    votes_for: list[tuple[str, int]] | None = None
    votes_against: list[tuple[str, int]] | None = None
    n_for: int | None = None
    n_against: int | None = None
    paragraphs: list[ParagraphData] | None = None
    """A proposal's corrected text (same paragraph ids)."""
    reason: str
    after_approval: bool = False
    date: str | None = None
    """YYYY-MM-DD the correction was made (the protocol dates one made after approval)."""


class StepRetracted(_ItemEvent):
    """The secretary's undo of an item's last step, before the item closed: the step stays in
    the log (the audit shows both) and the item is derived as if it had never been taken."""

    type: Literal["item.step_retracted"] = "item.step_retracted"
    step: int
    """The retracted event's number in the case's stream (1 = the case.opened)."""
    kind: str
    """The retracted event's type, for the audit's line."""


class ItemReopened(_ItemEvent):
    """A closed item opened again (until its meeting's protocol is approved): its close is
    undone, the steps before it stand, and the item closes again later."""

    type: Literal["item.reopened"] = "item.reopened"
    reason: str


Event = Annotated[
    PartyRegistered | BodyRegistered | PersonRegistered | MunicipalityNamed | CaseOpened
    | ItemOpened | NoteRecorded | RapporteurNamed | ImpartialityRuled | AttendanceSet
    | ProposalMade | ProposalWithdrawn | VoteHeld | RemarkJoined | TakenNote | Postponed
    | CaseSentBack | CaseReferred | CaseResubmitted | CaseWithdrawn
    | ItemClosed | MeetingScheduled | AgendaItemAdded | MeetingAttendance | ProtocolApproved
    | ItemSelected | ItemAttendance | CorrectionMade | StepRetracted | ItemReopened
    | ItemExempted,
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
