"""What verification finds, as the chain check and the checkpoint check both report it."""

from __future__ import annotations

from dataclasses import dataclass
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
    """changed, deleted, inserted, moved, renumbered or missing."""
    stream_id: str
    seq: int | None
    position: int | None
    message: str
    """One line in Norwegian, naming the case and the position."""
    original_seq: int | None = None
    """For a moved row: the seq its hash was made with."""


def stream_label(stream_id: str) -> str:
    if stream_id == "register":
        return "Registeret"
    if stream_id.startswith("sak:"):
        return f"Sak {stream_id.removeprefix('sak:')}"
    if stream_id.startswith("møte:"):
        return f"Møtet {stream_id.removeprefix('møte:')}"
    return f"Strømmen {stream_id}"
