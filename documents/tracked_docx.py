"""`saksflyt diff` as a Word document with real tracked changes, on the house document.

Each insertion is a `w:ins` and each deletion a `w:del` (its words in `w:delText`), with
`w:author` the body and `w:date` the meeting that made the change, so a reader steps through
them in Word's review pane. The text is the decision's own paragraphs, list items as list
paragraphs (documents/lists.py: the typed number taken out where Word counts it) and a line
added or struck as a paragraph whose mark is inserted or deleted: "accept all" gives exactly
the new text, "reject all" the old one. Who changed a paragraph and where ("Nytt avsnitt 4
(Finans- og næringskomiteen 28.05.2019)") is a comment on it, not a line of the text; the
same notes head the document as a list, for a reader of the PDF. The text is the bookmark
`Tekst`.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from documents import house
from documents.docx_writer import LIST_STYLE
from documents.house import Properties
from documents.lists import Entry, classify
from documents.numbering import Numbering, number
from documents.tracked import chunks, wording
from engine.read.compare import Comparison, ParagraphChange

TEXT_BOOKMARK = "Tekst"
_ITEM = re.compile(r"^(\s*)- ")
_NEW, _OLD = frozenset("=+"), frozenset("=-")



@dataclass
class _Line:
    """One line of a paragraph of the text (a Word paragraph): its pieces (op, words) and the
    op of the line break that ends it ("=" kept, "+" inserted, "-" deleted)."""

    pieces: list[tuple[str, str]] = field(default_factory=list)
    mark: str = "="
    entry: Entry | None = None
    """As a list item: how it shows (None: a paragraph)."""

    def text(self, ops: frozenset[str]) -> str:
        return "".join(words for op, words in self.pieces if op in ops)

    def present(self, ops: frozenset[str]) -> bool:
        return any(op in ops and words.strip() for op, words in self.pieces)


def _lines(change: ParagraphChange) -> list[_Line]:
    lines = [_Line()]
    for op, words, space in chunks(change.segments):
        for index, fragment in enumerate(((" " if space else "") + words).split("\n")):
            if index:
                lines[-1].mark = op
                lines.append(_Line())
            if fragment:
                lines[-1].pieces.append((op, fragment))
    if change.status in ("added", "removed"):
        lines[-1].mark = "+" if change.status == "added" else "-"
    lines = [line for line in lines if line.pieces or line.mark != "="] or [_Line()]
    _own_marks(lines)
    return lines


def _own_marks(lines: list[_Line]) -> None:
    """A line that only one version has carries its own paragraph mark as inserted (or
    deleted), not the line before it: so "reject all" removes the new line with its mark and
    leaves the line before with its own formatting (a lead stays a paragraph, not a list
    item), and "accept all" the same for a struck line."""
    index = 1
    while index < len(lines):
        op = _only(lines[index])
        if op is None or lines[index - 1].mark != op:
            index += 1
            continue
        end = index
        while end + 1 < len(lines) and _only(lines[end + 1]) == op and lines[end].mark == op:
            end += 1
        lines[index - 1].mark, lines[end].mark = lines[end].mark, op
        index = end + 1


def _only(line: _Line) -> str | None:
    """"+" for a line only the new version has, "-" for one only the old has."""
    ops = {op for op, words in line.pieces if words.strip()}
    return next(iter(ops)) if len(ops) == 1 and ops <= {"+", "-"} else None


def _item(text: str) -> tuple[int, str] | None:
    match = _ITEM.match(text)
    if match is None:
        return None
    return (2 if match.group(1) else 1), text[match.end():].strip()


def _entries(lines: list[_Line], ops: frozenset[str]) -> dict[int, Entry]:
    """How each list line present in one version (old or new) reads there, its lists
    classified as the documents classify them."""
    found: dict[int, Entry] = {}
    run: list[tuple[int, tuple[int, str]]] = []

    def flush() -> None:
        for (index, _), entry in zip(run, classify([item for _, item in run]), strict=True):
            found[index] = entry
        run.clear()

    for index, line in enumerate(lines):
        if not line.present(ops):
            continue
        item = _item(line.text(ops))
        if item is None:
            flush()
        else:
            run.append((index, item))
    flush()
    return found


def _tokens(line: _Line) -> list[list[str]]:
    """The line as [op, token] pairs, white space kept as tokens of its own."""
    return [[op, token] for op, words in line.pieces for token in re.findall(r"\s+|\S+", words)]


def _marked(tokens: list[list[str]], ops: frozenset[str], count: int) -> set[int]:
    """The positions of the first `count` words of one version: its dash and label."""
    out: set[int] = set()
    for index, (op, token) in enumerate(tokens):
        if len(out) == count:
            break
        if op in ops and token.strip():
            out.add(index)
    return out


def _as_list_items(lines: list[_Line]) -> None:
    """Take each list line's dash and label out of its words (Word shows them) and note how
    it shows; a line whose versions disagree on what is the label keeps its typed words."""
    new, old = _entries(lines, _NEW), _entries(lines, _OLD)
    for index, line in enumerate(lines):
        versions = [(ops, e) for ops, e in ((_NEW, new.get(index)), (_OLD, old.get(index)))
                    if line.present(ops)]
        if not versions or any(e is None for _, e in versions):
            continue
        tokens = _tokens(line)
        marks = [(ops, _marked(tokens, ops, 1 if e.kind == "bullet" else 2))
                 for ops, e in versions if e is not None]
        shared = [i for i, (op, _) in enumerate(tokens) if op == "="]
        if any((i in m) != all(i in m2 for _, m2 in marks) for _, m in marks for i in shared
               if i in m):
            continue
        drop = set().union(*(m for _, m in marks))
        kept = [t for i, t in enumerate(tokens) if i not in drop]
        while kept and not kept[0][1].strip():
            kept.pop(0)  # the space after the label
        line.pieces = [(op, "".join(t for _, t in group))
                       for op, group in itertools.groupby(kept, key=lambda t: t[0])]
        line.entry = versions[0][1]


def write_docx(comparison: Comparison, path: Path, language: str = "nb",
               municipality: str | None = None) -> Path:
    words = wording(language)
    title = str(words.title(comparison))
    doc = house.new_document(Properties(title=title, subject=str(words.subtitle(comparison)),
                                        municipality=municipality, kind="Endringer",
                                        keywords=comparison.arkivsak), language)
    writer = _Writer(doc)
    writer.paragraph("Title").add_run(title)
    writer.paragraph("Subtitle").add_run(str(words.subtitle(comparison)))
    notes = [(change, str(words.heading(change))) for change in comparison.paragraphs
             if change.status != "unchanged"]
    if not notes:
        writer.paragraph("Normal").add_run(str(words.no_changes()))
    else:
        lead = writer.paragraph("Normal")
        lead.add_run(str(words.changes_lead()))
        lead.paragraph_format.keep_with_next = True
        legend = [Entry(1, note, note) for _, note in notes]
        for entry, (num_id, ilvl) in zip(legend, writer.numbering.for_list(legend),
                                         strict=True):
            paragraph = writer.paragraph(LIST_STYLE)
            number(paragraph, num_id, ilvl)
            paragraph.add_run(entry.words)
        heading = writer.paragraph("Heading 2")
        heading.add_run(str(words.text_heading()))
    heads = {change.id: note for change, note in notes}
    for index, change in enumerate(comparison.paragraphs):
        paragraphs = writer.change(change)
        if index == 0:
            writer.bookmark(paragraphs[0], start=True)
        if change.id in heads:
            writer.comment(paragraphs[0], heads[change.id], change)
    if comparison.paragraphs:
        writer.bookmark(writer.last, start=False)
    # The document's last paragraph mark, after the text: a paragraph added or struck at the
    # end of the text has a mark of its own to give up when it is rejected or accepted.
    writer.paragraph("Normal")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


class _Writer:
    def __init__(self, doc: Any) -> None:
        from docx.enum.style import WD_STYLE_TYPE

        self.doc = doc
        self.ids = itertools.count(1)
        self.numbering = Numbering(doc)
        self._style_ids: dict[str, str | None] = {}
        self._type = WD_STYLE_TYPE.PARAGRAPH
        self.last: Any = None

    def paragraph(self, style: str) -> Any:
        if style not in self._style_ids:
            self._style_ids[style] = self.doc.part.get_style_id(self.doc.styles[style],
                                                                self._type)
        paragraph = self.doc.add_paragraph()
        paragraph._p.style = self._style_ids[style]
        self.last = paragraph
        return paragraph

    def change(self, change: ParagraphChange) -> list[Any]:
        lines = _lines(change)
        _as_list_items(lines)
        ids = iter(self.numbering.for_list([line.entry for line in lines if line.entry]))
        italic = [False]
        out = []
        for index, line in enumerate(lines):
            entry = line.entry
            paragraph = self.paragraph(LIST_STYLE if entry else "Normal")
            if entry:
                number(paragraph, *next(ids))
            elif index + 1 < len(lines) and lines[index + 1].entry:
                paragraph.paragraph_format.keep_with_next = True  # a list's lead
            for op, words in line.pieces:
                runs = list(_runs(words, op == "-", italic))
                if op == "=":
                    paragraph._p.extend(runs)
                else:
                    wrapper = self.revision("ins" if op == "+" else "del", change)
                    wrapper.extend(runs)
                    paragraph._p.append(wrapper)
            if line.mark != "=":
                self.mark(paragraph, line.mark, change)
            out.append(paragraph)
        return out

    def revision(self, tag: str, change: ParagraphChange) -> Any:
        from docx.oxml import OxmlElement

        element = OxmlElement(f"w:{tag}")
        element.set(_w("id"), str(next(self.ids)))
        maker = change.maker
        element.set(_w("author"), maker.body if maker else "saksflyt")
        if maker and maker.date:
            element.set(_w("date"), f"{maker.date}T00:00:00Z")
        return element

    def mark(self, paragraph: Any, op: str, change: ParagraphChange) -> None:
        """The paragraph mark itself inserted or deleted: accepting or rejecting joins the
        line with the next, as the text has it."""
        from docx.oxml import OxmlElement

        properties = paragraph._p.get_or_add_pPr()
        run_properties = OxmlElement("w:rPr")
        run_properties.append(self.revision("ins" if op == "+" else "del", change))
        properties.append(run_properties)

    def comment(self, paragraph: Any, text: str, change: ParagraphChange) -> None:
        """A comment on the paragraph's first line (a range over several paragraphs makes
        LibreOffice 7.4 crash while it walks the paragraphs)."""
        from docx.oxml import OxmlElement

        maker = change.maker
        comment = self.doc.comments.add_comment(text=text, author=maker.body if maker else "",
                                                initials="")
        if maker and maker.date:
            comment._comment_elm.set(_w("date"), f"{maker.date}T00:00:00Z")
        number_ = str(comment.comment_id)
        start = OxmlElement("w:commentRangeStart")
        start.set(_w("id"), number_)
        element = paragraph._p
        properties = element.pPr
        if properties is None:
            element.insert(0, start)
        else:
            properties.addnext(start)
        end = OxmlElement("w:commentRangeEnd")
        end.set(_w("id"), number_)
        element.append(end)
        reference = OxmlElement("w:r")
        mark = OxmlElement("w:commentReference")
        mark.set(_w("id"), number_)
        reference.append(mark)
        element.append(reference)

    def bookmark(self, paragraph: Any, start: bool) -> None:
        from docx.oxml import OxmlElement

        if start:
            element = OxmlElement("w:bookmarkStart")
            element.set(_w("name"), TEXT_BOOKMARK)
            properties = paragraph._p.pPr
            if properties is None:
                paragraph._p.insert(0, element)
            else:
                properties.addnext(element)
        else:
            element = OxmlElement("w:bookmarkEnd")
            paragraph._p.append(element)
        element.set(_w("id"), "0")


def _w(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(f"w:{tag}")


def _runs(words: str, deleted: bool, italic: list[bool]) -> Iterator[Any]:
    """Runs for some words: `*...*` is emphasis (italic). `italic` carries the emphasis
    state across chunks."""
    from docx.oxml import OxmlElement

    for piece_index, piece in enumerate(words.split("*")):
        if piece_index:
            italic[0] = not italic[0]
        if not piece:
            continue
        run = OxmlElement("w:r")
        if italic[0]:
            properties = OxmlElement("w:rPr")
            properties.append(OxmlElement("w:i"))
            run.append(properties)
        text = OxmlElement("w:delText" if deleted else "w:t")
        text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        text.text = piece
        run.append(text)
        yield run


def read_revisions(path: Path) -> list[dict[str, str]]:
    """The insertions and deletions of a .docx (kind, author, date, text), for tests and for
    anyone checking a document. A revision of a paragraph mark has kind "ins-mark" or
    "del-mark" and no text."""
    import docx

    document = docx.Document(str(path))
    found = []
    for element in document.element.body.iter(_w("ins"), _w("del")):
        kind = "ins" if element.tag == _w("ins") else "del"
        if element.getparent().tag == _w("rPr"):
            kind += "-mark"
        text = "".join(part.text or "" for part in element.iter(_w("t"), _w("delText")))
        found.append({"kind": kind, "author": element.get(_w("author")) or "",
                      "date": element.get(_w("date")) or "", "text": text})
    return found
