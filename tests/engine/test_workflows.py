"""Workflows as data: validation with file, line and key; the procedure rules a workflow sets;
the shipped case types replayed from scenarios; returns, referrals, resubmissions and
withdrawals; the workflow and case-list commands; diagrams."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.app.repository import commit, require_case, workspace
from engine.domain.errors import InvalidTransition, RuleViolation, SaksflytError, ScenarioError
from engine.domain.lifecycle import Workflow, load_workflow, parse_workflow, workflow_names
from engine.scenario.apply import apply_scenario
from engine.store.eventstore import EventStore

SCENARIOS = Path(__file__).parent / "scenarios" / "workflows"
POLITISK = (Path(__file__).resolve().parents[2] / "workflows" / "politisk-sak.yaml").read_text(
    encoding="utf-8")


def replay(db_url: str, *paths: Path) -> EventStore:
    store = EventStore(db_url)
    for path in paths:
        ws = workspace(store)
        apply_scenario(ws, path)
        commit(store, ws, actor="test")
    return store


def texts(outcome) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.text for p in outcome.text]


def scenario_text(tmp_path: Path, text: str, name: str = "s.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- validation ---------------------------------------------------------------------------

def test_a_typo_in_a_key_names_file_line_and_key() -> None:
    text = POLITISK.replace("      allows: [note, rapporteur, impartiality, present, propose, "
                            "withdraw, vote, join, take_note, postpone, send_back, refer]\n"
                            "    - name: behandling",
                            "      alows: [note]\n    - name: behandling", 1)
    assert "alows" in text
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "alows" in s)
    with pytest.raises(SaksflytError) as err:
        parse_workflow(text, "workflows/feil.yaml")
    message = str(err.value)
    assert f"workflows/feil.yaml:{line}" in message
    assert "item.states.0.alows" in message and "ikke en kjent nøkkel" in message


def test_a_misspelt_state_in_a_transition_names_its_line() -> None:
    text = POLITISK.replace("dest: avgjort, label: vedtatt}", "dest: avgjrot, label: vedtatt}")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "avgjrot" in s)
    with pytest.raises(SaksflytError, match=rf"feil.yaml:{line}: .*case\.transitions\.5\.dest"
                                            r".*«avgjrot»"):
        parse_workflow(text, "feil.yaml")


def test_an_unknown_step_in_allows_and_a_bad_rule_are_refused() -> None:
    with pytest.raises(SaksflytError, match=r"item\.states\.0\.allows.*«propse»"):
        parse_workflow(POLITISK.replace("present, propose, withdraw", "present, propse, withdraw",
                                        1), "f.yaml")
    bad = POLITISK.replace("majority: simple", "majority: absolute")
    line = next(i for i, s in enumerate(bad.splitlines(), 1) if "absolute" in s)
    with pytest.raises(SaksflytError, match=rf"f.yaml:{line}: .*rules\.majority"):
        parse_workflow(bad, "f.yaml")


def test_every_shipped_workflow_loads_and_names_its_roles() -> None:
    names = workflow_names()
    assert {"politisk-sak", "delegert-sak", "interpellasjon", "hoeringssak"} <= set(names)
    for name in names:
        workflow = load_workflow(name)
        assert workflow.roles, name
        for role in workflow.roles:
            workflow.stage_outcome(role)


# --- the procedure rules come from the workflow ---------------------------------------------

def _custom(monkeypatch: pytest.MonkeyPatch, text: str) -> Workflow:
    """Serve a workflow that is not shipped, as if it were a file in workflows/."""
    import sys

    import engine.app.cases
    import engine.scenario.apply  # noqa: F401  (every module that looks workflows up)

    custom = Workflow(parse_workflow(text, "test"))
    real = load_workflow

    def fake(name: str) -> Workflow:
        return custom if name == custom.name else real(name)

    for name, module in list(sys.modules.items()):
        if name.startswith(("engine.", "documents.")) and \
                getattr(module, "load_workflow", None) is real:
            monkeypatch.setattr(module, "load_workflow", fake)
    return custom


RULES_CASE = """saksflyt: 1
parties: {{A: A-partiet, B: B-partiet}}
bodies:
  - {{name: Rådet, kind: council, seats: {{A: 6, B: 3}}}}
