"""One test per reject rule of the procedure extensions (docs/scenario-format-extensions.md,
"Procedure from real records"), in the style of test_rejects.py: the scenario is replayed
with `saksflyt replay`, refused with exit status 2 and a one-line message naming the file,
meeting, item and step, and the store is left byte-for-byte as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.engine.test_rejects import (
    COMMITTEE,
    committee,
    prop,
    reject,
    reject_step,
    scenario,
    vote,
)
from tests.engine.test_rejects import seeded as seeded_fixture

seeded = seeded_fixture  # the same store fixture: a register and another, decided case

Store = tuple[str, Path]


def alt(pid: str, text: str, by: str = "Per Hansen") -> dict[str, Any]:
    return prop(pid, kind="alternativt forslag", by=by, text=text)


# --- proposers --------------------------------------------------------------------------------

def test_a_proposal_without_a_proposer(tmp_path: Path, seeded: Store) -> None:
    step = {"propose": {"id": "a", "kind": "forslag", "add": "Nytt avsnitt."}}
    reject_step(tmp_path, seeded, [step], "1 (propose)", "forslagsstiller")


def test_several_proposers_need_two_names(tmp_path: Path, seeded: Store) -> None:
    reject_step(tmp_path, seeded, [prop("a", by=["Kari Nordmann"])], "1 (propose)",
                "to eller flere")


def test_an_unknown_co_proposer(tmp_path: Path, seeded: Store) -> None:
    reject_step(tmp_path, seeded, [prop("a", by=["Kari Nordmann", "Kari Normann"])],
                "1 (propose)", "«Kari Normann» finnes ikke")


def test_the_same_member_twice_among_the_proposers(tmp_path: Path, seeded: Store) -> None:
    reject_step(tmp_path, seeded, [prop("a", by=["Kari Nordmann", "Kari Nordmann"])],
                "1 (propose)", "to ganger")


def test_an_unknown_party_among_the_proposers(tmp_path: Path, seeded: Store) -> None:
    step = {"propose": {"id": "a", "parties": ["Ap", "KrF"], "kind": "fellesforslag",
                        "add": "Nytt avsnitt."}}
    reject_step(tmp_path, seeded, [step], "1 (propose)", "«KrF» finnes ikke")


def test_a_party_twice_among_the_proposers(tmp_path: Path, seeded: Store) -> None:
    step = {"propose": {"id": "a", "parties": ["Ap", "Ap"], "kind": "fellesforslag",
                        "add": "Nytt avsnitt."}}
    reject_step(tmp_path, seeded, [step], "1 (propose)", "to ganger")


def test_the_bodys_members_stand_alone(tmp_path: Path, seeded: Store) -> None:
    step = {"propose": {"id": "a", "members": True, "by": "Kari Nordmann",
                        "kind": "forslag", "add": "Nytt avsnitt."}}
    reject_step(tmp_path, seeded, [step], "1 (propose)", "members")


def test_an_inhabil_co_proposer(tmp_path: Path, seeded: Store) -> None:
    steps = [{"impartiality": {"person": "Per Hansen", "ruling": "inhabil"}},
             prop("a", by=["Kari Nordmann", "Per Hansen"])]
    reject_step(tmp_path, seeded, steps, "2 (propose)", "Per Hansen", "inhabil")


# --- alternative votes between more than two sides --------------------------------------------

THREE = [alt("b", "Planen utsettes."), alt("c", "Planen forkastes.", by="Siri Dahl")]


def test_three_sides_need_each_sides_votes(tmp_path: Path, seeded: Store) -> None:
    steps = [*THREE, vote(between=["innstillingen", "b", "c"], winner="innstillingen",
                          against="1SV")]
    reject_step(tmp_path, seeded, steps, "3 (vote)", "trenger votes")


def test_votes_for_a_side_that_is_not_one(tmp_path: Path, seeded: Store) -> None:
    steps = [*THREE, vote(between=["innstillingen", "b", "c"], winner="innstillingen",
                          votes={"innstillingen": "2Ap", "b": "2H", "d": "1SV"})]
    reject_step(tmp_path, seeded, steps, "3 (vote)", "«d»", "ikke er et alternativ")


def test_only_the_winners_votes_may_be_left_out(tmp_path: Path, seeded: Store) -> None:
    steps = [*THREE, vote(between=["innstillingen", "b", "c"], winner="innstillingen",
                          votes={"innstillingen": "2Ap", "b": "2H"})]
    reject_step(tmp_path, seeded, steps, "3 (vote)", "votes mangler", "«c»")


def test_the_winner_of_three_must_have_the_most(tmp_path: Path, seeded: Store) -> None:
    steps = [*THREE, vote(between=["innstillingen", "b", "c"], winner="c",
                          votes={"innstillingen": "2Ap", "b": "2H", "c": "1SV"})]
    reject_step(tmp_path, seeded, steps, "3 (vote)", "flest stemmer")


def test_three_sides_with_more_votes_than_present(tmp_path: Path, seeded: Store) -> None:
    steps = [*THREE, vote(between=["innstillingen", "b", "c"], winner="innstillingen",
                          votes={"innstillingen": "2Ap", "b": "2H", "c": "2SV"})]
    reject_step(tmp_path, seeded, steps, "3 (vote)", "2 stemmer fra SV", "1 medlemmer")


# --- several proposals together ---------------------------------------------------------------

def test_the_recommendation_is_not_voted_on_with_proposals(tmp_path: Path,
                                                           seeded: Store) -> None:
    reject_step(tmp_path, seeded, [prop("a"), vote(on=["innstillingen", "a"], unanimous=True)],
                "2 (vote)", "innstillingen voteres for seg")


def test_a_proposal_twice_in_a_joint_vote(tmp_path: Path, seeded: Store) -> None:
    reject_step(tmp_path, seeded, [prop("a"), vote(on=["a", "a"], unanimous=True)],
                "2 (vote)", "to ganger")


def test_a_joint_vote_on_a_proposal_already_voted_on(tmp_path: Path, seeded: Store) -> None:
    steps = [prop("a"), prop("b"), vote(on="a", unanimous=True),
             vote(on=["b", "a"], unanimous=True)]
    reject_step(tmp_path, seeded, steps, "4 (vote)", "allerede votert", "«a»")


# --- a case without a recommendation ------------------------------------------------------

def test_without_recommendation_and_a_recommendation(tmp_path: Path, seeded: Store) -> None:
    data = scenario()
    data["cases"][0]["without_recommendation"] = True
    reject(tmp_path, seeded, data, "uten innstilling", "recommendation")


def test_a_vote_on_a_recommendation_there_is_none_of(tmp_path: Path, seeded: Store) -> None:
    data = scenario(committee(vote(on="innstillingen", unanimous=True)))
    del data["cases"][0]["recommendation"]
    data["cases"][0]["without_recommendation"] = True
    reject(tmp_path, seeded, data, "ingen innstilling", meeting_name=COMMITTEE, item="7/25",
           step="1 (vote)")


def test_a_proposal_that_changes_a_paragraph_there_is_none_of(tmp_path: Path,
                                                              seeded: Store) -> None:
    data = scenario(committee(prop("a", kind="strykningsforslag", strike=1)))
    del data["cases"][0]["recommendation"]
    data["cases"][0]["without_recommendation"] = True
    reject(tmp_path, seeded, data, "har ikke avsnitt 1", meeting_name=COMMITTEE, item="7/25",
           step="1 (propose)")
