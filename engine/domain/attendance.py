"""Who is present for a vote: the members per party list, from the body's seats or its
members, a `present` step, forfall, inhabil members and varamedlemmer. Pure: the deciders
check votes against it, and the public record counts each party's votes with it."""

from __future__ import annotations

from engine.domain.state import Item, Registry


def present_people(registry: Registry, item: Item) -> dict[str, str | None] | None:
    """The members present for the item's next vote, each with the party list they sit for
    (None: no party); None when the register has no members for the body. A deputy sits for
    the list of the member whose seat they take."""
    body = registry.bodies.get(item.body)
    if body is None or not body.members:
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
    body = registry.bodies.get(item.body)
    seats = body.seats if body else None
    if seats is None and body is not None and body.members and not item.present:
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
