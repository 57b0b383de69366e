"""The floors of a replay (issue 16): what reading the file and storing its rows cannot cost
less than, each done by the bare library on the same data, in a process of its own.

- libyaml: the scenario file's parse events from PyYAML's C parser (`CParser.get_event`), the
  least any libyaml reader does. (`yaml.load` with `CSafeLoader` builds the data too; it is
  timed for the record, not counted: PyYAML's constructor is Python and slower than ours.)
- sqlite3: `executemany` of the stored rows into a new file in one transaction, the events
  table with its unique (stream, seq) index, as the store writes it.
- sha256: the hash of every row over the same bytes the store hashes.
- JSON: every payload to its canonical text (sorted keys, compact, UTF-8 as is).

Each is the best of `repeat` runs; the replay it is compared with is the best of as many.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable
from typing import Any

_CREATE = """CREATE TABLE events (
    position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id VARCHAR(200) NOT NULL,
    seq INTEGER NOT NULL, type VARCHAR(64) NOT NULL, version INTEGER NOT NULL,
    payload TEXT NOT NULL, actor VARCHAR(200), recorded_at VARCHAR(40) NOT NULL,
    prev_hash VARCHAR(64) NOT NULL, hash VARCHAR(64) NOT NULL,
    CONSTRAINT uq_events_stream_seq UNIQUE (stream_id, seq))"""
_INSERT = ("INSERT INTO events (stream_id, seq, type, version, payload, actor, recorded_at, "
           "prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")


def _best(work: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def stored_rows(replayed: str) -> list[tuple[Any, ...]]:
    """The rows of a SQLite store in the order they were written."""
    with sqlite3.connect(replayed) as conn:
        rows = conn.execute("SELECT stream_id, seq, type, version, payload, actor, "
                            "recorded_at, prev_hash, hash FROM events ORDER BY position"
                            ).fetchall()
    conn.close()
    return rows


def canonical(payloads: list[Any]) -> list[str]:
    """Each payload's canonical text: the text the store keeps and the hash covers."""
    return [json.dumps(p, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
            for p in payloads]


def digests(rows: list[tuple[Any, ...]]) -> list[str]:
    """Each row's hash, over the bytes the store hashes (the hash before it, then the JSON
    list of stream, seq, type, version, payload, actor and time)."""
    compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    found = []
    for stream, seq, type_, version, payload, actor, at, prev, _ in rows:
        body = (f"[{compact(stream)},{seq},{compact(type_)},{version},{payload},"
                f"{compact(actor)},{compact(at)}]")
        found.append(hashlib.sha256((prev + body).encode("utf-8")).hexdigest())
    return found


def measure(scenario: str, replayed: str, folder: str, repeat: int = 3) -> dict[str, Any]:
    """The floors for the scenario file and the rows its replay stored (a SQLite file)."""
    import yaml
    from yaml._yaml import CParser

    rows = stored_rows(replayed)
    payloads = [json.loads(row[4]) for row in rows]

    def parse() -> None:
        with open(scenario, "rb") as f:
            get = CParser(f).get_event
            while get() is not None:
                pass

    def load() -> None:
        with open(scenario, "rb") as f:
            yaml.load(f, Loader=yaml.CSafeLoader)

    def to_json() -> None:
        canonical(payloads)

    def sha256() -> None:
        digests(rows)

    target = os.path.join(folder, "floor.db")

    def insert() -> None:
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(target + suffix):
                os.remove(target + suffix)
        db = sqlite3.connect(target, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("BEGIN IMMEDIATE")
        db.execute(_CREATE)
        db.executemany(_INSERT, rows)
        db.execute("COMMIT")
        db.close()

    floors = {"libyaml": _best(parse, repeat), "sqlite3": _best(insert, repeat),
              "sha256": _best(sha256, repeat), "json": _best(to_json, repeat)}
    return {"floors": floors, "sum": sum(floors.values()), "events": len(rows),
            "csafeloader": _best(load, 1)}
