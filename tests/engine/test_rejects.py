"""One test per **reject** rule of the scenario format (spec/scenario-format.md, version 1).

Each test writes a small scenario built from a minimal base, replays it with
`saksflyt --db URL replay FILE`, and asserts exit status 2, a one-line message on standard
error that names the file, meeting, item and step and says what was wrong, and a store that is
byte-for-byte as it was (or still absent, when there was none).
"""

from __future__ import annotations

import copy
import hashlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from cli import main

CASE = "25/100"
REC = ["Bystyret vedtar trafikksikkerhetsplanen for Nordbyen.",
       "Tiltakene gjennomføres i perioden 2025-2028.",
       "Planen evalueres etter to år."]


def base() -> dict[str, Any]:
    """Three parties, an advisory council without seats, a committee and a council, and one
    case on its way through them."""
    return {
        "saksflyt": 1,
        "municipality": "Prøvekommune",
        "parties": {"Ap": "Arbeiderpartiet", "H": "Høyre", "SV": "Sosialistisk Venstreparti"},
        "bodies": [
            {"name": "Eldrerådet", "kind": "advisory"},
            {"name": "Komiteen", "kind": "committee", "seats": {"Ap": 2, "H": 2, "SV": 1}},
            {"name": "Bystyret", "kind": "council", "seats": {"Ap": 5, "H": 4, "SV": 2}},
        ],
        "people": {"Kari Nordmann": "Ap", "Per Hansen": "H", "Siri Dahl": "SV",
                   "Rådets leder": None},
        "cases": [{
            "arkivsak": CASE, "title": "Trafikksikkerhetsplan for Nordbyen",
            "recommendation": list(REC),
            "route": [{"body": "Eldrerådet", "role": "uttalelse"},
                      {"body": "Komiteen", "role": "innstilling"},
                      {"body": "Bystyret", "role": "vedtak"}],
        }],
        "meetings": [],
    }


def meeting(body: str, date: str, steps: list[Any], sak: str = "7/25",
            case: str = CASE) -> dict[str, Any]:
    return {"body": body, "date": date, "items": [{"sak": sak, "case": case,
                                                   "proceedings": steps}]}


def committee(*steps: Any) -> dict[str, Any]:
    """The committee takes the case up (the hearing round is left out: it is optional)."""
    return meeting("Komiteen", "2025-02-04", list(steps))


def scenario(*meetings: dict[str, Any], **top: Any) -> dict[str, Any]:
    data = base()
    data["meetings"] = list(meetings)
    data.update(top)
    return data


def prop(pid: str, kind: str = "tilleggsforslag", by: str = "Kari Nordmann",
         **effect: Any) -> dict[str, Any]:
    if not effect:
        effect = {"add": f"Nytt avsnitt fra {pid}."}
    return {"propose": {"id": pid, "by": by, "kind": kind, **effect}}


def vote(**kwargs: Any) -> dict[str, Any]:
    return {"vote": kwargs}


UNANIMOUS_REC = vote(on="innstillingen", unanimous=True)


def write(path: Path, data: Any) -> Path:
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh)
    return path


def fingerprint(db: Path) -> dict[str, str]:
    """The store's files (the database and any WAL beside it) and their hashes."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(db.parent.glob(db.name + "*"))}


def reject(tmp_path: Path, store: tuple[str, Path], data: Any, *words: str,
           meeting_name: str | None = None, item: str | None = None,
           step: str | None = None, name: str = "avvist.yaml") -> str:
    """Replay `data`, expect the rejection, and return its message."""
    url, db = store
    before = fingerprint(db)
    path = write(tmp_path / name, data)
    result = CliRunner().invoke(main, ["--db", url, "replay", str(path)])
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    message = result.stderr.strip()
    assert message and "\n" not in message, message
    assert "Traceback" not in result.output
    assert name in message
    if meeting_name is not None:
        assert f"møte «{meeting_name}»" in message
    if item is not None:
        assert f"sak {item}" in message
    if step is not None:
        assert f"steg {step}" in message
    for word in words:
        assert word.lower() in message.lower(), (word, message)
    assert fingerprint(db) == before
    assert result.stdout == ""
    return message


COMMITTEE = "Komiteen 2025-02-04"


def reject_step(tmp_path: Path, store: tuple[str, Path], steps: list[Any], step: str,
                *words: str) -> str:
    """Reject a committee item's step (numbered from 1, as `N (kind)`)."""
    return reject(tmp_path, store, scenario(committee(*steps)), *words,
                  meeting_name=COMMITTEE, item="7/25", step=step)


