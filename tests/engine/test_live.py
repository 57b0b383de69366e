"""Live logging through the engine on a real SQLite file: meetings, the open item, attendance
with deputies, corrections before and after approval, and a closed item that takes no steps."""

from __future__ import annotations

import pytest

from engine.app.live import build_step, short_id, split_list
from engine.app.session import LiveSession
from engine.commands.corrections import correct_proposal, correct_vote
from engine.commands.deciders import apply_step, close_item
from engine.commands.lookup import present_counts
from engine.commands.meetings import (
    add_to_agenda,
    approve,
    new_meeting,
    open_live_item,
    record_attendance,
)
from engine.domain import steps as st
from engine.domain.errors import InvalidTransition, NotFound, RuleViolation
from engine.store.eventstore import EventStore

COUNCIL = "Bystyret 2030-01-10"


@pytest.fixture
def store(db_url: str) -> EventStore:
    """A small council with a case for the council's decision and a meeting with it."""
    from engine.commands import deciders as cmd

    store = EventStore(db_url)
    session = LiveSession(store)
    ws = session.ws
    for short, name in (("Ap", "Arbeiderpartiet"), ("H", "Høyre"), ("V", "Venstre")):
        cmd.register_party(ws, short, name)
    cmd.register_body(ws, "Bystyret", "council", {"Ap": 5, "H": 4, "V": 2})
    for name, party in (("Anne Ap", "Ap"), ("Bjørn Ap", "Ap"), ("Hanne Høyre", "H"),
                        ("Vera Vara", "Ap"), ("Harald Vara", "H"), ("Vidar V", "V")):
        cmd.register_person(ws, name, party)
    cmd.open_case(ws, arkivsak="30/1", title="Ny park",
                  recommendation=["Bystyret vedtar parken.", "Parken åpner i 2031."],
                  route=[("Bystyret", "vedtak")])
    meeting = new_meeting(ws, None, "Bystyret", "2030-01-10")
    add_to_agenda(ws, meeting, "30/1", "1/30")
    session.commit("test")
    return store


def _open(store: EventStore) -> LiveSession:
    session = LiveSession(store)
    open_live_item(session.ws, session.meeting(COUNCIL), "1/30")
    session.commit("test")
    return LiveSession(store)


def _step(store: EventStore, step_kind: str, **values: object) -> LiveSession:
    session = LiveSession(store)
    case, item = session.target()
    apply_step(session.ws, case, item, build_step(step_kind, dict(values)))
    session.commit("test")
    return LiveSession(store)


def test_open_item_is_kept_in_the_store(store: EventStore) -> None:
    session = _open(store)
    # The open item is the meeting's (in its stream), not the store's.
    assert session.meeting(COUNCIL).open_item == "30/1"
    assert session.ws.registry.current_item is None
    case, item = session.target()
    assert (case.arkivsak, item.sak, item.state) == ("30/1", "1/30", "sakskart")
    with pytest.raises(NotFound, match="står ikke på sakskartet"):
        open_live_item(session.ws, session.meeting(COUNCIL), "2/30")


def test_inhabil_member_replaced_by_deputy_in_one_item(store: EventStore) -> None:
    _open(store)
    session = _step(store, "impartiality", person="Hanne Høyre", ruling="inhabil")
    case, item = session.target()
    assert present_counts(session.ws.registry, item)["H"] == 3
    # Four votes from H are now one too many ...
    with pytest.raises(RuleViolation, match="4 stemmer fra H, men H har bare 3"):
        apply_step(session.ws, case, item, build_step("vote", {"on": "innstillingen",
                                                               "against": "4H"}))
    # ... until a deputy takes the inhabil member's seat, for this item only.
    session = LiveSession(store)
    record_attendance(session.ws, session.meeting(COUNCIL), session.target(), absent=[],
                      deputies=[("Harald Vara", "Hanne Høyre")], only_item=True)
    session.commit("test")
    session = _step(store, "vote", on="innstillingen", against="4H")
    case, item = session.target()
    assert present_counts(session.ws.registry, item)["H"] == 4
    assert item.deputies == [("Harald Vara", "Hanne Høyre")]
    assert item.votes[0].n_for == 7 and item.votes[0].result == "vedtatt"
    # Only the item: the meeting itself records no deputy.
    assert session.meeting(COUNCIL).deputies == []


def test_deputy_only_for_a_member_who_is_away(store: EventStore) -> None:
    session = _open(store)
    with pytest.raises(RuleViolation, match="Anne Ap har ikke forfall og er ikke inhabil"):
        record_attendance(session.ws, session.meeting(COUNCIL), session.target(), absent=[],
                          deputies=[("Vera Vara", "Anne Ap")])


