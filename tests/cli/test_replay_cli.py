"""`saksflyt replay` as a user types it: the summary, and where the store is."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from engine.store.eventstore import EventStore
from tests.conftest import EXAMPLES

DEMO = EXAMPLES / "bydelsutvalg-demo.yaml"
SUMMARY = re.compile(r"^Spilte av (?P<file>\S+): (?P<cases>\d+) sak\(er\), (?P<meetings>\d+) "
                     r"møter, (?P<items>\d+) behandlinger, (?P<events>\d+) hendelser lagret\.$")


def stored_events(url: str) -> int:
    store = EventStore(url)
    try:
        return sum(1 for _ in store.read_all())
    finally:
        store.close()


def test_replay_prints_a_summary(db_url: str) -> None:
    result = CliRunner().invoke(main, ["--db", db_url, "replay", str(DEMO)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    match = SUMMARY.match(lines[0])
    assert match, lines[0]
    assert match["file"] == DEMO.name
    assert (match["cases"], match["meetings"], match["items"]) == ("1", "5", "5")
    assert int(match["events"]) == stored_events(db_url) > 0
    assert result.stderr == ""


def test_replay_of_19_8286_counts_its_meetings(db_url: str, example_19_8286: Path) -> None:
    result = CliRunner().invoke(main, ["--db", db_url, "replay", str(example_19_8286)])
    assert result.exit_code == 0
    match = SUMMARY.match(result.stdout.strip())
    assert match and (match["cases"], match["meetings"], match["items"]) == ("1", "8", "8")


def test_two_scenarios_share_one_store(db_url: str, example_19_8286: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["--db", db_url, "replay", str(example_19_8286)]).exit_code == 0
    assert runner.invoke(main, ["--db", db_url, "replay", str(DEMO)]).exit_code == 0
    for arkivsak in ("19/8286", "25/1432"):
        result = runner.invoke(main, ["--db", db_url, "vedtak", arkivsak])
        assert result.exit_code == 0 and result.stdout.strip()


def test_db_option_and_environment_variable(tmp_path: Path) -> None:
    runner = CliRunner()
    by_option = tmp_path / "valg.db"
    by_env = tmp_path / "miljo.db"
    assert runner.invoke(main, ["--db", f"sqlite:///{by_option}", "replay",
                                str(DEMO)]).exit_code == 0
    result = runner.invoke(main, ["replay", str(DEMO)],
                           env={"SAKSFLYT_DB": f"sqlite:///{by_env}"})
    assert result.exit_code == 0, result.output
    assert by_option.exists() and by_env.exists()
    # The option wins over the environment.
    result = runner.invoke(main, ["--db", f"sqlite:///{by_option}", "case", "show", "25/1432"],
                           env={"SAKSFLYT_DB": f"sqlite:///{tmp_path / 'ingen.db'}"})
    assert result.exit_code == 0 and "Trafikksikkerhetsplan" in result.stdout
    assert not (tmp_path / "ingen.db").exists()


def test_default_store_is_saksflyt_db_in_the_working_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SAKSFLYT_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["replay", str(DEMO)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "saksflyt.db").is_file()
    result = CliRunner().invoke(main, ["vedtak", "25/1432"])
    assert result.exit_code == 0 and "fartsvisningstavler" in result.stdout


def _command() -> list[str]:
    """The installed command beside this interpreter (not another install on PATH), or the
    package run as a module."""
    beside = Path(sys.executable).parent / "saksflyt"
    found = str(beside) if beside.exists() else shutil.which("saksflyt")
    return [found] if found else [sys.executable, "-m", "cli"]


def test_replay_as_a_real_subprocess(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "SAKSFLYT_DB"}
    done = subprocess.run([*_command(), "replay", str(DEMO)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert SUMMARY.match(done.stdout.strip())
    assert (tmp_path / "saksflyt.db").is_file()
    done = subprocess.run([*_command(), "vedtak", "25/1432"], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    assert done.stdout.startswith("Bydelsutvalget vedtar")


def test_replay_of_a_missing_file_is_a_usage_error(db_url: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--db", db_url, "replay", str(tmp_path / "borte.yaml")])
    assert result.exit_code == 2
    assert "borte.yaml" in result.stderr


def test_replay_of_invalid_yaml_names_the_file_and_line(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "feil.yaml"
    path.write_text("saksflyt: 1\nbodies: [\n  - name: x\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", db_url, "replay", str(path)])
    assert result.exit_code == 2
    assert "feil.yaml" in result.stderr and "YAML" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_replay_of_an_unknown_format_version(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "v2.yaml"
    path.write_text("saksflyt: 2\nbodies: []\ncases: []\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", db_url, "replay", str(path)])
    assert result.exit_code == 2
    assert "formatversjon" in result.stderr
