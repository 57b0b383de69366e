"""The register's events: parties, bodies (with their members), people and the
municipality's name. Re-exported by engine.domain.events, which holds the union."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict

from engine.domain.event_base import _Event


class PartyRegistered(_Event):
    type: Literal["party.registered"] = "party.registered"
    short: str
    name: str


class Member(BaseModel):
    """A seat in a body: the person (their register key), the party list they sit for
    (None: no party), and whether they are a member or a deputy (varamedlem) of that list."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)
    person: str
    party: str | None = None
    deputy: bool = False


class BodyRegistered(_Event):
    type: Literal["body.registered"] = "body.registered"
    name: str
    kind: Literal["council", "committee", "advisory"]
    seats: dict[str, int] | None = None
    language: Literal["nb", "nn"] | None = None
    """The body's written language, for its protocols (None: bokmål)."""
    members: list[Member] = []
    """Who sits in the body, members and deputies, in the order the record lists them."""
    wording: str | None = None
    """The protocol wording the body uses where it is not its kind's (advisory, political)."""

    version: ClassVar[int] = 2

    @staticmethod
    def upcast_v1_v2(payload: dict[str, Any]) -> dict[str, Any]:
        """Version 2 adds language, members, wording; a version 1 row has their defaults."""
        return payload


class PersonRegistered(_Event):
    type: Literal["person.registered"] = "person.registered"
    name: str
    """The person's key in the register: their name, or an id where two share a name."""
    affiliation: str | None = None
    display: str | None = None
    """The name printed, where the key is an id."""

    version: ClassVar[int] = 2

    @staticmethod
    def upcast_v1_v2(payload: dict[str, Any]) -> dict[str, Any]:
        """Version 2 adds display; a version 1 row has their defaults."""
        return payload


class MunicipalityNamed(_Event):
    type: Literal["municipality.named"] = "municipality.named"
    name: str
