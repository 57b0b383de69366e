"""The server's read pages as HTML: Jinja2 templates in page_templates/ (bokmål), with
autoescaping on, so every text from the record is data, never markup. Each page is rendered
from its context dataclass (documents.page_contexts)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from documents.lists import Entry

ASSETS = Path(__file__).resolve().parent / "assets"


@cache
def environment() -> Any:
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("documents", "page_templates"),
                             undefined=jinja2.StrictUndefined, autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    from documents.audit_text import diff_text, origin_text, vote_text
    from documents.naming import norwegian_date

    env.filters.update(origin=origin_text, vote=vote_text, words=diff_text,
                       paragraphs=paragraphs, blocks=blocks, url_case=url_case,
                       dato=norwegian_date)
    return env


def render_page(context: Any) -> str:
    """A page from its context (a documents.page_contexts dataclass)."""
    return environment().get_template(context.TEMPLATE).render(context.variables())


def paragraphs(text: str) -> list[str]:
    """A plain text's paragraphs (blank lines between), for one <p> each."""
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def blocks(text: str) -> list[dict[str, Any]]:
    """A decision text as blocks for HTML: a paragraph (`p`: its `lines`, each kept on a line
    of its own as the record writes them) or a list (`list`: see `list_tree`), each text as
    runs of (words, italic) from the record's `*emphasis*`. The paragraph's lines are read as
    the documents read them (engine.domain.text.lines, documents.lists.classify). The
    template writes the tags; the words stay data, escaped."""
    from documents.lists import classify
    from engine.domain.text import lines

    found: list[dict[str, Any]] = []
    for paragraph in paragraphs(text):
        listed: list[tuple[int, str]] = []
        for kind, words in [*lines(paragraph), ("end", "")]:
            if kind in ("item", "nested"):
                listed.append((2 if kind == "nested" else 1, words))
                continue
            if listed:
                found.append(list_tree(classify(listed), _runs))
                listed = []
            if kind == "line":
                if found and found[-1]["kind"] == "p" and found[-1]["open"]:
                    found[-1]["lines"].append(_runs(words))
                else:
                    found.append({"kind": "p", "lines": [_runs(words)], "open": True})
        if found and found[-1]["kind"] == "p":
            found[-1]["open"] = False
    return found


_HTML_TYPES = {"decimal": "1", "lowerLetter": "a", "upperLetter": "A"}


def list_tree(entries: Sequence[Entry], runs: Callable[[str], list[tuple[str, bool]]],
              ) -> dict[str, Any]:
    """A classified list (documents.lists) as HTML shows it: `ordered` where the record
    numbers its points 1, 2, 3 in order (the browser counts, from `start`, in `type`; the
    typed number is taken out of the words), else a list whose items keep the record's own
    `label` ("2.2:") or bullets; each item's nested points as its `children`."""

    def group(first: Entry) -> dict[str, Any]:
        ordered = first.kind == "number"
        return {"kind": "list", "ordered": ordered, "start": first.start,
                "type": _HTML_TYPES.get(first.style, "1"), "labelled": False, "items": []}

    top: dict[str, Any] | None = None
    for entry in entries:
        item = {"label": entry.label if entry.kind == "label" else "",
                "runs": runs(entry.words if entry.kind != "bullet" else entry.text),
                "children": None}
        if top is None:
            top = group(entry)
        target = top
        if entry.level > 1 and top["items"]:
            parent = top["items"][-1]
            if parent["children"] is None:
                parent["children"] = group(entry)
            target = parent["children"]
        target["labelled"] = target["labelled"] or bool(item["label"])
        target["items"].append(item)
    assert top is not None
    return top


def _runs(line: str) -> list[tuple[str, bool]]:
    import re

    parts = re.split(r"\*([^*\n]+)\*", line)
    return [(part, n % 2 == 1) for n, part in enumerate(parts) if part]


def url_case(arkivsak: str) -> str:
    from urllib.parse import quote

    return "/saker/" + "/".join(quote(part, safe="") for part in arkivsak.split("/"))


def diff_segments(change: Any) -> list[tuple[str, str]]:
    """A paragraph change as (op, words) runs for <del>/<ins>, with the separating spaces
    inside the runs (as the text diff has them)."""
    from documents.tracked import chunks

    runs = []
    for op, words, space in chunks(change.segments):
        if change.status == "added":
            op = "+"
        elif change.status == "removed":
            op = "-"
        runs.append((op, (" " if space else "") + words))
    return runs
