"""Shared fixtures: real SQLite files in a temporary folder, the shipped example scenarios,
and the shared case beside the project (../shared), used only to compare with the record."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED_CASE = ROOT.parent / "shared" / "cases" / "19-8286"


def fold(text: str) -> str:
    """Compare texts as the shared case's README says: white space folded, `*` dropped."""
    return re.sub(r"\s+", " ", text.replace("*", "")).strip()


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'saksflyt.db'}"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "saksflyt.db"


@pytest.fixture(scope="session")
def example_19_8286() -> Path:
    return EXAMPLES / "19-8286.yaml"


@pytest.fixture(scope="session")
def expected_dir() -> Path:
    path = SHARED_CASE / "expected"
    if not path.is_dir():
        pytest.fail(f"the shared case is missing: {path}")
    return path


@pytest.fixture(scope="session")
def replayed_19_8286(tmp_path_factory: pytest.TempPathFactory, example_19_8286: Path) -> str:
    """A store with 19/8286 replayed into it (read-only for the tests that use it)."""
    from engine.repository import commit, workspace
    from engine.scenario import apply_scenario
    from engine.store import EventStore

    url = f"sqlite:///{tmp_path_factory.mktemp('case') / 'saksflyt.db'}"
    store = EventStore(url)
    ws = workspace(store)
    apply_scenario(ws, example_19_8286)
    commit(store, ws, actor="test")
    store.close()
    return url
