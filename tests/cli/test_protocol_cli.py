"""`saksflyt protocol` and `saksflyt dossier` as a user types them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from docx import Document

from cli import main
from tests.conftest import fold

BYSTYRET = "Bystyret 2019-08-29"


def run(db: str, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["--db", db, *args])


def test_protocol_text_to_standard_output(replayed_19_8286: str, expected_dir: Path) -> None:
    result = run(replayed_19_8286, "protocol", "19/8286", "--meeting", BYSTYRET)
    assert result.exit_code == 0, result.output
    votering = result.stdout.split("Votering:\n", 1)[1]
    expected = (expected_dir / "votering-bystyret-2019-08-29.txt").read_text(encoding="utf-8")
    assert fold(votering) == fold(expected)


def test_protocol_markdown_nynorsk_to_file(replayed_19_8286: str, tmp_path: Path) -> None:
    out = tmp_path / "p.md"
    result = run(replayed_19_8286, "protocol", "19/8286", "--meeting", BYSTYRET, "--format",
                 "md", "--lang", "nn", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "## Røysting:" in text and "**Utval:** Bystyret" in text


def test_protocol_docx_named_for_the_protocol(replayed_19_8286: str, tmp_path: Path,
                                              monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(replayed_19_8286, "protocol", "19/8286", "--meeting", BYSTYRET, "--format",
                 "docx")
    assert result.exit_code == 0, result.output
    path = tmp_path / "19-8286 Bystyret 2019-08-29 saksprotokoll.docx"
    assert path.name in result.stdout
    assert Document(str(path)).tables[0].rows[0].cells[1].text == "Bystyret"


def test_unknown_meeting_is_one_line_and_status_2(replayed_19_8286: str) -> None:
    result = run(replayed_19_8286, "protocol", "19/8286", "--meeting", "Bystyret 2019-01-01")
    assert result.exit_code == 2
    assert result.stderr.startswith("Feil: ") and len(result.stderr.strip().splitlines()) == 1


def test_dossier(replayed_19_8286: str, tmp_path: Path) -> None:
    out = tmp_path / "saksdokumenter.docx"
    result = run(replayed_19_8286, "dossier", "19/8286", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert Document(str(out)).paragraphs[0].text == "Saksdokumenter - sak PS 0087/19"


def test_replay_out_writes_every_document(example_19_8286: Path, tmp_path: Path) -> None:
    """As a real subprocess: the installed command line, start to end."""
    db = f"sqlite:///{tmp_path / 'saksflyt.db'}"
    out = tmp_path / "dokumenter"
    done = subprocess.run([sys.executable, "-m", "cli", "--db", db, "replay",
                           str(example_19_8286), "--out", str(out)],
                          capture_output=True, text=True, cwd=Path(__file__).parents[2])
    assert done.returncode == 0, done.stderr
    names = {p.name for p in out.iterdir()}
    assert "19-8286 Bystyret 2019-08-29 saksprotokoll.docx" in names
    assert "19-8286 saksdokumenter.docx" in names and len(names) == 10
