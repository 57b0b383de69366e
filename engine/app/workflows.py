"""Application services for workflows: the list, and a case's path through one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.app.repository import load_registry
from engine.domain.errors import SaksflytError
from engine.domain.lifecycle import Workflow, load_workflow, workflow_names

if TYPE_CHECKING:
    from engine.read.diagram import PathStep
    from engine.store.eventstore import EventStore


def workflow_rows() -> list[tuple[str, str, list[str]]]:
    """Each shipped workflow: name, title and the roles a route may name."""
    return [(name, load_workflow(name).definition.title, load_workflow(name).roles)
            for name in workflow_names()]


def case_path(store: EventStore, workflow: Workflow, arkivsak: str) -> list[PathStep]:
    """The case's path through `workflow`, for drawing on its diagram."""
    from engine.read import diagram

    events = [row.event() for row in store.read(f"sak:{arkivsak}")]
    if not events:
        raise SaksflytError(f"Saken {arkivsak} finnes ikke i databasen.")
    case, path = diagram.case_path(events, load_registry(store))
    if case.workflow != workflow.name:
        raise SaksflytError(f"Sak {arkivsak} følger arbeidsflyten «{case.workflow}», ikke "
                            f"«{workflow.name}».")
    return path
