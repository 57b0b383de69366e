"""What the command line prints for each live-logging and read command, as one text built
from the engine's data. The command line prints it; the server sends the same text (and the
data) in its API answers, so a command run as a client prints exactly what it prints locally.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from engine.app.desk import StepLogged
    from engine.domain.state import Case, Item
    from engine.store.verify import Report


@dataclass(frozen=True, slots=True)
class Printed:
    """A command's output: its standard output, standard error and exit status."""

    stdout: str
    stderr: str = ""
    exit_code: int = 0


def step_logged(done: StepLogged) -> str:
    where = f"«{done.meeting}», sak {done.sak}"
    if done.kind == "propose":
        return (f"Forslag «{done.proposal_id}» ført i {where}."
                + (" (Id-en ble laget automatisk.)" if done.generated else "") + "\n")
    if done.kind == "vote":
        return f"Votering {done.vote_number} ført i {where}: {done.vote_summary}.\n"
    return f"{done.kind.replace('_', '-')} ført i {where}.\n"


def item_opened(case: Case, item: Item) -> str:
    return (f"Åpen sak: {item.sak} ({case.arkivsak}) i «{item.meeting}»: "
            f"{item.title or case.title}\n")


def attendance_logged(meeting: str, sak: str | None) -> str:
    return f"Oppmøtet er ført for «{meeting}»" + (f", sak {sak}." if sak else ".") + "\n"


def correction_logged(item: Item, reason: str) -> str:
    return f"Korrigeringen er ført i «{item.meeting}», sak {item.sak}: {reason}\n"


def meeting_created(key: str) -> str:
    return f"Møtet «{key}» er opprettet.\n"


def agenda_added(sak: str, arkivsak: str, key: str) -> str:
    return f"Sak {sak} ({arkivsak}) står på sakskartet til «{key}».\n"


def protocol_approved(key: str) -> str:
    return f"Protokollen for «{key}» er godkjent.\n"


def wrote(what: str, path: object) -> str:
    """`Skrev saksprotokollen til FILE`: a document written to a file."""
    return f"Skrev {what} til {path}\n"


def item_status_text(case: Case, item: Item, preview: Item, as_json: bool) -> str:
    from documents.decision import decision_text
    from engine.app.live import format_status, item_status

    status = item_status(case, item, decision_text(case, preview))
    return json_text(status) if as_json else format_status(status)


def case_show(overview: dict[str, Any]) -> str:
    lines = [f"Sak {overview['arkivsak']}: {overview['title']}",
             f"Status: {overview['status']}"]
    for again in overview.get("resubmissions", []):
        lines.append(f"Nytt saksframlegg {again['date']} (runde {again['round']}), tas opp i "
                     f"{again['at']}")
    if overview.get("withdrawn"):
        gone = overview["withdrawn"]
        lines.append(f"Trukket {gone['date']}" + (f" av {gone['by']}" if gone["by"] else "")
                     + f": {gone['text']}")
    lines.append("Rute:")
    for stage in overview["route"]:
        marker = "→" if stage["current"] else " "
        lines.append(f" {marker} {stage['number']}. {stage['body']} ({stage['role']})")
        for meeting in stage["meetings"]:
            lines.append(f"      {meeting['date']}  sak {meeting['sak']}: {meeting['outcome']}")
    return "\n".join(lines) + "\n"


def case_list(rows: list[dict[str, Any]]) -> str:
    from engine.read.overview import case_table, format_table

    return format_table(*case_table(rows)) + "\n" if rows else "Ingen saker.\n"


def verify_report(report: Report) -> Printed:
    if report.intact:
        return Printed(f"Protokollen er uendret: {report.events} hendelser i {report.streams} "
                       "strømmer kontrollert.\n")
    lines = "".join(problem.message + "\n" for problem in report.problems)
    return Printed(lines, f"Protokollen er endret: {len(report.problems)} avvik i "
                          f"{report.events} hendelser i {report.streams} strømmer.\n", 1)


def json_text(data: Any) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
