"""The read models' codes in words: where an item, a case and a proposal stand, a vote summed
up, a case's path on a diagram.

The engine returns codes and data (`engine.read.codes`); everything a user reads for them is
here, from the one catalogue in `documents.messages`. `worded(data)` turns a read model's
dict (case show, case list, meeting show, item status, history, blame) into the dict the
command line prints or dumps as JSON.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from documents.messages import say

if TYPE_CHECKING:
    from engine.domain.lifecycle import Workflow
    from engine.read.codes import CaseStatus, Outcome, ProposalStatus
    from engine.read.diagram import Headings, PathStep

OUTCOME_KEYS = {
    "open": "outcome_open", "not_started": "outcome_not_started", "noted": "outcome_noted",
    "debated": "outcome_debated", "statement": "outcome_statement",
    "recommendation": "outcome_recommendation", "decided": "outcome_decided",
}
PROPOSAL_KEYS = {
    "proposed": "proposal_proposed", "adopted": "proposal_adopted", "fell": "proposal_fell",
    "withdrawn": "proposal_withdrawn", "lapsed": "proposal_lapsed",
    "changed": "proposal_changed",
}
SIDE_KEYS = {"won": "side_won", "lost": "side_lost"}
PATH_KEYS = {"closed": "path_closed", "taken_up": "path_taken_up",
             "resubmitted": "path_resubmitted", "withdrawn": "path_withdrawn"}


def outcome_text(outcome: Outcome, lang: str = "nb", date: Callable[[str], str] = str) -> str:
    """"utsatt til 2019-08-29", "sendt tilbake til administrasjonen", "vedtatt", ...; `date`
    writes the date a postponement goes to (a page passes 29.08.2019's)."""
    code, to = outcome.code, outcome.to
    if code == "postponed":
        return (say("outcome_postponed_to", lang, to=date(to)) if to
                else say("outcome_postponed", lang))
    if code == "returned":
        where = say("the_administration", lang) if to == "administration" else to
        return say("outcome_returned", lang, to=where)
    if code == "referred":
        return say("outcome_referred", lang, to=to)
    return say(OUTCOME_KEYS[code], lang)


def case_status_text(status: CaseStatus, lang: str = "nb") -> str:
    """"avgjort", "til vedtak i Bystyret", or the workflow's label of the state."""
    if status.code == "decided":
        return say("case_decided", lang)
    if status.code == "at_stage":
        return say("case_at_stage", lang, role=status.label, body=status.body)
    return str(status.label)


def proposal_status_text(status: ProposalStatus, lang: str = "nb") -> str:
    if status.remark:
        return say("proposal_remark", lang)
    if status.live and status.code == "proposed":
        return say("proposal_open", lang)
    key = PROPOSAL_KEYS.get(status.code)
    return say(key, lang) if key else status.code


def vote_summary(vote: Any, lang: str = "nb") -> str:
    """A vote in one line: "A mot B: A vant (for: 3Ap, 2H; mot: 1FrP)"."""
    from engine.domain.voting import format_tally

    subject = (say("vote_between", lang, first=vote.between[0], second=vote.between[1])
               if vote.between else str(vote.on))
    if vote.parts:
        subject += say("vote_parts", lang, numbers=", ".join(map(str, vote.parts)))
    if vote.except_parts:
        subject += say("vote_except", lang, numbers=", ".join(map(str, vote.except_parts)))
    outcome = say("vote_winner", lang, winner=vote.winner) if vote.between else vote.result
    if vote.unanimous:
        detail = say("vote_unanimous", lang)
    else:
        sides = []
        if vote.votes_for:
            sides.append(say("vote_for", lang,
                             tally=format_tally(tuple(vote.votes_for)) or vote.n_for))
        if vote.votes_against:
            sides.append(say("vote_against", lang,
                             tally=format_tally(tuple(vote.votes_against)) or vote.n_against))
        detail = "; ".join(sides) or (say("vote_totals", lang, n_for=vote.n_for,
                                          n_against=vote.n_against)
                                      if vote.n_against is not None else "")
    return f"{subject}: {outcome}" + (f" ({detail})" if detail else "")


def word(value: Any, lang: str = "nb", date: Callable[[str], str] = str) -> Any:
    """One code in words; any other value unchanged."""
    from engine.read import codes

    match value:
        case codes.Outcome():
            return outcome_text(value, lang, date)
        case codes.CaseStatus():
            return case_status_text(value, lang)
        case codes.ProposalStatus():
            return proposal_status_text(value, lang)
        case codes.Side():
            return say(SIDE_KEYS[value.code], lang)
        case codes.Administration():
            return say("administration_author", lang)
        case codes.VoteSummary():
            return vote_summary(value.vote, lang)
    return value


def worded(data: Any, lang: str = "nb", date: Callable[[str], str] = str) -> Any:
    """A read model's dicts and lists with every code in words (keys and order kept); `date`
    as in `outcome_text` (the command line keeps ISO dates, the pages write 29.08.2019)."""
    if isinstance(data, dict):
        return {key: worded(value, lang, date) for key, value in data.items()}
    if isinstance(data, list):
        return [worded(value, lang, date) for value in data]
    return word(data, lang, date)


# --- diagrams ---------------------------------------------------------------------------------

def diagram_headings(workflow: Workflow, arkivsak: str | None = None,
                     lang: str = "nb") -> Headings:
    from engine.read.diagram import Headings

    title = workflow.definition.title or workflow.name
    heading = (say("diagram_title_case", lang, title=title, name=workflow.name,
                   arkivsak=arkivsak) if arkivsak
               else say("diagram_title", lang, title=title, name=workflow.name))
    return Headings(heading, say("diagram_case", lang), say("diagram_item", lang))


def worded_path(path: list[PathStep] | None, lang: str = "nb") -> list[PathStep] | None:
    """Each step of a case's path with the words on its arrow."""
    if path is None:
        return None
    out = []
    for step in path:
        fields: dict[str, Any] = {"date": step.date, "body": step.body}
        if step.outcome is not None:
            fields["outcome"] = outcome_text(step.outcome, lang)
        out.append(dataclasses.replace(step, label=say(PATH_KEYS[step.code], lang, **fields)))
    return out
