"""The decider of a vote: on a proposal, on several proposals together, on the
recommendation (whole or in parts), an alternative vote between two or more sides, and a
named vote (navnevotering) whose party tallies follow from who voted how."""

from __future__ import annotations

from engine.commands.lookup import present_counts, present_people
from engine.commands.workspace import Workspace
from engine.domain import events as ev
from engine.domain import steps as st
from engine.domain import voting
from engine.domain.deliberation import RECOMMENDATION
from engine.domain.errors import NotFound, RuleViolation
from engine.domain.lifecycle import load_workflow
from engine.domain.procedure import alternative_counts, count_vote
from engine.domain.state import Case, Item, Registry
from engine.domain.text import id_at


def _no_paragraph(item: Item, number: int, key: str) -> RuleViolation:
    return RuleViolation(f"{key}: innstillingen har ikke avsnitt {number} (den har "
                         f"{len(item.base)}).", rule="paragraph")


def decide_vote(ws: Workspace, case: Case, item: Item, step: st.Vote) -> ev.Event:
    sides = list(step.between) if step.between else [step.on, *step.together]
    for side in sides:
        _check_subject(item, side)  # type: ignore[arg-type]
    if RECOMMENDATION in sides and not item.base:
        raise RuleViolation("Saken har ingen innstilling å votere over: den ble lagt fram uten "
                            "innstilling.", rule="no-recommendation")
    rules = load_workflow(case.workflow).rules
    pending = [p for p in item.proposals.values() if p.kind == "utsettelsesforslag"
               and p.status == "proposed" and not item.voted_on(p.id)]
    if rules.postponement_first and pending and not set(sides) & {p.id for p in pending}:
        raise RuleViolation(
            f"Utsettelsesforslaget «{pending[0].id}» må voteres over først.",
            rule="postponement-first")
    numbers = step.parts or step.except_
    for n in numbers:
        if id_at(item.base, n) is None:
            raise _no_paragraph(item, n, "parts" if step.parts else "except")
    part_ids: list[str] = []
    if RECOMMENDATION in sides:
        if step.parts:
            part_ids = [id_at(item.base, n) for n in step.parts]  # type: ignore[misc]
        else:
            excluded = {id_at(item.base, n) for n in step.except_}
            part_ids = [p.id for p in item.base if p.id not in excluded]
    elif numbers:
        raise RuleViolation("parts og except hører til en votering over innstillingen.")
    present = present_counts(ws.registry, item)
    votes_for = voting.parse_tally(step.for_)
    votes_against = voting.parse_tally(step.against)
    named: tuple[list[str], list[str]] | None = None
    if step.named is not None:
        named, votes_for, votes_against = _named(ws.registry, item, step, votes_for,
                                                  votes_against)
    _check_tallies(ws.registry, item, present, [votes_for, votes_against])
    present_total = sum(present.values()) if present is not None else None
    if step.between and (len(step.between) > 2 or step.votes is not None):
        return _several_sides(ws.registry, item, step, present, part_ids)
    extra = {"named_for": named[0], "named_against": named[1]} if named else {}
    if step.between:
        if step.result == "falt":
            raise RuleViolation("I en alternativ votering vinner ett alternativ: bruk winner, "
                                "ikke result: falt.", rule="alternative")
        n_win, n_lose = alternative_counts(votes_for, votes_against, step.unanimous,
                                            present_total)
        if n_win is not None and n_lose is not None and n_lose > n_win:
            raise RuleViolation(
                f"«{step.winner}» kan ikke vinne med {n_win} mot {n_lose} stemmer.",
                rule="result-contradicts")
        _check_one_winner(item, step.winner, part_ids)
        return ev.VoteHeld(
            meeting=item.meeting, between=sides, winner=step.winner, parts=list(step.parts),
            part_ids=part_ids, votes_for=list(votes_for) if votes_for else None,
            votes_against=list(votes_against) if votes_against else None,
            unanimous=step.unanimous, result="vedtatt", stated_result=step.result,
            casting_vote=n_win is not None and n_win == n_lose, n_for=n_win, n_against=n_lose,
            **extra)
    counted = count_vote(rules, votes_for=votes_for, votes_against=votes_against,
                         unanimous=step.unanimous, stated=step.result,
                         present_total=present_total)
    if counted.result == "vedtatt":
        for subject in sides:
            _check_one_winner(item, subject, part_ids)
    return ev.VoteHeld(
        meeting=item.meeting, on=step.on, also=list(step.together), parts=list(step.parts),
        except_parts=list(step.except_), part_ids=part_ids,
        votes_for=list(votes_for) if votes_for else None,
        votes_against=list(votes_against) if votes_against else None,
        unanimous=step.unanimous, result=counted.result,  # type: ignore[arg-type]
        stated_result=step.result, casting_vote=counted.casting_vote,
        n_for=counted.votes_for, n_against=counted.votes_against, **extra)


