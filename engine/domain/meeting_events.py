"""The events of a meeting's own stream and of live logging: the sakskart, attendance, the
møtebok's record of the meeting, approval, the open item, exemption (skjerming) and
corrections. Re-exported by engine.domain.events, which holds the union."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from engine.domain.event_base import ParagraphData, _Event, _ItemEvent


def meeting_stream(meeting: str) -> str:
    """A meeting's own stream ("BODY YYYY-MM-DD"): its agenda, attendance and approval."""
    return f"møte:{meeting}"


class MeetingScheduled(_Event):
    type: Literal["meeting.scheduled"] = "meeting.scheduled"
    body: str
    date: str


class AgendaItemAdded(_Event):
    """A case on the meeting's sakskart, as the body's case `sak`."""

    type: Literal["meeting.agenda_item"] = "meeting.agenda_item"
    sak: str
    arkivsak: str
    title: str | None = None
    result_label: str | None = None


class MeetingAttendance(_Event):
    """Forfall and varamedlemmer for the meeting, from the item `from_sak` on (None: all)."""

    type: Literal["meeting.attendance"] = "meeting.attendance"
    absent: list[str] = Field(default_factory=list)
    deputies: list[tuple[str, str]] = Field(default_factory=list)
    """(varamedlem, the member whose seat they take)."""
    from_sak: str | None = None


class MeetingRecorded(_Event):
    """What the møtebok says of the meeting itself (kommuneloven § 11-4): where, when, who
    chaired it. A later record of the same meeting adds to or corrects an earlier one."""

    type: Literal["meeting.recorded"] = "meeting.recorded"
    place: str | None = None
    start: str | None = None
    """HH:MM"""
    end: str | None = None
    chair: str | None = None
    """The møteleder (a person's register key)."""
    roll_call: bool = False
    """The attendance was taken: forfall are the MeetingAttendance records, none otherwise."""


class Lack(BaseModel):
    """One thing a møtebok lacks (kommuneloven § 11-4): `what` is place, start, end, chair,
    members (the body's members are not in the register, so those present cannot be named),
    attendance (no roll call), basis (an inhabil ruling without its legal basis: `sak`,
    `person`) or party_votes (a vote that does not say how the parties voted: `sak`, `vote`,
    its number in the item)."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)
    what: str
    sak: str | None = None
    person: str | None = None
    vote: int | None = None


class ProtocolApproved(_Event):
    """The protocol approved: by whom, how, and whether as an old record holds it."""

    type: Literal["meeting.approved"] = "meeting.approved"
    text: str | None = None
    by: list[str] = Field(default_factory=list)
    """Who approved the protocol (names as given)."""
    method: str | None = None
    """How: elektronisk, signert or møte."""
    as_recorded: bool = False
    """Approved as an old record holds it, without what the møtebok lacks."""
    lacking: list[Lack] = Field(default_factory=list)
    """What the møtebok lacked when it was approved as recorded."""
    date: str | None = None
    """YYYY-MM-DD of the approval; None: the row's own time (a live `meeting approve`). A
    scenario's `approved: {date, by}` gives both (a body that approved it at its next meeting)."""

    version: ClassVar[int] = 2

    @staticmethod
    def upcast_v1_v2(payload: dict[str, Any]) -> dict[str, Any]:
        """Version 2 adds by, method, as_recorded, lacking, date;
        a version 1 row has their defaults."""
        return payload


class ItemSelected(_Event):
    """A meeting's open item, in the meeting's stream (stores written before kept one for the
    whole store in the register stream: `Registry.current_item`, still read)."""

    type: Literal["live.item_selected"] = "live.item_selected"
    meeting: str
    arkivsak: str


class ItemAttendance(_ItemEvent):
    """Who is absent and which deputies meet, for this item (and the votes in it)."""

    type: Literal["item.attendance"] = "item.attendance"
    absent: list[str] = Field(default_factory=list)
    deputies: list[tuple[str, str]] = Field(default_factory=list)


class ItemExempted(_ItemEvent):
    """Skjerming: the item's texts are kept from the public (the site, search, OParl, the
    exports), which see only `public_title` and the legal `basis` (offl. § 13 jf. fvl. § 13)."""

    type: Literal["item.exempted"] = "item.exempted"
    basis: str
    public_title: str


class VotingOrderSet(_ItemEvent):
    """The voting order the secretary set before voting began (the console's ↑/↓): the
    planned votes' keys (`on:ID`, `between:A,B`, `innstillingen`) in order. The console and
    the room screen of every server process read it from here."""

    type: Literal["item.voting_order"] = "item.voting_order"
    order: list[str]


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
