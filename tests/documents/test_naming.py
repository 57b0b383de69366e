"""The naming rules of the voting record, on hand-made names and items (no database)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from documents import naming
from documents.naming import Name


@pytest.mark.parametrize(("name", "expected"), [
    ("Salomonsen", "Salomonsens"), ("Næss", "Næss'"), ("Marx", "Marx'"), ("Lorenz", "Lorenz'"),
    ("Lindvåg", "Lindvågs"), ("Aas", "Aas'"),
])
def test_genitive(name: str, expected: str) -> None:
    assert naming.genitive(name) == expected


def test_surname_is_the_last_word() -> None:
    assert naming.surname("Ola Lund Renolen") == "Renolen"
    assert naming.surname("Elin Marie Andreassen") == "Andreassen"


@pytest.mark.parametrize(("name", "group"), [
    ("Rådets medlemmer", True), ("alle partiene", True), ("Silje Salomonsen", False),
    ("Ragnhild Karlsen Dalslåen", False), ("Anne-Lise Næss", False),
    ("Marit van der Berg", False), ("Ingrid af Ekenstam", False), ("Medlemmer av rådet", True),
])
def test_groups_are_names_not_made_of_capitalised_words(name: str, group: bool) -> None:
    assert naming.is_group(name) is group


def test_one_proposal_is_named_forslag_whatever_its_kind() -> None:
    assert naming.proposal_name("Elin Marie Andreassen", "tilleggsforslag", None,
                                several=False) == Name(genitive="Andreassens", noun="forslag")


def test_several_proposals_are_named_by_kind() -> None:
    assert naming.proposal_name("Ola Lund Renolen", "tilleggsforslag", None,
                                several=True) == Name(genitive="Renolens",
                                                      noun="tilleggsforslag")


def test_postponement_is_always_named_by_kind() -> None:
    name = naming.proposal_name("Michael Momyr", "utsettelsesforslag", None, several=False)
    assert name == Name(genitive="Momyrs", noun="utsettelsesforslag")


def test_label_overrides_everything() -> None:
    name = naming.proposal_name("Ola Lund Renolen", "strykningsforslag", "Renolens forslag",
                                several=True)
    assert name == Name(label="Renolens forslag")


def test_group_proposer() -> None:
    assert naming.proposal_name("Rådets medlemmer", "forslag", None, several=False) == Name(
        group="Rådets medlemmer", noun="forslag")


def test_voted_proposers_counts_distinct_proposals_put_to_a_vote() -> None:
    votes = [SimpleNamespace(on="a", between=None), SimpleNamespace(on=None, between=[
        "innstillingen", "b"]), SimpleNamespace(on="a", between=None)]
    proposers = {"a": "Ola", "b": "Ola", "c": "Kari", "d": "Kari"}
    assert naming.voted_proposers(votes, proposers) == {"Ola": 2}


@pytest.mark.parametrize(("body", "expected"), [
    ("Bystyret", "bystyret"), ("Formannskapet", "formannskapet"),
    ("Finans- og næringskomiteen", "Finans- og næringskomiteen"),
])
def test_body_in_sentence(body: str, expected: str) -> None:
    assert naming.body_in_sentence(body) == expected


def test_ps_number_and_dates() -> None:
    assert naming.ps_number("87/19") == "0087/19"
    assert naming.ps_number("1234/20") == "1234/20"
    assert naming.norwegian_date("2019-08-29") == "29.08.2019"
