"""A replay reads the file as it goes, keeps pending events as serialised rows (spilled to a
temporary file) and drops decided cases' state: none of that may change what is stored."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from engine.app.repository import commit, load_case, load_registry, workspace
from engine.commands.pending import PendingEvents
from engine.commands.workspace import Workspace
from engine.domain import yaml12
from engine.domain.errors import ScenarioError
from engine.scenario import apply as scenario
from engine.scenario.apply import apply_scenario
from engine.scenario.yamlstream import Lazy, Reader
from engine.store.eventstore import EventStore, event_hash
from tests.conftest import EXAMPLES, ROOT

SCENARIOS = sorted(EXAMPLES.glob("*.yaml")) + sorted(
    (ROOT / "tests" / "engine" / "scenarios").glob("*.yaml"))


def _shape(value: Any) -> Any:
    """The data with every line table, to compare the two readers."""
    if isinstance(value, dict):
        return (value.lc.line, value.lc.col, dict(value.lc._at),
                {k: _shape(v) for k, v in value.items()})
    if isinstance(value, list):
        return (value.lc.line, value.lc.col, dict(value.lc._at), [_shape(v) for v in value])
    return type(value).__name__, value


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_the_streaming_reader_gives_the_whole_file_readers_data_and_lines(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    whole = yaml12.load(text)
    got: dict[str, Any] = {}
    for key, value, line in Reader(text).top():
        assert line == whole.lc.key(key)[0] + 1
        if isinstance(value, Lazy):
            entries = list(value.entries())
            assert [n for _, n in entries] == [whole[key].lc.item(i)[0] + 1
                                               for i in range(len(whole[key]))]
            got[key] = [_shape(e) for e, _ in entries]
        else:
            got[key] = _shape(value)
    assert got == {k: [_shape(e) for e in v] if k in ("cases", "meetings") else _shape(v)
                   for k, v in whole.items()}


def _stored(url: str) -> list[tuple[str, int, str, Any]]:
    store = EventStore(url)
    rows = [(r.stream_id, r.seq, r.type, r.payload) for r in store.read_all()]
    store.close()
    return rows


def test_spilling_and_evicting_store_the_same_events(
        tmp_path: Path, example_19_8286: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain_url = f"sqlite:///{tmp_path / 'plain.db'}"
    store = EventStore(plain_url)
    ws = workspace(store)
    apply_scenario(ws, EXAMPLES / "bydelsutvalg-demo.yaml")
    apply_scenario(ws, example_19_8286)
    commit(store, ws)
    # Again, with every case dropped after each meeting and rows spilled every 3 events.
    monkeypatch.setattr(scenario, "CASE_CACHE", 0)
    tight_url = f"sqlite:///{tmp_path / 'tight.db'}"
    store = EventStore(tight_url)
    ws = workspace(store)
    ws.pending = PendingEvents(memory_rows=3)
    apply_scenario(ws, EXAMPLES / "bydelsutvalg-demo.yaml")
    assert ws.evicted and ws.decided >= 1
    apply_scenario(ws, example_19_8286)
    commit(store, ws)
    assert _stored(tight_url) == _stored(plain_url)
    # Each row's hash is the one event_hash gives (what `verify` recomputes).
    store = EventStore(tight_url)
    for row in store.read_all():
        assert row.hash == event_hash(row.prev_hash, row.stream_id, row.seq, row.type,
                                      row.version, row.payload, row.actor, row.recorded_at)
    registry = load_registry(store)
    assert load_case(store, registry, "19/8286").decision is not None  # type: ignore[union-attr]


def test_pending_events_round_trip_through_the_file() -> None:
    from engine.domain import events as ev

    pending = PendingEvents(memory_rows=2)
    events = [ev.PartyRegistered(short=f"P{n}", name=f"Parti «{n}»\tæøå") for n in range(5)]
    for event in events:
        pending.append((ev.REGISTRY_STREAM, event))
    assert len(pending) == 5 and pending.streams == [ev.REGISTRY_STREAM]
    assert [e for _, e in pending] == events
    assert pending.events_of(ev.REGISTRY_STREAM) == events
    assert [json.loads(p) for _, _, p in pending.rows()] == [ev.dump(e) for e in events]
    pending.clear()
    assert not pending and list(pending.rows()) == []


def test_an_evicted_case_is_rebuilt_when_needed_again(tmp_path: Path,
                                                      example_19_8286: Path) -> None:
    store = EventStore(f"sqlite:///{tmp_path / 's.db'}")
    ws = workspace(store)
    apply_scenario(ws, example_19_8286)
    assert "19/8286" in ws.evicted  # decided: dropped at once
    case = ws.case("19/8286")
    assert case.decision is not None and "19/8286" not in ws.evicted
    assert isinstance(ws, Workspace)


def _scenario(tmp_path: Path, tail: str) -> Path:
    text = (EXAMPLES / "bydelsutvalg-demo.yaml").read_text(encoding="utf-8")
    # A step the rules reject in the first meeting: an unknown proposal to vote on.
    text = text.replace("proceedings:\n", "proceedings:\n          - vote: {on: finnes-ikke, "
                        "unanimous: true}\n", 1)
    path = tmp_path / "s.yaml"
    path.write_text(text + tail, encoding="utf-8")
    return path


def test_a_yaml_error_later_in_the_file_is_reported_before_a_rejected_step(
        tmp_path: Path) -> None:
    rejected = _scenario(tmp_path, "")
    with pytest.raises(ScenarioError, match="finnes-ikke"):
        apply_scenario(workspace(EventStore(f"sqlite:///{tmp_path / 'a.db'}")), rejected)
    broken = _scenario(tmp_path, "  - body: [unclosed\n")
    with pytest.raises(ScenarioError, match="YAML"):
        apply_scenario(workspace(EventStore(f"sqlite:///{tmp_path / 'b.db'}")), broken)
    unknown = _scenario(tmp_path, "extra: 1\n")
    with pytest.raises(ScenarioError, match="ukjent nøkkel «extra»"):
        apply_scenario(workspace(EventStore(f"sqlite:///{tmp_path / 'c.db'}")), unknown)
