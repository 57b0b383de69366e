"""The base classes of every event: a stored type name, a per-type version and the upcasters
that bring an old payload to today's shape, and the paragraph data texts are stored as
(engine.domain.events and engine.domain.meeting_events hold the types)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from engine.domain.errors import SaksflytError


class UnknownEvent(SaksflytError):
    """A stored event this version of saksflyt cannot read: an unknown type, or a version newer
    than its class (written by a newer saksflyt)."""


class _Event(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    version: ClassVar[int] = 1
    """The version of this type's payload shape, stored with every row. Raise it by one when a
    field is added, renamed, removed or changes meaning, and add `upcast_v<old>_v<new>`."""

    @classmethod
    def upcast(cls, version: int, payload: dict[str, Any]) -> dict[str, Any]:
        """A payload stored at `version`, brought to this type's current shape."""
        type_name = cls.model_fields["type"].default
        if version > cls.version or version < 1:
            raise UnknownEvent(
                f"Hendelsen «{type_name}» er lagret i versjon {version}; denne versjonen av "
                f"saksflyt leser høyst versjon {cls.version} (oppgrader saksflyt).")
        while version < cls.version:
            step: Callable[[dict[str, Any]], dict[str, Any]] = getattr(
                cls, f"upcast_v{version}_v{version + 1}")
            payload = step(payload)
            version += 1
        return payload


class _ItemEvent(_Event):
    meeting: str
    """The meeting, as "BODY YYYY-MM-DD": a case is on a meeting's agenda at most once."""


class ParagraphData(BaseModel):
    # Built when first used, as the events are: a command that reads no text pays nothing.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)
    id: str
    text: str
