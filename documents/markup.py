"""The small block markup the document templates write, and its plain-text and Markdown forms.

A template renders a document as lines: `# `, `## `, `### ` headings, `| Label | Value |`
header fields, `- ` list items (an indented `- ` a nested point), `<pagebreak>`,
`<toc TITLE>` (a table of contents of the level-2 headings), `**a whole line**` (a paragraph
in bold: a proposer's line, a remark's heading), and any other line is a paragraph. Texts from
the record go through the `literal` filter, so a line of theirs never becomes markup. The
same blocks feed the text, Markdown and Word writers, so the three formats agree: a list is
numbered, labelled or bulleted in all three as documents/lists.py reads it. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from documents.lists import Entry, classify

PAGE_BREAK = "<pagebreak>"
_DIRECTIVE = re.compile(r"^<(pagebreak|toc( .*)?)>$")
_TOC = re.compile(r"^<toc (.+)>$")
_FIELD = re.compile(r"^\| (.*?) \| (.*) \|$")
_HEADING = re.compile(r"^(#{1,4}) (.*)$")
_ITEM = re.compile(r"^([ \t]*)- (.*)$")
_MARKUP_START = ("#", "|", "\\", "**")
_STRONG = re.compile(r"^\*\*(.+)\*\*$")
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1d\x7f\ufffe\uffff\ud800-\udfff]")
"""Characters no document can hold (XML refuses them); a record written before input was
checked may still have them. (\x1e and \x1f are the data marks, removed by `settle`.)"""
_UNSAFE_IN_LINE = re.compile("[\x00-\x1f\x7f\u2028\u2029\ufffe\uffff\ud800-\udfff]")
TOC_LEVEL = 2
"""The heading level a table of contents lists (a dossier's documents)."""


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
class ListBlock:
    """List items that follow one another, as documents/lists.py reads them."""

    entries: tuple[Entry, ...]


@dataclass(frozen=True, slots=True)
class PageBreak:
    pass


@dataclass(frozen=True, slots=True)
class TableOfContents:
    title: str


Block = Heading | Fields | Para | ListBlock | PageBreak | TableOfContents


class Trusted(str):
    """Text a template wrote itself (or `literal` escaped): markup as it stands."""

    __slots__ = ()


_OPEN, _CLOSE = "\x1e", "\x1f"
"""Around a printed value while a template renders: control characters no input may hold."""


def literal(text: str) -> Trusted:
    """Escape a text from the record so that none of its lines reads as markup (list items
    stay list items: they are the record's own)."""
    lines = []
    for line in _UNSAFE.sub(" ", str(text).replace("\r\n", "\n")).split("\n"):
        if line.startswith(_MARKUP_START) or _DIRECTIVE.match(line.strip()):
            line = "\\" + line
        lines.append(line)
    return Trusted("\n".join(lines))


def xml_safe(text: object) -> str:
    """A text Word can hold: characters XML refuses become U+FFFD (a record written before
    input was checked may hold them; a document must still be made)."""
    return _UNSAFE.sub("\ufffd", str(text)).replace(_OPEN, "").replace(_CLOSE, "")


def data_value(value: object) -> str:
    """A value a template prints (a name, a title, a number): one line, marked as data, so
    that `settle` keeps it from starting a heading, a field, a list item or a bold line."""
    if isinstance(value, Trusted):
        return value
    text = str(value)
    if _OPEN in text:  # a macro's output through a filter: its data is marked already
        return text
    text = _UNSAFE_IN_LINE.sub(" ", text)
    return f"{_OPEN}{text}{_CLOSE}" if text else ""


def capitalize(value: object) -> Trusted:
    """Jinja's `capitalize` for text with data marks: the first letter up, the rest down."""
    out, first = [], True
    for char in str(value):
        if char in (_OPEN, _CLOSE):
            out.append(char)
            continue
        out.append(char.upper() if first else char.lower())
        first = False
    return Trusted("".join(out))


def upper_first(value: object) -> str:
    """The first letter up, the rest as it is, past any data marks (so a value printed at a
    sentence's start reads "Fellesforslaget", whichever side of a mark its letter is)."""
    text = str(value)
    for index, char in enumerate(text):
        if char not in (_OPEN, _CLOSE):
            result = text[:index] + char.upper() + text[index + 1:]
            return Trusted(result) if isinstance(value, Trusted) else result
    return text


def settle(markup: str) -> str:
    """The rendered markup without the data marks; a line that starts with data that would
    read as markup is escaped, as `literal` escapes a text's lines."""
    if _OPEN not in markup:
        return markup
    lines = []
    for line in markup.split("\n"):
        if _OPEN in line:
            starts_with_data = line.lstrip(" \t").startswith(_OPEN)
            line = line.replace(_OPEN, "").replace(_CLOSE, "")
            if starts_with_data and _reads_as_markup(line):
                line = "\\" + line
        lines.append(line)
    return "\n".join(lines)


def _reads_as_markup(line: str) -> bool:
    text = line.strip()
    return (text.startswith(_MARKUP_START) or text.startswith("- ")
            or bool(_DIRECTIVE.match(text)) or bool(_FIELD.match(line.rstrip())))


def parse(markup: str) -> list[Block]:
    blocks: list[Block] = []
    rows: list[tuple[str, str]] = []
    items: list[tuple[int, str]] = []

    def flush() -> None:
        if rows:
            blocks.append(Fields(tuple(rows)))
            rows.clear()
        if items:
            blocks.append(ListBlock(tuple(classify(items))))
            items.clear()

    for raw in markup.splitlines():
        line = raw.rstrip()
        field = _FIELD.match(line)
        if field:
            if items:
                flush()
            rows.append((field.group(1).strip(), field.group(2).strip()))
            continue
        item = _ITEM.match(line)
        if item:
            if rows:
                flush()
            items.append((2 if item.group(1) and items else 1, item.group(2).strip()))
            continue
        flush()  # a blank line ends a list: the next one is counted on its own
        if not line.strip():
            continue
        if line.startswith("\\"):
            blocks.append(Para(line[1:]))
        elif line.strip() == PAGE_BREAK:
            blocks.append(PageBreak())
        elif toc := _TOC.match(line.strip()):
            blocks.append(TableOfContents(toc.group(1).strip()))
        elif strong := _STRONG.match(line.strip()):
            blocks.append(Para(strong.group(1).strip(), strong=True))
        elif heading := _HEADING.match(line):
            blocks.append(Heading(len(heading.group(1)), heading.group(2).strip()))
        else:
            blocks.append(Para(line.strip()))
    flush()
    return blocks


def without_title(markup: str) -> str:
    """A document's markup less its first level-1 heading (its title)."""
    lines = markup.splitlines()
    for index, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join(lines[:index] + lines[index + 1:])
    return markup


def shift_headings(markup: str, by: int) -> Trusted:
    """Demote every heading of a document by `by` levels (to nest it in another)."""
    return Trusted("\n".join("#" * by + line if _HEADING.match(line) else line
                             for line in markup.splitlines()))


def toc_entries(blocks: list[Block]) -> list[str]:
    """The headings a table of contents lists."""
    return [b.text for b in blocks if isinstance(b, Heading) and b.level == TOC_LEVEL]


def _join(blocks: list[Block], render: Callable[[Block], list[str]]) -> str:
    """A blank line between blocks; lists that follow one another stay together."""
    out: list[str] = []
    previous: Block | None = None
    for block in blocks:
        if out and not (isinstance(block, ListBlock) and isinstance(previous, ListBlock)):
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
        case ListBlock():
            # As the record writes them, the typed numbers included.
            return [("  " * (e.level - 1)) + f"- {e.text}" for e in block.entries]
        case PageBreak():
            return ["\f"]
    return []


def _markdown_list(block: ListBlock) -> list[str]:
    """A numbered group as a Markdown ordered list, the rest as bullets (a label kept);
    nested points indented under their item's text."""
    lines: list[str] = []
    indent = ""
    for entry in block.entries:
        if entry.kind == "number" and entry.style == "decimal":
            marker = entry.label
        else:
            marker = "-" + (f" {entry.label}" if entry.label else "")
        if entry.level == 1:
            lines.append(f"{marker} {_md(entry.words)}")
            indent = " " * (len(marker.split(" ")[0]) + 1)
        else:
            lines.append(f"{indent}{marker} {_md(entry.words)}")
    return lines


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
        case ListBlock():
            return _markdown_list(block)
        case PageBreak():
            return ["---"]
    return []


def to_text(blocks: list[Block]) -> str:
    """Plain text: a blank line between blocks, list items and header fields kept together."""
    entries = toc_entries(blocks)

    def render(block: Block) -> list[str]:
        if isinstance(block, TableOfContents):
            return [block.title, *entries]
        return _text_block(block)

    return _join(blocks, render)


def to_markdown(blocks: list[Block]) -> str:
    entries = toc_entries(blocks)

    def render(block: Block) -> list[str]:
        if isinstance(block, TableOfContents):
            return [f"**{_md(block.title)}**", "", *(f"- {_md(e)}" for e in entries)]
        return _markdown_block(block)

    return _join(blocks, render)


_MD_SPECIAL = re.compile(r"([\\`<>\[\]_|])")


def _md(text: str) -> str:
    """Keep `*emphasis*`; escape what Markdown would read as code, HTML, links or tables, and
    stop a paragraph that looks like a heading, a numbered list or a quote from becoming one."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    if text.startswith(("#", "+", ">", "=")):
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
