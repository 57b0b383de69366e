"""What a secretariat checks before it publishes a Word document, read back with python-docx:
numbered points as Word lists, every style in the document's language, properties of the run
(not the template's), proposer lines kept with their text, page numbers "Side N av M", the
approval line, and the dossier's table of contents."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from docx.oxml.ns import qn

from cli import main
from documents.compose import protocol_markup, render_markup
from documents.files import write_dossier, write_protocol, write_saksframlegg
from documents.meeting_protocol import meeting_markup, write_meeting_protocol
from documents.protocol import build_protocol
from engine.read.views import find_item
from tests.documents.conftest import LIVE
from tests.documents.wordread import labels, numbering

BYSTYRET = "Bystyret 2019-08-29"
TYPED_NUMBER = re.compile(r"^\s*(\d+|[a-zA-Z])[.)]\s")


def run(url: str, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["--db", url, *args])


@pytest.fixture(scope="module")
def written(case_19_8286, tmp_path_factory) -> dict[str, Path]:
    registry, case = case_19_8286
    folder = tmp_path_factory.mktemp("publish")
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    paths = {
        "protocol": write_protocol(registry, case, find_item(case, BYSTYRET),
                                   folder / "p.docx"),
        "saksframlegg": write_saksframlegg(registry, case, folder / "s.docx"),
        "dossier": write_dossier(registry, case, folder / "d.docx"),
        "nn": write_protocol(registry, case, find_item(case, BYSTYRET), folder / "nn.docx",
                             "nn"),
    }
    (folder / "before").write_text(before.isoformat())
    return paths


@pytest.mark.parametrize("name", ["protocol", "saksframlegg", "dossier"])
def test_numbered_paragraphs_have_numpr_and_no_typed_number(written, name: str) -> None:
    doc = Document(str(written[name]))
    items = [p for p in doc.paragraphs if numbering(p._p) is not None]
    numbered = [p for p, found in zip(items, labels(doc, [p._p for p in items]), strict=True)
                if found and re.fullmatch(r"\d+\.", found[1])]
    assert numbered, "the decision's points are a numbered list"
    assert all(p.style.name == "List Paragraph" for p in numbered)
    assert not [p.text for p in doc.paragraphs if TYPED_NUMBER.match(p.text)]
    assert "Globalt partnerskap og solidaritet" in [p.text for p in numbered]


def test_the_records_own_labels_are_list_labels(written) -> None:
    """The student council's points "2.2:" and "2.3:" are labels of the record's own: Word
    shows them as the items' labels, not typed into the text."""
    doc = Document(str(written["saksframlegg"]))
    items = [p for p in doc.paragraphs if numbering(p._p) is not None]
    found = dict(zip([p.text[:20] for p in items], labels(doc, [p._p for p in items]),
                     strict=True))
    assert found["Det er et godt initi"] == (1, "2.2:")
    assert found["Studentrådet setter "] == (1, "2.3:")


@pytest.mark.parametrize(("name", "tag"), [("protocol", "nb-NO"), ("dossier", "nb-NO"),
                                           ("nn", "nn-NO")])
def test_every_style_is_in_the_documents_language(written, name: str, tag: str) -> None:
    doc = Document(str(written[name]))
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == tag
    tagged = {}
    for style in styles.iterchildren(qn("w:style")):
        if style.get(qn("w:type")) == "numbering":
            continue
        lang = style.find(qn("w:rPr")).find(qn("w:lang"))
        tagged[style.get(qn("w:styleId"))] = lang.get(qn("w:val"))
    assert len(tagged) > 20 and set(tagged.values()) == {tag}
    assert doc.core_properties.language == tag
    assert doc.settings.element.find(qn("w:themeFontLang")).get(qn("w:val")) == tag


