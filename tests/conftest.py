"""Shared fixtures: real SQLite files in a temporary folder, the shipped example scenarios,
and the tests' own copy of case 19/8286 (tests/data/19-8286: the texts cut from the record,
to compare with). `.ci/run` checks that copy against the shared folder beside the project,
where that exists."""

from __future__ import annotations

import os
import re
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import settings

# No per-example deadline: on a shared two-core machine a first example can take 400 ms while
# the rest take under 1 ms; Hypothesis then reports a flaky failure that tests nothing.
settings.register_profile("saksflyt", deadline=None)
settings.load_profile("saksflyt")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: drives a real Chromium (.ci/run runs these on SQLite only: the "
        "pages are the server's, and the server's routes run on both stores without a browser)")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CASE_19_8286 = ROOT / "tests" / "data" / "19-8286"
"""The case as the shared steering material has it: scenario.yaml (the same file as
examples/19-8286.yaml), the record (saksdokumenter.txt) and expected/ with the texts cut from it."""


def fold(text: str) -> str:
    """Compare texts as the case's expected/README.md says: white space folded, `*` dropped."""
    return re.sub(r"\s+", " ", text.replace("*", "")).strip()


REQUIRE_LIBREOFFICE = "SAKSFLYT_REQUIRE_LIBREOFFICE"
"""`1` (CI sets it): a test that needs LibreOffice or poppler-utils fails where they are
missing, instead of being skipped."""


def require_program(name: str, package: str) -> str:
    """The path of a program a test needs (soffice, pdftotext, pdftoppm): where it is missing,
    a skip with the reason, or a failure under SAKSFLYT_REQUIRE_LIBREOFFICE=1."""
    found = shutil.which(name)
    if found is not None:
        return found
    message = f"{name} is not installed (Debian: apt-get install {package})"
    if os.environ.get(REQUIRE_LIBREOFFICE) == "1":
        pytest.fail(f"{REQUIRE_LIBREOFFICE}=1, but {message}")
    pytest.skip(f"{message}; set {REQUIRE_LIBREOFFICE}=1 to make this a failure")


BACKEND_ENV = "SAKSFLYT_TEST_BACKEND"
"""`sqlite` (default) or `postgresql`: the store the engine, CLI and document tests run on.
CI runs the suite once on each; `postgresql` needs SAKSFLYT_TEST_PG_URL (a server's URL)."""


@pytest.fixture(scope="session", autouse=True)
def signing_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Every test signs with a key of its own session (SAKSFLYT_KEY), never the user's."""
    from engine.store.checkpoints import create_key

    path = tmp_path_factory.mktemp("key") / "signeringsnøkkel.pem"
    create_key(path)
    before = os.environ.get("SAKSFLYT_KEY")
    os.environ["SAKSFLYT_KEY"] = str(path)
    yield path
    if before is None:
        os.environ.pop("SAKSFLYT_KEY", None)
    else:
        os.environ["SAKSFLYT_KEY"] = before


def backend() -> str:
    return os.environ.get(BACKEND_ENV, "sqlite")


@contextmanager
def fresh_store_url(directory: Path) -> Iterator[str]:
    """An empty store on the backend under test: a SQLite file in `directory`, or a new
    database on the PostgreSQL test server, dropped afterwards."""
    if backend() == "sqlite":
        yield f"sqlite:///{directory / 'saksflyt.db'}"
        return
    import sqlalchemy as sa

    server = os.environ.get("SAKSFLYT_TEST_PG_URL")
    if not server:
        pytest.fail(f"{BACKEND_ENV}=postgresql needs SAKSFLYT_TEST_PG_URL")
    name = f"saksflyt_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
    try:
        yield sa.make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def db_url(tmp_path: Path) -> Iterator[str]:
    """An empty store on the backend under test (see BACKEND_ENV)."""
    with fresh_store_url(tmp_path) as url:
        yield url


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "saksflyt.db"


@pytest.fixture(scope="session")
def example_19_8286() -> Path:
    return EXAMPLES / "19-8286.yaml"


@pytest.fixture(scope="session")
def expected_dir() -> Path:
    path = CASE_19_8286 / "expected"
    if not path.is_dir():
        pytest.fail(f"the case's expected texts are missing: {path}")
    return path


def replay_into(url: str, scenario: Path) -> None:
    from engine.app.repository import commit, workspace
    from engine.scenario.apply import apply_scenario
    from engine.store.eventstore import EventStore

    store = EventStore(url)
    ws = workspace(store)
    apply_scenario(ws, scenario)
    commit(store, ws, actor="test")
    store.close()


@pytest.fixture(scope="session")
def replayed_19_8286(tmp_path_factory: pytest.TempPathFactory,
                     example_19_8286: Path) -> Iterator[str]:
    """A store on the backend under test with 19/8286 replayed into it (read-only for the
    tests that use it)."""
    with fresh_store_url(tmp_path_factory.mktemp("case")) as url:
        replay_into(url, example_19_8286)
        yield url


@pytest.fixture(scope="session")
def replayed_19_8286_sqlite(tmp_path_factory: pytest.TempPathFactory,
                            example_19_8286: Path) -> str:
    """19/8286 in a SQLite file, for the tests that tamper with the file itself."""
    url = f"sqlite:///{tmp_path_factory.mktemp('sqlite-case') / 'saksflyt.db'}"
    replay_into(url, example_19_8286)
    return url
