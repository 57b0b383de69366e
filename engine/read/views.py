"""Read models over a case: find a meeting's item, describe where a case stands. Pure.

Where an item or a case stands is a code with its data (`Outcome`, `CaseStatus`); the words a
user reads for them are in `documents.words`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from engine.domain.errors import NotFound
from engine.domain.lifecycle import load_workflow
from engine.domain.state import Case, Item
from engine.read.codes import CaseStatus, Outcome


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


def item_outcome(item: Item) -> Outcome:
    if item.outcome is None:
        return Outcome("open")
    kind = item.outcome.kind
    if kind == "postponed":
        return Outcome("postponed", item.outcome.postponed_to or None)
    if kind in ("returned", "referred"):
        return Outcome(kind, str(item.outcome.sent_to))
    if kind in ("noted", "debated"):
        return Outcome(kind)
    return Outcome(item.produces if item.produces in ("statement", "recommendation")
                   else "decided")


def case_status(case: Case) -> CaseStatus:
    if case.state == "avgjort":
        return CaseStatus("decided")
    workflow = load_workflow(case.workflow)
    if case.state not in workflow.roles:
        # Closed another way, or waiting outside the route (sent back to the administration).
        return CaseStatus("state", workflow.label("case", case.state))
    stage = case.route[case.stage]
    return CaseStatus("at_stage", workflow.label("case", stage.role), stage.body)


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
