"""Word documents, read back with python-docx: styles, tables, lists, italics, properties."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document

from documents.compose import dossier_items, protocol_markup, render_markup
from documents.files import (
    protocol_filename,
    write_case_documents,
    write_dossier,
    write_protocol,
)
from engine.read.views import find_item
from tests.conftest import fold
from tests.documents.wordread import body_lines, labels, numbering

BYSTYRET = "Bystyret 2019-08-29"


def body_text(doc) -> str:  # type: ignore[no-untyped-def]
    """The document's text in order as a reader sees it: paragraphs (a list item with the
    label Word gives it, as the text format writes it) and table cells."""
    return "\n".join(body_lines(doc))


@pytest.fixture(scope="module")
def bystyret_docx(case_19_8286, tmp_path_factory) -> Path:
    registry, case = case_19_8286
    item = find_item(case, BYSTYRET)
    return write_protocol(registry, case, item, tmp_path_factory.mktemp("docx") / "p.docx")


def test_header_table(bystyret_docx: Path) -> None:
    doc = Document(str(bystyret_docx))
    fields = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows}
    assert fields == {
        "Utvalg:": "Bystyret", "Møtedato:": "29.08.2019", "Sak:": "87/19",
        "Tittel:": "Saksprotokoll - Internasjonal strategi Trondheim kommune 2019 - 2022",
        "Resultat:": "Behandlet", "Arkivsak:": "19/8286"}


def test_heading_styles(bystyret_docx: Path) -> None:
    doc = Document(str(bystyret_docx))
    headings = [(p.style.name, p.text) for p in doc.paragraphs
                if p.style.name.startswith("Heading")]
    assert headings == [("Heading 1", "Saksprotokoll"), ("Heading 2", "Vedtak:"),
                        ("Heading 2", "Behandling:"), ("Heading 2", "Votering:")]


def test_list_items_are_list_paragraphs(bystyret_docx: Path) -> None:
    doc = Document(str(bystyret_docx))
    items = [p for p in doc.paragraphs if numbering(p._p) is not None]
    found = labels(doc, [p._p for p in items])
    numbered = [(label, p.text) for p, (_, label) in zip(items, found, strict=True) if label]
    # The decision's points as a numbered list: Word counts them, the text has no number.
    assert numbered[:5] == [("1.", "Globalt partnerskap og solidaritet"),
                            ("2.", "Utvikling gjennom deltagelse i EU-prosjekter og "
                                   "internasjonalt prosjektsamarbeid"),
                            ("3.", "Styrke samspillet mellom forskning og utvikling (FoU), "
                                   "næringsliv og offentlig sektor"),
                            ("4.", "Vennskapsbysamarbeid"),
                            ("5.", "Det internasjonale samfunnet i Trondheim")]
    assert {p.style.name for p in items} == {"List Paragraph"}
    bullets = [p.text for p, (_, label) in zip(items, found, strict=True) if not label]
    assert len(bullets) == 2 + 2  # the decision's bullets, and once again in Behandling
    assert not any(re.match(r"(- |• |\d+\. )", p.text) for p in doc.paragraphs)


def test_emphasis_is_italic(bystyret_docx: Path) -> None:
    doc = Document(str(bystyret_docx))
    italic = [r.text for p in doc.paragraphs for r in p.runs if r.italic]
    assert "Internasjonal strategi Trondheim kommune 2019 – 2022" in italic
    assert not any("*" in p.text for p in doc.paragraphs)


def test_properties_and_page_number(bystyret_docx: Path) -> None:
    doc = Document(str(bystyret_docx))
    props = doc.core_properties
    assert props.title == "Saksprotokoll - Internasjonal strategi Trondheim kommune 2019 - 2022"
    assert props.author == "Trondheim kommune"
    assert "Bystyret 29.08.2019" in props.subject
    footer = doc.sections[0].footer._element.xml
    assert re.search(r"<w:instrText[^>]*>\s*PAGE\s*<", footer)
    assert re.search(r"<w:instrText[^>]*>\s*NUMPAGES\s*<", footer)
    assert "Side " in footer and " av " in footer


def test_docx_text_matches_the_text_format(case_19_8286, bystyret_docx: Path) -> None:
    registry, case = case_19_8286
    text = render_markup(protocol_markup(registry, case, find_item(case, BYSTYRET)), "text")
    assert fold(body_text(Document(str(bystyret_docx)))) == fold(text)


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_every_protocol_renders_in_every_format(case_19_8286, tmp_path: Path,
                                                language: str) -> None:
    registry, case = case_19_8286
    for item in case.items:
        markup = protocol_markup(registry, case, item, language)
        text = render_markup(markup, "text")
        markdown = render_markup(markup, "md")
        assert item.body in text and f"Utval{'g' if language == 'nb' else ''}:" in text
        assert markdown.startswith("# Saksprotokoll")
        path = write_protocol(registry, case, item, tmp_path / protocol_filename(case, item),
                              language)
        assert fold(body_text(Document(str(path)))) == fold(text)


def test_case_documents_and_dossier(replayed_19_8286: str, case_19_8286, tmp_path: Path) -> None:
    from engine.store.eventstore import EventStore

    store = EventStore(replayed_19_8286)
    paths = write_case_documents(store, "19/8286", tmp_path)
    store.close()
    names = sorted(p.name for p in paths)
    assert "19-8286 Bystyret 2019-08-29 saksprotokoll.docx" in names
    assert "19-8286 saksframlegg.docx" in names and "19-8286 saksdokumenter.docx" in names
    assert len(names) == 8 + 2
    doc = Document(str(tmp_path / "19-8286 saksdokumenter.docx"))
    assert doc.paragraphs[0].text == "Saksdokumenter - sak PS 0087/19"
    assert doc.core_properties.title == "Saksdokumenter - sak PS 0087/19"
    text = body_text(doc)
    text = text[text.index("Innhold"):]
    text = text[text.index("Saksprotokoll - Trondheim Studentråd") + 40:]  # after the contents
    # The deciding protocol first, the rest newest first, the saksframlegg, the statements.
    order = [text.index(f"Møtedato:\n{d}") for d in ("29.08.2019", "13.06.2019", "28.05.2019",
                                                     "09.05.2019")]
    order.append(text.index("Saksframlegg - 25.04.2019"))
    order += [text.index(f"Utvalg:\n{b}") for b in (
        "Ungdommens bystyre", "Mangfoldsrådet",
        "Kommunalt råd for mennesker med nedsatt funksjonsevne", "Trondheim Studentråd")]
    assert order == sorted(order)
    assert "Til sammen fire råd kom med uttalelse til saken:" in text
    registry, case = case_19_8286
    history, advisory = dossier_items(case)
    assert [i.date for i in history] == ["2019-08-29", "2019-06-13", "2019-05-28", "2019-05-09"]
    assert advisory[0].body == "Ungdommens bystyre"  # route order, not date
    nn = write_dossier(registry, case, tmp_path / "nn.docx", "nn")
    assert Document(str(nn)).paragraphs[0].text == "Saksdokument - sak PS 0087/19"
