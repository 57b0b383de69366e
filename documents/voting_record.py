"""The protocol's voting record as data: one line a vote or joined remark. Pure.

`voting_lines` says *what* each sentence records (which sides, how many votes, which members
of a split party voted how); the templates (`voting.j2`) say it in words.
"""

from __future__ import annotations

from dataclasses import dataclass

from documents import naming
from documents.naming import Name
from engine.domain import events as ev
from engine.domain.state import Item, Proposal, Registry
from engine.domain.voting import format_tally, total

RECOMMENDATION_ID = "innstillingen"


@dataclass(frozen=True, slots=True)
class SideCount:
    """One side of an alternative vote between more than two: its name and its votes."""

    name: Name
    short: Name
    """The name once the sides are named in full (the recommendation is "innstillingen")."""
    count: int
    tally: str = ""


@dataclass(frozen=True, slots=True)
class Split:
    """In a named vote: a party whose members voted on both sides (`party`), or a member
    without a party (`party` None), with who voted for and who against."""

    party: str | None
    voted_for: tuple[str, ...] = ()
    voted_against: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class VoteLine:
    """One sentence of Votering. `type` is vote, alternative, alternatives (more than two
    sides: `sides`) or join."""

    type: str
    subject: Name | None = None
    other: Name | None = None
    """For an alternative vote: the second side, as the vote gave them."""
    winner: Name | None = None
    loser: Name | None = None
    result: str = "vedtatt"
    unanimous: bool = False
    side: str | None = None
    """Which count is printed: against, for, both (a close vote: for, then against), or None
    (no numbers)."""
    count: int | None = None
    tally: str = ""
    count_against: int | None = None
    """For side both: the votes against (`count` and `tally` are the votes for)."""
    tally_against: str = ""
    casting_vote: bool = False
    parties: tuple[str, ...] = ()
    author: str = ""
    subjects: tuple[Name, ...] = ()
    """A vote on several proposals together: every proposal (`subject` is the first)."""
    sides: tuple[SideCount, ...] = ()
    splits: tuple[Split, ...] = ()
    """A named vote: the parties that split and the members without a party."""
    n_for: int | None = None
    n_against: int | None = None
    """The votes for and against (for an alternative vote: for the winner and for the other
    sides) where they are known, the side a tally leaves out counted as the rest of the
    members present: for a house style that says both ("med 25 mot 18 stemmer")."""


def style(registry: Registry, body: str) -> str:
    """How the body's protocols read: `advisory` (a council's "fremmet følgende", "Forslag
    fra X") or `political`, by the body's own setting, else by its kind."""
    found = registry.bodies.get(body)
    if found is None:
        return "political"
    return found.wording or ("advisory" if found.kind == "advisory" else "political")


def names(registry: Registry, item: Item) -> dict[str, Name]:
    """How the voting record names each proposal of the item."""
    proposers = {pid: _key(p) for pid, p in item.proposals.items()}
    counts = naming.voted_proposers(item.votes, proposers)
    by_fra = style(registry, item.body) == "advisory"
    body = registry.bodies.get(item.body)
    return {pid: naming.proposal_name(
        p.by, p.kind, p.label, several=counts.get(proposers[pid], 0) > 1,
        parties=tuple(p.parties), people=tuple(registry.name_of(x) for x in p.people),
        members=(body.kind if body else "council") if p.members else None,
        body=item.body, by_fra=by_fra) for pid, p in item.proposals.items()}


def _key(proposal: Proposal) -> str:
    """Who made a proposal, to tell whether one proposer has several put to a vote."""
    if proposal.parties:
        return "parties:" + ",".join(proposal.parties)
    if proposal.members:
        return "members"
    return ",".join(proposal.people)


def _recommendation(parts: list[int], except_parts: list[int]) -> Name:
    return Name(recommendation=True, parts=tuple(parts), except_parts=tuple(except_parts))


def _count(tally: list[tuple[str, int]] | None) -> tuple[int, str]:
    entries = tuple((str(p), int(n)) for p, n in tally or [])
    return total(entries), format_tally(entries)


def voting_lines(registry: Registry, item: Item):  # type: ignore[no-untyped-def]
    named = names(registry, item)
    for step in item.steps:
        if isinstance(step, ev.VoteHeld):
            yield _vote_line(registry, step, named)
        elif isinstance(step, ev.RemarkJoined):
            remark = item.proposals.get(step.remark)
            author = ""
            if remark is not None:
                author = (naming.listing(remark.parties) if remark.parties
                          else registry.party_of(remark.by) or registry.name_of(remark.by))
            yield VoteLine("join", parties=tuple(step.parties), author=author)


