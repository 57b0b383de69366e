"""The audit: where each paragraph of a decision comes from, and every vote it went through.

Pure functions over a `Case` and the `Registry`. The audit follows paragraph ids, not positions:
a paragraph keeps its id from birth (in the administration's recommendation, or in a proposal)
through every body, so the recommendation a body takes up is the previous body's decision with
the same ids. The text's path through one item is replayed vote by vote with the same rules as
`engine.domain.deliberation.close`, so a paragraph changed twice in one meeting shows both changes.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from engine.domain import text as tx
from engine.domain.deliberation import RECOMMENDATION, apply_effect, changes_text
from engine.domain.errors import NotFound
from engine.domain.events import VoteHeld
from engine.domain.state import Case, Item, Proposal, Registry
from engine.domain.voting import format_tally, total
from engine.read.codes import Administration, ProposalStatus
from engine.read.views import find_item, item_outcome

LIKELY_MATCH = 0.5
"""How alike (difflib ratio) a lapsed proposal's text must be to be offered as an earlier
version when no `revises` links it."""
TEXT_EFFECTS = ("add", "text")
DECIDING = ("decided", "noted")
"""Outcomes that decide a text (not a postponement, nor a case sent back or referred)."""


# --- finding things ---------------------------------------------------------------------------

def final_item(case: Case) -> Item | None:
    """The meeting that made the case's decision."""
    return next((i for i in reversed(case.items) if i.outcome is not None
                 and i.produces in ("decision", "debate") and i.outcome.kind in DECIDING), None)


def target_item(case: Case, meeting: str | None) -> Item:
    """The item whose decision is audited: the given meeting's, else the final decision's."""
    if meeting is not None:
        item = find_item(case, meeting)
        if item.outcome is None:
            raise NotFound(f"Behandlingen i «{item.meeting}» er ikke avsluttet ennå.")
        return item
    item = final_item(case)
    if item is None:
        raise NotFound(f"Sak {case.arkivsak} har ikke noe vedtak ennå: bruk --meeting "
                       "for det et møte vedtok.")
    return item


def items_until(case: Case, last: Item) -> list[Item]:
    index = next(i for i, item in enumerate(case.items) if item is last)
    return case.items[: index + 1]


def proposal_index(case: Case) -> dict[str, tuple[Item, Proposal]]:
    return {pid: (item, proposal) for item in case.items
            for pid, proposal in item.proposals.items()}


def person(registry: Registry, name: str) -> dict[str, Any]:
    return {"by": name, "party": registry.party_of(name),
            "affiliation": registry.people.get(name)}


def proposal_ref(registry: Registry, item: Item, proposal: Proposal) -> dict[str, Any]:
    """Who proposed what, where: the shape of a proposal origin."""
    return {"kind": "proposal", "proposal_id": proposal.id, "proposal_kind": proposal.kind,
            **person(registry, proposal.by), "on_behalf_of": list(proposal.on_behalf_of),
            "body": item.body, "date": item.date, "meeting": item.meeting, "sak": item.sak}


def against_of(vote: VoteHeld) -> str | int | None:
    """The votes against in the protocol's notation ("1Ap, 5MDG"), else the number, else None
    (a unanimous vote). For an alternative vote: the votes for the side that lost."""
    if vote.unanimous:
        return None
    if vote.votes_against:
        tally = tuple((party, n) for party, n in vote.votes_against)
        return format_tally(tally) or total(tally)
    return vote.n_against


def subjects(vote: VoteHeld) -> list[str]:
    return list(vote.between) if vote.between else [vote.on or ""]


def winner_of(vote: VoteHeld) -> str | None:
    if vote.between:
        return vote.winner
    return vote.on if vote.result == "vedtatt" else None


def vote_record(vote: VoteHeld, item: Item, number: int) -> dict[str, Any]:
    return {"body": item.body, "date": item.date, "meeting": item.meeting, "sak": item.sak,
            "vote": number, "on": vote.on, "between": list(vote.between or []) or None,
            "winner": vote.winner, "parts": list(vote.parts),
            "except_parts": list(vote.except_parts), "result": vote.result,
            "against": against_of(vote), "n_for": vote.n_for, "n_against": vote.n_against,
            "unanimous": vote.unanimous, "casting_vote": vote.casting_vote}


