"""The base of every event: frozen pydantic models that refuse unknown keys, and the
paragraph data texts are stored as. The event types themselves are in engine.domain.events."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict


class _Event(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    OPTIONAL: ClassVar[frozenset[str]] = frozenset()
    """Fields added after the type's first version: left out of the stored payload while
    they hold their default, so an event that does not use them is stored (and hashed)
    exactly as before."""


class _ItemEvent(_Event):
    meeting: str
    """The meeting, as "BODY YYYY-MM-DD": a case is on a meeting's agenda at most once."""


class ParagraphData(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    id: str
    text: str
