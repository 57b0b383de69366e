"""bench/bigstore.py writes events the engine reads back and `verify` accepts: the big stores
the benchmarks measure are real stores, not rows that merely look like them."""

from __future__ import annotations

import sys

from engine.app.case_list import case_page
from engine.app.cases import case_rows
from engine.app.repository import load_case, load_registry
from engine.store.eventstore import EventStore
from engine.store.verify import verify_store
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import bigstore


def test_built_store_reads_back_and_verifies(db_url: str) -> None:
    done = bigstore.build(db_url, cases=25, template=10, seed=5)
    store = EventStore(db_url)
    assert done["cases"] == 25 and done["summaries"] == 25
    rows = case_rows(store)
    assert len(rows) == 25 and len({r["arkivsak"] for r in rows}) == 25
    assert case_page(store) == rows
    registry = load_registry(store)
    template_case = load_case(store, registry, rows[3]["arkivsak"])
    copy_case = load_case(store, registry, rows[13]["arkivsak"])
    assert template_case is not None and copy_case is not None
    # A copy is the same case under new numbers: the same decision, new item numbers.
    assert copy_case.decision == template_case.decision
    assert [i.meeting for i in copy_case.items] == [i.meeting for i in template_case.items]
    assert {i.sak for i in copy_case.items}.isdisjoint({i.sak for i in template_case.items})
    report = verify_store(store)
    assert report.intact and report.events == done["events"] and report.streams == 26
    store.close()
