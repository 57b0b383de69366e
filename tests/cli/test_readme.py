"""The README's first command works as written, on a copy of the project's examples alone."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from tests.conftest import EXAMPLES, ROOT, fold

README = ROOT / "README.md"


def _commands() -> list[str]:
    blocks = re.findall(r"```bash\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    return [block.strip() for block in blocks[:2]]


def test_readme_opens_with_the_two_commands() -> None:
    main, tests = _commands()
    assert main.startswith("pip install . && saksflyt replay examples/19-8286.yaml")
    assert "pytest" in tests and "[test]" in tests
    # .ci/run runs the README's test command.
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m pytest" in ci or "python -m pytest" in ci


def test_main_command_replays_and_prints_the_decision(tmp_path: Path, expected_dir: Path) -> None:
    main, _ = _commands()
    # The package is already installed in the test environment: run what follows the install.
    saksflyt_part = main.split("&&", 1)[1].strip()
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    done = subprocess.run(saksflyt_part, shell=True, cwd=tmp_path, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "saksflyt.db").exists()
    decision = fold((expected_dir / "vedtak-bystyret-2019-08-29.txt").read_text("utf-8"))
    assert decision in fold(done.stdout)
    written = list((tmp_path / "protokoller").glob("*.docx"))
    assert len(written) >= 8, "a protocol for each of the eight meetings, and the dossier"