people: {{Anne: A, Bjørn: B}}
cases:
  - arkivsak: 25/1
    title: Regelprøve
    workflow: {workflow}
    recommendation: [Første avsnitt., Andre avsnitt.]
    route: [{{body: Rådet, role: vedtak}}]
meetings:
  - body: Rådet
    date: 2025-05-05
    items:
      - sak: 1/25
        case: 25/1
        proceedings:
{steps}
"""


def test_proposals_after_voting_begun_follow_the_workflow(
        tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    steps = """          - vote: {on: innstillingen, unanimous: true}
          - propose: {id: sent, by: Bjørn, kind: tilleggsforslag, add: Tredje avsnitt.}
          - vote: {on: sent, against: 6A}"""
    path = scenario_text(tmp_path, RULES_CASE.format(workflow="politisk-sak", steps=steps))
    with pytest.raises(ScenarioError, match="forslag"):
        apply_scenario(workspace(EventStore(db_url)), path)
    _custom(monkeypatch, POLITISK.replace("name: politisk-sak", "name: åpen-votering").replace(
        "proposals_after_voting: false", "proposals_after_voting: true"))
    path = scenario_text(tmp_path, RULES_CASE.format(workflow="åpen-votering", steps=steps))
    store = replay(db_url, path)
    _, case = require_case(store, "25/1")
    assert texts(case.decision) == ["Første avsnitt.", "Andre avsnitt."]
    assert case.items[0].proposals["sent"].status == "fell"


def test_a_qualified_majority_from_the_workflow(
        tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _custom(monkeypatch, POLITISK.replace("name: politisk-sak", "name: to-tredjedeler").replace(
        "majority: simple", "majority: qualified\n  qualified_share: [2, 3]"))
    # 5 for, 4 against: a simple majority, but not two thirds.
    steps = """          - propose: {id: ny, by: Anne, kind: tilleggsforslag, add: Tredje avsnitt.}
          - vote: {on: innstillingen, unanimous: true}
          - vote: {on: ny, for: 5A, against: "1A, 3B"}"""
    store = replay(db_url, scenario_text(
        tmp_path, RULES_CASE.format(workflow="to-tredjedeler", steps=steps)))
    _, case = require_case(store, "25/1")
    assert case.items[0].votes[-1].result == "falt"
    assert texts(case.decision) == ["Første avsnitt.", "Andre avsnitt."]
    # 6 for, 3 against is two thirds; and a stated result against the rule is refused.
    steps_ok = steps.replace('for: 5A, against: "1A, 3B"', "for: 6A, against: 3B")
    other = f"sqlite:///{tmp_path / 'b.db'}"
    store = replay(other, scenario_text(
        tmp_path, RULES_CASE.format(workflow="to-tredjedeler", steps=steps_ok), "b.yaml"))
    assert require_case(store, "25/1")[1].items[0].votes[-1].result == "vedtatt"
    wrong = steps.replace('for: 5A, against: "1A, 3B"', 'for: 5A, against: "1A, 3B", '
                          'result: vedtatt')
    with pytest.raises(ScenarioError, match="2/3"):
        apply_scenario(workspace(EventStore(f"sqlite:///{tmp_path / 'c.db'}")), scenario_text(
            tmp_path, RULES_CASE.format(workflow="to-tredjedeler", steps=wrong), "c.yaml"))


def test_postponement_first_can_be_turned_off(
        tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    steps = """          - propose:
              {id: utsett, by: Bjørn, kind: utsettelsesforslag, text: Saken utsettes.}
          - vote: {on: innstillingen, unanimous: true}"""
    with pytest.raises(ScenarioError, match="først"):
        apply_scenario(workspace(EventStore(db_url)), scenario_text(
            tmp_path, RULES_CASE.format(workflow="politisk-sak", steps=steps)))
    _custom(monkeypatch, POLITISK.replace("name: politisk-sak", "name: fri").replace(
        "postponement_first: true", "postponement_first: false"))
    store = replay(db_url, scenario_text(
        tmp_path, RULES_CASE.format(workflow="fri", steps=steps), "fri.yaml"))
    assert require_case(store, "25/1")[1].state == "avgjort"


# --- the shipped case types -----------------------------------------------------------------

def test_delegert_sak_is_decided_and_reported(db_url: str) -> None:
    store = replay(db_url, SCENARIOS / "delegert-sak.yaml")
    _, case = require_case(store, "24/1001")
    assert case.workflow == "delegert-sak" and case.state == "avgjort"
    assert texts(case.decision) == [
        "Formannskapet gir frivillighetssentralen et tilskudd på 200 000 kroner for 2025.",
        "Tilskuddet dekkes av formannskapets disposisjonskonto.",
        "Frivillighetssentralen rapporterer om bruken av tilskuddet innen 1. mars 2026."]
    decided, reported = case.items
    assert (decided.body, decided.role, decided.outcome.kind) == (
        "Formannskapet", "vedtak", "decided")
    assert (reported.body, reported.role, reported.outcome.kind) == (
        "Bystyret", "referat", "noted")
    assert case.decision is decided.outcome


def test_a_referatsak_cannot_come_before_the_decision(tmp_path: Path, db_url: str) -> None:
    text = (SCENARIOS / "delegert-sak.yaml").read_text(encoding="utf-8")
    head, _, _ = text.partition("meetings:")
    early = head + """meetings:
  - body: Bystyret
    date: 2025-01-15
    items:
      - {sak: 1/25, case: 24/1001, proceedings: [{take_note: Tas til orientering.}]}
