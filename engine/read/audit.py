"""The audit: where each paragraph of a decision comes from, and every vote it went through.

Pure functions over a `Case` and the `Registry`. The audit follows paragraph ids, not positions:
a paragraph keeps its id from birth (in the administration's recommendation, or in a proposal)
through every body, so the recommendation a body takes up is the previous body's decision with
the same ids. The text's path through one item is replayed vote by vote with the same rules as
`engine.domain.deliberation.close`, so a paragraph changed twice in one meeting shows both changes.
"""

from __future__ import annotations

import difflib
from typing import Any

from engine.domain import text as tx
from engine.domain.deliberation import apply_effect, changes_text
from engine.domain.state import Case, Item, Proposal, Registry
from engine.read.audit_core import (  # noqa: F401 (re-exported: the audit's names)
    DECIDING,
    TEXT_EFFECTS,
    Change,
    Touch,
    _touches,
    against_of,
    decided_items,
    final_item,
    items_until,
    person,
    proposal_index,
    proposal_ref,
    starting_text,
    subjects,
    target_item,
    vote_record,
    walk,
    winner_of,
)
from engine.read.codes import Administration, ProposalStatus
from engine.read.views import item_outcome

LIKELY_MATCH = 0.5
"""How alike (difflib ratio) a lapsed proposal's text must be to be offered as an earlier
version when no `revises` links it."""

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
    # Indexed once, so each paragraph costs its own entries, not a scan of every proposal,
    # change and vote of the case (blame stays linear in the case's events).
    born: dict[str, tuple[Item, Proposal]] = {}
    for item, proposal in index.values():
        if proposal.effect.kind in TEXT_EFFECTS:
            for p in proposal.effect.paragraphs:
                born.setdefault(p.id, (item, proposal))
    claimed = {p.revises for _, p in index.values() if p.revises}
    changes_of: dict[str, list[Change]] = {}
    for change in changes:
        changes_of.setdefault(change.pid, []).append(change)
    touches_of: dict[str, list[Touch]] = {}
    for touch in touches:
        touches_of.setdefault(touch.pid, []).append(touch)
    out = []
    for number, paragraph in enumerate(target.outcome.text, 1):
        origin, born_in = _origin(case, registry, paragraph.id, original, born, items)
        versions = _predecessors(registry, paragraph.id, born_in, index, items, claimed)
        versions += _rewordings(registry, paragraph.id, origin,
                                changes_of.get(paragraph.id, []), index)
        _add_diffs(versions, paragraph.text)
        votes = [_vote_entry(t, registry, index) for t in touches_of.get(paragraph.id, [])]
        out.append({"number": number, "id": paragraph.id, "text": paragraph.text,
                    "origin": origin, "versions": versions, "votes": votes})
    return out


def _origin(case: Case, registry: Registry, pid: str, original: set[str],
            born: dict[str, tuple[Item, Proposal]], items: list[Item],
            ) -> tuple[dict[str, Any], Proposal | None]:
    """Where the paragraph came from; `born`: each paragraph id's first proposal (and its
    item) that wrote it."""
    if pid in original:
        return {"kind": "recommendation", "by": case.prepared_by,
                "body": case.prepared_by or Administration(), "date": case.prepared_date}, None
    for event in getattr(case, "resubmissions", []):
        # A new saksframlegg after the case was sent back: its own paragraphs, its own date.
        if any(p.id == pid for p in event.recommendation):
            by = event.prepared_by or case.prepared_by
            return {"kind": "recommendation", "by": by, "body": by or Administration(),
                    "date": event.date, "round": event.round}, None
    if pid in born:
        item, proposal = born[pid]
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
                       items: list[Item], claimed: set[str] | None = None) -> Proposal | None:
    """A lapsed proposal by the same proposer, earlier in the case, that no proposal takes up
    by `revises` (`claimed`, when the caller has them), and whose words are most alike (at
    least LIKELY_MATCH)."""
    if claimed is None:
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
                  items: list[Item], claimed: set[str]) -> list[dict[str, Any]]:
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
            found = likely_predecessor(current, text, index, items, claimed)
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
    for change in changes:  # this paragraph's
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
