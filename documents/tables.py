"""The secretariat's tables in words: the case list and a workflow shown as states,
transitions and rules; and how a table is laid out as text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from documents.messages import say

if TYPE_CHECKING:
    from engine.domain.lifecycle import Workflow

STAGE_KEYS = {
    "statement": "stage_statement", "recommendation": "stage_recommendation",
    "decision": "stage_decision", "report": "stage_report", "debate": "stage_debate",
}
RULE_KEYS = {
    "postponement_first": "rule_postponement_first",
    "proposals_after_voting": "rule_proposals_after_voting",
    "majority": "rule_majority", "qualified_share": "rule_qualified_share",
}
MACHINE_KEYS = {"case": "machine_case", "item": "machine_item"}


def headers(key: str, lang: str = "nb") -> list[str]:
    return say(key, lang).split("|")


def case_table(rows: list[dict[str, Any]], lang: str = "nb") -> tuple[list[str], list[list[str]]]:
    """The case list (rows worded by `documents.words.worded`) as headers and cells."""
    body = []
    for r in rows:
        last = r["last_meeting"]
        title = r["title"] if len(r["title"]) <= 40 else r["title"][:39] + "…"
        body.append([r["arkivsak"], title, r["workflow"], r["status"],
                     "" if last is None else f"{last['meeting']}: {last['outcome']}"])
    return headers("case_headers", lang), body


def workflow_tables(workflow: Workflow,
                    lang: str = "nb") -> list[tuple[str, list[str], list[list[str]]]]:
    """States, transitions and rules, each as (heading, headers, rows)."""
    d = workflow.definition
    yes, no = say("yes", lang), say("no", lang)
    states = []
    for kind in ("case", "item"):
        for s in getattr(d, kind).states:
            detail = ", ".join(s.allows) if kind == "item" else (
                say(STAGE_KEYS[workflow.stage_outcome(s.name)], lang)
                if s.name in workflow.roles else "")
            states.append([say(MACHINE_KEYS[kind], lang), s.name, s.label,
                           yes if s.final else "", detail])
    transitions = [[say(MACHINE_KEYS[kind], lang), t.trigger, ", ".join(t.source), t.dest]
                   for kind in ("case", "item") for t in getattr(d, kind).transitions]
    rules = []
    for key, value in d.rules.model_dump().items():
        shown = (yes if value else no) if isinstance(value, bool) else (
            f"{value[0]}/{value[1]}" if isinstance(value, list | tuple) else str(value))
        rules.append([key, shown, say(RULE_KEYS[key], lang) if key in RULE_KEYS else ""])
    return [
        (say("states_heading", lang), headers("states_headers", lang), states),
        (say("transitions_heading", lang), headers("transitions_headers", lang), transitions),
        (say("rules_heading", lang), headers("rules_headers", lang), rules),
    ]


def format_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
              for r in rows]
    return "\n".join(lines)
