"""Look-ups the deciders share: register entries by name (with "did you mean"), dates, the
meeting key, and who is present for a vote."""

from __future__ import annotations

from engine.domain.errors import NotFound
from engine.domain.inputs import check_date
from engine.domain.state import Body, Item, Registry
from engine.domain.text import Text


def meeting_key(body: str, date: str) -> str:
    return f"{body} {date}"


def parse_date(value: str, what: str) -> str:
    """A real date, YYYY-MM-DD (engine.domain.inputs.check_date)."""
    return check_date(value, what)


def present_people(registry: Registry, item: Item) -> dict[str, str | None] | None:
    """The members present for the item's next vote, each with the party list they sit for
    (None: no party); None when the register has no members for the body. A deputy sits for
    the list of the member whose seat they take."""
    body = body_named(registry, item.body)
    if not body.members:
        return None
    away = set(item.absent) | set(item.inhabil)
    present = {m.person: m.party for m in body.seated() if m.person not in away}
    for deputy, member in item.deputies:
        seat = body.seat_of(member) or body.seat_of(deputy)
        present[deputy] = seat.party if seat else registry.party_of(deputy)
    return present


def present_counts(registry: Registry, item: Item) -> dict[str, int] | None:
    """Members present per party for the item's next vote; None when unknown (a body without
    seats and no `present` step)."""
    body = body_named(registry, item.body)
    seats = body.seats
    if seats is None and body.members and not item.present:
        counts: dict[str, int] = {}
        for party in (present_people(registry, item) or {}).values():
            # Members without a party list count under "", as a bare total does.
            counts[party or ""] = counts.get(party or "", 0) + 1
        return counts
    if seats is None and not item.present:
        return None
    # Without seats, a `present` step is the whole attendance.
    counts = {**(seats or {}), **item.present}
    # Forfall (unless a `present` step already counted that party) and inhabil members leave
    # their party's count; a varamedlem takes the member's seat back.
    leaving = [p for p in item.absent if registry.party_of(p) not in item.present]
    for person in leaving + item.inhabil:
        party = registry.party_of(person)
        if party in counts:
            counts[party] = max(0, counts[party] - 1)
    for deputy, member in item.deputies:
        party = registry.party_of(member) or registry.party_of(deputy)
        if party in counts:
            counts[party] += 1
    return counts


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
