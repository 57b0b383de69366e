"""The HTTP API under /api/v1: one route for each live-logging and read command.

Every answer carries `text`, what the command line prints for it (documents.console and the
same renderers), and where it helps `data`, the same content as JSON. A step's body is the
scenario format's step (`{"vote": {"on": "innstillingen", "unanimous": true}}`), so the
scenario format is also the wire format. Errors: server.errors.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from documents import console
from documents.words import case_status_text, worded
from engine.app import audit, cases, items, meetings
from engine.app.accounts import list_users
from server.auth import Reader, Writer, needs, store_of

router = APIRouter(prefix="/api/v1")
FILES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "pdf": "application/pdf"}


class Answer(BaseModel):
    text: str = Field(description="What the command line prints (standard output).")
    stderr: str = ""
    exit_code: int = 0
    data: Any = None


class Target(BaseModel):
    meeting: str | None = Field(None, description="«UTVALG ÅÅÅÅ-MM-DD»; default: the one "
                                                  "meeting that has an open item")
    case: str | None = Field(None, description="arkivsak, if not the meeting's open item")


class StepIn(Target):
    step: dict[str, Any] = Field(description="One step of the scenario format",
                                 examples=[{"vote": {"on": "innstillingen", "unanimous": True}}])


class MeetingIn(BaseModel):
    meeting: str


class AgendaIn(BaseModel):
    arkivsak: str
    sak: str
    title: str | None = None
    result: str | None = None


class OpenIn(BaseModel):
    sak: str = Field(description="The body's case number (87/19) or the arkivsak")


class ApproveIn(BaseModel):
    text: str | None = None
    by: list[str] = []
    method: str | None = None
    as_recorded: bool = False
    date: str | None = None


class ExemptIn(BaseModel):
    sak: str
    basis: str
    public_title: str


class AttendanceIn(BaseModel):
    meeting: str | None = None
    absent: list[str] = []
    deputy: str | None = None
    for_: str | None = Field(None, alias="for")
    item_only: bool = False


class CorrectIn(Target):
    vote: int | None = None
    proposal: str | None = None
    against: str | None = None
    for_: str | None = Field(None, alias="for")
    text: str | list[str] | None = None
    reason: str
    after_approval: bool = False


def _written(request: Request, text: str, data: Any = None) -> Answer:
    request.app.state.notifier.notify()
    return Answer(text=text, data=data)


def _arkivsak(year: str, number: str) -> str:
    return f"{year}/{number}"


# --- who am I --------------------------------------------------------------------------------

@router.get("/me", **needs("read"))
def me(user: Reader) -> dict[str, str]:
    return {"name": user.name, "role": user.role}


@router.get("/users", **needs("accounts"))
def users(request: Request) -> list[dict[str, Any]]:
    return [{"name": u.name, "role": u.role, "disabled": u.disabled}
            for u in list_users(store_of(request))]


# --- live logging ----------------------------------------------------------------------------

@router.get("/meetings", **needs("read"))
def meeting_list(request: Request) -> list[str]:
    from engine.app.session import meeting_keys

    return meeting_keys(store_of(request))


@router.post("/meetings", status_code=201, **needs("write"))
def meeting_new(request: Request, body: MeetingIn, user: Writer) -> Answer:
    created = meetings.new_meeting(store_of(request), user.name, body.meeting)
    return _written(request, console.line("meeting_created", meeting=created.key))


@router.get("/meetings/{meeting}", **needs("read"))
def meeting_show(request: Request, meeting: str, json: bool = False) -> Answer:
    overview = worded(meetings.show_meeting(store_of(request), meeting))
    return Answer(text=console.meeting_show(overview, json), data=overview)


@router.post("/meetings/{meeting}/agenda", **needs("write"))
def meeting_agenda(request: Request, meeting: str, body: AgendaIn,
                   user: Writer) -> Answer:
    found = meetings.add_to_agenda(store_of(request), user.name, meeting, body.arkivsak,
                                   body.sak, body.title, body.result)
    return _written(request, console.line("agenda_added", sak=body.sak, arkivsak=body.arkivsak,
                                          meeting=found.key))


@router.post("/meetings/{meeting}/open", **needs("write"))
def item_open(request: Request, meeting: str, body: OpenIn,
              user: Writer) -> Answer:
    case, item = items.open_item(store_of(request), user.name, meeting, body.sak)
    return _written(request, console.item_opened(case, item),
                    {"meeting": item.meeting, "sak": item.sak, "arkivsak": case.arkivsak})


@router.post("/meetings/{meeting}/approve", **needs("write"))
def meeting_approve(request: Request, meeting: str, body: ApproveIn,
                    user: Writer) -> Answer:
    found = meetings.approve_meeting(store_of(request), user.name, meeting, body.text,
                                     by=body.by, method=body.method,
                                     as_recorded=body.as_recorded, date=body.date)
    return _written(request, console.line("approved", meeting=found.key))


@router.post("/meetings/{meeting}/exempt", **needs("write"))
def item_exempt(request: Request, meeting: str, body: ExemptIn, user: Writer) -> Answer:
    from engine.app.publication import exempt_item

    _, item = exempt_item(store_of(request), user.name, meeting, body.sak, body.basis,
                             body.public_title)
    return _written(request, console.line("exempted", sak=item.sak, meeting=item.meeting,
                                          basis=body.basis.strip()))


@router.get("/meetings/{meeting}/protocol", response_model=None, **needs("read"))
def meeting_protocol(request: Request, meeting: str, format: str = "text", lang: str = "nb",
                     as_: str = Query("docx", alias="as")) -> Answer | Response | dict[str, str]:
    """`format`: text, md, docx or pdf; `name` answers the file name the command line would
    write the `as` format to."""
    from documents import meeting_protocol as mp
    from engine.app.approvals import approvals

    store = store_of(request)
    registry, found, taken = meetings.meeting_record(store, meeting)
    approval = approvals(store, [found.key]).get(found.key)
    if format == "name":
        return {"filename": mp.meeting_filename(found, _file_format(as_))}
    if format in FILES:
        return _file(format, mp.meeting_filename(found, format), lambda path: (
            mp.write_meeting_protocol(registry, found, taken, path, lang, approval)))
    from documents.compose import render_markup

    return Answer(text=render_markup(mp.meeting_markup(registry, found, taken, lang, approval),
                                     _text_format(format)))


@router.post("/attendance", **needs("write"))
def attendance(request: Request, body: AttendanceIn, user: Writer) -> Answer:
    found, item = items.record_attendance(store_of(request), user.name, body.meeting,
                                          absent=body.absent, deputy=body.deputy,
                                          member=body.for_, item_only=body.item_only)
    return _written(request, console.attendance_logged(found, item))


@router.post("/steps", **needs("write"))
def step(request: Request, body: StepIn, user: Writer) -> Answer:
    """One step of the scenario format on the meeting's open item (or the named item)."""
    from engine.app.wire import wire_step

    kind, values = wire_step(body.step)
    done = items.log_step(store_of(request), user.name, kind, values, body.meeting, body.case)
    return _written(request, console.step_logged(done),
                    {"kind": done.kind, "meeting": done.item.meeting, "sak": done.item.sak,
                     "arkivsak": done.case.arkivsak, "proposal_id": done.proposal_id,
                     "votes": len(done.item.votes)})


