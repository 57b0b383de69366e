"""Build the house template every document starts from: `python -m documents.make_template`.

The template holds the house style and nothing else: the styles (Normal in the house font
with widow and orphan control, Title, Heading 1-4 kept with the next paragraph, List
Paragraph for every list item, the table of contents styles, Table Grid), an A4 page, no
numbering definitions (each list gets its own: documents/numbering.py), no header or footer
(documents/house.py writes them in the document's language), clean properties (no dates,
comment or preview picture: each document sets its own). It is committed as
templates/protocol.docx; run this again after changing the house style.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

TEMPLATE = Path(__file__).parent / "templates" / "protocol.docx"
FONT = "Calibri"
"""The house font (LibreOffice draws it with the metric-compatible Carlito)."""
TEXT_WIDTH_CM = 16.0
"""A4 less the margins: where a right tab (the table of contents' page numbers) stops."""

_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
_KEPT_TABLE_STYLES = {"Normal Table", "Table Grid"}
_APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
    'docPropsVTypes"><Application>saksflyt</Application><Company></Company></Properties>'
)


def set_language(doc: Any, tag: str) -> None:
    """Tag the document defaults and every style with the language (nb-NO, nn-NO), so Word
    and LibreOffice check the spelling in it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    lang_tag = qn("w:lang")
    after_lang = {qn("w:eastAsianLayout"), qn("w:specVanish"), qn("w:oMath")}
    styles = doc.styles.element
    run_properties = [styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(
        qn("w:rPr"))]
    for style in styles.iterchildren(qn("w:style")):
        if style.get(qn("w:type")) != "numbering":  # a numbering style has no run properties
            run_properties.append(style.get_or_add_rPr())
    for rpr in run_properties:
        lang = rpr.find(lang_tag)
        if lang is None:
            lang = OxmlElement("w:lang")
            successor = next((c for c in rpr if c.tag in after_lang), None)
            if successor is None:
                rpr.append(lang)
            else:
                successor.addprevious(lang)
        lang.set(qn("w:val"), tag)
    settings = doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), tag)


def _fonts(element: Any) -> None:
    """The house font for every script, not the theme's (python-docx's theme is Cambria)."""
    from docx.oxml.ns import qn

    fonts = element.find(qn("w:rFonts"))
    if fonts is None:
        return
    for name in list(fonts.attrib):
        del fonts.attrib[name]
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{script}"), FONT)


def _drop_parts(doc: Any) -> None:
    """No preview picture (python-docx's), no Word 2010 style copy, no bibliography part, and
    an empty numbering part (python-docx cannot make one)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    package_rels = doc.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package_rels.pop(rid)
        elif rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = _APP_XML.encode("utf-8")
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype in (_STYLES_WITH_EFFECTS, RT.CUSTOM_XML):
            doc.part.rels.pop(rid)
    numbering = doc.part.numbering_part.element
    for definition in list(numbering):
        numbering.remove(definition)


def _norwegian_settings(doc: Any) -> None:
    """Decimal comma and semicolon list separator (Norwegian fields), no preview picture."""
    from docx.oxml.ns import qn

    settings = doc.settings.element
    for tag, value in (("w:decimalSymbol", ","), ("w:listSeparator", ";")):
        element = settings.find(qn(tag))
        if element is not None:
            element.set(qn("w:val"), value)
    preview = settings.find(qn("w:savePreviewPicture"))
    if preview is not None:
        settings.remove(preview)


def _prune_styles(doc: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE

    for style in list(doc.styles):
        if style.type == WD_STYLE_TYPE.TABLE and style.name not in _KEPT_TABLE_STYLES:
            style.element.getparent().remove(style.element)
        elif style.type == WD_STYLE_TYPE.PARAGRAPH and style.element.pPr is not None:
            # List styles number through the numbering definitions the template no longer
            # has: each list paragraph names its own (documents/numbering.py).
            numbering = style.element.pPr.find(
                "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}numPr")
            if numbering is not None:
                style.element.pPr.remove(numbering)


def build(path: Path = TEMPLATE) -> Path:
    from docx import Document
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    doc = Document()
    for paragraph in list(doc.paragraphs):
        paragraph._p.getparent().remove(paragraph._p)
    _drop_parts(doc)
    _prune_styles(doc)
    styles = doc.styles
    _fonts(styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")))
    for style in styles.element.iterchildren(qn("w:style")):
        if style.rPr is not None:
            _fonts(style.rPr)
    for name in ("Title", "Subtitle"):
        # No accent-coloured rule under the title, no letter spacing.
        element = styles[name].element
        if element.pPr is not None and element.pPr.find(qn("w:pBdr")) is not None:
            element.pPr.remove(element.pPr.find(qn("w:pBdr")))
        if element.rPr is not None and element.rPr.find(qn("w:spacing")) is not None:
            element.rPr.remove(element.rPr.find(qn("w:spacing")))
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.widow_control = True
    black = RGBColor(0, 0, 0)
    for name, size, before in (("Title", 20, 0), ("Heading 1", 16, 12), ("Heading 2", 13, 12),
                               ("Heading 3", 12, 10), ("Heading 4", 11, 8),
                               ("TOC Heading", 13, 0), ("Subtitle", 11, 0)):
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = name != "Subtitle"
        style.font.italic = False
        style.font.color.rgb = black
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(6)
        style.paragraph_format.keep_with_next = True
        style.paragraph_format.keep_together = True
    for name in ("List Paragraph", "List Bullet", "List Number"):
        # Items of one list sit close (contextual spacing); the list ends with the space a
        # paragraph has.
        styles[name].font.name = FONT
        styles[name].paragraph_format.space_after = Pt(6)
        properties = styles[name].element.get_or_add_pPr()
        if properties.find(qn("w:contextualSpacing")) is None:
            properties.append(OxmlElement("w:contextualSpacing"))
    for level in (1, 2):
        style = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH, builtin=True)
        style.base_style = normal
        style.paragraph_format.left_indent = Cm(0.5 * (level - 1))
        style.paragraph_format.space_after = Pt(3)
        style.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT,
                                                      WD_TAB_LEADER.DOTS)
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.5)
    section.top_margin = section.bottom_margin = Cm(2.0)
    set_language(doc, "nb-NO")
    _norwegian_settings(doc)
    props = doc.core_properties
    props.language = "nb-NO"
    props.title = props.subject = props.author = props.comments = props.keywords = ""
    props.last_modified_by = props.category = ""
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


if __name__ == "__main__":
    print(build())
