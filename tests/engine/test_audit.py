"""The audit over real stores: blame, history and the stage comparison for 19/8286, and for a
synthetic case with a replacement, amendments and a strike voted down."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from documents.words import worded
from engine.app.repository import commit, require_case, workspace
from engine.domain.text import word_diff
from engine.read import audit
from engine.read import history as timeline
from engine.read.compare import compare
from engine.scenario.apply import apply_scenario
from engine.store.eventstore import EventStore
from tests.conftest import fold


def blame(*args: Any) -> Any:
    """The audit as a user reads it: the engine's codes worded by documents.words."""
    return worded(audit.blame(*args))


def history(*args: Any) -> Any:
    return worded(timeline.history(*args))

SCENARIOS = Path(__file__).parent / "scenarios"
COUNCIL = "Bystyret 2019-08-29"
COMMITTEE = "Finans- og næringskomiteen"


@pytest.fixture(scope="module")
def case_19_8286(replayed_19_8286: str):
    return require_case(EventStore(replayed_19_8286), "19/8286")


@pytest.fixture(scope="module")
def parking(tmp_path_factory: pytest.TempPathFactory):
    url = f"sqlite:///{tmp_path_factory.mktemp('audit') / 'saksflyt.db'}"
    store = EventStore(url)
    ws = workspace(store)
    apply_scenario(ws, SCENARIOS / "audit-parkering.yaml")
    commit(store, ws, actor="test")
    return require_case(store, "24/100")


def _votes(paragraph: dict) -> list[tuple[str, str, str, object]]:
    return [(v["body"], v["date"], v["role"], v["against"]) for v in paragraph["votes"]]


# --- 19/8286 --------------------------------------------------------------------------------

def test_blame_lists_every_paragraph_of_the_decision(case_19_8286, expected_dir: Path) -> None:
    registry, case = case_19_8286
    paragraphs = blame(case, registry)
    assert [p["number"] for p in paragraphs] == list(range(1, len(paragraphs) + 1))
    decision = (expected_dir / "vedtak-bystyret-2019-08-29.txt").read_text(encoding="utf-8")
    for paragraph in paragraphs:
        assert fold(paragraph["text"]).replace("- ", "") in fold(decision).replace("- ", "")
        assert {"number", "text", "origin", "versions", "votes"} <= paragraph.keys()
        assert paragraph["origin"]["kind"] in ("recommendation", "proposal")
        for vote in paragraph["votes"]:
            assert {"body", "date", "result", "against"} <= vote.keys()


def test_paragraph_4_is_momyrs_with_the_lapsed_version_before_it(case_19_8286) -> None:
    registry, case = case_19_8286
    paragraph = blame(case, registry)[3]
    assert paragraph["text"].startswith("Trondheim kommune skal utnytte de nettverk")
    origin = paragraph["origin"]
    assert (origin["kind"], origin["by"], origin["party"], origin["body"], origin["date"]) == (
        "proposal", "Michael Momyr", "H", COMMITTEE, "2019-05-28")
    [version] = paragraph["versions"]
    assert (version["body"], version["date"], version["outcome"]) == (
        COMMITTEE, "2019-05-09", "bortfalt")
    assert version["votes"] == [] and version["voted"] is False
    assert "likely" not in version  # linked by `revises`, not guessed
    changed = [(op, words) for op, words in version["diff"] if op != "="]
    assert changed == [("-", "næringslivet,"), ("+", "næringsliv, arbeidsliv,")]
    assert version["diff"] == [list(x) for x in word_diff(version["text"], paragraph["text"])]
    assert _votes(paragraph)[0] == (COMMITTEE, "2019-05-28", "adopted", None)


