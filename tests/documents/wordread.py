"""Reading a .docx back as a reader sees it, for the tests: list labels worked out from the
numbering definitions (as Word counts them), and tracked changes accepted or rejected.

This is the tests' own reading of the XML, not the writer's code: a label is what the
paragraph's `w:numPr` and the numbering part make of it, nothing else.
"""

from __future__ import annotations

import copy
from typing import Any

from docx.oxml.ns import qn

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _levels(doc: Any) -> dict[str, dict[int, tuple[str, str, int]]]:
    """numId -> ilvl -> (numFmt, lvlText, start)."""
    root = doc.part.numbering_part.element
    abstract = {}
    for element in root.iterchildren(qn("w:abstractNum")):
        levels = {}
        for level in element.iterchildren(qn("w:lvl")):
            fmt = level.find(qn("w:numFmt")).get(qn("w:val"))
            text = level.find(qn("w:lvlText")).get(qn("w:val"))
            start = int(level.find(qn("w:start")).get(qn("w:val")))
            levels[int(level.get(qn("w:ilvl")))] = (fmt, text, start)
        abstract[element.get(qn("w:abstractNumId"))] = levels
    return {num.get(qn("w:numId")): abstract[num.find(qn("w:abstractNumId")).get(qn("w:val"))]
            for num in root.iterchildren(qn("w:num"))}


def numbering(paragraph: Any) -> tuple[str, int] | None:
    """(numId, ilvl) of a paragraph (a `w:p`) that is a list item."""
    properties = paragraph.find(qn("w:pPr"))
    found = properties.find(qn("w:numPr")) if properties is not None else None
    if found is None:
        return None
    return (found.find(qn("w:numId")).get(qn("w:val")),
            int(found.find(qn("w:ilvl")).get(qn("w:val"))))


def labels(doc: Any, paragraphs: list[Any]) -> list[tuple[int, str] | None]:
    """For each paragraph (`w:p`, in document order): (level, label) of a list item as Word
    counts it ("" for a bullet), or None."""
    levels = _levels(doc)
    counts: dict[str, list[int]] = {}
    out: list[tuple[int, str] | None] = []
    for paragraph in paragraphs:
        found = numbering(paragraph)
        if found is None:
            out.append(None)
            continue
        num_id, ilvl = found
        count = counts.setdefault(num_id, [0] * 9)
        count[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            count[deeper] = 0
        fmt, text, start = levels[num_id][ilvl]
        n = start + count[ilvl] - 1
        if fmt == "bullet":
            label = ""
        elif fmt == "none":
            label = text
        else:
            shown = {"decimal": str(n), "lowerLetter": _LETTERS[n - 1],
                     "upperLetter": _LETTERS[n - 1].upper()}[fmt]
            label = text.replace(f"%{ilvl + 1}", shown)
        out.append((ilvl + 1, label))
    return out


def text_of(paragraph: Any) -> str:
    return "".join(t.text or "" for t in paragraph.iter(qn("w:t")))


def shown(doc: Any, paragraphs: list[Any]) -> list[str]:
    """Each paragraph as the text format writes it: a list item as "- 1. words" (its label
    as Word shows it), a nested one indented by two spaces."""
    lines = []
    for paragraph, label in zip(paragraphs, labels(doc, paragraphs), strict=True):
        words = text_of(paragraph)
        if label is None:
            lines.append(words)
        else:
            level, mark = label
            lines.append("  " * (level - 1) + "- " + (f"{mark} " if mark else "") + words)
    return lines


def body_lines(doc: Any) -> list[str]:
    """The body in order: paragraphs as `shown`, a table as its cells' texts."""
    elements = list(doc.element.body.iterchildren())
    paragraphs = [e for e in elements if e.tag == qn("w:p")]
    rendered = dict(zip(map(id, paragraphs), shown(doc, paragraphs), strict=True))
    out: list[str] = []
    for element in elements:
        if element.tag == qn("w:p"):
            out.append(rendered[id(element)])
        elif element.tag == qn("w:tbl"):
            out.extend(text_of(cell) for cell in element.iter(qn("w:tc")))
    return out


def _merge_into_next(paragraph: Any) -> None:
    """The paragraph's mark is gone: its content joins the next paragraph's start."""
    following = paragraph.getnext()
    while following is not None and following.tag != qn("w:p"):
        following = following.getnext()
    content = [c for c in paragraph if c.tag != qn("w:pPr")]
    if following is None:
        return
    anchor = following.find(qn("w:pPr"))
    position = 0 if anchor is None else following.index(anchor) + 1
    for child in content:
        following.insert(position, child)
        position += 1
    paragraph.getparent().remove(paragraph)


def resolve(doc: Any, accept: bool) -> Any:
    """A copy of the document's body with every tracked change accepted (`w:del` dropped,
    `w:ins` unwrapped) or rejected (the other way round); a paragraph whose mark goes is
    joined with the next."""
    body = copy.deepcopy(doc.element.body)
    drop, keep = (qn("w:del"), qn("w:ins")) if accept else (qn("w:ins"), qn("w:del"))
    for paragraph in list(body.iter(qn("w:p"))):
        properties = paragraph.find(qn("w:pPr"))
        marks = properties.find(qn("w:rPr")) if properties is not None else None
        if marks is not None and marks.find(drop) is not None:
            _merge_into_next(paragraph)
    for element in list(body.iter(drop)):
        if element.getparent().tag != qn("w:rPr"):
            element.getparent().remove(element)
    for element in list(body.iter(keep)):
        parent = element.getparent()
        if parent.tag == qn("w:rPr"):
            parent.remove(element)
            continue
        index = parent.index(element)
        for child in list(element):
            parent.insert(index, child)
            index += 1
        parent.remove(element)
    for deleted in list(body.iter(qn("w:delText"))):
        deleted.tag = qn("w:t")
    return body


def bookmarked(body: Any, name: str) -> list[Any]:
    """The paragraphs (`w:p`) of a body from the one where the bookmark `name` starts to the
    one where it ends."""
    paragraphs = list(body.iter(qn("w:p")))
    start = next(e for e in body.iter(qn("w:bookmarkStart")) if e.get(qn("w:name")) == name)
    end = next(e for e in body.iter(qn("w:bookmarkEnd"))
               if e.get(qn("w:id")) == start.get(qn("w:id")))

    def owner(element: Any) -> Any:
        return next(a for a in element.iterancestors() if a.tag == qn("w:p"))

    first, last = paragraphs.index(owner(start)), paragraphs.index(owner(end))
    return paragraphs[first:last + 1]
