"""The secretary's console (and the room screen) as application services: the item as the
console shows it, the planned votes in their order, what a typed vote or proposal means as a
step of the scenario format, and a dry run of a step through the engine's own rules (nothing
stored). The words are in documents/; the pages in server/console.py."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from engine.app.live import build_step, preview
from engine.app.session import LiveSession, unit_of_work
from engine.domain.errors import NotFound, RuleViolation

if TYPE_CHECKING:
    from engine.domain.events import VoteHeld
    from engine.domain.state import Case, Item, Proposal, Registry
    from engine.store.eventstore import EventStore

RECOMMENDATION = "innstillingen"
CHALLENGES = ("strike", "replace", "amend")
"""Effects that challenge a paragraph of the recommendation: it is put to an alternative vote
against the proposal, and left out of the vote on the rest of the recommendation."""


@dataclass(frozen=True)
class Planned:
    """One vote the console plans: `key` names it in the voting order (`on:ID`,
    `between:ID`, `innstillingen`), `step` is the vote without its tally."""

    key: str
    step: dict[str, Any]
    subject: str
    """The proposal voted on, or the challenger in an alternative vote; "" for the
    recommendation."""
    held: bool = False


@dataclass
class Desk:
    """What the console shows of one item."""

    case: Case
    item: Item
    closed: Item
    """The item as it would be closed now (the item itself when it is closed)."""
    registry: Registry
    present: dict[str, int] | None
    plan: list[Planned] = field(default_factory=list)
    approved: bool = False

    @property
    def next_vote(self) -> Planned | None:
        return next((p for p in self.plan if not p.held), None)

    @property
    def present_total(self) -> int | None:
        return sum(self.present.values()) if self.present is not None else None


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def resolve_person(registry: Registry, typed: str) -> str:
    """A name from the register by a few letters: the name itself, or the one name with a
    word that starts with them (`sil` is Silje Salomonsen)."""
    typed = typed.strip()
    if typed in registry.people:
        return typed
    words = fold(typed).split()
    if not words:
        raise RuleViolation("Oppgi forslagsstilleren (noen bokstaver av navnet).", rule="person")
    found = [name for name in registry.people
             if all(any(w.startswith(t) for w in fold(name).split()) for t in words)]
    if len(found) == 1:
        return found[0]
    if not found:
        raise NotFound(f"Ingen i registeret passer til «{typed}».")
    raise RuleViolation(f"Flere passer til «{typed}»: {', '.join(found[:6])}; skriv flere "
                        "bokstaver.", rule="person")


def resolve_parties(registry: Registry, typed: str, *, all_but: str | None = None,
                    everyone: str | None = None) -> list[str]:
    """Party short names as typed (`ap mdg sp krf`, commas or spaces); the word `everyone`
    (the console's «alle») is every party except `all_but` (a remark's own party)."""
    by_fold = {fold(short): short for short in registry.parties}
    words = [w for w in re.split(r"[\s,]+", typed.strip()) if w]
    if everyone and [fold(w) for w in words] == [everyone]:
        return [p for p in registry.parties if p != all_but]
    parties = []
    for word in words:
        short = by_fold.get(fold(word))
        if short is not None:
            parties.append(short)
            continue
        # Typed without spaces (`apmdgspkrf`), as a tally may be: taken when the letters
        # split into party names one way only.
        ways = _splits(fold(word), by_fold)
        if not ways:
            raise NotFound(f"Ukjent parti «{word}»; partiene er {', '.join(registry.parties)}.")
        if len(ways) > 1:
            readings = " eller ".join(" ".join(way) for way in ways)
            raise RuleViolation(f"«{word}» kan leses som {readings}; skill partiene med "
                                "mellomrom.", rule="party")
        parties += ways[0]
    return parties


def _splits(letters: str, by_fold: dict[str, str]) -> list[list[str]]:
    """Every way to read `letters` as party names one after the other."""
    if not letters:
        return [[]]
    return [[short, *rest] for key, short in by_fold.items() if letters.startswith(key)
            for rest in _splits(letters[len(key):], by_fold)]


def tally_text(registry: Registry, typed: str) -> str:
    """A tally as typed (`1ap 5mdg`, `1ap5mdg`, `3V, 2KrF`) in the protocol's notation."""
    entries = re.findall(r"(\d+)\s*([^\d\s,]+)", typed)
    rest = re.sub(r"(\d+)\s*([^\d\s,]+)", "", typed).strip(" ,")
    if rest or not entries:
        raise RuleViolation(f"Kan ikke lese stemmetallet «{typed}»; skriv for eksempel «3v 2krf»"
                            " eller «e» for enstemmig.", rule="tally")
    parties = resolve_parties(registry, " ".join(party for _, party in entries))
    return ", ".join(f"{n}{p}" for (n, _), p in zip(entries, parties, strict=True))