# --- votes on proposals ----------------------------------------------------------------------

def test_vote_on_an_unknown_proposal(tmp_path: Path, seeded: tuple[str, Path]) -> None:
    reject_step(tmp_path, seeded, [prop("a"), vote(on="b", unanimous=True)], "2 (vote)",
                "forslag «b»", "finnes ikke")


def test_vote_on_a_withdrawn_proposal(tmp_path: Path, seeded: tuple[str, Path]) -> None:
    reject_step(tmp_path, seeded, [prop("a"), {"withdraw": "a"}, vote(on="a", unanimous=True)],
                "3 (vote)", "«a»", "trukket")


def test_vote_on_a_withdrawn_proposal_in_an_alternative(tmp_path: Path,
                                                         seeded: tuple[str, Path]) -> None:
    steps = [prop("alt", kind="alternativt forslag", text="Planen sendes tilbake."),
             {"withdraw": "alt"},
             vote(between=["innstillingen", "alt"], winner="innstillingen", unanimous=True)]
    reject_step(tmp_path, seeded, steps, "3 (vote)", "trukket")


def test_vote_on_a_proposal_already_voted_on(tmp_path: Path, seeded: tuple[str, Path]) -> None:
    reject_step(tmp_path, seeded, [prop("a"), vote(on="a", unanimous=True),
                                   vote(on="a", unanimous=True)],
                "3 (vote)", "allerede votert", "«a»")


def test_proposal_voted_on_in_an_alternative_cannot_be_voted_on_again(
        tmp_path: Path, seeded: tuple[str, Path]) -> None:
    steps = [prop("stryk", kind="strykningsforslag", strike=3),
             vote(between=["innstillingen", "stryk"], parts=[3], winner="innstillingen",
                  against="1SV"),
             vote(on="stryk", unanimous=True)]
    reject_step(tmp_path, seeded, steps, "3 (vote)", "allerede votert")


def test_vote_on_a_remark(tmp_path: Path, seeded: tuple[str, Path]) -> None:
    steps = [prop("m", kind="merknad", text="Skoleveiene må prioriteres."),
             vote(on="m", unanimous=True)]
    reject_step(tmp_path, seeded, steps, "2 (vote)", "merknad", "voteres ikke")


def test_withdrawing_a_proposal_already_voted_on(tmp_path: Path,
                                                 seeded: tuple[str, Path]) -> None:
    reject_step(tmp_path, seeded, [prop("a"), vote(on="a", unanimous=True), {"withdraw": "a"}],
                "3 (withdraw)", "allerede votert")


# --- tallies ---------------------------------------------------------------------------------

def test_more_votes_from_a_party_than_it_has_seats(tmp_path: Path,
                                                   seeded: tuple[str, Path]) -> None:
    reject_step(tmp_path, seeded, [prop("a"), vote(on="a", against="3H")], "2 (vote)",
                "3 stemmer fra H", "2 medlemmer til stede")


def test_more_votes_from_a_party_than_it_has_present(tmp_path: Path,
                                                     seeded: tuple[str, Path]) -> None:
    steps = [prop("a"), {"present": {"H": 1}}, vote(on="a", against={"H": 2})]
    reject_step(tmp_path, seeded, steps, "3 (vote)", "2 stemmer fra H", "1 medlemmer til stede")


def test_for_and_against_together_more_than_present(tmp_path: Path,
                                                    seeded: tuple[str, Path]) -> None:
    steps = [prop("a"), vote(on="a", **{"for": "2Ap, 1H", "against": "2H"})]
    reject_step(tmp_path, seeded, steps, "2 (vote)", "3 stemmer fra H", "til stede")


def test_tally_with_an_unknown_party(tmp_path: Path, seeded: tuple[str, Path]) -> None:
    reject_step(tmp_path, seeded, [prop("a"), vote(on="a", against="1FrP")], "2 (vote)",
                "Ukjent parti «FrP»")


def test_present_with_an_unknown_party(tmp_path: Path, seeded: tuple[str, Path]) -> None:
    reject_step(tmp_path, seeded, [{"present": {"KrF": 1}}], "1 (present)",
                "Partiet «KrF» finnes ikke")


