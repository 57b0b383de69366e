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
commit; then read those rows back. The two alternate, a server step then a baseline step, so
load from elsewhere on the machine weighs on both alike. A last row times the whole
`saksflyt note` process in client mode against `python -c "import click"`.
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


class Baseline:
    """Bare SQLAlchemy doing a step's storage work: read the head, insert the same event row
    (payload, hash chain) in one transaction, commit, read the row back. `step()` times one,
    in milliseconds, so the bench can run it between the server's steps (a loaded machine
    then slows both alike)."""

    def __init__(self, url: str) -> None:
        import sqlalchemy as sa

        from engine.store.eventstore import events_table

        self.sa = sa
        engine = sa.create_engine(url)  # SQLAlchemy's default pool: the connection stays open
        if url.startswith("sqlite"):
            @sa.event.listens_for(engine, "connect")
            def _pragmas(dbapi: Any, _record: Any) -> None:
                dbapi.isolation_level = None
                dbapi.execute("PRAGMA synchronous=NORMAL")

            @sa.event.listens_for(engine, "begin")
            def _begin(conn: sa.Connection) -> None:
                conn.exec_driver_sql("BEGIN IMMEDIATE")

        self.engine = engine
        self.table = sa.Table("bench_events", sa.MetaData(), *[
            sa.Column(c.name, c.type, primary_key=c.primary_key) for c in events_table.columns],
            sa.UniqueConstraint("stream_id", "seq"))
        self.table.drop(engine, checkfirst=True)
        self.table.create(engine)
        self.n = 0

    def step(self) -> float:
        sa, table = self.sa, self.table
        payload = {"meeting": "Bystyret 2040-01-10", "text": "Notat."}
        self.n += 1
        start = time.perf_counter()
        with self.engine.begin() as conn:
            head = conn.execute(sa.select(table.c.seq, table.c.hash).where(
                table.c.stream_id == "sak:99/1").order_by(table.c.seq.desc()).limit(1)).first()
            seq, prev = (head.seq, head.hash) if head else (0, "0" * 64)
            text = json.dumps(payload, sort_keys=True)
            digest = hashlib.sha256((prev + text).encode()).hexdigest()
            conn.execute(sa.insert(table).values(
                stream_id="sak:99/1", seq=seq + 1, type="item.note", version=1,
                payload={**payload, "n": self.n}, actor="bench", recorded_at="2040-01-10",
                prev_hash=prev, hash=digest))
        with self.engine.connect() as conn:
            conn.execute(sa.select(table).where(table.c.stream_id == "sak:99/1",
                                                table.c.seq == seq + 1)).all()
        return (time.perf_counter() - start) * 1000

    def close(self) -> None:
        self.table.drop(self.engine)
        self.engine.dispose()


def client_process(url: str, base: str, token: str, meeting: str, repeat: int,
                   ) -> dict[str, float]:
    """A live step as a secretary types it: the whole `saksflyt note` process in client mode
    (SAKSFLYT_SERVER and SAKSFLYT_TOKEN) against the running server, against the whole
    process `python -c "import click"`, each run `repeat` times, interleaved; medians in ms."""
    script = Path(sys.executable).with_name("saksflyt")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "cli"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAKSFLYT_")}
    env.update(SAKSFLYT_SERVER=base, SAKSFLYT_TOKEN=token)
    floor_env = {k: v for k, v in env.items() if k != "SAKSFLYT_TOKEN"}
    steps, clicks = [], []
    for n in range(repeat + 1):
        start = time.perf_counter()
        subprocess.run([*command, "note", f"Klientnotat {n}.", "--meeting", meeting],
                       check=True, capture_output=True, cwd=ROOT, env=env)
        took = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import click"], check=True,
                       capture_output=True, cwd=ROOT, env=floor_env)
        floor = (time.perf_counter() - start) * 1000
        if n:  # the first of each warms the file cache
            steps.append(took)
            clicks.append(floor)
    return {"client_step_process_ms": round(statistics.median(steps), 1),
            "import_click_process_ms": round(statistics.median(clicks), 1),
            "client_ratio": round(statistics.median(steps) / statistics.median(clicks), 2)}


