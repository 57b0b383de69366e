"""The small block markup the document templates write, and its plain-text and Markdown forms.

A template renders a document as lines: `# `, `## `, `### ` headings, `| Label | Value |`
header fields, `- ` list items, `<pagebreak>`, `**a whole line**` (a paragraph in bold: a
proposer's line, a remark's heading), and any other line is a paragraph. Texts from
the record go through the `literal` filter, so a line of theirs never becomes markup. The
same blocks feed the text, Markdown and Word writers, so the three formats agree. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

PAGE_BREAK = "<pagebreak>"
_FIELD = re.compile(r"^\| (.*?) \| (.*) \|$")
_HEADING = re.compile(r"^(#{1,4}) (.*)$")
_MARKUP_START = ("#", "|", "\\", "**")
_STRONG = re.compile(r"^\*\*(.+)\*\*$")


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str


@dataclass(frozen=True, slots=True)
class Fields:
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Para:
    text: str
    strong: bool = False
    """The whole paragraph in bold."""


@dataclass(frozen=True, slots=True)
class ListItem:
    text: str


@dataclass(frozen=True, slots=True)
class PageBreak:
    pass


Block = Heading | Fields | Para | ListItem | PageBreak


def literal(text: str) -> str:
    """Escape a text from the record so that none of its lines reads as markup (list items
    stay list items: they are the record's own)."""
    lines = []
    for line in str(text).splitlines():
        if line.startswith(_MARKUP_START) or line.strip() == PAGE_BREAK:
            line = "\\" + line
        lines.append(line)
    return "\n".join(lines)


def parse(markup: str) -> list[Block]:
    blocks: list[Block] = []
    rows: list[tuple[str, str]] = []
    for raw in markup.splitlines():
        line = raw.rstrip()
        field = _FIELD.match(line)
        if field:
            rows.append((field.group(1).strip(), field.group(2).strip()))
            continue
        if rows:
            blocks.append(Fields(tuple(rows)))
            rows = []
        if not line.strip():
            continue
        if line.startswith("\\"):
            blocks.append(Para(line[1:]))
        elif line.strip() == PAGE_BREAK:
            blocks.append(PageBreak())
        elif strong := _STRONG.match(line.strip()):
            blocks.append(Para(strong.group(1).strip(), strong=True))
        elif heading := _HEADING.match(line):
            blocks.append(Heading(len(heading.group(1)), heading.group(2).strip()))
        elif line.startswith("- "):
            blocks.append(ListItem(line[2:].strip()))
        else:
            blocks.append(Para(line.strip()))
    if rows:
        blocks.append(Fields(tuple(rows)))
    return blocks


def shift_headings(markup: str, by: int) -> str:
    """Demote every heading of a document by `by` levels (to nest it in another)."""
    return "\n".join("#" * by + line if _HEADING.match(line) else line
                     for line in markup.splitlines())


def _join(blocks: list[Block], render: Callable[[Block], list[str]]) -> str:
    """A blank line between blocks; consecutive list items stay together."""
    out: list[str] = []
    previous: Block | None = None
    for block in blocks:
        if out and not (isinstance(block, ListItem) and isinstance(previous, ListItem)):
            out.append("")
        out.extend(render(block))
        previous = block
    return "\n".join(out).strip("\n") + "\n"


def _text_block(block: Block) -> list[str]:
    match block:
        case Heading() | Para():
            return [block.text]
        case Fields():
            return [f"{label} {value}".strip() for label, value in block.rows]
        case ListItem():
            return [f"- {block.text}"]
        case PageBreak():
            return ["\f"]
    return []


def _markdown_block(block: Block) -> list[str]:
    match block:
        case Heading():
            return ["#" * block.level + " " + block.text]
        case Fields():
            return ["\\\n".join(f"**{label}** {_md(value)}".strip()
                                 for label, value in block.rows)]
        case Para() if block.strong:
            return [f"**{_md(block.text)}**"]
        case Para():
            return [_md(block.text)]
        case ListItem():
            return [f"- {_md(block.text)}"]
        case PageBreak():
            return ["---"]
    return []


def to_text(blocks: list[Block]) -> str:
    """Plain text: a blank line between blocks, list items and header fields kept together."""
    return _join(blocks, _text_block)


def to_markdown(blocks: list[Block]) -> str:
    return _join(blocks, _markdown_block)


def _md(text: str) -> str:
    """Keep `*emphasis*`; stop a paragraph that looks like a heading or a numbered list from
    becoming one."""
    if text.startswith("#"):
        return "\\" + text
    # "1. " and "1) " would start an ordered list; "a) " lines are the record's own sub-points.
    return re.sub(r"^(\d+)([.)]) ", r"\1\\\2 ", text)


EMPHASIS = re.compile(r"\*([^*\n]+)\*")


def runs(text: str) -> list[tuple[str, bool]]:
    """A paragraph as (text, italic) runs: `*words*` is emphasis."""
    out: list[tuple[str, bool]] = []
    last = 0
    for match in EMPHASIS.finditer(text):
        if match.start() > last:
            out.append((text[last:match.start()], False))
        out.append((match.group(1), True))
        last = match.end()
    if last < len(text):
        out.append((text[last:], False))
    return out
