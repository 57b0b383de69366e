"""The secretariat desk's services: every live-logging command as one call that loads what it
needs, lets the engine decide, and stores the result in one transaction as the acting user.

The command line (local) and the server call these same functions, so a step is checked by
the same rules, refused with the same one-line message, and nothing is stored when it is
refused. What each returns is the data the faces print (documents.console words it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from engine.app.meetings import LiveSession
from engine.domain.errors import RuleViolation

if TYPE_CHECKING:
    from engine.app.meetings import Meeting
    from engine.domain.state import Case, Item, Registry
    from engine.store.eventstore import EventStore


@dataclass(frozen=True, slots=True)
class StepLogged:
    kind: str
    meeting: str
    sak: str
    arkivsak: str
    proposal_id: str | None = None
    generated: bool = False
    vote_number: int | None = None
    vote_summary: str | None = None


def wire_step(raw: Any) -> tuple[str, dict[str, Any]]:
    """A scenario step (`{"vote": {...}}`, `{"note": "TEXT"}`) to its kind and values: the
    scenario format is also the API's wire format."""
    from engine.domain.steps import SCALAR_KEY, STEP_MODELS

    if not isinstance(raw, dict) or len(raw) != 1:
        raise RuleViolation("Et steg er et kart med én nøkkel, som {\"vote\": {...}}.")
    kind, value = next(iter(raw.items()))
    if kind not in STEP_MODELS:
        raise RuleViolation(f"Ukjent steg «{kind}»; gyldige: " + ", ".join(STEP_MODELS) + ".")
    if kind in SCALAR_KEY and not (isinstance(value, dict) and kind != "present"):
        value = {SCALAR_KEY[kind]: value}
    if not isinstance(value, dict):
        raise RuleViolation(f"Steget «{kind}» trenger et kart av nøkler.")
    return kind, dict(value)


def log_step(store: EventStore, actor: str | None, kind: str, values: dict[str, Any],
             meeting: str | None = None, arkivsak: str | None = None) -> StepLogged:
    """One step of the scenario format on the meeting's open item (or the named one)."""
    from engine.app.live import build_step, short_id, vote_summary
    from engine.commands.deciders import apply_step

    session = LiveSession(store)
    case, item = session.target(meeting, arkivsak)
    values = dict(values)
    generated = kind == "propose" and not values.get("id")
    if generated:
        values["id"] = short_id(values.get("by") or "", [p.id for i in case.items
                                                         for p in i.proposals.values()])
    apply_step(session.ws, case, item, build_step(kind, values))
    session.commit(actor)
    voted = kind == "vote"
    return StepLogged(kind=kind, meeting=item.meeting, sak=item.sak, arkivsak=case.arkivsak,
                      proposal_id=values.get("id") if kind == "propose" else None,
                      generated=generated, vote_number=len(item.votes) if voted else None,
                      vote_summary=vote_summary(item.votes[-1]) if voted else None)


def open_item(store: EventStore, actor: str | None, meeting: str,
              sak: str) -> tuple[Case, Item]:
    from engine.app.meetings import open_live_item

    session = LiveSession(store)
    case, item = open_live_item(session.ws, session.meeting(meeting), sak)
    session.commit(actor)
    return case, item


def close_item(store: EventStore, actor: str | None, meeting: str | None = None,
               arkivsak: str | None = None) -> tuple[Case, Item]:
    from engine.commands.deciders import close_item as decide_close

    session = LiveSession(store)
    case, item = session.target(meeting, arkivsak)
    decide_close(session.ws, case, item)
    session.commit(actor)
    return case, item


def item_preview(store: EventStore, meeting: str | None = None, arkivsak: str | None = None,
                 ) -> tuple[Case, Item, Item]:
    """The item, and a copy closed as it would be now (nothing stored)."""
    from engine.app.live import preview

    session = LiveSession(store)
    case, item = session.target(meeting, arkivsak)
    return case, item, preview(session.ws.registry, item)


def attendance(store: EventStore, actor: str | None, meeting: str | None, *,
               absent: list[str], deputy: str | None, member: str | None,
               item_only: bool) -> tuple[Meeting, tuple[Case, Item] | None]:
    from engine.app.meetings import record_attendance
    from engine.app.open_items import attendance_target

    if (deputy is None) != (member is None):
        raise RuleViolation("--deputy og --for hører sammen.")
    session = LiveSession(store)
    found, target = attendance_target(session, meeting)
    pairs = [(deputy, member)] if deputy and member else []
    record_attendance(session.ws, found, target, absent=absent, deputies=pairs,
                      only_item=item_only)
    session.commit(actor)
    return found, target


def correct(store: EventStore, actor: str | None, *, number: int | None,
            proposal: str | None, against: str | None, for_: str | None,
            text: str | list[str] | None, reason: str, after_approval: bool,
            meeting: str | None = None, arkivsak: str | None = None) -> Item:
    from engine.commands.corrections import correct_proposal, correct_vote

    if (number is None) == (proposal is None):
        raise RuleViolation("Oppgi enten --vote N eller --proposal ID.")
    session = LiveSession(store)
    case, item = session.target(meeting, arkivsak)
    flags = {"reason": reason, "approved": session.approved(item),
             "after_approval": after_approval}
    if number is not None:
        correct_vote(session.ws, case, item, number, votes_for=for_, votes_against=against,
                     **flags)  # type: ignore[arg-type]
    else:
        correct_proposal(session.ws, case, item, proposal or "", text or [],
                         **flags)  # type: ignore[arg-type]
    session.commit(actor)
    return item


def new_meeting(store: EventStore, actor: str | None, meeting: str) -> Meeting:
    from engine.app.meetings import new_meeting as decide_new
    from engine.read.views import parse_meeting

    session = LiveSession(store)
    body, date = parse_meeting(meeting)
    created = decide_new(session.ws, session.find_meeting(meeting), body, date)
    session.commit(actor)
    return created


def add_to_agenda(store: EventStore, actor: str | None, meeting: str, arkivsak: str, sak: str,
                  title: str | None = None, result: str | None = None) -> Meeting:
    from engine.app.meetings import add_to_agenda as decide_agenda

    session = LiveSession(store)
    found = session.meeting(meeting)
    decide_agenda(session.ws, found, arkivsak, sak, title, result)
    session.commit(actor)
    return found


def approve(store: EventStore, actor: str | None, meeting: str, text: str | None) -> Meeting:
    from engine.app.meetings import approve as decide_approve

    session = LiveSession(store)
    found = session.meeting(meeting)
    decide_approve(session.ws, found, [i for _, i in session.items(found)], text)
    session.commit(actor)
    return found


def meeting_overview(store: EventStore, meeting: str) -> dict[str, object]:
    from engine.app.meetings import meeting_overview as overview

    session = LiveSession(store)
    return overview(session, session.recorded_meeting(meeting))


def meeting_record(store: EventStore, meeting: str,
                   ) -> tuple[Registry, Meeting, list[tuple[Case, Item]]]:
    """What the møteprotokoll is made from."""
    session = LiveSession(store)
    found = session.recorded_meeting(meeting)
    return session.ws.registry, found, session.items(found)


def meeting_names(store: EventStore) -> list[str]:
    from engine.app.meetings import meeting_keys

    return meeting_keys(store)