"""
    with pytest.raises(ScenarioError, match="ikke nådd «Bystyret»"):
        apply_scenario(workspace(EventStore(db_url)), scenario_text(tmp_path, early))


def test_interpellasjon_is_debated_and_voted_only_on_a_proposal(db_url: str) -> None:
    store = replay(db_url, SCENARIOS / "interpellasjon.yaml")
    _, debated = require_case(store, "25/201")
    assert debated.state == "besvart"
    assert debated.decision is None
    assert debated.items[0].outcome.kind == "debated"
    assert not debated.items[0].votes
    _, voted = require_case(store, "25/202")
    assert voted.state == "besvart"
    assert texts(voted.decision) == [
        "Bystyret ber kommunedirektøren legge fram en plan for gatelys langs alle skoleveier "
        "innen 1. oktober 2025."]
    # The question is not part of the decision: an interpellasjon starts from nothing.
    assert voted.recommendation[0].text not in texts(voted.decision)


def test_hoeringssak_hears_several_bodies_in_any_order_then_decides(db_url: str) -> None:
    store = replay(db_url, SCENARIOS / "hoeringssak.yaml")
    _, case = require_case(store, "25/310")
    assert case.state == "avgjort"
    statements = {i.body: i.outcome for i in case.items if i.role == "uttalelse"}
    assert [p.text for p in statements["Ungdomsrådet"].text] == [
        "Ungdomsrådet ber om gratis buss for ungdom under 20 år."]
    assert statements["Eldrerådet"].kind == "noted"
    assert texts(case.decision) == [
        "Bystyret vedtar kollektivplan 2026-2029.",
        "Planen rulleres hvert fjerde år, og holdeplassene skal være universelt utformet "
        "innen 2029."]


def test_a_route_role_the_workflow_lacks_is_refused(tmp_path: Path, db_url: str) -> None:
    text = (SCENARIOS / "interpellasjon.yaml").read_text(encoding="utf-8").replace(
        "role: interpellasjon}", "role: innstilling}", 1)
    with pytest.raises(ScenarioError, match=r"Ukjent rolle «innstilling».*interpellasjon"):
        apply_scenario(workspace(EventStore(db_url)), scenario_text(tmp_path, text))


# --- sent back, resubmitted, referred, withdrawn ------------------------------------------------

def test_council_sends_19_8286_back_and_a_new_recommendation_goes_round_again(
        db_url: str) -> None:
    store = replay(db_url, SCENARIOS / "tilbakesendt-19-8286.yaml")
    _, case = require_case(store, "19/8286")
    assert case.state == "avgjort" and case.round == 2
    returned = next(i for i in case.items if i.meeting == "Bystyret 2019-06-13")
    assert returned.outcome.kind == "returned"
    assert returned.outcome.sent_to == "administration"
    assert "sendes tilbake til rådmannen" in returned.outcome.instruction
    # What the body decided is its instruction; the recommendation stays with the case.
    assert texts(returned.outcome) == [returned.outcome.instruction]
    committee = [i for i in case.items if i.body == "Finans- og næringskomiteen"]
    assert [i.outcome.kind for i in committee] == ["postponed", "decided", "decided"]
    # Round 2 starts from the new saksframlegg, not from round 1's recommendation.
    assert [p.id for p in committee[-1].base] == ["rec2#1", "rec2#2", "rec2#3"]
    assert texts(case.decision) == [
        "Trondheim bystyret vedtar *Internasjonal strategi Trondheim kommune 2019 – 2022* som "
        "revidert etter bystyrets vedtak 13.06.2019.",
        "Strategien legger FNs bærekraftsmål til grunn for alle fem målområder.",
        "Rådmannen legger fram en handlingsplan med målbare mål innen 1. juli 2020.",
        "Kommunens klimamål skal også legges til grunn for handlingsplanen."]
    assert [p.id for p in case.decision.text] == [
        "rec2#1", "rec2#2", "rec2#3", "p:renolen-klima#1"]
    # Round 1's committee text (with its adopted proposals) stays in the record.
    assert "p:lindvag-handlingsplan#1" in [p.id for p in committee[1].outcome.text]


def test_round_two_decision_comes_from_the_record(db_url: str) -> None:
    from documents.decision import decision_text

    store = replay(db_url, SCENARIOS / "tilbakesendt-19-8286.yaml")
    _, case = require_case(store, "19/8286")
    final = case.items[-1]
    printed = decision_text(case, final)
    assert "innen 1. juli 2020" in printed and "innen utgangen av 2020" not in printed


def test_the_round_of_a_paragraph_is_in_the_record(db_url: str) -> None:
    from engine.commands.returns import recommendation_round

    store = replay(db_url, SCENARIOS / "tilbakesendt-19-8286.yaml")
    _, case = require_case(store, "19/8286")
    found = recommendation_round(case, "rec2#3")
    assert found is not None and (found.round, found.date) == (2, "2019-09-20")
    assert found.prepared_by == "Rådmannen i Trondheim"
    assert recommendation_round(case, "rec#1") is None


def test_blame_tells_the_rounds_apart(db_url: str) -> None:
    from engine.read.audit import blame

    store = replay(db_url, SCENARIOS / "tilbakesendt-19-8286.yaml")
    registry, case = require_case(store, "19/8286")
    rows = blame(case, registry)
    assert [r["origin"]["kind"] for r in rows] == ["recommendation"] * 3 + ["proposal"]
    # The paragraphs of the second saksframlegg date from it, not from the first (2019-04-25).
    assert {r["origin"]["date"] for r in rows[:3]} == {"2019-09-20"}
    assert rows[3]["origin"]["proposal_id"] == "renolen-klima"
    # The committee's amendment in round 2 is an earlier version of paragraph 3.
    assert any("innen utgangen av 2020" in v["text"] for v in rows[2]["versions"])
    # Round 1's committee additions did not survive into the decision.
    assert not any(r["id"].startswith("p:lindvag") for r in rows)


def test_returns_referrals_and_withdrawals(db_url: str) -> None:
    from engine.read.views import case_overview

    store = replay(db_url, SCENARIOS / "retur-og-oversending.yaml")
    _, back = require_case(store, "25/401")
    assert [i.outcome.kind for i in back.items] == ["decided", "returned", "decided", "decided"]
    assert back.items[1].outcome.sent_to == "Oppvekstkomiteen"
    assert texts(back.decision) == ["Bystyret vedtar skolebruksplanen.",
                                    "Planen gjennomføres fra skoleåret 2026/2027."]
    _, referred = require_case(store, "25/402")
    assert [s.body for s in referred.route] == [
        "Oppvekstkomiteen", "Helse- og velferdskomiteen", "Bystyret"]
    assert referred.items[0].outcome.kind == "referred"
    assert texts(referred.decision) == ["Helsestasjonen for ungdom får utvidet åpningstid.",
                                        "Helsestasjonen holder åpent to kvelder i uken."]
    _, withdrawn = require_case(store, "25/403")
    assert withdrawn.state == "trukket" and withdrawn.decision is None
    from documents.words import worded

    overview = worded(case_overview(withdrawn))
    assert overview["status"] == "trukket av administrasjonen"
    assert overview["withdrawn"]["by"] == "Kommunedirektøren"
    assert overview["route"][0]["meetings"][0]["outcome"] == (
        "sendt tilbake til administrasjonen")


def _cut(path: Path, before: str) -> str:
    """The scenario up to (not including) the meetings-list entry that starts with `before`."""
    text = path.read_text(encoding="utf-8")
    return text[:text.index(before)]


def test_a_case_sent_back_waits_for_a_new_saksframlegg(tmp_path: Path, db_url: str) -> None:
    source = SCENARIOS / "tilbakesendt-19-8286.yaml"
    text = _cut(source, "  # Round 2") + """  - body: Finans- og næringskomiteen
    date: 2019-10-15
    items:
      - {sak: 41/19, case: 19/8286, proceedings: [{vote: {on: innstillingen, unanimous: true}}]}
