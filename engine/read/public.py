"""What the public may see (innsyn): every meeting and case, with an item's texts only once
its meeting's protocol is approved and never an exempt item's (skjerming: the public title
and the legal basis instead). Pure: the public site, search, OParl and the exports all read
this one record, so the rules live in one place.

A case with an exempt item is exempt as a whole on the public side: its title is the
exemption's public title and none of its texts (recommendation, proposals, decision) appear.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from engine.domain import events as ev
from engine.domain.attendance import present_counts
from engine.domain.meeting import Meeting
from engine.domain.state import Case, Item, Registry


@dataclass(frozen=True)
class PublicItem:
    meeting: str
    body: str
    date: str
    sak: str
    arkivsak: str
    title: str
    """The case's (or the item's) title, or the exemption's public title."""
    approved: bool
    exemption: ev.ItemExempted | None
    item: Item | None
    """The item with its texts: only where they may be published (else None)."""
    case: Case | None
    """The case, only where its texts may be published."""

    @property
    def published(self) -> bool:
        return self.item is not None


@dataclass(frozen=True)
class PublicMeeting:
    key: str
    body: str
    date: str
    approval: ev.ProtocolApproved | None
    items: list[PublicItem] = field(default_factory=list)
    source: Meeting | None = None
    """The meeting's own record (attendance), where it has a stream."""

    @property
    def approved(self) -> bool:
        return self.approval is not None


@dataclass(frozen=True)
class PublicCase:
    arkivsak: str
    title: str
    exemption: ev.ItemExempted | None
    items: list[PublicItem]
    case: Case | None
    """The case with its texts, or None where it is exempt."""
    decision: PublicItem | None
    """The item that decided the case, where it is published."""


@dataclass(frozen=True)
class PartyVote:
    party: str
    votes_for: int | None
    votes_against: int | None


@dataclass
class PublicRecord:
    registry: Registry
    meetings: dict[str, PublicMeeting]
    cases: dict[str, PublicCase]

    def bodies(self) -> list[str]:
        """The bodies that have meetings, in the register's order."""
        met = {m.body for m in self.meetings.values()}
        return [b for b in self.registry.bodies if b in met]

    def meetings_of(self, body: str) -> list[PublicMeeting]:
        return sorted((m for m in self.meetings.values() if m.body == body),
                      key=lambda m: m.date)

    def item(self, meeting: str, arkivsak: str) -> PublicItem | None:
        found = self.meetings.get(meeting)
        return next((i for i in found.items if i.arkivsak == arkivsak), None) if found else None


def deciding_item(case: Case) -> Item | None:
    if case.decision is None:
        return None
    return next((i for i in reversed(case.items) if i.outcome is not None
                 and i.produces in ("decision", "debate") and i.outcome.kind != "postponed"),
                None)


def build_record(registry: Registry, cases: list[Case],
                 meetings: dict[str, Meeting]) -> PublicRecord:
    """`meetings`: the meetings with a stream of their own (a replayed meeting has none until
    it is approved); the others are found through their cases' items."""
    exemptions = {c.arkivsak: next((i.exemption for i in c.items if i.exemption), None)
                  for c in cases}
    by_key: dict[str, PublicMeeting] = {
        k: PublicMeeting(k, m.body, m.date, m.approved, source=m)
        for k, m in meetings.items()}
    public_cases: dict[str, PublicCase] = {}
    for case in cases:
        exemption = exemptions[case.arkivsak]
        items = []
        for item in case.items:
            meeting = by_key.setdefault(item.meeting, PublicMeeting(
                item.meeting, item.body, item.date, None))
            show = meeting.approved and exemption is None and item.closed
            entry = PublicItem(item.meeting, item.body, item.date, item.sak, case.arkivsak,
                               exemption.public_title if exemption else (item.title or case.title),
                               meeting.approved, exemption, item if show else None,
                               case if show else None)
            meeting.items.append(entry)
            items.append(entry)
        deciding = deciding_item(case)
        decision = next((i for i in items if deciding is not None and i.item is deciding), None)
        public_cases[case.arkivsak] = PublicCase(
            case.arkivsak, exemption.public_title if exemption else case.title, exemption,
            items, None if exemption else case, decision)
    for key, meeting in meetings.items():  # on the sakskart, not taken up yet
        taken = {i.arkivsak for i in by_key[key].items}
        for entry in meeting.agenda:
            if entry.arkivsak not in taken and entry.arkivsak in public_cases:
                found = public_cases[entry.arkivsak]
                by_key[key].items.append(PublicItem(
                    key, meeting.body, meeting.date, entry.sak, entry.arkivsak,
                    found.title if found.exemption else (entry.title or found.title),
                    meeting.approved, found.exemption, None, None))
    order = {key: [e.arkivsak for e in m.agenda] for key, m in meetings.items()}
    for key, meeting in by_key.items():
        agenda = order.get(key, [])
        meeting.items.sort(key=lambda i: (agenda.index(i.arkivsak) if i.arkivsak in agenda
                                          else len(agenda), i.sak))
    return PublicRecord(registry, dict(sorted(by_key.items(), key=lambda kv: (kv[1].date,
                                                                              kv[0]))),
                        public_cases)


def party_votes(registry: Registry, item: Item, vote: ev.VoteHeld) -> list[PartyVote]:
    """How each party voted: the record's tallies, a missing side being the rest of the
    party's members present (for an alternative vote: `for` is the winner's side)."""
    present = present_counts(registry, item) or {}
    given_for = dict(vote.votes_for or [])
    given_against = dict(vote.votes_against or [])
    parties = list(dict.fromkeys([*present, *given_for, *given_against]))
    out = []
    for party in parties:
        here = present.get(party)
        if vote.unanimous:
            n_for, n_against = here, 0
        elif vote.votes_for is not None and vote.votes_against is not None:
            n_for, n_against = given_for.get(party, 0), given_against.get(party, 0)
        elif vote.votes_against is not None:
            n_against = given_against.get(party, 0)
            n_for = None if here is None else here - n_against
        elif vote.votes_for is not None:
            n_for = given_for.get(party, 0)
            n_against = None if here is None else here - n_for
        else:
            n_for = n_against = None
        out.append(PartyVote(party, n_for, n_against))
    return out
