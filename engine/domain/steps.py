"""The steps of an agenda item, as the scenario format writes them (typed, not yet checked
against the record). Scenario replay and the live commands both build these."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    model_validator,
)

from engine.domain.inputs import date_field, name_field, text_field

PROPOSAL_KINDS = (
    "forslag", "tilleggsforslag", "endringsforslag", "strykningsforslag", "alternativt forslag",
    "fellesforslag", "utsettelsesforslag", "oversendelsesforslag", "merknad",
)
WORDS_ONLY_KINDS = ("alternativt forslag", "utsettelsesforslag", "oversendelsesforslag",
                    "merknad")

Name = Annotated[str, AfterValidator(name_field)]
"""A name, id or title: one line, no control characters, at most 255 characters."""
def _lines(value: Any) -> Any:
    """CRLF (a browser's form, a Windows file) as \n: a line break, not a control character."""
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


Words = Annotated[str, BeforeValidator(_lines), AfterValidator(text_field)]
"""A text: line breaks allowed, no control characters."""
Date = Annotated[str, AfterValidator(date_field)]
TextValue = Words | list[Words]
"""A text: one paragraph, or a list of paragraphs."""


def _as_list(value: Any) -> Any:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _tally(value: Any) -> Any:
    if isinstance(value, bool):
        raise ValueError(f"«{str(value).lower()}» er ikke et stemmetall: oppgi tallene, for "
                         "eksempel «3V, 2KrF», eller unanimous: true")
    return value


IntList = Annotated[list[StrictInt], BeforeValidator(_as_list)]
StrList = Annotated[list[Name], BeforeValidator(_as_list)]
TallyValue = Annotated[str | StrictInt | dict[Name, StrictInt] | None, BeforeValidator(_tally)]
"""A tally as written (checked by engine.domain.voting.parse_tally)."""


class _Step(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Note(_Step):
    step: Literal["note"] = "note"
    text: Words


class Rapporteur(_Step):
    step: Literal["rapporteur"] = "rapporteur"
    person: Name


class Impartiality(_Step):
    step: Literal["impartiality"] = "impartiality"
    person: Name
    ruling: Literal["habil", "inhabil"]
    text: Words | None = None


class Present(_Step):
    step: Literal["present"] = "present"
    present: dict[Name, StrictInt]


class Amend(_Step):
    paragraph: StrictInt
    old: Words
    new: Annotated[str, AfterValidator(lambda v: v and text_field(v))] = ""


class Propose(_Step):
    step: Literal["propose"] = "propose"
    id: Name
    by: Name
    kind: str
    on_behalf_of: StrList = Field(default_factory=list)
    label: Name | None = None
    revises: Name | None = None
    add: TextValue | None = None
    at: StrictInt | None = None
    replace: StrictInt | None = None
    text: TextValue | None = None
    amend: Amend | None = None
    strike: IntList | None = None

    @model_validator(mode="after")
    def _one_effect(self) -> Propose:
        if self.kind not in PROPOSAL_KINDS:
            raise ValueError(f"ukjent forslagstype «{self.kind}»; gyldige: "
                             + ", ".join(PROPOSAL_KINDS))
        effects = [k for k in ("add", "replace", "amend", "strike") if getattr(self, k) is not None]
        if len(effects) > 1:
            raise ValueError("et forslag har én virkning: add, replace, amend eller strike")
        if self.replace is not None and self.text is None:
            raise ValueError("replace trenger text")
        if not effects and self.text is None:
            raise ValueError("forslaget mangler virkning (add, replace, amend, strike eller text)")
        if self.kind in WORDS_ONLY_KINDS and effects and self.kind != "alternativt forslag":
            raise ValueError(f"{self.kind} har bare text, ingen endring av innstillingen")
        if self.at is not None and self.add is None:
            raise ValueError("at hører til add")
        if self.text is not None and effects and self.replace is None:
            raise ValueError("text kan ikke stå sammen med add, amend eller strike")
        return self

    @property
    def effect_kind(self) -> str:
        for kind in ("add", "replace", "amend", "strike"):
            if getattr(self, kind) is not None:
                return kind
        return "text"


class Withdraw(_Step):
    step: Literal["withdraw"] = "withdraw"
    id: Name


def _single_winner(value: Any) -> Any:
    if isinstance(value, list):
        raise ValueError("to alternativer kan ikke begge vinne: winner er ett alternativ")
    return value


class Vote(_Step):
    step: Literal["vote"] = "vote"
    on: Name | None = None
    between: StrList | None = None
    winner: Annotated[Name | None, BeforeValidator(_single_winner)] = None
    parts: IntList = Field(default_factory=list)
    except_: IntList = Field(default=[], alias="except")
    unanimous: StrictBool = False
    against: TallyValue = None
    for_: TallyValue = Field(default=None, alias="for")
    result: Literal["vedtatt", "falt"] | None = None

    @model_validator(mode="after")
    def _shape(self) -> Vote:
        if (self.on is None) == (self.between is None):
            raise ValueError("en votering har enten on eller between")
        if self.between is not None:
            if len(self.between) != 2 or self.between[0] == self.between[1]:
                raise ValueError("between nevner to forskjellige alternativer")
            if self.winner is None:
                raise ValueError("en alternativ votering trenger winner")
            if self.winner not in self.between:
                raise ValueError(f"winner «{self.winner}» er ikke ett av alternativene")
            if self.except_:
                raise ValueError("except hører til en votering over innstillingen")
        elif self.winner is not None:
            raise ValueError("winner hører til en alternativ votering (between)")
        if self.parts and self.except_:
            raise ValueError("bruk enten parts eller except, ikke begge")
        return self


class Join(_Step):
    step: Literal["join"] = "join"
    remark: Name
    parties: StrList


class TakeNote(_Step):
    step: Literal["take_note"] = "take_note"
    text: TextValue


class Postpone(_Step):
    step: Literal["postpone"] = "postpone"
    to: Date | None = None
    text: Words


class SendBack(_Step):
    """The body sends the case back: `to: administration` (the default) or an earlier body."""

    step: Literal["send_back"] = "send_back"
    to: Name = "administration"
    text: Words


class Refer(_Step):
    """The body refers the case to another body (`role`: what that body does; default the
    item's own role)."""

    step: Literal["refer"] = "refer"
    to: Name
    role: Name | None = None
    text: Words


Step = Annotated[
    Note | Rapporteur | Impartiality | Present | Propose | Withdraw | Vote | Join | TakeNote
    | Postpone | SendBack | Refer,
    Field(discriminator="step"),
]

STEP_MODELS: dict[str, type[_Step]] = {
    "note": Note, "rapporteur": Rapporteur, "impartiality": Impartiality, "present": Present,
    "propose": Propose, "withdraw": Withdraw, "vote": Vote, "join": Join, "take_note": TakeNote,
    "postpone": Postpone, "send_back": SendBack, "refer": Refer,
}
SCALAR_KEY = {"note": "text", "rapporteur": "person", "withdraw": "id", "take_note": "text",
              "present": "present"}
"""The field a step's value fills when the scenario writes it as a scalar (`note: TEXT`)."""