@router.post("/items/close", **needs("write"))
def item_close(request: Request, body: Target, user: Writer) -> Answer:
    from documents.decision import decision_text

    case, item = items.close_item(store_of(request), user.name, body.meeting, body.case)
    return _written(request, decision_text(case, item))


class ReopenIn(BaseModel):
    meeting: str
    sak: str = Field(description="The body's case number (87/19) or the arkivsak")
    reason: str


@router.post("/items/undo", **needs("write"))
def item_undo(request: Request, body: Target, user: Writer) -> Answer:
    """The open item's last step taken back (a retraction event; the step stays logged)."""
    case, item, kind = items.undo_last(store_of(request), user.name, body.meeting, body.case)
    return _written(request, console.undone_line(item.meeting, item.sak, kind),
                    {"meeting": item.meeting, "sak": item.sak, "arkivsak": case.arkivsak,
                     "retracted": kind})


@router.post("/items/reopen", **needs("write"))
def item_reopen(request: Request, body: ReopenIn, user: Writer) -> Answer:
    """A closed item opened again with a reason, until the meeting's protocol is approved."""
    case, item = items.reopen(store_of(request), user.name, body.meeting, body.sak, body.reason)
    return _written(request, console.line("reopened", meeting=item.meeting, sak=item.sak,
                                          reason=body.reason.strip()),
                    {"meeting": item.meeting, "sak": item.sak, "arkivsak": case.arkivsak})


@router.get("/items/status", **needs("read"))
def item_status(request: Request, meeting: str | None = None, case: str | None = None,
                json: bool = False) -> Answer:
    found = items.item_preview(store_of(request), meeting, case)
    return Answer(text=console.item_status(*found, as_json=json))


@router.post("/items/correct", **needs("write"))
def item_correct(request: Request, body: CorrectIn, user: Writer) -> Answer:
    item = items.correct(store_of(request), user.name, vote=body.vote, proposal=body.proposal,
                         votes_against=body.against, votes_for=body.for_, text=body.text,
                         reason=body.reason, after_approval=body.after_approval,
                         meeting=body.meeting, arkivsak=body.case)
    return _written(request, console.line("corrected", meeting=item.meeting, sak=item.sak,
                                          reason=body.reason))


@router.get("/changes", **needs("read"))
def changes(request: Request, after: int = 0,
            wait: float = Query(0, ge=0, le=30)) -> dict[str, int]:
    """The store's last event position; with `wait`, held until it passes `after` (live
    updates from every server process: PostgreSQL LISTEN/NOTIFY, else polling the head)."""
    return {"position": request.app.state.notifier.wait_past(after, wait)}


# --- reading ---------------------------------------------------------------------------------

