"""A stored event as the store gives it, the hash that chains it, and what a failed insert
means: the store's row-level helpers (engine.store.eventstore re-exports them)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from engine.domain import events as ev
from engine.store.schema import SEQ_CONSTRAINT


@dataclass(frozen=True, slots=True)
class StoredEvent:
    position: int
    stream_id: str
    seq: int
    type: str
    version: int
    payload: dict[str, Any]
    actor: str | None
    recorded_at: str
    prev_hash: str
    hash: str

    def event(self) -> ev.Event:
        return ev.load(self.type, self.version, self.payload)


def event_hash(prev_hash: str, stream_id: str, seq: int, type_: str, version: int,
               payload: dict[str, Any], actor: str | None, recorded_at: str) -> str:
    body = json.dumps([stream_id, seq, type_, version, payload, actor, recorded_at],
                      sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def _dumps(value: Any) -> str:
    return _compact(value)


_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def is_seq_conflict(exc: sa.exc.IntegrityError) -> bool:
    """Whether the error is the (stream, seq) uniqueness, on either backend."""
    diag = getattr(exc.orig, "diag", None)
    if diag is not None and getattr(diag, "constraint_name", None):
        return bool(diag.constraint_name == SEQ_CONSTRAINT)
    text = str(exc.orig)
    return SEQ_CONSTRAINT in text or "events.stream_id, events.seq" in text


def _stream_name(stream: str) -> str:
    return "Registeret" if stream == ev.REGISTRY_STREAM else f"Sak {stream.removeprefix('sak:')}"