def test_stated_result_that_contradicts_the_tallies(tmp_path: Path,
                                                    seeded: tuple[str, Path]) -> None:
    reject_step(tmp_path, seeded, [prop("a"), vote(on="a", against="1SV", result="falt")],
                "2 (vote)", "Oppgitt resultat «falt»", "stemmer ikke med tallene")


def test_winner_of_an_alternative_that_contradicts_the_tallies(
        tmp_path: Path, seeded: tuple[str, Path]) -> None:
    steps = [prop("alt", kind="alternativt forslag", text="Planen sendes tilbake."),
             vote(between=["innstillingen", "alt"], winner="alt", against="2Ap, 2H")]
    reject_step(tmp_path, seeded, steps, "2 (vote)", "kan ikke vinne")


def test_a_tie_without_the_chairs_casting_vote(tmp_path: Path,
                                               seeded: tuple[str, Path]) -> None:
    steps = [prop("a"), {"present": {"SV": 0}}, vote(on="a", against="2H")]
    reject_step(tmp_path, seeded, steps, "3 (vote)", "Stemmelikhet", "result")


# --- paragraph numbers -----------------------------------------------------------------------

@pytest.mark.parametrize(("step", "key"), [
    (prop("e", kind="endringsforslag", replace=4, text="Ny tekst."), "replace"),
    (prop("e", kind="endringsforslag", amend={"paragraph": 4, "old": "to år", "new": "ett år"}),
     "amend"),
    (prop("e", kind="strykningsforslag", strike=4), "strike"),
    (prop("e", kind="strykningsforslag", strike=[2, 4]), "strike"),
    (prop("e", add="Nytt avsnitt.", at=5), "at"),
    (prop("e", add="Nytt avsnitt.", at=0), "at"),
])
def test_paragraph_number_the_recommendation_does_not_have(
        tmp_path: Path, seeded: tuple[str, Path], step: dict[str, Any], key: str) -> None:
    message = reject_step(tmp_path, seeded, [step], "1 (propose)",
                          "innstillingen har ikke avsnitt", "den har 3")
    assert message.split(": ")[-2].endswith(key) or f"{key}:" in message


@pytest.mark.parametrize("key", ["parts", "except"])
def test_vote_on_paragraphs_the_recommendation_does_not_have(
        tmp_path: Path, seeded: tuple[str, Path], key: str) -> None:
    message = reject_step(tmp_path, seeded, [vote(on="innstillingen", unanimous=True,
                                                  **{key: [1, 4]})],
                          "1 (vote)", "innstillingen har ikke avsnitt 4")
    assert f"{key}:" in message


def test_alternative_on_parts_the_recommendation_does_not_have(
        tmp_path: Path, seeded: tuple[str, Path]) -> None:
    steps = [prop("e", kind="endringsforslag", replace=3, text="Planen evalueres årlig."),
             vote(between=["innstillingen", "e"], parts=[7], winner="e", unanimous=True)]
    reject_step(tmp_path, seeded, steps, "2 (vote)", "har ikke avsnitt 7")


def test_paragraph_numbers_count_the_recommendation_as_the_meeting_took_it_up(
        tmp_path: Path, seeded: tuple[str, Path]) -> None:
    """The committee adds a fourth paragraph; the council may name it, the committee not."""
    ok = [prop("ny", add="Planen skal ha en egen pott for skoleveier."),
          UNANIMOUS_REC, vote(on="ny", unanimous=True)]
    council = meeting("Bystyret", "2025-03-04", [prop("s", kind="strykningsforslag", strike=5)],
                      sak="30/25")
    reject(tmp_path, seeded, scenario(committee(*ok), council), "har ikke avsnitt 5",
           "den har 4", meeting_name="Bystyret 2025-03-04", item="30/25", step="1 (propose)")


def test_amend_words_that_are_not_in_the_paragraph(tmp_path: Path,
                                                   seeded: tuple[str, Path]) -> None:
    step = prop("e", kind="endringsforslag",
                amend={"paragraph": 3, "old": "tre år", "new": "ett år"})
    reject_step(tmp_path, seeded, [step], "1 (propose)", "«tre år» står ikke i avsnitt 3")


# --- impartiality ----------------------------------------------------------------------------