@router.get("/cases", **needs("read"))
def case_list(request: Request, state: str | None = None, body: str | None = None,
              json: bool = False, limit: int | None = None, offset: int = 0) -> Answer:
    from engine.app.case_list import case_page

    rows = worded(case_page(store_of(request), state, body, case_status_text,
                            limit=limit if limit is None else max(limit, 1),
                            offset=max(offset, 0)))
    return Answer(text=console.case_list(rows, json), data=rows)


@router.get("/cases/{year}/{number}", **needs("read"))
def case_show(request: Request, year: str, number: str, json: bool = False) -> Answer:
    found = worded(cases.show_case(store_of(request), _arkivsak(year, number)))
    return Answer(text=console.case_show(found, json), data=found)


@router.get("/cases/{year}/{number}/vedtak", response_model=None, **needs("read"))
def vedtak(request: Request, year: str, number: str,
           meeting: str | None = None) -> Answer | JSONResponse:
    """The decision; 404 while there is none (the command line then says so and exits 1)."""
    arkivsak = _arkivsak(year, number)
    printed = console.decision(*cases.decision_of(store_of(request), arkivsak, meeting),
                               arkivsak, meeting)
    if printed.exit_code:
        return JSONResponse({"message": printed.stderr.rstrip("\n"), "kind": "NoDecision",
                             "exit_code": printed.exit_code, "plain": True}, status_code=404)
    return Answer(text=printed.stdout)


@router.get("/cases/{year}/{number}/protocol", response_model=None, **needs("read"))
def protocol(request: Request, year: str, number: str, meeting: str, format: str = "text",
             lang: str = "nb", as_: str = Query("docx", alias="as"),
             ) -> Answer | Response | dict[str, str]:
    """`format`: text, md, docx or pdf; `name` answers the file name the command line would
    write the `as` format to."""
    from documents.files import protocol_filename, write_protocol
    from engine.app.approvals import case_approvals
    from engine.app.repository import require_case
    from engine.read.views import find_item

    store = store_of(request)
    registry, case = require_case(store, _arkivsak(year, number))
    item = find_item(case, meeting)
    approval = case_approvals(store, case).get(item.meeting)
    if format == "name":
        return {"filename": protocol_filename(case, item, _file_format(as_))}
    if format in FILES:
        return _file(format, protocol_filename(case, item, format), lambda path: (
            write_protocol(registry, case, item, path, lang, approval)))
    from documents.compose import protocol_markup, render_markup

    return Answer(text=render_markup(protocol_markup(registry, case, item, lang, approval),
                                     _text_format(format)))


@router.get("/cases/{year}/{number}/blame", **needs("read"))
def blame(request: Request, year: str, number: str, meeting: str | None = None,
          json: bool = False) -> Answer:
    arkivsak = _arkivsak(year, number)
    paragraphs = worded(audit.blame(store_of(request), arkivsak, meeting))
    return Answer(text=console.blame(arkivsak, meeting, paragraphs, json), data=paragraphs)


@router.get("/cases/{year}/{number}/history", **needs("read"))
def history(request: Request, year: str, number: str, json: bool = False) -> Answer:
    data = worded(audit.history(store_of(request), _arkivsak(year, number)))
    return Answer(text=console.history(data, json), data=data)


@router.get("/cases/{year}/{number}/diff", response_model=None, **needs("read"))
def diff(request: Request, year: str, number: str,
         from_: str = Query("forslag", alias="from"), to: str = "vedtak",
         format: str = "text") -> Answer | Response:
    arkivsak = _arkivsak(year, number)
    changes = audit.compare(store_of(request), arkivsak, from_, to)
    if format in FILES:
        from documents.tracked_docx import write_docx

        return _file(format, f"endringer-{arkivsak.replace('/', '-')}.{format}",
                     lambda path: write_docx(changes, path, municipality=changes.municipality))
    from documents.tracked import render_text

    return Answer(text=render_text(changes, markdown=format == "md"))


@router.get("/verify", **needs("read"))
def verify(request: Request, case: str | None = None) -> Answer:
    from engine.store.verify import verify_store

    printed = console.verify_report(verify_store(store_of(request), case))
    return Answer(text=printed.stdout, stderr=printed.stderr, exit_code=printed.exit_code)


def _text_format(format: str) -> str:
    if format not in ("text", "md"):
        _unknown(format)
    return format


def _file_format(format: str) -> str:
    if format not in FILES:
        _unknown(format)
    return format


def _unknown(format: str) -> None:
    from engine.domain.errors import RuleViolation

    raise RuleViolation(f"Ukjent format «{format}»: bruk text, md, docx eller pdf.")


def _file(format: str, filename: str, write_docx: Any) -> Response:
    """A Word file (or PDF/A made from it, documents.pdf) as a download."""
    from urllib.parse import quote

    from documents import pdf

    with tempfile.TemporaryDirectory() as folder:
        path = pdf.write(format, Path(folder) / f"dokument.{format}", write_docx)
        content = path.read_bytes()
    return Response(content, media_type=FILES[format], headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename)}"})
