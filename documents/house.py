"""The house document every .docx starts from: the template's styles, tagged with the
document's language, the municipality in the header, "Side N av M" in the footer (its words
from the language's phrases), and properties of its own: title, subject, the municipality as
author and company, created and modified when it was written.

Word fields (PAGE, NUMPAGES, a table of contents, PAGEREF) are written as complex fields with
a cached result, which Word and LibreOffice both update.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from documents.make_template import TEMPLATE, set_language

LANGUAGE_TAGS = {"nb": "nb-NO", "nn": "nn-NO"}
_PAGE, _PAGES = "\x00PAGE\x00", "\x00NUMPAGES\x00"


@dataclass(frozen=True, slots=True)
class Properties:
    """What a document says about itself (File > Properties)."""

    title: str
    subject: str
    municipality: str | None
    kind: str = ""
    """The kind of document (the category): Saksprotokoll, Saksframlegg, ..."""
    keywords: str = ""


def new_document(properties: Properties, language: str = "nb",
                 now: datetime | None = None) -> Any:
    """A document from the house template, with its properties, header and footer set."""
    from docx import Document

    doc = Document(str(TEMPLATE))
    tag = LANGUAGE_TAGS.get(language, LANGUAGE_TAGS["nb"])
    set_language(doc, tag)
    written = (now or datetime.now(UTC)).replace(microsecond=0)
    props = doc.core_properties
    props.title, props.subject = properties.title, properties.subject
    props.author = props.last_modified_by = properties.municipality or ""
    props.category, props.keywords = properties.kind, properties.keywords
    props.comments = ""
    props.language = tag
    props.created = props.modified = written
    props.revision = 1
    _company(doc, properties.municipality or "")
    section = doc.sections[0]
    if properties.municipality:
        section.header.paragraphs[0].text = properties.municipality
    _footer(section.footer.paragraphs[0], language)
    return doc


def _company(doc: Any, name: str) -> None:
    """The municipality as the document's company (docProps/app.xml, which python-docx
    keeps as bytes)."""
    from xml.sax.saxutils import escape

    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    for rel in doc.part.package.rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            part = rel.target_part
            part._blob = part.blob.replace(b"<Company></Company>",
                                           f"<Company>{escape(name)}</Company>".encode())


def _footer(paragraph: Any, language: str) -> None:
    import re

    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from documents.templating import environment

    words = str(environment(language).get_template("phrases.j2").module.page_of(_PAGE, _PAGES))
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for piece in re.split(f"({_PAGE}|{_PAGES})", words):
        if piece in (_PAGE, _PAGES):
            add_field(paragraph, piece.strip("\x00"), "1")
        elif piece:
            paragraph.add_run(piece)


def _run(inner: str) -> Any:
    from docx.oxml import parse_xml

    return parse_xml('<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
                     f'main">{inner}</w:r>')


def field_start(paragraph_element: Any, instruction: str) -> None:
    """Begin a complex field: its instruction, then its cached result follows."""
    from xml.sax.saxutils import escape

    paragraph_element.append(_run('<w:fldChar w:fldCharType="begin"/>'))
    paragraph_element.append(_run(f'<w:instrText xml:space="preserve"> {escape(instruction)} '
                                  '</w:instrText>'))
    paragraph_element.append(_run('<w:fldChar w:fldCharType="separate"/>'))


def field_end(paragraph_element: Any) -> None:
    paragraph_element.append(_run('<w:fldChar w:fldCharType="end"/>'))


def add_field(paragraph: Any, instruction: str, cached: str) -> None:
    """A whole field in one paragraph, with `cached` as its result until it is updated."""
    from xml.sax.saxutils import escape

    field_start(paragraph._p, instruction)
    if cached:
        paragraph._p.append(_run(f'<w:t xml:space="preserve">{escape(cached)}</w:t>'))
    field_end(paragraph._p)


def update_fields_on_open(doc: Any) -> None:
    """Ask Word to update the fields when the document is opened (a table of contents has
    no page numbers until then)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    settings = doc.settings.element
    update = parse_xml('<w:updateFields xmlns:w="http://schemas.openxmlformats.org/'
                       'wordprocessingml/2006/main" w:val="true"/>')
    # The schema's order: updateFields comes before these (Word refuses a file otherwise).
    successors = {qn(f"w:{t}") for t in ("hdrShapeDefaults", "footnotePr", "endnotePr",
                                          "compat", "docVars", "rsids")}
    successor = next((c for c in settings if c.tag in successors), None)
    if successor is None:
        settings.append(update)
    else:
        successor.addprevious(update)