def growth(url: str, meeting: str, steps: int) -> dict[str, float]:
    """A live step as the case grows, in this process through the application layer: the
    server's store (state kept warm by its head) against the same store with `fold` turned
    off (each step evolves the register, the meeting and the case from all their events, as
    before: the rows still held, the connections still pooled). Median ms of the first and
    the last 20 steps of `steps` notes logged into one item."""
    from engine.app import items
    from engine.app.cache import CachedStore

    class Cold(CachedStore):
        def fold(self, stream_id: str, build: Any, more: Any, context: Any = None) -> Any:
            return build(self.read(stream_id))

    found: dict[str, float] = {}
    for name, store in (("warm", CachedStore(url)), ("cold", Cold(url))):
        times = []
        for n in range(steps):
            start = time.perf_counter()
            items.log_step(store, "bench", "note", {"text": f"Vekstnotat {n}."}, meeting)
            times.append((time.perf_counter() - start) * 1000)
        store.close()
        first, last = statistics.median(times[:20]), statistics.median(times[-20:])
        found[f"{name}_first_ms"] = round(first, 2)
        found[f"{name}_last_ms"] = round(last, 2)
        found[f"{name}_growth"] = round(last / first, 2)
    found["growth_steps"] = steps
    return found


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
    parser.add_argument("--growth", type=int, default=1000,
                        help="notes logged into one item for the growth rows (0: none)")
    parser.add_argument("--repeat", type=int, default=15,
                        help="whole client processes for the client-step row")
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
        # Interleaved: a server step, then the baseline's, so load from elsewhere on the
        # machine weighs on both sides of the ratio alike.
        floor = Baseline(url)
        for _ in range(5):
            floor.step()
        single, bare = [], []
        for n in range(args.steps):
            single.append(step(base, tokens[0], meetings[0], n))
            bare.append(floor.step())
        # And as a block of its own, as the first version of this bench measured it: the
        # baseline's connection then keeps its page cache warm between its own writes.
        block = [floor.step() for _ in range(args.steps)]
        floor.close()
        client_row = client_process(url, base, tokens[0], meetings[0], args.repeat)

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

    grown = growth(url, meetings[1], args.growth) if args.growth else {}
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
        "server_ms_p25_p75": [round(q, 2) for q in statistics.quantiles(
            [x for x, _ in single], n=4)[::2]],
        "bare_ms_p25_p75": [round(q, 2) for q in statistics.quantiles(bare, n=4)[::2]],
        "bare_block_ms_median": round(statistics.median(block), 2),
        "ratio_to_block": round(server_ms / statistics.median(block), 2),
        "clients": args.clients, "steps_per_client": args.per_client,
        "concurrent_p50_ms": round(statistics.median(latencies), 1),
        "concurrent_p95_ms": round(p95(latencies), 1),
        "concurrent_steps_per_s": round(len(latencies) / wall, 1),
    }
    figures.update(client_row)
    figures.update(grown)
    rows = [("logging step, server time (median)", f"{server_ms:.1f} ms",
             f"{bare_ms:.1f} ms bare SQLAlchemy", f"{server_ms / bare_ms:.2f}x", "≤ 3.0x"),
            ("same, baseline run as a block after the server's steps", f"{server_ms:.1f} ms",
             f"{statistics.median(block):.1f} ms", f"{figures['ratio_to_block']:.2f}x", ""),
            ("same step, HTTP round trip (median)", f"{trip_ms:.1f} ms", "", "", ""),
            ("same step, whole `saksflyt note` process in client mode (median)",
             f"{client_row['client_step_process_ms']:.0f} ms",
             f"{client_row['import_click_process_ms']:.0f} ms `python -c \"import click\"`",
             f"{client_row['client_ratio']:.2f}x", "≤ 3.0x"),
            (f"{args.clients} clients at once: p50 / p95", f"{figures['concurrent_p50_ms']} / "
             f"{figures['concurrent_p95_ms']} ms", f"{figures['concurrent_steps_per_s']} "
             "steps/s", "", "")]
    if grown:
        rows += [(f"live step in process, last 20 of {args.growth} against the first 20, "
                  f"{kind}", f"{grown[kind + '_last_ms']:.1f} ms",
                  f"{grown[kind + '_first_ms']:.1f} ms", f"{grown[kind + '_growth']:.2f}x",
                  "flat" if kind == "warm" else "")
                 for kind in ("warm", "cold")]
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