# --- the text's path through the items -----------------------------------------------------

@dataclass(frozen=True)
class Change:
    """One adopted proposal that changed the wording of a paragraph."""

    pid: str
    old: str
    new: str
    item: Item
    proposal: Proposal
    vote: int


@dataclass(frozen=True)
class Touch:
    """A vote that concerned a paragraph, and how (`role`)."""

    pid: str
    item: Item
    vote: VoteHeld
    number: int
    role: str
    """covered (a vote on the recommendation), adopted (it was born in the adopted proposal),
    changed (an adopted replace or amend), challenged (a strike, a replacement, an amendment or
    a competing alternative that did not win)."""
    challenger: str | None = None


def decided_items(items: list[Item]) -> Iterator[Item]:
    for item in items:
        if item.outcome is not None and item.outcome.kind == "decided":
            yield item


def starting_text(item: Item) -> tx.Text:
    """What the item's decision was built from: the recommendation, or nothing for a statement
    (unless the workflow builds statements on the recommendation: then its ids show)."""
    assert item.outcome is not None
    kept = set(tx.ids(item.base)) & set(tx.ids(item.outcome.text))
    return item.base if not item.starts_empty or kept else ()


def walk(items: list[Item]) -> tuple[list[Change], list[Touch]]:
    """Replay each decided item's votes over its text: the changes and the votes per paragraph.
    """
    changes: list[Change] = []
    touches: list[Touch] = []
    for item in decided_items(items):
        current = starting_text(item)
        for number, vote in enumerate(item.votes, 1):
            before = {p.id: p.text for p in current}
            touches.extend(_touches(item, vote, number, before))
            if vote.on == RECOMMENDATION:
                if vote.result == "falt":
                    current = tx.strike(current, vote.part_ids or [p.id for p in item.base])
                continue
            proposal = item.proposals.get(winner_of(vote) or "")
            if proposal is None or not changes_text(proposal):
                continue
            current = apply_effect(current, proposal.effect)
            for p in current:
                if p.id in before and before[p.id] != p.text:
                    changes.append(Change(p.id, before[p.id], p.text, item, proposal, number))
    return changes, touches


def _touches(item: Item, vote: VoteHeld, number: int,
             before: dict[str, str]) -> Iterator[Touch]:
    winner = winner_of(vote)
    seen: set[str] = set()

    def touch(pid: str, role: str, challenger: str | None = None) -> Touch | None:
        if pid in seen:
            return None
        seen.add(pid)
        return Touch(pid, item, vote, number, role, challenger)

    found: list[Touch | None] = []
    others = [s for s in subjects(vote) if s != RECOMMENDATION]
    # The winner first: where two proposals competed for one paragraph, the winning change
    # is what happened to it, not the loser's challenge.
    for side in sorted(subjects(vote), key=lambda s: s != winner):
        proposal = item.proposals.get(side)
        if proposal is None or not changes_text(proposal):
            continue
        effect = proposal.effect
        won = side == winner
        if won and effect.kind in TEXT_EFFECTS:
            found.extend(touch(p.id, "adopted") for p in effect.paragraphs)
        if effect.kind in ("replace", "amend", "strike"):
            for pid in effect.targets:
                if pid in before:
                    role = "changed" if won and effect.kind != "strike" else "challenged"
                    found.append(touch(pid, role, None if won else side))
        elif effect.kind == "text" and not won and not item.starts_empty:
            # A competing whole text that lost: every paragraph on the table survived it.
            found.extend(touch(pid, "challenged", side) for pid in before)
    if RECOMMENDATION in subjects(vote):
        for pid in vote.part_ids:
            if pid not in before:
                continue
            if vote.between and winner == RECOMMENDATION:
                found.append(touch(pid, "challenged", others[0] if others else None))
            elif not vote.between:
                found.append(touch(pid, "covered"))
            # An alternative the recommendation lost is not a vote the paragraph passed
            # (it stays only because the winner added to the text, or changed it: above).
    yield from (t for t in found if t is not None)


# --- blame ----------------------------------------------------------------------------------

