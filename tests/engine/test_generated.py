"""Generated scenarios (bench/generate.py) replay without a rejection, decide what the
generator's own model of the spec says, and render: a test of the engine's breadth."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, fold


def _load_generator():
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_generate"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


generate = _load_generator()

SEEDS = (1, 2, 3)
CASES = 40


@pytest.fixture(scope="module", params=SEEDS)
def generated(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """(store url, scenario data, expected decisions) for one seed, replayed."""
    from engine.app.repository import commit, workspace
    from engine.scenario.apply import apply_scenario
    from engine.store.eventstore import EventStore

    folder = tmp_path_factory.mktemp(f"seed{request.param}")
    decisions: dict[str, list[str]] = {}
    data = generate.generate(CASES, request.param, decisions=decisions)
    path = folder / "generated.yaml"
    generate.write(data, path)
    url = f"sqlite:///{folder / 'saksflyt.db'}"
    store = EventStore(url)
    ws = workspace(store)
    summary = apply_scenario(ws, path)  # raises ScenarioError on any rejection
    commit(store, ws, actor="test")
    store.close()
    assert len(summary.cases) == CASES
    return url, data, decisions


def test_generator_is_deterministic() -> None:
    assert generate.generate(5, 11) == generate.generate(5, 11)
    assert generate.generate(5, 11) != generate.generate(5, 12)


def test_generator_covers_the_spec() -> None:
    data = generate.generate(150, 1)
    steps = [step for m in data["meetings"] for i in m["items"] for step in i["proceedings"]]
    kinds = {s["propose"]["kind"] for s in steps if "propose" in s}
    assert kinds == {"forslag", "tilleggsforslag", "endringsforslag", "strykningsforslag",
                     "alternativt forslag", "fellesforslag", "utsettelsesforslag",
                     "oversendelsesforslag", "merknad"}
    effects = {k for s in steps if "propose" in s for k in ("add", "at", "replace", "amend",
                                                           "strike", "revises")
               if k in s["propose"]}
    assert effects == {"add", "at", "replace", "amend", "strike", "revises"}
    step_kinds = {next(iter(s)) for s in steps}
    assert step_kinds == {"note", "rapporteur", "impartiality", "present", "propose",
                          "withdraw", "vote", "join", "take_note", "postpone"}
    votes = [s["vote"] for s in steps if "vote" in s]
    for key in ("between", "parts", "except", "unanimous", "for", "against", "result"):
        assert any(key in v for v in votes), key
    assert {len(c["route"]) for c in data["cases"]} == {1, 2, 3, 4, 5, 6}


def test_generated_tallies_fit_the_seats() -> None:
    data = generate.generate(60, 4)
    seats = {b["name"]: b.get("seats") for b in data["bodies"]}
    for meeting in data["meetings"]:
        body_seats = seats[meeting["body"]]
        for item in meeting["items"]:
            for step in item["proceedings"]:
                vote = step.get("vote", {})
                for side in ("for", "against"):
                    tally = vote.get(side)
                    if body_seats and isinstance(tally, dict):
                        assert all(n <= body_seats[p] for p, n in tally.items())


def test_generated_cases_decide_as_the_spec_says(generated) -> None:
    from engine.app.repository import require_case
    from engine.store.eventstore import EventStore

    url, _, decisions = generated
    store = EventStore(url)
    for arkivsak, expected in decisions.items():
        _, case = require_case(store, arkivsak)
        assert case.decision is not None, arkivsak
        assert [p.text for p in case.decision.text] == expected, arkivsak


def test_a_sample_of_items_renders(generated) -> None:
    from documents.decision import decision_text
    from engine.app.repository import require_case
    from engine.store.eventstore import EventStore

    url, data, _ = generated
    store = EventStore(url)
    sample = random.Random(0).sample([c["arkivsak"] for c in data["cases"]], 8)
    rendered = 0
    for arkivsak in sample:
        _, case = require_case(store, arkivsak)
        for item in case.items:
            if item.outcome is None:
                continue
            text = decision_text(case, item)
            if item.outcome.kind == "postponed" and item.outcome.postponed_by is None:
                # postponed by the agenda (spec: `postpone`): the decision is its text alone
                assert fold(item.outcome.postponement or "") in fold(text)
                rendered += 1
                continue
            for paragraph in item.outcome.text:
                assert fold(paragraph.text.splitlines()[0]) in fold(text)
            rendered += 1
    assert rendered >= len(sample)


def _protocol_formats() -> tuple[str, ...]:
    import cli

    if "protocol" not in cli.main.commands:
        pytest.skip("the protocol command does not exist yet")
    try:
        from documents.compose import FORMATS
    except ImportError:
        return ("text",)
    return tuple(FORMATS)


def test_a_sample_of_protocols_renders_in_every_format(generated, tmp_path: Path) -> None:
    from click.testing import CliRunner

    import cli
    from engine.app.repository import require_case
    from engine.store.eventstore import EventStore

    formats = _protocol_formats()
    url, data, _ = generated
    store = EventStore(url)
    runner = CliRunner()
    for arkivsak in random.Random(1).sample([c["arkivsak"] for c in data["cases"]], 3):
        _, case = require_case(store, arkivsak)
        for item in case.items:
            for fmt in formats:
                out = tmp_path / f"{abs(hash((arkivsak, item.meeting)))}.{fmt}"
                result = runner.invoke(cli.main, ["--db", url, "protocol", arkivsak,
                                                  "--meeting", item.meeting, "--format", fmt,
                                                  "-o", str(out)])
                assert result.exit_code == 0, result.output
                if fmt == "docx":
                    import docx

                    document = docx.Document(str(out))
                    # The header fields (Sak among them) are a table, not paragraphs.
                    body = "\n".join([p.text for p in document.paragraphs] + [
                        c.text for t in document.tables for r in t.rows for c in r.cells])
                else:
                    body = out.read_text(encoding="utf-8")
                assert item.sak in body


# --- `saksflyt replay` shows progress on a terminal only -----------------------------------------

def _replay_argv(url: str, path: Path) -> list[str]:
    return [sys.executable, "-m", "cli", "--db", url, "replay", str(path)]


def test_replay_output_stays_clean_when_not_a_terminal(tmp_path: Path) -> None:
    import subprocess

    path = tmp_path / "generated.yaml"
    generate.write(generate.generate(40, 5), path)
    result = subprocess.run(_replay_argv(f"sqlite:///{tmp_path / 'p.db'}", path), cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.startswith("Spilte av generated.yaml: 40 sak(er)")
    assert "\r" not in result.stdout and len(result.stdout.splitlines()) == 1


def test_replay_shows_progress_on_a_terminal(tmp_path: Path) -> None:
    import os
    import pty
    import subprocess

    path = tmp_path / "generated.yaml"
    generate.write(generate.generate(40, 5), path)
    controller, terminal = pty.openpty()
    try:
        result = subprocess.run(_replay_argv(f"sqlite:///{tmp_path / 'p.db'}", path), cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=terminal, text=True)
        os.close(terminal)
        shown = b""
        while True:
            try:
                chunk = os.read(controller, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(controller)
    assert result.returncode == 0
    assert "hendelser/s" in shown.decode("utf-8")
    assert "saker avgjort" in shown.decode("utf-8")
    assert "hendelser/s" not in result.stdout
