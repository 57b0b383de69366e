"""Fixtures for the documents tests: the replayed case, loaded once, and a small meeting logged
live (an inhabil member, corrections, the protocol approved)."""

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


LIVE = "Bystyret 2030-01-10"


@pytest.fixture
def live_store(db_url: str):
    """A small council, a case, a meeting; the item with an inhabil member and their deputy,
    two votes and a correction before approval, then approval and a correction after it."""
    from engine.app.live import build_step
    from engine.app.session import LiveSession
    from engine.commands import deciders as cmd
    from engine.commands.corrections import correct_proposal, correct_vote
    from engine.commands.deciders import apply_step, close_item
    from engine.commands.meetings import (
        add_to_agenda,
        approve,
        new_meeting,
        open_live_item,
        record_attendance,
    )
    from engine.store.eventstore import EventStore

    store = EventStore(db_url)
    session = LiveSession(store)
    ws = session.ws
    for short, name in (("Ap", "Arbeiderpartiet"), ("H", "Høyre"), ("V", "Venstre")):
        cmd.register_party(ws, short, name)
    cmd.register_body(ws, "Bystyret", "council", {"Ap": 5, "H": 4, "V": 2})
    for name, party in (("Anne Ap", "Ap"), ("Hanne Høyre", "H"), ("Harald Vara", "H"),
                        ("Vidar V", "V")):
        cmd.register_person(ws, name, party)
    cmd.open_case(ws, arkivsak="30/1", title="Ny park",
                  recommendation=["Bystyret vedtar parken.", "Parken åpner i 2031."],
                  route=[("Bystyret", "vedtak")])
    add_to_agenda(ws, new_meeting(ws, None, "Bystyret", "2030-01-10"), "30/1", "1/30")
    session.commit("test")

    def step(step_kind: str, **values: object) -> None:
        s = LiveSession(store)
        case, item = s.target()
        apply_step(s.ws, case, item, build_step(step_kind, dict(values)))
        s.commit("test")

    s = LiveSession(store)
    open_live_item(s.ws, s.meeting(LIVE), "1/30")
    s.commit("test")
    step("impartiality", person="Hanne Høyre", ruling="inhabil")
    s = LiveSession(store)
    record_attendance(s.ws, s.meeting(LIVE), s.target(), absent=[],
                      deputies=[("Harald Vara", "Hanne Høyre")], only_item=True)
    s.commit("test")
    step("propose", id="v-tillegg", by="Vidar V", kind="tilleggsforslag",
         add="Parken får en lekeplass.")
    step("vote", on="innstillingen", unanimous=True)
    step("vote", on="v-tillegg", against="4H")
    s = LiveSession(store)
    case, item = s.target()
    close_item(s.ws, case, item)
    s.commit("test")
    s = LiveSession(store)
    case, item = s.target()
    correct_vote(s.ws, case, item, 2, votes_for=None, votes_against="3H",
                 reason="Feil tall ført: én fra H stemte for.", approved=False)
    s.commit("test")
    s = LiveSession(store)
    # A live-logged meeting without place, time or attendance: approved as it is recorded.
    approve(s.ws, s.meeting(LIVE), s.items(s.meeting(LIVE)), None, as_recorded=True)
    s.commit("test")
    s = LiveSession(store)
    case, item = s.target()
    correct_proposal(s.ws, case, item, "v-tillegg", "Parken får to lekeplasser.",
                     reason="Skrivefeil i protokollen.", approved=True, after_approval=True)
    s.commit("test")
    return store
