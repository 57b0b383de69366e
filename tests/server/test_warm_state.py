"""The server's warm state (engine.app.cache.CachedStore.fold): each stream's evolved state kept
by its head, a command given a copy with only the newer rows evolved onto it. What a user
relies on: a step decides exactly as on a cold read of the store, a write by another process
is seen at once, and a refused step leaves nothing behind, in the database or in memory."""

from __future__ import annotations

import pytest

from documents.decision import decision_text
from engine.app import items, meetings, register
from engine.app.cache import CachedStore
from engine.app.live import build_step
from engine.app.repository import load_case, load_registry
from engine.app.session import load_meeting, unit_of_work
from engine.commands import deciders as cmd
from engine.domain import events as ev
from engine.domain.errors import ConcurrencyConflict, SaksflytError
from engine.store.eventstore import EventStore
from tests.server.conftest import saksflyt

ARKIVSAK = "40/1"


def _live_item(url: str) -> str:
    """A case on a council meeting's agenda with its item open; the meeting's key."""
    store = EventStore(url)
    body = next(b.name for b in load_registry(store).bodies.values() if b.kind == "council")
    register.new_case(store, "test", arkivsak=ARKIVSAK, title="Varm sak",
                      recommendation=["Vi vedtar planen.", "Planen gjelder fra 2040."],
                      route=[f"{body}:vedtak"])
    meeting = meetings.new_meeting(store, "test", f"{body} 2040-01-10")
    meetings.add_to_agenda(store, "test", meeting.key, ARKIVSAK, "1/40")
    items.open_item(store, "test", meeting.key, ARKIVSAK)
    store.close()
    return meeting.key


def _cold(url: str, meeting: str) -> tuple[str, str, str]:
    """The register, the meeting and the case as a fresh store derives them from every row."""
    store = EventStore(url)
    registry = load_registry(store)
    case = load_case(store, registry, ARKIVSAK)
    assert case is not None
    found = (repr(registry), repr(load_meeting(store, meeting)), repr(case))
    store.close()
    return found


def _warm(store: CachedStore, meeting: str) -> tuple[str, str, str]:
    registry = load_registry(store)
    case = load_case(store, registry, ARKIVSAK)
    return repr(registry), repr(load_meeting(store, meeting)), repr(case)


def _held(store: CachedStore, stream: str) -> tuple[int, str]:
    held = store._states[stream]
    return held.seq, repr(held.state)


def test_a_warm_step_decides_as_a_cold_read(council_store: str) -> None:
    meeting = _live_item(council_store)
    warm = CachedStore(council_store)
    stream = ev.case_stream(ARKIVSAK)
    assert _warm(warm, meeting) == _cold(council_store, meeting)
    for n in range(3):
        items.log_step(warm, "Kari", "note", {"text": f"Notat {n}."}, meeting)
        seq_before = warm._states[stream].seq
        assert _warm(warm, meeting) == _cold(council_store, meeting)
        # The read was a hit: the held state moved on by the one row this step wrote.
        assert warm._states[stream].seq == seq_before + 1
    items.log_step(warm, "Kari", "vote", {"on": "innstillingen", "unanimous": True}, meeting)
    case, item = items.close_item(warm, "Kari", meeting)
    assert _warm(warm, meeting) == _cold(council_store, meeting)
    cold = EventStore(council_store)
    cold_case = load_case(cold, load_registry(cold), ARKIVSAK)
    assert cold_case is not None
    cold_item = cold_case.item(meeting)
    assert cold_item is not None and cold_item.outcome is not None
    assert decision_text(case, item) == decision_text(cold_case, cold_item)
    assert "Vi vedtar planen." in decision_text(case, item)
    cold.close()
    warm.close()


def test_a_write_by_another_process_is_seen(council_store: str) -> None:
    meeting = _live_item(council_store)
    warm = CachedStore(council_store)
    items.log_step(warm, "Kari", "note", {"text": "Fra serveren."}, meeting)
    _warm(warm, meeting)  # held at this head
    done = saksflyt("note", "Fra en annen prosess.", "--meeting", meeting, db=council_store)
    assert done.returncode == 0, done.stderr
    assert _warm(warm, meeting) == _cold(council_store, meeting)
    assert "Fra en annen prosess." in _warm(warm, meeting)[2]
    # ... and the next step through the warm store chains onto that write, not past it.
    items.log_step(warm, "Kari", "note", {"text": "Igjen fra serveren."}, meeting)
    texts = [row.payload.get("text") for row in EventStore(council_store).read(
        ev.case_stream(ARKIVSAK)) if row.type == "item.note"]
    assert texts == ["Fra serveren.", "Fra en annen prosess.", "Igjen fra serveren."]
    assert saksflyt("verify", db=council_store).returncode == 0
    warm.close()


def test_a_refused_step_leaves_no_trace_in_the_cache(council_store: str) -> None:
    meeting = _live_item(council_store)
    warm = CachedStore(council_store)
    stream = ev.case_stream(ARKIVSAK)
    items.log_step(warm, "Kari", "note", {"text": "Før."}, meeting)
    _warm(warm, meeting)
    before = _held(warm, stream)
    rows_before = len(EventStore(council_store).read(stream))

    # Refused by the engine: a vote on a proposal that was never made.
    with pytest.raises(SaksflytError):
        items.log_step(warm, "Kari", "vote", {"on": "finnes-ikke", "unanimous": True}, meeting)
    assert _held(warm, stream) == before

    # Refused at the commit, after the step changed the command's copy of the case: another
    # process wrote to the case in between, so nothing of this step is stored.
    with pytest.raises(ConcurrencyConflict), unit_of_work(warm, "Kari") as session:
        case, item = session.target(meeting)
        cmd.apply_step(session.ws, case, item, build_step("note", {"text": "Tapt."}))
        assert "Tapt." in repr(case)
        done = saksflyt("note", "Vant.", "--meeting", meeting, db=council_store)
        assert done.returncode == 0, done.stderr
    assert _held(warm, stream) == before
    assert "Tapt." not in before[1]
    assert len(EventStore(council_store).read(stream)) == rows_before + 1
    assert _warm(warm, meeting) == _cold(council_store, meeting)
    assert "Tapt." not in _warm(warm, meeting)[2]
    warm.close()