def plan_votes(item: Item) -> list[Planned]:
    """The votes the item's proposals call for, in the default order: an utsettelsesforslag
    first, then the recommendation (without the paragraphs a proposal challenges), each
    challenge as an alternative vote, then the other proposals in the order made."""
    live = [p for p in item.proposals.values() if p.status != "withdrawn" and p.kind != "merknad"]
    challenged = sorted({n for p in live if p.effect.kind in CHALLENGES and p.kind not in (
        "utsettelsesforslag", "alternativt forslag") for n in p.effect.numbers})
    first = [_on(p) for p in live if p.kind == "utsettelsesforslag"]
    rec = {"on": RECOMMENDATION, **({"except": challenged} if challenged else {})}
    plan = [*first, Planned(RECOMMENDATION, rec, "")]
    for p in live:
        if p.kind == "alternativt forslag":
            plan.append(Planned(f"between:{p.id}", {"between": [RECOMMENDATION, p.id]}, p.id))
        elif p.effect.kind in CHALLENGES and p.kind != "utsettelsesforslag":
            plan.append(Planned(f"between:{p.id}", {"between": [RECOMMENDATION, p.id],
                                                    "parts": list(p.effect.numbers)}, p.id))
    plan += [_on(p) for p in live if p.kind != "utsettelsesforslag" and p.kind !=
             "alternativt forslag" and p.effect.kind not in CHALLENGES]
    return [_mark_held(p, item.votes) for p in plan]


def _on(proposal: Proposal) -> Planned:
    return Planned(f"on:{proposal.id}", {"on": proposal.id}, proposal.id)


def _mark_held(planned: Planned, votes: list[VoteHeld]) -> Planned:
    for vote in votes:
        if planned.key == RECOMMENDATION and vote.on == RECOMMENDATION:
            break
        if planned.subject and (vote.on == planned.subject or planned.subject in (
                vote.between or [])):
            break
    else:
        return planned
    return Planned(planned.key, planned.step, planned.subject, held=True)


def ordered(plan: list[Planned], order: list[str]) -> list[Planned]:
    """The plan in the secretary's order (keys not in `order` keep their place after)."""
    rank = {key: i for i, key in enumerate(order)}
    return sorted(plan, key=lambda p: (not p.held, rank.get(p.key, len(order)),
                                       plan.index(p)))


def moved(store: EventStore, board: Desk, key: str, step: int) -> list[str]:
    """The voting order with the vote `key` moved one place up (-1) or down (+1), checked as
    the engine checks a vote: the vote that would come first is dry-run (nothing stored), so
    a pending utsettelsesforslag stays first with the engine's own message. The order can
    change only before voting starts."""
    if board.item.votes:
        raise RuleViolation("Voteringen er begynt; rekkefølgen kan ikke endres lenger.",
                            rule="order")
    keys = [p.key for p in board.plan]
    if key not in keys:
        raise NotFound(f"Ingen votering «{key}» i voteringsrekkefølgen.")
    at = keys.index(key)
    to = max(0, min(len(keys) - 1, at + step))
    keys[at], keys[to] = keys[to], keys[at]
    first = next(p for p in board.plan if p.key == keys[0])
    dry_run(store, "vote", vote_step(board, first, "", "", unanimous=True), board.item.meeting,
            board.case.arkivsak)
    return keys


