"""Read models for the secretariat's overviews: the case list. Pure.

The rows carry codes (`CaseStatus`, `Outcome`); `documents.words` words them and
`documents.tables` lays them out as tables.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from engine.domain.state import Case
from engine.read.codes import CaseStatus
from engine.read.views import case_status, item_outcome


def case_row(case: Case) -> dict[str, Any]:
    """Where one case stands: its state, its body now, its last meeting."""
    from engine.domain.lifecycle import load_workflow

    workflow = load_workflow(case.workflow)
    at_stage = case.state in workflow.roles
    last = case.items[-1] if case.items else None
    return {
        "arkivsak": case.arkivsak, "title": case.title, "workflow": case.workflow,
        "state": case.state, "status": case_status(case),
        "body": case.route[case.stage].body if at_stage else None,
        "round": case.round,
        "last_meeting": None if last is None else {
            "meeting": last.meeting, "sak": last.sak, "outcome": item_outcome(last)},
    }


def filter_rows(rows: list[dict[str, Any]], state: str | None = None,
                body: str | None = None,
                status_text: Callable[[CaseStatus], str] | None = None) -> list[dict[str, Any]]:
    """Rows whose state is `state` or whose status, as `status_text` words it, contains it;
    and whose body now is `body`."""
    out = rows
    if state:
        wanted = state.casefold()
        words = status_text or (lambda status: status.code)
        out = [r for r in out if wanted == r["state"].casefold()
               or wanted in words(r["status"]).casefold()]
    if body:
        out = [r for r in out if (r["body"] or "").casefold() == body.casefold()]
    return out
