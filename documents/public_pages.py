"""The public site's pages (innsyn, no sign-in): one documented dataclass a template in
documents/page_templates/public/, as documents/page_contexts.py does for the staff pages.
Every text is escaped by the templates: a text from the record is data, never markup."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from engine.read.public import PartyVote, PublicCase, PublicItem, PublicMeeting


@dataclass(frozen=True, slots=True)
class PublicPage:
    """What every public page has: `public/base.html.j2` (site name, menu, search)."""

    TEMPLATE: ClassVar[str]
    municipality: str | None
    """The municipality, shown in the header."""

    def variables(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass(frozen=True, slots=True)
class FrontPage(PublicPage):
    """`public/front.html.j2`: the bodies and their meetings, the search form."""

    TEMPLATE: ClassVar[str] = "public/front.html.j2"
    bodies: list[tuple[str, list[PublicMeeting]]]
    """Each body with its meetings, by date."""


@dataclass(frozen=True, slots=True)
class BodyPage(PublicPage):
    """`public/body.html.j2`: a body's meeting calendar."""

    TEMPLATE: ClassVar[str] = "public/body.html.j2"
    body: str
    meetings: list[PublicMeeting]


@dataclass(frozen=True, slots=True)
class MeetingPage(PublicPage):
    """`public/meeting.html.j2`: a meeting's sakskart, and its protocols once approved."""

    TEMPLATE: ClassVar[str] = "public/meeting.html.j2"
    meeting: PublicMeeting


@dataclass(frozen=True, slots=True)
class VoteView:
    """One vote: what was voted on, how it went, and each party's votes."""

    number: int
    subject: str
    result: str
    """vedtatt or falt (for an alternative vote: which side won, in `subject`)."""
    parties: list[PartyVote]
    unanimous: bool


@dataclass(frozen=True, slots=True)
class ProtocolPage(PublicPage):
    """`public/protocol.html.j2`: an approved saksprotokoll or møteprotokoll as HTML, with
    each vote's tally per party (a saksprotokoll) and the Word file to download."""

    TEMPLATE: ClassVar[str] = "public/protocol.html.j2"
    heading: str
    meeting: PublicMeeting
    item: PublicItem | None
    """The item, for a saksprotokoll (None: the whole møteprotokoll)."""
    blocks: list[dict[str, Any]]
    """The protocol's blocks (documents.public_protocol.html_blocks)."""
    votes: list[VoteView]
    docx: str
    """The path of the Word file."""


@dataclass(frozen=True, slots=True)
class CasePage(PublicPage):
    """`public/case.html.j2`: a case's decision, its history across bodies and the votes."""

    TEMPLATE: ClassVar[str] = "public/case.html.j2"
    case: PublicCase
    decision: str | None
    """The decision's text with its remarks (None: no published decision yet)."""
    votes: list[tuple[PublicItem, list[VoteView]]]
    """Each published item's votes, in the case's order."""


@dataclass(frozen=True, slots=True)
class SearchPage(PublicPage):
    """`public/search.html.j2`: the search form and what it found."""

    TEMPLATE: ClassVar[str] = "public/search.html.j2"
    query: str
    hits: list[Any]
    """engine.app.search.Hit: `title`, `url`, `kind`, `snippet`."""


@dataclass(frozen=True, slots=True)
class PublicErrorPage(PublicPage):
    TEMPLATE: ClassVar[str] = "public/error.html.j2"
    heading: str
    message: str


def url_meeting(key: str) -> str:
    from urllib.parse import quote

    return "/innsyn/moter/" + quote(key, safe="")


def url_public_case(arkivsak: str) -> str:
    from urllib.parse import quote

    return "/innsyn/saker/" + "/".join(quote(p, safe="") for p in arkivsak.split("/"))


def url_item(meeting: str, arkivsak: str) -> str:
    return url_meeting(meeting) + "/saker/" + url_public_case(arkivsak).removeprefix(
        "/innsyn/saker/")


def url_body(body: str) -> str:
    from urllib.parse import quote

    return "/innsyn/utvalg/" + quote(body, safe="")


def render_public(context: PublicPage) -> str:
    from documents.pages import environment

    env = environment()
    env.filters.update(url_meeting=url_meeting, url_public_case=url_public_case,
                       url_body=url_body)
    env.globals["url_item"] = url_item
    return env.get_template(context.TEMPLATE).render(context.variables())


HIT_KINDS = {"case": "sak", "item": "saksprotokoll"}


def search_rows(hits: list[Any]) -> list[dict[str, str]]:
    """Search hits (engine.app.search.Hit) as the search page lists them."""
    return [{"title": h.title, "kind": HIT_KINDS.get(h.kind, h.kind), "snippet": h.snippet,
             "url": url_item(h.meeting, h.arkivsak) if h.meeting else url_public_case(h.arkivsak)}
            for h in hits]
