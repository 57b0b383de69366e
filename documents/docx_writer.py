"""Block markup to a Word document with python-docx, from the shipped template.

Styles are looked up once and set by object (a lookup by name scans every style, once a
paragraph: LIBRARIES.md). Headings use the heading styles, header fields a table, list items
the List Bullet style, `*emphasis*` italic runs and a bold paragraph bold runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from documents import markup as mk
from documents.make_template import TEMPLATE


def build_document(markup: str, *, title: str, subject: str, author: str | None,
                   header: str | None = None) -> Any:
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE

    doc = Document(str(TEMPLATE))
    styles = doc.styles

    def style_id(name: str) -> str | None:
        # Resolved once: python-docx's `style=` resolves the style again for every paragraph
        # (half the time of a protocol); the id set on the XML is what it would set.
        return doc.part.get_style_id(styles[name], WD_STYLE_TYPE.PARAGRAPH)

    headings = {n: style_id(f"Heading {n}") for n in (1, 2, 3, 4)}
    normal, bullet, grid = style_id("Normal"), style_id("List Bullet"), styles["Table Grid"]
    for block in mk.parse(markup):
        match block:
            case mk.Heading():
                _styled(doc.add_paragraph(mk.xml_safe(block.text)),
                        headings[min(block.level, 4)])
            case mk.Fields():
                _fields(doc, block, grid, normal)
            case mk.Para():
                _runs(_styled(doc.add_paragraph(), normal), block.text, bold=block.strong)
            case mk.ListItem():
                _runs(_styled(doc.add_paragraph(), bullet), block.text)
            case mk.PageBreak():
                doc.add_page_break()
    props = doc.core_properties
    props.title, props.subject = mk.xml_safe(title), mk.xml_safe(subject)
    props.author = mk.xml_safe(author or "")
    props.last_modified_by = props.author
    props.language = "nb-NO"
    if header:
        doc.sections[0].header.paragraphs[0].text = mk.xml_safe(header)
    return doc


def _styled(paragraph: Any, style_id: str | None) -> Any:
    paragraph._p.style = style_id  # what `paragraph.style = ...` sets, without the lookup
    return paragraph


def _runs(paragraph: Any, text: str, bold: bool = False) -> None:
    for words, italic in mk.runs(text):
        run = paragraph.add_run(mk.xml_safe(words))
        if italic:
            run.italic = True
        if bold:
            run.bold = True


def _fields(doc: Any, block: mk.Fields, table_style: Any, normal: str | None) -> None:
    from docx.shared import Cm

    table = doc.add_table(rows=len(block.rows), cols=2)
    table.style = table_style
    table.autofit = False
    # Word reads the cell widths, LibreOffice the grid's: set both.
    table.columns[0].width, table.columns[1].width = Cm(3.5), Cm(12.5)
    for row, (label, value) in zip(table.rows, block.rows, strict=True):
        label_cell, value_cell = row.cells
        label_cell.width, value_cell.width = Cm(3.5), Cm(12.5)
        label_run = label_cell.paragraphs[0].add_run(mk.xml_safe(label))
        label_run.bold = True
        _styled(label_cell.paragraphs[0], normal)
        _styled(value_cell.paragraphs[0], normal)
        _runs(value_cell.paragraphs[0], value)
    _styled(doc.add_paragraph(), normal)  # air between the header box and the text


def write_docx(markup: str, path: Path, **properties: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    build_document(markup, **properties).save(str(path))
    return path