def test_nynorsk_through_the_command_line(replayed_19_8286: str, tmp_path: Path) -> None:
    out = tmp_path / "nn.docx"
    result = run(replayed_19_8286, "protocol", "19/8286", "--meeting", BYSTYRET, "--format",
                 "docx", "--lang", "nn", "-o", str(out))
    assert result.exit_code == 0, result.output
    doc = Document(str(out))
    langs = {e.get(qn("w:val")) for e in doc.styles.element.iter(qn("w:lang"))}
    assert langs == {"nn-NO"} and doc.core_properties.language == "nn-NO"


def test_properties_are_the_runs_not_the_templates(written) -> None:
    before = dt.datetime.fromisoformat((written["protocol"].parent / "before").read_text())
    after = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=1)
    for name in ("protocol", "dossier"):
        props = Document(str(written[name])).core_properties
        assert before <= props.created <= after and before <= props.modified <= after
        assert props.author == props.last_modified_by == "Trondheim kommune"
        assert props.comments == "" and "Mal" not in (props.comments or "")
        assert props.revision == 1 and props.keywords == "19/8286"
    assert Document(str(written["protocol"])).core_properties.category == "Saksprotokoll"
    with zipfile.ZipFile(written["protocol"]) as archive:
        app = archive.read("docProps/app.xml").decode()
        assert "<Company>Trondheim kommune</Company>" in app
        assert "docProps/thumbnail.jpeg" not in archive.namelist()


def test_keep_with_next_on_every_proposer_line_and_remark_heading(case_19_8286,
                                                                  written) -> None:
    registry, case = case_19_8286
    protocol = build_protocol(registry, case, find_item(case, BYSTYRET))
    proposers = [e for e in protocol.handling if e.type == "proposal"]
    doc = Document(str(written["protocol"]))
    bold = [p for p in doc.paragraphs if p.runs and all(r.bold for r in p.runs)]
    lines = {p.text: p for p in bold}
    for entry in proposers:
        assert entry.person is not None
        line = next(t for t in lines if t.startswith(f"{entry.person.name} ("))
        assert lines[line].paragraph_format.keep_with_next is True, line
    remark = lines["FLERTALLSMERKNAD - SV, Ap, H, FrP, MDG, PP, V, Sp, KrF, R:"]
    assert remark.paragraph_format.keep_with_next is True
    assert len(bold) == len(proposers) + 1 and all(p.paragraph_format.keep_with_next
                                                   for p in bold)
    # Headings keep with the next paragraph by their style; the text has widow control.
    assert doc.styles["Heading 2"].paragraph_format.keep_with_next is True
    assert doc.styles["Normal"].paragraph_format.widow_control is True


