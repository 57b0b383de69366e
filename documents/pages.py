"""The server's read pages as HTML: Jinja2 templates in page_templates/ (bokmål), with
autoescaping on, so every text from the record is data, never markup. Each page is rendered
from its context dataclass (documents.page_contexts)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

ASSETS = Path(__file__).resolve().parent / "assets"


@cache
def environment() -> Any:
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("documents", "page_templates"),
                             undefined=jinja2.StrictUndefined, autoescape=True,
                             trim_blocks=True, lstrip_blocks=True)
    from documents.audit_text import diff_text, origin_text, vote_text

    env.filters.update(origin=origin_text, vote=vote_text, words=diff_text,
                       paragraphs=paragraphs, blocks=blocks, url_case=url_case)
    return env


def render_page(context: Any) -> str:
    """A page from its context (a documents.page_contexts dataclass)."""
    return environment().get_template(context.TEMPLATE).render(context.variables())


def paragraphs(text: str) -> list[str]:
    """A plain text's paragraphs (blank lines between), for one <p> each."""
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def blocks(text: str) -> list[dict[str, Any]]:
    """A decision text as blocks for HTML: a paragraph (`p`) or its list (`ul`, a line that
    starts with `- `), each as runs of (words, italic) from the record's `*emphasis*`. The
    template writes the tags; the words stay data, escaped."""
    found: list[dict[str, Any]] = []
    for paragraph in paragraphs(text):
        for line in paragraph.splitlines():
            if line.startswith("- "):
                if not found or found[-1]["kind"] != "ul":
                    found.append({"kind": "ul", "items": []})
                found[-1]["items"].append(_runs(line[2:]))
            elif found and found[-1]["kind"] == "p" and found[-1]["open"]:
                found[-1]["runs"] += [(" ", False), *_runs(line)]
            else:
                found.append({"kind": "p", "runs": _runs(line), "open": True})
        if found and found[-1]["kind"] == "p":
            found[-1]["open"] = False
    return found


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
