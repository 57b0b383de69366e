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
    "uttalelse", "felles uttalelse",
)
"""`uttalelse` and `felles uttalelse`: a member's proposal of (a part of) an advisory body's
statement, as the councils' protocols name it ("fremmet følgende felles uttalelse")."""
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


LEDD_WORDS = {"første": 1, "andre": 2, "annet": 2, "tredje": 3, "fjerde": 4}


class Basis(_Step):
    """The legal basis of an inhabil ruling: forvaltningsloven § 6, which ledd, and in the
    first ledd the letter (a-e). `"første ledd bokstav a"`, `{ledd: 1, bokstav: a}` or
    `"6a"`."""

    ledd: int
    bokstav: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        import re

        text = value.strip().lower().replace("fvl.", "").replace("forvaltningsloven", "")
        text = text.replace("§", "").strip()
        short = re.fullmatch(r"6\s*([a-e])", text)
        if short:
            return {"ledd": 1, "bokstav": short.group(1)}
        match = re.fullmatch(r"(?:6\s*)?,?\s*(første|andre|annet|tredje|fjerde|[1-4]\.?)\s+"
                             r"ledd(?:\s*,?\s*bokstav\s+([a-z]))?", text)
        if not match:
            raise ValueError(f"kan ikke lese hjemmelen «{value}»; skriv for eksempel "
                             "«første ledd bokstav a» (forvaltningsloven § 6)")
        word = match.group(1).rstrip(".")
        ledd = LEDD_WORDS.get(word) or int(word)
        return {"ledd": ledd, "bokstav": match.group(2)}

    @model_validator(mode="after")
    def _known(self) -> Basis:
        if self.ledd not in (1, 2, 3, 4):
            raise ValueError(f"forvaltningsloven § 6 har ikke {self.ledd}. ledd")
        if self.ledd == 1 and (self.bokstav or "") not in tuple("abcde"):
            raise ValueError("§ 6 første ledd trenger bokstav a, b, c, d eller e")
        if self.ledd != 1 and self.bokstav is not None:
            raise ValueError("bare § 6 første ledd har bokstaver")
        return self


class Impartiality(_Step):
    step: Literal["impartiality"] = "impartiality"
    person: Name
    ruling: Literal["habil", "inhabil"]
    text: Words | None = None
    basis: Basis | None = None

    @model_validator(mode="after")
    def _basis_for_inhabil(self) -> Impartiality:
        if self.basis is not None and self.ruling != "inhabil":
            raise ValueError("basis (hjemmel) hører til en kjennelse om inhabilitet")
        return self


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
    by: Name | None = None
    """The proposer; in a scenario also a list of two or more members (`by: [A, B]`), read
    as `by` and `together`."""
    together: StrList = Field(default_factory=list)
    """The members who make the proposal with `by`."""
    parties: StrList = Field(default_factory=list)
    """Parties that make the proposal together ("Fellesforslag fra H, FrP og Ap")."""
    members: bool = False
    """The body's members make the proposal together."""
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
    take_note: TextValue | None = None
    """Adopted, the body takes the case to information with these words."""

    @model_validator(mode="before")
    @classmethod
    def _several(cls, value: Any) -> Any:
        if isinstance(value, dict) and isinstance(value.get("by"), list):
            names = [str(n) for n in value["by"]]
            if len(names) < 2:
                raise ValueError("by som liste nevner to eller flere medlemmer")
            value = {**value, "by": names[0], "together": names[1:]}
        return value

    @model_validator(mode="after")
    def _proposers(self) -> Propose:
        people = [self.by, *self.together] if self.by else list(self.together)
        if self.by is None and not self.parties and not self.members:
            raise ValueError("forslaget mangler forslagsstiller: by, parties eller members")
        if self.together and self.by is None:
            raise ValueError("together hører til by")
        if len(set(people)) != len(people):
            raise ValueError("samme medlem står to ganger blant forslagsstillerne")
        if len(set(self.parties)) != len(self.parties):
            raise ValueError("samme parti står to ganger i parties")
        if self.members and (self.by is not None or self.parties):
            raise ValueError("members (utvalgets medlemmer) står alene, uten by og parties")
        if self.parties and self.on_behalf_of:
            raise ValueError("et forslag fra partier (parties) har ikke on_behalf_of")
        return self

    @model_validator(mode="after")
    def _one_effect(self) -> Propose:
        if self.kind not in PROPOSAL_KINDS:
            raise ValueError(f"ukjent forslagstype «{self.kind}»; gyldige: "
                             + ", ".join(PROPOSAL_KINDS))
        effects = [k for k in ("add", "replace", "amend", "strike", "take_note")
                   if getattr(self, k) is not None]
        if len(effects) > 1:
            raise ValueError("et forslag har én virkning: add, replace, amend, strike eller "
                             "take_note")
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
        return "note" if self.take_note is not None else "text"

    @property
    def proposers(self) -> list[str]:
        """The members who make the proposal (none for a party or members' proposal)."""
        return [self.by, *self.together] if self.by else []


