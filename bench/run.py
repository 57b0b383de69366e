"""Benchmarks of saksflyt against bare libraries doing the same work: one table of ratios.

    python bench/run.py --quick        # under two minutes on a 2-core machine
    python bench/run.py                # the sizes of issue 7 (takes long: see --large)

Each row is measured in this run against its baseline: replay against the sum of its floors
(bench/floors.py: libyaml's parse of the file, sqlite3 executemany, sha256 and JSON of the same
rows), and, with --pg, into PostgreSQL against SQLite; .docx protocols against bare python-docx
writing the same paragraphs, headings and tables; whole-process command latency against bare
imports; reading commands in a small and a large store; peak memory of replaying many cases
against few. Replays and latencies run in subprocesses, so their memory and start-up are real.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402

SEED = 7


@dataclass
class Row:
    what: str
    measured: str
    baseline: str
    ratio: float | None
    target: float
    note: str = ""

    @property
    def met(self) -> str:
        if self.ratio is None:
            return "–"
        return "ja" if self.ratio <= self.target else "nei"


@dataclass
class Sizes:
    replay: int
    few: int
    small: int
    large: int
    chunk: int
    repeat: int
    protocols: int


QUICK = Sizes(replay=200, few=20, small=100, large=600, chunk=250, repeat=3, protocols=20)
FULL = Sizes(replay=10_000, few=100, small=100, large=100_000, chunk=5000, repeat=5,
             protocols=200)


# --- workers (run in a subprocess: `python bench/run.py --worker NAME ARGS...`) ----------------

def worker_replay(path: str, url: str) -> dict[str, Any]:
    """Replay one scenario file into the store; time without interpreter start-up."""
    import engine.scenario.apply  # noqa: F401 (imported before the clock, as the floors' are)
    from engine.app.replay import replay
    from engine.store.eventstore import EventStore

    start = time.perf_counter()
    store = EventStore(url)
    events = replay(store, "bench", Path(path)).written
    store.close()
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "events": events, "maxrss_kb": peak_rss_kb()}


def peak_rss_kb() -> int:
    """This process's peak RSS. VmHWM belongs to the process image, whereas ru_maxrss keeps
    the high-water mark of the parent it was forked from (Linux)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def worker_floors(scenario: str, replayed: str, folder: str, repeat: str) -> dict[str, Any]:
    import floors

    return floors.measure(scenario, replayed, folder, int(repeat))


WORKERS: dict[str, Callable[..., dict[str, Any]]] = {
    "replay": worker_replay, "floors": worker_floors}


