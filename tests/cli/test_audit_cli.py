"""`saksflyt blame`, `diff`, `history` and `verify` as a user types them."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from cli import main
from documents.tracked_docx import read_revisions
from tests.conftest import ROOT, require_program

SCENARIO = ROOT / "tests" / "engine" / "scenarios" / "audit-parkering.yaml"


def run(db: str, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["--db", db, *args])


@pytest.fixture(scope="module")
def parking_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('cli-audit') / 'saksflyt.db'}"
    result = run(url, "replay", str(SCENARIO))
    assert result.exit_code == 0, result.output
    return url


def test_blame_json_has_the_spec_shape(replayed_19_8286: str) -> None:
    result = run(replayed_19_8286, "blame", "19/8286", "--json")
    assert result.exit_code == 0, result.output
    paragraphs = json.loads(result.stdout)
    assert [p["number"] for p in paragraphs] == list(range(1, 9))
    fourth = paragraphs[3]
    assert {k: fourth["origin"][k] for k in ("kind", "proposal_id", "by", "party", "body",
                                             "date")} == {
        "kind": "proposal", "proposal_id": "momyr-nettverk-2", "by": "Michael Momyr",
        "party": "H", "body": "Finans- og næringskomiteen", "date": "2019-05-28"}
    [version] = fourth["versions"]
    assert {"text", "body", "date", "proposal_id", "outcome"} <= version.keys()
    assert version["date"] == "2019-05-09"
    against = {v["against"] for p in paragraphs for v in p["votes"]}
    assert {"1Ap, 5MDG, 4SV, 2R", "2R", "3V, 2KrF", "4FrP", None} == against


def test_blame_text_is_a_readable_table(replayed_19_8286: str) -> None:
    result = run(replayed_19_8286, "blame", "19/8286")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "Avsnitt 4:" in text and "Opphav:" in text and "Votering:" in text
    assert "[-næringslivet,-] {+næringsliv, arbeidsliv,+}" in " ".join(text.split())
    assert "mot 12 stemmer (1Ap, 5MDG, 4SV, 2R)" in " ".join(text.split())
    assert all(len(line) <= 100 for line in text.splitlines())


def test_blame_of_an_unknown_meeting_is_one_line_and_status_2(replayed_19_8286: str) -> None:
    result = run(replayed_19_8286, "blame", "19/8286", "--meeting", "Bystyret 2019-01-01")
    assert result.exit_code == 2
    assert result.stderr.startswith("Feil: ") and len(result.stderr.splitlines()) == 1


def test_diff_text_and_markdown(parking_db: str) -> None:
    text = run(parking_db, "diff", "24/100")
    assert text.exit_code == 0, text.output
    assert "Normen gjelder fra 1. [-juli 2024.-] {+mars 2025.+}" in text.stdout
    assert "{+Det skal etableres sykkelparkering ved alle nye bygg og skoler.+}" in text.stdout
    md = run(parking_db, "diff", "24/100", "--format", "md", "--from",
             "Formannskapet 2024-02-15")
    assert md.exit_code == 0, md.output
    assert "Normen gjelder fra 1. ~~januar~~ **mars** 2025." in md.stdout
    assert "etter ~~to~~ **tre** år." in md.stdout


def test_diff_stages_in_the_wrong_order_is_one_line(parking_db: str) -> None:
    result = run(parking_db, "diff", "24/100", "--from", "vedtak", "--to", "forslag")
    assert result.exit_code == 2 and "bytt om --from og --to" in result.stderr


def test_diff_docx_has_tracked_changes_by_body_and_date(parking_db: str,
                                                        tmp_path: Path) -> None:
    out = tmp_path / "endringer.docx"
    result = run(parking_db, "diff", "24/100", "--format", "docx", "-o", str(out))
    assert result.exit_code == 0, result.output
    revisions = [r for r in read_revisions(out) if not r["kind"].endswith("-mark")]
    assert {(r["kind"], r["text"].strip(), r["author"], r["date"][:10]) for r in revisions} == {
        ("del", "juli 2024.", "Kommunestyret", "2024-03-01"),
        ("ins", "mars 2025.", "Kommunestyret", "2024-03-01"),
        ("del", "to", "Kommunestyret", "2024-03-01"),
        ("ins", "tre", "Kommunestyret", "2024-03-01"),
        ("ins", "Det skal etableres sykkelparkering ved alle nye bygg og skoler.",
         "Formannskapet", "2024-02-15"),
    }
    # Accepting every change gives the decision, rejecting every change the recommendation.
    accepted, rejected = _views(out)
    assert "Kommunedirektøren skal evaluere normen etter tre år." in accepted
    assert "Normen gjelder fra 1. mars 2025." in accepted
    assert "Kommunedirektøren skal evaluere normen etter to år." in rejected
    assert "Normen gjelder fra 1. juli 2024." in rejected
    assert any("sykkelparkering" in p for p in accepted)
    assert not any("sykkelparkering" in p for p in rejected)


def _views(path: Path) -> tuple[list[str], list[str]]:
    """Each paragraph's text with all changes accepted, and with all rejected."""
    from docx import Document
    from docx.oxml.ns import qn

    accepted, rejected = [], []
    for paragraph in Document(str(path)).element.body.iter(qn("w:p")):
        keep, undo = [], []
        for node in paragraph.iter(qn("w:t"), qn("w:delText")):
            inside = {a.tag for a in node.iterancestors()}
            if node.tag == qn("w:t"):
                keep.append(node.text or "")
                if qn("w:ins") not in inside:
                    undo.append(node.text or "")
            else:
                undo.append(node.text or "")
        accepted.append("".join(keep))
        rejected.append("".join(undo))
    return accepted, rejected


