"""Events versioned per type: a stored fixture with one event of every type at version 1 loads
today, in memory and from a real store, and an upcaster brings an old payload to a type's new
shape while the store writes each type at its own version."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, ClassVar, Literal

import pytest

from engine.domain import events as ev
from engine.domain.events import payload_json
from engine.store.eventstore import GENESIS, EventStore, event_hash
from engine.store.transfer import FORMAT, FORMAT_VERSION, ImportRefused, import_file
from tests.store.conftest import chains_intact

FIXTURE = Path(__file__).parent / "data" / "events-v1.jsonl"
"""One stored event of every type, at version 1: type, version, and the payload's text exactly
as the store keeps it (keys sorted, no spaces). Never rewritten: rows are only added, one for
each new event type (at the version it is born with)."""

STREAM = "test:events-v1"


def fixture_rows() -> list[dict[str, Any]]:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


ROWS = fixture_rows()


def test_the_fixture_holds_every_event_type_once() -> None:
    types = [row["type"] for row in ROWS]
    assert len(types) == len(set(types)), "one row of each type"
    missing = sorted(set(ev.EVENT_TYPES) - set(types))
    assert not missing, (f"event types without a stored row in {FIXTURE.name}: {missing}; add "
                         "one row each, as the store writes it")


@pytest.mark.parametrize("row", ROWS, ids=[row["type"] for row in ROWS])
def test_every_stored_row_loads_as_its_type_today(row: dict[str, Any]) -> None:
    event = ev.load(row["type"], row["version"], json.loads(row["payload"]))
    assert type(event) is ev.EVENT_TYPES[row["type"]]
    if ev.version_of(row["type"]) == row["version"]:
        # The type is still at the row's version, so the store writes these very bytes today;
        # other bytes mean the shape changed without a new version and its upcaster.
        assert payload_json(ev.dump(event)) == row["payload"], (
            f"«{row['type']}» no longer has its version-{row['version']} shape: raise "
            f"{type(event).__name__}.version and add its upcaster")


def _export(path: Path, rows: list[dict[str, Any]]) -> Path:
    """The rows as an export of one stream, chained as the store chains them."""
    lines = [{"format": FORMAT, "version": FORMAT_VERSION, "scope": "test"}]
    prev = GENESIS
    for seq, row in enumerate(rows, 1):
        payload = json.loads(row["payload"])
        at = f"2025-01-01T00:00:{seq:02d}.000000+00:00"
        digest = event_hash(prev, STREAM, seq, row["type"], row["version"], payload, "test", at)
        lines.append({"stream": STREAM, "seq": seq, "type": row["type"],
                      "version": row["version"], "payload": payload, "actor": "test",
                      "recorded_at": at, "prev_hash": prev, "hash": digest})
        prev = digest
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines),
                    encoding="utf-8")
    return path


@pytest.fixture
def v1_store(store_url: str, tmp_path: Path) -> EventStore:
    """A store holding the fixture's rows verbatim, each at its stored version."""
    store = EventStore(store_url)
    import_file(store, _export(tmp_path / "events-v1.jsonl", ROWS))
    return store


def test_a_store_of_version_1_rows_loads_every_event(v1_store: EventStore,
                                                     store_url: str) -> None:
    try:
        stored = v1_store.read(STREAM)
        assert [(r.type, r.version) for r in stored] == [(r["type"], 1) for r in ROWS]
        assert [r.event() for r in stored] == [
            ev.load(r["type"], r["version"], json.loads(r["payload"])) for r in ROWS]
    finally:
        v1_store.close()
    chains_intact(store_url)


class NoteRecordedV2(ev._ItemEvent):
    """A test-local version 2 of `item.note`: the field `text` renamed `words`."""

    type: Literal["item.note"] = "item.note"
    version: ClassVar[int] = 2
    words: str

    @staticmethod
    def upcast_v1_v2(payload: dict[str, Any]) -> dict[str, Any]:
        payload = dict(payload)
        payload["words"] = payload.pop("text")
        return payload


def test_a_version_1_row_is_upcast_and_new_rows_are_written_at_version_2(
        v1_store: EventStore, store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(ev.EVENT_TYPES, "item.note", NoteRecordedV2)
    stored_v1 = json.loads(next(r["payload"] for r in ROWS if r["type"] == "item.note"))
    try:
        old = next(r for r in v1_store.read(STREAM) if r.type == "item.note")
        assert old.version == 1 and old.payload == stored_v1  # the stored row is untouched
        assert old.event() == NoteRecordedV2(meeting=stored_v1["meeting"],
                                             words=stored_v1["text"])

        new = NoteRecordedV2(meeting="Bystyret 2025-03-13", words="Ny merknad.")
        v1_store.append([(STREAM, new)], {STREAM: len(ROWS)})
        latest = v1_store.read(STREAM)[-1]
        assert (latest.type, latest.version) == ("item.note", 2)
        assert latest.payload == {"meeting": "Bystyret 2025-03-13", "words": "Ny merknad."}
        assert latest.event() == new
        # Every other type is still written at its own version 1.
        v1_store.append([(STREAM, ev.ItemClosed(meeting="Bystyret 2025-03-13"))],
                        {STREAM: len(ROWS) + 1})
        assert v1_store.read(STREAM)[-1].version == 1
    finally:
        v1_store.close()
    chains_intact(store_url)


def test_a_version_newer_than_the_type_is_refused_by_name() -> None:
    with pytest.raises(ev.UnknownEvent, match=re.escape(
            "«item.note» er lagret i versjon 2; denne versjonen av saksflyt leser høyst "
            "versjon 1 (oppgrader saksflyt).")):
        ev.load("item.note", 2, {"meeting": "Bystyret 2025-03-13", "text": "x"})
    with pytest.raises(ev.UnknownEvent, match=re.escape("Hendelsestypen «item.renamed» er ukjent")):
        ev.load("item.renamed", 1, {})


def test_an_export_from_a_newer_saksflyt_is_refused_with_the_reason(tmp_path: Path) -> None:
    newer = [{**row, "version": 2} if row["type"] == "item.note" else row for row in ROWS]
    store = EventStore(f"sqlite:///{tmp_path / 'saksflyt.db'}")
    with pytest.raises(ImportRefused, match=r"newer.jsonl:\d+: Hendelsen «item.note» er lagret "
                       "i versjon 2"):
        import_file(store, _export(tmp_path / "newer.jsonl", newer))
    assert not (tmp_path / "saksflyt.db").exists()