def blame(case: Case, registry: Registry, meeting: str | None = None) -> list[dict[str, Any]]:
    """Each paragraph of the decision (or of what `meeting` decided): its origin, its earlier
    versions with the word differences between them, and the votes it went through."""
    target = target_item(case, meeting)
    assert target.outcome is not None
    items = items_until(case, target)
    index = {pid: pair for pid, pair in proposal_index(case).items()
             if any(pair[0] is i for i in items)}
    changes, touches = walk(items)
    original = {p.id for p in case.original}
    out = []
    for number, paragraph in enumerate(target.outcome.text, 1):
        origin, born_in = _origin(case, registry, paragraph.id, original, index, items)
        versions = _predecessors(registry, paragraph.id, born_in, index, items)
        versions += _rewordings(registry, paragraph.id, origin, changes, index)
        _add_diffs(versions, paragraph.text)
        votes = [_vote_entry(t, registry, index) for t in touches if t.pid == paragraph.id]
        out.append({"number": number, "id": paragraph.id, "text": paragraph.text,
                    "origin": origin, "versions": versions, "votes": votes})
    return out


def _origin(case: Case, registry: Registry, pid: str, original: set[str],
            index: dict[str, tuple[Item, Proposal]], items: list[Item],
            ) -> tuple[dict[str, Any], Proposal | None]:
    if pid in original:
        return {"kind": "recommendation", "by": case.prepared_by,
                "body": case.prepared_by or Administration(), "date": case.prepared_date}, None
    for event in getattr(case, "resubmissions", []):
        # A new saksframlegg after the case was sent back: its own paragraphs, its own date.
        if any(p.id == pid for p in event.recommendation):
            by = event.prepared_by or case.prepared_by
            return {"kind": "recommendation", "by": by, "body": by or Administration(),
                    "date": event.date, "round": event.round}, None
    for item, proposal in index.values():
        if proposal.effect.kind in TEXT_EFFECTS and any(
                p.id == pid for p in proposal.effect.paragraphs):
            return proposal_ref(registry, item, proposal), proposal
    for item in items:
        if item.taken_note and any(p.id == pid for p in item.taken_note):
            return {"kind": "decision", "body": item.body, "date": item.date,
                    "meeting": item.meeting, "sak": item.sak}, None
    return {"kind": "unknown", "body": None, "date": None}, None


def _paragraph_of(proposal: Proposal, pid: str, like: str) -> str | None:
    """The paragraph of an earlier proposal that corresponds to `pid`: the same number, else
    the most alike."""
    texts = [p.text for p in proposal.effect.paragraphs]
    if not texts:
        return None
    number = pid.rsplit("#", 1)[-1]
    if number.isdigit() and 1 <= int(number) <= len(texts) and len(texts) == len(
            proposal.effect.paragraphs):
        return texts[int(number) - 1]
    return max(texts, key=lambda t: similarity(t, like))


def similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(a=a.split(), b=b.split(), autojunk=False).ratio()


def likely_predecessor(proposal: Proposal, text: str,
                       index: dict[str, tuple[Item, Proposal]],
                       items: list[Item]) -> Proposal | None:
    """A lapsed proposal by the same proposer, earlier in the case, that no proposal takes up
    by `revises`, and whose words are most alike (at least LIKELY_MATCH)."""
    claimed = {p.revises for _, p in index.values() if p.revises}
    own_item = index[proposal.id][0]
    earlier = items[: next(i for i, it in enumerate(items) if it is own_item)]
    best: tuple[float, Proposal] | None = None
    for item in earlier:
        for candidate in item.proposals.values():
            if candidate.by != proposal.by or candidate.status != "lapsed" or \
                    candidate.id in claimed or not changes_text(candidate):
                continue
            words = _paragraph_of(candidate, "", text)
            score = similarity(words, text) if words else 0.0
            if score >= LIKELY_MATCH and (best is None or score > best[0]):
                best = (score, candidate)
    return best[1] if best else None


