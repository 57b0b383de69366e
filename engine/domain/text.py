"""Decision texts: ordered paragraphs with stable ids.

A paragraph keeps its id from birth (in the recommendation or in a proposal) through every
amendment, so the audit can follow it; people speak in positions (1-based), which the command
layer resolves to ids when a step is logged. Everything here is pure.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Paragraph:
    id: str
    text: str


Text = tuple[Paragraph, ...]


def clean(paragraph: str) -> str:
    """Trim a paragraph as YAML gives it (block scalars end with a newline)."""
    return "\n".join(line.rstrip() for line in paragraph.strip().splitlines())


def as_paragraphs(value: str | Sequence[str]) -> list[str]:
    """A text as the scenario format writes it: one string, or a list of strings."""
    items = [value] if isinstance(value, str) else list(value)
    return [clean(p) for p in items]


def make_text(paragraphs: Iterable[str], prefix: str) -> Text:
    """Give new paragraphs ids `prefix.1`, `prefix.2`, ...: deterministic, so replays agree."""
    return tuple(Paragraph(f"{prefix}.{i}", clean(t)) for i, t in enumerate(paragraphs, 1))


def ids(text: Text) -> list[str]:
    return [p.id for p in text]


def position(text: Text, pid: str) -> int | None:
    """1-based number of a paragraph, or None when it is not in the text."""
    for i, p in enumerate(text, 1):
        if p.id == pid:
            return i
    return None


def id_at(text: Text, number: int) -> str | None:
    return text[number - 1].id if 1 <= number <= len(text) else None


def insert(text: Text, new: Text, before: str | None = None, at: int | None = None) -> Text:
    """Insert `new` before the paragraph `before` when it is still there, else so that the
    first new paragraph becomes number `at`, else at the end."""
    if before is not None and (pos := position(text, before)) is not None:
        index = pos - 1
    elif at is not None:
        index = max(0, min(at - 1, len(text)))
    else:
        index = len(text)
    return text[:index] + new + text[index:]


def replace(text: Text, pid: str, new_text: str) -> Text:
    return tuple(Paragraph(p.id, clean(new_text)) if p.id == pid else p for p in text)


def amend(text: Text, pid: str, old: str, new: str) -> Text:
    """Change the first occurrence of `old` inside paragraph `pid`; `new == ""` strikes it."""
    return tuple(Paragraph(p.id, amend_words(p.text, old, new)) if p.id == pid else p
                 for p in text)


def _words_pattern(old: str) -> re.Pattern[str]:
    """`old` as whole words: "for" must not match inside "fortsatt"."""
    before = r"(?<!\w)" if old[:1].isalnum() else ""
    after = r"(?!\w)" if old[-1:].isalnum() else ""
    return re.compile(before + re.escape(old) + after)


def has_words(paragraph: str, old: str) -> bool:
    return bool(old) and _words_pattern(old).search(paragraph) is not None


def amend_words(paragraph: str, old: str, new: str) -> str:
    if not has_words(paragraph, old):
        return paragraph
    result = _words_pattern(old).sub(lambda _: new, paragraph, count=1)
    # Striking words leaves a double space or a space before punctuation behind.
    return re.sub(r" +([,.;:])", r"\1", re.sub(r"  +", " ", result)).strip() if not new else result


def strike(text: Text, pids: Iterable[str]) -> Text:
    gone = set(pids)
    return tuple(p for p in text if p.id not in gone)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level difference as (op, words) with op one of "=", "-", "+"."""
    a, b = old.split(), new.split()
    out: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(("=", " ".join(a[i1:i2])))
        else:
            if i2 > i1:
                out.append(("-", " ".join(a[i1:i2])))
            if j2 > j1:
                out.append(("+", " ".join(b[j1:j2])))
    return out


_NESTED = re.compile(r"^[ \t]+- ")
"""An indented list line: a nested point (the second level) of the list item above it."""


def is_nested(line: str) -> bool:
    return _NESTED.match(line) is not None


def list_lines(paragraph: str) -> tuple[list[str], list[tuple[int, str]]]:
    """A paragraph's lead lines and its list items with their level: a line that starts with
    "- " is an item (level 1), an indented "- " line a nested point under it (level 2), and
    any other line after an item continues that item (a wrapped line)."""
    lead: list[str] = []
    items: list[tuple[int, str]] = []
    for line in paragraph.splitlines():
        if line.startswith("- "):
            items.append((1, line[2:].strip()))
        elif items and _NESTED.match(line):
            items.append((2, line.strip()[2:].strip()))
        elif items and line.strip():
            level, words = items[-1]
            items[-1] = (level, words + " " + line.strip())  # a wrapped list item
        elif line.strip():
            lead.append(line.strip())
    return lead, items


def split_lines(paragraph: str) -> tuple[list[str], list[str]]:
    """A paragraph's lead lines and its list items (lines that start with "- ")."""
    lead, items = list_lines(paragraph)
    return lead, [words for _, words in items]


def render_plain(paragraphs: Iterable[str]) -> str:
    """Paragraphs separated by a blank line; list items on their own lines after their lead,
    a nested point indented by two spaces."""
    blocks = []
    for paragraph in paragraphs:
        lead, items = list_lines(paragraph)
        parts = [" ".join(lead)] if lead else []
        if items:
            parts.append("\n".join(("  " * (level - 1)) + f"- {words}"
                                   for level, words in items))
        blocks.append("\n\n".join(parts))
    return "\n\n".join(blocks)
