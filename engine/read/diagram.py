"""Pictures of a workflow's state machines: Graphviz DOT and Mermaid text, with a case's path
drawn on top. Text generation is pure; only `render` runs Graphviz (`dot`) for SVG and PNG.

The words on the picture (its title, the machines' headings, what each step of a path was) come
from the caller (`documents.words`): a path step here is a code with its data.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from engine.domain import events as ev
from engine.domain.errors import SaksflytError
from engine.domain.evolve import evolve_case, new_case
from engine.domain.lifecycle import Workflow
from engine.domain.state import Case, Registry
from engine.read.codes import Outcome

VISITED_FILL = "#d6eaff"
PATH_COLOR = "#c0392b"


@dataclass(frozen=True)
class PathStep:
    """One step of a case through its workflow: a change of state, or a meeting in a state."""

    number: int
    source: str
    dest: str
    code: str
    """`closed` (a meeting closed the item: `body`, `date`, `outcome`), `taken_up` (a meeting
    took the case up: `body`, `date`), `resubmitted` or `withdrawn` (`date`)."""
    date: str
    body: str | None = None
    outcome: Outcome | None = None
    label: str = ""
    """The words drawn on the step's arrow (set by `documents.words.worded_path`)."""


@dataclass(frozen=True)
class Headings:
    """The picture's words: its title (DOT only) and each machine's heading."""

    title: str
    case: str
    item: str


def case_path(stored: list[ev.Event], registry: Registry) -> tuple[Case, list[PathStep]]:
    """Replay a case's events and note each change of its state and each closed meeting."""
    from engine.read.views import item_outcome

    first = stored[0]
    assert isinstance(first, ev.CaseOpened)
    case = new_case(first)
    steps: list[PathStep] = []

    def note(source: str, code: str, date: str, body: str | None = None,
             outcome: Outcome | None = None) -> None:
        steps.append(PathStep(len(steps) + 1, source, case.state, code, date, body, outcome))

    for event in stored[1:]:
        before = case.state
        evolve_case(case, event, registry)
        match event:
            case ev.ItemClosed():
                item = case.item(event.meeting)
                assert item is not None
                note(before, "closed", item.date, item.body, item_outcome(item))
            case ev.CaseResubmitted():
                note(before, "resubmitted", event.date)
            case ev.CaseWithdrawn():
                note(before, "withdrawn", event.date)
            case ev.ItemOpened() if case.state != before:
                note(before, "taken_up", event.date, event.body)
    return case, steps


