"""The tracked-changes diff as Word reads it: accepting every change gives the decision text
word for word, rejecting every change the forslag til innstilling (done here on the XML:
`w:del` dropped and `w:ins` unwrapped, or the other way round, a paragraph whose mark goes
joined with the next). List items are list paragraphs; who made a change is a comment."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn

from cli import main
from documents.tracked_docx import TEXT_BOOKMARK, read_revisions
from engine.domain.text import render_plain
from engine.read.compare import compare
from tests.conftest import EXAMPLES, ROOT, fold, fresh_store_url, replay_into
from tests.documents.wordread import bookmarked, numbering, resolve, shown

PARKING = ROOT / "tests" / "engine" / "scenarios" / "audit-parkering.yaml"


def run(url: str, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["--db", url, *args])


def diff_docx(url: str, arkivsak: str, folder: Path, *stages: str) -> Path:
    out = folder / f"{arkivsak.replace('/', '-')}{len(stages)}.docx"
    result = run(url, "diff", arkivsak, *stages, "--format", "docx", "-o", str(out))
    assert result.exit_code == 0, result.output
    return out


def views(path: Path) -> tuple[str, str]:
    """The text of the diff (its bookmark) with every change accepted, and rejected, as the
    text format writes it: list items with the labels Word gives them."""
    doc = Document(str(path))
    out = []
    for accept in (True, False):
        body = resolve(doc, accept)
        out.append("\n".join(shown(doc, bookmarked(body, TEXT_BOOKMARK))))
    return out[0], out[1]


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory: pytest.TempPathFactory):
    with fresh_store_url(tmp_path_factory.mktemp("demo")) as url:
        replay_into(url, EXAMPLES / "bydelsutvalg-demo.yaml")
        replay_into(url, PARKING)
        yield url


def _case(url: str, arkivsak: str):  # type: ignore[no-untyped-def]
    from engine.app.repository import require_case
    from engine.store.eventstore import EventStore

    store = EventStore(url)
    try:
        return require_case(store, arkivsak)[1]
    finally:
        store.close()


def test_accept_all_gives_the_council_decision_word_for_word(replayed_19_8286: str,
                                                             expected_dir: Path,
                                                             tmp_path: Path) -> None:
    accepted, rejected = views(diff_docx(replayed_19_8286, "19/8286", tmp_path))
    record = (expected_dir / "vedtak-bystyret-2019-08-29.txt").read_text(encoding="utf-8")
    decision = record[:record.index("FLERTALLSMERKNAD")]  # the remark is not decision text
    assert fold(accepted) == fold(decision)
    case = _case(replayed_19_8286, "19/8286")
    assert fold(rejected) == fold(render_plain(p.text for p in case.original))
    assert "- 1. Globalt partnerskap og solidaritet" in accepted.splitlines()


def test_accept_and_reject_between_a_meeting_and_the_decision(replayed_19_8286: str,
                                                              tmp_path: Path) -> None:
    meeting = "Finans- og næringskomiteen 2019-05-28"
    accepted, rejected = views(diff_docx(replayed_19_8286, "19/8286", tmp_path, "--from",
                                         meeting))
    comparison = compare(_case(replayed_19_8286, "19/8286"), meeting, "vedtak")
    assert fold(accepted) == fold(render_plain(p.text for p in comparison.new.text))
    assert fold(rejected) == fold(render_plain(p.text for p in comparison.old.text))


@pytest.mark.parametrize("arkivsak", ["25/1432", "24/100"])
def test_accept_and_reject_with_list_items_changed_added_and_struck(demo_url: str,
                                                                    tmp_path: Path,
                                                                    arkivsak: str) -> None:
    accepted, rejected = views(diff_docx(demo_url, arkivsak, tmp_path))
    comparison = compare(_case(demo_url, arkivsak))
    assert comparison.changed
    assert fold(accepted) == fold(render_plain(p.text for p in comparison.new.text))
    assert fold(rejected) == fold(render_plain(p.text for p in comparison.old.text))


def test_list_items_are_list_paragraphs_and_the_notes_are_comments(demo_url: str,
                                                                   tmp_path: Path) -> None:
    path = diff_docx(demo_url, "25/1432", tmp_path)
    doc = Document(str(path))
    text = bookmarked(doc.element.body, TEXT_BOOKMARK)
    items = [p for p in text if numbering(p) is not None]
    assert len(items) >= 4
    assert not [p for p in text if re.match(r"\s*(- |\d+\. )", "".join(
        t.text or "" for t in p.iter(qn("w:t"), qn("w:delText"))))]
    # The item added in the meeting is a paragraph of its own, its mark inserted.
    marks = [r for r in read_revisions(path) if r["kind"] == "ins-mark"]
    assert marks
    # No "Nytt avsnitt" heading in the text: the notes are comments, and head the document.
    words = " ".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in text)
    assert "avsnitt" not in words.lower()
    comments = [c.text for c in doc.comments]
    assert comments and all(re.search(r"\d{2}\.\d{2}\.\d{4}\)", c) for c in comments)
    legend = [p.text for p in doc.paragraphs if p.text in comments]
    assert legend == comments


def test_the_diff_is_on_the_house_template(replayed_19_8286: str, tmp_path: Path) -> None:
    doc = Document(str(diff_docx(replayed_19_8286, "19/8286", tmp_path)))
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert section.header.paragraphs[0].text == "Trondheim kommune"
    footer = [t.text.strip() for t in section.footer._element.iter(qn("w:instrText"))]
    assert footer == ["PAGE", "NUMPAGES"]
    assert doc.styles["Normal"].font.name == "Calibri"
    assert doc.core_properties.author == "Trondheim kommune"
    assert doc.core_properties.language == "nb-NO"
    text = "\n".join(p.text for p in doc.paragraphs) + "\n".join(c.text for c in doc.comments)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text), "Norwegian dates where a person reads"
    assert "25.04.2019" in text and "29.08.2019" in text
