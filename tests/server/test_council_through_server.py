"""The council meeting of 2019-08-29 in 19/8286, logged through a running server with the
command line as a client (SAKSFLYT_SERVER and a sekretær's token), gives the recorded vedtak
word for word, and every event it wrote names that user as its actor."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.cli.test_live_cli import MEETING, log_council_meeting
from tests.conftest import fold
from tests.server.conftest import client_env, events, last_position, running_server, saksflyt

SECRETARY = "Kari Sekretær"


def test_council_meeting_logged_through_the_server(council_store: str, tmp_path: Path,
                                                   expected_dir: Path) -> None:
    from tests.server.conftest import add_user

    token = add_user(council_store, SECRETARY, "sekretær")
    before = last_position(council_store)
    with running_server(council_store) as server:
        env = client_env(server, token)

        def client(_db: str, *args: str, stdin: str | None = None, ok: bool = True,
                   cwd: Any = None) -> Any:
            done = saksflyt(*args, stdin=stdin, env=env)  # no SAKSFLYT_DB: no store here
            if ok:
                assert done.returncode == 0, f"{args}: {done.stderr}"
            return done

        log_council_meeting("", tmp_path, run=client)
        status = client("", "item", "status").stdout
        closed = client("", "item", "close").stdout
        remote = {args: client("", *args).stdout for args in (
            ("vedtak", "19/8286"), ("vedtak", "19/8286", "--meeting", MEETING),
            ("protocol", "19/8286", "--meeting", MEETING), ("blame", "19/8286"),
            ("history", "19/8286"), ("case", "show", "19/8286"), ("meeting", "show", MEETING),
            ("verify",))}
        docx = tmp_path / "protokoll.docx"
        client("", "protocol", "19/8286", "--meeting", MEETING, "--format", "docx",
               "-o", str(docx))

    recorded = (expected_dir / "vedtak-bystyret-2019-08-29.txt").read_text(encoding="utf-8")
    assert fold(closed) == fold(recorded)
    assert remote[("vedtak", "19/8286")] == closed
    assert status.rstrip().endswith(closed.rstrip())
    # The client printed exactly what the command line prints on the store itself.
    for args, text in remote.items():
        local = saksflyt(*args, db=council_store)
        assert local.returncode == 0, local.stderr
        assert text == local.stdout, args

    from docx import Document

    paragraphs = [p.text for p in Document(str(docx)).paragraphs]
    assert "Saksprotokoll" in paragraphs

    written = events(council_store, before)
    assert len(written) >= 15  # meeting, agenda, open, 5 proposals, 5 votes, join, close
    assert {row.actor for row in written} == {SECRETARY}
    assert {row.stream_id for row in written} == {"sak:19/8286", f"møte:{MEETING}"}
