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


@dataclass(frozen=True, slots=True)
class MeetingsPage(Page):
    """`meetings.html.j2`: the meetings, a form for a new one, and the cases postponed to a
    meeting not set up yet (one key sets it up with the case on its sakskart)."""

    TEMPLATE: ClassVar[str] = "meetings.html.j2"
    meetings: list[str]
    """Every meeting's key, «UTVALG ÅÅÅÅ-MM-DD»."""
    bodies: list[str]
    """The bodies in the register (the new-meeting form's choices)."""
    deferred: list[dict[str, str]]
    """engine.app.desk.deferred: `meeting`, `body`, `date`, `arkivsak`, `sak`, `title`."""
    results: tuple[str, ...]
    """The sakskart's result labels to choose from."""
    error: str | None
    """A refused form's engine message, shown beside it."""


@dataclass(frozen=True, slots=True)
class MeetingPage(Page):
    """`meeting.html.j2`: a meeting's sakskart, attendance, habilitet, state and protocols."""

    TEMPLATE: ClassVar[str] = "meeting.html.j2"
    meeting: dict[str, Any]
    """`saksflyt meeting show --json`, worded (`meeting`, `approved`, `agenda`, `absent`,
    `deputies`), plus `items`: each agenda entry's `sak`, `arkivsak`, `title`, `state`,
    `taken_up`, `closed`, `open` (the meeting's open item)."""
    people: list[str]
    """The register's people (for forfall, varamedlem and habilitet)."""
    results: tuple[str, ...]
    """The sakskart's result labels to choose from."""
    writer: bool
    """Whether the user may log (a sekretær): the forms are shown."""
    error: str | None
    """A refused form's engine message."""


@dataclass(frozen=True, slots=True)
class ConsolePage(Page):
    """`console.html.j2`: the secretary's console for one item (documents.desk_view)."""

    TEMPLATE: ClassVar[str] = "console.html.j2"
    view: dict[str, Any]
    """documents.desk_view.console_view: the recommendation, proposals, the voting order,
    the next vote, the decision if the item closed now and the voting record."""
    people: list[str]
    """The register's people: the proposer is chosen by typing a few letters."""
    parties: list[str]
    """The register's parties (short names)."""
    kinds: tuple[str, ...]
    """The scenario format's proposal kinds."""
    effects: tuple[tuple[str, str], ...]
    """(effect code, its words) for the proposal form."""
    base_url: str
    """The console's own path (forms post below it)."""
    form: dict[str, str]
    """The refused form's values, to show again (empty after a stored step)."""
    error: dict[str, str] | None
    """`form` (which form) and `message` (the engine's words) of a refused step."""
    focus: str
    """The field the keyboard starts in: `by`, `tally`, `join` or `close`."""


@dataclass(frozen=True, slots=True)
class ScreenPage(Page):
    """`screen.html.j2`: the room screen, large type, updated by server-sent events."""

    TEMPLATE: ClassVar[str] = "screen.html.j2"
    screen: dict[str, Any]
    """documents.desk_view.screen_view: `meeting`, `title`, `phase`, `heading`, `texts`,
    `result`."""
    events_url: str
    """Where the page's script listens for updates."""


PAGES: dict[str, type[Page]] = {cls.TEMPLATE: cls for cls in (
    LoginPage, CaseListPage, CasePage, BlamePage, HistoryPage, DiffPage, ErrorPage,
    MeetingsPage, MeetingPage, ConsolePage, ScreenPage)}
LIBRARIES = ("base.html.j2", "_case_nav.html.j2", "_text.html.j2")
"""Templates that pages extend, include or import (they see their page's context)."""
