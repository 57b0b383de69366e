"""Per-case work at the scale of a country (issue 16): one table of ratios from one run.

    python bench/scale.py --large 100000          # the issue's size (the store takes long)
    python bench/scale.py --quick                 # 100 against 5 000 cases, a few minutes
    python bench/scale.py --large 100000 --keep /tmp/stores   # reuse built stores

Rows: `verify ARKIVSAK`, the first page of `case list` and a live step (`note`) on a store of
`--large` cases against one of 100 (bench/bigstore.py builds both), in process, best of
several; the peak memory of `verify` of the whole large store (a subprocess; tracemalloc and
VmHWM); `blame` and `history` on a case of 400 proposals against one of 200.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import bigstore  # noqa: E402
import generate  # noqa: E402
from run import Row, in_process, machine, ms, peak_rss_kb, table  # noqa: E402

MEETING = "Bystyret 2031-03-05"


def store(folder: Path, cases: int) -> str:
    url = f"sqlite:///{folder / f'stor-{cases}.db'}"
    if not (folder / f"stor-{cases}.db").exists():
        done = bigstore.build(url, cases)
        print(f"  bygget {cases} saker: {json.dumps(done)}", file=sys.stderr)
    return url


def live_case(url: str, folder: Path) -> str:
    """A case opened live in a new meeting of the store (its item open): the live step's
    case. Returns the arkivsak."""
    arkivsak = "31/1"
    text = folder / "innstilling.txt"
    text.write_text("Saken vedtas.\n", encoding="utf-8")
    for args in (["case", "new", arkivsak, "--title", "Benk", "--recommendation-file",
                  str(text), "--route", "Bystyret:vedtak"],
                 ["meeting", "new", MEETING],
                 ["meeting", "agenda", MEETING, arkivsak, "--sak", "1/31"],
                 ["item", "open", MEETING, "1/31"]):
        in_process(["--db", url, *args], 0)
    return arkivsak


def a_case(url: str) -> str:
    from engine.app.case_list import case_page
    from engine.store.eventstore import EventStore

    found = EventStore(url)
    arkivsak = str(case_page(found, limit=1, offset=37)[0]["arkivsak"])
    found.close()
    return arkivsak


def bench_per_case(folder: Path, large: int, repeat: int, memory: bool = True) -> list[Row]:
    small_url, large_url = store(folder, 100), store(folder, large)
    rows = []
    commands = {
        "verify ARKIVSAK": lambda url: ["verify", a_case(url)],
        "case list, første side (20)": lambda url: ["case", "list", "--limit", "20"],
    }
    for name, args in commands.items():
        t_small = in_process(["--db", small_url, *args(small_url)], repeat)
        t_large = in_process(["--db", large_url, *args(large_url)], repeat)
        rows.append(Row(f"skala: {name}, {large} mot 100 saker", ms(t_large), ms(t_small),
                        t_large / t_small, 1.2))
    times = []
    for url, sub in ((small_url, "small"), (large_url, "large")):
        (folder / sub).mkdir(exist_ok=True)
        live_case(url, folder / sub) if not _has_case(url, "31/1") else None
        times.append(in_process(["--db", url, "note", "--meeting", MEETING,
                                 "Merknad fra benken."], repeat))
    rows.append(Row(f"skala: føringssteg (note), {large} mot 100 saker", ms(times[1]),
                    ms(times[0]), times[1] / times[0], 1.2))
    if memory:
        rows.append(verify_memory(large_url, large))
    return rows


def _has_case(url: str, arkivsak: str) -> bool:
    from engine.store.eventstore import EventStore

    found = EventStore(url)
    has = bool(found.read(f"sak:{arkivsak}"))
    found.close()
    return has


def worker_verify(url: str) -> dict[str, Any]:
    import tracemalloc

    from engine.store.eventstore import EventStore
    from engine.store.verify import verify_store

    tracemalloc.start()
    start = time.perf_counter()
    report = verify_store(EventStore(url))
    seconds = time.perf_counter() - start
    traced = tracemalloc.get_traced_memory()[1]
    return {"intact": report.intact, "events": report.events, "seconds": seconds,
            "traced_mb": traced / 2**20, "rss_mb": peak_rss_kb() / 1024}


def verify_memory(url: str, cases: int) -> Row:
    out = subprocess.run([sys.executable, __file__, "--worker-verify", url],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    done = json.loads(out.stdout.strip().splitlines()[-1])
    assert done["intact"], done
    return Row(f"minne: verify av hele lageret, {cases} saker ({done['events']} hendelser, "
               f"{done['seconds']:.0f} s)", f"{done['rss_mb']:.0f} MB (RSS)",
               f"{done['traced_mb']:.0f} MB (tracemalloc)", done["rss_mb"] / 100, 1.0,
               "forhold: mot 100 MB")


def proposals_case(folder: Path, count: int) -> str:
    """A store with one case whose one item has `count` proposals, every one voted on
    (every other one adopted: each adopted adds a paragraph to the decision)."""
    url = f"sqlite:///{folder / f'forslag-{count}.db'}"
    if (folder / f"forslag-{count}.db").exists():
        return url
    data = generate.generate(1, 11)
    data["cases"] = [{"arkivsak": "31/500", "title": "Mange forslag",
                      "prepared": {"by": "Rådmannen", "date": "2031-01-02"},
                      "recommendation": [f"Punkt {n} vedtas." for n in range(1, 21)],
                      "route": [{"body": "Bystyret", "role": "vedtak"}]}]
    members = [name for name, party in data["people"].items() if party == "Ap"]
    proceedings: list[dict[str, Any]] = []
    votes: list[dict[str, Any]] = [{"vote": {"on": "innstillingen", "unanimous": True}}]
    for n in range(1, count + 1):
        if n % 3 == 0:
            proposal = {"id": f"f{n}", "by": members[n % len(members)],
                        "kind": "endringsforslag", "replace": 1 + n % 20,
                        "text": f"Punkt {1 + n % 20} vedtas slik forslag {n} sier."}
        else:
            proposal = {"id": f"f{n}", "by": members[n % len(members)],
                        "kind": "tilleggsforslag", "add": f"Tillegg {n} vedtas."}
        proceedings.append({"propose": proposal})
        votes.append({"vote": {"on": f"f{n}", **({"unanimous": True} if n % 2
                                                 else {"for": {"Ap": 3}})}})
    proceedings += votes
    data["meetings"] = [{"body": "Bystyret", "date": "2031-01-10",
                         "items": [{"sak": "1/31", "case": "31/500",
                                    "proceedings": proceedings}]}]
    path = folder / f"forslag-{count}.yaml"
    generate.write(data, path)
    in_process(["--db", url, "replay", str(path)], 0)
    return url


def bench_audit(folder: Path, repeat: int) -> list[Row]:
    urls = {n: proposals_case(folder, n) for n in (200, 400)}
    rows = []
    for name in ("blame", "history"):
        t = {n: in_process(["--db", url, name, "31/500"], repeat) for n, url in urls.items()}
        rows.append(Row(f"skala: {name}, sak med 400 mot 200 forslag", ms(t[400]), ms(t[200]),
                        t[400] / t[200], 2.2))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="--large 5000")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the stores here")
    parser.add_argument("--only", choices=["per-case", "audit"])
    parser.add_argument("--no-memory", action="store_true",
                        help="leave out verify of the whole large store (minutes)")
    parser.add_argument("--worker-verify", metavar="URL")
    args = parser.parse_args(argv)
    if args.worker_verify:
        print(json.dumps(worker_verify(args.worker_verify)))
        return 0
    large = 5000 if args.quick else args.large
    with tempfile.TemporaryDirectory(prefix="saksflyt-skala-") as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        rows: list[Row] = []
        if args.only in (None, "per-case"):
            rows += bench_per_case(folder, large, args.repeat, not args.no_memory)
        if args.only in (None, "audit"):
            rows += bench_audit(folder, args.repeat)
    print(f"{machine()}, {time.strftime('%Y-%m-%d')}")
    print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
