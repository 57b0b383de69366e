"""`saksflyt undo` and `saksflyt item reopen` on a real SQLite store: a slip at the desk is
taken back as an event (the log keeps the step, `history` shows it), a closed item opens
again with a reason until the protocol is approved, and the decision and protocol come out
as if the slip had never happened. What the engine refuses is refused with nothing stored."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.cli.test_live_cli import MEETING, ROOT, log_council_meeting, run


def _count(db: str) -> int:
    engine = sa.create_engine(db)
    try:
        with engine.connect() as conn:
            return int(conn.execute(sa.text("SELECT count(*) FROM events")).scalar() or 0)
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def full_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = f"sqlite:///{tmp_path_factory.mktemp('full') / 'full.db'}"
    run(db, "replay", str(ROOT / "examples" / "19-8286.yaml"))
    return db


def test_undo_and_reopen_leave_the_decision_as_if_nothing_happened(tmp_path: Path,
                                                                   full_db: str) -> None:
    db = f"sqlite:///{tmp_path / 'live.db'}"
    run(db, "replay", str(ROOT / "examples" / "19-8286.yaml"), "--until", "2019-06-13")
    assert run(db, "undo", ok=False).stderr.startswith("Feil: ")  # no open item yet
    log_council_meeting(db, tmp_path)
    # A slip: a vote that should not have been, taken back.
    run(db, "vote", "--on", "salomonsen", "--unanimous", ok=False)  # a remark: refused
    run(db, "note", "Feilført linje.")
    undone = run(db, "undo").stdout
    assert undone == (f"Angret siste steg i «{MEETING}», sak 87/19: protokolltekst. Steget står "
                      "i loggen som angret.\n")
    # Closed too early, then opened again with a reason.
    run(db, "undo")  # the join
    run(db, "item", "close")
    before = _count(db)
    refused = run(db, "item", "reopen", MEETING, "87/19", "--reason", " ", ok=False)
    assert refused.returncode == 2 and "begrunnelse" in refused.stderr
    assert _count(db) == before  # nothing stored
    reopened = run(db, "item", "reopen", MEETING, "87/19", "--reason", "Merknaden manglet")
    assert reopened.stdout == (f"Behandlingen av sak 87/19 i «{MEETING}» er åpnet igjen: "
                               "Merknaden manglet\n")
    assert "Vedtak hvis saken avsluttes nå:" in run(db, "item", "status").stdout
    run(db, "join", "--remark", "salomonsen", "--parties", "Ap,H,FrP,MDG,PP,V,Sp,KrF,R")
    closed = run(db, "item", "close").stdout

    assert closed == run(full_db, "vedtak", "19/8286").stdout
    protocol = ["protocol", "19/8286", "--meeting", MEETING, "--format", "text"]
    assert run(db, *protocol).stdout == run(full_db, *protocol).stdout
    history = run(db, "history", "19/8286").stdout
    assert "* angret: protokolltekst" in history
    assert "* angret: tilslutning til merknad" in history
    assert "* åpnet igjen: Merknaden manglet" in history
    assert run(db, "verify").returncode == 0

    run(db, "meeting", "approve", MEETING, "--as-recorded")  # no place, time or attendance
    late = run(db, "item", "reopen", MEETING, "87/19", "--reason", "For sent", ok=False)
    assert late.returncode == 2 and "er godkjent" in late.stderr
    assert run(db, "undo", ok=False).returncode == 2
