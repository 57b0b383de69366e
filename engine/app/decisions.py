"""Which item decided a case, and the case with it: what `vedtak` reads. Apart from
engine.app.cases so that a reading command imports no deciders, steps or sessions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.app.repository import require_case
from engine.read.views import find_item

if TYPE_CHECKING:
    from engine.domain.state import Case, Item
    from engine.store.eventstore import EventStore


def deciding_item(case: Case) -> Item | None:
    """The item whose outcome is the case's decision: the last closed, not postponed item at a
    stage whose workflow says it decides (None while the case is undecided)."""
    if case.decision is None:
        return None
    return next((i for i in reversed(case.items) if i.outcome is not None
                 and i.produces in ("decision", "debate") and i.outcome.kind != "postponed"),
                None)


def decision_of(store: EventStore, arkivsak: str,
                meeting: str | None = None) -> tuple[Case, Item | None]:
    """The case and the item whose outcome `vedtak` prints: the decision, or what one meeting
    decided (None: nothing decided yet there)."""
    _, case = require_case(store, arkivsak)
    if meeting is None:
        return case, deciding_item(case)
    item = find_item(case, meeting)
    return case, item if item.outcome is not None else None
