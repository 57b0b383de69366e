"""The engine's errors as HTTP answers: JSON with the one-line message the command line
prints, and the status that fits (401, 403, 404, 409 for a concurrent change, 422 for a
refused step)."""

from __future__ import annotations

from typing import Any

from engine.app.accounts import NotAllowed, NotAuthenticated
from engine.domain.errors import ConcurrencyConflict, NotFound, SaksflytError

STATUS: tuple[tuple[type[SaksflytError], int], ...] = (
    (NotAuthenticated, 401), (NotAllowed, 403), (NotFound, 404), (ConcurrencyConflict, 409),
)


def status_of(exc: SaksflytError) -> int:
    """422 for a refused step or command (RuleViolation, InvalidTransition, ScenarioError and
    the rest); 503 when the store's schema is not this version's."""
    from engine.store.eventstore import SchemaMismatch

    if isinstance(exc, SchemaMismatch):
        return 503
    return next((code for kind, code in STATUS if isinstance(exc, kind)), 422)


def error_body(exc: SaksflytError) -> dict[str, Any]:
    """`message` is what the command line prints after «Feil: »; `exit_code` its exit status."""
    return {"message": str(exc), "kind": type(exc).__name__, "exit_code": 2, "plain": False}


def validation_message(errors: list[dict[str, Any]]) -> str:
    """A request the API cannot read (a missing field, a wrong type) as one Norwegian line."""
    parts = []
    for error in errors[:3]:
        where = ".".join(str(x) for x in error.get("loc", ()) if x != "body")
        parts.append(f"{where}: {error.get('msg', '')}" if where else error.get("msg", ""))
    return "Ugyldig forespørsel: " + "; ".join(parts)
