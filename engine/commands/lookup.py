"""Look-ups the deciders share: register entries by name (with "did you mean"), dates, the
meeting key, and who is present for a vote."""

from __future__ import annotations

from engine.domain.attendance import present_counts as present_counts
from engine.domain.attendance import present_people as present_people
from engine.domain.errors import NotFound
from engine.domain.inputs import check_date
from engine.domain.state import Body, Registry
from engine.domain.text import Text


def meeting_key(body: str, date: str) -> str:
    return f"{body} {date}"


def parse_date(value: str, what: str) -> str:
    """A real date, YYYY-MM-DD (engine.domain.inputs.check_date)."""
    return check_date(value, what)


def body_named(registry: Registry, name: str) -> Body:
    body = registry.bodies.get(name)
    if body is None:
        raise NotFound(f"Utvalget «{name}» finnes ikke{did_you_mean(name, registry.bodies)}.")
    return body


def require_person(registry: Registry, name: str) -> None:
    if name not in registry.people:
        raise NotFound(f"Personen «{name}» finnes ikke{did_you_mean(name, registry.people)}.")


def require_party(registry: Registry, short: str) -> None:
    if short not in registry.parties:
        raise NotFound(f"Partiet «{short}» finnes ikke{did_you_mean(short, registry.parties)}.")


def did_you_mean(name: str, known: object) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1)  # type: ignore[call-overload]
    return f" (mente du «{close[0]}»?)" if close else ""


def text_of(text: Text) -> list[str]:
    return [p.text for p in text]
