"""Issue 15: an approved protocol takes nothing new: no new item, no step, no item replayed
into the meeting; only a correction marked as after approval, with a reason of some length,
by someone named. Each refusal is one line, exit 2, and leaves the store as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli import main
from tests.engine.test_rejects import UNANIMOUS_REC, fingerprint, meeting, scenario, write

COMMITTEE = "Komiteen 2025-02-04"


def run(url: str, *args: str, user: str = "sekretær") -> Result:
    return CliRunner().invoke(main, ["--db", url, *args], env={"SAKSFLYT_USER": user})


def ok(url: str, *args: str) -> Result:
    result = run(url, *args)
    assert result.exit_code == 0, (args, result.output)
    return result


@pytest.fixture
def approved(tmp_path: Path) -> tuple[str, Path]:
    """Two cases on the committee's sakskart; the first handled, and the protocol approved
    before the second was taken up."""
    data = scenario()
    data["cases"].append({**data["cases"][0], "arkivsak": "25/101", "title": "Annen sak"})
    db = tmp_path / "saksflyt.db"
    url = f"sqlite:///{db}"
    ok(url, "replay", str(write(tmp_path / "register.yaml", data)))
    ok(url, "meeting", "new", COMMITTEE)
    ok(url, "meeting", "agenda", COMMITTEE, "25/100", "--sak", "7/25")
    ok(url, "meeting", "agenda", COMMITTEE, "25/101", "--sak", "8/25")
    ok(url, "item", "open", COMMITTEE, "7/25")
    ok(url, "vote", "--on", "innstillingen", "--for", "3", "--against", "2")
    ok(url, "item", "close")
    approved = ok(url, "meeting", "approve", COMMITTEE, "--as-recorded")
    assert "Sjekkpunkt nr 1 er signert" in approved.stdout
    return url, db


def refused(store: tuple[str, Path], *args: str, words: tuple[str, ...] = ("godkjent",),
            user: str = "sekretær") -> str:
    url, db = store
    before = fingerprint(db)
    result = run(url, *args, user=user)
    assert result.exit_code == 2, (args, result.output)
    message = result.stderr.strip()
    assert message.startswith("Feil: ") and "\n" not in message
    for word in words:
        assert word in message, (word, message)
    assert fingerprint(db) == before
    return message


def test_a_new_item_in_an_approved_meeting_is_refused(approved: tuple[str, Path]) -> None:
    refused(approved, "item", "open", COMMITTEE, "8/25",
            words=("Protokollen for «Komiteen 2025-02-04» er godkjent", "8/25"))


def test_a_step_in_an_approved_meeting_is_refused(approved: tuple[str, Path]) -> None:
    refused(approved, "note", "Glemt notat.", "--meeting", COMMITTEE, "--case", "25/100",
            words=("godkjent", "nytt steg"))


def test_an_item_replayed_into_an_approved_meeting_is_refused(
        approved: tuple[str, Path], tmp_path: Path) -> None:
    data = scenario(meeting("Komiteen", "2025-02-04", [UNANIMOUS_REC], sak="8/25",
                            case="25/101"))
    data["cases"] = []
    refused(approved, "replay", str(write(tmp_path / "etterpå.yaml", data)),
            words=("godkjent", "møte «Komiteen 2025-02-04»", "8/25"))


def test_a_correction_after_approval_needs_a_reason_of_some_length(
        approved: tuple[str, Path]) -> None:
    args = ("correct", "--meeting", COMMITTEE, "--case", "25/100", "--vote", "1",
            "--for", "4", "--against", "1")
    refused(approved, *args, "--reason", "Feil", words=("godkjent", "--after-approval"))
    refused(approved, *args, "--reason", "Feil", "--after-approval",
            words=("minst 10 tegn",))
    url, _ = approved
    from engine.app.items import correct
    from engine.domain.errors import RuleViolation
    from engine.store.eventstore import EventStore

    with pytest.raises(RuleViolation, match="navngitt sekretær"):
        correct(EventStore(url), None, vote=1, proposal=None, votes_for="4",
                votes_against="1", text=None, reason="Feil tall ført i møtet",
                after_approval=True, meeting=COMMITTEE, arkivsak="25/100")
    done = ok(url, *args, "--reason", "Feil tall ført i møtet", "--after-approval")
    assert "Feil tall ført i møtet" in done.stdout
