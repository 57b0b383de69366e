"""The `transitions` state machines of a case and an agenda item, built from `workflows/`.

One machine per workflow and kind, shared by all cases: a command adds a small state holder,
asks `may_<trigger>()`, fires the trigger and removes the holder. The machine decides whether a
step is allowed; the command produces the events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from engine.errors import InvalidTransition, NotFound, SaksflytError

STEP_NAMES = {
    "note": "notat", "rapporteur": "saksordfører", "impartiality": "habilitet",
    "present": "oppmøte", "propose": "forslag", "withdraw": "trekke forslag",
    "vote": "votering", "join": "tilslutning til merknad", "take_note": "ta til orientering",
    "postpone": "utsettelse",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StateDef(_Strict):
    name: str
    label: str = ""
    allows: list[str] = []
    final: bool = False


class TransitionDef(_Strict):
    trigger: str
    source: list[str]
    dest: str


class MachineDef(_Strict):
    initial: str | None = None
    states: list[StateDef]
    transitions: list[TransitionDef]


class Rules(_Strict):
    postponement_first: bool = True
    majority: Literal["simple"] = "simple"


class WorkflowDef(_Strict):
    name: str
    title: str = ""
    case: MachineDef
    item: MachineDef
    rules: Rules = Rules()


class _Holder:
    """A plain state holder: transitions adds its attributes here (pydantic models refuse)."""

    def __init__(self, state: str) -> None:
        self.state = state


@dataclass(eq=False)
class Workflow:
    definition: WorkflowDef
    _machines: dict[str, object] = field(default_factory=dict)
    _fired: dict[tuple[str, str, str], str] = field(default_factory=dict)
    """fire() results: the transitions have no conditions, so (kind, state, trigger) decides."""

    @property
    def name(self) -> str:
        return self.definition.name

    @property
    def rules(self) -> Rules:
        return self.definition.rules

    def _machine(self, kind: str) -> object:
        if kind not in self._machines:
            from transitions import Machine

            spec: MachineDef = getattr(self.definition, kind)
            self._machines[kind] = Machine(
                model=None, states=[s.name for s in spec.states],
                transitions=[t.model_dump() for t in spec.transitions],
                auto_transitions=False, initial=None)
        return self._machines[kind]

    def _state(self, kind: str, name: str) -> StateDef:
        for s in getattr(self.definition, kind).states:
            if s.name == name:
                return s
        raise NotFound(f"Tilstanden «{name}» finnes ikke i arbeidsflyten «{self.name}».")

    def label(self, kind: str, state: str) -> str:
        return self._state(kind, state).label or state

    def allows(self, state: str, step: str) -> bool:
        return step in self._state("item", state).allows

    def check_step(self, state: str, step: str) -> None:
        """Refuse a step the item's state does not allow, naming the state."""
        if not self.allows(state, step):
            label = self.label("item", state)
            raise InvalidTransition(
                f"Saken er {label} («{state}»); steget «{STEP_NAMES.get(step, step)}» er ikke "
                "tillatt nå.", state=state, trigger=step)

    def fire(self, kind: Literal["case", "item"], state: str, trigger: str) -> str:
        """The state after `trigger`, or InvalidTransition naming the current state."""
        if (kind, state, trigger) in self._fired:
            return self._fired[(kind, state, trigger)]  # adding a model costs more than replay
        machine = self._machine(kind)
        holder = _Holder(state)
        machine.add_model(holder, initial=state)  # type: ignore[attr-defined]
        try:
            may = getattr(holder, f"may_{trigger}", None)
            if may is None or not may():
                raise InvalidTransition(
                    f"{'Saken' if kind == 'case' else 'Behandlingen'} er "
                    f"{self.label(kind, state)} («{state}»); «{trigger}» er ikke mulig.",
                    state=state, trigger=trigger)
            getattr(holder, trigger)()
            self._fired[(kind, state, trigger)] = holder.state
            return holder.state
        finally:
            machine.remove_model(holder)  # type: ignore[attr-defined]

    def may(self, kind: Literal["case", "item"], state: str, trigger: str) -> bool:
        machine = self._machine(kind)
        holder = _Holder(state)
        machine.add_model(holder, initial=state)  # type: ignore[attr-defined]
        try:
            may = getattr(holder, f"may_{trigger}", None)
            return bool(may and may())
        finally:
            machine.remove_model(holder)  # type: ignore[attr-defined]


def parse_workflow(text: str, source: str) -> WorkflowDef:
    """Validate a workflow definition; errors name the file and the key."""
    from ruamel.yaml import YAML

    data = YAML(typ="safe").load(text)
    try:
        definition = WorkflowDef.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"])
        raise SaksflytError(f"{source}: ugyldig arbeidsflyt ved «{key}»: {first['msg']}") from None
    for kind in ("case", "item"):
        spec: MachineDef = getattr(definition, kind)
        names = {s.name for s in spec.states}
        for t in spec.transitions:
            for state in [*t.source, t.dest]:
                if state not in names:
                    raise SaksflytError(
                        f"{source}: {kind}.transitions «{t.trigger}» nevner ukjent tilstand "
                        f"«{state}».")
    return definition


@cache
def load_workflow(name: str) -> Workflow:
    try:
        text = resources.files("workflows").joinpath(f"{name}.yaml").read_text("utf-8")
    except FileNotFoundError:
        raise NotFound(f"Arbeidsflyten «{name}» finnes ikke (se workflows/).") from None
    return Workflow(parse_workflow(text, f"workflows/{name}.yaml"))


CASE_TRIGGER_FOR_ROLE = {"uttalelse": "til_uttalelse", "innstilling": "til_innstilling",
                         "vedtak": "til_vedtak"}