"""
    with pytest.raises(ScenarioError, match="nytt saksframlegg"):
        apply_scenario(workspace(EventStore(db_url)), scenario_text(tmp_path, text))


def test_resubmit_and_send_back_are_checked(tmp_path: Path, db_url: str) -> None:
    text = (SCENARIOS / "delegert-sak.yaml").read_text(encoding="utf-8") + """  - resubmit:
      case: 24/1001
      date: 2025-03-01
      recommendation: Nytt forslag.
"""
    with pytest.raises(ScenarioError, match="sendt tilbake til administrasjonen"):
        apply_scenario(workspace(EventStore(db_url)), scenario_text(tmp_path, text))
    source = (SCENARIOS / "retur-og-oversending.yaml").read_text(encoding="utf-8")
    wrong = source.replace("to: Oppvekstkomiteen\n", "to: Helse- og velferdskomiteen\n", 1)
    with pytest.raises(ScenarioError, match="ikke et tidligere ledd"):
        apply_scenario(workspace(EventStore(db_url)), scenario_text(tmp_path, wrong, "w.yaml"))
    twice = source.replace("  - body: Bystyret\n    date: 2025-02-13", """  - withdraw_case:
      case: 25/403
      date: 2025-02-01
      text: En gang til.
  - body: Bystyret
    date: 2025-02-13""", 1)
    with pytest.raises(ScenarioError, match="trukket"):
        apply_scenario(workspace(EventStore(db_url)), scenario_text(tmp_path, twice, "t.yaml"))


def test_steps_without_a_vote_are_refused_after_a_send_back(tmp_path: Path,
                                                            db_url: str) -> None:
    source = (SCENARIOS / "retur-og-oversending.yaml").read_text(encoding="utf-8")
    line = ("              text: Saken sendes tilbake til kommunedirektøren for en ny "
            "verdivurdering.\n")
    after = source.replace(line, line + "          - note: Etter tilbakesendingen.\n", 1)
    assert after != source
    with pytest.raises(ScenarioError, match="sendt tilbake"):
        apply_scenario(workspace(EventStore(db_url)), scenario_text(tmp_path, after))


def test_a_live_resubmission_and_withdrawal(db_url: str, tmp_path: Path) -> None:
    from engine.commands.returns import Resubmit, WithdrawCase, resubmit, withdraw_case

    store = EventStore(db_url)
    text = _cut(SCENARIOS / "tilbakesendt-19-8286.yaml", "  # Round 2")
    path = tmp_path / "r1.yaml"
    path.write_text(text, encoding="utf-8")
    replay(db_url, path)
    ws = workspace(store)
    case = ws.case("19/8286")
    assert case.state == "hos_administrasjonen"
    resubmit(ws, case, Resubmit(case="19/8286", date="2019-09-20", recommendation=["Ny tekst."],
                                at="Bystyret"))
    commit(store, ws)
    _, case = require_case(store, "19/8286")
    assert (case.state, case.route[case.stage].body) == ("vedtak", "Bystyret")
    assert [p.id for p in case.recommendation] == ["rec2#1"]
    ws = workspace(store)
    with pytest.raises(InvalidTransition):
        resubmit(ws, ws.case("19/8286"), Resubmit(case="19/8286", date="2019-09-21",
                                                  recommendation=["Enda en."]))
    withdraw_case(ws, ws.case("19/8286"), WithdrawCase(case="19/8286", date="2019-09-22",
                                                       text="Saken trekkes."))
    commit(store, ws)
    assert require_case(store, "19/8286")[1].state == "trukket"
    ws = workspace(store)
    with pytest.raises((InvalidTransition, RuleViolation)):
        withdraw_case(ws, ws.case("19/8286"), WithdrawCase(case="19/8286", date="2019-09-23",
                                                           text="Igjen."))


def test_version_1_example_still_replays_unchanged(replayed_19_8286: str) -> None:
    _, case = require_case(EventStore(replayed_19_8286), "19/8286")
    assert case.state == "avgjort" and case.round == 1 and not case.resubmissions
    assert all(p.id.startswith(("rec#", "p:")) for p in case.decision.text)


# --- commands: workflow list/show/diagram, case list ------------------------------------------

def run(db_url: str, *args: str) -> tuple[int, str, str]:
    from cli import main

    result = CliRunner().invoke(main, ["--db", db_url, *args])
    return result.exit_code, result.stdout, result.stderr


def test_workflow_list_and_show(db_url: str) -> None:
    code, out, _ = run(db_url, "workflow", "list")
    assert code == 0
    for name in ("politisk-sak", "delegert-sak", "interpellasjon", "hoeringssak"):
        assert name in out
    code, out, _ = run(db_url, "workflow", "show", "delegert-sak")
    assert code == 0
    assert "Tilstander:" in out and "Overganger:" in out and "Regler:" in out
    assert "til_referat" in out and "majority" in out
    code, _, err = run(db_url, "workflow", "show", "finnes-ikke")
    assert code == 2 and "finnes ikke" in err


def test_case_list_filters(db_url: str) -> None:
    replay(db_url, SCENARIOS / "retur-og-oversending.yaml", SCENARIOS / "interpellasjon.yaml")
    code, out, _ = run(db_url, "case", "list")
    assert code == 0
    assert all(a in out for a in ("25/401", "25/402", "25/403", "25/201", "25/202"))
    code, out, _ = run(db_url, "case", "list", "--state", "trukket", "--json")
    assert [r["arkivsak"] for r in json.loads(out)] == ["25/403"]
    code, out, _ = run(db_url, "case", "list", "--state", "besvart", "--json")
    assert sorted(r["arkivsak"] for r in json.loads(out)) == ["25/201", "25/202"]
    code, out, _ = run(db_url, "case", "list", "--body", "Bystyret")
    assert code == 0 and out.strip() == "Ingen saker."
    code, out, _ = run(db_url, "case", "show", "25/403")
    assert code == 0
    assert "Status: trukket av administrasjonen" in out
    assert "Trukket 2025-01-30 av Kommunedirektøren" in out
    assert "sendt tilbake til administrasjonen" in out


def test_case_list_by_body_shows_waiting_cases(tmp_path: Path, db_url: str) -> None:
    text = _cut(SCENARIOS / "retur-og-oversending.yaml",
                "  - body: Bystyret\n    date: 2025-02-13")
    replay(db_url, scenario_text(tmp_path, text))
    code, out, _ = run(db_url, "case", "list", "--body", "Bystyret", "--json")
    assert code == 0
    assert sorted(r["arkivsak"] for r in json.loads(out)) == ["25/401", "25/402"]
    assert all(r["status"] == "til vedtak i Bystyret" for r in json.loads(out))


def test_live_send_back_and_refer(tmp_path: Path, db_url: str) -> None:
    text = (SCENARIOS / "retur-og-oversending.yaml").read_text(encoding="utf-8")
    head = text[:text.index("meetings:")]
    replay(db_url, scenario_text(tmp_path, head + "meetings: []\n"))
    store = EventStore(db_url)
    ws = workspace(store)
    from engine.commands import deciders as cmd

    for arkivsak in ("25/401", "25/402"):
        cmd.open_item(ws, ws.case(arkivsak), body="Oppvekstkomiteen", date="2025-01-20",
                      sak=arkivsak)
    commit(store, ws)
    code, out, err = run(db_url, "case", "send-back", "25/401", "--meeting",
                         "Oppvekstkomiteen 2025-01-20", "--text", "Tilbake.")
    assert code == 0, err
    assert "sendt tilbake til administrasjonen" in out
    code, out, err = run(db_url, "case", "refer", "25/402", "--meeting",
                         "Oppvekstkomiteen 2025-01-20", "--to", "Helse- og velferdskomiteen",
                         "--text", "Oversendes.")
    assert code == 0, err
    assert "til innstilling i Helse- og velferdskomiteen" in out
    code, out, err = run(db_url, "case", "resubmit", "25/401", "--date", "2025-02-01",
                         "--text", "Nytt forslag.")
    assert code == 0, err
    assert "runde 2" in out
    code, out, err = run(db_url, "case", "withdraw", "25/401", "--date", "2025-02-02",
                         "--text", "Trekkes.")
    assert code == 0 and "trukket" in out


# --- diagrams -------------------------------------------------------------------------------

def test_diagram_text_marks_the_cases_path(db_url: str) -> None:
    from engine.app.repository import load_registry
    from engine.read import diagram

    store = replay(db_url, SCENARIOS / "tilbakesendt-19-8286.yaml")
    case, path = diagram.case_path([r.event() for r in store.read("sak:19/8286")],
                                   load_registry(store))
    assert case.round == 2
    assert (path[-1].source, path[-1].dest) == ("vedtak", "avgjort")
    assert ("vedtak", "hos_administrasjonen") in [(s.source, s.dest) for s in path]
    assert ("hos_administrasjonen", "innstilling") in [(s.source, s.dest) for s in path]
    from documents.words import diagram_headings, worded_path

    assert [s.code for s in path].count("closed") == len(case.items)
    workflow = load_workflow("politisk-sak")
    path = worded_path(path)
    dot = diagram.to_dot(workflow, diagram_headings(workflow, "19/8286"), path)
    assert dot.count(diagram.PATH_COLOR) >= len(path)
    assert "Bystyret 2019-06-13: sendt tilbake til administrasjonen" in dot
    assert 'label="Politisk sak (politisk-sak): sak 19/8286"' in dot
    mermaid = diagram.to_mermaid(workflow, diagram_headings(workflow), path)
    assert mermaid.startswith("stateDiagram-v2")
    assert "class " in mermaid and "case_hos_administrasjonen" in mermaid


def test_diagram_command_writes_text_and_pictures(tmp_path: Path, replayed_19_8286: str) -> None:
    code, out, _ = run(replayed_19_8286, "workflow", "diagram", "politisk-sak")
    assert code == 0 and out.startswith("stateDiagram-v2")
    dot_file = tmp_path / "p.dot"
    code, _, err = run(replayed_19_8286, "workflow", "diagram", "politisk-sak", "--case",
                       "19/8286", "-o", str(dot_file))
    assert code == 0, err
    assert "Bystyret 2019-08-29: vedtatt" in dot_file.read_text(encoding="utf-8")
    code, _, err = run(replayed_19_8286, "workflow", "diagram", "interpellasjon", "--case",
                       "19/8286", "-o", str(tmp_path / "x.dot"))
    assert code == 2 and "politisk-sak" in err
    svg = tmp_path / "p.svg"
    code, _, err = run(replayed_19_8286, "workflow", "diagram", "politisk-sak", "-o", str(svg))
    if shutil.which("dot") is None:
        assert code == 2 and "Graphviz" in err
    else:
        assert code == 0, err
        assert "<svg" in svg.read_text(encoding="utf-8")


def test_without_graphviz_svg_says_what_to_do(monkeypatch: pytest.MonkeyPatch,
                                               tmp_path: Path) -> None:
    from documents.words import diagram_headings
    from engine.read import diagram

    workflow = load_workflow("politisk-sak")
    monkeypatch.setattr(diagram.shutil, "which", lambda name: None)
    with pytest.raises(SaksflytError, match=r"graphviz.*FIL\.dot"):
        diagram.write(workflow, tmp_path / "p.png", diagram_headings(workflow))
    diagram.write(workflow, tmp_path / "p.mmd", diagram_headings(workflow))
    assert (tmp_path / "p.mmd").read_text(encoding="utf-8").startswith("stateDiagram-v2")


# --- one close path, and a workflow's own names ------------------------------------------


def test_a_corrected_vote_is_counted_by_the_workflows_majority(
        tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A vote that fell for want of two thirds stays fallen when its tally is corrected to one
    that is a simple majority but still not two thirds (a simple count would refuse it)."""
    from engine.app.items import correct

    _custom(monkeypatch, POLITISK.replace("name: politisk-sak", "name: to-tredjedeler").replace(
        "majority: simple", "majority: qualified\n  qualified_share: [2, 3]"))
    steps = """          - propose: {id: ny, by: Anne, kind: tilleggsforslag, add: Tredje avsnitt.}
          - vote: {on: innstillingen, unanimous: true}
          - vote: {on: ny, for: 4A, against: "2A, 3B"}"""
    store = replay(db_url, scenario_text(
        tmp_path, RULES_CASE.format(workflow="to-tredjedeler", steps=steps)))
    correct(store, "test", vote=2, proposal=None, votes_for="5A", votes_against="3B",
            text=None, reason="Feil tall ført", after_approval=False,
            meeting="Rådet 2025-05-05", arkivsak="25/1")
    _, case = require_case(store, "25/1")
    assert (case.items[0].votes[-1].n_for, case.items[0].votes[-1].n_against) == (5, 3)
    assert case.items[0].votes[-1].result == "falt"
    assert texts(case.decision) == ["Første avsnitt.", "Andre avsnitt."]


