"""Tallies and the majority rule (engine/voting.py), and closing hand-built items
(engine/deliberation.py). Pure: no database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.domain import events as ev
from engine.domain import voting
from engine.domain.deliberation import close
from engine.domain.errors import RuleViolation
from engine.domain.state import Item, Proposal
from engine.domain.text import Paragraph

PARTIES = {"Ap": "Arbeiderpartiet", "H": "Høyre", "MDG": "Miljøpartiet De Grønne",
           "SV": "SV", "R": "Rødt", "V": "Venstre", "KrF": "KrF", "FrP": "FrP"}

# --- tallies ---------------------------------------------------------------------------------


def test_protocol_notation_parses_in_order() -> None:
    assert voting.parse_tally("1Ap, 5MDG, 4SV, 2R") == (("Ap", 1), ("MDG", 5), ("SV", 4),
                                                         ("R", 2))


def test_map_parses_in_order() -> None:
    assert voting.parse_tally({"V": 3, "KrF": 2}) == (("V", 3), ("KrF", 2))
    assert voting.parse_tally({"KrF": 2, "V": 3}) == (("KrF", 2), ("V", 3))


def test_tally_prints_in_the_order_given() -> None:
    assert voting.format_tally((("Ap", 1), ("MDG", 5), ("SV", 4), ("R", 2))) == (
        "1Ap, 5MDG, 4SV, 2R")
    assert voting.format_tally(voting.parse_tally({"V": 3, "KrF": 2})) == "3V, 2KrF"


def test_tolerant_spacing_in_notation() -> None:
    assert voting.parse_tally(" 3 V ,2KrF ") == (("V", 3), ("KrF", 2))


@given(st.lists(st.tuples(st.sampled_from(sorted(PARTIES)), st.integers(0, 60)), min_size=1,
                max_size=8, unique_by=lambda e: e[0]))
def test_notation_round_trips(entries: list[tuple[str, int]]) -> None:
    tally = tuple(entries)
    printed = voting.format_tally(tally)
    assert voting.parse_tally(printed) == tally
    assert voting.parse_tally(dict(tally)) == tally
    assert voting.total(tally) == sum(n for _, n in entries)


def test_unreadable_tally_is_refused() -> None:
    with pytest.raises(RuleViolation, match="Kan ikke lese"):
        voting.parse_tally("tre V")
    with pytest.raises(RuleViolation, match="Ugyldig stemmetall"):
        voting.parse_tally({"V": -1})


def test_check_tally_refuses_unknown_party_and_too_many_votes() -> None:
    with pytest.raises(RuleViolation, match="Ukjent parti «Xp»"):
        voting.check_tally((("Xp", 1),), PARTIES, {"Ap": 3})
    with pytest.raises(RuleViolation, match="bare 3 medlemmer til stede"):
        voting.check_tally((("Ap", 4),), PARTIES, {"Ap": 3})
    voting.check_tally((("Ap", 3),), PARTIES, {"Ap": 3})
    voting.check_tally((("Ap", 40),), PARTIES, None)  # no seats: nothing to check against


# --- the majority rule -----------------------------------------------------------------------

def _count(**kwargs: object) -> voting.Count:
    args: dict[str, object] = {"votes_for": None, "votes_against": None, "unanimous": False,
                               "stated": None, "present_total": None}
    args.update(kwargs)
    return voting.count(**args)  # type: ignore[arg-type]


def test_unanimous_is_adopted() -> None:
    counted = _count(unanimous=True, present_total=11)
    assert counted.result == "vedtatt" and counted.votes_against == 0


def test_missing_side_is_the_rest_present() -> None:
    counted = _count(votes_against=(("V", 3), ("KrF", 2)), present_total=11)
    assert (counted.result, counted.votes_for, counted.votes_against) == ("vedtatt", 6, 5)
    counted = _count(votes_for=(("V", 3), ("KrF", 2)), present_total=11)
    assert (counted.result, counted.votes_for, counted.votes_against) == ("falt", 5, 6)


def test_simple_majority_of_votes_cast() -> None:
    assert _count(votes_for=(("Ap", 4),), votes_against=(("H", 3),),
                  present_total=11).result == "vedtatt"
    assert _count(votes_for=(("Ap", 3),), votes_against=(("H", 4),),
                  present_total=11).result == "falt"


def test_a_tie_needs_the_stated_result() -> None:
    with pytest.raises(RuleViolation, match="Stemmelikhet"):
        _count(votes_against=(("H", 5),), present_total=10)
    counted = _count(votes_against=(("H", 5),), present_total=10, stated="falt")
    assert counted.result == "falt" and counted.casting_vote
    counted = _count(votes_for=(("Ap", 5),), votes_against=(("H", 5),), present_total=10,
                     stated="vedtatt")
    assert counted.result == "vedtatt" and counted.casting_vote


def test_stated_result_contradicting_the_numbers_is_refused() -> None:
    with pytest.raises(RuleViolation, match="stemmer ikke med tallene"):
        _count(votes_against=(("V", 3),), present_total=11, stated="falt")
    with pytest.raises(RuleViolation, match="stemmer ikke med tallene"):
        _count(votes_for=(("V", 3),), votes_against=(("Ap", 1),), stated="falt")


def test_more_votes_than_present_is_refused() -> None:
    with pytest.raises(RuleViolation):
        _count(votes_for=(("Ap", 6),), votes_against=(("H", 6),), present_total=11)
    with pytest.raises(RuleViolation):
        _count(votes_against=(("H", 12),), present_total=11)


def test_body_without_seats_follows_the_record_convention() -> None:
    assert _count(votes_against=(("", 4),)).result == "vedtatt"
    assert _count(votes_for=(("", 4),)).result == "falt"
    assert _count(stated="falt").result == "falt"
    with pytest.raises(RuleViolation, match="sier ikke hvordan"):
        _count()


# --- closing an item -------------------------------------------------------------------------

BASE = (Paragraph("rec#1", "Bydelsutvalget vedtar planen."),
        Paragraph("rec#2", "Tiltakene gjennomføres i 2025."),
        Paragraph("rec#3", "Planen evalueres etter to år."))
PEOPLE = {"Kari Ap": "Ap", "Per H": "H", "Mia MDG": "MDG", "Ola SV": "SV"}
MEETING = "Utvalget 2025-01-01"


def item(role: str = "innstilling") -> Item:
    """An item at a stage of `role` in politisk-sak (the workflow says what it produces)."""
    from engine.domain.lifecycle import load_workflow

    workflow = load_workflow("politisk-sak")
    return Item(meeting=MEETING, body="Utvalget", date="2025-01-01", sak="1/25", stage=0,
                role=role, base=BASE, produces=workflow.stage_outcome(role),
                starts_empty=workflow.starts_empty(role))


def propose(it: Item, pid: str, proposal_kind: str, by: str = "Kari Ap",
            **effect: object) -> None:
    it.proposals[pid] = Proposal(id=pid, by=by, kind=proposal_kind, effect=ev.Effect(**effect),
                                 meeting=MEETING)


def paragraphs(pid: str, *texts: str) -> list[ev.ParagraphData]:
    return [ev.ParagraphData(id=f"p:{pid}#{i}", text=t) for i, t in enumerate(texts, 1)]


def vote(it: Item, on: str | None = None, result: str = "vedtatt", **kwargs: object) -> None:
    it.votes.append(ev.VoteHeld(meeting=MEETING, on=on, result=result, **kwargs))


def decide(it: Item, seats: dict[str, int] | None = None):
    return close(it, seats=seats, party_of=PEOPLE.get)


def texts(outcome) -> list[str]:
    return [p.text for p in outcome.text]


def test_postponed_by_postpone_keeps_the_recommendation() -> None:
    it = item()
    it.postponement = ev.Postponed(meeting=MEETING, to="2025-02-01", text="Saken utsettes.")
    outcome = decide(it)
    assert outcome.kind == "postponed"
    assert outcome.text == BASE and outcome.postponed_to == "2025-02-01"
    assert outcome.postponement == "Saken utsettes." and outcome.postponed_by is None


def test_postponed_by_an_adopted_utsettelsesforslag() -> None:
    it = item()
    propose(it, "utsett", "utsettelsesforslag", kind="text",
            paragraphs=paragraphs("utsett", "Saken utsettes til neste møte."))
    propose(it, "add", "tilleggsforslag", kind="add", paragraphs=paragraphs("add", "Ny."))
    vote(it, on="utsett", unanimous=True)
    outcome = decide(it)
    assert outcome.kind == "postponed" and outcome.postponed_by == "utsett"
    assert outcome.postponement == "Saken utsettes til neste møte."
    assert outcome.text == BASE


def test_an_utsettelsesforslag_voted_down_lets_the_item_decide() -> None:
    it = item()
    propose(it, "utsett", "utsettelsesforslag", kind="text",
            paragraphs=paragraphs("utsett", "Saken utsettes."))
    vote(it, on="utsett", result="falt", votes_for=[("H", 2)])
    vote(it, on="innstillingen", unanimous=True, part_ids=["rec#1", "rec#2", "rec#3"])
    outcome = decide(it)
    assert outcome.kind == "decided" and outcome.text == BASE


def test_taken_to_information() -> None:
    it = item(role="uttalelse")
    it.taken_note = (Paragraph("o#1", "Rådet tar saken til orientering."),)
    outcome = decide(it)
    assert outcome.kind == "noted"
    assert texts(outcome) == ["Rådet tar saken til orientering."]


def test_statement_is_built_from_the_adopted_proposals_alone() -> None:
    it = item(role="uttalelse")
    propose(it, "a", "forslag", kind="add", paragraphs=paragraphs("a", "Rådet støtter planen."))
    propose(it, "b", "forslag", kind="add", paragraphs=paragraphs("b", "Rådet ber om mer."),
            numbers=[1])
    propose(it, "c", "forslag", kind="add", paragraphs=paragraphs("c", "Falt."))
    vote(it, on="a", unanimous=True)
    vote(it, on="b", unanimous=True)
    vote(it, on="c", result="falt", votes_for=[("", 1)])
    outcome = decide(it)
    assert texts(outcome) == ["Rådet ber om mer.", "Rådet støtter planen."]


def test_strike_voted_down_in_an_alternative_vote_keeps_the_paragraph() -> None:
    it = item()
    propose(it, "stryk", "strykningsforslag", kind="strike", numbers=[3], targets=["rec#3"])
    vote(it, on="innstillingen", except_parts=[3], unanimous=True,
         part_ids=["rec#1", "rec#2"])
    vote(it, between=["innstillingen", "stryk"], winner="innstillingen", parts=[3],
         part_ids=["rec#3"], votes_against=[("MDG", 3)])
    assert decide(it).text == BASE


def test_strike_adopted_in_an_alternative_vote_removes_the_paragraph() -> None:
    it = item()
    propose(it, "stryk", "strykningsforslag", kind="strike", numbers=[3], targets=["rec#3"])
    vote(it, between=["innstillingen", "stryk"], winner="stryk", parts=[3],
         part_ids=["rec#3"], votes_against=[("H", 2)])
    assert texts(decide(it)) == [BASE[0].text, BASE[1].text]
    assert decide(it).applied == ("stryk",)


def test_winning_alternativt_forslag_replaces_the_whole_text() -> None:
    it = item()
    propose(it, "alt", "alternativt forslag", kind="text",
            paragraphs=paragraphs("alt", "Planen sendes tilbake.", "Ny sak fremmes."))
    vote(it, between=["innstillingen", "alt"], winner="alt", votes_against=[("H", 3)])
    outcome = decide(it)
    assert texts(outcome) == ["Planen sendes tilbake.", "Ny sak fremmes."]
    assert [p.id for p in outcome.text] == ["p:alt#1", "p:alt#2"]


def test_losing_alternativt_forslag_leaves_the_recommendation() -> None:
    it = item()
    propose(it, "alt", "alternativt forslag", kind="text",
            paragraphs=paragraphs("alt", "Planen sendes tilbake."))
    vote(it, between=["alt", "innstillingen"], winner="innstillingen",
         votes_against=[("SV", 2)])
    assert decide(it).text == BASE


def test_endringsforslag_replace_keeps_the_paragraph_id() -> None:
    it = item()
    propose(it, "endre", "endringsforslag", kind="replace", numbers=[2], targets=["rec#2"],
            paragraphs=[ev.ParagraphData(id="rec#2", text="Tiltakene gjennomføres i 2026.")])
    vote(it, on="endre", votes_against=[("H", 2)])
    outcome = decide(it)
    assert texts(outcome)[1] == "Tiltakene gjennomføres i 2026."
    assert [p.id for p in outcome.text] == ["rec#1", "rec#2", "rec#3"]


def test_amend_changes_words_in_place() -> None:
    it = item()
    propose(it, "ord", "endringsforslag", kind="amend", numbers=[3], targets=["rec#3"],
            old="to år", new="ett år")
    vote(it, on="ord", unanimous=True)
    assert texts(decide(it))[2] == "Planen evalueres etter ett år."


def test_add_at_n_inserts_so_the_first_new_paragraph_is_number_n() -> None:
    it = item()
    propose(it, "inn", "tilleggsforslag", kind="add", numbers=[2], targets=["rec#2"],
            paragraphs=paragraphs("inn", "Ny to.", "Ny tre."))
    propose(it, "bak", "tilleggsforslag", kind="add", paragraphs=paragraphs("bak", "Sist."))
    vote(it, on="inn", unanimous=True)
    vote(it, on="bak", unanimous=True)
    assert texts(decide(it)) == [BASE[0].text, "Ny to.", "Ny tre.", BASE[1].text,
                                 BASE[2].text, "Sist."]


def test_part_of_the_recommendation_voted_down_is_removed() -> None:
    it = item()
    vote(it, on="innstillingen", parts=[1, 2], part_ids=["rec#1", "rec#2"], unanimous=True)
    vote(it, on="innstillingen", parts=[3], part_ids=["rec#3"], result="falt",
         votes_for=[("Ap", 2)])
    assert texts(decide(it)) == [BASE[0].text, BASE[1].text]


def test_fallen_proposals_change_nothing() -> None:
    it = item()
    propose(it, "endre", "endringsforslag", kind="replace", numbers=[1], targets=["rec#1"],
            paragraphs=[ev.ParagraphData(id="rec#1", text="Annet.")])
    vote(it, on="endre", result="falt", votes_for=[("SV", 1)])
    assert decide(it).text == BASE


def test_oversendelsesforslag_is_sent_and_does_not_change_the_text() -> None:
    it = item()
    propose(it, "send", "oversendelsesforslag", kind="text",
            paragraphs=paragraphs("send", "Rådmannen vurderer gatetun."))
    propose(it, "send2", "oversendelsesforslag", kind="text",
            paragraphs=paragraphs("send2", "Falt."))
    vote(it, on="innstillingen", unanimous=True, part_ids=["rec#1", "rec#2", "rec#3"])
    vote(it, on="send", unanimous=True)
    vote(it, on="send2", result="falt", votes_for=[("R", 1)])
    outcome = decide(it)
    assert outcome.text == BASE
    assert outcome.sent == ("Rådmannen vurderer gatetun.",)


def _remark_item() -> Item:
    it = item()
    propose(it, "merk", "merknad", by="Ola SV", kind="text",
            paragraphs=paragraphs("merk", "Skoleveiene må prioriteres."))
    return it


def test_remark_joined_by_a_majority_is_a_flertallsmerknad() -> None:
    it = _remark_item()
    it.joins.append(ev.RemarkJoined(meeting=MEETING, remark="merk", parties=["Ap", "SV"]))
    outcome = decide(it, seats={"Ap": 5, "H": 3, "SV": 1})
    (remark,) = outcome.remarks
    assert remark.heading == "FLERTALLSMERKNAD - SV, Ap:"
    assert remark.text == "Skoleveiene må prioriteres."


def test_remark_without_majority_is_a_merknad() -> None:
    it = _remark_item()
    it.joins.append(ev.RemarkJoined(meeting=MEETING, remark="merk", parties=["MDG"]))
    outcome = decide(it, seats={"Ap": 5, "H": 3, "SV": 1, "MDG": 1})
    assert outcome.remarks[0].heading == "MERKNAD - SV, MDG:"


def test_exactly_half_of_the_seats_is_no_majority() -> None:
    it = _remark_item()
    it.joins.append(ev.RemarkJoined(meeting=MEETING, remark="merk", parties=["H"]))
    outcome = decide(it, seats={"Ap": 4, "H": 3, "SV": 1})
    assert outcome.remarks[0].heading == "MERKNAD - SV, H:"


def test_remark_nobody_joined_is_not_printed() -> None:
    assert decide(_remark_item(), seats={"SV": 1}).remarks == ()
