"""How close the 19/8286 protocols come to the municipality's record: of the record's
sections of its eight saksprotokoller, how many the engine's protocols carry word for word.

A section is a line of the record's text of one protocol (`tests/data/19-8286/
saksdokumenter.txt`): a header line, a heading, a paragraph, a list item. It carries the
record's words when, folded as the case's README says (white space to one space, `*`
dropped), it is found in the engine's protocol of that meeting, folded the same way. Run:

    python bench/record_match.py [--advisory]

It replays examples/19-8286.yaml into a temporary SQLite file with the code it is run with,
so the figure of another checkout is `PYTHONPATH=that/checkout python bench/record_match.py`.
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RECORD = ROOT / "tests" / "data" / "19-8286" / "saksdokumenter.txt"
SCENARIO = ROOT / "examples" / "19-8286.yaml"
ADVISORY = ("Ungdommens bystyre", "Mangfoldsrådet",
            "Kommunalt råd for mennesker med nedsatt funksjonsevne", "Trondheim Studentråd")


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("*", "")).strip()


def record_protocols() -> list[list[str]]:
    """The record's saksprotokoller, in its order, each as its non-empty lines."""
    lines = RECORD.read_text(encoding="utf-8").splitlines()
    starts = [i for i, line in enumerate(lines) if line.strip() == "Saksprotokoll"]
    stops = [i for i, line in enumerate(lines) if line.strip() == "Saksframlegg"]
    out = []
    for start in starts:
        end = min(i for i in [*starts, *stops, len(lines)] if i > start)
        out.append([line.strip() for line in lines[start + 1:end] if line.strip()])
    return out


def meeting_of(section: list[str], meetings: list[str]) -> str:
    """The meeting a record protocol is of: its body (from the Utvalg line) and its date."""
    head = " ".join(section[:4])
    date = re.search(r"(\d\d)\.(\d\d)\.(\d{4})", head)
    assert date, head
    iso = f"{date.group(3)}-{date.group(2)}-{date.group(1)}"
    found = [m for m in meetings if m.endswith(iso) and m.rsplit(" ", 1)[0] in head]
    assert len(found) == 1, (head, found)
    return found[0]


def main(advisory_only: bool) -> int:
    from documents.compose import protocol_markup, render_markup
    from engine.app.repository import commit, require_case, workspace
    from engine.scenario.apply import apply_scenario
    from engine.store.eventstore import EventStore

    with tempfile.TemporaryDirectory() as folder:
        store = EventStore(f"sqlite:///{Path(folder) / 'saksflyt.db'}")
        ws = workspace(store)
        apply_scenario(ws, SCENARIO)
        commit(store, ws, actor="record_match")
        registry, case = require_case(store, "19/8286")
        store.close()
    items = {item.meeting: item for item in case.items}
    total = carried = 0
    for section in record_protocols():
        meeting = meeting_of(section, list(items))
        if advisory_only and meeting.rsplit(" ", 1)[0] not in ADVISORY:
            continue
        text = fold(render_markup(protocol_markup(registry, case, items[meeting]), "text"))
        hits = [line for line in section if fold(line) in text]
        total += len(section)
        carried += len(hits)
        print(f"{meeting}: {len(hits)} of {len(section)}")
        for line in section:
            if line not in hits:
                print(f"    not carried: {line[:90]}")
    print(f"carried: {carried} of {total} sections")
    return 0


if __name__ == "__main__":
    sys.exit(main("--advisory" in sys.argv[1:]))
