"""One function a command: check it against the state it needs, then emit its events.

The register, cases, taking an item up and closing it, and the one entry for an item's steps
(`apply_step`, dispatching to engine.commands.steps and engine.commands.returns).
"""

from __future__ import annotations

from engine.commands.lookup import body_named, did_you_mean, meeting_key, parse_date
from engine.commands.returns import DECIDERS as RETURN_DECIDERS
from engine.commands.steps import STEP_DECIDERS
from engine.commands.workspace import Workspace
from engine.domain import events as ev
from engine.domain import steps as st
from engine.domain import voting
from engine.domain.errors import AlreadyExists, InvalidTransition, NotFound, RuleViolation
from engine.domain.evolve import new_case
from engine.domain.inputs import check_date, check_name, check_optional_name, check_text
from engine.domain.lifecycle import load_workflow
from engine.domain.state import Case, Item
from engine.domain.text import as_paragraphs

DECIDERS = {**STEP_DECIDERS, **RETURN_DECIDERS}


# --- the register ----------------------------------------------------------------------------

def register_party(ws: Workspace, short: str, name: str) -> None:
    check_name(short, "Partiforkortelsen")
    check_name(name, f"Partinavnet til {short}")
    if short in ws.registry.parties:
        raise AlreadyExists(f"Partiet {short} finnes allerede.", rule="exists")
    if not short.strip() or any(c.isdigit() or c in ", " for c in short):
        raise RuleViolation(f"Ugyldig partiforkortelse «{short}»: bruk bokstaver, som «Ap».")
    ws.emit_registry(ev.PartyRegistered(short=short, name=name))


def register_body(ws: Workspace, name: str, kind: str, seats: dict[str, int] | None, *,
                  language: str | None = None, members: list[ev.Member] | None = None,
                  wording: str | None = None) -> None:
    """A body; `members` (members and deputies, each with the party list they sit for) give
    its seats where `seats` does not, and must agree with them where it does."""
    check_name(name, "Utvalgsnavnet")
    if name in ws.registry.bodies:
        raise AlreadyExists(f"Utvalget «{name}» finnes allerede.", rule="exists")
    if kind not in ("council", "committee", "advisory"):
        raise RuleViolation(f"Ukjent utvalgstype «{kind}»: bruk council, committee eller "
                            "advisory.")
    for party, n in (seats or {}).items():
        if party not in ws.registry.parties:
            raise NotFound(f"Ukjent parti «{party}» i setene til {name}.")
        if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n <= voting.MAX_VOTES:
            raise RuleViolation(f"Ugyldig antall seter for {party} i {name}: {n!r} (tillatt: 0 "
                                f"til {voting.MAX_VOTES}).")
    if language not in (None, "nb", "nn"):
        raise RuleViolation(f"Ukjent målform «{language}» for {name}: bruk nb eller nn.")
    if wording not in (None, "advisory", "political"):
        raise RuleViolation(f"Ukjent ordlyd «{wording}» for {name}: bruk advisory eller "
                            "political.")
    members = list(members or [])
    seen: set[str] = set()
    for member in members:
        if member.person not in ws.registry.people:
            raise NotFound(f"Personen «{member.person}» i {name} finnes ikke"
                           f"{did_you_mean(member.person, ws.registry.people)}.")
        if member.person in seen:
            raise AlreadyExists(f"{ws.registry.name_of(member.person)} står to ganger blant "
                                f"medlemmene i {name}.", rule="member-twice")
        seen.add(member.person)
        if member.party is not None and member.party not in ws.registry.parties:
            raise NotFound(f"Ukjent parti «{member.party}» for "
                           f"{ws.registry.name_of(member.person)} i {name}.")
    counted: dict[str, int] = {}
    for member in members:
        if not member.deputy and member.party is not None:
            counted[member.party] = counted.get(member.party, 0) + 1
    if seats is None and counted:
        seats = counted
    elif seats is not None and any(not m.deputy for m in members) and {
            p: n for p, n in seats.items() if n} != counted:
        raise RuleViolation(f"Setene til {name} ({', '.join(f'{n}{p}' for p, n in seats.items())})"
                            f" stemmer ikke med medlemmene "
                            f"({', '.join(f'{n}{p}' for p, n in counted.items())}).",
                            rule="members-seats")
    ws.emit_registry(ev.BodyRegistered(name=name, kind=kind, seats=seats,  # type: ignore[arg-type]
                                       language=language, members=members,  # type: ignore[arg-type]
                                       wording=wording))


