"""Word's numbering definitions for the lists of a document (python-docx has no API for them).

Each group of a list (documents/lists.py) gets a numbering definition of its own, so a
numbered list starts at its own first number and a bullet list never continues another
list's count; an item the record labels by hand ("2.2:") gets a definition whose label is
that text, so Word shows it as the item's label, not as typed text. A paragraph names its
definition and level in `w:numPr`.
"""

from __future__ import annotations

from typing import Any

from documents.lists import Entry

_BULLETS = ("•", "–")
"""The bullet of each level."""
_INDENT = 284
"""Where a level-1 label starts (twips, 0.5 cm); a level 2 starts 709 further in."""
_HANGING = 425
"""The gap from a label to its text (0.75 cm), wider for a long label."""


def _hanging(labels: list[str]) -> int:
    """Room for the longest label of a group (about 115 twips a character, at 11 pt)."""
    return max([_HANGING, *(115 * len(label) + 200 for label in labels)])


class Numbering:
    """The numbering part of one document: definitions added as lists are written."""

    def __init__(self, doc: Any) -> None:
        from docx.oxml.ns import qn

        self._root = doc.part.numbering_part.element
        self._qn = qn
        abstract = [int(e.get(qn("w:abstractNumId")))
                    for e in self._root.iterchildren(qn("w:abstractNum"))]
        nums = [int(e.get(qn("w:numId"))) for e in self._root.iterchildren(qn("w:num"))]
        self._next_abstract = max(abstract, default=0) + 1
        self._next_num = max(nums, default=0) + 1

    def for_list(self, entries: tuple[Entry, ...] | list[Entry]) -> list[tuple[int, int]]:
        """(numId, ilvl) for each entry of one list."""
        groups: dict[int, list[Entry]] = {}
        for entry in entries:
            groups.setdefault(entry.group, []).append(entry)
        ids: dict[int, int] = {}
        own: dict[int, int] = {}
        for group, members in groups.items():
            hanging = _hanging([e.label for e in members if e.kind == "label"])
            first = members[0]
            if any(e.kind != "label" for e in members):
                ids[group] = self._define(first, hanging)
            for entry in members:
                if entry.kind == "label":
                    own[id(entry)] = self._define(entry, hanging)
        return [(own.get(id(e)) or ids[e.group], e.level - 1) for e in entries]

    def _define(self, entry: Entry, hanging: int) -> int:
        """A definition for the entry's group (or, for a label, the entry alone) at its level,
        with plain bullets at the other level."""
        levels = []
        for ilvl in (0, 1):
            left = _INDENT + 709 * ilvl + hanging
            if ilvl != entry.level - 1 or entry.kind == "bullet":
                levels.append(_level(ilvl, "bullet", _BULLETS[ilvl], 1, left, hanging))
            elif entry.kind == "number":
                levels.append(_level(ilvl, entry.style, f"%{ilvl + 1}{entry.suffix}",
                                     entry.start, left, hanging))
            else:
                levels.append(_level(ilvl, "none", entry.label, 1, left, hanging))
        abstract_id, num_id = self._next_abstract, self._next_num
        self._next_abstract += 1
        self._next_num += 1
        from docx.oxml import parse_xml

        abstract = parse_xml(
            f'<w:abstractNum {_NS} w:abstractNumId="{abstract_id}">'
            f'<w:multiLevelType w:val="multilevel"/>{"".join(levels)}</w:abstractNum>')
        first_num = self._root.find(self._qn("w:num"))
        if first_num is None:
            self._root.append(abstract)
        else:
            first_num.addprevious(abstract)  # every abstractNum before the first num
        self._root.append(parse_xml(f'<w:num {_NS} w:numId="{num_id}">'
                                    f'<w:abstractNumId w:val="{abstract_id}"/></w:num>'))
        return num_id


_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _level(ilvl: int, fmt: str, text: str, start: int, left: int, hanging: int) -> str:
    from xml.sax.saxutils import quoteattr

    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val={quoteattr(text)}/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr></w:lvl>')


def number(paragraph: Any, num_id: int, ilvl: int) -> None:
    """Make a paragraph an item of the definition `num_id` at level `ilvl`."""
    from docx.oxml import parse_xml

    properties = paragraph._p.get_or_add_pPr()
    properties._insert_numPr(parse_xml(
        f'<w:numPr {_NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
