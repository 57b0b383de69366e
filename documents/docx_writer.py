"""Block markup to a Word document with python-docx, on the house document (documents/house.py).

Styles are looked up once and set by id (a lookup by name scans every style, once a
paragraph: LIBRARIES.md). Headings use the heading styles, header fields a table, lists real
Word lists (documents/numbering.py: numbered points counted by Word, the record's own labels
as the items' labels, bullets), `*emphasis*` italic runs and a bold paragraph bold runs. A
paragraph that introduces what follows (a bold proposer's line or remark heading, a line
ending in a colon, the lead of a list) is kept with the next one, so it is never left alone
at the foot of a page. A table of contents is a real TOC field over the level-2 headings,
each of which carries a bookmark its entry's PAGEREF points to.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from documents import house
from documents import markup as mk
from documents.house import Properties
from documents.numbering import Numbering, number

LIST_STYLE = "List Paragraph"
"""Every list item's style (Word's own for numbered lists): the numbering definition gives
the label and the indent, and items of one list, at any level, sit close together."""


class _Writer:
    def __init__(self, doc: Any) -> None:
        from docx.enum.style import WD_STYLE_TYPE

        self.doc = doc
        styles = doc.styles

        def style_id(name: str) -> str | None:
            # Resolved once: python-docx's `style=` resolves the style again for every
            # paragraph (half the time of a protocol); the id set on the XML is what it sets.
            return doc.part.get_style_id(styles[name], WD_STYLE_TYPE.PARAGRAPH)

        self.style_id = style_id
        self.headings = {n: style_id(f"Heading {n}") for n in (1, 2, 3, 4)}
        self.title = style_id("Title")
        self.normal = style_id("Normal")
        self.list_item = style_id(LIST_STYLE)
        self.grid = styles["Table Grid"]
        self._numbering: Numbering | None = None
        self.bookmarks: list[str] = []
        """The table of contents' targets, in order: a bookmark for each level-2 heading."""

    @property
    def numbering(self) -> Numbering:
        if self._numbering is None:
            self._numbering = Numbering(self.doc)
        return self._numbering

    def write(self, blocks: list[mk.Block]) -> None:
        toc = any(isinstance(b, mk.TableOfContents) for b in blocks)
        self.page_break = False
        for index, block in enumerate(blocks):
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            match block:
                case mk.Heading() if toc and block.level < mk.TOC_LEVEL:
                    # Above the entries of a table of contents: the document's title, which
                    # is no entry (LibreOffice lists every level up to the entries').
                    self._paragraph(self.title).add_run(block.text)
                case mk.Heading():
                    paragraph = self._paragraph(self.headings[min(block.level, 4)])
                    if toc and block.level == mk.TOC_LEVEL:
                        self._bookmarked(paragraph, block.text)
                    else:
                        paragraph.add_run(block.text)
                case mk.Fields():
                    if self.page_break:
                        self.doc.add_page_break()
                        self.page_break = False
                    _fields(self.doc, block, self.grid, self.normal)
                case mk.Para():
                    paragraph = self._paragraph(self.normal)
                    _runs(paragraph, block.text, bold=block.strong)
                    if block.strong or block.text.endswith(":") or isinstance(
                            following, mk.ListBlock):
                        paragraph.paragraph_format.keep_with_next = True
                case mk.ListBlock():
                    self._list(block)
                case mk.PageBreak():
                    self.page_break = True
                case mk.TableOfContents():
                    self._toc(block, mk.toc_entries(blocks))

    def _paragraph(self, style_id: str | None) -> Any:
        """A new paragraph; the first after a page break starts the new page (a paragraph
        of its own for the break would leave an empty line at the top of the page)."""
        paragraph = _styled(self.doc.add_paragraph(), style_id)
        if self.page_break:
            paragraph.paragraph_format.page_break_before = True
            self.page_break = False
        return paragraph

    def _list(self, block: mk.ListBlock) -> None:
        ids = self.numbering.for_list(block.entries)
        for entry, (num_id, ilvl) in zip(block.entries, ids, strict=True):
            paragraph = self._paragraph(self.list_item)
            number(paragraph, num_id, ilvl)
            _runs(paragraph, entry.words)

    def _bookmarked(self, paragraph: Any, text: str) -> None:
        from docx.oxml import parse_xml

        number_ = len(self.bookmarks) + 1
        name = f"_Toc{number_:06d}"
        self.bookmarks.append(name)
        ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        paragraph._p.append(parse_xml(f'<w:bookmarkStart {ns} w:id="{number_}" '
                                      f'w:name="{name}"/>'))
        paragraph.add_run(text)
        paragraph._p.append(parse_xml(f'<w:bookmarkEnd {ns} w:id="{number_}"/>'))

    def _toc(self, block: mk.TableOfContents, entries: list[str]) -> None:
        """A TOC field over the level-2 headings. Its cached result lists the entries, each
        with a PAGEREF to its heading's bookmark; Word updates it on opening, LibreOffice
        when converting to PDF (documents/pdf.py)."""
        title = self._paragraph(self.style_id("TOC Heading"))
        title.add_run(block.title)
        entry_style = self.style_id("toc 1")
        level = mk.TOC_LEVEL
        if not entries:
            paragraph = _styled(self.doc.add_paragraph(), entry_style)
            house.add_field(paragraph, f'TOC \\o "{level}-{level}" \\h \\z \\u', "")
            return
        for index, text in enumerate(entries, 1):
            paragraph = _styled(self.doc.add_paragraph(), entry_style)
            if index == 1:
                house.field_start(paragraph._p, f'TOC \\o "{level}-{level}" \\h \\z \\u')
            paragraph.add_run(text)
            paragraph.add_run().add_tab()
            house.add_field(paragraph, f"PAGEREF _Toc{index:06d} \\h", "")
            if index == len(entries):
                house.field_end(paragraph._p)
        house.update_fields_on_open(self.doc)


def build_document(markup: str, properties: Properties, language: str = "nb") -> Any:
    doc = house.new_document(properties, language)
    _Writer(doc).write(mk.parse(markup))
    return doc


def _styled(paragraph: Any, style_id: str | None) -> Any:
    paragraph._p.style = style_id  # what `paragraph.style = ...` sets, without the lookup
    return paragraph


def _runs(paragraph: Any, text: str, bold: bool = False) -> None:
    for words, italic in mk.runs(text):
        run = paragraph.add_run(words)
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
    for index, (row, (label, value)) in enumerate(zip(table.rows, block.rows, strict=True)):
        _whole_row(row)
        label_cell, value_cell = row.cells
        label_cell.width, value_cell.width = Cm(3.5), Cm(12.5)
        label_run = label_cell.paragraphs[0].add_run(label)
        label_run.bold = True
        for cell in (label_cell, value_cell):
            _styled(cell.paragraphs[0], normal)
            if index + 1 < len(block.rows):  # the header box stays on one page
                cell.paragraphs[0].paragraph_format.keep_with_next = True
        _runs(value_cell.paragraphs[0], value)
    _styled(doc.add_paragraph(), normal)  # air between the header box and the text


def _whole_row(row: Any) -> None:
    """A table row is never split across pages."""
    from docx.oxml import OxmlElement

    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:cantSplit"))


def write_docx(markup: str, path: Path, properties: Properties, language: str = "nb") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    build_document(markup, properties, language).save(str(path))
    return path
