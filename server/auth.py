"""Who is asking: an API token (Authorization: Bearer) for /api/v1, a server-side session
(cookie) for the pages; and what their role allows. The server decides the user; nothing the
client sends names the actor."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request

from engine.app.accounts import User, WebSession, require, session_for, user_for_token
from engine.store.eventstore import EventStore
from server.settings import Settings

PERMISSION_KEY = "x-saksflyt-permission"
"""Each route's permission in its OpenAPI entry: `read`, `write`, `accounts`, `session`
(any signed-in browser) or `public`; the route table test holds every route to it."""


def store_of(request: Request) -> EventStore:
    return request.app.state.store  # type: ignore[no-any-return]


def settings_of(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def api_user(request: Request) -> User:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    return user_for_token(store_of(request), token.strip() if scheme.lower() == "bearer"
                          else None)


def _needs(permission: str) -> Any:
    # One dependency that both finds the user and checks the role: each synchronous
    # dependency is a trip through the thread pool, and a step is a few milliseconds.
    def check(request: Request) -> User:
        user = api_user(request)
        require(user, permission)
        return user

    return check


reader = _needs("read")
writer = _needs("write")
admin = _needs("accounts")
Reader = Annotated[User, Depends(reader)]
Writer = Annotated[User, Depends(writer)]


def needs(permission: str) -> dict[str, Any]:
    """Route options for an API route: the check, and the permission in its OpenAPI entry."""
    guard = {"read": reader, "write": writer, "accounts": admin}[permission]
    return {"dependencies": [Depends(guard)], "openapi_extra": {PERMISSION_KEY: permission}}


def page(permission: str) -> dict[str, Any]:
    """Route options for a page (the check is in server.pages, which redirects to sign-in)."""
    return {"openapi_extra": {PERMISSION_KEY: permission}, "include_in_schema": False}


def web_session(request: Request) -> WebSession | None:
    cookie = request.cookies.get(settings_of(request).session_cookie)
    return session_for(store_of(request), cookie)
