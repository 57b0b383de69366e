"""Corrections and per-item attendance: deciding them, and applying them to the derived state.

The log is append-only: a mistyped tally or proposal text is fixed by a correction event that
names the step and gives a reason. The derived state applies it (so documents show the
corrected text) and keeps it (so the record shows what was corrected, when and why).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from engine.commands.lookup import present_counts
from engine.domain import events as ev
from engine.domain import voting
from engine.domain.errors import NotFound, RuleViolation
from engine.domain.inputs import check_text
from engine.domain.lifecycle import load_workflow
from engine.domain.procedure import alternative_counts, count_vote
from engine.domain.text import as_paragraphs

if TYPE_CHECKING:
    from engine.commands.workspace import Workspace
    from engine.domain.state import Case, Item


# --- deciding ------------------------------------------------------------------------------

MIN_REASON_AFTER_APPROVAL = 10
"""Characters a correction of an approved protocol must give as its reason, at least."""


def _check_allowed(item: Item, reason: str, approved: bool, after_approval: bool) -> None:
    if not reason.strip():
        raise RuleViolation("En korrigering trenger en begrunnelse (--reason).",
                            rule="correction-reason")
    check_text(reason, "Begrunnelsen")
    if after_approval and len(reason.strip()) < MIN_REASON_AFTER_APPROVAL:
        raise RuleViolation(f"En rettelse av en godkjent protokoll trenger en begrunnelse på "
                            f"minst {MIN_REASON_AFTER_APPROVAL} tegn, ikke «{reason.strip()}».",
                            rule="correction-reason")
    if approved and not after_approval:
        raise RuleViolation(
            f"Protokollen for «{item.meeting}» er godkjent; en korrigering nå trenger "
            "--after-approval og en begrunnelse.", rule="approved")
    if after_approval and not approved:
        raise RuleViolation(f"Protokollen for «{item.meeting}» er ikke godkjent ennå; "
                            "korriger uten --after-approval.", rule="approved")


def correct_vote(ws: Workspace, case: Case, item: Item, number: int, *,
                 votes_for: str | None, votes_against: str | None, reason: str,
                 approved: bool = False, after_approval: bool = False) -> ev.CorrectionMade:
    """New tallies for vote `number` of the item; the result must stay as recorded."""
    _check_allowed(item, reason, approved, after_approval)
    if not 1 <= number <= len(item.votes):
        raise NotFound(f"Behandlingen i «{item.meeting}» har ikke votering {number} (den har "
                       f"{len(item.votes)}).")
    if votes_for is None and votes_against is None:
        raise RuleViolation("Korrigeringen av en votering trenger --for og/eller --against.")
    vote = item.votes[number - 1]
    tally_for = voting.parse_tally(votes_for)
    tally_against = voting.parse_tally(votes_against)
    present = present_counts(ws.registry, item)
    voting.check_tally(tally_for, ws.registry.parties, present)
    voting.check_tally(tally_against, ws.registry.parties, present)
    present_total = sum(present.values()) if present is not None else None
    if vote.between:
        n_for, n_against = alternative_counts(tally_for, tally_against, False, present_total)
        if n_for is not None and n_against is not None and n_against > n_for:
            raise RuleViolation(
                f"Med {n_for} mot {n_against} stemmer ville «{vote.winner}» ikke vinne; en "
                "korrigering kan ikke endre utfallet av voteringen.", rule="result-contradicts")
    else:
        # Counted by the majority the workflow asks for, as when the vote was held.
        counted = count_vote(load_workflow(case.workflow).rules, votes_for=tally_for,
                             votes_against=tally_against, unanimous=False,
                             stated=vote.stated_result, present_total=present_total)
        if counted.result != vote.result:
            raise RuleViolation(
                f"Med disse stemmetallene ville voteringen ha {counted.result} (registrert: "
                f"{vote.result}); en korrigering kan ikke endre utfallet.",
                rule="result-contradicts")
        n_for, n_against = counted.votes_for, counted.votes_against
    event = ev.CorrectionMade(
        meeting=item.meeting, target="vote", vote=number,
        votes_for=list(tally_for) if tally_for else None,
        votes_against=list(tally_against) if tally_against else None,
        n_for=n_for, n_against=n_against, reason=reason.strip(),
        after_approval=after_approval, date=_today())
    ws.emit_case(case, event)
    return event


def correct_proposal(ws: Workspace, case: Case, item: Item, proposal_id: str,
                     text: str | list[str], *, reason: str, approved: bool = False,
                     after_approval: bool = False) -> ev.CorrectionMade:
    """A proposal's words as they should have been logged (same number of paragraphs)."""
    _check_allowed(item, reason, approved, after_approval)
    proposal = item.proposals.get(proposal_id)
    if proposal is None:
        known = ", ".join(item.proposals) or "ingen"
        raise NotFound(f"Forslaget «{proposal_id}» finnes ikke i «{item.meeting}» (forslag: "
                       f"{known}).")
    old = proposal.effect.paragraphs
    if not old:
        raise RuleViolation(f"Forslaget «{proposal_id}» ({proposal.effect.kind}) har ingen "
                            "egen tekst å korrigere.", rule="correction-target")
    paragraphs = as_paragraphs(text)
    if len(paragraphs) != len(old) or not all(paragraphs):
        raise RuleViolation(f"Forslaget «{proposal_id}» har {len(old)} avsnitt; den korrigerte "
                            f"teksten har {len(paragraphs)}.", rule="correction-text")
    if item.closed and proposal.status == "adopted" and case.items[-1] is not item:
        raise RuleViolation(
            f"Forslaget «{proposal_id}» ble vedtatt, og saken er behandlet videre etter "
            f"«{item.meeting}»; teksten kan ikke korrigeres her.", rule="correction-later")
    event = ev.CorrectionMade(
        meeting=item.meeting, target="proposal", proposal=proposal_id,
        paragraphs=[ev.ParagraphData(id=p.id, text=t) for p, t in zip(old, paragraphs,
                                                                      strict=True)],
        reason=reason.strip(), after_approval=after_approval, date=_today())
    ws.emit_case(case, event)
    return event


def _today() -> str:
    """The correction's date, for the protocol's "Rettet etter godkjenning DATO"."""
    import datetime as dt

    return dt.date.today().isoformat()
