"""What a møtebok must hold (kommuneloven § 11-4) and what a meeting's record lacks of it.
Pure.

Where and when the meeting was held (place, start and end), who chaired it, who met and who
did not (the members by name, forfall and deputies), who was ruled inhabil and on what legal
basis (forvaltningsloven § 6), each decision, and how each party voted (Prop. 46 L
(2017-2018)). `meeting approve` refuses a møtebok that lacks any of it, unless it approves
an old record as it is (`--as-recorded`), and then the lacks are kept with the approval.
"""

from __future__ import annotations

from collections.abc import Iterable

from engine.domain import events as ev
from engine.domain.meeting import Meeting
from engine.domain.state import Case, Item, Registry


def lacking(registry: Registry, meeting: Meeting,
            items: Iterable[tuple[Case, Item]]) -> list[ev.Lack]:
    """What the meeting's record lacks of a møtebok, in the order of § 11-4."""
    out = [ev.Lack(what=what) for what in ("place", "start", "end", "chair")
           if getattr(meeting, what) is None]
    body = registry.bodies.get(meeting.body)
    if body is None or not body.members:
        out.append(ev.Lack(what="members"))
    if not meeting.roll_call:
        out.append(ev.Lack(what="attendance"))
    parties = bool(body and (body.seats or any(m.party for m in body.members)))
    for _, item in items:
        for step in item.steps:
            if isinstance(step, ev.ImpartialityRuled) and step.ruling == "inhabil" \
                    and step.basis is None:
                out.append(ev.Lack(what="basis", sak=item.sak, person=step.person))
        if not parties:
            continue
        for number, vote in enumerate(item.votes, 1):
            if not says_party_votes(vote):
                out.append(ev.Lack(what="party_votes", sak=item.sak, vote=number))
    return out


def says_party_votes(vote: ev.VoteHeld) -> bool:
    """Whether the vote's record says how the parties voted: unanimous, named, or with a
    party tally on a side (the other side is then the rest of the members present)."""
    if vote.unanimous or vote.named_for is not None:
        return True
    tallies = [vote.votes_for, vote.votes_against,
               *[t for _, t in vote.side_votes or []]]
    return any(party for tally in tallies for party, _ in tally or [])