def _check_tallies(registry: Registry, item: Item, present: dict[str, int] | None,
                   tallies: list[voting.Tally | None]) -> None:
    """Known parties, and no party with more votes (over all sides) than members present."""
    try:
        for tally in tallies:
            voting.check_tally(tally, registry.parties, present)
        if present is not None and sum(1 for t in tallies if t) > 1:
            for party, n in present.items():
                given = sum(dict(t).get(party, 0) for t in tallies if t)
                if party and given > n:
                    raise RuleViolation(f"{given} stemmer fra {party}, men {party} har bare {n} "
                                        "medlemmer til stede.", rule="tally-exceeds-present")
    except RuleViolation as exc:
        # Say why a party has fewer members than seats: an inhabil member's vote never counts.
        left = [p for p in item.inhabil if f"fra {registry.party_of(p)}," in str(exc)]
        if exc.rule != "tally-exceeds-present" or not left:
            raise
        raise RuleViolation(f"{exc} Inhabil og fratrådt: {', '.join(left)}.",
                            rule=exc.rule) from None


def _named(registry: Registry, item: Item, step: st.Vote, given_for: voting.Tally | None,
           given_against: voting.Tally | None,
           ) -> tuple[tuple[list[str], list[str]], voting.Tally, voting.Tally]:
    """Who voted how, checked against the members present; the party tallies follow. A tally
    the step also gives must say the same."""
    assert step.named is not None
    people = present_people(registry, item)
    if people is None:
        raise RuleViolation(f"Navnevotering trenger medlemmene i {item.body} (members i "
                            "bodies).", rule="named-members")
    voters = [*step.named.for_, *step.named.against]
    for person in voters:
        if person not in registry.people:
            raise NotFound(f"Personen «{person}» finnes ikke.")
        if voters.count(person) > 1:
            raise RuleViolation(f"{registry.name_of(person)} står mer enn én gang i "
                                "navnevoteringen.", rule="named-twice")
        if person not in people:
            why = "inhabil" if person in item.inhabil else "ikke til stede som medlem"
            raise RuleViolation(f"{registry.name_of(person)} er {why} og kan ikke stemme.",
                                rule="named-present")
    silent = [p for p in people if p not in voters]
    if silent:
        # Kommuneloven § 11-9: every member present votes.
        raise RuleViolation(f"{registry.name_of(silent[0])} er til stede, men står ikke i "
                            "navnevoteringen (alle til stede skal stemme).",
                            rule="named-missing")
    tallies = (_tally(step.named.for_, people), _tally(step.named.against, people))
    for given, derived, side in ((given_for, tallies[0], "for"),
                                 (given_against, tallies[1], "against")):
        if given is not None and _as_counts(given) != _as_counts(derived):
            raise RuleViolation(
                f"Stemmetallet {side} «{voting.format_tally(given) or voting.total(given)}» "
                f"stemmer ikke med navnevoteringen "
                f"«{voting.format_tally(derived) or voting.total(derived)}».",
                rule="named-contradicts")
    return (list(step.named.for_), list(step.named.against)), tallies[0], tallies[1]


def _tally(voters: list[str], people: dict[str, str | None]) -> voting.Tally:
    """Votes per party list in the order the parties first appear ("" for no party)."""
    counts: dict[str, int] = {}
    for person in voters:
        party = people[person] or ""
        counts[party] = counts.get(party, 0) + 1
    return tuple(counts.items())


