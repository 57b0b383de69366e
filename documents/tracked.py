"""`saksflyt diff` rendered: plain text, Markdown, and a .docx with real Word tracked changes.

In the .docx each insertion is a `w:ins` and each deletion a `w:del` (its words in
`w:delText`), with `w:author` the body and `w:date` the meeting that made the change, so a
reader steps through them in Word's review pane and can accept or reject each one. A whole
paragraph added or struck also has its paragraph mark marked, so accepting joins nothing.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from documents.contexts import DiffContext
from documents.templating import environment, render
from engine.read.compare import Comparison, ParagraphChange

MARKS = {
    "text": {"-": ("[-", "-]"), "+": ("{+", "+}")},
    "md": {"-": ("~~", "~~"), "+": ("**", "**")},
}


# --- text and Markdown ---------------------------------------------------------------------

def _chunks(segments: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str, bool]]:
    """(op, words, space before): the space that separates chunks goes inside a deletion or
    an insertion, so accepting or rejecting every change leaves single spaces."""
    seen = False
    for op, words in segments:
        if not words:
            continue
        yield op, words, seen and not words.startswith("\n")
        seen = True


def marked(change: ParagraphChange, style: str) -> str:
    """A paragraph with its changes marked; each line of a change is marked on its own, so
    list items stay list items."""
    out = []
    for op, words, space in _chunks(change.segments):
        text = (" " if space else "") + words
        if op == "=" or change.status in ("added", "removed"):
            out.append(text)
            continue
        start, end = MARKS[style][op]
        lines = words.split("\n")
        out.append((" " if space else "") + "\n".join(
            f"{start}{line}{end}" if line.strip() else line for line in lines))
    body = "".join(out)
    if change.status in ("added", "removed"):
        start, end = MARKS[style]["+" if change.status == "added" else "-"]
        body = "\n".join(f"{start}{line}{end}" if line.strip() else line
                         for line in body.split("\n"))
    return "\n".join(line.rstrip() for line in body.split("\n"))


def render_text(comparison: Comparison, *, markdown: bool = False, language: str = "nb",
                all_paragraphs: bool = True) -> str:
    style = "md" if markdown else "text"
    blocks = [(c, marked(c, style)) for c in comparison.paragraphs
              if all_paragraphs or c.status != "unchanged"]
    return render(language, DiffContext(comparison=comparison, blocks=blocks,
                                        markdown=markdown)).strip() + "\n"


# --- .docx with tracked changes ------------------------------------------------------------

def _wording(language: str) -> Any:
    return environment(language).get_template("diff.j2").module


def write_docx(comparison: Comparison, path: Path, language: str = "nb") -> Path:
    import docx

    words = _wording(language)
    document = docx.Document()
    document.core_properties.title = str(words.title(comparison))
    document.core_properties.author = "saksflyt"
    document.add_heading(str(words.title(comparison)), level=1)
    document.add_paragraph(str(words.subtitle(comparison)))
    ids = itertools.count(1)
    for change in comparison.paragraphs:
        document.add_heading(str(words.heading(change)), level=3)
        paragraph = document.add_paragraph()
        _fill(paragraph, change, ids)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def _w(tag: str) -> str:
    from docx.oxml.ns import qn

    return qn(f"w:{tag}")


def _revision(tag: str, change: ParagraphChange, ids: Iterator[int]) -> Any:
    from docx.oxml import OxmlElement

    element = OxmlElement(f"w:{tag}")
    element.set(_w("id"), str(next(ids)))
    maker = change.maker
    element.set(_w("author"), maker.body if maker else "saksflyt")
    if maker and maker.date:
        element.set(_w("date"), f"{maker.date}T00:00:00Z")
    return element


def _runs(words: str, deleted: bool, italic: list[bool]) -> Iterator[Any]:
    """Runs for some words: `*...*` is emphasis (italic), a line break is a `w:br`.
    `italic` carries the emphasis state across chunks."""
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
        for line_index, line in enumerate(piece.split("\n")):
            if line_index:
                run.append(OxmlElement("w:br"))
            if line:
                text = OxmlElement("w:delText" if deleted else "w:t")
                text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                text.text = line
                run.append(text)
        yield run


def _fill(paragraph: Any, change: ParagraphChange, ids: Iterator[int]) -> None:
    from docx.oxml import OxmlElement

    italic = [False]
    for op, words, space in _chunks(change.segments):
        runs = list(_runs((" " if space else "") + words, op == "-", italic))
        if op == "=":
            for run in runs:
                paragraph._p.append(run)
            continue
        wrapper = _revision("ins" if op == "+" else "del", change, ids)
        for run in runs:
            wrapper.append(run)
        paragraph._p.append(wrapper)
    if change.status in ("added", "removed"):
        # The paragraph mark itself is inserted or deleted.
        properties = paragraph._p.get_or_add_pPr()
        run_properties = OxmlElement("w:rPr")
        run_properties.append(_revision("ins" if change.status == "added" else "del",
                                        change, ids))
        properties.append(run_properties)


def read_revisions(path: Path) -> list[dict[str, str]]:
    """The insertions and deletions of a .docx (kind, author, date, text; a `w:br` read as a
    line break), for tests and for anyone checking a document. A revision of a paragraph
    mark has kind "ins-mark" or "del-mark" and no text."""
    import docx

    document = docx.Document(str(path))
    found = []
    for element in document.element.body.iter(_w("ins"), _w("del")):
        kind = "ins" if element.tag == _w("ins") else "del"
        if element.getparent().tag == _w("rPr"):
            kind += "-mark"
        text = "".join("\n" if part.tag == _w("br") else part.text or ""
                       for part in element.iter(_w("t"), _w("delText"), _w("br")))
        found.append({"kind": kind, "author": element.get(_w("author")) or "",
                      "date": element.get(_w("date")) or "", "text": text})
    return found
