"""`saksflyt diff` rendered as plain text and Markdown: each paragraph under a note of what
became of it, its changes marked. The Word form, with real tracked changes, is
documents/tracked_docx.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from documents.contexts import DiffContext
from documents.templating import environment, render
from engine.read.compare import Comparison, ParagraphChange

MARKS = {
    "text": {"-": ("[-", "-]"), "+": ("{+", "+}")},
    "md": {"-": ("~~", "~~"), "+": ("**", "**")},
}


# --- text and Markdown ---------------------------------------------------------------------

def chunks(segments: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str, bool]]:
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
    for op, words, space in chunks(change.segments):
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


def wording(language: str) -> Any:
    """The macros of diff.j2: how the titles and the paragraphs' notes read."""
    return environment(language).get_template("diff.j2").module
