"""The real case 19/8286 end to end: every decision text derived from the record, and where
the case stands after each postponement."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from ruamel.yaml import YAML

from cli import main
from engine.app.repository import require_case
from engine.store.eventstore import EventStore
from tests.conftest import fold

ARKIVSAK = "19/8286"
COMMITTEE = "Finans- og næringskomiteen"


def run(url: str, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", url, *args])
    return result.exit_code, result.stdout, result.stderr


def expected(expected_dir: Path, name: str) -> str:
    return fold((expected_dir / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(("meeting", "name"), [
    (None, "vedtak-bystyret-2019-08-29.txt"),
    (f"{COMMITTEE} 2019-05-28", "innstilling-finans-2019-05-28.txt"),
    ("Mangfoldsrådet 2019-03-26", "uttalelse-mangfoldsradet-2019-03-26.txt"),
    ("Trondheim Studentråd 2019-03-26", "uttalelse-studentradet-2019-03-26.txt"),
])
def test_vedtak_reproduces_the_record(replayed_19_8286: str, expected_dir: Path,
                                      meeting: str | None, name: str) -> None:
    args = ["vedtak", ARKIVSAK] + (["--meeting", meeting] if meeting else [])
    code, out, err = run(replayed_19_8286, *args)
    assert code == 0, err
    assert fold(out) == expected(expected_dir, name)


def test_the_council_decision_keeps_paragraphs_apart(replayed_19_8286: str) -> None:
    _, out, _ = run(replayed_19_8286, "vedtak", ARKIVSAK)
    blocks = out.strip().split("\n\n")
    assert blocks[0].startswith("Trondheim bystyret vedtar")
    assert "FLERTALLSMERKNAD - SV, Ap, H, FrP, MDG, PP, V, Sp, KrF, R:" in blocks
    assert blocks[-1].startswith("Bystyret viser til interpellasjonen")


def test_the_postponed_committee_meeting_sends_the_recommendation_on(
        replayed_19_8286: str, expected_dir: Path) -> None:
    code, out, _ = run(replayed_19_8286, "vedtak", ARKIVSAK, "--meeting",
                       f"{COMMITTEE} 2019-05-09")
    assert code == 0
    head, marker, rest = out.partition("Følgende innstilling følger saken.")
    assert marker, out
    assert fold(head).startswith("Saken utsettes til neste møte")
    assert fold(rest) == expected(expected_dir, "innstilling-folger-saken-2019-05-09.txt")


def test_the_postponed_council_meeting_gives_the_postponement_only(
        replayed_19_8286: str) -> None:
    code, out, _ = run(replayed_19_8286, "vedtak", ARKIVSAK, "--meeting", "Bystyret 2019-06-13")
    assert code == 0
    assert fold(out) == "Saken ble utsatt til bystyrets møte 29.08.2019."


def test_the_youth_council_took_the_case_to_information(replayed_19_8286: str) -> None:
    _, out, _ = run(replayed_19_8286, "vedtak", ARKIVSAK, "--meeting",
                    "Ungdommens bystyre 2019-04-02")
    assert fold(out) == "Ungdommens bystyre tar saken til orientering."


def truncated(example: Path, tmp_path: Path, last_date: str) -> Path:
    """A copy of the scenario with only the meetings up to and including `last_date`."""
    yaml = YAML(typ="rt")
    data = yaml.load(example.read_text(encoding="utf-8"))
    kept = [m for m in data["meetings"] if str(m["date"]) <= last_date]
    del data["meetings"][len(kept):]
    path = tmp_path / f"19-8286-til-{last_date}.yaml"
    with path.open("w", encoding="utf-8") as fh:
        yaml.dump(data, fh)
    return path


def replay_until(example: Path, tmp_path: Path, last_date: str) -> str:
    url = f"sqlite:///{tmp_path / f'{last_date}.db'}"
    code, _, err = run(url, "replay", str(truncated(example, tmp_path, last_date)))
    assert code == 0, err
    return url


def test_after_the_committee_postponed_the_case_is_still_with_the_committee(
        example_19_8286: Path, tmp_path: Path) -> None:
    url = replay_until(example_19_8286, tmp_path, "2019-05-09")
    _, case = require_case(EventStore(url), ARKIVSAK)
    assert case.route[case.stage].body == COMMITTEE
    assert case.state == "innstilling"
    assert case.recommendation == case.original
    assert case.decision is None
    assert case.items[-1].outcome is not None and case.items[-1].outcome.kind == "postponed"
    # The proposals not voted on lapsed with the postponement.
    assert case.items[-1].proposals["momyr-nettverk"].status == "lapsed"
    assert case.items[-1].proposals["aas-malomrade"].status == "lapsed"
    code, out, _ = run(url, "case", "show", ARKIVSAK)
    assert code == 0
    assert f"til innstilling i {COMMITTEE}" in out


def test_after_the_council_postponed_the_case_is_still_with_the_council(
        example_19_8286: Path, tmp_path: Path, expected_dir: Path) -> None:
    url = replay_until(example_19_8286, tmp_path, "2019-06-13")
    _, case = require_case(EventStore(url), ARKIVSAK)
    assert case.route[case.stage].body == "Bystyret"
    assert case.state == "vedtak"
    assert case.decision is None
    assert fold("\n\n".join(p.text for p in case.recommendation)) == expected(
        expected_dir, "innstilling-finans-2019-05-28.txt")
    # The council's recommendation is the committee's: the council meeting changed nothing.
    committee = next(i for i in case.items if i.meeting == f"{COMMITTEE} 2019-05-28")
    assert committee.outcome is not None
    assert case.recommendation == committee.outcome.text
    council = case.items[-1]
    assert council.outcome is not None and council.outcome.kind == "postponed"
    assert council.outcome.postponed_to == "2019-08-29"


def test_vedtak_on_a_case_without_a_decision_exits_1(example_19_8286: Path,
                                                      tmp_path: Path) -> None:
    url = replay_until(example_19_8286, tmp_path, "2019-06-13")
    code, out, err = run(url, "vedtak", ARKIVSAK)
    assert code == 1
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and ARKIVSAK in lines[0] and "ikke noe vedtak" in lines[0]


def test_vedtak_on_an_unknown_case_or_meeting_exits_2(replayed_19_8286: str) -> None:
    code, _, err = run(replayed_19_8286, "vedtak", "19/8287")
    assert code == 2 and "finnes ikke" in err and "19/8286" in err
    code, _, err = run(replayed_19_8286, "vedtak", ARKIVSAK, "--meeting", "Bystyret 2019-09-01")
    assert code == 2 and "ble ikke behandlet" in err


def test_case_show(replayed_19_8286: str) -> None:
    code, out, err = run(replayed_19_8286, "case", "show", ARKIVSAK)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"Sak {ARKIVSAK}: Internasjonal strategi Trondheim kommune 2019 - 2022"
    assert "Status: avgjort" in lines
    text = "\n".join(lines)
    for body in ("Ungdommens bystyre", "Mangfoldsrådet", "Trondheim Studentråd", COMMITTEE,
                 "Bystyret"):
        assert body in text
    assert "2019-05-09  sak 24/19: utsatt" in text
    assert "2019-05-28  sak 29/19: innstilling avgitt" in text
    assert "2019-06-13  sak 87/19: utsatt til 2019-08-29" in text
    assert "2019-08-29  sak 87/19: vedtatt" in text
    assert "2019-04-02  sak 8/19: tatt til orientering" in text
    # The route is printed in route order, each stage numbered.
    order = [text.index(f"{n}. ") for n in range(1, 7)]
    assert order == sorted(order)


def test_case_show_as_json(replayed_19_8286: str) -> None:
    import json

    code, out, _ = run(replayed_19_8286, "case", "show", ARKIVSAK, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["arkivsak"] == ARKIVSAK and data["state"] == "avgjort"
    assert [s["role"] for s in data["route"]] == ["uttalelse"] * 4 + ["innstilling", "vedtak"]
    assert [m["date"] for m in data["route"][5]["meetings"]] == ["2019-06-13", "2019-08-29"]
