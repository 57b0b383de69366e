"""The public site (innsyn), without sign-in: the meeting calendar per body, each meeting's
sakskart, the approved protocols as HTML and Word, each case's decision, history and votes
per party, and search. Everything comes from engine.read.public, which holds the rules of
what may be published; no route here writes anything."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from documents import public_pages as pp
from documents import public_protocol as proto
from engine.app.publication import public_record
from engine.read.public import PublicItem, PublicMeeting, PublicRecord
from engine.read.views import parse_meeting
from server.auth import page, store_of

router = APIRouter()
HEADERS = {"Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; "
                                      "form-action 'self'; frame-ancestors 'none'",
           "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin"}


class NotPublic(Exception):
    """Nothing public at this address: no such meeting or case, or not approved yet."""

    def __init__(self, heading: str, message: str) -> None:
        self.heading, self.message = heading, message


def _html(record: PublicRecord, context_type: type[pp.PublicPage], **context: object,
          ) -> HTMLResponse:
    html = pp.render_public(context_type(municipality=record.registry.municipality,
                                         **context))
    return HTMLResponse(html, headers=HEADERS)


def not_public_page(request: Request, exc: NotPublic) -> HTMLResponse:
    record = public_record(store_of(request))
    response = _html(record, pp.PublicErrorPage, heading=exc.heading, message=exc.message)
    response.status_code = 404
    return response


def _meeting(record: PublicRecord, meeting: str) -> PublicMeeting:
    try:
        body, date = parse_meeting(meeting)
    except Exception:
        raise NotPublic("Finnes ikke", f"Møtet «{meeting}» finnes ikke.") from None
    found = record.meetings.get(f"{body} {date}")
    if found is None:
        raise NotPublic("Finnes ikke", f"Møtet «{meeting}» finnes ikke.")
    return found


def _approved(record: PublicRecord, meeting: str) -> PublicMeeting:
    found = _meeting(record, meeting)
    if not found.approved or found.source is None:
        raise NotPublic("Ikke godkjent ennå", f"Protokollen for «{found.key}» er ikke "
                        "godkjent ennå; den blir offentlig når den er godkjent.")
    return found


def _item(record: PublicRecord, meeting: str, arkivsak: str) -> PublicItem:
    found = record.item(_approved(record, meeting).key, arkivsak)
    if found is None or not found.published:
        raise NotPublic("Finnes ikke", f"Sak {arkivsak} har ingen offentlig saksprotokoll "
                        f"fra «{meeting}».")
    return found


def _approval(request: Request, key: str) -> Any:
    from engine.app.approvals import approvals

    return approvals(store_of(request), [key]).get(key)


def _docx(write: object, filename: str) -> Response:
    from server.api import _file

    return _file("docx", filename, write)


@router.get("/innsyn", **page("public"))
def front(request: Request) -> HTMLResponse:
    record = public_record(store_of(request))
    bodies = [(b, record.meetings_of(b)) for b in record.bodies()]
    return _html(record, pp.FrontPage, bodies=bodies)


@router.get("/innsyn/utvalg/{body}", **page("public"))
def body_calendar(request: Request, body: str) -> HTMLResponse:
    record = public_record(store_of(request))
    if body not in record.bodies():
        raise NotPublic("Finnes ikke", f"Utvalget «{body}» har ingen møter.")
    return _html(record, pp.BodyPage, body=body, meetings=record.meetings_of(body))


@router.get("/innsyn/moter/{meeting}", **page("public"))
def meeting_page(request: Request, meeting: str) -> HTMLResponse:
    record = public_record(store_of(request))
    return _html(record, pp.MeetingPage, meeting=_meeting(record, meeting))


@router.get("/innsyn/moter/{meeting}/protokoll", **page("public"))
def meeting_protocol(request: Request, meeting: str) -> HTMLResponse:
    record = public_record(store_of(request))
    found = _approved(record, meeting)
    assert found.source is not None
    blocks = proto.html_blocks(proto.meeting_markup(record, found.source, "nb",
                                                    _approval(request, found.key)))
    return _html(record, pp.ProtocolPage, heading=f"Møteprotokoll: {found.key}",
                 meeting=found, item=None, blocks=blocks, votes=[],
                 docx=pp.url_meeting(found.key) + "/protokoll.docx")


@router.get("/innsyn/moter/{meeting}/protokoll.docx", **page("public"))
def meeting_protocol_docx(request: Request, meeting: str) -> Response:
    record = public_record(store_of(request))
    found = _approved(record, meeting)
    source = found.source
    assert source is not None
    approval = _approval(request, found.key)
    return _docx(lambda path: proto.write_meeting(record, source, path, "nb", approval),
                 f"{found.key} møteprotokoll.docx".replace("/", "-"))


@router.get("/innsyn/moter/{meeting}/saker/{year}/{number}", **page("public"))
def item_protocol(request: Request, meeting: str, year: str, number: str) -> HTMLResponse:
    record = public_record(store_of(request))
    found = _item(record, meeting, f"{year}/{number}")
    blocks = proto.html_blocks(proto.item_markup(record, found, "nb",
                                                 _approval(request, found.meeting)))
    return _html(record, pp.ProtocolPage, heading=f"Saksprotokoll: {found.title}",
                 meeting=record.meetings[found.meeting], item=found, blocks=blocks,
                 votes=proto.vote_views(record, found),
                 docx=pp.url_item(found.meeting, found.arkivsak) + "/protokoll.docx")


@router.get("/innsyn/moter/{meeting}/saker/{year}/{number}/protokoll.docx", **page("public"))
def item_protocol_docx(request: Request, meeting: str, year: str, number: str) -> Response:
    record = public_record(store_of(request))
    found = _item(record, meeting, f"{year}/{number}")
    approval = _approval(request, found.meeting)
    return _docx(lambda path: proto.write_item(record, found, path, "nb", approval),
                 f"{found.meeting} sak {found.sak} saksprotokoll.docx".replace("/", "-"))


@router.get("/innsyn/saker/{year}/{number}", **page("public"))
def case_page(request: Request, year: str, number: str) -> HTMLResponse:
    from documents.decision import decision_text

    record = public_record(store_of(request))
    arkivsak = f"{year}/{number}"
    found = record.cases.get(arkivsak)
    if found is None:
        raise NotPublic("Finnes ikke", f"Sak {arkivsak} finnes ikke.")
    decided = found.decision
    text = (decision_text(decided.case, decided.item) if decided and decided.case
            and decided.item else None)
    votes = [(i, proto.vote_views(record, i)) for i in found.items if i.published]
    return _html(record, pp.CasePage, case=found, decision=text, votes=votes)


@router.get("/innsyn/sok", **page("public"))
def search(request: Request, q: str = "") -> HTMLResponse:
    from engine.app.search import search as find

    store = store_of(request)
    hits = pp.search_rows(find(store, q)) if q.strip() else []
    return _html(public_record(store), pp.SearchPage, query=q, hits=hits)
