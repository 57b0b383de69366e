"""Server fixtures: real `saksflyt serve` processes (uvicorn) on 127.0.0.1 at a free port, over
a store on the backend under test (tests/conftest.py: SQLite, or PostgreSQL in CI's second
run), and accounts made with the real `saksflyt user` commands."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from tests.conftest import ROOT, fresh_store_url

PASSWORD = "et langt passord 2019"
PROGRAM = [sys.executable, "-m", "cli"]


def saksflyt(*args: str, db: str | None = None, stdin: str | None = None,
             env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The command line in a subprocess, on the store `db` (or none: a client)."""
    base = {k: v for k, v in os.environ.items()
            if k not in ("SAKSFLYT_DB", "SAKSFLYT_SERVER", "SAKSFLYT_TOKEN", "SAKSFLYT_MEETING")}
    if db is not None:
        base["SAKSFLYT_DB"] = db
    return subprocess.run([*PROGRAM, *args], input=stdin, capture_output=True, text=True,
                          env={**base, **(env or {})}, cwd=ROOT, timeout=180)


def add_user(db: str, name: str, role: str, token: bool = True) -> str:
    """A user made with `saksflyt user add` (password on standard input), and a token."""
    made = saksflyt("user", "add", name, "--role", role, db=db, stdin=PASSWORD + "\n")
    assert made.returncode == 0, made.stderr
    if not token:
        return ""
    issued = saksflyt("user", "token", name, db=db)
    assert issued.returncode == 0, issued.stderr
    return issued.stdout.strip()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    url: str
    process: subprocess.Popen[str]

    def call(self, method: str, path: str, token: str | None = None, body: Any = None,
             ) -> tuple[int, Any]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=60) as answer:
                raw = answer.read()
                status = answer.status
        except urllib.error.HTTPError as error:
            raw, status = error.read(), error.code
        try:
            return status, json.loads(raw)
        except ValueError:
            return status, raw


@contextmanager
def running_server(db: str, *extra: str) -> Iterator[Server]:
    """`saksflyt --db DB serve --port N` as a real process; stopped afterwards."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAKSFLYT_")}
    process = subprocess.Popen([*PROGRAM, "--db", db, "serve", "--port", str(port), *extra],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    server = Server(f"http://127.0.0.1:{port}", process)
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                output = process.stdout.read() if process.stdout else ""
                pytest.fail(f"the server stopped: {output}")
            try:
                with urllib.request.urlopen(server.url + "/api/v1/openapi.json", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail("the server did not start in 60 s")
                time.sleep(0.1)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def client_env(server: Server, token: str, **more: str) -> dict[str, str]:
    # SAKSFLYT_USER is set to a name the server must ignore: the actor is the token's user.
    return {"SAKSFLYT_SERVER": server.url, "SAKSFLYT_TOKEN": token,
            "SAKSFLYT_USER": "ikke-meg", **more}


def events(db: str, after: int = 0) -> list[sa.Row[Any]]:
    from engine.store.eventstore import events_table

    engine = sa.create_engine(db, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            return list(conn.execute(sa.select(events_table).where(
                events_table.c.position > after).order_by(events_table.c.position)))
    finally:
        engine.dispose()


def last_position(db: str) -> int:
    found = events(db)
    return found[-1].position if found else 0


@pytest.fixture
def council_store(tmp_path: Path) -> Iterator[str]:
    """19/8286 replayed up to 2019-06-13, as `saksflyt replay --until` leaves it."""
    with fresh_store_url(tmp_path) as db:
        done = saksflyt("replay", str(ROOT / "examples" / "19-8286.yaml"),
                        "--until", "2019-06-13", db=db)
        assert done.returncode == 0, done.stderr
        yield db