def test_paragraph_3_survived_the_strike_against_12_votes(case_19_8286) -> None:
    registry, case = case_19_8286
    paragraph = blame(case, registry)[2]
    assert paragraph["origin"]["kind"] == "recommendation"
    assert paragraph["origin"]["date"] == case.prepared_date
    assert paragraph["origin"]["body"] == case.prepared_by
    assert paragraph["versions"] == []
    challenge = [v for v in paragraph["votes"] if v["date"] == "2019-08-29"]
    assert len(challenge) == 1
    [vote] = challenge
    assert (vote["body"], vote["result"], vote["against"], vote["n_against"], vote["role"]) == (
        "Bystyret", "vedtatt", "1Ap, 5MDG, 4SV, 2R", 12, "challenged")
    assert vote["challenge"]["proposal_kind"] == "strykningsforslag"
    # It was also covered by the committee's vote on the recommendation.
    assert (COMMITTEE, "2019-05-28", "covered", None) in _votes(paragraph)


def test_paragraph_8_is_andreassens_adopted_against_2R(case_19_8286) -> None:
    registry, case = case_19_8286
    paragraph = blame(case, registry)[7]
    assert (paragraph["origin"]["by"], paragraph["origin"]["party"]) == (
        "Elin Marie Andreassen", "FrP")
    assert _votes(paragraph) == [("Bystyret", "2019-08-29", "adopted", "2R")]


def test_blame_of_a_meeting(case_19_8286) -> None:
    registry, case = case_19_8286
    paragraphs = blame(case, registry, f"{COMMITTEE} 2019-05-28")
    assert len(paragraphs) == 5
    assert all(v["date"] <= "2019-05-28" for p in paragraphs for v in p["votes"])
    statement = blame(case, registry, "Mangfoldsrådet 2019-03-26")
    assert {p["origin"]["by"] for p in statement} == {"Ismail Mohamed", "Ismail Salad Elmi"}


def test_history_shows_aas_proposal_lapsed_never_voted(case_19_8286) -> None:
    registry, case = case_19_8286
    data = history(case, registry)
    [meeting] = [m for m in data["meetings"] if m["date"] == "2019-05-09"]
    assert meeting["postponed"] is True
    [aas] = [p for p in meeting["proposals"] if p["by"] == "Roar Aas"]
    assert (aas["kind"], aas["status"], aas["voted"], aas["votes"]) == (
        "tilleggsforslag", "bortfalt", False, [])
    council = [m for m in data["meetings"] if m["body"] == "Bystyret"]
    assert council[0]["postponed_to"] == "2019-08-29"
    assert [m["sak"] for m in council] == ["87/19", "87/19"]
    [strike] = [p for p in council[1]["proposals"] if p["kind"] == "strykningsforslag"]
    assert strike["status"] == "falt" and strike["votes"][0]["side"] == "tapte"


def test_compare_recommendation_with_decision(case_19_8286) -> None:
    _, case = case_19_8286
    comparison = compare(case)
    statuses = [c.status for c in comparison.paragraphs]
    assert statuses == ["unchanged"] * 3 + ["added"] * 5
    makers = {(c.maker.body, c.maker.date) for c in comparison.paragraphs if c.maker}
    assert makers == {(COMMITTEE, "2019-05-28"), ("Bystyret", "2019-08-29")}


# --- the synthetic case -----------------------------------------------------------------------

def test_a_replaced_then_amended_paragraph_has_two_earlier_versions(parking) -> None:
    registry, case = parking
    paragraph = blame(case, registry)[1]
    assert paragraph["text"] == "Normen gjelder fra 1. mars 2025."
    assert paragraph["origin"]["kind"] == "recommendation"
    texts = [v["text"] for v in paragraph["versions"]]
    assert texts == ["Normen gjelder fra 1. juli 2024.", "Normen gjelder fra 1. januar 2025."]
    first, second = paragraph["versions"]
    assert first["changed_by"]["by"] == "Anne Ask"
    assert (first["changed_by"]["body"], first["changed_by"]["date"]) == (
        "Formannskapet", "2024-02-15")
    assert (second["proposal_id"], second["body"]) == ("ask-dato", "Formannskapet")
    assert second["changed_by"]["proposal_id"] == "dahl-dato"
    assert [d for d in second["diff"] if d[0] != "="] == [["-", "januar"], ["+", "mars"]]
    assert [(v["date"], v["role"], v["against"]) for v in paragraph["votes"]] == [
        ("2024-02-15", "changed", None), ("2024-03-01", "covered", None),
        ("2024-03-01", "changed", "4B")]


