"""Fixtures for the documents tests: the replayed case, loaded once."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def case_19_8286(replayed_19_8286: str):
    from engine.app.repository import require_case
    from engine.store.eventstore import EventStore

    store = EventStore(replayed_19_8286)
    try:
        return require_case(store, "19/8286")
    finally:
        store.close()


def section(text: str, heading: str, headings: tuple[str, ...]) -> str:
    """The lines after `heading` up to the next of `headings` (or the end)."""
    lines = text.splitlines()
    start = lines.index(heading) + 1
    end = next((i for i in range(start, len(lines)) if lines[i] in headings), len(lines))
    return "\n".join(lines[start:end])
