"""One test per reject rule of the procedure extensions (docs/scenario-format-extensions.md,
"Procedure from real records"), in the style of test_rejects.py: the scenario is replayed
with `saksflyt replay`, refused with exit status 2 and a one-line message naming the file,
meeting, item and step, and the store is left byte-for-byte as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.engine.test_rejects import (
    COMMITTEE,
    committee,
    meeting,
    prop,
    reject,
    reject_step,
    scenario,
    vote,
)

# `seeded` (tests/engine/conftest.py): a store with the register and another, decided case.
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


# --- people, the body's members, named votes, the møtebok -----------------------------------

UTVALG = "Utvalget 2025-03-04"
MEMBERS = ["Kari Nordmann", "Ola Ap", "Per Hansen", "Hege H", "Siri Dahl"]


@pytest.fixture
def empty(tmp_path: Path) -> Store:
    """A store not yet made: a rejected scenario leaves it absent."""
    db = tmp_path / "tom" / "saksflyt.db"
    db.parent.mkdir()
    return f"sqlite:///{db}", db


def with_members(*steps: Any, **meeting_keys: Any) -> dict[str, Any]:
    """The base register and a body with members (2Ap, 2H, 1SV) and an Ap deputy, whose
    meeting takes the case up with `steps`."""
    data = scenario(meeting("Utvalget", "2025-03-04", list(steps)))
    data["meetings"][0].update(meeting_keys)
    data["people"].update({"Ola Ap": "Ap", "Hege H": "H", "Vara Ap": "Ap", "Vara H": "H"})
    data["bodies"].append({"name": "Utvalget", "kind": "committee", "members": list(MEMBERS),
                           "deputies": ["Vara Ap", "Vara H"]})
    data["cases"][0]["route"] = [{"body": "Utvalget", "role": "vedtak"}]
    return data


def reject_member_step(tmp_path: Path, store: Store, steps: list[Any], step: str,
                       *words: str) -> str:
    return reject(tmp_path, store, with_members(*steps), *words, meeting_name=UTVALG,
                  item="7/25", step=step)


def test_a_member_who_is_not_in_the_register(tmp_path: Path, empty: Store) -> None:
    data = with_members()
    data["bodies"][-1]["members"].append("Kari Nordman")
    reject(tmp_path, empty, data, "«Kari Nordman»", "finnes ikke", "mente du")


def test_a_member_twice(tmp_path: Path, empty: Store) -> None:
    data = with_members()
    data["bodies"][-1]["deputies"].append("Per Hansen")
    reject(tmp_path, empty, data, "Per Hansen", "to ganger")


def test_seats_that_contradict_the_members(tmp_path: Path, empty: Store) -> None:
    data = with_members()
    data["bodies"][-1]["seats"] = {"Ap": 3, "H": 1, "SV": 1}
    reject(tmp_path, empty, data, "stemmer ikke med medlemmene", "2Ap, 2H, 1SV")


def test_deputies_without_members(tmp_path: Path, empty: Store) -> None:
    data = with_members()
    del data["bodies"][-1]["members"]
    reject(tmp_path, empty, data, "deputies", "ingen members")


def test_an_unknown_key_in_a_person(tmp_path: Path, empty: Store) -> None:
    data = with_members()
    data["people"]["kari-2"] = {"name": "Kari Nordmann", "parti": "H"}
    reject(tmp_path, empty, data, "«parti»", "ikke en kjent nøkkel")


def test_a_named_vote_without_members(tmp_path: Path, seeded: Store) -> None:
    reject_step(tmp_path, seeded, [vote(on="innstillingen", named={
        "for": ["Kari Nordmann"], "against": []})], "1 (vote)", "Navnevotering trenger")


def test_a_named_vote_missing_a_member_present(tmp_path: Path, empty: Store) -> None:
    reject_member_step(tmp_path, empty, [vote(on="innstillingen", named={
        "for": MEMBERS[:4], "against": []})], "1 (vote)", "Siri Dahl er til stede",
        "alle til stede skal stemme")


def test_a_named_vote_by_an_absent_member(tmp_path: Path, empty: Store) -> None:
    data = with_members(vote(on="innstillingen", named={"for": MEMBERS, "against": []}),
                        absent=["Siri Dahl"])
    reject(tmp_path, empty, data, "Siri Dahl er ikke til stede", meeting_name=UTVALG,
           item="7/25", step="1 (vote)")


def test_a_named_vote_by_an_inhabil_member(tmp_path: Path, empty: Store) -> None:
    steps = [{"impartiality": {"person": "Siri Dahl", "ruling": "inhabil",
                               "basis": "første ledd bokstav a"}},
             vote(on="innstillingen", named={"for": MEMBERS, "against": []})]
    reject_member_step(tmp_path, empty, steps, "2 (vote)", "Siri Dahl er inhabil")


def test_a_member_on_both_sides_of_a_named_vote(tmp_path: Path, empty: Store) -> None:
    reject_member_step(tmp_path, empty, [vote(on="innstillingen", named={
        "for": MEMBERS, "against": ["Per Hansen"]})], "1 (vote)", "Per Hansen",
        "mer enn én gang")


def test_a_tally_that_contradicts_the_named_votes(tmp_path: Path, empty: Store) -> None:
    reject_member_step(tmp_path, empty, [vote(on="innstillingen", against="2H", named={
        "for": ["Kari Nordmann", "Ola Ap", "Per Hansen", "Siri Dahl"], "against": ["Hege H"]})],
        "1 (vote)", "Stemmetallet against «2H» stemmer ikke med navnevoteringen «1H»")


def test_a_named_vote_said_to_be_unanimous(tmp_path: Path, empty: Store) -> None:
    reject_member_step(tmp_path, empty, [vote(on="innstillingen", unanimous=True, named={
        "for": MEMBERS, "against": []})], "1 (vote)", "navnevotering er ikke unanimous")


def test_forfall_of_someone_who_is_not_a_member(tmp_path: Path, empty: Store) -> None:
    data = with_members(absent=["Vara Ap"])
    reject(tmp_path, empty, data, "Vara Ap er ikke medlem", meeting_name=UTVALG)


def test_a_deputy_for_another_list(tmp_path: Path, empty: Store) -> None:
    data = with_members(absent=["Ola Ap"], deputies=[{"deputy": "Vara H", "for": "Ola Ap"}])
    reject(tmp_path, empty, data, "Vara H er varamedlem for H", "Ola Ap sitter for Ap",
           meeting_name=UTVALG)


def test_a_deputy_who_is_no_deputy(tmp_path: Path, empty: Store) -> None:
    data = with_members(absent=["Ola Ap"], deputies=[{"deputy": "Siri Dahl", "for": "Ola Ap"}])
    reject(tmp_path, empty, data, "Siri Dahl er ikke varamedlem", meeting_name=UTVALG)


def test_a_meeting_time_that_is_no_time(tmp_path: Path, empty: Store) -> None:
    reject(tmp_path, empty, with_members(start="kl. seks"), "Ugyldig klokkeslett",
           meeting_name=UTVALG)


def test_a_meeting_that_ends_before_it_starts(tmp_path: Path, empty: Store) -> None:
    reject(tmp_path, empty, with_members(start="18:00", end="17:30"), "kan ikke slutte",
           meeting_name=UTVALG)


def test_an_unknown_chair(tmp_path: Path, empty: Store) -> None:
    reject(tmp_path, empty, with_members(chair="Kari Nordman"), "«Kari Nordman» finnes ikke",
           meeting_name=UTVALG)


def test_an_approval_of_a_mootebok_that_lacks_what_the_law_asks(tmp_path: Path,
                                                              empty: Store) -> None:
    data = with_members(vote(on="innstillingen", against=1), place="Rådhuset",
                        approved={"by": ["Kari Nordmann"], "how": "elektronisk"})
    reject(tmp_path, empty, data, "mangler det kommuneloven § 11-4 krever",
           "når møtet startet", "møteleder", "oppmøtet",
           "hvordan partiene stemte i sak 7/25, votering 1", meeting_name=UTVALG,
           step="approved")


def test_an_approval_in_an_unknown_way(tmp_path: Path, empty: Store) -> None:
    data = with_members(approved={"how": "muntlig", "as_recorded": True})
    reject(tmp_path, empty, data, "Ukjent godkjenningsmåte «muntlig»", meeting_name=UTVALG)


def test_an_inhabil_ruling_with_an_unreadable_basis(tmp_path: Path, seeded: Store) -> None:
    reject_step(tmp_path, seeded, [{"impartiality": {
        "person": "Per Hansen", "ruling": "inhabil", "basis": "første ledd bokstav g"}}],
        "1 (impartiality)", "bokstav a, b, c, d eller e")


def test_a_basis_for_a_habil_ruling(tmp_path: Path, seeded: Store) -> None:
    reject_step(tmp_path, seeded, [{"impartiality": {
        "person": "Per Hansen", "ruling": "habil", "basis": "andre ledd"}}],
        "1 (impartiality)", "hører til en kjennelse om inhabilitet")
