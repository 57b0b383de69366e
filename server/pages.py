"""The read pages for signed-in users: sign-in and out, the case list, a case (route, where it
stands, decision, protocols to download), its blame, history and tracked-changes diff.
Server-rendered (documents.pages); every form carries a CSRF token, checked here."""

from __future__ import annotations

import secrets
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from documents import page_contexts as pc
from documents.naming import norwegian_date
from documents.pages import ASSETS, diff_segments, render_page
from documents.words import worded
from engine.app import audit, cases
from engine.app.accounts import (
    NotAuthenticated,
    WebSession,
    require,
    same_secret,
    sign_in,
    sign_out,
)
from engine.domain.errors import NotFound, SaksflytError
from server.auth import page, settings_of, store_of, web_session

router = APIRouter()


class SignInNeeded(Exception):
    """A page asked for without a session: the browser is sent to the sign-in page."""

    def __init__(self, path: str) -> None:
        self.path = path


class CsrfRefused(Exception):
    """A form posted without its CSRF token (or with a wrong one)."""


def _signed_in(request: Request) -> WebSession:
    session = web_session(request)
    if session is None:
        raise SignInNeeded(request.url.path)
    require(session.user, "read")
    return session


def _page(request: Request, page: type[pc.Page], session: WebSession | None,
          csrf_token: str | None = None, **context: Any) -> HTMLResponse:
    html = render_page(page(user=session.user if session else None,
                            csrf_token=csrf_token or (session.csrf_token if session else ""),
                            **context))
    return HTMLResponse(html, headers=_headers())


def _headers() -> dict[str, str]:
    # No script runs on these pages, and none may: a strict policy costs nothing.
    return {"Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; "
                                       "form-action 'self'; frame-ancestors 'none'",
            "X-Content-Type-Options": "nosniff", "Referrer-Policy": "same-origin",
            "Cache-Control": "no-store"}


@router.get("/", **page("public"))
def home() -> RedirectResponse:
    return RedirectResponse("/saker", status_code=303)


@router.get("/static/saksflyt.css", **page("public"))
def stylesheet() -> FileResponse:
    return FileResponse(ASSETS / "saksflyt.css", media_type="text/css")


@router.get("/logg-inn", **page("public"))
def login_form(request: Request, next: str = "/saker") -> HTMLResponse:
    return _login_page(request, next, None)


def _login_page(request: Request, next_path: str, error: str | None,
                status: int = 200) -> HTMLResponse:
    settings = settings_of(request)
    token = secrets.token_urlsafe(32)
    response = _page(request, pc.LoginPage, None, csrf_token=token,
                     next=_safe_next(next_path), error=error)
    response.status_code = status
    # Before sign-in there is no session to hold the CSRF token: a cookie holds it (double
    # submit), and the form must send the same value.
    response.set_cookie(settings.login_cookie, token, httponly=True,
                        secure=settings.secure_cookies, samesite="strict", path="/")
    return response


@router.post("/logg-inn", **page("public"))
def login(request: Request, name: str = Form(""), password: str = Form(""),
          csrf_token: str = Form(""), next: str = Form("/saker")) -> Response:
    settings = settings_of(request)
    if not same_secret(csrf_token or None, request.cookies.get(settings.login_cookie, "")
                       ) or not csrf_token:
        raise CsrfRefused
    try:
        session_id, _ = sign_in(store_of(request), name.strip(), password)
    except NotAuthenticated as refused:
        return _login_page(request, next, str(refused), status=401)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(settings.session_cookie, session_id, httponly=True,
                        secure=settings.secure_cookies, samesite="strict", path="/",
                        max_age=12 * 3600)
    response.delete_cookie(settings.login_cookie, path="/", secure=settings.secure_cookies,
                           httponly=True, samesite="strict")
    return response


@router.post("/logg-ut", **page("session"))
def logout(request: Request, csrf_token: str = Form("")) -> Response:
    settings = settings_of(request)
    session = web_session(request)
    if session is None:
        return RedirectResponse("/logg-inn", status_code=303)
    if not same_secret(csrf_token or None, session.csrf_token):
        raise CsrfRefused
    sign_out(store_of(request), request.cookies.get(settings.session_cookie))
    response = RedirectResponse("/logg-inn", status_code=303)
    response.delete_cookie(settings.session_cookie, path="/", secure=settings.secure_cookies,
                           httponly=True, samesite="strict")
    return response