def test_correcting_an_interpellasjon_keeps_its_decision(db_url: str, tmp_path: Path) -> None:
    """An interpellasjon's adopted tilleggsforslag: a corrected tally that keeps the result
    leaves the item's decision and the case's as they were (without the question)."""
    text = (SCENARIOS / "interpellasjon.yaml").read_text(encoding="utf-8").replace(
        """              kind: forslag
              text: Bystyret ber""", """              kind: tilleggsforslag
              add: Bystyret ber""")
    replay(db_url, scenario_text(tmp_path, text))
    meeting = "Bystyret 2025-03-13"
    before = run(db_url, "vedtak", "25/202", "--meeting", meeting)
    protocol = run(db_url, "protocol", "25/202", "--meeting", meeting)
    assert before[0] == 0 and "Vil ordføreren" not in before[1]
    assert "gatelys langs alle skoleveier" in before[1]
    code, _, err = run(db_url, "correct", "--meeting", meeting, "--case", "25/202", "--vote",
                       "1", "--against", "2SV", "--reason", "Feil tall ført")
    assert code == 0, err
    assert run(db_url, "vedtak", "25/202", "--meeting", meeting) == before
    assert run(db_url, "vedtak", "25/202") == before
    after = run(db_url, "protocol", "25/202", "--meeting", meeting)[1]
    vedtak = protocol[1].split("Vedtak", 1)[1]
    assert after.split("Vedtak", 1)[1].replace("2 stemmer (2SV)", "3 stemmer (3SV)") == vedtak


