"""Accounts for the server: users with a role, API tokens, browser sessions with a CSRF token,
and a limit on failed log-ins. Everything lives in the store's database, so any number of
server processes share it; secrets only as hashes (argon2 for passwords, SHA-256 for the
random tokens and session ids).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlalchemy as sa

from engine.domain.errors import AlreadyExists, NotFound, RuleViolation, SaksflytError
from engine.store.eventstore import account_tables

if TYPE_CHECKING:
    from engine.store.eventstore import EventStore

ROLES: dict[str, frozenset[str]] = {
    "admin": frozenset({"read", "accounts"}),
    "sekretær": frozenset({"read", "write"}),
    "lesetilgang": frozenset({"read"}),
}
"""What each role may do: read everything, write (registers, meetings, logging, corrections,
approval), or manage accounts."""
MIN_PASSWORD = 10
MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
SESSION_LIFETIME = dt.timedelta(hours=12)

_users = account_tables["users"]
_tokens = account_tables["api_tokens"]
_sessions = account_tables["web_sessions"]
_failures = account_tables["login_failures"]


class NotAuthenticated(SaksflytError):
    """No valid token or session: the server does not know who is asking (HTTP 401)."""


class NotAllowed(SaksflytError):
    """The user's role does not allow the request (HTTP 403)."""


@dataclass(frozen=True, slots=True)
class User:
    name: str
    role: str
    disabled: bool = False

    def may(self, permission: str) -> bool:
        return not self.disabled and permission in ROLES.get(self.role, frozenset())


