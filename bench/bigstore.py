"""A fast builder of big stores: valid events, written with the driver's executemany, not by
replaying a scenario of 100 000 cases (hours here).

    python bench/bigstore.py --cases 100000 --db sqlite:///stor.db

How it stays honest: a template of generated cases (bench/generate.py, every kind of step)
is replayed once by the engine into a scratch store. Each template case is then written again
under new numbers: a new arkivsak (`case.opened`), new item numbers (`sak`, offset per copy so
that no meeting has two items with the same number), every hash chained anew with the
store's own `event_hash` and position order. The register is the template's. The events are
the engine's own events, so the engine reads them back and `saksflyt verify` accepts them
(tests/bench/test_bigstore.py checks both); the case list's read model is then rebuilt from
the events by the same code as `saksflyt db rebuild`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402

BATCH = 5000


def template_rows(cases: int, seed: int) -> tuple[list[Any], dict[str, list[Any]]]:
    """The register's rows and each case's rows of a replayed template of `cases` cases."""
    from engine.app.repository import commit, workspace
    from engine.scenario.apply import apply_scenario
    from engine.store.eventstore import EventStore

    with tempfile.TemporaryDirectory(prefix="saksflyt-mal-") as folder:
        path = Path(folder) / "mal.yaml"
        generate.write(generate.generate(cases, seed), path)
        store = EventStore(f"sqlite:///{Path(folder) / 'mal.db'}")
        ws = workspace(store)
        apply_scenario(ws, path)
        commit(store, ws, actor="bench")
        register: list[Any] = []
        streams: dict[str, list[Any]] = {}
        for row in store.read_all():
            if row.stream_id.startswith("sak:"):
                streams.setdefault(row.stream_id, []).append(row)
            else:
                register.append(row)
        store.close()
    return register, streams


def _renumbered(payload: dict[str, Any], arkivsak: str, offset: int) -> dict[str, Any]:
    if "arkivsak" in payload:
        payload = {**payload, "arkivsak": arkivsak}
    sak = payload.get("sak")
    if isinstance(sak, str) and "/" in sak and offset:
        number, year = sak.split("/", 1)
        if number.isdigit():
            payload = {**payload, "sak": f"{int(number) + offset}/{year}"}
    return payload


def rows(cases: int, register: list[Any], streams: dict[str, list[Any]],
         now: str) -> Iterator[dict[str, Any]]:
    """Every row of a store of `cases` cases, chained, in position order."""
    from engine.store.eventstore import GENESIS, event_hash

    def chained(stream: str, source: list[Any], arkivsak: str | None,
                offset: int) -> Iterator[dict[str, Any]]:
        prev = GENESIS
        for row in source:
            payload = row.payload if arkivsak is None else _renumbered(row.payload, arkivsak,
                                                                       offset)
            digest = event_hash(prev, stream, row.seq, row.type, row.version, payload,
                                row.actor, now)
            yield {"stream_id": stream, "seq": row.seq, "type": row.type,
                   "version": row.version, "payload": payload, "actor": row.actor,
                   "recorded_at": now, "prev_hash": prev, "hash": digest}
            prev = digest

    yield from chained("register", register, None, 0)
    template = list(streams.values())
    year = 30
    for index in range(cases):
        copy, which = divmod(index, len(template))
        source = template[which]
        # A new number in a year of its own, so no copy meets the template's numbers.
        arkivsak = f"{year + copy // 1000}/{10000 + (copy % 1000) * len(template) + which}"
        yield from chained(f"sak:{arkivsak}", source, arkivsak, copy * 1000)


def build(url: str, cases: int, template: int = 200, seed: int = 7) -> dict[str, Any]:
    """A new store at `url` with `cases` cases; returns what was written and how long."""
    import gc

    import sqlalchemy as sa

    from engine.app.case_list import rebuild
    from engine.store.eventstore import EventStore
    from engine.store.schema import _text_events_table, events_table

    start = time.perf_counter()
    register, streams = template_rows(min(template, cases), seed)
    made = time.perf_counter()
    store = EventStore(url)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    written = 0
    gc.disable()  # millions of short-lived dicts: the collector finds no cycles in them
    try:
        with store.transaction() as conn:
            as_text = conn.dialect.name == "sqlite"
            insert = sa.insert(_text_events_table if as_text else events_table)
            batch: list[dict[str, Any]] = []
            for row in rows(cases, register, streams, now):
                if as_text:
                    row["payload"] = json.dumps(row["payload"], ensure_ascii=False,
                                                separators=(",", ":"))
                batch.append(row)
                if len(batch) >= BATCH:
                    conn.execute(insert, batch)
                    written += len(batch)
                    batch = []
            if batch:
                conn.execute(insert, batch)
                written += len(batch)
    finally:
        gc.enable()
    inserted = time.perf_counter()
    summarized = rebuild(store)
    store.close()
    end = time.perf_counter()
    return {"events": written, "cases": cases, "template_s": made - start,
            "insert_s": inserted - made, "rebuild_s": end - inserted, "summaries": summarized,
            "seconds": end - start}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, required=True)
    parser.add_argument("--db", required=True, help="SQLAlchemy URL of a new store")
    parser.add_argument("--template", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    done = build(args.db, args.cases, args.template, args.seed)
    print(json.dumps(done))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
