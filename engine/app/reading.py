"""The read services the command line and the server share: a case's decision, protocol,
blame, history, comparison, the case list and the hash-chain check, each loaded from the
store in one place so both faces render the same data."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.app.repository import load_case, load_registry, require_case
from engine.domain.errors import NotFound

if TYPE_CHECKING:
    from engine.domain.state import Case, Item, Registry
    from engine.read.compare import Comparison
    from engine.store.eventstore import EventStore
    from engine.store.verify import Report


class NoDecisionYet(NotFound):
    """The case (or the meeting's item) has no decision yet: `vedtak` says so on standard
    error and exits 1, not 2 (it is an answer, not a refused command)."""


def decision(store: EventStore, arkivsak: str, meeting: str | None = None,
             ) -> tuple[Case, Item]:
    """The item whose outcome is the decision: the case's (the last vedtak that was not a
    postponement), or what the named meeting decided."""
    from engine.read.views import find_item

    _, case = require_case(store, arkivsak)
    if meeting is None:
        item = next((i for i in reversed(case.items) if i.outcome is not None
                     and i.role == "vedtak" and i.outcome.kind != "postponed"), None)
        if case.decision is None or item is None:
            raise NoDecisionYet(f"Sak {arkivsak} har ikke noe vedtak ennå ({case.state}).")
        return case, item
    item = find_item(case, meeting)
    if item.outcome is None:
        raise NoDecisionYet(f"Behandlingen i «{item.meeting}» er ikke avsluttet ennå.")
    return case, item


def protocol_item(store: EventStore, arkivsak: str,
                  meeting: str) -> tuple[Registry, Case, Item]:
    from engine.read.views import find_item

    registry, case = require_case(store, arkivsak)
    return registry, case, find_item(case, meeting)


def blame(store: EventStore, arkivsak: str,
          meeting: str | None = None) -> tuple[Case, list[dict[str, Any]]]:
    from engine.read.audit import blame as blame_paragraphs

    registry, case = require_case(store, arkivsak)
    return case, blame_paragraphs(case, registry, meeting)


def history(store: EventStore, arkivsak: str) -> dict[str, Any]:
    from engine.read.history import history as case_history

    registry, case = require_case(store, arkivsak)
    return case_history(case, registry)


def comparison(store: EventStore, arkivsak: str, from_: str,
               to: str) -> tuple[Case, Comparison]:
    from engine.read.compare import compare

    _, case = require_case(store, arkivsak)
    return case, compare(case, from_, to)


def overview(store: EventStore, arkivsak: str) -> dict[str, Any]:
    from engine.read.views import case_overview

    _, case = require_case(store, arkivsak)
    return case_overview(case)


def case_rows(store: EventStore, state: str | None = None,
              body: str | None = None) -> list[dict[str, Any]]:
    from engine.read.overview import case_row, filter_rows

    registry = load_registry(store)
    rows = []
    for stream in store.streams("sak:"):
        case = load_case(store, registry, stream.removeprefix("sak:"))
        if case is not None:
            rows.append(case_row(case))
    return filter_rows(rows, state, body)


def verify(store: EventStore, arkivsak: str | None = None) -> Report:
    from engine.store.verify import verify_store

    return verify_store(store, arkivsak)
