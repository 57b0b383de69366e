"""Read models over a case: find a meeting's item, describe where a case stands. Pure."""

from __future__ import annotations

import datetime as dt
from typing import Any

from engine.domain.errors import NotFound
from engine.domain.lifecycle import load_workflow
from engine.domain.state import Case, Item

OUTCOME_LABEL = {"postponed": "utsatt", "noted": "tatt til orientering", "decided": "avgjort"}


def parse_meeting(value: str) -> tuple[str, str]:
    """"BODY YYYY-MM-DD" (or "BODY DD.MM.YYYY") to (body, ISO date)."""
    body, _, date = value.strip().rpartition(" ")
    for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return body.strip(), dt.datetime.strptime(date, fmt).date().isoformat()
        except ValueError:
            continue
    raise NotFound(f"«{value}» er ikke et møte: skriv «UTVALG ÅÅÅÅ-MM-DD», for eksempel "
                   "«Bystyret 2019-08-29».")


def find_item(case: Case, meeting: str) -> Item:
    body, date = parse_meeting(meeting)
    for item in case.items:
        if item.body == body and item.date == date:
            return item
    known = ", ".join(f"«{i.meeting}»" for i in case.items) or "ingen"
    raise NotFound(f"Sak {case.arkivsak} ble ikke behandlet i «{body} {date}» "
                   f"(møter: {known}).")


def item_outcome(item: Item) -> str:
    if item.outcome is None:
        return "under behandling"
    if item.outcome.kind == "postponed":
        to = item.outcome.postponed_to
        return "utsatt" + (f" til {to}" if to else "")
    if item.outcome.kind == "noted":
        return "tatt til orientering"
    if item.outcome.kind == "returned":
        to = item.outcome.sent_to
        return "sendt tilbake til " + ("administrasjonen" if to == "administration" else str(to))
    if item.outcome.kind == "referred":
        return f"oversendt til {item.outcome.sent_to}"
    if item.outcome.kind == "debated":
        return "debattert, ikke votert"
    return {"statement": "uttalelse gitt", "recommendation": "innstilling avgitt"}.get(
        item.produces, "vedtatt")


def case_status(case: Case) -> str:
    if case.state == "avgjort":
        return "avgjort"
    workflow = load_workflow(case.workflow)
    if case.state not in workflow.roles:
        # Closed another way, or waiting outside the route (sent back to the administration).
        return workflow.label("case", case.state)
    stage = case.route[case.stage]
    role = workflow.label("case", stage.role)
    return f"{role} i {stage.body}"


def case_overview(case: Case) -> dict[str, Any]:
    route = []
    for index, stage in enumerate(case.route):
        meetings = [{"date": i.date, "sak": i.sak, "outcome": item_outcome(i)}
                    for i in case.items if i.stage == index]
        route.append({"number": index + 1, "body": stage.body, "role": stage.role,
                      "current": index == case.stage and case.state != "avgjort",
                      "meetings": meetings})
    return {"arkivsak": case.arkivsak, "title": case.title, "workflow": case.workflow,
            "state": case.state, "status": case_status(case), "route": route,
            "round": case.round,
            "resubmissions": [{"date": r.date, "round": r.round, "by": r.prepared_by,
                               "at": case.route[r.stage].body} for r in case.resubmissions],
            "withdrawn": None if case.withdrawn is None else {
                "date": case.withdrawn.date, "by": case.withdrawn.by,
                "text": case.withdrawn.text}}