def register_person(ws: Workspace, name: str, affiliation: str | None,
                    display: str | None = None) -> None:
    """A person by their register key: their name, or an id with the `display` name printed
    (so that two people with the same name can both be in the register)."""
    check_name(name, "Personnavnet")
    check_optional_name(affiliation, f"Tilhørigheten til {name}")
    check_optional_name(display, f"Navnet til {name}")
    if name in ws.registry.people:
        raise AlreadyExists(f"Personen «{name}» finnes allerede.", rule="exists")
    if display is not None and not display.strip():
        raise RuleViolation(f"Personen «{name}» har et tomt navn.")
    ws.emit_registry(ev.PersonRegistered(name=name, affiliation=affiliation,
                                         display=display if display != name else None))


def name_municipality(ws: Workspace, name: str) -> None:
    check_name(name, "Kommunenavnet")
    if ws.registry.municipality != name:
        ws.emit_registry(ev.MunicipalityNamed(name=name))


# --- cases and items -------------------------------------------------------------------------

def open_case(ws: Workspace, *, arkivsak: str, title: str, recommendation: str | list[str],
              route: list[tuple[str, str]], workflow: str = "politisk-sak",
              prepared_by: str | None = None, prepared_date: str | None = None,
              without_recommendation: bool = False) -> Case:
    """A new case; `without_recommendation`: the saksframlegg has no forslag til innstilling
    ("Saken legges fram uten innstilling"), and `recommendation` is empty."""
    check_name(arkivsak, "Arkivsaken")
    check_name(title, f"Tittelen på sak {arkivsak}")
    check_optional_name(prepared_by, f"Saksbehandleren (prepared.by) i sak {arkivsak}")
    if prepared_date is not None:
        prepared_date = check_date(prepared_date, f"saksframlegget (prepared.date) i sak "
                                                  f"{arkivsak}")
    for body, role in route:
        check_name(body, f"Utvalget på ruten til sak {arkivsak}")
        check_name(role, f"Rollen på ruten til sak {arkivsak}")
    if ws.find_case(arkivsak) is not None:
        raise AlreadyExists(f"Saken {arkivsak} finnes allerede.", rule="exists")
    roles = load_workflow(workflow).roles
    if not route:
        raise RuleViolation(f"Saken {arkivsak} har ingen rute.")
    for body, role in route:
        body_named(ws.registry, body)
        if role not in roles:
            raise RuleViolation(f"Ukjent rolle «{role}» på ruten: arbeidsflyten «{workflow}» "
                                "har " + ", ".join(roles) + ".")
    paragraphs = as_paragraphs(recommendation)
    if without_recommendation and paragraphs:
        raise RuleViolation(f"Saken {arkivsak} legges fram uten innstilling, men har "
                            "recommendation: bruk det ene eller det andre.")
    if not without_recommendation and (not paragraphs or not all(paragraphs)):
        raise RuleViolation(f"Saken {arkivsak} mangler forslag til innstilling (eller "
                            "without_recommendation: true).")
    for number, paragraph in enumerate(paragraphs, 1):
        check_text(paragraph, f"Avsnitt {number} i forslaget til innstilling i sak {arkivsak}")
    event = ev.CaseOpened(
        arkivsak=arkivsak, title=title, workflow=workflow, prepared_by=prepared_by,
        prepared_date=prepared_date,
        recommendation=[ev.ParagraphData(id=f"rec#{i}", text=t)
                        for i, t in enumerate(paragraphs, 1)],
        route=[ev.Stage(body=b, role=r) for b, r in route],  # type: ignore[arg-type]
        without_recommendation=without_recommendation)
    case = new_case(event)
    ws.cases[arkivsak] = case
    ws.created.add(arkivsak)
    ws.loaded_versions[ev.case_stream(arkivsak)] = 0
    ws.pending.append((ev.case_stream(arkivsak), event))
    return case


