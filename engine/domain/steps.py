"""The steps of an agenda item, as the scenario format writes them (typed, not yet checked
against the record). Scenario replay and the live commands both build these."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

PROPOSAL_KINDS = (
    "forslag", "tilleggsforslag", "endringsforslag", "strykningsforslag", "alternativt forslag",
    "fellesforslag", "utsettelsesforslag", "oversendelsesforslag", "merknad",
)
WORDS_ONLY_KINDS = ("alternativt forslag", "utsettelsesforslag", "oversendelsesforslag",
                    "merknad")

TextValue = str | list[str]
"""A text: one paragraph, or a list of paragraphs."""


def _as_list(value: Any) -> Any:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


IntList = Annotated[list[int], BeforeValidator(_as_list)]
StrList = Annotated[list[str], BeforeValidator(_as_list)]


class _Step(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Note(_Step):
    step: Literal["note"] = "note"
    text: str


class Rapporteur(_Step):
    step: Literal["rapporteur"] = "rapporteur"
    person: str


class Impartiality(_Step):
    step: Literal["impartiality"] = "impartiality"
    person: str
    ruling: Literal["habil", "inhabil"]
    text: str | None = None


class Present(_Step):
    step: Literal["present"] = "present"
    present: dict[str, int]


class Amend(_Step):
    paragraph: int
    old: str
    new: str = ""


class Propose(_Step):
    step: Literal["propose"] = "propose"
    id: str
    by: str
    kind: str
    on_behalf_of: StrList = []
    label: str | None = None
    revises: str | None = None
    add: TextValue | None = None
    at: int | None = None
    replace: int | None = None
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
    id: str


def _single_winner(value: Any) -> Any:
    if isinstance(value, list):
        raise ValueError("to alternativer kan ikke begge vinne: winner er ett alternativ")
    return value


class Vote(_Step):
    step: Literal["vote"] = "vote"
    on: str | None = None
    between: StrList | None = None
    winner: Annotated[str | None, BeforeValidator(_single_winner)] = None
    parts: IntList = []
    except_: IntList = Field(default=[], alias="except")
    unanimous: bool = False
    against: str | int | dict[str, int] | None = None
    for_: str | int | dict[str, int] | None = Field(default=None, alias="for")
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
    remark: str
    parties: StrList


class TakeNote(_Step):
    step: Literal["take_note"] = "take_note"
    text: TextValue


class Postpone(_Step):
    step: Literal["postpone"] = "postpone"
    to: str | None = None
    text: str


class SendBack(_Step):
    """The body sends the case back: `to: administration` (the default) or an earlier body."""

    step: Literal["send_back"] = "send_back"
    to: str = "administration"
    text: str


class Refer(_Step):
    """The body refers the case to another body (`role`: what that body does; default the
    item's own role)."""

    step: Literal["refer"] = "refer"
    to: str
    role: str | None = None
    text: str


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
