"""A replay does not look up in the store the cases it opens itself (one query reads the
stored cases at the start), and what it stores is what it stored before: the same events."""

from __future__ import annotations

import sys
from pathlib import Path

from engine.app.replay import replay
from engine.store.eventstore import EventStore, StoredEvent
from engine.store.verify import verify_store
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import generate


class CountingStore(EventStore):
    """The real store, counting the case streams it is asked to read."""

    case_reads = 0

    def read(self, stream_id: str) -> list[StoredEvent]:
        if stream_id.startswith("sak:"):
            self.case_reads += 1
        return super().read(stream_id)


def test_replay_reads_no_case_it_opens(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "g.yaml"
    generate.write(generate.generate(300, 4), path)  # more than the 250 cases kept in memory
    store = CountingStore(db_url)
    done = replay(store, "test", path)
    assert done.written > 0
    assert store.case_reads == 0
    assert verify_store(store).intact
    assert len(store.streams("sak:")) == 300


def test_a_case_already_stored_is_still_refused(db_url: str, tmp_path: Path) -> None:
    import pytest

    from engine.domain.errors import SaksflytError

    path = tmp_path / "g.yaml"
    generate.write(generate.generate(3, 4), path)
    store = EventStore(db_url)
    replay(store, "test", path)
    with pytest.raises(SaksflytError, match="finnes allerede"):
        replay(store, "test", path)
