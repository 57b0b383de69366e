"""Two desks logging two meetings at the same time through one server each land in their own
item: the open item belongs to the meeting. A step that does not say which meeting, while two
meetings have an open item, is refused and stores nothing."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import fresh_store_url
from tests.server.conftest import add_user, client_env, events, running_server, saksflyt

FIRST, SECOND = "Bystyret 2030-01-10", "Formannskapet 2030-01-10"


@pytest.fixture
def two_meetings(tmp_path: Path) -> Iterator[str]:
    with fresh_store_url(tmp_path) as db:
        recommendation = tmp_path / "innstilling.txt"
        recommendation.write_text("Vi vedtar planen.\n\nPlanen gjelder fra 2031.\n",
                                  encoding="utf-8")
        for args in (["party", "add", "Ap", "Arbeiderpartiet"], ["party", "add", "H", "Høyre"],
                     ["body", "add", "Bystyret", "--kind", "council", "--seats", "5Ap, 4H"],
                     ["body", "add", "Formannskapet", "--kind", "council", "--seats",
                      "3Ap, 2H"],
                     ["person", "add", "Anne Ap", "--affiliation", "Ap"],
                     ["person", "add", "Hanne Høyre", "--affiliation", "H"],
                     ["case", "new", "30/1", "--title", "Ny park", "--recommendation-file",
                      str(recommendation), "--route", "Bystyret:vedtak"],
                     ["case", "new", "30/2", "--title", "Nytt bibliotek",
                      "--recommendation-file", str(recommendation), "--route",
                      "Formannskapet:vedtak"],
                     ["meeting", "new", FIRST], ["meeting", "agenda", FIRST, "30/1", "--sak",
                                                 "1/30"],
                     ["meeting", "new", SECOND], ["meeting", "agenda", SECOND, "30/2", "--sak",
                                                  "7/30"]):
            done = saksflyt(*args, db=db)
            assert done.returncode == 0, (args, done.stderr)
        yield db


def test_two_desks_in_two_meetings_each_land_in_their_own_item(two_meetings: str) -> None:
    desks = {FIRST: ("Kari Sekretær", "30/1", "1/30"), SECOND: ("Ola Sekretær", "30/2", "7/30")}
    tokens = {meeting: add_user(two_meetings, user, "sekretær")
              for meeting, (user, _, _) in desks.items()}
    with running_server(two_meetings) as server:
        for meeting, (_, _, sak) in desks.items():
            env = client_env(server, tokens[meeting])
            assert saksflyt("item", "open", meeting, sak, env=env).returncode == 0

        # With two open items, a step must name its meeting.
        before = events(two_meetings)
        ambiguous = saksflyt("note", "Hvilket møte?", env=client_env(server, tokens[FIRST]))
        assert ambiguous.returncode == 2
        assert ambiguous.stderr == (
            f"Feil: Flere møter har en åpen sak: «{FIRST}» (sak 30/1), «{SECOND}» (sak 30/2). "
            "Oppgi møtet med --meeting \"UTVALG ÅÅÅÅ-MM-DD\" (eller SAKSFLYT_MEETING).\n")
        assert events(two_meetings) == before

        failures: list[str] = []

        def desk(meeting: str) -> None:
            # Each desk names its meeting once, in its environment, as a secretary would.
            env = client_env(server, tokens[meeting], SAKSFLYT_MEETING=meeting)
            user = desks[meeting][0]
            for n in range(4):
                done = saksflyt("propose", "--by", "Anne Ap", "--kind", "tilleggsforslag",
                                "--id", f"{user.split()[0].lower()}-{n}", "--add",
                                f"Tillegg {n} fra {user}.", env=env)
                if done.returncode != 0:
                    failures.append(done.stderr)
            done = saksflyt("vote", "--on", "innstillingen", "--unanimous", env=env)
            if done.returncode != 0:
                failures.append(done.stderr)

        threads = [threading.Thread(target=desk, args=(m,)) for m in desks]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert failures == []

        for meeting, (user, arkivsak, _) in desks.items():
            status = saksflyt("item", "status", "--json",
                              env=client_env(server, tokens[meeting], SAKSFLYT_MEETING=meeting))
            import json

            shown = json.loads(status.stdout)
            assert shown["arkivsak"] == arkivsak
            assert [p["id"] for p in shown["proposals"]] == [
                f"{user.split()[0].lower()}-{n}" for n in range(4)]
            assert len(shown["votes"]) == 1
    written = events(two_meetings, before[-1].position)
    for row in written:
        meeting = FIRST if row.stream_id == "sak:30/1" else SECOND
        assert row.actor == desks[meeting][0], row