def test_meeting_absence_counts_in_later_items(store: EventStore) -> None:
    session = LiveSession(store)
    record_attendance(session.ws, session.meeting(COUNCIL), None,
                      absent=["Anne Ap", "Bjørn Ap"], deputies=[("Vera Vara", "Anne Ap")])
    session.commit("test")
    session = _open(store)
    case, item = session.target()
    assert item.absent == ["Anne Ap", "Bjørn Ap"]
    assert present_counts(session.ws.registry, item)["Ap"] == 4
    with pytest.raises(RuleViolation, match="5 stemmer fra Ap, men Ap har bare 4"):
        apply_step(session.ws, case, item, build_step("vote", {"on": "innstillingen",
                                                               "for": "5Ap"}))


def _voted_and_closed(store: EventStore) -> LiveSession:
    _open(store)
    _step(store, "propose", id="v-tillegg", by="Vidar V", kind="tilleggsforslag",
          add="Parken får en lekeplass.")
    _step(store, "vote", on="innstillingen", unanimous=True)
    _step(store, "vote", on="v-tillegg", against="4H")
    session = LiveSession(store)
    case, item = session.target()
    close_item(session.ws, case, item)
    session.commit("test")
    return LiveSession(store)


def test_closed_item_refuses_steps(store: EventStore) -> None:
    session = _voted_and_closed(store)
    case, item = session.target()
    assert item.closed
    with pytest.raises(InvalidTransition, match="Behandlingen i «Bystyret 2030-01-10» er "
                                                "avsluttet"):
        apply_step(session.ws, case, item, st.Note(text="for sent"))
    with pytest.raises(InvalidTransition, match="allerede avsluttet"):
        close_item(session.ws, case, item)
    with pytest.raises(InvalidTransition, match="kan ikke åpnes igjen"):
        open_live_item(session.ws, session.meeting(COUNCIL), "1/30")


def test_correction_before_and_after_approval(store: EventStore) -> None:
    session = _voted_and_closed(store)
    case, item = session.target()
    assert item.votes[1].votes_against == [("H", 4)]
    correct_vote(session.ws, case, item, 2, votes_for=None, votes_against="3H",
                 reason="Feil tall ført: én fra H stemte for.", approved=False)
    session.commit("test")
    session = LiveSession(store)
    case, item = session.target()
    assert item.votes[1].votes_against == [("H", 3)] and item.votes[1].n_for == 8
    assert [c.reason for c in item.corrections] == ["Feil tall ført: én fra H stemte for."]
    # A correction may not change how the vote went.
    with pytest.raises(RuleViolation, match="kan ikke endre utfallet"):
        correct_vote(session.ws, case, item, 2, votes_for=None, votes_against="4H, 2V",
                     reason="x")

    # A live-logged meeting without place, time or attendance: approved as it is recorded.
    approve(session.ws, session.meeting(COUNCIL), [(case, item)], None, as_recorded=True)
    session.commit("test")
    session = LiveSession(store)
    case, item = session.target()
    assert session.approved(item)
    with pytest.raises(RuleViolation, match="er godkjent; en korrigering nå trenger "
                                            "--after-approval"):
        correct_proposal(session.ws, case, item, "v-tillegg", "Parken får to lekeplasser.",
                         reason="Skrivefeil", approved=True)
    with pytest.raises(RuleViolation, match="trenger en begrunnelse"):
        correct_proposal(session.ws, case, item, "v-tillegg", "Parken får to lekeplasser.",
                         reason=" ", approved=True, after_approval=True)
    correct_proposal(session.ws, case, item, "v-tillegg", "Parken får to lekeplasser.",
                     reason="Skrivefeil i protokollen", approved=True, after_approval=True)
    session.commit("test")
    case = LiveSession(store).ws.case("30/1")
    assert [p.text for p in case.decision.text][-1] == "Parken får to lekeplasser."
    item = case.items[-1]
    made = next(s for s in item.steps if getattr(s, "id", None) == "v-tillegg")
    assert made.effect.paragraphs[0].text == "Parken får to lekeplasser."
    assert [(c.target, c.after_approval) for c in item.corrections] == [
        ("vote", False), ("proposal", True)]
    # The log keeps the original and the correction: nothing was rewritten.
    types = [row.type for row in store.read("sak:30/1")]
    assert types.count("item.corrected") == 2 and types.count("proposal.made") == 1


def test_approve_refuses_an_open_item(store: EventStore) -> None:
    session = _open(store)
    with pytest.raises(InvalidTransition, match=r"Sak 1/30 .* er ikke avsluttet"):
        approve(session.ws, session.meeting(COUNCIL), session.items(session.meeting(COUNCIL)),
                None, as_recorded=True)


def test_option_helpers() -> None:
    assert split_list("Ap, MDG,,Sp") == ["Ap", "MDG", "Sp"]
    assert short_id("Ola Lund Renolen", ["renolen"]) == "renolen-2"
    assert short_id("Ragnhild Karlsen Dalslåen", []) == "dalslaen"
    with pytest.raises(RuleViolation, match="vote: en votering har enten on eller between"):
        build_step("vote", {"unanimous": True})