def keep_order(store: EventStore, actor: str, meeting: str, arkivsak: str,
               order: list[str]) -> None:
    """Store the voting order (`moved` checked it), so that the console of every desk and the
    room screen plan the same next vote."""
    from engine.commands.meetings import set_voting_order

    with unit_of_work(store, actor) as session:
        case, item = session.target(meeting, arkivsak)
        set_voting_order(session.ws, case, item, order)


def desk(store: EventStore, meeting: str, arkivsak: str, order: list[str] | None = None) -> Desk:
    from engine.commands.lookup import present_counts

    session = LiveSession(store)
    found = session.meeting(meeting)
    case = session.ws.case(arkivsak)
    item = case.item(found.key)
    if item is None:
        raise NotFound(f"Sak {arkivsak} er ikke tatt opp i «{found.key}».")
    return Desk(case, item, preview(session.ws.registry, item), session.ws.registry,
                present_counts(session.ws.registry, item),
                ordered(plan_votes(item), order or item.voting_order), found.approved is not None)


def vote_step(board: Desk, planned: Planned, typed: str, side: str,
              unanimous: bool = False) -> dict[str, Any]:
    """The vote as the scenario format writes it: unanimous, or the typed tally is the smaller
    side (against, or `for`); in an alternative vote, the votes for the side typed (by
    default the challenger), the winner being the side with more votes."""
    step = dict(planned.step)
    if unanimous:
        if "between" in step:
            step["winner"] = step["between"][0]
        return {**step, "unanimous": True}
    tally = tally_text(board.registry, typed)
    if "between" not in step:
        return {**step, ("for" if side == "for" else "against"): tally}
    typed_side = step["between"][0] if side == RECOMMENDATION else step["between"][1]
    other = next(s for s in step["between"] if s != typed_side)
    counted = sum(int(n) for n in re.findall(r"\d+", tally))
    total = board.present_total
    if total is not None and counted > total - counted:
        return {**step, "winner": typed_side, "for": tally}
    return {**step, "winner": other, "against": tally}


def dry_run(store: EventStore, kind: str, values: dict[str, Any], meeting: str,
            arkivsak: str) -> tuple[Case, Item, Item]:
    """The step through the engine's rules on a copy of the state: the item after it, and as
    it would close then. Nothing is stored; a refused step raises the engine's error."""
    from engine.commands import deciders as cmd

    session = LiveSession(store)
    case, item = session.target(meeting, arkivsak)
    cmd.apply_step(session.ws, case, item, build_step(kind, values))
    return case, item, preview(session.ws.registry, item)


def deferred(store: EventStore) -> list[dict[str, str]]:
    """Cases postponed to a meeting that is not set up yet: the meeting page offers to set it
    up with the case on its sakskart (body, date, arkivsak, sak)."""
    from engine.app.session import meeting_keys

    session = LiveSession(store)
    existing = set(meeting_keys(store))
    found = []
    for stream in store.streams("sak:"):
        case = session.ws.find_case(stream.removeprefix("sak:"))
        last = case.items[-1] if case and case.items else None
        if (case is None or last is None or last.outcome is None
                or last.outcome.kind != "postponed" or not last.outcome.postponed_to):
            continue
        key = f"{last.body} {last.outcome.postponed_to}"
        if key not in existing:
            found.append({"meeting": key, "body": last.body, "date": last.outcome.postponed_to,
                          "arkivsak": case.arkivsak, "sak": last.sak, "title": case.title})
    return found


def open_desk(store: EventStore, meeting: str) -> Desk | None:
    """The desk of the meeting's open item (the one last opened, closed or not), or None."""
    from engine.app.open_items import open_item_of

    session = LiveSession(store)
    found = session.meeting(meeting)
    arkivsak = open_item_of(found, session.ws.registry)
    return desk(store, found.key, arkivsak) if arkivsak else None
