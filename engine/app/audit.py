"""Application services for the audit: blame, history and the comparison of two stages of a
case, each loaded from the store."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from engine.app.repository import require_case

if TYPE_CHECKING:
    from engine.read.compare import Comparison
    from engine.store.eventstore import EventStore


def blame(store: EventStore, arkivsak: str, meeting: str | None = None) -> list[dict[str, Any]]:
    from engine.read.audit import blame as blame_paragraphs

    registry, case = require_case(store, arkivsak)
    return blame_paragraphs(case, registry, meeting)


def history(store: EventStore, arkivsak: str) -> dict[str, Any]:
    from engine.read.history import history as case_history

    registry, case = require_case(store, arkivsak)
    return case_history(case, registry)


def compare(store: EventStore, arkivsak: str, old: str = "forslag",
            new: str = "vedtak") -> Comparison:
    import dataclasses

    from engine.read.compare import compare as compare_stages

    registry, case = require_case(store, arkivsak)
    return dataclasses.replace(compare_stages(case, old, new),
                               municipality=registry.municipality)
