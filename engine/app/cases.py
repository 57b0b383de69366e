"""Application services for cases: which item decided a case, a case's overview, the case
list, and sending back, referring, resubmitting and withdrawing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from engine.app.decisions import deciding_item, decision_of  # noqa: F401 (re-exported)
from engine.app.repository import load_case, load_registry, require_case
from engine.app.session import unit_of_work
from engine.commands import deciders as cmd
from engine.commands import returns
from engine.domain import steps as st
from engine.read.overview import case_row, filter_rows
from engine.read.views import case_overview, find_item

if TYPE_CHECKING:
    from engine.commands.workspace import Workspace
    from engine.domain.state import Case
    from engine.read.codes import CaseStatus
    from engine.store.eventstore import EventStore


def show_case(store: EventStore, arkivsak: str) -> dict[str, Any]:
    return case_overview(require_case(store, arkivsak)[1])


def case_rows(store: EventStore, state: str | None = None, body: str | None = None,
              status_text: Callable[[CaseStatus], str] | None = None) -> list[dict[str, Any]]:
    """Where every case stands, filtered by state (the state's name, or a part of the status
    as `status_text` words it) and by the body that has it now."""
    registry = load_registry(store)
    rows = []
    for stream in store.streams("sak:"):
        case = load_case(store, registry, stream.removeprefix("sak:"))
        if case is not None:
            rows.append(case_row(case))
    return filter_rows(rows, state, body, status_text)


def _change(store: EventStore, actor: str | None, arkivsak: str,
            change: Callable[[Workspace, Case], None]) -> Case:
    with unit_of_work(store, actor) as session:
        case = session.ws.case(arkivsak)
        change(session.ws, case)
        return case


def _disposal(meeting: str, step: st.SendBack | st.Refer) -> Callable[[Workspace, Case], None]:
    """Send back or refer in the meeting's item, which ends the item there."""

    def change(ws: Workspace, case: Case) -> None:
        item = find_item(case, meeting)
        cmd.apply_step(ws, case, item, step)
        cmd.close_item(ws, case, item)

    return change


def send_back(store: EventStore, actor: str | None, arkivsak: str, meeting: str, to: str,
              text: str) -> Case:
    return _change(store, actor, arkivsak, _disposal(meeting, st.SendBack(to=to, text=text)))


def refer(store: EventStore, actor: str | None, arkivsak: str, meeting: str, to: str,
          role: str | None, text: str) -> Case:
    step = st.Refer(to=to, role=role, text=text)
    return _change(store, actor, arkivsak, _disposal(meeting, step))


def resubmit(store: EventStore, actor: str | None, arkivsak: str, date: str,
             paragraphs: list[str], by: str | None, at: str | None) -> Case:
    entry = returns.Resubmit(case=arkivsak, date=date, recommendation=paragraphs, by=by, at=at)
    return _change(store, actor, arkivsak, lambda ws, case: returns.resubmit(ws, case, entry))


def withdraw(store: EventStore, actor: str | None, arkivsak: str, date: str, text: str,
             by: str | None) -> Case:
    entry = returns.WithdrawCase(case=arkivsak, date=date, text=text, by=by)
    return _change(store, actor, arkivsak,
                   lambda ws, case: returns.withdraw_case(ws, case, entry))
