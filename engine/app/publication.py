"""Application services for what may be published: exempting an item (skjerming), and the
public record (engine.read.public) read from the store."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.app.session import LiveSession, meeting_keys, unit_of_work
from engine.commands import publication as decide
from engine.domain.errors import NotFound

if TYPE_CHECKING:
    from engine.domain.state import Case, Item
    from engine.read.public import PublicRecord
    from engine.store.eventstore import EventStore


def exempt_item(store: EventStore, actor: str | None, meeting: str, sak: str, basis: str,
                public_title: str) -> tuple[Case, Item]:
    """`saksflyt item exempt MEETING SAK --basis --public-title`: SAK is the body's case
    number or the arkivsak."""
    with unit_of_work(store, actor) as session:
        found = session.recorded_meeting(meeting)
        entry = found.entry(sak)
        case = session.ws.find_case(entry.arkivsak) if entry else None
        item = case.item(found.key) if case else None
        if entry is None or case is None or item is None:
            raise NotFound(f"Sak {sak} er ikke behandlet i «{found.key}».")
        decide.exempt(session.ws, case, item, basis, public_title)
        return case, item


def public_record(store: EventStore) -> PublicRecord:
    """Every case and meeting as the public may see them (engine.read.public)."""
    from engine.read.public import build_record

    session = LiveSession(store)
    meetings = {key: session.find_meeting(key) for key in meeting_keys(store)}
    cases = [c for s in store.streams("sak:")
             if (c := session.ws.find_case(s.removeprefix("sak:"))) is not None]
    return build_record(session.ws.registry, cases,
                        {k: m for k, m in meetings.items() if m is not None})
