"""The server under load: a logging step's server time on a store of 10 000 cases, as a ratio
to appending and reading back the same events with bare SQLAlchemy in the same run (target
at most 3x), and the latency of 8 clients logging at once (p95).

    python bench/serve.py --quick              # 1 000 cases, under two minutes here
    python bench/serve.py                      # 10 000 cases (the replay takes minutes)
    python bench/serve.py --db postgresql+psycopg://... --workers 2

The server is a real `saksflyt serve` process on 127.0.0.1; each step is an HTTP request with
a sekretær's token, and its server time is the app's own `Server-Timing` header (the HTTP
round trip is shown beside it). The baseline runs in this process against the same database:
in one transaction, read the stream's head, insert the same event rows with their hash chain,
commit; then read those rows back.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import run as benchrun  # noqa: E402

CHUNK = 2500


def build_store(folder: Path, cases: int, url: str | None) -> str:
    """A store with `cases` generated cases replayed (kept in `folder` for the next run)."""
    chunks = [benchrun.scenario(folder, f"serve-{first}", min(CHUNK, cases - first), first)
              for first in range(0, cases, CHUNK)]
    if url is None:
        return benchrun.store_of(folder, f"serve-{cases}", chunks)
    for chunk in chunks:
        benchrun.run_worker("replay", str(chunk), url)
    return url


def live_setup(url: str, clients: int) -> tuple[list[str], list[str]]:
    """A case and a meeting with its item open for each client (a council of the generated
    register), and a sekretær with a token for each. Returns (meetings, tokens)."""
    from engine.app import accounts, items, meetings, register
    from engine.app.repository import load_registry
    from engine.store.eventstore import EventStore

    store = EventStore(url)
    registry = load_registry(store)
    body = next(b.name for b in registry.bodies.values() if b.kind == "council")
    keys, tokens = [], []
    for n in range(clients):
        arkivsak = f"99/{n + 1}"
        register.new_case(store, "bench", arkivsak=arkivsak, title=f"Benkesak {n + 1}",
                          recommendation=["Vi vedtar planen.", "Planen gjelder fra 2040."],
                          route=[f"{body}:vedtak"])
        meeting = meetings.new_meeting(store, "bench", f"{body} 2040-01-{n + 10:02d}")
        meetings.add_to_agenda(store, "bench", meeting.key, arkivsak, f"{n + 1}/40")
        items.open_item(store, "bench", meeting.key, arkivsak)
        name = f"Benk Sekretær {n + 1}"
        accounts.add_user(store, name, "sekretær", "et langt benkepassord")
        tokens.append(accounts.new_token(store, name))
        keys.append(meeting.key)
    store.close()
    return keys, tokens


def serve(url: str, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "cli", "--db", url, "serve", "--port",
                                str(port), "--workers", str(workers)], cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/api/v1/openapi.json", timeout=2).read()
            return process, base
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("the server did not start") from None
            time.sleep(0.2)


def step(base: str, token: str, meeting: str, n: int) -> tuple[float, float]:
    """One logging step (a note) over HTTP: (server ms, round trip ms)."""
    body = json.dumps({"meeting": meeting, "step": {"note": f"Notat nummer {n}."}}).encode()
    request = urllib.request.Request(base + "/api/v1/steps", data=body, method="POST",
                                     headers={"Content-Type": "application/json",
                                              "Authorization": f"Bearer {token}"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as answer:
        answer.read()
        timing = answer.headers["Server-Timing"]
    round_trip = (time.perf_counter() - start) * 1000
    return float(timing.split("dur=")[1]), round_trip


def baseline(url: str, steps: int) -> list[float]:
    """Bare SQLAlchemy doing a step's storage work: read the head, insert the same event row
    (payload, hash chain) in one transaction, commit, read the row back. Milliseconds each."""
    import sqlalchemy as sa

    from engine.store.eventstore import events_table

    engine = sa.create_engine(url)  # SQLAlchemy's default pool: the connection stays open
    if url.startswith("sqlite"):
        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi: Any, _record: Any) -> None:
            dbapi.isolation_level = None
            dbapi.execute("PRAGMA synchronous=NORMAL")

        @sa.event.listens_for(engine, "begin")
        def _begin(conn: sa.Connection) -> None:
            conn.exec_driver_sql("BEGIN IMMEDIATE")

    table = sa.Table("bench_events", sa.MetaData(), *[
        sa.Column(c.name, c.type, primary_key=c.primary_key) for c in events_table.columns],
        sa.UniqueConstraint("stream_id", "seq"))
    table.drop(engine, checkfirst=True)
    table.create(engine)
    times = []
    payload = {"meeting": "Bystyret 2040-01-10", "text": "Notat."}
    for n in range(steps):
        start = time.perf_counter()
        with engine.begin() as conn:
            head = conn.execute(sa.select(table.c.seq, table.c.hash).where(
                table.c.stream_id == "sak:99/1").order_by(table.c.seq.desc()).limit(1)).first()
            seq, prev = (head.seq, head.hash) if head else (0, "0" * 64)
            text = json.dumps(payload, sort_keys=True)
            digest = hashlib.sha256((prev + text).encode()).hexdigest()
            conn.execute(sa.insert(table).values(
                stream_id="sak:99/1", seq=seq + 1, type="item.note", version=1,
                payload={**payload, "n": n}, actor="bench", recorded_at="2040-01-10",
                prev_hash=prev, hash=digest))
        with engine.connect() as conn:
            conn.execute(sa.select(table).where(table.c.stream_id == "sak:99/1",
                                                table.c.seq == seq + 1)).all()
        times.append((time.perf_counter() - start) * 1000)
    table.drop(engine)
    engine.dispose()
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18] if len(values) >= 20 else max(values)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="1 000 cases, fewer steps")
    parser.add_argument("--steps", type=int, default=60, help="steps for the ratio")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--per-client", type=int, default=25)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--db", help="a PostgreSQL URL (an empty database); default SQLite")
    parser.add_argument("--keep", type=Path, help="keep the generated store in this folder")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args(argv)
    if args.quick:
        args.cases, args.steps, args.per_client = 1000, 40, 15
    folder = args.keep or Path(tempfile.mkdtemp(prefix="saksflyt-serve-"))
    folder.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    url = build_store(folder, args.cases, args.db)
    built = time.perf_counter() - started
    # A fresh copy of a kept SQLite store, so every run logs into the same state.
    if url.startswith("sqlite"):
        import shutil

        source = Path(url.removeprefix("sqlite:///"))
        copy = folder / "serve-run.db"
        for suffix in ("", "-wal", "-shm"):
            if (folder / f"serve-run.db{suffix}").exists():
                os.remove(folder / f"serve-run.db{suffix}")
        shutil.copy(source, copy)
        url = f"sqlite:///{copy}"
    meetings, tokens = live_setup(url, args.clients)
    process, base = serve(url, args.workers)
    try:
        for n in range(5):  # warm: imports, connection pool, caches
            step(base, tokens[0], meetings[0], -n)
        single = [step(base, tokens[0], meetings[0], n) for n in range(args.steps)]
        bare = baseline(url, args.steps)

        latencies: list[float] = []
        lock = threading.Lock()

        def client(index: int) -> None:
            for n in range(args.per_client):
                _, round_trip = step(base, tokens[index], meetings[index], n)
                with lock:
                    latencies.append(round_trip)

        wall = time.perf_counter()
        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - wall
    finally:
        process.terminate()
        process.wait(timeout=30)

    server_ms = statistics.median(s for s, _ in single)
    trip_ms = statistics.median(r for _, r in single)
    bare_ms = statistics.median(bare)
    figures = {
        "cases": args.cases, "backend": url.split(":")[0], "workers": args.workers,
        "store_built_s": round(built, 1), "steps": args.steps,
        "step_server_ms_median": round(server_ms, 2),
        "step_round_trip_ms_median": round(trip_ms, 2),
        "bare_sqlalchemy_ms_median": round(bare_ms, 2),
        "ratio": round(server_ms / bare_ms, 2), "target": 3.0,
        "clients": args.clients, "steps_per_client": args.per_client,
        "concurrent_p50_ms": round(statistics.median(latencies), 1),
        "concurrent_p95_ms": round(p95(latencies), 1),
        "concurrent_steps_per_s": round(len(latencies) / wall, 1),
    }
    rows = [("logging step, server time (median)", f"{server_ms:.1f} ms",
             f"{bare_ms:.1f} ms bare SQLAlchemy", f"{server_ms / bare_ms:.2f}x", "≤ 3.0x"),
            ("same step, HTTP round trip (median)", f"{trip_ms:.1f} ms", "", "", ""),
            (f"{args.clients} clients at once: p50 / p95", f"{figures['concurrent_p50_ms']} / "
             f"{figures['concurrent_p95_ms']} ms", f"{figures['concurrent_steps_per_s']} "
             "steps/s", "", "")]
    print(f"saksflyt serve: {args.cases} saker ({figures['backend']}, {args.workers} "
          f"worker(s)); store built in {built:.0f} s")
    print("| what | measured | baseline | ratio | target |\n| --- | --- | --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
