"""Export and import: the event log moved between stores (SQLite to PostgreSQL and back)
with every hash intact, and the same decisions and protocols read from either."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.store.eventstore import EventStore
from tests.store.conftest import BACKENDS, chains_intact, make_url, run_cli
from tests.store.generated import write_scenario

COLUMNS = ("stream_id", "seq", "type", "version", "payload", "actor", "recorded_at",
           "prev_hash", "hash")


def _rows(url: str) -> list[tuple]:
    store = EventStore(url)
    try:
        rows = [tuple(getattr(r, c) for c in COLUMNS) for r in store.read_all()]
    finally:
        store.close()
    return sorted(rows, key=lambda r: (r[0], r[1]))


def _docx_texts(folder: Path) -> dict[str, list[str]]:
    from docx import Document

    texts = {}
    for path in sorted(folder.glob("*.docx")):
        document = Document(str(path))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        texts[path.name] = [p.text for p in document.paragraphs] + cells
    return texts


def _documents(url: str, arkivsak: str, out: Path) -> dict[str, list[str]]:
    from documents.files import write_case_documents

    store = EventStore(url)
    try:
        list(write_case_documents(store, arkivsak, out))
    finally:
        store.close()
    return _docx_texts(out)


def _meetings(url: str, arkivsak: str) -> list[str]:
    from engine.app.repository import require_case

    store = EventStore(url)
    try:
        _, case = require_case(store, arkivsak)
    finally:
        store.close()
    assert case.items
    return [item.meeting for item in case.items]


def _ok(done) -> str:  # type: ignore[no-untyped-def]
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("backend", BACKENDS)
def test_export_from_sqlite_import_elsewhere_gives_identical_records(
        backend: str, replayed_19_8286: str, tmp_path: Path,
        request: pytest.FixtureRequest) -> None:
    target = make_url(backend, request, tmp_path, name="maal.db")
    export = tmp_path / "alt.jsonl"
    assert "82 hendelser" in _ok(run_cli("export", "--all", "-o", str(export),
                                         db=replayed_19_8286))
    assert "82 hendelser" in _ok(run_cli("import", str(export), db=target))

    assert _rows(target) == _rows(replayed_19_8286)
    chains_intact(target)
    for args in (["vedtak", "19/8286"], ["case", "show", "19/8286", "--json"],
                 ["vedtak", "19/8286", "--meeting", "Finans- og næringskomiteen 2019-05-28"]):
        assert _ok(run_cli(*args, db=target)) == _ok(run_cli(*args, db=replayed_19_8286))
    for meeting in _meetings(replayed_19_8286, "19/8286"):
        args = ["protocol", "19/8286", "--meeting", meeting]
        assert _ok(run_cli(*args, db=target)) == _ok(run_cli(*args, db=replayed_19_8286))
    source_docs = _documents(replayed_19_8286, "19/8286", tmp_path / "fra")
    target_docs = _documents(target, "19/8286", tmp_path / "til")
    assert source_docs and source_docs == target_docs

    # And back: export from the target, import into a new SQLite file.
    back = tmp_path / "tilbake.jsonl"
    _ok(run_cli("export", "19/8286", "-o", str(back), db=target))
    again = f"sqlite:///{tmp_path / 'igjen.db'}"
    _ok(run_cli("import", str(back), db=again))
    assert _rows(again) == _rows(replayed_19_8286)
    # The same rows; the header (its time) and so the signature line differ.
    lines = export.read_text("utf-8").splitlines()
    assert back.read_text("utf-8").splitlines()[1:-1] == lines[1:-1]
    assert lines[-1].startswith('{"signature":')


@pytest.mark.parametrize("backend", BACKENDS)
def test_import_refuses_an_existing_case_and_writes_nothing(
        backend: str, replayed_19_8286: str, tmp_path: Path,
        request: pytest.FixtureRequest) -> None:
    target = make_url(backend, request, tmp_path, name="maal.db")
    export = tmp_path / "sak.jsonl"
    _ok(run_cli("export", "19/8286", "-o", str(export), db=replayed_19_8286))
    _ok(run_cli("import", str(export), db=target))
    before = _rows(target)
    refused = run_cli("import", str(export), db=target)
    assert refused.returncode == 2
    assert "Saken 19/8286 finnes allerede" in refused.stderr
    assert _rows(target) == before


def _tamper(source: Path, dest: Path, change) -> Path:  # type: ignore[no-untyped-def]
    lines = source.read_text("utf-8").splitlines()
    rows = [json.loads(line) for line in lines[1:]]
    change(rows)
    dest.write_text("\n".join([lines[0], *(json.dumps(r, ensure_ascii=False) for r in rows)])
                    + "\n", encoding="utf-8")
    return dest


def _edit_text(rows: list[dict]) -> None:
    row = next(r for r in rows if r["type"] == "item.note")
    row["payload"]["text"] += " (endret)"


def _drop_row(rows: list[dict]) -> None:
    index = next(i for i, r in enumerate(rows) if r["stream"].startswith("sak:") and r["seq"] == 5)
    del rows[index]


def _swap(rows: list[dict]) -> None:
    i = next(i for i, r in enumerate(rows) if r["stream"].startswith("sak:") and r["seq"] == 5)
    rows[i]["seq"], rows[i + 1]["seq"] = rows[i + 1]["seq"], rows[i]["seq"]
    rows[i], rows[i + 1] = rows[i + 1], rows[i]


@pytest.mark.parametrize("change", [_edit_text, _drop_row, _swap],
                         ids=["changed", "deleted", "reordered"])
def test_import_refuses_a_file_whose_chain_does_not_verify(
        change, replayed_19_8286: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    export = tmp_path / "sak.jsonl"
    _ok(run_cli("export", "19/8286", "-o", str(export), db=replayed_19_8286))
    bad = _tamper(export, tmp_path / "feil.jsonl", change)
    path = tmp_path / "maal.db"
    refused = run_cli("import", str(bad), db=f"sqlite:///{path}")
    assert refused.returncode == 2, refused.stderr
    assert refused.stderr.startswith("Feil: ") and "Traceback" not in refused.stderr
    assert not path.exists()


def test_import_refuses_a_file_that_is_not_an_export(tmp_path: Path) -> None:
    bad = tmp_path / "annet.jsonl"
    bad.write_text('{"hei": 1}\n', encoding="utf-8")
    refused = run_cli("import", str(bad), db=f"sqlite:///{tmp_path / 'x.db'}")
    assert refused.returncode == 2 and "ikke en eksport fra saksflyt" in refused.stderr


@pytest.mark.parametrize("backend", BACKENDS)
def test_cases_exported_one_by_one_share_the_register(
        backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    source = f"sqlite:///{tmp_path / 'kilde.db'}"
    _ok(run_cli("replay", str(write_scenario(tmp_path / "to.yaml", cases=2)), db=source))
    target = make_url(backend, request, tmp_path, name="maal.db")
    for arkivsak in ("24/2", "24/1"):
        out = tmp_path / f"{arkivsak.replace('/', '-')}.jsonl"
        _ok(run_cli("export", arkivsak, "-o", str(out), db=source))
        _ok(run_cli("import", str(out), db=target))
    assert _rows(target) == _rows(source)
    chains_intact(target)

    # A register that differs from the target's is refused.
    other = f"sqlite:///{tmp_path / 'annen.db'}"
    _ok(run_cli("replay", str(write_scenario(tmp_path / "tre.yaml", cases=3)), db=other))
    out = tmp_path / "annen.jsonl"
    _ok(run_cli("export", "24/3", "-o", str(out), db=other))
    refused = run_cli("import", str(out), db=target)
    assert refused.returncode == 2 and "Registeret i filen avviker" in refused.stderr


def test_export_needs_a_case_or_all(replayed_19_8286: str, tmp_path: Path) -> None:
    out = tmp_path / "x.jsonl"
    assert run_cli("export", "-o", str(out), db=replayed_19_8286).returncode == 2
    missing = run_cli("export", "19/9999", "-o", str(out), db=replayed_19_8286)
    assert missing.returncode == 2 and "finnes ikke" in missing.stderr
    assert not out.exists()