def _predecessors(registry: Registry, pid: str, born_in: Proposal | None,
                  index: dict[str, tuple[Item, Proposal]],
                  items: list[Item]) -> list[dict[str, Any]]:
    """Earlier proposals this paragraph's proposal takes up again (`revises`), or a likely
    one; oldest first."""
    if born_in is None:
        return []
    chain: list[dict[str, Any]] = []
    current = born_in
    text = next(p.text for p in born_in.effect.paragraphs if p.id == pid)
    seen = {born_in.id}
    while True:
        likely = False
        if current.revises and current.revises in index:
            item, earlier = index[current.revises]
        else:
            found = likely_predecessor(current, text, index, items)
            if found is None:
                break
            item, earlier = index[found.id]
            likely = True
        if earlier.id in seen:
            break
        seen.add(earlier.id)
        words = _paragraph_of(earlier, pid, text) or ""
        entry = {"text": words, **proposal_ref(registry, item, earlier),
                 "outcome": ProposalStatus(earlier.status),
                 "item_outcome": item_outcome(item),
                 "voted": item.voted_on(earlier.id),
                 "votes": [vote_record(v, item, n) for n, v in enumerate(item.votes, 1)
                           if earlier.id in subjects(v)]}
        entry.pop("kind")
        if likely:
            entry["likely"] = True
        chain.append(entry)
        current, text = earlier, words
    return list(reversed(chain))


def _rewordings(registry: Registry, pid: str, origin: dict[str, Any],
                changes: list[Change],
                index: dict[str, tuple[Item, Proposal]]) -> list[dict[str, Any]]:
    """The texts a replace or amend changed, each with who wrote it and who changed it; and
    the earlier proposals the changing one takes up again (`revises`)."""
    versions: list[dict[str, Any]] = []
    author = {k: origin.get(k) for k in ("body", "date", "proposal_id", "by", "party")}
    for change in (c for c in changes if c.pid == pid):
        by = proposal_ref(registry, change.item, change.proposal)
        versions.append({"text": change.old, **{k: v for k, v in author.items()
                                                if v is not None or k in ("body", "date")},
                         "outcome": ProposalStatus("changed"),
                         "changed_by": {k: by[k] for k in ("proposal_id", "proposal_kind", "by",
                                                           "party", "body", "date")}})
        versions += _revised_rewordings(registry, pid, change, index)
        author = {"body": by["body"], "date": by["date"], "proposal_id": by["proposal_id"],
                  "by": by["by"], "party": by["party"]}
    return versions


def _revised_rewordings(registry: Registry, pid: str, change: Change,
                        index: dict[str, tuple[Item, Proposal]]) -> list[dict[str, Any]]:
    """A replace or amend that revises earlier ones (lapsed at a postponement): their
    wordings of the same paragraph, oldest first."""
    chain: list[dict[str, Any]] = []
    current, seen = change.proposal, {change.proposal.id}
    while current.revises in index and current.revises not in seen:
        item, earlier = index[current.revises]
        seen.add(earlier.id)
        if earlier.effect.kind not in ("replace", "amend") or earlier.effect.targets[:1] != [pid]:
            break
        words = apply_effect((tx.Paragraph(pid, change.old),), earlier.effect)[0].text
        if words == change.old:  # an amendment whose words are not there: no other wording
            break
        entry = {"text": words, **proposal_ref(registry, item, earlier),
                 "outcome": ProposalStatus(earlier.status)}
        entry.pop("kind")
        chain.append(entry)
        current = earlier
    return list(reversed(chain))


def _add_diffs(versions: list[dict[str, Any]], current: str) -> None:
    """Each version gets the word differences to the text that followed it."""
    afters = [v["text"] for v in versions[1:]] + [current]
    for version, after in zip(versions, afters[: len(versions)], strict=True):
        version["diff"] = [[op, words] for op, words in tx.word_diff(version["text"], after)]


def _vote_entry(t: Touch, registry: Registry,
                index: dict[str, tuple[Item, Proposal]]) -> dict[str, Any]:
    entry = vote_record(t.vote, t.item, t.number)
    entry["role"] = t.role
    if t.challenger and t.challenger in index:
        item, proposal = index[t.challenger]
        entry["challenge"] = {k: v for k, v in proposal_ref(registry, item, proposal).items()
                              if k in ("proposal_id", "proposal_kind", "by", "party")}
    return entry
