"""Copies of derived state, so a server can keep a stream's evolved state warm and hand each
command its own copy to change (a refused step then changes only that copy).

The state objects are plain mutable dataclasses; what they hold is either immutable (events,
texts, outcomes: frozen) or a container the evolve functions change in place. `clone` copies
each container one level down and each mutable state object in it, and shares the rest.
`FIELDS` says, for every field of every mutable state class, which it is; the module checks
at import that it names every field, so a field added to the state model without a word here
stops every command at once instead of leaking changes between requests.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any, TypeVar

from engine.domain.meeting import AgendaEntry, Meeting
from engine.domain.state import Body, Case, Item, Proposal, Registry

T = TypeVar("T")

# "share": immutable (or replaced, never changed in place); "copy": a list, dict or set of
# immutable values; "deep": a list or dict of mutable state objects, each cloned.
FIELDS: dict[type, dict[str, str]] = {
    Registry: {"municipality": "share", "parties": "copy", "bodies": "deep", "people": "copy",
               "display": "copy", "current_item": "share", "version": "share"},
    Body: {"name": "share", "kind": "share", "seats": "copy", "language": "share",
           "members": "copy", "wording": "share"},
    Case: {"arkivsak": "share", "title": "share", "workflow": "share", "route": "copy",
           "original": "share", "recommendation": "share", "prepared_by": "share",
           "prepared_date": "share", "stage": "share", "state": "share", "items": "deep",
           "decision": "share", "round": "share", "resubmissions": "copy",
           "withdrawn": "share", "without_recommendation": "share", "version": "share",
           "log": "copy", "skipped": "copy"},
    Item: {"meeting": "share", "body": "share", "date": "share", "sak": "share",
           "stage": "share", "role": "share", "base": "share", "produces": "share",
           "starts_empty": "share", "title": "share", "result_label": "share",
           "state": "share", "steps": "copy", "proposals": "deep", "votes": "copy",
           "joins": "copy", "present": "copy", "inhabil": "copy", "rapporteur": "share",
           "taken_note": "share", "postponement": "share", "disposal": "share",
           "outcome": "share", "absent": "copy", "deputies": "copy", "corrections": "copy",
           "undone": "copy", "exemption": "share",
           "voting_order": "share"},
    Proposal: {"id": "share", "by": "share", "kind": "share", "effect": "share",
               "meeting": "share", "on_behalf_of": "copy", "label": "share",
               "revises": "share", "status": "share", "co_proposers": "copy",
               "parties": "copy", "members": "share"},
    Meeting: {"key": "share", "body": "share", "date": "share", "agenda": "deep",
              "attendance": "copy", "approved": "share", "place": "share",
              "start": "share", "end": "share", "chair": "share", "roll_call": "share",
              "open_item": "share", "version": "share"},
    AgendaEntry: {"sak": "share", "arkivsak": "share", "title": "share",
                  "result_label": "share"},
}

for _cls, _spec in FIELDS.items():
    _names = {f.name for f in fields(_cls)}
    if _names != set(_spec):
        raise TypeError(f"engine.domain.snapshot.FIELDS: {_cls.__name__} has "
                        f"{sorted(_names ^ set(_spec))} unaccounted for")

_PLAN: dict[type, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    cls: tuple(tuple(n for n, kind in spec.items() if kind == k)  # type: ignore[misc]
               for k in ("share", "copy", "deep"))
    for cls, spec in FIELDS.items()}


def _copy(value: Any) -> Any:
    return value.copy() if value is not None else None


def _deep(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: clone(v) for k, v in value.items()}
    return [clone(v) for v in value]


def clone(state: T) -> T:
    """A copy of a register, case, meeting (or a part of one) that evolves independently."""
    cls = type(state)
    share, copy, deep = _PLAN[cls]
    new = object.__new__(cls)
    values = state.__dict__
    target = new.__dict__
    for name in share:
        target[name] = values[name]
    for name in copy:
        target[name] = _copy(values[name])
    for name in deep:
        target[name] = _deep(values[name])
    return new