def test_an_inhabil_members_vote(tmp_path: Path, seeded: tuple[str, Path]) -> None:
    """Siri Dahl (SV, the party's only seat in the committee) leaves the item: a vote from SV
    can only be hers."""
    steps = [{"impartiality": {"person": "Siri Dahl", "ruling": "inhabil"}},
             prop("a"), vote(on="a", against="1SV")]
    reject_step(tmp_path, seeded, steps, "3 (vote)", "1 stemmer fra SV", "0 medlemmer til stede",
                "inhabil")


def test_an_inhabil_members_vote_counted_in_the_council(tmp_path: Path,
                                                        seeded: tuple[str, Path]) -> None:
    ok = [UNANIMOUS_REC]
    council = meeting("Bystyret", "2025-03-04", [
        {"impartiality": {"person": "Siri Dahl", "ruling": "inhabil"}},
        prop("a"), vote(on="a", **{"for": "2SV", "against": "5Ap"})], sak="30/25")
    reject(tmp_path, seeded, scenario(committee(*ok), council), "2 stemmer fra SV", "inhabil",
           meeting_name="Bystyret 2025-03-04", item="30/25", step="3 (vote)")


def test_an_inhabil_member_cannot_propose(tmp_path: Path, seeded: tuple[str, Path]) -> None:
    steps = [{"impartiality": {"person": "Per Hansen", "ruling": "inhabil"}},
             prop("a", by="Per Hansen")]
    reject_step(tmp_path, seeded, steps, "2 (propose)", "Per Hansen er inhabil")


# --- postponement ----------------------------------------------------------------------------

def test_a_step_after_postpone(tmp_path: Path, seeded: tuple[str, Path]) -> None:
    steps = [{"postpone": {"to": "2025-03-04", "text": "Saken utsettes."}}, UNANIMOUS_REC]
    reject_step(tmp_path, seeded, steps, "2 (vote)", "utsatt", "ikke tillatt")


def test_a_step_after_an_adopted_utsettelsesforslag(tmp_path: Path,
                                                    seeded: tuple[str, Path]) -> None:
    steps = [prop("u", kind="utsettelsesforslag", text="Saken utsettes til neste møte."),
             vote(on="u", against="1SV"), {"note": "Ordføreren gikk videre."}]
    reject_step(tmp_path, seeded, steps, "3 (note)", "utsatt", "ikke tillatt")


def test_a_vote_on_anything_else_while_an_utsettelsesforslag_is_pending(
        tmp_path: Path, seeded: tuple[str, Path]) -> None:
    steps = [prop("a"), prop("u", kind="utsettelsesforslag", text="Saken utsettes."),
             vote(on="a", unanimous=True)]
    reject_step(tmp_path, seeded, steps, "3 (vote)", "Utsettelsesforslaget «u»",
                "voteres over først")


def test_the_recommendation_is_not_voted_on_before_the_utsettelsesforslag(
        tmp_path: Path, seeded: tuple[str, Path]) -> None:
    steps = [prop("u", kind="utsettelsesforslag", text="Saken utsettes."), UNANIMOUS_REC]
    reject_step(tmp_path, seeded, steps, "2 (vote)", "voteres over først")


# --- alternatives ----------------------------------------------------------------------------

def test_two_alternatives_that_both_win(tmp_path: Path, seeded: tuple[str, Path]) -> None:
    steps = [prop("alt", kind="alternativt forslag", text="Planen sendes tilbake."),
             vote(between=["innstillingen", "alt"], winner=["innstillingen", "alt"],
                  unanimous=True)]
    reject_step(tmp_path, seeded, steps, "2 (vote)", "begge vinne")


def test_a_second_alternativt_forslag_cannot_win_too(tmp_path: Path,
                                                     seeded: tuple[str, Path]) -> None:
    steps = [prop("alt1", kind="alternativt forslag", text="Planen sendes tilbake."),
             prop("alt2", kind="alternativt forslag", by="Per Hansen",
                  text="Planen vedtas uten tiltak."),
             vote(between=["innstillingen", "alt1"], winner="alt1", against="2H"),
             vote(between=["innstillingen", "alt2"], winner="alt2", against="1SV")]
    reject_step(tmp_path, seeded, steps, "4 (vote)", "begge vinne")


