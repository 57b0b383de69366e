"""Build the Word template the documents start from: `python -m documents.make_template`.

The template defines the styles (Normal, Title, Heading 1-3, List Bullet, Table Grid), an A4
page and a footer with the page number (a PAGE field), so the writer only places content.
It is committed as templates/protocol.docx; run this again after changing the house style.
"""

from __future__ import annotations

from pathlib import Path

TEMPLATE = Path(__file__).parent / "templates" / "protocol.docx"


def _page_field(paragraph) -> None:  # type: ignore[no-untyped-def]
    """Append a PAGE field (Word updates it on every page)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def build(path: Path = TEMPLATE) -> Path:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    doc = Document()
    for paragraph in list(doc.paragraphs):
        paragraph._p.getparent().remove(paragraph._p)
    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    black = RGBColor(0, 0, 0)
    for name, size, before in (("Title", 20, 0), ("Heading 1", 16, 12), ("Heading 2", 13, 12),
                               ("Heading 3", 12, 10)):
        style = styles[name]
        style.font.name = "Calibri"
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = black
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(6)
    styles["List Bullet"].font.name = "Calibri"
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.0)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Side ")
    _page_field(footer)
    doc.core_properties.title = ""
    doc.core_properties.author = ""
    doc.core_properties.comments = "Mal for saksflyt: saksprotokoller og saksdokumenter"
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


if __name__ == "__main__":
    print(build())