def open_item(ws: Workspace, case: Case, *, body: str, date: str, sak: str,
              title: str | None = None, result_label: str | None = None) -> Item:
    """The body takes the case up in its meeting of `date`."""
    check_name(body, "Utvalget")
    check_name(sak, "Saksnummeret (sak)")
    check_optional_name(title, f"Tittelen på sak {sak}")
    check_optional_name(result_label, f"Resultat-etiketten på sak {sak}")
    body_named(ws.registry, body)
    date = parse_date(date, "møtet")
    meeting = meeting_key(body, date)
    not_approved(ws, meeting, f"sak {sak} kan ikke tas opp i møtet")
    workflow = load_workflow(case.workflow)
    if workflow.is_final("case", case.state):
        raise InvalidTransition(f"Saken {case.arkivsak} er {workflow.label('case', case.state)};"
                                " den kan ikke behandles igjen.", state=case.state,
                                trigger="take_up")
    if case.state not in workflow.roles:
        # Waiting outside the route (sent back to the administration): a new saksframlegg first.
        raise InvalidTransition(f"Saken {case.arkivsak} er {workflow.label('case', case.state)};"
                                " den behandles igjen når et nytt saksframlegg er lagt fram.",
                                state=case.state, trigger="take_up")
    if (open_ := case.open_item) is not None:
        raise InvalidTransition(f"Saken {case.arkivsak} er fortsatt åpen i «{open_.meeting}».",
                                state=open_.state, trigger="take_up")
    if case.item(meeting) is not None:
        raise AlreadyExists(f"Saken {case.arkivsak} er allerede behandlet i «{meeting}».")
    stage = _stage_for(case, body)
    _check_date_order(case, body, date,
                      hearing=load_workflow(case.workflow).is_hearing(case.route[stage].role))
    ws.emit_case(case, ev.ItemOpened(meeting=meeting, body=body, date=date, sak=str(sak),
                                     stage=stage, title=title, result_label=result_label))
    return case.items[-1]


def _check_date_order(case: Case, body: str, date: str, hearing: bool) -> None:
    """A case is handled in date order: never before the meeting that handled it last, and,
    except in a hearing (advisory bodies may be heard on a draft), never before its
    saksframlegg or a new one."""
    if case.items and date < case.items[-1].date:
        raise RuleViolation(
            f"Møtet {body} {date} er før «{case.items[-1].meeting}», der sak {case.arkivsak} "
            "allerede er behandlet; møtene må komme i datorekkefølge.", rule="date-order")
    latest = max([case.prepared_date or ""] + [r.date for r in case.resubmissions])
    if latest and date < latest and not hearing:
        raise RuleViolation(f"Møtet {body} {date} er før saksframlegget i sak {case.arkivsak} "
                            f"({latest}).", rule="date-order")


def _stage_for(case: Case, body: str) -> int:
    """The route stage at which `body` may take the case up now."""
    route = case.route
    candidates = [i for i, s in enumerate(route) if s.body == body]
    if not candidates:
        raise RuleViolation(f"«{body}» er ikke på ruten til sak {case.arkivsak}.", rule="route")
    start = end = case.stage
    role = route[start].role
    if load_workflow(case.workflow).is_hearing(role):
        # A hearing round: its bodies take the case up in any order.
        while start > 0 and route[start - 1].role == role:
            start -= 1
        while end + 1 < len(route) and route[end + 1].role == role:
            end += 1
        allowed = list(range(start, end + 1)) + ([end + 1] if end + 1 < len(route) else [])
    else:
        allowed = [start]
    for i in candidates:
        if i in allowed:
            return i
    current = route[case.stage]
    if max(candidates) > max(allowed):
        raise InvalidTransition(
            f"Sak {case.arkivsak} har ikke nådd «{body}» ennå: den ligger til {current.role} i "
            f"«{current.body}».", state=case.state, trigger="take_up")
    raise InvalidTransition(f"Sak {case.arkivsak} er allerede ferdig i «{body}»: den ligger "
                            f"til {current.role} i «{current.body}».",
                            state=case.state, trigger="take_up")


def not_approved(ws: Workspace, meeting: str, what: str) -> None:
    """An approved protocol takes nothing new: only a correction after approval."""
    if meeting in ws.approved_meetings:
        raise InvalidTransition(f"Protokollen for «{meeting}» er godkjent; {what} (en feil "
                                "rettes med «saksflyt correct --after-approval»).",
                                state="godkjent", trigger="change")


def close_item(ws: Workspace, case: Case, item: Item) -> None:
    not_approved(ws, item.meeting, "behandlingen kan ikke endres")
    if item.closed:
        raise InvalidTransition(f"Behandlingen i «{item.meeting}» er allerede avsluttet.",
                                state=item.state, trigger="close")
    ws.emit_case(case, ev.ItemClosed(meeting=item.meeting))


# --- the steps of an item --------------------------------------------------------------------

def apply_step(ws: Workspace, case: Case, item: Item, step: st._Step) -> None:
    """Check one step of an open item and emit its event."""
    not_approved(ws, item.meeting, "et nytt steg kan ikke føres")
    if item.closed:
        raise InvalidTransition(f"Behandlingen i «{item.meeting}» er avsluttet.",
                                state=item.state, trigger=step.step)  # type: ignore[attr-defined]
    load_workflow(case.workflow).check_step(item.state, step.step)  # type: ignore[attr-defined]
    event = DECIDERS[type(step)](ws, case, item, step)
    ws.emit_case(case, event)
