"""The case list's read model: kept in step with the events by every command, paged, filtered,
rebuilt from the events to the same rows, and rebuilt by itself when it is not current."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from engine.app.case_list import case_page, rebuild
from engine.app.cases import case_rows
from engine.store import summaries as model
from engine.store.eventstore import EventStore
from tests.conftest import ROOT, replay_into

sys.path.insert(0, str(ROOT / "bench"))
import generate


@pytest.fixture
def generated_store(db_url: str, tmp_path: Path) -> EventStore:
    path = tmp_path / "g.yaml"
    generate.write(generate.generate(12, 3), path)
    replay_into(db_url, path)
    return EventStore(db_url)


def test_replay_keeps_the_model_in_step(generated_store: EventStore) -> None:
    # What the list says from its read model is what every case rebuilt from its events says.
    assert case_page(generated_store) == case_rows(generated_store)
    with generated_store.reading() as conn:
        assert model.is_current(conn) and model.count(conn) == 12


def test_pages_are_slices_of_the_whole_list(generated_store: EventStore) -> None:
    whole = case_rows(generated_store)
    assert [r["arkivsak"] for r in case_page(generated_store, limit=5)] == \
        [r["arkivsak"] for r in whole[:5]]
    assert case_page(generated_store, limit=5, offset=10) == whole[10:15]
    assert case_page(generated_store, offset=12) == []


def test_filters_with_pages(generated_store: EventStore) -> None:
    decided = case_rows(generated_store, state="decided")
    assert decided, "the generator decides some cases"
    assert case_page(generated_store, state="decided", limit=2, offset=1) == decided[1:3]
    bodies = {r["body"] for r in case_rows(generated_store)} | {"Bystyret"}
    for body in sorted(b for b in bodies if b):
        assert case_page(generated_store, body=body.upper()) == \
            case_rows(generated_store, body=body)


def test_rebuild_equals_incremental(generated_store: EventStore) -> None:
    with generated_store.reading() as conn:
        incremental = model.all_summaries(conn)
    assert rebuild(generated_store) == 12
    with generated_store.reading() as conn:
        assert model.all_summaries(conn) == incremental


def test_live_commands_keep_the_model_in_step(db_url: str, example_19_8286: Path,
                                              tmp_path: Path) -> None:
    from click.testing import CliRunner

    import cli

    replay_into(db_url, example_19_8286)
    runner = CliRunner()
    text = tmp_path / "innstilling.txt"
    text.write_text("Saken vedtas.\n", encoding="utf-8")
    for args in (["case", "new", "24/1", "--title", "Ny sak", "--recommendation-file",
                  str(text), "--route", "Bystyret:vedtak"],
                 ["meeting", "new", "Bystyret 2024-02-01"],
                 ["meeting", "agenda", "Bystyret 2024-02-01", "24/1", "--sak", "1/24"],
                 ["item", "open", "Bystyret 2024-02-01", "1/24"]):
        result = runner.invoke(cli.main, ["--db", db_url, *args])
        assert result.exit_code == 0, result.output
    store = EventStore(db_url)
    with store.reading() as conn:
        assert model.is_current(conn)
        incremental = model.all_summaries(conn)
    assert case_page(store) == case_rows(store)
    assert case_page(store)[-1]["arkivsak"] == "24/1"
    rebuild(store)
    with store.reading() as conn:
        assert model.all_summaries(conn) == incremental


def test_events_written_without_the_model_mark_it_and_the_list_rebuilds(
        generated_store: EventStore) -> None:
    with generated_store.transaction() as conn:  # as an import or an upgrade leaves it
        model.set_current(conn, False)
        conn.execute(sa.delete(model.case_summaries_table))
    assert case_page(generated_store) == case_rows(generated_store)
    with generated_store.reading() as conn:
        assert model.is_current(conn) and model.count(conn) == 12