def test_the_recommendation_cannot_win_after_it_lost(tmp_path: Path,
                                                     seeded: tuple[str, Path]) -> None:
    steps = [prop("e1", kind="endringsforslag", replace=3, text="Planen evalueres årlig."),
             prop("e2", kind="endringsforslag", by="Per Hansen", replace=3,
                  text="Planen evalueres aldri."),
             vote(between=["innstillingen", "e1"], parts=[3], winner="e1", against="2H"),
             vote(between=["innstillingen", "e2"], parts=[3], winner="innstillingen",
                  against="2H")]
    reject_step(tmp_path, seeded, steps, "4 (vote)", "begge vinne")


# --- the state machine -----------------------------------------------------------------------

def test_a_proposal_once_voting_has_begun(tmp_path: Path, seeded: tuple[str, Path]) -> None:
    reject_step(tmp_path, seeded, [UNANIMOUS_REC, prop("sent")], "2 (propose)",
                "under votering", "ikke tillatt")


def test_an_item_in_a_body_not_on_the_route(tmp_path: Path, seeded: tuple[str, Path]) -> None:
    data = scenario(meeting("Formannskapet", "2025-02-04", [UNANIMOUS_REC]))
    data["bodies"].append({"name": "Formannskapet", "kind": "committee",
                           "seats": {"Ap": 1, "H": 1}})
    reject(tmp_path, seeded, data, "ikke på ruten", meeting_name="Formannskapet 2025-02-04",
           item="7/25")


def test_an_item_before_the_case_reached_the_body(tmp_path: Path,
                                                  seeded: tuple[str, Path]) -> None:
    data = scenario(meeting("Bystyret", "2025-02-04", [UNANIMOUS_REC]))
    reject(tmp_path, seeded, data, "har ikke nådd «Bystyret»",
           meeting_name="Bystyret 2025-02-04", item="7/25")


def test_an_item_after_the_case_has_left_the_body(tmp_path: Path,
                                                  seeded: tuple[str, Path]) -> None:
    data = scenario(committee(UNANIMOUS_REC),
                    meeting("Eldrerådet", "2025-02-10", [{"take_note": "Tatt til orientering."}]))
    reject(tmp_path, seeded, data, "allerede ferdig", meeting_name="Eldrerådet 2025-02-10",
           item="7/25")


def test_an_item_for_a_decided_case(tmp_path: Path, seeded: tuple[str, Path]) -> None:
    data = scenario(meeting("Bystyret", "2025-03-04", [UNANIMOUS_REC], case="25/1"))
    reject(tmp_path, seeded, data, "25/1 er avgjort", meeting_name="Bystyret 2025-03-04")


# --- the register ----------------------------------------------------------------------------

def test_an_item_for_a_case_that_does_not_exist(tmp_path: Path,
                                                seeded: tuple[str, Path]) -> None:
    data = scenario(meeting("Komiteen", "2025-02-04", [UNANIMOUS_REC], case="25/999"))
    reject(tmp_path, seeded, data, "25/999 finnes ikke", meeting_name=COMMITTEE, item="7/25")


def test_a_case_that_already_exists_in_the_store(tmp_path: Path,
                                                 seeded: tuple[str, Path]) -> None:
    data = scenario()
    data["cases"][0]["arkivsak"] = "25/1"
    reject(tmp_path, seeded, data, "Saken 25/1 finnes allerede")


def test_a_case_twice_in_one_scenario(tmp_path: Path, seeded: tuple[str, Path]) -> None:
    data = scenario()
    data["cases"].append(copy.deepcopy(data["cases"][0]))
    reject(tmp_path, seeded, data, f"Saken {CASE} finnes allerede")


def test_a_body_that_does_not_exist(tmp_path: Path, seeded: tuple[str, Path]) -> None:
    reject(tmp_path, seeded, scenario(meeting("Bystyre", "2025-02-04", [UNANIMOUS_REC])),
           "Utvalget «Bystyre» finnes ikke", "mente du «Bystyret»",
           meeting_name="Bystyre 2025-02-04", item="7/25")


def test_a_body_that_does_not_exist_on_the_route(tmp_path: Path,
                                                 seeded: tuple[str, Path]) -> None:
    data = scenario()
    data["cases"][0]["route"][0]["body"] = "Ungdomsrådet"
    reject(tmp_path, seeded, data, "Utvalget «Ungdomsrådet» finnes ikke")


