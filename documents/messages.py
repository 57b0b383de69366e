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
    "search_rebuilt": "Søketabellen er bygd på nytt: {documents} dokumenter.",
    "search_hit": "{arkivsak}  {title}",
    "search_none": "Ingen treff.",
    "noark5_written": "Skrev Noark 5-møtemappen og eInnsyn-JSON til {path} ({files} filer).",
    "exempted": "Sak {sak} i «{meeting}» er skjermet ({basis}); offentligheten ser bare den "
                "offentlige tittelen og hjemmelen.",
    "meeting_recorded": "Møteboken for «{meeting}» er oppdatert.",
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
    "undone": "Angret siste steg i «{meeting}», sak {sak}: {step}. Steget står i loggen som "
              "angret.",
    "reopened": "Behandlingen av sak {sak} i «{meeting}» er åpnet igjen: {reason}",
    # documents and the audit
    "wrote_protocol": "Skrev saksprotokollen til {path}",
    "wrote_dossier": "Skrev saksdokumentene til {path}",
    "wrote_diff": "Skrev endringene til {path}",
    "wrote": "Skrev {path}",
    # the store
    "db_current": "Databasen er allerede oppdatert ({revision}).",
    "db_created": "Opprettet skjemaet i {url} ({revision}).",
    "db_exists": "Databasen {url} finnes allerede ({revision}).",
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
    "db_rebuilt": "Sakslisten er laget på nytt fra hendelsene: {cases} saker.",
    "db_granted": "Rollen {role} kan nå bare lese og legge til i hendelsesloggen i {url}.",
    "exported": "Eksporterte {events} hendelser i {streams} strømmer til {path}.",
    "imported": "Importerte {events} hendelser i {streams} strømmer fra {file}.",
    "verify_intact": "Protokollen er uendret: {events} hendelser i {streams} strømmer "
                     "kontrollert.",
    "verify_changed": "Protokollen er endret: {problems} avvik i {events} hendelser i "
                      "{streams} strømmer.",
    "verify_anchored": "Kontrollert mot {checkpoints} signerte sjekkpunkt(er).",
    "verify_note": "Merk: {note}",
    # what verify finds (documents/findings.py)
    "stream_register": "Registeret",
    "stream_case": "Sak {name}",
    "stream_meeting": "Møtet {name}",
    "stream_other": "Strømmen {name}",
    "span_one": "nr {first}",
    "span_many": "nr {first}–{last}",
    "event_at": "hendelse nr {seq} ({type}, posisjon {position})",
    "problem_inserted": "{stream}, {event}: lagt inn i ettertid (kjeden går forbi den).",
    "problem_replaced": "{stream}, {event}: byttet ut med en annen hendelse (nr {next} peker "
                        "til en hash som ikke finnes lenger).",
    "problem_deleted": "{stream}, {span}: hendelse slettet (kjeden brytes før nr {before}).",
    "problem_changed": "{stream}, {event}: innholdet er endret (hashen stemmer ikke).",
    "problem_moved": "{stream}, {event}: flyttet, ble lagret som nr {original_seq}.",
    "problem_renumbered": "{stream}, nr {seq}–{last}: nummerert om (ble lagret som nr "
                          "{original_seq}–{original_last}).",
    "problem_missing": "posisjon {positions}: {count} hendelse(r) slettet (mellom "
                       "{before_stream} nr {before_seq} og {after_stream} nr {after_seq}).",
    "checkpoint_at": "sjekkpunkt nr {number} ({created_at})",
    "problem_checkpoint_before_missing": "Sjekkpunkt nr {number}: sjekkpunktet før det mangler "
                                         "eller er byttet ut (kjeden av sjekkpunkter er "
                                         "brutt).",
    "problem_checkpoint_not_ours": "Sjekkpunkt nr {number}: innholdet er ikke et sjekkpunkt "
                                   "fra saksflyt.",
    "problem_checkpoint_foreign": "Sjekkpunkt nr {number} er signert med en annen nøkkel (id "
                                  "{key_id}) enn {our_key} (id {our_key_id}).",
    "problem_checkpoint_signature": "Sjekkpunkt nr {number}: signaturen stemmer ikke "
                                    "(sjekkpunktet er endret).",
    "problem_checkpoint_remembered": "Sjekkpunkt nr {number}, som nøkkelen husker for denne "
                                     "databasen, mangler eller er byttet ut.",
    "problem_table_empty": "Hendelsestabellen er tom, men {checkpoint} har {events} "
                           "hendelser.",
    "problem_stream_deleted": "{stream}: hele strømmen er slettet ({checkpoint} hadde "
                              "{events} hendelser).",
    "problem_tail_deleted": "{stream}, {span}: de nyeste hendelsene er slettet ({checkpoint} "
                            "hadde nr {last} som siste).",
    "problem_rechained": "{stream}: kjeden er regnet om {since} (hendelse nr {seq} har en "
                         "annen hash enn i {checkpoint}).",
    "rechained_since": "etter nr {seq}",
    "rechained_from_start": "fra første hendelse",
    "problem_rows_missing": "{count} hendelse(r) fra før {checkpoint} mangler i tabellen.",
    "problem_rows_inserted": "{count} hendelse(r) er lagt inn i tabellen før {checkpoint}.",
    "note_signatures_unchecked": "Signaturene på sjekkpunktene er ikke kontrollert: ingen "
                                 "nøkkel er satt opp (SAKSFLYT_KEY).",
    "checkpoint_made": "Sjekkpunkt nr {number} er signert: {events} hendelser i {streams} "
                       "strømmer (nøkkel {key_id}).",
    "key_created": "Laget en ny signeringsnøkkel i {path}. Ta vare på den, og ha den ikke i "
                   "databasen: den beviser at sjekkpunktene er dine.",
    "public_key_written": "Skrev den offentlige nøkkelen til {path}.",
    "export_signed": "Eksporten er signert med nøkkel {key_id}.",
    "export_unsigned": "Eksporten er ikke signert: ingen nøkkel i {path} (lag en med "
                       "«saksflyt checkpoint»).",
    # accounts and the server
    "user_added": "Brukeren «{name}» er lagt til med rollen {role}.",
    "user_line": "{name}\t{role}{disabled}",
    "user_disabled_note": "\t(deaktivert)",
    "no_users": "Ingen brukere.",
    "user_disabled": "Brukeren «{name}» er deaktivert.",
    "passwords_differ": "Passordene er ikke like.",
    "password_prompt": "Passord: ",
    "password_again": "Gjenta passordet: ",
    "serving": "saksflyt serve: http://{host}:{port} (databasen {url}); stopp med Ctrl+C.",
    "not_via_server": "«{command}» går ikke via serveren: kjør kommandoen på serveren, uten "
                      "--server / SAKSFLYT_SERVER.",
    "server_unreachable": "Får ikke kontakt med serveren {url}: {reason}",
    # workflows
    "workflow_headers": "Navn|Tittel|Roller på ruten",
    "replay_progress": "{meetings} møter, {decided}/{known} saker avgjort, {events} hendelser "
                       "({rate} hendelser/s) – {name}",
    "replay_storing": "lagrer {events} hendelser …",
    # where an item, a case and a proposal stand (documents.words)
    "outcome_open": "under behandling",
    "outcome_not_started": "ikke behandlet ennå",
    "outcome_postponed": "utsatt",
    "outcome_postponed_to": "utsatt til {to}",
    "outcome_noted": "tatt til orientering",
    "outcome_returned": "sendt tilbake til {to}",
    "outcome_referred": "oversendt til {to}",
    "outcome_debated": "debattert, ikke votert",
    "outcome_statement": "uttalelse gitt",
    "outcome_recommendation": "innstilling avgitt",
    "outcome_decided": "vedtatt",
    "the_administration": "administrasjonen",
    "administration_author": "Rådmannen",
    "case_decided": "avgjort",
    "case_at_stage": "{role} i {body}",
    "proposal_proposed": "fremmet",
    "proposal_open": "ikke votert ennå",
    "proposal_adopted": "vedtatt",
    "proposal_fell": "falt",
    "proposal_withdrawn": "trukket",
    "proposal_lapsed": "bortfalt",
    "proposal_changed": "endret",
    "proposal_remark": "merknad",
    "side_won": "vant",
    "side_lost": "tapte",
    # a vote summed up
    "vote_between": "{first} mot {second}",
    "vote_parts": " avsnitt {numbers}",
    "vote_except": " unntatt avsnitt {numbers}",
    "vote_winner": "{winner} vant",
    "vote_unanimous": "enstemmig",
    "vote_for": "for: {tally}",
    "vote_against": "mot: {tally}",
    "vote_totals": "{n_for} mot {n_against}",
    # item status
    "status_heading": "{meeting}, sak {sak} ({arkivsak}): {title}",
    "status_state": "Tilstand: {state}",
    "status_closed": " (avsluttet)",
    "status_recommendation": "Innstillingen:",
    "status_proposals": "Forslag:",
    "status_no_proposals": "Forslag: ingen",
    "status_proposal": "  {id} ({kind}, {by}): {status_label}",
    "status_votes": "Voteringer:",
    "status_no_votes": "Voteringer: ingen",
    "status_attendance": "Oppmøte: forfall {absent}; inhabil {inhabil}; varamedlemmer {deputies}",
    "status_none": "ingen",
    "status_deputy": "{deputy} for {member}",
    "status_corrected_vote": "votering {vote}",
    "status_corrected_proposal": "forslag {proposal}",
    "status_corrected": "Korrigert {what}: {reason}",
    "status_after_approval": " (etter godkjenning)",
    "status_decision": "Vedtak:",
    "status_decision_if_closed": "Vedtak hvis saken avsluttes nå:",
    # tables: the case list and a workflow shown
    "case_headers": "Arkivsak|Tittel|Arbeidsflyt|Status|Siste møte",
    "machine_case": "sak",
    "machine_item": "behandling",
    "yes": "ja",
    "no": "nei",
    "states_heading": "Tilstander",
    "states_headers": "Maskin|Tilstand|Etikett|Slutt|Tillater / gir",
    "transitions_heading": "Overganger",
    "transitions_headers": "Maskin|Utløser|Fra|Til",
    "rules_heading": "Regler",
    "rules_headers": "Regel|Verdi|Betydning",
    "stage_statement": "gir uttalelse",
    "stage_recommendation": "gir innstilling",
    "stage_decision": "gir vedtak",
    "stage_report": "tar til orientering (referatsak)",
    "stage_debate": "debatt; vedtak bare ved forslag",
    "rule_postponement_first": "utsettelsesforslag voteres over først",
    "rule_proposals_after_voting": "nye forslag tillatt etter at voteringen har begynt",
    "rule_majority": "flertallskrav",
    "rule_qualified_share": "kvalifisert flertall (andel av avgitte stemmer)",
    # a workflow's diagram
    "diagram_title": "{title} ({name})",
    "diagram_title_case": "{title} ({name}): sak {arkivsak}",
    "diagram_case": "Saken",
    "diagram_item": "Behandlingen i et møte",
    "path_closed": "{body} {date}: {outcome}",
    "path_taken_up": "{body} {date}: tatt opp",
    "path_resubmitted": "nytt saksframlegg {date}",
    "path_withdrawn": "trukket {date}",
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
