"""Decision texts: ordered paragraphs with stable ids.

A paragraph keeps its id from birth (in the recommendation or in a proposal) through every
amendment, so the audit can follow it; people speak in positions (1-based), which the command
layer resolves to ids when a step is logged. Everything here is pure.
"""

from __future__ import annotations

import difflib
import functools
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


@functools.lru_cache(maxsize=1024)  # the same words are tested again and again in a case
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


POINT = re.compile(r"^\s*(?:[a-zæøå]|\d{1,2}|[ivx]{1,4})\)\s+\S")
"""A sub-point the record letters or numbers by hand ("a) ...", "2) ..."): a line of its own."""

_NESTED = re.compile(r"^[ \t]+- ")
"""An indented list line: a nested point (the second level) of the list item above it."""


def is_nested(line: str) -> bool:
    return _NESTED.match(line) is not None


def lines(paragraph: str) -> list[tuple[str, str]]:
    """A paragraph's lines as (kind, text): `line` (a line of text: the lead, a sub-point
    "a) ...", or any line that is not a list item, each kept on its own line), `item` (a line
    that starts with "- ") or `nested` (an indented "- " line after an item: a point under
    it). An indented line after an item that is neither an item nor a sub-point continues
    it, as a wrapped line."""
    out: list[tuple[str, str]] = []
    for raw in paragraph.splitlines():
        if not raw.strip():
            continue
        listed = bool(out) and out[-1][0] in ("item", "nested")
        if raw.startswith("- "):
            out.append(("item", raw[2:].strip()))
        elif listed and _NESTED.match(raw):
            out.append(("nested", raw.strip()[2:].strip()))
        elif listed and raw[:1].isspace() and not POINT.match(raw):
            out[-1] = (out[-1][0], out[-1][1] + " " + raw.strip())  # a wrapped list item
        else:
            out.append(("line", raw.strip()))
    return out


def list_lines(paragraph: str) -> tuple[list[str], list[tuple[int, str]]]:
    """A paragraph's lines of text and its list items with their level (1, or 2 for a
    nested point)."""
    found = lines(paragraph)
    return ([t for k, t in found if k == "line"],
            [(2 if k == "nested" else 1, t) for k, t in found if k != "line"])


def split_lines(paragraph: str) -> tuple[list[str], list[str]]:
    """A paragraph's lines of text and its list items (lines that start with "- ")."""
    lead, items = list_lines(paragraph)
    return lead, [words for _, words in items]


def render_plain(paragraphs: Iterable[str]) -> str:
    """Paragraphs separated by a blank line; inside one, each line of text and each list item
    on its own line (a nested point indented by two spaces), a blank line between lines of
    text and the list items that follow them (or precede them)."""
    marks = {"item": "- ", "nested": "  - ", "line": ""}
    blocks = []
    for paragraph in paragraphs:
        runs: list[tuple[bool, list[str]]] = []
        for kind, text in lines(paragraph):
            listed = kind != "line"
            if runs and runs[-1][0] == listed:
                runs[-1][1].append(marks[kind] + text)
            else:
                runs.append((listed, [marks[kind] + text]))
        blocks.append("\n\n".join("\n".join(texts) for _, texts in runs))
    return "\n\n".join(blocks)