def run_worker(name: str, *args: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, __file__, "--worker", name, *args],
                         capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        raise RuntimeError(f"{name} {' '.join(args)}:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- helpers ----------------------------------------------------------------------------------

def scenario(folder: Path, name: str, cases: int, first: int = 0) -> Path:
    path = folder / f"{name}.yaml"
    if not path.exists():
        generate.write(generate.generate(cases, SEED + first, first), path)
    return path


def store_of(folder: Path, name: str, chunks: list[Path]) -> str:
    """A SQLite store with the scenario files replayed one after the other."""
    db = folder / f"{name}.db"
    url = f"sqlite:///{db}"
    if not db.exists():
        for chunk in chunks:
            run_worker("replay", str(chunk), url)
    return url


def wall(argv: list[str], repeat: int, env: dict[str, str] | None = None) -> float:
    """Best wall-clock seconds of a whole process (see `paired`)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, cwd=ROOT, env=env)
        best = min(best, time.perf_counter() - start)
    return best


def paired(argv: list[str], base: list[str], repeat: int,
           env: dict[str, str] | None = None) -> tuple[float, float]:
    """Best wall-clock seconds of a whole process and of its baseline, run in turn: on a
    loaded machine the least disturbed run of each is the closest to its own cost, and
    alternating gives both the same minutes."""
    ours, theirs = float("inf"), float("inf")
    for _ in range(repeat):
        for which in (0, 1):
            start = time.perf_counter()
            subprocess.run(argv if which == 0 else base, check=True, capture_output=True,
                           cwd=ROOT, env=env)
            took = time.perf_counter() - start
            if which == 0:
                ours = min(ours, took)
            else:
                theirs = min(theirs, took)
    return ours, theirs


def in_process(args: list[str], repeat: int) -> float:
    """Best time of a saksflyt command run in this process (imports already warm)."""
    from click.testing import CliRunner

    import cli

    runner = CliRunner()
    best = float("inf")
    for _ in range(repeat + 1):
        start = time.perf_counter()
        result = runner.invoke(cli.main, args, catch_exceptions=False)
        best = min(best, time.perf_counter() - start)
        if result.exit_code != 0:
            raise RuntimeError(f"saksflyt {' '.join(args)}: {result.output.strip()}")
    return best


def target_case(url: str) -> tuple[str, list[str]]:
    """The decided case with the most items in the store: (arkivsak, its meetings)."""
    from engine.app.repository import load_case, load_registry
    from engine.store.eventstore import EventStore

    store = EventStore(url)
    registry = load_registry(store)
    best: tuple[int, str, list[str]] = (-1, "", [])
    for stream in store.streams("sak:")[:100]:
        case = load_case(store, registry, stream.removeprefix("sak:"))
        if case is not None and case.decision is not None and len(case.items) > best[0]:
            best = (len(case.items), case.arkivsak, [i.meeting for i in case.items])
    store.close()
    return best[1], best[2]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


# --- the rows ---------------------------------------------------------------------------------

def bench_replay(folder: Path, sizes: Sizes, pg: str | None) -> tuple[list[Row], dict[str, Any]]:
    """Replay against the sum of its floors (bench/floors.py), and PostgreSQL against SQLite:
    each replay into a new store, best of `sizes.repeat`, in the same minutes."""
    path = scenario(folder, "replay", sizes.replay)
    runs = []
    for n in range(sizes.repeat):
        db = folder / f"replay{n}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        runs.append(run_worker("replay", str(path), f"sqlite:///{db}"))
    ours = min(runs, key=lambda r: r["seconds"])
    base = run_worker("floors", str(path), str(folder / "replay0.db"), str(folder),
                      str(sizes.repeat))
    f = base["floors"]
    spread = ", ".join(f"{r['seconds'] * 1000:.0f}" for r in runs)
    rows = [Row(f"replay: {sizes.replay} saker ({ours['events']} hendelser) i ny SQLite, "
                f"best av {sizes.repeat} ({spread} ms)",
                ms(ours["seconds"]),
                f"{ms(base['sum'])} (gulv: libyaml {ms(f['libyaml'])}, sqlite3 "
                f"{ms(f['sqlite3'])}, sha256 {ms(f['sha256'])}, JSON {ms(f['json'])}; "
                f"CSafeLoader alene {ms(base['csafeloader'])})",
                ours["seconds"] / base["sum"], 3.0)]
    if pg:
        pg_runs = []
        for n in range(sizes.repeat):
            with pg_database(pg, f"saksflyt_bench_{os.getpid()}_{n}") as url:
                pg_runs.append(run_worker("replay", str(path), url))
        theirs = min(r["seconds"] for r in pg_runs)
        spread = ", ".join(f"{r['seconds'] * 1000:.0f}" for r in pg_runs)
        rows.append(Row(f"replay: {sizes.replay} saker i ny PostgreSQL-database, best av "
                        f"{sizes.repeat} ({spread} ms)", ms(theirs),
                        f"{ms(ours['seconds'])} (SQLite, samme kjøring)",
                        theirs / ours["seconds"], 1.3))
    return rows, runs[0]


@contextmanager
def pg_database(server: str, name: str) -> Iterator[str]:
    """A new, empty database on the PostgreSQL server at `server` (dropped afterwards)."""
    import sqlalchemy as sa

    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
    try:
        yield sa.make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def bench_memory(folder: Path, sizes: Sizes, many: dict[str, Any]) -> Row:
    path = scenario(folder, "few", sizes.few)
    few = run_worker("replay", str(path), f"sqlite:///{folder / 'few.db'}")
    return Row(f"minne: toppforbruk (RSS), replay av {sizes.replay} mot {sizes.few} saker",
               f"{many['maxrss_kb'] / 1024:.0f} MB", f"{few['maxrss_kb'] / 1024:.0f} MB",
               many["maxrss_kb"] / few["maxrss_kb"], 1.5)


def bench_scale(folder: Path, sizes: Sizes) -> tuple[list[Row], str, str, list[str]]:
    import cli

    first = scenario(folder, "chunk0", sizes.small)
    small = store_of(folder, "small", [first])
    chunks = [first]
    done = sizes.small
    while done < sizes.large:
        n = min(sizes.chunk, sizes.large - done)
        chunks.append(scenario(folder, f"chunk{done}", n, first=done))
        done += n
    large = store_of(folder, "large", chunks)
    arkivsak, meetings = target_case(small)
    commands = {
        "vedtak": ["vedtak", arkivsak],
        "blame": ["blame", arkivsak],
        "protocol": ["protocol", arkivsak, "--meeting", meetings[-1]],
    }
    rows = []
    for name, args in commands.items():
        if name not in cli.main.commands:
            rows.append(Row(f"skala: {name} på én sak", "finnes ikke ennå", "", None, 1.2))
            continue
        t_small = in_process(["--db", small, *args], sizes.repeat * 5)
        t_large = in_process(["--db", large, *args], sizes.repeat * 5)
        rows.append(Row(f"skala: {name} på én sak, {sizes.large} mot {sizes.small} saker",
                        ms(t_large), ms(t_small), t_large / t_small, 1.2))
    return rows, small, large, [arkivsak, *meetings]


def bench_protocols(folder: Path, url: str, sizes: Sizes) -> Row:
    import cli

    what = ".docx-protokoller per sekund"
    if "protocol" not in cli.main.commands:
        return Row(what, "kommandoen protocol finnes ikke ennå", "", None, 1.5)
    from click.testing import CliRunner
    from docx import Document

    from engine.app.repository import load_case, load_registry
    from engine.store.eventstore import EventStore

    store = EventStore(url)
    registry = load_registry(store)
    jobs = []
    for stream in store.streams("sak:")[:40]:
        case = load_case(store, registry, stream.removeprefix("sak:"))
        jobs += [(case.arkivsak, item.meeting) for item in case.items if item.outcome]
    jobs = jobs[: sizes.protocols]
    out = folder / "docx"
    out.mkdir(exist_ok=True)
    runner = CliRunner()
    files = []
    start = time.perf_counter()
    for n, (arkivsak, meeting) in enumerate(jobs):
        path = out / f"{n}.docx"
        result = runner.invoke(cli.main, ["--db", url, "protocol", arkivsak, "--meeting",
                                          meeting, "--format", "docx", "-o", str(path)])
        if result.exit_code != 0:
            return Row(what, f"feil: {result.output.strip()[:80]}", "", None, 1.5)
        files.append(path)
    ours = time.perf_counter() - start
    # The baseline writes the same blocks with python-docx alone: read them back first.
    contents = []
    for path in files:
        doc = Document(str(path))
        blocks: list[tuple[str, Any]] = []
        for child in doc.element.body.iterchildren():
            tag = child.tag.rsplit("}", 1)[-1]
            if tag == "p":
                from docx.text.paragraph import Paragraph

                p = Paragraph(child, doc)
                blocks.append(("p", (p.text, p.style.name if p.style is not None else None)))
            elif tag == "tbl":
                from docx.table import Table

                table = Table(child, doc)
                blocks.append(("t", [[c.text for c in r.cells] for r in table.rows]))
        contents.append(blocks)
    start = time.perf_counter()
    for n, blocks in enumerate(contents):
        doc = Document()
        for kind, value in blocks:
            if kind == "p":
                text, style = value
                if style and style.startswith("Heading"):
                    doc.add_heading(text, level=int(style.split()[-1]) if style[-1].isdigit()
                                    else 1)
                else:
                    doc.add_paragraph(text)
            else:
                table = doc.add_table(rows=len(value), cols=max(len(r) for r in value))
                for r, cells in enumerate(value):
                    for c, text in enumerate(cells):
                        table.cell(r, c).text = text
        doc.save(str(out / f"base{n}.docx"))
    base = time.perf_counter() - start
    return Row(f"{what} ({len(jobs)} protokoller)", f"{len(jobs) / ours:.1f}/s",
               f"{len(jobs) / base:.1f}/s (python-docx)", ours / base, 1.5)


def saksflyt_argv() -> list[str]:
    """The command line of this tree's saksflyt (what the `saksflyt` script runs)."""
    return [sys.executable, "-m", "cli"]


def bench_latency(folder: Path, large: str, arkivsak: str, sizes: Sizes) -> list[Row]:
    """Whole processes against bare imports (issue 16: at most 1.5 times). Our modules are
    compiled to bytecode first, as an installed package has them: without it (the
    PYTHONDONTWRITEBYTECODE these sessions run with) every process compiles them again."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", "cli", "engine", "documents",
                    "server", "workflows"], check=True, cwd=ROOT)
    exe = saksflyt_argv()
    py = sys.executable
    env = {**os.environ, "SAKSFLYT_DB": large, "PYTHONPATH": str(ROOT)}
    base = wall([py, "-c", "import sqlalchemy, pydantic"], sizes.repeat + 2)
    rows = []
    try:
        vote_times = live_votes(folder, exe, env, sizes.repeat)
        t_vote = min(vote_times)
        rows.append(Row(f"saksflyt vote (hel prosess), lager med {sizes.large} saker",
                        ms(t_vote), ms(base) + " (import sqlalchemy, pydantic)", t_vote / base,
                        1.5))
    except (subprocess.CalledProcessError, RuntimeError) as exc:
        detail = getattr(exc, "stderr", b"") or str(exc).encode()
        rows.append(Row("saksflyt vote (hel prosess)", f"feil: {detail.decode()[:80]}", "",
                        None, 1.5))
    t_read, base = paired([*exe, "vedtak", arkivsak], [py, "-c", "import sqlalchemy, pydantic"],
                          sizes.repeat * 3, env)
    rows.append(Row(f"saksflyt vedtak (hel prosess), lager med {sizes.large} saker", ms(t_read),
                    ms(base) + " (import sqlalchemy, pydantic)", t_read / base, 1.5))
    t_help, t_click = paired([*exe, "--help"], [py, "-c", "import click"], sizes.repeat * 5,
                             env)
    rows.append(Row("saksflyt --help (hel prosess)", ms(t_help), ms(t_click) + " (import click)",
                    t_help / t_click, 1.5))
    return rows


def live_votes(folder: Path, exe: list[str], env: dict[str, str], repeat: int) -> list[float]:
    """Open a new case's item in a meeting of its own and time one vote a proposal."""
    person = next(n for n, a in generate.Generator(SEED).register.people.items() if a == "Ap")
    rec = folder / "rec.txt"
    rec.write_text("Bystyret vedtar planen.\n\nPlanen evalueres etter to år.\n", "utf-8")
    meeting = "Bystyret 2035-01-08"
    setup = [
        ["case", "new", "35/1", "--title", "Benk", "--recommendation-file", str(rec),
         "--route", "Bystyret:vedtak"],
        ["meeting", "new", meeting],
        ["meeting", "agenda", meeting, "35/1", "--sak", "1/35"],
        ["item", "open", meeting, "1/35"],
    ] + [["propose", "--id", f"benk{n}", "--by", person, "--kind", "tilleggsforslag", "--add",
          f"Tillegg nummer {n}."] for n in range(repeat + 2)]
    for args in setup:
        subprocess.run([*exe, *args], check=True, capture_output=True, env=env, cwd=folder)
    times = []
    for n in range(repeat + 2):
        start = time.perf_counter()
        subprocess.run([*exe, "vote", "--on", f"benk{n}", "--against", "2R"], check=True,
                       capture_output=True, env=env, cwd=folder)
        times.append(time.perf_counter() - start)
    return times


# --- the table --------------------------------------------------------------------------------

def table(rows: list[Row]) -> str:
    lines = ["| hva | målt | grunnlinje | forhold | mål | nådd |",
             "| --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "–"
        lines.append(f"| {r.what} | {r.measured} | {r.baseline} | {ratio} | ≤ {r.target}x | "
                     f"{r.met} |")
    return "\n".join(lines)


def machine() -> str:
    mem = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.splitlines()
    return (f"{os.cpu_count()} kjerner (nproc), minne: {mem[1].split()[1] if len(mem) > 1 else '?'}"
            f", Python {platform.python_version()}, {platform.platform()}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (under two minutes)")
    parser.add_argument("--large", type=int, help="cases in the large store")
    parser.add_argument("--replay", type=int, help="cases in the replay and memory runs")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    parser.add_argument("--pg", metavar="URL", default=os.environ.get("SAKSFLYT_BENCH_PG_URL"),
                        help="a PostgreSQL server (its URL, as SAKSFLYT_TEST_PG_URL) to replay "
                             "into as well; each run gets a new database there")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(WORKERS[args.worker[0]](*args.worker[1:])))
        return 0
    sizes = QUICK if args.quick else FULL
    sizes = Sizes(**{**sizes.__dict__, **{k: v for k, v in (("large", args.large),
                                                            ("replay", args.replay)) if v}})
    folder = args.keep or Path(tempfile.mkdtemp(prefix="saksflyt-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    rows: list[Row] = []

    def step(label: str) -> None:
        print(f"[{time.perf_counter() - started:6.1f}s] {label}", file=sys.stderr, flush=True)

    try:
        step(f"replay av {sizes.replay} saker")
        replay_rows, many = bench_replay(folder, sizes, args.pg)
        rows += replay_rows
        step("skala: bygger lagrene")
        scale_rows, small, large, (arkivsak, *_meetings) = bench_scale(folder, sizes)
        step("protokoller")
        rows.append(bench_protocols(folder, small, sizes))
        step("kommandoer som hele prosesser")
        rows += bench_latency(folder, large, arkivsak, sizes)
        rows += scale_rows
        step("minne")
        rows.append(bench_memory(folder, sizes, many))
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    step("ferdig")
    print(f"Maskin: {machine()}")
    print(f"Kommando: python bench/run.py{' --quick' if args.quick else ''}"
          + (f" --large {args.large}" if args.large else "")
          + (f" --replay {args.replay}" if args.replay else ""))
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps([r.__dict__ | {"met": r.met} for r in rows],
                                        ensure_ascii=False, indent=2), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