RENAMED = (POLITISK.replace("uttalelse", "horing").replace("innstilling", "forberedelse")
           .replace("vedtak", "avgjoring").replace("til_", "mot_")
           .replace("{trigger: voter,", "{trigger: stem,")
           .replace("{trigger: avslutt,", "{trigger: ferdig,")
           .replace("{trigger: utsett,", "{trigger: legg_bort,")
           .replace("{trigger: avgjor,", "{trigger: fatt_vedtak,")
           .replace("name: politisk-sak", "name: egne-navn")
           + """
triggers:
  case: {stage: "mot_{role}", decide: fatt_vedtak}
  item: {vote: stem, close: ferdig, postpone: legg_bort}
""")


def test_a_workflow_that_renames_its_roles_and_triggers_still_works(
        tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Roles and triggers are the workflow's data: renamed, the case goes the same way."""
    _custom(monkeypatch, RENAMED)
    steps = """          - propose: {id: ny, by: Anne, kind: tilleggsforslag, add: Tredje avsnitt.}
          - vote: {on: innstillingen, unanimous: true}
          - vote: {on: ny, against: 3B}"""
    scenario = RULES_CASE.format(workflow="egne-navn", steps=steps).replace(
        "route: [{body: Rådet, role: vedtak}]",
        "route: [{body: Ungdomsrådet, role: horing}, {body: Rådet, role: avgjoring}]").replace(
        "bodies:\n", "bodies:\n  - {name: Ungdomsrådet, kind: advisory}\n")
    scenario = scenario.replace("""meetings:
  - body: Rådet""", """meetings:
  - body: Ungdomsrådet
    date: 2025-04-04
    items:
      - sak: 9/25
        case: 25/1
        proceedings:
          - propose: {id: råd, by: Bjørn, kind: forslag, text: Rådet støtter saken.}
          - vote: {on: råd, unanimous: true}
  - body: Rådet""")
    store = replay(db_url, scenario_text(tmp_path, scenario))
    _, case = require_case(store, "25/1")
    assert case.state == "avgjort"
    hearing, deciding = case.items
    assert (hearing.produces, hearing.starts_empty) == ("statement", True)
    assert texts(hearing.outcome) == ["Rådet støtter saken."]
    assert texts(case.decision) == ["Første avsnitt.", "Andre avsnitt.", "Tredje avsnitt."]
    assert deciding.state == "avgjort"
