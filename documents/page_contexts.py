"""What each read page is rendered with: one documented dataclass a page template
(documents/page_templates/), as documents/contexts.py does for the documents. A house style
may use the fields below and no others; tests/documents/test_page_contexts.py renders every
page from its dataclass and checks that no template uses a variable, or an attribute of one,
that its dataclass lacks. Every text is escaped: a text from the record is data, never markup.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, ClassVar

from engine.app.accounts import User
from engine.read.compare import Comparison, ParagraphChange


@dataclass(frozen=True, slots=True)
class Page:
    """What every page has: `base.html.j2` (the header with the user and the sign-out form)."""

    TEMPLATE: ClassVar[str]
    """The template's file name in documents/page_templates/."""
    user: User | None
    """The signed-in user (`user.name`, `user.role`), or None on the sign-in page."""
    csrf_token: str
    """The CSRF token every form on the page sends back (the session's, or, on the sign-in
    page, the one in its double-submit cookie)."""

    def variables(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class LoginPage(Page):
    """`login.html.j2`: the sign-in form."""

    TEMPLATE: ClassVar[str] = "login.html.j2"
    next: str
    """The path to go to after signing in (always a path on this site)."""
    error: str | None
    """Why the last attempt was refused, or None."""


@dataclass(frozen=True, slots=True)
class CaseListPage(Page):
    """`cases.html.j2`: every case and where it stands, as `saksflyt case list` shows it."""

    TEMPLATE: ClassVar[str] = "cases.html.j2"
    headers: list[str]
    """The table's column headings (documents.tables.case_table)."""
    rows: list[tuple[dict[str, Any], list[str]]]
    """Each case: its worded row (`arkivsak`, `title`, `status`, ...) and the table's cells."""


@dataclass(frozen=True, slots=True)
class ProtocolLink:
    """A saksprotokoll to download: one closed item of the case."""

    meeting: str
    """The meeting, «UTVALG ÅÅÅÅ-MM-DD»."""
    sak: str
    """The body's case number in that meeting."""


@dataclass(frozen=True, slots=True)
class CasePage(Page):
    """`case.html.j2`: a case's route, where it stands, its decision and its protocols."""

    TEMPLATE: ClassVar[str] = "case.html.j2"
    arkivsak: str
    """The case."""
    overview: dict[str, Any]
    """`saksflyt case show --json`: `arkivsak`, `title`, `status`, `route` (each stage with
    `number`, `body`, `role`, `current` and its `meetings`: `date`, `sak`, `outcome`)."""
    decision: str | None
    """The decision as `saksflyt vedtak` prints it (paragraphs split by blank lines; `- `
    lines are list items, `*words*` emphasis), or None while the case has none."""
    protocols: list[ProtocolLink]
    """The closed items, each a Word protocol to download."""


@dataclass(frozen=True, slots=True)
class BlamePage(Page):
    """`blame.html.j2`: where each paragraph of the decision comes from."""

    TEMPLATE: ClassVar[str] = "blame.html.j2"
    arkivsak: str
    """The case."""
    paragraphs: list[dict[str, Any]]
    """`saksflyt blame --json`, worded: each paragraph's `number`, `text`, `origin`,
    `versions` and `votes` (empty while the case has no decision)."""


@dataclass(frozen=True, slots=True)
class HistoryPage(Page):
    """`history.html.j2`: the case's way through the bodies."""

    TEMPLATE: ClassVar[str] = "history.html.j2"
    arkivsak: str
    """The case."""
    history: dict[str, Any]
    """`saksflyt history --json`, worded: `title`, `status`, and `meetings` (each with `body`,
    `date`, `sak`, `role`, `outcome` and its `proposals`: `id`, `by`, `party`, `kind`,
    `status`)."""


@dataclass(frozen=True, slots=True)
class DiffPage(Page):
    """`diff.html.j2`: the text between two stages, with deletions and insertions marked."""

    TEMPLATE: ClassVar[str] = "diff.html.j2"
    arkivsak: str
    """The case."""
    comparison: Comparison
    """`comparison.old.key` and `comparison.new.key` name the two stages."""
    blocks: list[tuple[ParagraphChange, list[tuple[str, str]]]]
    """Each paragraph's change and its runs of (`=`, `-` or `+`, words)."""


@dataclass(frozen=True, slots=True)
class ErrorPage(Page):
    """`error.html.j2`: a page that cannot be shown, and why."""

    TEMPLATE: ClassVar[str] = "error.html.j2"
    heading: str
    """The page's heading («Finnes ikke», «Ingen tilgang», ...)."""
    message: str
    """The engine's one-line message."""


PAGES: dict[str, type[Page]] = {cls.TEMPLATE: cls for cls in (
    LoginPage, CaseListPage, CasePage, BlamePage, HistoryPage, DiffPage, ErrorPage)}
LIBRARIES = ("base.html.j2", "_case_nav.html.j2", "_text.html.j2")
"""Templates that pages extend, include or import (they see their page's context)."""
