"""How a list of the record reads: bullets, numbered points, or points the record numbers by
hand. Pure.

The record types a decision's points as list items ("- 1. Globalt partnerskap ..."). A
document should show them as a real list: where the items of one level are numbered 1, 2, 3
(or a, b, c) in order, a numbered list with the typed number taken out of the text (Word
counts them); where they carry labels of their own ("2.2:", "2.3:", or numbers out of order),
the label kept as the list item's own label; otherwise bullets. Nested points (level 2) are
numbered among the points under the same item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

_NUMBER = re.compile(r"^(\d{1,3})([.)])\s+(?=\S)")
_LETTER = re.compile(r"^([a-zæøå]|[A-ZÆØÅ])([.)])\s+(?=\S)")
_SECTION = re.compile(r"^(\d{1,3}(?:\.\d{1,3})+)([.:)])\s+(?=\S)")
"""A section number the record writes by hand ("2.2:"): always a label, never counted."""
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True, slots=True)
class Entry:
    """One list item and how it is shown."""

    level: int
    """1, or 2 for a nested point."""
    text: str
    """The item as the record writes it, a typed number or label included."""
    words: str
    """The text without the typed number or label."""
    kind: str = "bullet"
    """bullet, number (counted by the list: the typed number removed) or label (the record's
    own label, shown as the item's label)."""
    label: str = ""
    """The typed number or label: "1.", "a)", "2.2:"."""
    start: int = 1
    """For a number: the number of the first item of its group (Word's start value)."""
    style: str = ""
    """For a number: decimal, lowerLetter or upperLetter."""
    suffix: str = ""
    """For a number: what follows it, "." or ")"."""
    group: int = 0
    """Items of one group are counted together: the items of a level that follow one another
    (a nested group is the points under one item)."""


def _counted(text: str) -> tuple[int, str, str, str] | None:
    """(number, style, suffix, label) for an item that starts with a number or a letter."""
    if match := _NUMBER.match(text):
        return int(match.group(1)), "decimal", match.group(2), match.group(0).strip()
    if match := _LETTER.match(text):
        letter = match.group(1)
        if letter.lower() not in _LETTERS:
            return None  # æ, ø, å: not a counter Word has
        style = "lowerLetter" if letter.islower() else "upperLetter"
        return _LETTERS.index(letter.lower()) + 1, style, match.group(2), match.group(0).strip()
    return None


def _label(text: str) -> str | None:
    match = _SECTION.match(text) or _NUMBER.match(text) or _LETTER.match(text)
    return match.group(0).strip() if match else None


def _group(entries: list[tuple[int, str]], group: int) -> list[Entry]:
    """The entries of one group: counted in order (a numbered list), or each with its own
    label where it has one, or bullets."""
    counted = [_counted(text) for _, text in entries]
    if all(counted):
        first = counted[0]
        assert first is not None
        in_order = all(c is not None and c[0] == first[0] + i and c[1:3] == first[1:3]
                       for i, c in enumerate(counted))
        if in_order:
            return [Entry(level, text, text[len(c[3]):].strip(), "number", c[3], first[0],
                          first[1], first[2], group)
                    for (level, text), c in zip(entries, counted, strict=True) if c]
    out = []
    for level, text in entries:
        label = _label(text)
        if label is None:
            out.append(Entry(level, text, text, group=group))
        else:
            out.append(Entry(level, text, text[len(label):].strip(), "label", label,
                             group=group))
    return out


def classify(items: Sequence[tuple[int, str]]) -> list[Entry]:
    """The items of one list (level, text), in order, as entries. A level-2 item before any
    level-1 item is taken as level 1."""
    groups: list[list[int]] = []
    top: list[int] = []
    nested: list[int] | None = None
    for index, (level, _) in enumerate(items):
        if level >= 2 and top:
            if nested is None:
                nested = []
                groups.append(nested)
            nested.append(index)
        else:
            nested = None
            if not top:
                groups.insert(0, top)
            top.append(index)
    result: dict[int, Entry] = {}
    for number, indexes in enumerate(groups):
        members = [(1 if indexes is top else 2, items[i][1]) for i in indexes]
        for i, entry in zip(indexes, _group(members, number), strict=True):
            result[i] = entry
    return [result[i] for i in range(len(items))]
