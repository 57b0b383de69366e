"""Every line the command line (and the server's API) says about a command's result, in one
catalogue: the engine returns data, and the words are here, so a house can change them.

`say(key, **fields)` formats the message; `MESSAGES` holds bokmål, `NYNORSK` what differs.
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    # replay and the decision
    "replayed": "Spilte av {file}: {cases} sak(er), {meetings} møter, {items} behandlinger, "
                "{written} hendelser lagret.",
    "wrote_file": "  skrev {path}",
    "no_decision": "Sak {arkivsak} har ikke noe vedtak ennå ({state}).",
    "not_closed": "Behandlingen i «{meeting}» er ikke avsluttet ennå.",
    # cases
    "case_title": "Sak {arkivsak}: {title}",
    "case_status": "Status: {status}",
    "case_resubmitted": "Nytt saksframlegg {date} (runde {round}), tas opp i {at}",
    "case_withdrawn": "Trukket {date}{by}: {text}",
    "case_withdrawn_by": " av {by}",
    "case_route": "Rute:",
    "case_stage": " {marker} {number}. {body} ({role})",
    "case_meeting": "      {date}  sak {sak}: {outcome}",
    "case_created": "Sak {arkivsak} er opprettet.",
    "no_cases": "Ingen saker.",
    "sent_back": "Sak {arkivsak} er sendt tilbake; status: {status}.",
    "referred": "Sak {arkivsak} er oversendt {to}; status: {status}.",
    "resubmitted": "Nytt saksframlegg (runde {round}) ført i sak {arkivsak}; status: {status}.",
    "withdrawn": "Sak {arkivsak} er trukket; status: {status}.",
    # the register
    "party_added": "Partiet {short} ({name}) er registrert.",
    "body_added": "Utvalget «{name}» er registrert.",
    "person_added": "Personen «{name}» er registrert.",
    # meetings
    "meeting_created": "Møtet «{meeting}» er opprettet.",
    "agenda_added": "Sak {sak} ({arkivsak}) står på sakskartet til «{meeting}».",
    "approved": "Protokollen for «{meeting}» er godkjent.",
    "wrote_meeting_protocol": "Skrev møteprotokollen til {path}",
    "meeting_heading": "Møte: {meeting}{approved}",
    "meeting_approved_note": " (protokollen er godkjent)",
    "agenda_heading": "Sakskart:",
    "agenda_empty": "Sakskart: tomt",
    "agenda_line": " {marker} {sak} ({arkivsak}) {title}: {status}",
    "attendance_whole": "hele møtet",
    "attendance_from": "fra sak {sak}",
    "attendance_absent": "forfall: {names}",
    "attendance_deputy": "{deputy} møter for {member}",
    "attendance_line": "Oppmøte ({scope}): {parts}",
    # the item being logged
    "item_opened": "Åpen sak: {sak} ({arkivsak}) i «{meeting}»: {title}",
    "proposal_logged": "Forslag «{id}» ført i {where}.{generated}",
    "proposal_id_generated": " (Id-en ble laget automatisk.)",
    "vote_logged": "Votering {number} ført i {where}: {summary}.",
    "step_logged": "{step} ført i {where}.",
    "where": "«{meeting}», sak {sak}",
    "attendance_logged": "Oppmøtet er ført for «{meeting}»{scope}.",
    "attendance_item": ", sak {sak}",
    "corrected": "Korrigeringen er ført i «{meeting}», sak {sak}: {reason}",
    # documents and the audit
    "wrote_protocol": "Skrev saksprotokollen til {path}",
    "wrote_dossier": "Skrev saksdokumentene til {path}",
    "wrote_diff": "Skrev endringene til {path}",
    "wrote": "Skrev {path}",
    # the store
    "db_current": "Databasen er allerede oppdatert ({revision}).",
    "db_created": "Opprettet skjemaet i {url} ({revision}).",
    "db_upgraded": "Oppgraderte databasen fra {before} til {after}.",
    "db_url": "Database: {url}",
    "db_none": "Skjema: ingen ennå (nyeste er {head}). En SQLite-fil lages ved første "
               "skriving; ellers kjør «saksflyt db upgrade».",
    "db_unknown": "Skjema: {current}, ukjent for denne versjonen av saksflyt (nyeste den "
                  "kjenner er {head}): oppgrader saksflyt.",
    "db_newest": "Skjema: {current} (nyeste).",
    "db_pending": "Skjema: {current}; {count} oppgradering(er) venter:",
    "db_pending_line": "  {id}: {doc}",
    "db_run_upgrade": "Kjør «saksflyt db upgrade».",
    "exported": "Eksporterte {events} hendelser i {streams} strømmer til {path}.",
    "imported": "Importerte {events} hendelser i {streams} strømmer fra {file}.",
    "verify_intact": "Protokollen er uendret: {events} hendelser i {streams} strømmer "
                     "kontrollert.",
    "verify_changed": "Protokollen er endret: {problems} avvik i {events} hendelser i "
                      "{streams} strømmer.",
    # workflows
    "workflow_headers": "Navn|Tittel|Roller på ruten",
    "replay_progress": "{meetings} møter, {decided}/{known} saker avgjort, {events} hendelser "
                       "({rate} hendelser/s) – {name}",
    "replay_storing": "lagrer {events} hendelser …",
}

NYNORSK: dict[str, str] = {}
"""The messages that read otherwise in nynorsk (the rest are shared)."""


def say(key: str, lang: str = "nb", **fields: object) -> str:
    template = (NYNORSK.get(key) if lang == "nn" else None) or MESSAGES[key]
    return template.format(**fields)


def format_meeting(overview: dict[str, object]) -> str:
    """`meeting show` as text, from engine.read.meetings.meeting_overview."""
    lines = [say("meeting_heading", meeting=overview["meeting"],
                 approved=say("meeting_approved_note") if overview["approved"] else "")]
    agenda = overview["agenda"]
    lines.append(say("agenda_heading") if agenda else say("agenda_empty"))
    for entry in agenda:  # type: ignore[attr-defined]
        lines.append(say("agenda_line", marker="→" if entry["open"] else " ", **entry))
    for record in overview["attendance"]:  # type: ignore[attr-defined]
        scope = (say("attendance_from", sak=record["from_sak"]) if record["from_sak"]
                 else say("attendance_whole"))
        parts = []
        if record["absent"]:
            parts.append(say("attendance_absent", names=", ".join(record["absent"])))
        parts += [say("attendance_deputy", deputy=d, member=m) for d, m in record["deputies"]]
        lines.append(say("attendance_line", scope=scope, parts="; ".join(parts)))
    return "\n".join(lines) + "\n"