def test_footer_says_side_n_av_m_and_the_header_names_the_municipality(written) -> None:
    doc = Document(str(written["protocol"]))
    footer = doc.sections[0].footer._element
    instructions = [t.text.strip() for t in footer.iter(qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    shown = "".join(t.text for t in footer.iter(qn("w:t")))
    assert shown == "Side 1 av 1"  # the fields' results until Word or LibreOffice updates them
    assert doc.sections[0].header.paragraphs[0].text == "Trondheim kommune"
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)


def test_the_dossier_has_a_toc_field_over_its_documents_in_the_records_order(written) -> None:
    doc = Document(str(written["dossier"]))
    body = doc.element.body
    instructions = [t.text.strip() for t in body.iter(qn("w:instrText"))]
    assert instructions[0] == 'TOC \\o "2-2" \\h \\z \\u'
    refs = [i.split()[1] for i in instructions if i.startswith("PAGEREF")]
    headings = [p for p in doc.paragraphs if p.style.name == "Heading 2"]
    marks = {p._p.find(qn("w:bookmarkStart")).get(qn("w:name")): p.text for p in headings}
    assert [marks[r] for r in refs] == [p.text for p in headings] == [
        "Saksprotokoll - Bystyret 29.08.2019", "Saksprotokoll - Bystyret 13.06.2019",
        "Saksprotokoll - Finans- og næringskomiteen 28.05.2019",
        "Saksprotokoll - Finans- og næringskomiteen 09.05.2019", "Saksframlegg - 25.04.2019",
        "Saksprotokoll - Ungdommens bystyre 02.04.2019",
        "Saksprotokoll - Mangfoldsrådet 26.03.2019",
        "Saksprotokoll - Kommunalt råd for mennesker med nedsatt funksjonsevne 26.03.2019",
        "Saksprotokoll - Trondheim Studentråd 26.03.2019"]
    # Each document starts a page; the title is no entry of its own.
    assert all(p.paragraph_format.page_break_before for p in headings)
    assert doc.paragraphs[0].style.name == "Title"
    assert doc.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"


# --- the approval line --------------------------------------------------------------------------

@pytest.mark.parametrize(("language", "words"), [
    ("nb", "Elektronisk godkjent {date}: dokumentert godkjenning uten underskrift."),
    ("nn", "Elektronisk godkjend {date}: dokumentert godkjenning utan underskrift."),
])
def test_an_approved_protocol_says_so(live_store, tmp_path: Path, language: str,
                                      words: str) -> None:
    from engine.app.approvals import case_approvals
    from engine.app.repository import require_case

    registry, case = require_case(live_store, "30/1")
    approval = case_approvals(live_store, case)[LIVE]
    today = dt.datetime.now(dt.UTC).astimezone(_oslo()).strftime("%d.%m.%Y")
    line = words.format(date=today)
    item = find_item(case, LIVE)
    text = render_markup(protocol_markup(registry, case, item, language, approval), "text")
    assert line in text.splitlines()
    # Before the corrections made after approval, which are dated notes of their own.
    lines = text.splitlines()
    assert lines.index(line) < len(lines) - 1 and lines[-1].startswith("Rett")
    doc = Document(str(write_protocol(registry, case, item, tmp_path / "p.docx", language,
                                      approval)))
    assert line in [p.text for p in doc.paragraphs]
    # Not approved: no line.
    assert "Elektronisk" not in render_markup(protocol_markup(registry, case, item, language),
                                              "text")


def test_the_meeting_protocol_ends_with_the_approval(live_store, tmp_path: Path) -> None:
    from engine.app.approvals import approvals
    from engine.app.meetings import meeting_record

    registry, meeting, items = meeting_record(live_store, LIVE)
    approval = approvals(live_store, [meeting.key])[meeting.key]
    text = render_markup(meeting_markup(registry, meeting, items, "nb", approval), "text")
    assert text.strip().splitlines()[-1].startswith("Elektronisk godkjent ")
    assert text.count("Elektronisk godkjent") == 1  # once, not under every item
    doc = Document(str(write_meeting_protocol(registry, meeting, items, tmp_path / "m.docx",
                                              "nb", approval)))
    assert doc.core_properties.title == "Møteprotokoll - Bystyret 10.01.2030"


def test_the_protocol_command_prints_the_approval(live_store, db_url: str) -> None:
    result = run(db_url, "protocol", "30/1", "--meeting", LIVE)
    assert result.exit_code == 0, result.output
    assert "Elektronisk godkjent " in result.stdout
    meeting = run(db_url, "meeting", "protocol", LIVE)
    assert meeting.exit_code == 0, meeting.output
    assert meeting.stdout.count("Elektronisk godkjent ") == 1


def _oslo():  # type: ignore[no-untyped-def]
    from zoneinfo import ZoneInfo

    return ZoneInfo("Europe/Oslo")


def test_the_approval_is_dated_by_the_day_in_norway() -> None:
    from engine.app.approvals import local_date

    # Stored in UTC: late evening in summer is the next day in Norway (CEST, UTC+2).
    assert local_date("2019-09-04T22:30:00.000000+00:00") == "2019-09-05"
    assert local_date("2019-12-04T22:30:00.000000+00:00") == "2019-12-04"  # CET, UTC+1