def _as_counts(tally: voting.Tally) -> dict[str, int]:
    counts: dict[str, int] = {}
    for party, n in tally:
        counts[party] = counts.get(party, 0) + n
    return {p: n for p, n in counts.items() if n}


def _several_sides(registry: Registry, item: Item, step: st.Vote,
                   present: dict[str, int] | None, part_ids: list[str]) -> ev.Event:
    """An alternative vote between the sides of `between`, each with its votes: the winner
    has the most. A side left out of `votes` (the winner only) has the rest of those present."""
    assert step.between is not None and step.winner is not None
    sides = list(step.between)
    present_total = sum(present.values()) if present is not None else None
    if step.unanimous:
        counts = {s: ((("", present_total),) if s == step.winner and present_total else ())
                  for s in sides}
    else:
        given = step.votes or {}
        counts = {s: voting.parse_tally(v) or () for s, v in given.items()}
        missing = [s for s in sides if s not in given]
        if missing and (missing != [step.winner] or present_total is None):
            raise RuleViolation(f"votes mangler stemmene for «{missing[0]}» (bare vinnerens "
                                "kan utelates, der medlemmene til stede er kjent).",
                                rule="alternative-votes")
        _check_tallies(registry, item, present, list(counts.values()))
        cast = sum(voting.total(t) for t in counts.values())
        if present_total is not None and cast > present_total:
            raise RuleViolation(f"{cast} stemmer avgitt, men bare {present_total} medlemmer er "
                                "til stede.", rule="tally-exceeds-present")
        if missing:
            counts[step.winner] = (("", present_total - cast),)  # type: ignore[operator]
    totals = {s: voting.total(counts[s]) for s in sides}
    beaten = [s for s in sides if s != step.winner and totals[s] >= totals[step.winner]]
    if beaten:
        raise RuleViolation(f"«{step.winner}» fikk {totals[step.winner]} stemmer og «{beaten[0]}» "
                            f"{totals[beaten[0]]}: vinneren må ha flest stemmer.",
                            rule="result-contradicts")
    _check_one_winner(item, step.winner, part_ids)
    winner = counts[step.winner]
    return ev.VoteHeld(
        meeting=item.meeting, between=sides, winner=step.winner, parts=list(step.parts),
        part_ids=part_ids, votes_for=list(winner) if winner and not step.unanimous else None,
        unanimous=step.unanimous, result="vedtatt",
        side_votes=[(s, list(counts[s])) for s in sides],
        n_for=totals[step.winner], n_against=sum(totals.values()) - totals[step.winner])


def _check_one_winner(item: Item, winner: str | None, part_ids: list[str]) -> None:
    """Two alternatives cannot both win: a second alternativt forslag adopted, or the
    recommendation adopted on paragraphs it already lost in an alternative vote."""
    proposal = item.proposals.get(winner or "")
    if proposal is not None and proposal.kind == "alternativt forslag":
        for other in item.proposals.values():
            if other.kind == "alternativt forslag" and other.status == "adopted":
                raise RuleViolation(f"«{winner}» og «{other.id}» er alternativer og kan ikke "
                                    "begge vinne.", rule="alternative")
    if winner == RECOMMENDATION:
        for vote in item.votes:
            if (vote.between and RECOMMENDATION in vote.between
                    and vote.winner != RECOMMENDATION and set(vote.part_ids) & set(part_ids)):
                raise RuleViolation(f"Innstillingen tapte alt mot «{vote.winner}»; to "
                                    "alternativer kan ikke begge vinne.", rule="alternative")


def _check_subject(item: Item, subject: str) -> None:
    if subject == RECOMMENDATION:
        return
    proposal = item.proposals.get(subject)
    if proposal is None:
        raise NotFound(f"Det finnes ikke noe forslag «{subject}» i denne behandlingen.")
    if proposal.status == "withdrawn":
        raise RuleViolation(f"Forslaget «{subject}» er trukket.", rule="withdrawn")
    if proposal.kind == "merknad":
        raise RuleViolation(f"«{subject}» er en merknad; det voteres ikke over merknader.",
                            rule="remark")
    if item.voted_on(subject):
        raise RuleViolation(f"Det er allerede votert over forslaget «{subject}».",
                            rule="voted")