class Withdraw(_Step):
    step: Literal["withdraw"] = "withdraw"
    id: Name


def _single_winner(value: Any) -> Any:
    if isinstance(value, list):
        raise ValueError("to alternativer kan ikke begge vinne: winner er ett alternativ")
    return value


Tally = str | StrictInt | dict[Name, StrictInt]


class Named(_Step):
    """A named vote (navnevotering): who voted for and who against, by register key."""

    for_: StrList = Field(default=[], alias="for")
    against: StrList = Field(default_factory=list)


class Vote(_Step):
    step: Literal["vote"] = "vote"
    on: Name | None = None
    together: StrList = Field(default_factory=list)
    """Further proposals voted on together with `on`; a scenario writes `on: [A, B]`."""
    between: StrList | None = None
    winner: Annotated[Name | None, BeforeValidator(_single_winner)] = None
    parts: IntList = Field(default_factory=list)
    except_: IntList = Field(default=[], alias="except")
    unanimous: StrictBool = False
    against: TallyValue = None
    for_: TallyValue = Field(default=None, alias="for")
    result: Literal["vedtatt", "falt"] | None = None
    votes: dict[str, Tally] | None = None
    """An alternative vote between more than two sides: each side's votes."""
    named: Named | None = None

    @model_validator(mode="before")
    @classmethod
    def _several(cls, value: Any) -> Any:
        if isinstance(value, dict) and isinstance(value.get("on"), list):
            names = [str(n) for n in value["on"]]
            if len(names) < 2:
                raise ValueError("on som liste nevner to eller flere forslag")
            value = {**value, "on": names[0], "together": names[1:]}
        return value

    @model_validator(mode="after")
    def _shape(self) -> Vote:
        if (self.on is None) == (self.between is None):
            raise ValueError("en votering har enten on eller between")
        subjects = [self.on, *self.together] if self.on else []
        if len(set(subjects)) != len(subjects):
            raise ValueError("samme forslag står to ganger i on")
        if self.together and "innstillingen" in subjects:
            raise ValueError("innstillingen voteres for seg, ikke samlet med forslag")
        if self.votes is not None:
            if self.between is None:
                raise ValueError("votes hører til en alternativ votering (between)")
            if self.for_ is not None or self.against is not None or self.unanimous:
                raise ValueError("bruk votes alene: stemmene for hvert alternativ")
            unknown = [k for k in self.votes if k not in self.between]
            if unknown:
                raise ValueError(f"votes nevner «{unknown[0]}», som ikke er et alternativ")
        if self.named is not None and self.unanimous:
            raise ValueError("en navnevotering er ikke unanimous: oppgi hvem som stemte mot")
        if self.between is not None:
            if len(self.between) < 2 or len(set(self.between)) != len(self.between):
                raise ValueError("between nevner to eller flere forskjellige alternativer")
            if len(self.between) > 2 and self.votes is None and not self.unanimous:
                raise ValueError("en alternativ votering mellom flere enn to trenger votes: "
                                 "stemmene for hvert alternativ")
            if self.named is not None and len(self.between) > 2:
                raise ValueError("navnevotering mellom flere enn to alternativer støttes ikke")
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
