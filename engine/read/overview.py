"""Read models for the secretariat's overviews: the case list and a workflow's tables. Pure."""

from __future__ import annotations

from typing import Any

from engine.domain.lifecycle import Workflow
from engine.domain.state import Case
from engine.read.views import case_status, item_outcome

OUTCOME_TEXT = {
    "statement": "gir uttalelse", "recommendation": "gir innstilling", "decision": "gir vedtak",
    "report": "tar til orientering (referatsak)", "debate": "debatt; vedtak bare ved forslag",
}
RULE_TEXT = {
    "postponement_first": "utsettelsesforslag voteres over først",
    "proposals_after_voting": "nye forslag tillatt etter at voteringen har begynt",
    "majority": "flertallskrav",
    "qualified_share": "kvalifisert flertall (andel av avgitte stemmer)",
}


def case_row(case: Case) -> dict[str, Any]:
    """Where one case stands: its state, its body now, its last meeting."""
    from engine.domain.lifecycle import load_workflow

    workflow = load_workflow(case.workflow)
    at_stage = case.state in workflow.roles
    last = case.items[-1] if case.items else None
    return {
        "arkivsak": case.arkivsak, "title": case.title, "workflow": case.workflow,
        "state": case.state, "status": case_status(case),
        "body": case.route[case.stage].body if at_stage else None,
        "round": case.round,
        "last_meeting": None if last is None else {
            "meeting": last.meeting, "sak": last.sak, "outcome": item_outcome(last)},
    }


def filter_rows(rows: list[dict[str, Any]], state: str | None = None,
                body: str | None = None) -> list[dict[str, Any]]:
    out = rows
    if state:
        wanted = state.casefold()
        out = [r for r in out if wanted in (r["state"].casefold(), r["status"].casefold())
               or wanted in r["status"].casefold()]
    if body:
        out = [r for r in out if (r["body"] or "").casefold() == body.casefold()]
    return out


def case_table(rows: list[dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    headers = ["Arkivsak", "Tittel", "Arbeidsflyt", "Status", "Siste møte"]
    body = []
    for r in rows:
        last = r["last_meeting"]
        title = r["title"] if len(r["title"]) <= 40 else r["title"][:39] + "…"
        body.append([r["arkivsak"], title, r["workflow"], r["status"],
                     "" if last is None else f"{last['meeting']}: {last['outcome']}"])
    return headers, body


def workflow_tables(workflow: Workflow) -> list[tuple[str, list[str], list[list[str]]]]:
    """States, transitions and rules, each as (heading, headers, rows)."""
    d = workflow.definition
    states = []
    for kind, name in (("case", "sak"), ("item", "behandling")):
        for s in getattr(d, kind).states:
            detail = ", ".join(s.allows) if kind == "item" else (
                OUTCOME_TEXT[workflow.stage_outcome(s.name)] if s.name in workflow.roles else "")
            states.append([name, s.name, s.label, "ja" if s.final else "", detail])
    transitions = [[("sak" if kind == "case" else "behandling"), t.trigger, ", ".join(t.source),
                    t.dest] for kind in ("case", "item") for t in getattr(d, kind).transitions]
    rules = []
    for key, value in d.rules.model_dump().items():
        shown = ("ja" if value else "nei") if isinstance(value, bool) else (
            f"{value[0]}/{value[1]}" if isinstance(value, list | tuple) else str(value))
        rules.append([key, shown, RULE_TEXT.get(key, "")])
    return [
        ("Tilstander", ["Maskin", "Tilstand", "Etikett", "Slutt", "Tillater / gir"], states),
        ("Overganger", ["Maskin", "Utløser", "Fra", "Til"], transitions),
        ("Regler", ["Regel", "Verdi", "Betydning"], rules),
    ]


def format_table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
              for r in rows]
    return "\n".join(lines)
