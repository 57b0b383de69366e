"""Events of live logging: a meeting's own stream (scheduling, sakskart, attendance,
approval, the open item), and the item events of attendance and exemption
(skjerming). Re-exported by engine.domain.events, which holds the union."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from engine.domain.event_base import _Event, _ItemEvent


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


class ProtocolApproved(_Event):
    """The protocol approved. `date` and `by` are the approval's own (a scenario's
    `approved: {date, by}`: a body that approved it at its next meeting); where they are
    None, the row's time and actor say when and by whom (`saksflyt meeting approve`)."""

    version = 2
    type: Literal["meeting.approved"] = "meeting.approved"
    text: str | None = None
    date: str | None = None
    by: str | None = None

    @staticmethod
    def upcast_v1_v2(payload: dict[str, Any]) -> dict[str, Any]:
        return {**payload, "date": None, "by": None}


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
