"""What verification finds, as the chain check and the checkpoint check both report it:
codes with their data. documents/findings.py words them (engine/ holds no user's words)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Row:
    """A stored event as verification sees it: the raw columns, the payload as stored."""

    position: int
    stream_id: str
    seq: int
    type: str
    version: int
    payload: Any
    actor: str | None
    recorded_at: str
    prev_hash: str
    hash: str


@dataclass(frozen=True, slots=True)
class Problem:
    kind: str
    """changed, deleted, inserted, moved, renumbered, missing; against a checkpoint:
    tail-deleted, stream-deleted, truncated, rechained, checkpoint-missing,
    checkpoint-changed, checkpoint-foreign."""
    stream_id: str
    seq: int | None
    position: int | None
    code: str = ""
    """What exactly: the kind, or a finer case of it (`replaced`: changed by swapping)."""
    fields: dict[str, Any] = field(default_factory=dict)
    """The data the words need (seq, type, position, spans, checkpoint numbers)."""
    original_seq: int | None = None
    """For a moved row: the seq its hash was made with."""


NOTE_UNSIGNED = "signatures-unchecked"
"""A note: the checkpoints' signatures were not checked (no key)."""