@dataclass(frozen=True, slots=True)
class WebSession:
    user: User
    csrf_token: str


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _stamp(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _hasher():  # type: ignore[no-untyped-def]
    from argon2 import PasswordHasher

    return PasswordHasher()


# --- accounts --------------------------------------------------------------------------------

def add_user(store: EventStore, name: str, role: str, password: str) -> User:
    name = name.strip()
    if not name:
        raise RuleViolation("Brukernavnet kan ikke være tomt.")
    if role not in ROLES:
        raise RuleViolation(f"Ukjent rolle «{role}»: velg {', '.join(ROLES)}.")
    if len(password) < MIN_PASSWORD:
        raise RuleViolation(f"Passordet må ha minst {MIN_PASSWORD} tegn.")
    hashed = _hasher().hash(password)
    with store.transaction() as conn:
        if conn.execute(sa.select(_users.c.name).where(_users.c.name == name)).first():
            raise AlreadyExists(f"Brukeren «{name}» finnes allerede.")
        conn.execute(sa.insert(_users).values(name=name, role=role, password_hash=hashed,
                                              disabled=False, created_at=_stamp(_now())))
    return User(name, role)


def list_users(store: EventStore) -> list[User]:
    with store.reading() as conn:
        if conn is None:
            return []
        rows = conn.execute(sa.select(_users).order_by(_users.c.name)).all()
    return [User(r.name, r.role, bool(r.disabled)) for r in rows]


def _require_user(conn: sa.Connection, name: str) -> sa.Row:  # type: ignore[type-arg]
    row = conn.execute(sa.select(_users).where(_users.c.name == name)).first()
    if row is None:
        raise NotFound(f"Brukeren «{name}» finnes ikke (saksflyt user list).")
    return row


def disable_user(store: EventStore, name: str) -> None:
    """The user can no longer sign in; their tokens and sessions stop working at once."""
    with store.transaction() as conn:
        _require_user(conn, name)
        conn.execute(sa.update(_users).where(_users.c.name == name).values(disabled=True))
        conn.execute(sa.delete(_sessions).where(_sessions.c.user_name == name))


def new_token(store: EventStore, name: str) -> str:
    """A new API token for the user; only its hash is kept, so it is shown once."""
    token = "sf_" + secrets.token_urlsafe(32)
    with store.transaction() as conn:
        row = _require_user(conn, name)
        if row.disabled:
            raise RuleViolation(f"Brukeren «{name}» er deaktivert.")
        conn.execute(sa.insert(_tokens).values(token_hash=_digest(token), user_name=name,
                                               created_at=_stamp(_now())))
    return token


# --- who is asking ---------------------------------------------------------------------------

def user_for_token(store: EventStore, token: str | None) -> User:
    if not token:
        raise NotAuthenticated("Ingen innlogging: oppgi et API-token (SAKSFLYT_TOKEN).")
    with store.reading() as conn:
        row = None if conn is None else conn.execute(
            sa.select(_users).join(_tokens, _tokens.c.user_name == _users.c.name)
            .where(_tokens.c.token_hash == _digest(token))).first()
    if row is None:
        raise NotAuthenticated("Ukjent API-token.")
    if row.disabled:
        raise NotAuthenticated(f"Brukeren «{row.name}» er deaktivert.")
    return User(row.name, row.role)


def require(user: User, permission: str) -> None:
    if not user.may(permission):
        what = {"write": "skrive", "accounts": "administrere brukere"}.get(permission, "lese")
        raise NotAllowed(f"Brukeren «{user.name}» har rollen {user.role} og kan ikke {what}.")


def sign_in(store: EventStore, name: str, password: str) -> tuple[str, WebSession]:
    """Check the password; a new session (its id, shown once to the browser as a cookie).
    After MAX_FAILURES failed attempts for a name, it is locked for LOCKOUT, whatever the
    password (names that do not exist are counted too, so the lock tells nothing)."""
    from argon2.exceptions import InvalidHashError, VerifyMismatchError

    now = _now()
    with store.transaction() as conn:
        failed = conn.execute(sa.select(_failures).where(_failures.c.name == name)).first()
        if (failed is not None and failed.count >= MAX_FAILURES
                and dt.datetime.fromisoformat(failed.last_at) + LOCKOUT > now):
            raise NotAuthenticated("For mange mislykkede innlogginger: prøv igjen om "
                                   f"{int(LOCKOUT.total_seconds() // 60)} minutter.")
        row = conn.execute(sa.select(_users).where(_users.c.name == name)).first()
        ok = False
        if row is not None and not row.disabled:
            try:
                ok = _hasher().verify(row.password_hash, password)
            except (VerifyMismatchError, InvalidHashError):
                ok = False
    if not ok:
        _count_failure(store, name, failed.count if failed is not None and dt.datetime
                       .fromisoformat(failed.last_at) + LOCKOUT > now else 0, now)
        raise NotAuthenticated("Feil brukernavn eller passord.")
    session_id, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    with store.transaction() as conn:
        conn.execute(sa.delete(_failures).where(_failures.c.name == name))
        conn.execute(sa.delete(_sessions).where(_sessions.c.expires_at < _stamp(now)))
        conn.execute(sa.insert(_sessions).values(
            session_hash=_digest(session_id), user_name=name, csrf_token=csrf,
            expires_at=_stamp(now + SESSION_LIFETIME)))
    return session_id, WebSession(User(row.name, row.role), csrf)  # type: ignore[union-attr]


def _count_failure(store: EventStore, name: str, before: int, now: dt.datetime) -> None:
    # A separate transaction: the refusal above must be counted even though it raised.
    with store.transaction() as conn:
        conn.execute(sa.delete(_failures).where(_failures.c.name == name))
        conn.execute(sa.insert(_failures).values(name=name[:200], count=before + 1,
                                                 last_at=_stamp(now)))


def session_for(store: EventStore, session_id: str | None) -> WebSession | None:
    """The signed-in session for a cookie, or None (unknown, expired or disabled user)."""
    if not session_id:
        return None
    with store.reading() as conn:
        row = None if conn is None else conn.execute(
            sa.select(_sessions.c.csrf_token, _sessions.c.expires_at, _users.c.name,
                      _users.c.role, _users.c.disabled)
            .join(_users, _sessions.c.user_name == _users.c.name)
            .where(_sessions.c.session_hash == _digest(session_id))).first()
    if row is None or row.disabled or row.expires_at < _stamp(_now()):
        return None
    return WebSession(User(row.name, row.role), row.csrf_token)


def sign_out(store: EventStore, session_id: str | None) -> None:
    if not session_id:
        return
    with store.transaction() as conn:
        conn.execute(sa.delete(_sessions).where(_sessions.c.session_hash == _digest(session_id)))


def same_secret(given: str | None, expected: str) -> bool:
    """A constant-time comparison (a CSRF token from a form)."""
    return given is not None and secrets.compare_digest(given.encode(), expected.encode())