def test_a_body_twice_in_one_scenario(tmp_path: Path, seeded: tuple[str, Path]) -> None:
    data = scenario()
    data["bodies"].append({"name": "Komiteen", "kind": "committee"})
    reject(tmp_path, seeded, data, "«Komiteen» finnes allerede")


def test_a_body_that_already_exists_with_other_seats(tmp_path: Path,
                                                     seeded: tuple[str, Path]) -> None:
    data = scenario()
    data["bodies"][2]["seats"] = {"Ap": 6, "H": 3, "SV": 2}
    reject(tmp_path, seeded, data, "«Bystyret» finnes allerede")


def test_a_person_that_does_not_exist(tmp_path: Path, seeded: tuple[str, Path]) -> None:
    reject_step(tmp_path, seeded, [prop("a", by="Kari Nordman")], "1 (propose)",
                "Personen «Kari Nordman» finnes ikke", "mente du «Kari Nordmann»")


def test_a_rapporteur_that_does_not_exist(tmp_path: Path, seeded: tuple[str, Path]) -> None:
    reject_step(tmp_path, seeded, [{"rapporteur": "Ola Ukjent"}], "1 (rapporteur)",
                "«Ola Ukjent» finnes ikke")


def test_a_person_that_already_exists_with_another_affiliation(
        tmp_path: Path, seeded: tuple[str, Path]) -> None:
    data = scenario()
    data["people"]["Per Hansen"] = "Ap"
    reject(tmp_path, seeded, data, "«Per Hansen» finnes allerede")


def test_a_person_twice_in_one_scenario(tmp_path: Path, seeded: tuple[str, Path]) -> None:
    url, db = seeded
    path = tmp_path / "dobbel.yaml"
    write(path, scenario())
    text = path.read_text(encoding="utf-8").replace(
        "people:\n", "people:\n  Siri Dahl: H\n", 1)
    path.write_text(text, encoding="utf-8")
    before = fingerprint(db)
    result = CliRunner().invoke(main, ["--db", url, "replay", str(path)])
    assert result.exit_code == 2
    assert "dobbel.yaml" in result.stderr and "Siri Dahl" in result.stderr
    assert fingerprint(db) == before


def test_a_party_that_does_not_exist_in_seats(tmp_path: Path, seeded: tuple[str, Path]) -> None:
    data = scenario()
    data["bodies"].append({"name": "Kontrollutvalget", "kind": "committee",
                           "seats": {"Ap": 1, "FrP": 1}})
    reject(tmp_path, seeded, data, "Ukjent parti «FrP»", "Kontrollutvalget")


@pytest.mark.parametrize("step", [
    {"propose": {"id": "a", "by": "Kari Nordmann", "kind": "forslag",
                 "on_behalf_of": ["Ap", "KrF"], "add": "Nytt."}},
    {"join": {"remark": "m", "parties": ["H", "KrF"]}},
])
def test_a_party_that_does_not_exist_in_a_step(tmp_path: Path, seeded: tuple[str, Path],
                                               step: dict[str, Any]) -> None:
    steps = [prop("m", kind="merknad", by="Siri Dahl", text="Merknad."), step]
    reject_step(tmp_path, seeded, steps, f"2 ({next(iter(step))})", "Partiet «KrF» finnes ikke")


def test_a_party_that_already_exists_with_another_name(tmp_path: Path,
                                                       seeded: tuple[str, Path]) -> None:
    data = scenario()
    data["parties"]["H"] = "Hyggepartiet"
    reject(tmp_path, seeded, data, "Partiet H finnes allerede")


def test_a_proposal_id_used_twice(tmp_path: Path, seeded: tuple[str, Path]) -> None:
    reject_step(tmp_path, seeded, [prop("a"), prop("a", by="Per Hansen")], "2 (propose)",
                "«a»", "brukt før")


# --- the whole store -------------------------------------------------------------------------

def test_replaying_the_same_scenario_twice_is_refused(tmp_path: Path,
                                                      seeded: tuple[str, Path]) -> None:
    url = seeded[0]
    good = write(tmp_path / "god.yaml", scenario(committee(UNANIMOUS_REC)))
    first = CliRunner().invoke(main, ["--db", url, "replay", str(good)])
    assert first.exit_code == 0, first.output
    message = reject(tmp_path, seeded, scenario(committee(UNANIMOUS_REC)), name="god.yaml")
    assert f"Saken {CASE} finnes allerede" in message


