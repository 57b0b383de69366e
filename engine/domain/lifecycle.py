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

from engine.domain.errors import InvalidTransition, NotFound, SaksflytError

STEP_NAMES = {
    "note": "notat", "rapporteur": "saksordfører", "impartiality": "habilitet",
    "present": "oppmøte", "propose": "forslag", "withdraw": "trekke forslag",
    "vote": "votering", "join": "tilslutning til merknad", "take_note": "ta til orientering",
    "postpone": "utsettelse", "send_back": "sende tilbake", "refer": "oversende",
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


StageOutcome = Literal["statement", "recommendation", "decision", "report", "debate"]
"""What closing an item at a route stage of this role does to the case: a statement (nothing
changes), a recommendation (the next body's text), a decision, a report taken to information
(referatsak), or a debate (a decision only where a proposal was adopted)."""



class StateDef(_Strict):
    name: str
    label: str = ""
    allows: list[str] = []
    final: bool = False
    description: str = ""
    outcome: StageOutcome | None = None
    """For a case state that is a route role: what an item at that stage produces."""
    base: Literal["recommendation", "empty"] | None = None
    """What the item's decision starts from (default: empty for a statement, else the
    recommendation)."""
    hearing: bool | None = None
    """Whether consecutive route stages of this role form one hearing round, taken in any
    order (default: yes for a statement)."""


class TransitionDef(_Strict):
    trigger: str
    source: list[str]
    dest: str
    label: str = ""


class MachineDef(_Strict):
    initial: str | None = None
    states: list[StateDef]
    transitions: list[TransitionDef]


class Rules(_Strict):
    postponement_first: bool = True
    """An utsettelsesforslag is voted on before anything else."""
    proposals_after_voting: bool = False
    """Whether proposals may still be made once voting on the item has begun."""
    majority: Literal["simple", "qualified"] = "simple"
    """simple: more votes for than against; qualified: at least `qualified_share` of the votes
    cast (a vote on a proposal or the recommendation; an alternative vote is always simple)."""
    qualified_share: tuple[int, int] = (2, 3)


class CaseTriggers(_Strict):
    """The case machine's triggers for what the engine does to a case."""
    stage: str = "til_{role}"
    """Moves the case to a route stage; `{role}` is the stage's role (a case state)."""
    decide: str = "avgjor"
    send_back: str = "send_tilbake"
    withdraw: str = "trekk"


class ItemTriggers(_Strict):
    """The item machine's triggers for the steps that move an agenda item on."""
    take_up: str = "behandle"
    vote: str = "voter"
    postpone: str = "utsett"
    send_back: str = "send_tilbake"
    refer: str = "oversend"
    close: str = "avslutt"


class Triggers(_Strict):
    case: CaseTriggers = CaseTriggers()
    item: ItemTriggers = ItemTriggers()


class WorkflowDef(_Strict):
    name: str
    title: str = ""
    description: str = ""
    case: MachineDef
    item: MachineDef
    rules: Rules = Rules()
    triggers: Triggers = Triggers()
    """Which trigger of the machines the engine fires for each of its own actions, so a
    workflow may name its transitions as its reglement does."""


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
                transitions=[t.model_dump(exclude={"label"}) for t in spec.transitions],
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
        spec = self._state("item", state)
        if step == "propose" and self.rules.proposals_after_voting and not spec.final:
            # The reglement lets members propose while voting is under way.
            return True
        return step in spec.allows

    def is_final(self, kind: Literal["case", "item"], state: str) -> bool:
        return self._state(kind, state).final

    def has_state(self, kind: Literal["case", "item"], state: str) -> bool:
        return any(s.name == state for s in getattr(self.definition, kind).states)

    @property
    def triggers(self) -> Triggers:
        return self.definition.triggers

    def stage_outcome(self, role: str) -> StageOutcome:
        """What an item at a route stage of `role` produces (see StateDef.outcome)."""
        return self._state("case", role).outcome or "decision"

    def starts_empty(self, role: str) -> bool:
        """Whether an item's decision at this stage starts from nothing (a statement's does)."""
        spec = self._state("case", role)
        if spec.base is not None:
            return spec.base == "empty"
        return self.stage_outcome(role) == "statement"

    def is_hearing(self, role: str) -> bool:
        """Whether consecutive stages of this role form one hearing round (any order)."""
        spec = self._state("case", role)
        if spec.hearing is not None:
            return spec.hearing
        return self.stage_outcome(role) == "statement"

    def stage_trigger(self, role: str) -> str:
        """The case trigger that moves a case to a route stage of `role`."""
        return self.triggers.case.stage.format(role=role)

    @property
    def roles(self) -> list[str]:
        """The case states a route stage may name: those with a stage trigger."""
        triggers = {t.trigger for t in self.definition.case.transitions}
        return [s.name for s in self.definition.case.states
                if not s.final and self.stage_trigger(s.name) in triggers]

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


def _line_of(data: object, loc: tuple[object, ...]) -> int | None:
    """The 1-based line of the YAML node at `loc` (the deepest node that exists)."""
    node, line = data, getattr(getattr(data, "lc", None), "line", None)
    for key in loc:
        lc = getattr(node, "lc", None)
        try:
            if isinstance(node, dict) and key in node:
                line = lc.key(key)[0] if lc else line
                node = node[key]
            elif isinstance(node, list) and isinstance(key, int) and key < len(node):
                line = lc.item(key)[0] if lc else line
                node = node[key]
            else:
                break
        except (KeyError, IndexError, TypeError):
            break
    return None if line is None else line + 1


def _fail(source: str, line: int | None, key: str, message: str) -> SaksflytError:
    where = f"{source}:{line}" if line is not None else source
    return SaksflytError(f"{where}: ugyldig arbeidsflyt ved «{key}»: {message}")


def parse_workflow(text: str, source: str) -> WorkflowDef:
    """Validate a workflow definition; errors name the file, the line and the key."""
    from engine.domain import yaml12

    # libyaml first: ruamel costs ~80 ms of every command's start (imported only for a file
    # libyaml cannot read); it still words the errors
    try:
        data = yaml12.load(text)
    except yaml12.YamlError:
        from ruamel.yaml import YAML
        from ruamel.yaml.error import YAMLError

        try:
            data = YAML(typ="rt").load(text)
        except YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = f":{mark.line + 1}" if mark else ""
            raise SaksflytError(f"{source}{line}: ugyldig YAML: "
                                f"{getattr(exc, 'problem', exc)}") from None
    try:
        definition = WorkflowDef.model_validate(_plain(data))
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = tuple(first["loc"])
        key = ".".join(str(p) for p in loc)
        message = ("er ikke en kjent nøkkel" if first["type"] == "extra_forbidden"
                   else "mangler" if first["type"] == "missing" else first["msg"])
        raise _fail(source, _line_of(data, loc), key, message) from None
    for kind in ("case", "item"):
        spec: MachineDef = getattr(definition, kind)
        names = {s.name for s in spec.states}
        if spec.initial is not None and spec.initial not in names:
            raise _fail(source, _line_of(data, (kind, "initial")), f"{kind}.initial",
                        f"ukjent tilstand «{spec.initial}»")
        for i, t in enumerate(spec.transitions):
            for j, state in enumerate(t.source):
                if state not in names:
                    raise _fail(source, _line_of(data, (kind, "transitions", i, "source", j)),
                                f"{kind}.transitions.{i}.source", f"ukjent tilstand «{state}» "
                                f"i «{t.trigger}»")
            if t.dest not in names:
                raise _fail(source, _line_of(data, (kind, "transitions", i, "dest")),
                            f"{kind}.transitions.{i}.dest",
                            f"ukjent tilstand «{t.dest}» i «{t.trigger}»")
        for i, s in enumerate(spec.states):
            for j, step in enumerate(s.allows):
                if step not in STEP_NAMES:
                    raise _fail(source, _line_of(data, (kind, "states", i, "allows", j)),
                                f"{kind}.states.{i}.allows", f"ukjent steg «{step}»; gyldige: "
                                + ", ".join(STEP_NAMES))
    return definition


def _plain(value: object) -> object:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _shown(name: str) -> str:
    from engine.domain.inputs import shown

    return shown(name)


def workflow_names() -> list[str]:
    """The workflows shipped in `workflows/`, by name."""
    folder = resources.files("workflows")
    return sorted(f.name.removesuffix(".yaml") for f in folder.iterdir()
                  if f.name.endswith(".yaml"))


@cache
def load_workflow(name: str) -> Workflow:
    """A shipped workflow by name. Only the names `workflow_names` lists are loaded: a name
    is never a path (`../x` would read any YAML file on the machine)."""
    if not isinstance(name, str) or name not in workflow_names():
        import difflib

        known = workflow_names()
        close = difflib.get_close_matches(str(name), known, n=1)
        hint = f" (mente du «{close[0]}»?)" if close else ""
        raise NotFound(f"Arbeidsflyten «{_shown(str(name))}» finnes ikke{hint}; kjente: "
                       + ", ".join(known) + ".")
    try:
        text = resources.files("workflows").joinpath(f"{name}.yaml").read_text("utf-8")
    except FileNotFoundError:
        raise NotFound(f"Arbeidsflyten «{name}» finnes ikke (se workflows/).") from None
    return Workflow(parse_workflow(text, f"workflows/{name}.yaml"))