def _safe_next(path: str) -> str:
    """Only a path on this site (no //host, no scheme): no open redirect after sign-in."""
    return path if path.startswith("/") and not path.startswith("//") else "/saker"


@router.get("/saker", **page("read"))
def case_list(request: Request) -> HTMLResponse:
    from documents.tables import case_table
    from documents.words import case_status_text
    from engine.app.case_list import case_page

    session = _signed_in(request)
    rows = worded(case_page(store_of(request), status_text=case_status_text), date=norwegian_date)
    headers, cells = case_table(rows) if rows else ([], [])
    return _page(request, pc.CaseListPage, session, headers=headers,
                 rows=list(zip(rows, cells, strict=True)))


@router.get("/saker/{year}/{number}", **page("read"))
def case_page(request: Request, year: str, number: str) -> HTMLResponse:
    from documents.decision import decision_text

    session = _signed_in(request)
    arkivsak = f"{year}/{number}"
    store = store_of(request)
    found = worded(cases.show_case(store, arkivsak), date=norwegian_date)
    case_, item = cases.decision_of(store, arkivsak)
    decided = decision_text(case_, item) if item is not None else None
    protocols = [pc.ProtocolLink(meeting=i.meeting, sak=i.sak) for i in case_.items if i.closed]
    return _page(request, pc.CasePage, session, arkivsak=arkivsak, overview=found,
                 decision=decided,
                 protocols=protocols)


@router.get("/saker/{year}/{number}/protokoll.docx", **page("read"))
def protocol_docx(request: Request, year: str, number: str, meeting: str) -> Response:
    from server.api import protocol

    _signed_in(request)
    return protocol(request, year, number, meeting, format="docx", lang="nb",  # type: ignore[return-value]
                    as_="docx")


@router.get("/saker/{year}/{number}/blame", **page("read"))
def blame(request: Request, year: str, number: str) -> HTMLResponse:
    session = _signed_in(request)
    arkivsak, store = f"{year}/{number}", store_of(request)
    cases.show_case(store, arkivsak)  # a case that does not exist is a 404
    try:
        paragraphs = worded(audit.blame(store, arkivsak), date=norwegian_date)
    except NotFound:  # no decision yet: the page says so
        paragraphs = []
    return _page(request, pc.BlamePage, session, arkivsak=arkivsak, paragraphs=paragraphs)


@router.get("/saker/{year}/{number}/historikk", **page("read"))
def history(request: Request, year: str, number: str) -> HTMLResponse:
    session = _signed_in(request)
    data = worded(audit.history(store_of(request), f"{year}/{number}"), date=norwegian_date)
    return _page(request, pc.HistoryPage, session, arkivsak=data["arkivsak"], history=data)


@router.get("/saker/{year}/{number}/endringer", **page("read"))
def changes(request: Request, year: str, number: str, fra: str = "forslag",
            til: str | None = None) -> HTMLResponse:
    session = _signed_in(request)
    arkivsak, store = f"{year}/{number}", store_of(request)
    if til is None:  # to the decision, or, before there is one, to the recommendation
        til = "vedtak" if cases.decision_of(store, arkivsak)[1] is not None else "innstilling"
    comparison = audit.compare(store, arkivsak, fra, til)
    blocks = [(c, diff_segments(c)) for c in comparison.paragraphs]
    return _page(request, pc.DiffPage, session, arkivsak=arkivsak,
                 comparison=comparison, blocks=blocks)


def error_page(request: Request, heading: str, message: str, status: int) -> HTMLResponse:
    response = _page(request, pc.ErrorPage, web_session(request), heading=heading,
                     message=message)
    response.status_code = status
    return response


def sign_in_redirect(path: str) -> RedirectResponse:
    return RedirectResponse(f"/logg-inn?next={quote(path)}", status_code=303)


def page_error(request: Request, exc: SaksflytError, status: int) -> HTMLResponse:
    heading = {401: "Ikke innlogget", 403: "Ingen tilgang", 404: "Finnes ikke"}.get(
        status, "Kan ikke vises")
    return error_page(request, heading, str(exc), status)