def test_a_rejected_scenario_does_not_create_the_store(tmp_path: Path) -> None:
    db = tmp_path / "saksflyt.db"
    data = scenario(committee(prop("a"), vote(on="b", unanimous=True)))
    path = write(tmp_path / "avvist.yaml", data)
    result = CliRunner().invoke(main, ["--db", f"sqlite:///{db}", "replay", str(path)])
    assert result.exit_code == 2
    assert "avvist.yaml" in result.stderr
    assert list(tmp_path.glob("saksflyt.db*")) == []


def test_a_replay_into_a_folder_that_does_not_exist_makes_no_folders(tmp_path: Path) -> None:
    db = tmp_path / "skrivefeil" / "saksflyt.db"
    path = write(tmp_path / "ok.yaml", scenario(committee(UNANIMOUS_REC)))
    result = CliRunner().invoke(main, ["--db", f"sqlite:///{db}", "replay", str(path)])
    assert result.exit_code == 2
    assert "Mappen" in result.stderr and "skrivefeil" in result.stderr
    assert not db.parent.exists()


def test_rejection_as_a_real_subprocess(tmp_path: Path, seeded: tuple[str, Path]) -> None:
    url, db = seeded
    before = fingerprint(db)
    path = write(tmp_path / "prosess.yaml",
                 scenario(committee(prop("a"), vote(on="a", against="1FrP"))))
    env = {**os.environ, "SAKSFLYT_DB": url}
    done = subprocess.run([sys.executable, "-m", "cli", "replay", str(path)], env=env,
                          cwd=Path(__file__).resolve().parents[2], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "prosess.yaml" in lines[0] and f"møte «{COMMITTEE}»" in lines[0]
    assert "sak 7/25" in lines[0] and "steg 2 (vote)" in lines[0]
    assert "Ukjent parti «FrP»" in lines[0]
    assert done.stdout == ""
    assert fingerprint(db) == before


def test_a_rejected_scenario_after_many_good_steps_stores_nothing(
        tmp_path: Path, seeded: tuple[str, Path]) -> None:
    """The rejection comes in the last meeting; the earlier meetings are not stored either."""
    data = scenario(committee(UNANIMOUS_REC),
                    meeting("Bystyret", "2025-03-04", [prop("a"), vote(on="a", against="9H")],
                            sak="30/25"))
    reject(tmp_path, seeded, data, "9 stemmer fra H", meeting_name="Bystyret 2025-03-04",
           item="30/25", step="2 (vote)")
    result = CliRunner().invoke(main, ["--db", seeded[0], "case", "show", CASE])
    assert result.exit_code == 2 and "finnes ikke" in result.stderr


# --- controls: what the rules above must not refuse --------------------------------------------

def _accepted(tmp_path: Path, store: tuple[str, Path], *steps: Any) -> None:
    path = write(tmp_path / "godtatt.yaml", scenario(committee(*steps)))
    result = CliRunner().invoke(main, ["--db", store[0], "replay", str(path)])
    assert result.exit_code == 0, result.stderr


def test_a_withdrawn_utsettelsesforslag_no_longer_comes_first(
        tmp_path: Path, seeded: tuple[str, Path]) -> None:
    _accepted(tmp_path, seeded, prop("u", kind="utsettelsesforslag", text="Saken utsettes."),
              {"withdraw": "u"}, UNANIMOUS_REC)


def test_the_recommendation_may_beat_two_alternatives_in_turn(
        tmp_path: Path, seeded: tuple[str, Path]) -> None:
    _accepted(tmp_path, seeded,
              prop("alt1", kind="alternativt forslag", text="Planen sendes tilbake."),
              prop("alt2", kind="alternativt forslag", by="Per Hansen", text="Planen vedtas."),
              vote(between=["innstillingen", "alt1"], winner="innstillingen", against="2H"),
              vote(between=["innstillingen", "alt2"], winner="innstillingen", against="1SV"))


def test_a_party_may_cast_all_its_seats(tmp_path: Path, seeded: tuple[str, Path]) -> None:
    _accepted(tmp_path, seeded, prop("a"), vote(on="a", against="2H"))
