"""The bodies of the API's requests and its answer (server.api), as the OpenAPI schema
documents them."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class Answer(BaseModel):
    text: str = Field(description="What the command line prints (standard output).")
    stderr: str = ""
    exit_code: int = 0
    data: Any = None


class Target(BaseModel):
    meeting: str | None = Field(None, description="«UTVALG ÅÅÅÅ-MM-DD»; default: the one "
                                                  "meeting that has an open item")
    case: str | None = Field(None, description="arkivsak, if not the meeting's open item")


class StepIn(Target):
    step: dict[str, Any] = Field(description="One step of the scenario format",
                                 examples=[{"vote": {"on": "innstillingen", "unanimous": True}}])


class MeetingIn(BaseModel):
    meeting: str


class AgendaIn(BaseModel):
    arkivsak: str
    sak: str
    title: str | None = None
    result: str | None = None


class OpenIn(BaseModel):
    sak: str = Field(description="The body's case number (87/19) or the arkivsak")


class ApproveIn(BaseModel):
    text: str | None = None
    by: list[str] = []
    method: str | None = None
    as_recorded: bool = False
    date: str | None = None


class ExemptIn(BaseModel):
    sak: str
    basis: str
    public_title: str


class AttendanceIn(BaseModel):
    meeting: str | None = None
    absent: list[str] = []
    deputy: str | None = None
    for_: str | None = Field(None, alias="for")
    item_only: bool = False


class CorrectIn(Target):
    vote: int | None = None
    proposal: str | None = None
    against: str | None = None
    for_: str | None = Field(None, alias="for")
    text: str | list[str] | None = None
    reason: str
    after_approval: bool = False
