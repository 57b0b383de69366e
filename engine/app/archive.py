"""The archive export of one approved meeting (documents.noark5 writes it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.app.publication import public_record
from engine.app.session import normalize
from engine.domain.errors import InvalidTransition, NotFound

if TYPE_CHECKING:
    from engine.read.public import PublicRecord
    from engine.store.eventstore import EventStore


def approved_meeting(store: EventStore, name: str) -> tuple[PublicRecord, str]:
    """The public record and the meeting's key; refused unless its protocol is approved."""
    record = public_record(store)
    key = normalize(name)
    found = record.meetings.get(key)
    if found is None:
        raise NotFound(f"Møtet «{key}» finnes ikke.")
    if not found.approved:
        raise InvalidTransition(f"Protokollen for «{key}» er ikke godkjent; bare et godkjent "
                                "møte kan avleveres (saksflyt meeting approve).",
                                state="ikke godkjent", trigger="export")
    return record, key
