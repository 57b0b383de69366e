"""What the command line prints for each live-logging and read command, as one text made from
the engine's data with the message catalogue (documents.messages). The command line prints
it; the server's API sends the same text, so a command run as a client of the server prints
exactly what it prints on the store itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from documents.messages import say

if TYPE_CHECKING:
    from engine.app.items import StepLogged
    from engine.domain.meeting import Meeting
    from engine.domain.state import Case, Item
    from engine.store.verify import Report


@dataclass(frozen=True, slots=True)
class Printed:
    """A command's output: standard output, standard error and the exit status."""

    stdout: str
    stderr: str = ""
    exit_code: int = 0


def line(key: str, **fields: object) -> str:
    return say(key, **fields) + "\n"


def undone_line(meeting: str, sak: str, kind: str) -> str:
    """`saksflyt undo`: which step was taken back (its event type, worded)."""
    from documents.audit_text import STEP_TEXT

    return line("undone", meeting=meeting, sak=sak, step=STEP_TEXT.get(kind, kind))


def _where(item: Item) -> str:
    return say("where", meeting=item.meeting, sak=item.sak)


def step_logged(done: StepLogged) -> str:
    from documents.words import vote_summary

    where = _where(done.item)
    if done.kind == "propose":
        return line("proposal_logged", id=done.proposal_id, where=where,
                    generated=say("proposal_id_generated") if done.generated_id else "")
    if done.kind == "vote":
        return line("vote_logged", number=len(done.item.votes), where=where,
                    summary=vote_summary(done.item.votes[-1]))
    return line("step_logged", step=done.kind.replace("_", "-"), where=where)


def item_opened(case: Case, item: Item) -> str:
    return line("item_opened", sak=item.sak, arkivsak=case.arkivsak, meeting=item.meeting,
                title=item.title or case.title)


def attendance_logged(meeting: Meeting, item: Item | None) -> str:
    return line("attendance_logged", meeting=meeting.key,
                scope=say("attendance_item", sak=item.sak) if item else "")


def item_status(case: Case, item: Item, closed: Item, as_json: bool) -> str:
    from documents.decision import decision_text
    from documents.item_status import format_status
    from documents.words import worded
    from engine.app.live import item_status as status_of

    status = worded(status_of(case, item, decision_text(case, closed)))
    return json_text(status) if as_json else format_status(status)


def meeting_show(overview: dict[str, Any], as_json: bool) -> str:
    """`meeting show`; `overview` as documents.words.worded gives it."""
    from documents.messages import format_meeting

    return json_text(overview) if as_json else format_meeting(overview)


def decision(case: Case, item: Item | None, arkivsak: str, meeting: str | None) -> Printed:
    """`vedtak`: the decision text, or (exit 1) a line saying there is none yet."""
    from documents.decision import decision_text

    if item is None:
        return Printed("", line("not_closed", meeting=meeting) if meeting else
                       line("no_decision", arkivsak=arkivsak, state=case.state), 1)
    return Printed(decision_text(case, item))


def case_show(overview: dict[str, Any], as_json: bool) -> str:
    """`case show`; `overview` worded (documents.words.worded)."""
    if as_json:
        return json_text(overview)
    lines = [say("case_title", arkivsak=overview["arkivsak"], title=overview["title"]),
             say("case_status", status=overview["status"])]
    lines += [say("case_resubmitted", **again) for again in overview.get("resubmissions", [])]
    if overview.get("withdrawn"):
        gone = overview["withdrawn"]
        by = say("case_withdrawn_by", by=gone["by"]) if gone["by"] else ""
        lines.append(say("case_withdrawn", date=gone["date"], by=by, text=gone["text"]))
    lines.append(say("case_route"))
    for stage in overview["route"]:
        lines.append(say("case_stage", marker="→" if stage["current"] else " ", **stage))
        lines += [say("case_meeting", **meeting) for meeting in stage["meetings"]]
    return "\n".join(lines) + "\n"


def case_list(rows: list[dict[str, Any]], as_json: bool) -> str:
    """`case list`; `rows` worded."""
    from documents.tables import case_table, format_table

    if as_json:
        return json_text(rows)
    return format_table(*case_table(rows)) + "\n" if rows else line("no_cases")


def blame(arkivsak: str, meeting: str | None, paragraphs: list[dict[str, Any]],
          as_json: bool) -> str:
    """`blame`; `paragraphs` worded."""
    from documents.audit_text import render_blame

    return json_text(paragraphs) if as_json else render_blame(arkivsak, meeting, paragraphs)


def history(data: dict[str, Any], as_json: bool) -> str:
    """`history`; `data` worded."""
    from documents.audit_text import render_history

    return json_text(data) if as_json else render_history(data)


def verify_report(report: Report) -> Printed:
    if report.intact:
        return Printed(line("verify_intact", events=report.events, streams=report.streams))
    return Printed("".join(problem.message + "\n" for problem in report.problems),
                   line("verify_changed", problems=len(report.problems), events=report.events,
                        streams=report.streams), 1)


def json_text(data: Any) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
