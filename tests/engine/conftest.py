"""Engine test fixtures: a store that already holds a register and a decided case."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from tests.engine.test_rejects import UNANIMOUS_REC, base, meeting, write


@pytest.fixture
def seeded(tmp_path: Path) -> tuple[str, Path]:
    """A store that already holds the register and another, decided case."""
    db = tmp_path / "store" / "saksflyt.db"
    db.parent.mkdir()
    url = f"sqlite:///{db}"
    seed = base()
    seed["cases"][0] = {**seed["cases"][0], "arkivsak": "25/1", "title": "Tidligere sak"}
    seed["meetings"] = [meeting("Komiteen", "2025-01-07", [UNANIMOUS_REC], case="25/1"),
                        meeting("Bystyret", "2025-01-21", [UNANIMOUS_REC], case="25/1")]
    result = CliRunner().invoke(main, ["--db", url, "replay",
                                       str(write(tmp_path / "seed.yaml", seed))])
    assert result.exit_code == 0, result.output
    return url, db