def _side_name(side: str, vote: ev.VoteHeld, names: dict[str, Name]) -> Name:
    if side == RECOMMENDATION_ID:
        return _recommendation(vote.parts, vote.except_parts)
    return names.get(side, Name(label=side))


def _short(side: str, vote: ev.VoteHeld, names: dict[str, Name]) -> Name:
    """Once named in full after "mellom", the recommendation is "innstillingen" again, as
    winner ("ble innstillingen vedtatt") and as loser ("avgitt for innstillingen")."""
    return naming.RECOMMENDATION if side == RECOMMENDATION_ID else _side_name(side, vote, names)


def _vote_line(registry: Registry, vote: ev.VoteHeld, names: dict[str, Name]) -> VoteLine:
    splits = _splits(registry, vote)
    if vote.between and vote.side_votes is not None:
        sides = tuple(SideCount(_side_name(s, vote, names), _short(s, vote, names), *_count(t))
                      for s, t in vote.side_votes)
        return VoteLine("alternatives", subject=sides[0].name, sides=sides,
                        winner=_short(vote.winner or vote.between[0], vote, names),
                        unanimous=vote.unanimous, casting_vote=vote.casting_vote,
                        n_for=vote.n_for, n_against=vote.n_against)
    if vote.between:
        winner_id = vote.winner or vote.between[0]
        loser_id = next((s for s in vote.between if s != winner_id), vote.between[-1])
        return VoteLine("alternative", subject=_side_name(vote.between[0], vote, names),
                        winner=_short(winner_id, vote, names),
                        loser=_short(loser_id, vote, names),
                        result="vedtatt", unanimous=vote.unanimous, casting_vote=vote.casting_vote,
                        other=_side_name(vote.between[1], vote, names), splits=splits,
                        n_for=vote.n_for, n_against=vote.n_against, **_counts(vote))
    subjects = tuple(_side_name(s, vote, names) for s in [vote.on or RECOMMENDATION_ID,
                                                           *vote.also])
    # A named vote with no one on one side is unanimous, and the record says so.
    unanimous = vote.unanimous or (vote.named_for is not None and not (
        vote.named_against if vote.result == "vedtatt" else vote.named_for))
    return VoteLine("vote", subject=subjects[0],
                    subjects=subjects if len(subjects) > 1 else (),
                    result=vote.result, unanimous=unanimous,
                    casting_vote=vote.casting_vote, splits=splits, n_for=vote.n_for,
                    n_against=vote.n_against, **({} if unanimous else _counts(vote)))


def _splits(registry: Registry, vote: ev.VoteHeld) -> tuple[Split, ...]:
    """A named vote's members to be named: each party whose members voted on both sides, and
    each member without a party (Prop. 46 L (2017-2018): who voted how, where a party's
    votes do not say it)."""
    if vote.named_for is None and vote.named_against is None:
        return ()
    voted = [(p, True) for p in vote.named_for or []] + [
        (p, False) for p in vote.named_against or []]
    seat = _seat_parties(registry, vote)
    parties: dict[str | None, list[tuple[str, bool]]] = {}
    for person, side in voted:
        parties.setdefault(seat.get(person), []).append((person, side))
    out = []
    for party, votes in parties.items():
        if party is not None and len({side for _, side in votes}) < 2:
            continue
        out.append(Split(party, tuple(registry.name_of(p) for p, s in votes if s),
                         tuple(registry.name_of(p) for p, s in votes if not s)))
    return tuple(out)


def _seat_parties(registry: Registry, vote: ev.VoteHeld) -> dict[str, str | None]:
    """The party list each voter sits for in the body (their own party where the body's
    register does not say)."""
    body_name = vote.meeting.rsplit(" ", 1)[0]
    body = registry.bodies.get(body_name)
    seats: dict[str, str | None] = {}
    for person in [*(vote.named_for or []), *(vote.named_against or [])]:
        member = body.seat_of(person) if body else None
        seats[person] = member.party if member else registry.party_of(person)
    return seats


def _counts(vote: ev.VoteHeld) -> dict:  # type: ignore[type-arg]
    """The numbers a vote's sentence prints. Both tallies given (a close vote): for, then
    against; otherwise the one given (for an alternative vote, `against` is the losing side's
    votes)."""
    if vote.unanimous:
        return {}
    if vote.votes_for is not None and vote.votes_against is not None:
        count, tally = _count(vote.votes_for)
        count_against, tally_against = _count(vote.votes_against)
        return {"side": "both", "count": count, "tally": tally,
                "count_against": count_against, "tally_against": tally_against}
    if vote.votes_against is not None:
        count, tally = _count(vote.votes_against)
        return {"side": "against", "count": count, "tally": tally}
    if vote.votes_for is not None:
        count, tally = _count(vote.votes_for)
        return {"side": "for", "count": count, "tally": tally}
    return {}
