"""Issue 15, the command line's rough edges: a --db that does not exist is made only by
`db init`, replay or import (or with --create); malformed URLs and unreachable servers are
one line; -o never overwrites without --force and never writes through a symbolic link, and
«-» is standard output; export never writes through PATH.tmp; Ctrl-C is "Avbrutt." and 130."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli import main
from tests.conftest import EXAMPLES, ROOT


def run(*args: str, db: str | None = None) -> Result:
    return CliRunner().invoke(main, [*(["--db", db] if db else []), *args],
                              env={"SAKSFLYT_USER": "test"})


def one_line_error(result: Result, code: int = 2) -> str:
    assert result.exit_code == code, (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit)
    message = result.stderr.strip()
    assert message.startswith("Feil: ") and "\n" not in message, message
    assert "Traceback" not in result.output
    return message


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("store")
    url = f"sqlite:///{folder / 'saksflyt.db'}"
    assert run("replay", str(EXAMPLES / "19-8286.yaml"), db=url).exit_code == 0
    return url


# --- a --db that does not exist ----------------------------------------------------------------

@pytest.mark.parametrize("args", [("party", "add", "Ap", "Arbeiderpartiet"),
                                  ("meeting", "new", "Bystyret 2025-01-01"),
                                  ("vedtak", "19/8286"), ("case", "list")])
def test_a_store_that_does_not_exist_is_refused_with_its_path(tmp_path: Path,
                                                              args: tuple[str, ...]) -> None:
    db = tmp_path / "skrivefeil.db"
    message = one_line_error(run(*args, db=f"sqlite:///{db}"))
    assert str(db) in message and "db init" in message
    assert list(tmp_path.iterdir()) == []


def test_db_init_and_create_make_a_store(tmp_path: Path) -> None:
    db = tmp_path / "ny.db"
    made = run("db", "init", db=f"sqlite:///{db}")
    assert made.exit_code == 0 and "Opprettet skjemaet" in made.stdout and db.exists()
    again = run("db", "init", db=f"sqlite:///{db}")
    assert again.exit_code == 0 and "finnes allerede" in again.stdout
    other = tmp_path / "annen.db"
    added = run("--create", "party", "add", "Ap", "Arbeiderpartiet", db=f"sqlite:///{other}")
    assert added.exit_code == 0, added.output
    assert run("party", "add", "H", "Høyre", db=f"sqlite:///{other}").exit_code == 0


def test_the_readme_replay_into_a_fresh_folder_still_works(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "cli", "replay",
                           str(EXAMPLES / "19-8286.yaml")], cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "saksflyt.db").exists()


@pytest.mark.parametrize("url", ["not a url", "sqlite//x.db", "", "nosuchdb://x/y",
                                 "postgresql+nosuchdriver://u@h/d"])
def test_a_malformed_url_is_one_line(url: str) -> None:
    message = one_line_error(run("case", "list", db=url))
    assert "database" in message.lower()


def test_an_unreachable_server_is_one_line_and_verify_says_3() -> None:
    url = "postgresql+psycopg://saksflyt:hemmelig@127.0.0.1:1/saksflyt"
    message = one_line_error(run("case", "list", db=url))
    assert "Får ikke kontakt med databasen" in message and "hemmelig" not in message
    one_line_error(run("verify", db=url), code=3)


# --- -o ------------------------------------------------------------------------------------------

PROTOCOL = ("protocol", "19/8286", "--meeting", "Bystyret 2019-08-29")


def test_o_refuses_to_overwrite_without_force(store: str, tmp_path: Path) -> None:
    out = tmp_path / "protokoll.txt"
    out.write_text("min egen fil\n", encoding="utf-8")
    message = one_line_error(run(*PROTOCOL, "-o", str(out), db=store))
    assert "finnes allerede" in message and "--force" in message
    assert out.read_text("utf-8") == "min egen fil\n"
    done = run(*PROTOCOL, "-o", str(out), "--force", db=store)
    assert done.exit_code == 0 and out.read_text("utf-8").startswith("Saksprotokoll")


@pytest.mark.parametrize("fmt", ["text", "docx"])
def test_o_never_writes_through_a_symbolic_link(store: str, tmp_path: Path, fmt: str) -> None:
    victim = tmp_path / "viktig.txt"
    victim.write_text("skal ikke røres\n", encoding="utf-8")
    link = tmp_path / "protokoll.out"
    link.symlink_to(victim)
    message = one_line_error(run(*PROTOCOL, "--format", fmt, "-o", str(link), db=store))
    assert "symbolsk lenke" in message
    forced = run(*PROTOCOL, "--format", fmt, "-o", str(link), "--force", db=store)
    assert forced.exit_code == 0, forced.output
    assert victim.read_text("utf-8") == "skal ikke røres\n"
    assert not link.is_symlink() and link.stat().st_size > 0


def test_dash_is_standard_output(store: str, tmp_path: Path) -> None:
    text = run(*PROTOCOL, "-o", "-", db=store)
    assert text.exit_code == 0 and text.stdout.startswith("Saksprotokoll")
    assert not (tmp_path / "-").exists() and not Path("-").exists()
    word = run(*PROTOCOL, "--format", "docx", "-o", "-", db=store)
    assert word.exit_code == 0 and word.stdout_bytes.startswith(b"PK")
    export = run("export", "--all", "-o", "-", db=store)
    assert export.exit_code == 0
    assert export.stdout.splitlines()[0].startswith('{"format":"saksflyt-eksport"')
    assert "Eksporterte" in export.stderr


def test_export_never_writes_through_a_tmp_link(store: str, tmp_path: Path) -> None:
    victim = tmp_path / "viktig.txt"
    victim.write_text("skal ikke røres\n", encoding="utf-8")
    out = tmp_path / "logg.jsonl"
    (tmp_path / "logg.jsonl.tmp").symlink_to(victim)
    done = run("export", "--all", "-o", str(out), db=store)
    assert done.exit_code == 0, done.output
    assert victim.read_text("utf-8") == "skal ikke røres\n"
    assert out.read_text("utf-8").startswith('{"format":"saksflyt-eksport"')
    refused = one_line_error(run("export", "--all", "-o", str(out), db=store))
    assert "finnes allerede" in refused


# --- Ctrl-C --------------------------------------------------------------------------------------

def test_ctrl_c_says_avbrutt_and_exits_130(store: str) -> None:
    """A real process, stopped with SIGINT while it waits for a note on standard input."""
    process = subprocess.Popen([sys.executable, "-m", "cli", "--db", store, "note", "-",
                                "--meeting", "Bystyret 2019-08-29", "--case", "19/8286"],
                               cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)  # started and reading standard input
    process.send_signal(signal.SIGINT)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert err.strip() == "Avbrutt."


def test_a_store_made_anew_where_an_anchored_one_stood_is_not_called_changed(
        tmp_path: Path) -> None:
    db = tmp_path / "saksflyt.db"
    url = f"sqlite:///{db}"
    assert run("replay", str(EXAMPLES / "19-8286.yaml"), db=url).exit_code == 0
    assert run("checkpoint", db=url).exit_code == 0
    for path in tmp_path.glob("saksflyt.db*"):
        path.unlink()
    one_line_error(run("verify", db=url))  # gone: an error, not "unchanged"
    assert run("replay", str(EXAMPLES / "19-8286.yaml"), db=url).exit_code == 0
    again = run("verify", db=url)
    assert again.exit_code == 0, again.output


def test_an_empty_tally_typed_live_is_refused(tmp_path: Path) -> None:
    """`--against ""` was stored as 67 to 0."""
    from tests.engine.test_rejects import fingerprint, scenario, write

    db = tmp_path / "saksflyt.db"
    url = f"sqlite:///{db}"
    assert run("replay", str(write(tmp_path / "s.yaml", scenario())), db=url).exit_code == 0
    for args in (("meeting", "new", "Komiteen 2025-02-04"),
                 ("meeting", "agenda", "Komiteen 2025-02-04", "25/100", "--sak", "7/25"),
                 ("item", "open", "Komiteen 2025-02-04", "7/25")):
        assert run(*args, db=url).exit_code == 0
    before = fingerprint(db)
    for tally in ("", "2H, 2H"):
        message = one_line_error(run("vote", "--on", "innstillingen", "--against", tally,
                                     db=url))
        assert "Tomt stemmetall" in message or "oppgitt flere ganger" in message
    assert fingerprint(db) == before


def test_the_keys_record_is_kept_until_a_new_store_is_really_made(tmp_path: Path) -> None:
    from engine.store.checkpoints import read_anchor
    from engine.store.eventstore import EventStore
    from tests.engine.test_rejects import scenario, write

    key = Path(os.environ["SAKSFLYT_KEY"])
    db = tmp_path / "saksflyt.db"
    url = f"sqlite:///{db}"
    assert run("replay", str(EXAMPLES / "19-8286.yaml"), db=url).exit_code == 0
    assert run("checkpoint", db=url).exit_code == 0
    for path in tmp_path.glob("saksflyt.db*"):
        path.unlink()
    assert run("db", "status", db=url).exit_code == 0
    bad = write(tmp_path / "feil.yaml", {**scenario(), "saksflyt": 2})
    assert run("replay", str(bad), db=url).exit_code == 2
    assert read_anchor(key, EventStore(url)) is not None  # nothing was made: still known
    assert run("replay", str(EXAMPLES / "19-8286.yaml"), db=url).exit_code == 0
    assert read_anchor(key, EventStore(url)) is None
