"""Outcomes beyond decided and postponed: a case sent back (to the administration or to an
earlier body), referred to another body, resubmitted with a new saksframlegg, or withdrawn by
the administration. The checks read the workflow; the events say what happened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from engine.commands.lookup import body_named, parse_date
from engine.domain import events as ev
from engine.domain import steps as st
from engine.domain.errors import InvalidTransition, RuleViolation
from engine.domain.lifecycle import load_workflow
from engine.domain.text import as_paragraphs

if TYPE_CHECKING:
    from engine.commands.workspace import Workspace
    from engine.domain.state import Case, Item

ADMINISTRATION = ("administration", "administrasjonen")


class Resubmit(BaseModel):
    """`resubmit:` in the scenario's meetings list: a new saksframlegg."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    case: st.Name
    date: st.Date
    recommendation: st.TextValue
    by: st.Name | None = None
    at: st.Name | None = None
    """The body on the route where the case resumes (default: the first that is not a
    hearing body)."""
    text: st.Words | None = None


class WithdrawCase(BaseModel):
    """`withdraw_case:` in the scenario's meetings list: the administration withdraws it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    case: st.Name
    date: st.Date
    text: st.Words
    by: st.Name | None = None


CASE_ENTRIES: dict[str, type[BaseModel]] = {"resubmit": Resubmit, "withdraw_case": WithdrawCase}


def _text(value: str, key: str) -> str:
    text = value.strip()
    if not text:
        raise RuleViolation(f"{key} trenger text: utvalgets vedtak eller begrunnelse.")
    return text


def _check(case: Case, trigger: str, what: str) -> None:
    workflow = load_workflow(case.workflow)
    if not workflow.may("case", case.state, trigger):
        raise InvalidTransition(
            f"Sak {case.arkivsak} er {workflow.label('case', case.state)}; den kan ikke "
            f"{what} nå (arbeidsflyten «{workflow.name}» har ingen «{trigger}» herfra).",
            state=case.state, trigger=trigger)


def send_back(ws: Workspace, case: Case, item: Item, step: st.SendBack) -> ev.Event:

    text = _text(step.text, "send_back")
    if step.to in ADMINISTRATION:
        _check(case, load_workflow(case.workflow).triggers.case.send_back,
               "sendes tilbake til administrasjonen")
        return ev.CaseSentBack(meeting=item.meeting, to="administration", text=text)
    body_named(ws.registry, step.to)
    earlier = [i for i, s in enumerate(case.route[:item.stage]) if s.body == step.to]
    if not earlier:
        raise RuleViolation(
            f"«{step.to}» er ikke et tidligere ledd på ruten til sak {case.arkivsak}: en sak "
            "sendes tilbake til administration eller til et utvalg den har vært i.",
            rule="send-back")
    stage = earlier[-1]
    _check(case, load_workflow(case.workflow).stage_trigger(case.route[stage].role),
           f"sendes tilbake til {step.to}")
    return ev.CaseSentBack(meeting=item.meeting, to=step.to, stage=stage, text=text)


def refer(ws: Workspace, case: Case, item: Item, step: st.Refer) -> ev.Event:

    body_named(ws.registry, step.to)
    if step.to == item.body:
        raise RuleViolation(f"{item.body} kan ikke oversende saken til seg selv.", rule="refer")
    role = step.role or item.role
    workflow = load_workflow(case.workflow)
    if role not in workflow.roles:
        raise RuleViolation(f"Ukjent rolle «{role}» i arbeidsflyten «{workflow.name}»; "
                            "gyldige: " + ", ".join(workflow.roles) + ".", rule="refer")
    _check(case, load_workflow(case.workflow).stage_trigger(role), f"oversendes til {step.to}")
    return ev.CaseReferred(meeting=item.meeting, to=step.to, role=role,
                           text=_text(step.text, "refer"))


def _waiting(case: Case, what: str) -> None:
    """Refuse unless the case waits for the administration (not at a stage, not closed)."""
    workflow = load_workflow(case.workflow)
    if case.state in workflow.roles or workflow.is_final("case", case.state):
        raise InvalidTransition(
            f"Sak {case.arkivsak} er {workflow.label('case', case.state)}; {what}.",
            state=case.state, trigger="resubmit")


def resubmit(ws: Workspace, case: Case, entry: Resubmit) -> None:
    """A new saksframlegg; its paragraphs get ids of the new round (`rec2#1`, ...)."""

    _waiting(case, "et nytt saksframlegg forutsetter at saken er sendt tilbake til "
                   "administrasjonen")
    date = parse_date(entry.date, "resubmit")
    _not_before_last_meeting(case, date, "Det nye saksframlegget")
    workflow = load_workflow(case.workflow)
    if entry.at is not None:
        body_named(ws.registry, entry.at)
        stages = [i for i, s in enumerate(case.route) if s.body == entry.at]
        if not stages:
            raise RuleViolation(f"«{entry.at}» er ikke på ruten til sak {case.arkivsak}.",
                                rule="route")
        stage = stages[0]
    else:
        stage = next((i for i, s in enumerate(case.route)
                      if workflow.stage_outcome(s.role) != "statement"), 0)
    _check(case, load_workflow(case.workflow).stage_trigger(case.route[stage].role),
           "legges fram på nytt")
    paragraphs = as_paragraphs(entry.recommendation)
    if not paragraphs or not all(paragraphs):
        raise RuleViolation(f"Det nye saksframlegget i sak {case.arkivsak} mangler forslag til "
                            "innstilling.")
    round_ = case.round + 1
    ws.emit_case(case, ev.CaseResubmitted(
        date=date, round=round_, prepared_by=entry.by, stage=stage, text=entry.text,
        recommendation=[ev.ParagraphData(id=f"rec{round_}#{i}", text=t)
                        for i, t in enumerate(paragraphs, 1)]))


def withdraw_case(ws: Workspace, case: Case, entry: WithdrawCase) -> None:

    if (open_ := case.open_item) is not None:
        raise InvalidTransition(f"Sak {case.arkivsak} er åpen i «{open_.meeting}»; avslutt "
                                "behandlingen før saken trekkes.", state=open_.state,
                                trigger="withdraw")
    _check(case, load_workflow(case.workflow).triggers.case.withdraw, "trekkes")
    _not_before_last_meeting(case, parse_date(entry.date, "withdraw_case"), "Trekkingen")
    ws.emit_case(case, ev.CaseWithdrawn(date=parse_date(entry.date, "withdraw_case"),
                                        by=entry.by, text=_text(entry.text, "withdraw_case")))


def _not_before_last_meeting(case: Case, date: str, what: str) -> None:
    if case.items and date < case.items[-1].date:
        raise RuleViolation(f"{what} ({date}) er datert før «{case.items[-1].meeting}», der "
                            f"sak {case.arkivsak} sist ble behandlet.", rule="date-order")


def apply_entry(ws: Workspace, kind: str, entry: BaseModel) -> str:
    """Apply a case-level scenario entry; returns its arkivsak."""
    case = ws.case(entry.case)  # type: ignore[attr-defined]
    if kind == "resubmit":
        resubmit(ws, case, entry)  # type: ignore[arg-type]
    else:
        withdraw_case(ws, case, entry)  # type: ignore[arg-type]
    return case.arkivsak


DECIDERS = {st.SendBack: send_back, st.Refer: refer}


def recommendation_round(case: Case, paragraph_id: str) -> ev.CaseResubmitted | None:
    """The new saksframlegg a paragraph came from (None: the first one, or a proposal); for
    the audit's origin of `rec2#N` paragraphs."""
    for event in case.resubmissions:
        if any(p.id == paragraph_id for p in event.recommendation):
            return event
    return None