def test_tracked_docx_opens_in_libreoffice(parking_db: str, tmp_path: Path) -> None:
    soffice = require_program("soffice", "libreoffice-writer-nogui")
    out = tmp_path / "endringer.docx"
    assert run(parking_db, "diff", "24/100", "--format", "docx", "-o", str(out)).exit_code == 0
    profile = tmp_path / "lo-profile"
    completed = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "pdf", "--outdir", str(tmp_path), str(out)],
        capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "endringer.pdf"
    assert completed.returncode == 0 and pdf.exists(), completed.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 1000


def test_history_text_shows_the_lapsed_proposal(replayed_19_8286: str) -> None:
    result = run(replayed_19_8286, "history", "19/8286")
    assert result.exit_code == 0, result.output
    flat = " ".join(result.stdout.split())
    assert "tilleggsforslag fra Roar Aas (Ap) («aas-malomrade»): bortfalt, ikke votert over" in flat
    assert "Bystyret, sak 87/19 (vedtak): utsatt til 2019-08-29" in flat
    data = json.loads(run(replayed_19_8286, "history", "19/8286", "--json").stdout)
    assert len(data["route"]) == 6 and len(data["meetings"]) == 8


def _copy(url: str, tmp_path: Path) -> Path:
    source = Path(sa.make_url(url).database or "")
    with sqlite3.connect(source) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    target = tmp_path / "copy.db"
    shutil.copy(source, target)
    return target


def test_verify_intact_and_tampered(replayed_19_8286_sqlite: str, tmp_path: Path) -> None:
    path = _copy(replayed_19_8286_sqlite, tmp_path)
    url = f"sqlite:///{path}"
    ok = run(url, "verify")
    assert ok.exit_code == 0, ok.output
    assert ok.stdout.startswith("Protokollen er uendret: ")
    assert " hendelser i 2 strømmer kontrollert." in ok.stdout
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE events SET payload = json_set(payload, '$.text', 'Endret.') "
                     "WHERE stream_id = 'sak:19/8286' AND type = 'item.note' AND seq = "
                     "(SELECT min(seq) FROM events WHERE stream_id = 'sak:19/8286' "
                     "AND type = 'item.note')")
        conn.execute("DELETE FROM events WHERE stream_id = 'sak:19/8286' AND seq = 25")
    # A real process, as the secretariat runs it.
    completed = subprocess.run([sys.executable, "-m", "cli", "--db", url, "verify",
                                "19/8286"], capture_output=True, text=True, timeout=60)
    assert completed.returncode == 1
    lines = completed.stdout.splitlines()
    assert len(lines) == 2
    assert "Sak 19/8286" in lines[0] and "endret" in lines[0]
    assert lines[1].startswith("Sak 19/8286, nr 25: hendelse slettet")


def test_verify_an_unknown_case(replayed_19_8286: str) -> None:
    result = run(replayed_19_8286, "verify", "99/1")
    assert result.exit_code == 2 and "99/1" in result.stderr
