"""The replay's floors (bench/floors.py) do the work the store does: the same canonical
payload text, the same hashes, and a table that takes the same rows."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

from engine.app.replay import replay
from engine.store.eventstore import EventStore
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import floors
import generate


def test_floors_redo_the_stores_own_work(tmp_path: Path) -> None:
    scenario = tmp_path / "s.yaml"
    generate.write(generate.generate(6, 11, 0), scenario)
    db = tmp_path / "s.db"
    store = EventStore(f"sqlite:///{db}")
    written = replay(store, "bench", scenario).written
    store.close()
    rows = floors.stored_rows(str(db))
    assert len(rows) == written > 100
    assert floors.canonical([json.loads(r[4]) for r in rows]) == [r[4] for r in rows]
    assert floors.digests(rows) == [r[8] for r in rows]
    measured = floors.measure(str(scenario), str(db), str(tmp_path), repeat=1)
    assert measured["events"] == written
    assert set(measured["floors"]) == {"libyaml", "sqlite3", "sha256", "json"}
    assert measured["sum"] == sum(measured["floors"].values()) > 0
    with sqlite3.connect(tmp_path / "floor.db") as conn:
        assert conn.execute("SELECT count(*) FROM events").fetchone()[0] == written
    conn.close()
