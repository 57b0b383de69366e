"""The ASGI application: `create_app(settings)`, or `from_environment()` for uvicorn's
workers (`saksflyt serve` sets SAKSFLYT_DB; each worker process builds its own app).

Nothing a request needs lives only in one process: accounts, sessions and the failed-log-in
count are in the database, and state is rebuilt from the store for every request.
"""

from __future__ import annotations

import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from engine.app.cache import CachedStore
from engine.domain.errors import SaksflytError
from server import api, console, desk_pages, oparl, pages, public
from server.errors import error_body, status_of, validation_message
from server.notifier import Notifier
from server.settings import Settings

DESCRIPTION = """\
saksflyt's API: live logging of meetings (sakskart, attendance, each step of the scenario
format, closing, corrections, approval) and reading (decisions, protocols as text and Word,
blame, history, verify). Authenticate with `Authorization: Bearer TOKEN` (`saksflyt user
token NAME`). Errors are JSON `{"message", "kind", "exit_code"}` with the message the command
line prints; 401 no or unknown token, 403 the role does not allow it, 404 not found, 409
another writer changed the case first (retry), 422 the step or command was refused.
"""


def create_app(settings: Settings) -> FastAPI:
    store = CachedStore(settings.db)
    notifier = Notifier(store, settings.poll_seconds)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        notifier.start()
        yield
        store.close()

    app = FastAPI(title="saksflyt", version="1", description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url="/api/v1/openapi.json")
    # No Swagger UI: it loads third-party JavaScript. The schema is at /api/v1/openapi.json
    # and docs/api.md describes it.
    app.state.settings = settings
    app.state.store = store
    app.state.notifier = notifier
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(console.router)
    app.include_router(desk_pages.router)
    app.include_router(public.router)
    app.include_router(oparl.router)
    app.add_middleware(ServerTiming)

    @app.exception_handler(SaksflytError)
    async def engine_error(request: Request, exc: SaksflytError) -> Response:
        status = status_of(exc)
        if not request.url.path.startswith("/api/"):
            return pages.page_error(request, exc, status)
        return JSONResponse(error_body(exc), status_code=status,
                            headers={"WWW-Authenticate": "Bearer"} if status == 401 else None)

    @app.exception_handler(RequestValidationError)
    async def unreadable(request: Request, exc: RequestValidationError) -> Response:
        message = validation_message(list(exc.errors()))
        return JSONResponse({"message": message, "kind": "RequestValidationError",
                             "exit_code": 2, "plain": False}, status_code=422)

    @app.exception_handler(public.NotPublic)
    async def not_public(request: Request, exc: public.NotPublic) -> Response:
        return await run_in_threadpool(public.not_public_page, request, exc)

    @app.exception_handler(oparl.OParlNotFound)
    async def no_object(request: Request, exc: oparl.OParlNotFound) -> Response:
        return JSONResponse({"message": "Finnes ikke, eller er ikke offentlig."},
                            status_code=404)

    @app.exception_handler(pages.SignInNeeded)
    async def sign_in_first(request: Request, exc: pages.SignInNeeded) -> Response:
        return pages.sign_in_redirect(exc.path)

    @app.exception_handler(pages.CsrfRefused)
    async def csrf_refused(request: Request, exc: pages.CsrfRefused) -> Response:
        return pages.error_page(request, "Skjemaet ble avvist",
                                "Skjemaet manglet et gyldig sikkerhetstoken (CSRF). Last siden "
                                "på nytt og prøv igjen.", 403)

    return app


class ServerTiming:
    """`Server-Timing: app;dur=MS` on every answer: the time the request spent in the app
    (bench/serve.py reads it; a browser's developer tools show it)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()

        async def timed(message: Any) -> None:
            if message["type"] == "http.response.start":
                took = (time.perf_counter() - start) * 1000
                message.setdefault("headers", []).append(
                    (b"server-timing", f"app;dur={took:.2f}".encode()))
            await send(message)

        await self.app(scope, receive, timed)


def from_environment() -> FastAPI:
    """The app as `saksflyt serve` starts it in each worker: settings read once, here (the
    house's template folder too: SAKSFLYT_TEMPLATES or saksflyt.toml, engine.app.settings)."""
    from pathlib import Path

    from documents.templating import use_templates
    from engine.app.settings import load_settings

    use_templates(load_settings(os.environ, Path.cwd()).templates)
    return create_app(Settings(
        db=os.environ.get("SAKSFLYT_DB", "sqlite:///saksflyt.db"),
        secure_cookies=os.environ.get("SAKSFLYT_INSECURE_COOKIES") != "1"))
