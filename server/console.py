"""The secretary's console in the browser: the meetings, a meeting's page (sakskart,
attendance, habilitet, approval) and one console page per item, where each step goes through
engine.app exactly as from the command line. Plain forms that work without JavaScript
(documents/assets/console.js adds the keyboard); a refused step is shown beside its form with
the engine's message, and nothing is stored."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from documents import desk_view
from documents import page_contexts as pc
from documents.pages import ASSETS, render_page
from engine.app import desk as dk
from engine.app import items, meetings
from engine.app.accounts import WebSession, require, same_secret
from engine.domain.errors import SaksflytError
from server.auth import page, store_of, web_session

router = APIRouter()
SCRIPTS = {"console.js", "screen.js"}


def script_headers() -> dict[str, str]:
    return {"Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self';"
                                       " connect-src 'self'; img-src 'self'; form-action 'self';"
                                       " frame-ancestors 'none'",
            "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
            "Cache-Control": "no-store"}


def render(page_: pc.Page, status: int = 200) -> HTMLResponse:
    return HTMLResponse(render_page(page_), status_code=status, headers=script_headers())


def signed_in(request: Request, permission: str = "read") -> WebSession:
    from server.pages import SignInNeeded

    session = web_session(request)
    if session is None:
        raise SignInNeeded(request.url.path)
    require(session.user, permission)
    return session


async def posted(request: Request) -> tuple[WebSession, dict[str, str]]:
    """A form post from a signed-in sekretær, its CSRF token checked."""
    from server.pages import CsrfRefused

    session = await run_in_threadpool(signed_in, request, "write")
    # A browser sends a textarea's line breaks as CRLF (the HTML form encoding); the record's
    # texts break lines with LF, and a lone CR is a control character the engine refuses.
    form = {k: str(v).replace("\r\n", "\n").replace("\r", "\n")
            for k, v in (await request.form()).items()}
    if not same_secret(form.get("csrf_token") or None, session.csrf_token):
        raise CsrfRefused
    return session, form


@router.get("/static/{name}.js", **page("public"))
def script(name: str) -> Response:
    if f"{name}.js" not in SCRIPTS:
        return Response(status_code=404)
    return FileResponse(ASSETS / f"{name}.js", media_type="text/javascript")


# --- the meetings ------------------------------------------------------------------------

@router.get("/moter", **page("read"))
def meeting_list(request: Request, error: str | None = None, status: int = 200) -> Response:
    from engine.app.repository import load_registry
    from engine.app.session import meeting_keys

    session = signed_in(request)
    store = store_of(request)
    return render(pc.MeetingsPage(
        user=session.user, csrf_token=session.csrf_token, meetings=meeting_keys(store),
        bodies=list(load_registry(store).bodies), deferred=dk.deferred(store),
        results=desk_view.RESULTS, error=error), status)


@router.post("/moter", **page("write"))
async def meeting_new(request: Request) -> Response:
    session, form = await posted(request)
    name = f"{form.get('body', '')} {form.get('date', '').strip()}"

    def create() -> str:
        made = meetings.new_meeting(store_of(request), session.user.name, name)
        if form.get("arkivsak"):
            meetings.add_to_agenda(store_of(request), session.user.name, made.key,
                                   form["arkivsak"], form.get("sak", ""), None,
                                   form.get("result") or None)
        return made.key

    try:
        key = await run_in_threadpool(create)
    except SaksflytError as refused:
        return await run_in_threadpool(meeting_list, request, str(refused), 422)
    request.app.state.notifier.notify()
    return RedirectResponse(f"/moter/{quote(key)}", status_code=303)


@router.get("/moter/{meeting}", **page("read"))
def meeting_page(request: Request, meeting: str, error: str | None = None,
                 status: int = 200) -> Response:
    from documents.naming import norwegian_date
    from documents.words import worded
    from engine.app.repository import load_registry

    session = signed_in(request)
    store = store_of(request)
    raw = meetings.show_meeting(store, meeting)
    shown = worded(raw, date=norwegian_date)
    entries, first = [], True
    for code, entry in zip(raw["agenda"], shown["agenda"], strict=True):  # type: ignore[call-overload]
        state = code["status"].code
        closed = state not in ("open", "not_started")
        entries.append({**entry, "closed": closed, "taken_up": state != "not_started",
                        "first": first and not closed})
        first = first and closed
    return render(pc.MeetingPage(
        user=session.user, csrf_token=session.csrf_token, meeting={**shown, "items": entries},
        people=list(load_registry(store).people), results=desk_view.RESULTS,
        writer=session.user.may("write"), error=error), status)


async def _meeting_write(request: Request, meeting: str, write: Any) -> Response:
    session, form = await posted(request)
    try:
        target = await run_in_threadpool(write, session.user.name, form)
    except SaksflytError as refused:
        return await run_in_threadpool(meeting_page, request, meeting, str(refused), 422)
    request.app.state.notifier.notify()
    return RedirectResponse(target or f"/moter/{quote(meeting)}", status_code=303)


@router.post("/moter/{meeting}/sakskart", **page("write"))
async def agenda(request: Request, meeting: str) -> Response:
    def write(actor: str, form: dict[str, str]) -> None:
        meetings.add_to_agenda(store_of(request), actor, meeting, form.get("arkivsak", ""),
                               form.get("sak", ""), None, form.get("result") or None)

    return await _meeting_write(request, meeting, write)


@router.post("/moter/{meeting}/apne", **page("write"))
async def open_item(request: Request, meeting: str) -> Response:
    def write(actor: str, form: dict[str, str]) -> str:
        case, item = items.open_item(store_of(request), actor, meeting, form.get("sak", ""))
        return console_url(item.meeting, case.arkivsak)

    return await _meeting_write(request, meeting, write)


@router.post("/moter/{meeting}/forfall", **page("write"))
async def attendance(request: Request, meeting: str) -> Response:
    def write(actor: str, form: dict[str, str]) -> None:
        absent = [a.strip() for a in form.get("absent", "").split(",") if a.strip()]
        items.record_attendance(store_of(request), actor, meeting, absent=absent,
                                deputy=form.get("deputy") or None,
                                member=form.get("member") or None,
                                item_only=bool(form.get("item_only")))

    return await _meeting_write(request, meeting, write)


@router.post("/moter/{meeting}/habilitet", **page("write"))
async def impartiality(request: Request, meeting: str) -> Response:
    def write(actor: str, form: dict[str, str]) -> None:
        items.log_step(store_of(request), actor, "impartiality",
                       {"person": form.get("person", ""), "ruling": form.get("ruling", ""),
                        "text": form.get("text") or None,
                        "basis": form.get("basis", "").strip() or None}, meeting)

    return await _meeting_write(request, meeting, write)


@router.post("/moter/{meeting}/godkjenn", **page("write"))
async def approve(request: Request, meeting: str) -> Response:
    def write(actor: str, form: dict[str, str]) -> None:
        import datetime as dt

        by = [n.strip() for n in (form.get("by") or "").split(",") if n.strip()]
        meetings.approve_meeting(store_of(request), actor, meeting, form.get("text") or None,
                                 by=by, method=form.get("how") or None,
                                 as_recorded=form.get("as_recorded") == "1",
                                 date=dt.date.today().isoformat())

    return await _meeting_write(request, meeting, write)


def console_url(meeting: str, arkivsak: str) -> str:
    return f"/moter/{quote(meeting)}/sak/{arkivsak}"
