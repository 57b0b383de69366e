"""Two server processes (real uvicorn processes) on one store (PostgreSQL in CI's second run):
a token, a browser session and the open item made through one are good in the other; a
request waiting for news in one wakes when the other writes; and the two writing to the same
item at once lose nothing (a lost race is a 409 that stored nothing)."""

from __future__ import annotations

import threading
import urllib.request
from typing import Any

from tests.cli.test_live_cli import MEETING
from tests.server.conftest import (
    PASSWORD,
    add_user,
    client_env,
    events,
    last_position,
    running_server,
    saksflyt,
)

CONFLICT = ("Sak 19/8286 ble endret av en annen samtidig; ingenting ble lagret (prøv "
            "kommandoen igjen).")


def _session_cookie(server: Any) -> str:
    """Sign in through the form (CSRF token and cookie as a browser sends them)."""
    import http.cookiejar
    import re
    import urllib.parse

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(server.url + "/logg-inn").read().decode()
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)  # type: ignore[union-attr]
    data = urllib.parse.urlencode({"name": "Kari Sekretær", "password": PASSWORD,
                                   "csrf_token": token}).encode()
    opener.open(server.url + "/logg-inn", data=data)
    return next(c.value for c in jar if c.name == "saksflyt_session")


def _page(server: Any, path: str, cookie: str) -> int:
    request = urllib.request.Request(server.url + path, headers={
        "Cookie": f"saksflyt_session={cookie}"})
    with urllib.request.urlopen(request) as answer:
        return int(answer.status)


def test_two_server_processes_share_one_store(council_store: str) -> None:
    token = add_user(council_store, "Kari Sekretær", "sekretær")
    # Plain http on loopback: the cookie's Secure flag is off here so urllib sends it.
    with running_server(council_store, "--insecure-cookies") as one, \
            running_server(council_store, "--insecure-cookies") as two:
        assert one.process.pid != two.process.pid
        env_one, env_two = client_env(one, token), client_env(two, token)
        assert saksflyt("meeting", "new", MEETING, env=env_one).returncode == 0
        assert saksflyt("meeting", "agenda", MEETING, "19/8286", "--sak", "87/19",
                        env=env_two).returncode == 0
        assert saksflyt("item", "open", MEETING, "87/19", env=env_one).returncode == 0
        # The open item is in the store: the other process finds it.
        noted = saksflyt("note", "Ordføreren åpnet saken.", env=env_two)
        assert noted.stdout == f"note ført i «{MEETING}», sak 87/19.\n"

        cookie = _session_cookie(one)
        assert _page(two, "/saker/19/8286", cookie) == 200

        # A request waiting in process two wakes when process one writes.
        position = last_position(council_store)
        woke: dict[str, Any] = {}
        waiter = threading.Thread(target=lambda: woke.update(answer=two.call(
            "GET", f"/api/v1/changes?after={position}&wait=20", token)))
        waiter.start()
        status, _ = one.call("POST", "/api/v1/steps", token, {"step": {"note": "Nytt."}})
        assert status == 200
        waiter.join(timeout=30)
        assert woke["answer"][0] == 200 and woke["answer"][1]["position"] > position

        # Both processes write to the same item at once.
        before = last_position(council_store)
        statuses: list[tuple[int, Any]] = []

        def writer(server: Any, name: str) -> None:
            for n in range(8):
                statuses.append(server.call("POST", "/api/v1/steps", token,
                                            {"step": {"note": f"{name} {n}"}}))

        threads = [threading.Thread(target=writer, args=(s, n))
                   for s, n in ((one, "en"), (two, "to"))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    stored = [row for row in events(council_store, before) if row.type == "item.note"]
    ok = [answer for answer in statuses if answer[0] == 200]
    lost = [answer for answer in statuses if answer[0] != 200]
    assert all(answer == (409, {"message": CONFLICT, "kind": "ConcurrencyConflict",
                                "exit_code": 2, "plain": False}) for answer in lost), lost
    assert len(stored) == len(ok) and len(ok) + len(lost) == 16
    seqs = [row.seq for row in events(council_store) if row.stream_id == "sak:19/8286"]
    assert seqs == list(range(1, len(seqs) + 1))
    verified = saksflyt("verify", db=council_store)
    assert verified.returncode == 0, verified.stdout