def test_a_paragraph_survives_a_strike_and_is_amended(parking) -> None:
    registry, case = parking
    paragraph = blame(case, registry)[2]
    assert paragraph["text"].endswith("etter tre år.")
    [version] = paragraph["versions"]
    assert version["text"].endswith("etter to år.")
    assert [(v["role"], v["result"], v["against"]) for v in paragraph["votes"]] == [
        ("covered", "vedtatt", None), ("challenged", "falt", "5A, 4B"),
        ("changed", "vedtatt", "2C")]
    assert paragraph["votes"][1]["challenge"]["by"] == "Cato Carlsen"


def test_a_lapsed_proposal_without_revises_is_a_likely_version(parking) -> None:
    # Anne Ask's lapsed proposal has the very words of the adopted one, but another proposer:
    # only the same proposer's proposal is offered.
    registry, case = parking
    paragraph = blame(case, registry)[3]
    assert paragraph["origin"]["by"] == "Bjørn Berg"
    [version] = paragraph["versions"]
    assert (version["proposal_id"], version["likely"], version["outcome"]) == (
        "berg-sykkel", True, "bortfalt")


def test_compare_names_who_changed_each_paragraph(parking) -> None:
    _, case = parking
    comparison = compare(case, "forslag", "vedtak")
    changed = {c.new_number: c for c in comparison.paragraphs}
    assert changed[2].status == "changed"
    assert [(m.body, m.date) for m in changed[2].makers] == [
        ("Formannskapet", "2024-02-15"), ("Kommunestyret", "2024-03-01")]
    assert changed[3].maker.body == "Kommunestyret"
    assert changed[4].status == "added" and changed[4].maker.date == "2024-02-15"
    between_meetings = compare(case, "Formannskapet 2024-02-15", "vedtak")
    assert [c.status for c in between_meetings.paragraphs] == [
        "unchanged", "changed", "changed", "unchanged"]


@pytest.fixture(scope="module")
def alternatives(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('alt') / 'saksflyt.db'}"
    store = EventStore(url)
    ws = workspace(store)
    apply_scenario(ws, SCENARIOS / "audit-alternativ.yaml")
    commit(store, ws, actor="test")
    return url


def test_every_paragraph_survives_an_alternative_that_lost(alternatives: str) -> None:
    registry, case = require_case(EventStore(alternatives), "24/200")
    paragraphs = blame(case, registry)
    assert len(paragraphs) == 2
    for paragraph in paragraphs:
        [vote] = paragraph["votes"]
        assert (vote["role"], vote["result"], vote["against"]) == ("challenged", "vedtatt", "2C")
        assert vote["challenge"]["proposal_kind"] == "alternativt forslag"


def test_a_winning_alternative_is_the_origin(alternatives: str) -> None:
    registry, case = require_case(EventStore(alternatives), "24/201")
    [paragraph] = blame(case, registry)
    assert (paragraph["origin"]["proposal_id"], paragraph["origin"]["by"]) == (
        "ask-navn", "Anne Ask")
    [vote] = paragraph["votes"]
    assert (vote["role"], vote["winner"], vote["n_against"]) == ("adopted", "ask-navn", 2)
    comparison = compare(case)
    assert [c.status for c in comparison.paragraphs] == ["removed", "added"]


def test_a_resubmitted_case_starts_from_the_new_saksframlegg(db_url: str) -> None:
    from documents.audit_text import render_history

    store = EventStore(db_url)
    ws = workspace(store)
    apply_scenario(ws, SCENARIOS / "workflows" / "tilbakesendt-19-8286.yaml")
    commit(store, ws, actor="test")
    registry, case = require_case(store, "19/8286")
    [resubmission] = case.resubmissions
    paragraphs = blame(case, registry)
    assert paragraphs[0]["origin"]["date"] == resubmission.date
    assert paragraphs[0]["origin"]["round"] == resubmission.round
    comparison = compare(case)
    assert comparison.old.date == resubmission.date
    assert all(c.status != "removed" for c in comparison.paragraphs)
    text = render_history(history(case, registry))
    assert f"{resubmission.date}  Nytt saksframlegg (runde {resubmission.round})" in text
