"""Mutation fuzzing of the scenario format: mutants of the project's own scenarios, replayed
as a user would (`saksflyt --db URL replay FILE`), each into a copy of a store.

    python bench/fuzz.py --seconds 150            # what .ci/run runs
    python bench/fuzz.py --mutants 2000 --seed 3  # longer, another sequence

Every mutant must end one of two ways: accepted (exit 0), and then every document of every
case renders in every format (text, Markdown, Word: protocols, meeting protocols, dossier,
diff, blame, history); or refused (exit 2) with one line on standard error and the store
byte for byte as it was. A traceback, any other exit, a hang over HANG_SECONDS, or a run out
of memory is a failure. The figures are printed (and written with --json); exit 1 on any
failure or with fewer mutants than --min-mutants.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import random
import re
import resource
import shutil
import signal
import sys
import tempfile
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HANG_SECONDS = 10
MEMORY_LIMIT = 3 * 1024**3
SEEDS = [*sorted((ROOT / "examples").glob("*.yaml")),
         *sorted((ROOT / "tests" / "engine" / "scenarios").rglob("*.yaml"))]

HOSTILE: list[Any] = [
    True, False, None, 0, -1, 10**30, 1.5, "", " ", "x", [], {}, [True], {"a": 1}, [[1]],
    "2019-02-30", "2019-13-01", "0000-00-00", "19/8286", "x\x1by", "nul\x00", "slutt\ufffe",
    "\u202eoverstyrt", "a" * 300, "Navn\n## Vedtak", "| Tittel: | falsk |", "# Overskrift",
    "**fet**", "<script>alert(1)</script>", "../../etc/passwd", "4V, 4V, 4V", "1Ap\n## x",
    "on", "yes", "innstillingen", "Bystyret", "Ap",
]
TAGS = ["!!int ", "!!bool ", "!!float ", "!!null ", "!!seq ", "!!map ", "!!binary ",
        "!!timestamp ", "!!set ", "!!omap ", "!egen ", "!!python/object/apply:os.system ",
        "!!str "]
BOMB = ("x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        + "".join(f"x{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, "
                  f"*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n" for i in range(1, 10)))


class Hang(Exception):
    pass


@dataclass
class Figures:
    mutants: int = 0
    accepted: int = 0
    refused: int = 0
    tracebacks: int = 0
    hangs: int = 0
    other_exits: int = 0
    store_changed: int = 0
    multiline_refusals: int = 0
    render_failures: int = 0
    documents_rendered: int = 0
    slowest_seconds: float = 0.0
    slowest: str = ""
    seconds: float = 0.0
    by_mutation: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return (self.tracebacks + self.hangs + self.other_exits + self.store_changed
                + self.multiline_refusals + self.render_failures)


# --- mutating ---------------------------------------------------------------------------------

def load(path: Path) -> Any:
    from engine.domain import yaml12

    return _plain(yaml12.load(path.read_text("utf-8")))


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def dump(data: Any) -> str:
    import yaml

    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)


def _slots(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a node."""
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _slots(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _slots(value, (*path, index))
    return found


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value


def mutate_data(rng: random.Random, data: Any) -> str:
    """One change to the data; returns the mutation's name."""
    slots = [s for s in _slots(data) if s]
    path = rng.choice(slots)
    parent = _get(data, path[:-1])
    kind = rng.choice(["replace", "replace", "replace", "delete", "duplicate", "swap", "date",
                       "tally", "deep", "long"])
    if kind == "replace":
        _set(data, path, copy.deepcopy(rng.choice(HOSTILE)))
    elif kind == "delete":
        del parent[path[-1]]
    elif kind == "duplicate" and isinstance(parent, list):
        parent.insert(path[-1], copy.deepcopy(parent[path[-1]]))
    elif kind == "swap" and isinstance(parent, list) and len(parent) > 1:
        other = rng.randrange(len(parent))
        parent[path[-1]], parent[other] = parent[other], parent[path[-1]]
    elif kind == "date":
        dates = [s for s in slots if s[-1] in ("date", "to")]
        if dates:
            target = rng.choice(dates)
            _set(data, target, f"20{rng.randint(10, 30)}-{rng.randint(1, 12):02d}-"
                               f"{rng.randint(1, 28):02d}")
    elif kind == "tally":
        votes = [s for s in slots if s[-1] in ("against", "for", "seats", "present")]
        if votes:
            _set(data, rng.choice(votes), rng.choice(
                [True, "", {}, "4V, 4V", "1Ap, 1Ap", 10**30, -3, "3x", {"Ap": True},
                 {"Ap": 10**30}, [1], "0", 0]))
    elif kind == "deep":
        depth = rng.choice([45, 200, 5000])  # written into the text by `mutant`
        _set(data, path, f"@@DEEP{depth}@@")
    else:
        _set(data, path, "Lang " * rng.randint(60, 30000))
    return f"data:{kind}"


def mutate_text(rng: random.Random, text: str) -> tuple[bytes, str]:
    kind = rng.choice(["tag", "tag", "bomb", "latin1", "utf16", "truncate", "flip", "control",
                       "newline-title", "anchor"])
    lines = text.splitlines(keepends=True)
    if kind == "tag":
        candidates = [i for i, line in enumerate(lines) if ": " in line]
        if candidates:
            i = rng.choice(candidates)
            head, _, tail = lines[i].partition(": ")
            lines[i] = f"{head}: {rng.choice(TAGS)}{tail}"
        return "".join(lines).encode("utf-8"), "text:tag"
    if kind == "bomb":
        return (BOMB + text).encode("utf-8"), "text:bomb"
    if kind == "anchor":
        return (text + "municipality: &m [*m]\n").encode("utf-8"), "text:anchor"
    if kind == "latin1":
        return (text + "\n# æøå\n").encode("latin-1", "replace"), "text:latin1"
    if kind == "utf16":
        return text.encode("utf-16"), "text:utf16"
    if kind == "truncate":
        data = text.encode("utf-8")
        return data[:rng.randrange(max(len(data), 1))], "text:truncate"
    if kind == "flip":
        data = bytearray(text.encode("utf-8"))
        for _ in range(rng.randint(1, 5)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data), "text:flip"
    if kind == "control":
        candidates = [i for i, line in enumerate(lines) if ": " in line and '"' not in line]
        if candidates:
            i = rng.choice(candidates)
            head, _, tail = lines[i].rstrip("\n").partition(": ")
            char = rng.choice(["\\e", "\\0", "\\uFFFE", "\\x07", "\\u202E", "\\n## Vedtak\\n"])
            lines[i] = f'{head}: "{tail.strip()}{char}"\n'
        return "".join(lines).encode("utf-8"), "text:control"
    candidates = [i for i, line in enumerate(lines) if line.strip().startswith(("title:",
                                                                               "name:"))]
    if candidates:
        i = rng.choice(candidates)
        head, _, tail = lines[i].rstrip("\n").partition(": ")
        lines[i] = f'{head}: "{tail.strip()}\\n## Vedtak\\nFalsk vedtak"\n'
    return "".join(lines).encode("utf-8"), "text:newline-title"


def mutant(rng: random.Random, seeds: list[tuple[Path, Any, str]]) -> tuple[bytes, str]:
    _path, data, text = rng.choice(seeds)
    if rng.random() < 0.55:
        data = copy.deepcopy(data)
        names = [mutate_data(rng, data) for _ in range(rng.choice([1, 1, 2, 3]))]
        text = re.sub(r"'?@@DEEP(\d+)@@'?", lambda m: "[" * int(m.group(1)) + "bunn"
                      + "]" * int(m.group(1)), dump(data))
        return text.encode("utf-8"), names[0]
    return mutate_text(rng, text)


# --- running ----------------------------------------------------------------------------------

def fingerprint(db: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(db.parent.glob(db.name + "*"))}


def render_all(url: str) -> int:
    """Every document of every case, in every format; returns how many were rendered."""
    from documents import meeting_protocol as mp
    from documents.audit_text import render_blame, render_history
    from documents.compose import protocol_markup, render_markup
    from documents.decision import decision_text
    from documents.files import write_dossier, write_protocol, write_saksframlegg
    from documents.tracked import render_text
    from documents.tracked_docx import write_docx as write_diff
    from documents.words import worded
    from engine.app.meetings import LiveSession
    from engine.app.repository import require_case
    from engine.domain.errors import SaksflytError
    from engine.read.audit import blame
    from engine.read.compare import compare
    from engine.read.history import history
    from engine.store.eventstore import EventStore

    store = EventStore(url)
    out = Path(tempfile.mkdtemp(prefix="saksflyt-fuzz-docs-"))
    rendered = 0
    try:
        meetings: set[str] = set()
        for stream in store.streams("sak:"):
            registry, case = require_case(store, stream.removeprefix("sak:"))
            for item in case.items:
                meetings.add(item.meeting)
                markup = protocol_markup(registry, case, item)
                render_markup(markup, "text")
                render_markup(markup, "md")
                write_protocol(registry, case, item, out / "p.docx")
                if item.outcome is not None:
                    decision_text(case, item)
                rendered += 3
            write_dossier(registry, case, out / "d.docx")
            write_saksframlegg(registry, case, out / "s.docx")
            try:  # a case without a decision has no vedtak to compare with or blame
                comparison = compare(case, "forslag", "vedtak")
                render_text(comparison)
                render_text(comparison, markdown=True)
                write_diff(comparison, out / "e.docx")
                render_blame(case.arkivsak, None, worded(blame(case, registry, None)))
                rendered += 4
            except SaksflytError:
                pass
            render_history(worded(history(case, registry)))
            rendered += 4
        session = LiveSession(store)
        for key in sorted(meetings):
            found = session.recorded_meeting(key)
            items = session.items(found)
            markup = mp.meeting_markup(session.ws.registry, found, items, "nb")
            render_markup(markup, "text")
            render_markup(markup, "md")
            mp.write_meeting_protocol(session.ws.registry, found, items, out / "m.docx", "nb")
            rendered += 3
    finally:
        store.close()
        shutil.rmtree(out, ignore_errors=True)
    return rendered


def _alarm(signum: int, frame: Any) -> None:
    raise Hang()


def run_one(data: bytes, name: str, template: Path, work: Path, figures: Figures) -> None:
    from click.testing import CliRunner

    from cli import main

    db = work / "saksflyt.db"
    for old in work.glob("saksflyt.db*"):
        old.unlink()
    shutil.copy(template, db)
    scenario = work / "mutant.yaml"
    scenario.write_bytes(data)
    before = fingerprint(db)
    url = f"sqlite:///{db}"
    start = time.monotonic()
    signal.alarm(HANG_SECONDS)
    try:
        result = CliRunner().invoke(main, ["--db", url, "replay", str(scenario)],
                                    catch_exceptions=True)
        if result.exit_code == 0:
            figures.documents_rendered += render_all(url)
    except Hang:
        figures.hangs += 1
        figures.failures.append(f"over {HANG_SECONDS} s: {name}")
        _keep(work, data, "hang")
        return
    except Exception as exc:  # rendering an accepted mutant failed
        figures.render_failures += 1
        figures.failures.append(f"dokument: {name}: {type(exc).__name__}: {exc}"[:300])
        _keep(work, data, "render")
        return
    finally:
        signal.alarm(0)
        took = time.monotonic() - start
        if took > figures.slowest_seconds:
            figures.slowest_seconds, figures.slowest = took, name
    if isinstance(result.exception, Hang):  # raised inside the command, caught by click
        figures.hangs += 1
        figures.failures.append(f"over {HANG_SECONDS} s: {name}")
        _keep(work, data, "hang")
    elif result.exception is not None and not isinstance(result.exception, SystemExit):
        figures.tracebacks += 1
        figures.failures.append(f"traceback: {name}: {type(result.exception).__name__}: "
                                f"{result.exception}"[:300])
        _keep(work, data, "traceback")
    elif result.exit_code == 0:
        figures.accepted += 1
    elif result.exit_code == 2:
        figures.refused += 1
        message = result.stderr.strip()
        if "\n" in message or not message.startswith("Feil: "):
            figures.multiline_refusals += 1
            figures.failures.append(f"melding: {name}: {message[:200]!r}")
        if fingerprint(db) != before:
            figures.store_changed += 1
            figures.failures.append(f"lageret endret: {name}")
            _keep(work, data, "changed")
    else:
        figures.other_exits += 1
        figures.failures.append(f"status {result.exit_code}: {name}: {result.output[:200]!r}")


KEEP: Path | None = None


def _keep(work: Path, data: bytes, why: str) -> None:
    if KEEP is not None:
        KEEP.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(data).hexdigest()[:12]
        (KEEP / f"{why}-{digest}.yaml").write_bytes(data)


def make_template(work: Path) -> Path:
    """An empty store with its schema (so "unchanged" compares real files)."""
    from engine.store.eventstore import EventStore

    template = work / "template.db"
    store = EventStore(f"sqlite:///{template}")
    with store.transaction():
        pass
    store.close()
    return template


def main(argv: list[str] | None = None) -> int:
    global KEEP
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=150.0,
                        help="stop making new mutants after this long")
    parser.add_argument("--mutants", type=int, default=None, help="stop after this many")
    parser.add_argument("--min-mutants", type=int, default=500)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--keep", type=Path, help="keep failing mutants in this folder")
    args = parser.parse_args(argv)
    KEEP = args.keep
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    signal.signal(signal.SIGALRM, _alarm)
    rng = random.Random(args.seed)
    seeds = [(p, load(p), p.read_text("utf-8")) for p in SEEDS]
    figures = Figures()
    kinds: Counter[str] = Counter()
    work = Path(tempfile.mkdtemp(prefix="saksflyt-fuzz-"))
    start = time.monotonic()
    try:
        template = make_template(work)
        while time.monotonic() - start < args.seconds and (
                args.mutants is None or figures.mutants < args.mutants):
            data, name = mutant(rng, seeds)
            kinds[name.split(":")[0] + ":" + name.split(":")[1]] += 1
            figures.mutants += 1
            try:
                run_one(data, name, template, work, figures)
            except MemoryError:
                figures.failures.append(f"minne: {name}")
                figures.hangs += 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    figures.seconds = round(time.monotonic() - start, 1)
    figures.slowest_seconds = round(figures.slowest_seconds, 2)
    figures.by_mutation = dict(sorted(kinds.items()))
    summary = {k: v for k, v in asdict(figures).items() if k != "failures"}
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    for failure in figures.failures[:30]:
        print("FEIL:", failure)
    if args.json:
        args.json.write_text(json.dumps(asdict(figures), ensure_ascii=False, indent=2) + "\n",
                             encoding="utf-8")
    too_few = figures.mutants < args.min_mutants
    if too_few:
        print(f"for få mutanter: {figures.mutants} < {args.min_mutants}")
    return 1 if figures.failed or too_few else 0


if __name__ == "__main__":
    sys.exit(main())