def _q(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + escaped + '"'


def _edges(workflow: Workflow, kind: str) -> list[tuple[str, str, str]]:
    spec = getattr(workflow.definition, kind)
    return [(source, t.dest, t.label or t.trigger) for t in spec.transitions
            for source in t.source]


def machines_for(path: list[PathStep] | None) -> tuple[str, ...]:
    """Both machines for the workflow alone; the case machine only under a case's path."""
    return ("case",) if path else ("case", "item")


def to_dot(workflow: Workflow, headings: Headings, path: list[PathStep] | None = None) -> str:
    """The case and item machines as DOT; the path's states filled and its steps in red."""
    path = path or []
    walked = {(s.source, s.dest) for s in path}
    visited = {s.source for s in path} | {s.dest for s in path}
    lines = [f"digraph {_q(workflow.name)} {{",
             "  rankdir=LR; compound=true; fontname=Helvetica; labelloc=t;",
             f"  label={_q(headings.title)};",
             '  node [shape=box, style="rounded,filled", fillcolor=white, fontname=Helvetica];',
             "  edge [fontname=Helvetica, fontsize=10, color=gray40];"]
    for kind, heading in (("case", headings.case), ("item", headings.item)):
        if kind not in machines_for(path):
            continue
        spec = getattr(workflow.definition, kind)
        lines.append(f"  subgraph cluster_{kind} {{")
        lines.append(f"    label={_q(heading)}; style=rounded; color=gray70;")
        if spec.initial:
            lines.append(f"    {kind}__start [shape=point, width=0.15, label=\"\"];")
            lines.append(f"    {kind}__start -> {kind}_{spec.initial};")
        for state in spec.states:
            label = state.label or state.name
            if label != state.name:
                label += f"\n({state.name})"
            attrs = [f"label={_q(label)}"]
            if state.final:
                attrs.append("peripheries=2")
            if kind == "case" and state.name in visited:
                attrs += [f"fillcolor={_q(VISITED_FILL)}", f"color={_q(PATH_COLOR)}",
                          "penwidth=2"]
            lines.append(f"    {kind}_{state.name} [{', '.join(attrs)}];")
        lines.append("  }")
        for source, dest, label in _edges(workflow, kind):
            if kind == "case" and (source, dest) in walked:
                continue  # drawn below, in the path's colour
            lines.append(f"  {kind}_{source} -> {kind}_{dest} [label={_q(label)}];")
    for step in path:
        lines.append(f"  case_{step.source} -> case_{step.dest} [color={_q(PATH_COLOR)}, "
                     f"fontcolor={_q(PATH_COLOR)}, penwidth=2, "
                     f"label={_q(f'{step.number}. {step.label}')}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def to_mermaid(workflow: Workflow, headings: Headings,
               path: list[PathStep] | None = None) -> str:
    """The same picture as Mermaid (stateDiagram-v2): no Graphviz needed to show it."""
    path = path or []
    visited = {s.source for s in path} | {s.dest for s in path}
    lines = ["stateDiagram-v2", "  direction LR"]
    for kind, heading in (("case", headings.case), ("item", headings.item)):
        if kind not in machines_for(path):
            continue
        spec = getattr(workflow.definition, kind)
        lines.append(f"  state \"{heading}\" as {kind} {{")
        for state in spec.states:
            lines.append(f"    state \"{state.label or state.name}\" as {kind}_{state.name}")
        if spec.initial:
            lines.append(f"    [*] --> {kind}_{spec.initial}")
        for source, dest, label in _edges(workflow, kind):
            lines.append(f"    {kind}_{source} --> {kind}_{dest}: {label}")
        for state in spec.states:
            if state.final:
                lines.append(f"    {kind}_{state.name} --> [*]")
        if kind == "case":
            for step in path:
                label = f"{step.number}. {step.label}".replace(":", " –")
                lines.append(f"    {kind}_{step.source} --> {kind}_{step.dest}: {label}")
        lines.append("  }")
    if visited:
        lines.append(f"  classDef visited fill:{VISITED_FILL},stroke:{PATH_COLOR},"
                     "stroke-width:2px")
        lines.append("  class " + ",".join(f"case_{s}" for s in sorted(visited)) + " visited")
    return "\n".join(lines) + "\n"


FORMATS = {".dot": "dot", ".gv": "dot", ".mmd": "mermaid", ".svg": "svg", ".png": "png"}


def render(dot_text: str, fmt: str) -> bytes:
    """DOT to SVG or PNG with Graphviz's `dot`; a clear message where it is missing."""
    exe = shutil.which("dot")
    if exe is None:
        raise SaksflytError(
            f"{fmt.upper()} krever Graphviz (programmet «dot»): installer Debian-pakken "
            "graphviz (apt-get install graphviz), eller skriv -o FIL.dot eller -o FIL.mmd.")
    done = subprocess.run([exe, f"-T{fmt}"], input=dot_text.encode("utf-8"),
                          capture_output=True, check=False)
    if done.returncode != 0:
        raise SaksflytError(f"Graphviz feilet: {done.stderr.decode('utf-8', 'replace').strip()}")
    return done.stdout


def check_suffix(output: Path) -> str:
    fmt = FORMATS.get(output.suffix.lower())
    if fmt is None:
        raise SaksflytError(f"Ukjent filtype «{output.suffix}»: bruk .svg, .png, .dot eller "
                            ".mmd.")
    return fmt


def write(workflow: Workflow, output: Path, headings: Headings,
          path: list[PathStep] | None = None, suffix: str | None = None) -> Path:
    """The diagram in the format its file name's suffix (or `suffix`) says."""
    fmt = check_suffix(Path("x" + suffix) if suffix else output)
    if fmt == "mermaid":
        output.write_text(to_mermaid(workflow, headings, path), encoding="utf-8")
    elif fmt == "dot":
        output.write_text(to_dot(workflow, headings, path), encoding="utf-8")
    else:
        output.write_bytes(render(to_dot(workflow, headings, path), fmt))
    return output
