"""One function a command: check it against the state it needs, then emit its events.

A `Workspace` holds the state loaded from the store and the events emitted since; emitting
applies an event to the state at once, so the next command sees it. Nothing is written until
the caller appends `workspace.pending` to the store in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from engine.commands.pending import PendingEvents
from engine.domain import events as ev
from engine.domain import steps as st
from engine.domain import voting
from engine.domain.deliberation import RECOMMENDATION
from engine.domain.errors import AlreadyExists, InvalidTransition, NotFound, RuleViolation
from engine.domain.inputs import check_date, check_name, check_optional_name, check_text
from engine.domain.lifecycle import load_workflow
from engine.domain.state import Body, Case, Item, Registry, evolve_case, evolve_registry, new_case
from engine.domain.text import Text, as_paragraphs, has_words, id_at


@dataclass(eq=False)
class Workspace:
    registry: Registry
    cases: dict[str, Case] = field(default_factory=dict)
    case_loader: Callable[[str], Case | None] | None = None
    """Loads a case not yet in `cases` from the store (None: there is none)."""
    pending: PendingEvents = field(default_factory=PendingEvents)
    loaded_versions: dict[str, int] = field(default_factory=dict)
    """Each stream's version when it was loaded: the expected position for the append."""
    evicted: set[str] = field(default_factory=set)
    """Cases dropped from `cases` to save memory; rebuilt from the store and `pending` when
    needed again."""
    decided: int = 0
    """Cases evicted in a final state (the replay's progress line counts them)."""

    def case(self, arkivsak: str) -> Case:
        found = self.find_case(arkivsak)
        if found is None:
            raise NotFound(f"Saken {arkivsak} finnes ikke.")
        return found

    def find_case(self, arkivsak: str) -> Case | None:
        if arkivsak not in self.cases and (self.case_loader is not None
                                           or arkivsak in self.evicted):
            loaded = self.case_loader(arkivsak) if self.case_loader is not None else None
            stream = ev.case_stream(arkivsak)
            if loaded is not None:
                self.loaded_versions.setdefault(stream, loaded.version)
            if arkivsak in self.evicted:
                loaded = self._rebuild(loaded, stream)
            if loaded is not None:
                self.cases[arkivsak] = loaded
        return self.cases.get(arkivsak)

    def _rebuild(self, case: Case | None, stream: str) -> Case | None:
        self.evicted.discard(stream.removeprefix("sak:"))
        events = self.pending.events_of(stream)
        if case is None:
            first = events.pop(0)
            assert isinstance(first, ev.CaseOpened)
            case = new_case(first)
        for event in events:
            evolve_case(case, event, self.registry)
        if self.final(case):
            self.decided -= 1
        return case

    @staticmethod
    def final(case: Case) -> bool:
        """Whether the case is in a final state of its workflow (decided, withdrawn...)."""
        return load_workflow(case.workflow).is_final("case", case.state)

    def evict(self, arkivsak: str) -> None:
        """Drop a case's state (its events stay pending); `case()` rebuilds it."""
        case = self.cases.pop(arkivsak, None)
        if case is not None:
            self.evicted.add(arkivsak)
            if self.final(case):
                self.decided += 1

    def emit_registry(self, event: ev.Event) -> None:
        self.loaded_versions.setdefault(ev.REGISTRY_STREAM, self.registry.version)
        evolve_registry(self.registry, event)
        self.pending.append((ev.REGISTRY_STREAM, event))

    def emit_case(self, case: Case, event: ev.Event) -> None:
        self.loaded_versions.setdefault(ev.case_stream(case.arkivsak), case.version)
        evolve_case(case, event, self.registry)
        self.pending.append((ev.case_stream(case.arkivsak), event))


# --- the register ----------------------------------------------------------------------------

def register_party(ws: Workspace, short: str, name: str) -> None:
    check_name(short, "Partiforkortelsen")
    check_name(name, f"Partinavnet til {short}")
    if short in ws.registry.parties:
        raise AlreadyExists(f"Partiet {short} finnes allerede.", rule="exists")
    if not short.strip() or any(c.isdigit() or c in ", " for c in short):
        raise RuleViolation(f"Ugyldig partiforkortelse «{short}»: bruk bokstaver, som «Ap».")
    ws.emit_registry(ev.PartyRegistered(short=short, name=name))


def register_body(ws: Workspace, name: str, kind: str, seats: dict[str, int] | None) -> None:
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
    ws.emit_registry(ev.BodyRegistered(name=name, kind=kind, seats=seats))  # type: ignore[arg-type]


def register_person(ws: Workspace, name: str, affiliation: str | None) -> None:
    check_name(name, "Personnavnet")
    check_optional_name(affiliation, f"Tilhørigheten til {name}")
    if name in ws.registry.people:
        raise AlreadyExists(f"Personen «{name}» finnes allerede.", rule="exists")
    ws.emit_registry(ev.PersonRegistered(name=name, affiliation=affiliation))


def name_municipality(ws: Workspace, name: str) -> None:
    check_name(name, "Kommunenavnet")
    if ws.registry.municipality != name:
        ws.emit_registry(ev.MunicipalityNamed(name=name))


# --- cases and items -------------------------------------------------------------------------

def open_case(ws: Workspace, *, arkivsak: str, title: str, recommendation: str | list[str],
              route: list[tuple[str, str]], workflow: str = "politisk-sak",
              prepared_by: str | None = None, prepared_date: str | None = None) -> Case:
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
        _body(ws.registry, body)
        if role not in roles:
            raise RuleViolation(f"Ukjent rolle «{role}» på ruten: arbeidsflyten «{workflow}» "
                                "har " + ", ".join(roles) + ".")
    paragraphs = as_paragraphs(recommendation)
    if not paragraphs or not all(paragraphs):
        raise RuleViolation(f"Saken {arkivsak} mangler forslag til innstilling.")
    for number, paragraph in enumerate(paragraphs, 1):
        check_text(paragraph, f"Avsnitt {number} i forslaget til innstilling i sak {arkivsak}")
    event = ev.CaseOpened(
        arkivsak=arkivsak, title=title, workflow=workflow, prepared_by=prepared_by,
        prepared_date=prepared_date,
        recommendation=[ev.ParagraphData(id=f"rec#{i}", text=t)
                        for i, t in enumerate(paragraphs, 1)],
        route=[ev.Stage(body=b, role=r) for b, r in route])  # type: ignore[arg-type]
    case = new_case(event)
    ws.cases[arkivsak] = case
    ws.loaded_versions[ev.case_stream(arkivsak)] = 0
    ws.pending.append((ev.case_stream(arkivsak), event))
    return case


def meeting_key(body: str, date: str) -> str:
    return f"{body} {date}"


def parse_date(value: str, what: str) -> str:
    return check_date(value, what)


def open_item(ws: Workspace, case: Case, *, body: str, date: str, sak: str,
              title: str | None = None, result_label: str | None = None) -> Item:
    """The body takes the case up in its meeting of `date`."""
    check_name(body, "Utvalget")
    check_name(sak, "Saksnummeret (sak)")
    check_optional_name(title, f"Tittelen på sak {sak}")
    check_optional_name(result_label, f"Resultat-etiketten på sak {sak}")
    _body(ws.registry, body)
    date = parse_date(date, "møtet")
    meeting = meeting_key(body, date)
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
    _check_date_order(case, body, date, hearing=case.route[stage].role == "uttalelse")
    ws.emit_case(case, ev.ItemOpened(meeting=meeting, body=body, date=date, sak=str(sak),
                                     stage=stage, title=title, result_label=result_label))
    return case.items[-1]


def _check_date_order(case: Case, body: str, date: str, hearing: bool) -> None:
    """A case is handled in date order: never before the meeting that handled it last, and,
    except in a hearing (advisory bodies may be heard on a draft), never before its
    saksframlegg or a new one."""
    for item in reversed(case.items):
        if date < item.date:
            raise RuleViolation(
                f"Møtet {body} {date} er før «{item.meeting}», der sak {case.arkivsak} "
                "allerede er behandlet; møtene må komme i datorekkefølge.", rule="date-order")
        break
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
    if route[start].role == "uttalelse":
        while start > 0 and route[start - 1].role == "uttalelse":
            start -= 1
        while end + 1 < len(route) and route[end + 1].role == "uttalelse":
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


def close_item(ws: Workspace, case: Case, item: Item) -> None:
    if item.closed:
        raise InvalidTransition(f"Behandlingen i «{item.meeting}» er allerede avsluttet.",
                                state=item.state, trigger="close")
    ws.emit_case(case, ev.ItemClosed(meeting=item.meeting))


# --- the steps of an item --------------------------------------------------------------------

def apply_step(ws: Workspace, case: Case, item: Item, step: st._Step) -> None:
    """Check one step of an open item and emit its event."""
    if item.closed:
        raise InvalidTransition(f"Behandlingen i «{item.meeting}» er avsluttet.",
                                state=item.state, trigger=step.step)  # type: ignore[attr-defined]
    load_workflow(case.workflow).check_step(item.state, step.step)  # type: ignore[attr-defined]
    event = _DECIDERS[type(step)](ws, case, item, step)
    ws.emit_case(case, event)


def _note(ws: Workspace, case: Case, item: Item, step: st.Note) -> ev.Event:
    return ev.NoteRecorded(meeting=item.meeting, text=step.text.strip())


def _rapporteur(ws: Workspace, case: Case, item: Item, step: st.Rapporteur) -> ev.Event:
    _person(ws.registry, step.person)
    return ev.RapporteurNamed(meeting=item.meeting, person=step.person)


def _impartiality(ws: Workspace, case: Case, item: Item, step: st.Impartiality) -> ev.Event:
    _person(ws.registry, step.person)
    return ev.ImpartialityRuled(meeting=item.meeting, person=step.person, ruling=step.ruling,
                                text=step.text.strip() if step.text else None)


def _present(ws: Workspace, case: Case, item: Item, step: st.Present) -> ev.Event:
    seats = _body(ws.registry, item.body).seats
    for party, n in step.present.items():
        _party(ws.registry, party)
        if n < 0 or (seats is not None and n > seats.get(party, 0)):
            raise RuleViolation(f"{n} til stede fra {party}, men {party} har "
                                f"{(seats or {}).get(party, 0)} seter i {item.body}.",
                                rule="present")
    return ev.AttendanceSet(meeting=item.meeting, present=dict(step.present))


def _propose(ws: Workspace, case: Case, item: Item, step: st.Propose) -> ev.Event:
    if case.proposal(step.id) is not None:
        raise AlreadyExists(f"Forslaget «{step.id}» finnes allerede i sak {case.arkivsak}.")
    _person(ws.registry, step.by)
    if step.by in item.inhabil:
        raise RuleViolation(f"{step.by} er inhabil og har fratrådt behandlingen.",
                            rule="inhabil")
    for party in step.on_behalf_of:
        _party(ws.registry, party)
    if step.revises is not None and case.proposal(step.revises) is None:
        raise NotFound(f"revises: forslaget «{step.revises}» finnes ikke i sak "
                       f"{case.arkivsak}.")
    return ev.ProposalMade(
        meeting=item.meeting, id=step.id, by=step.by, kind=step.kind,
        on_behalf_of=list(step.on_behalf_of), label=step.label, revises=step.revises,
        effect=_effect(item, step))


def _effect(item: Item, step: st.Propose) -> ev.Effect:
    """The proposal's effect with paragraph numbers resolved against the item's base text."""
    base = item.base
    prefix = f"p:{step.id}#"

    def new(value: str | list[str]) -> list[ev.ParagraphData]:
        paragraphs = as_paragraphs(value)
        if not all(paragraphs):
            raise RuleViolation(f"Forslaget «{step.id}» har et tomt avsnitt.")
        return [ev.ParagraphData(id=f"{prefix}{i}", text=t) for i, t in enumerate(paragraphs, 1)]

    match step.effect_kind:
        case "add":
            assert step.add is not None
            if step.at is None:
                return ev.Effect(kind="add", paragraphs=new(step.add))
            limit = len(base) + 1 if item.role != "uttalelse" else None
            if step.at < 1 or (limit is not None and step.at > limit):
                raise _no_paragraph(item, step.at, "at")
            anchor = id_at(base, step.at) if item.role != "uttalelse" else None
            return ev.Effect(kind="add", paragraphs=new(step.add), numbers=[step.at],
                             targets=[anchor] if anchor else [])
        case "replace":
            assert step.replace is not None and step.text is not None
            texts = new(step.text)
            if len(texts) != 1:
                raise RuleViolation(f"replace: {step.replace} gir avsnittet én ny tekst, ikke "
                                    f"{len(texts)}.")
            target = _resolve(item, step.replace, "replace")
            return ev.Effect(kind="replace", paragraphs=[
                ev.ParagraphData(id=target, text=texts[0].text)], numbers=[step.replace],
                targets=[target])
        case "amend":
            assert step.amend is not None
            target = _resolve(item, step.amend.paragraph, "amend")
            paragraph = next(p for p in base if p.id == target)
            if not has_words(paragraph.text, step.amend.old):
                raise RuleViolation(
                    f"amend: «{step.amend.old}» står ikke i avsnitt {step.amend.paragraph}.",
                    rule="amend-words")
            return ev.Effect(kind="amend", numbers=[step.amend.paragraph], targets=[target],
                             old=step.amend.old, new=step.amend.new)
        case "strike":
            assert step.strike is not None
            if not step.strike:
                raise RuleViolation("strike nevner ingen avsnitt.")
            return ev.Effect(kind="strike", numbers=list(step.strike),
                             targets=[_resolve(item, n, "strike") for n in step.strike])
    assert step.text is not None
    return ev.Effect(kind="text", paragraphs=new(step.text))


def _no_paragraph(item: Item, number: int, key: str) -> RuleViolation:
    return RuleViolation(f"{key}: innstillingen har ikke avsnitt {number} (den har "
                         f"{len(item.base)}).", rule="paragraph")


def _resolve(item: Item, number: int, key: str) -> str:
    pid = id_at(item.base, number)
    if pid is None:
        raise _no_paragraph(item, number, key)
    return pid


def _withdraw(ws: Workspace, case: Case, item: Item, step: st.Withdraw) -> ev.Event:
    proposal = item.proposals.get(step.id)
    if proposal is None:
        raise NotFound(f"Forslaget «{step.id}» finnes ikke i denne behandlingen.")
    if proposal.status == "withdrawn":
        raise RuleViolation(f"Forslaget «{step.id}» er allerede trukket.", rule="withdrawn")
    if item.voted_on(step.id):
        raise RuleViolation(f"Forslaget «{step.id}» er allerede votert over og kan ikke "
                            "trekkes.", rule="voted")
    return ev.ProposalWithdrawn(meeting=item.meeting, id=step.id)


def present_counts(registry: Registry, item: Item) -> dict[str, int] | None:
    """Members present per party for the item's next vote; None when unknown (a body without
    seats and no `present` step)."""
    seats = _body(registry, item.body).seats
    if seats is None and not item.present:
        return None
    # Without seats, a `present` step is the whole attendance.
    counts = {**(seats or {}), **item.present}
    # Forfall (unless a `present` step already counted that party) and inhabil members leave
    # their party's count; a varamedlem takes the member's seat back.
    leaving = [p for p in item.absent if registry.party_of(p) not in item.present]
    for person in leaving + item.inhabil:
        party = registry.party_of(person)
        if party in counts:
            counts[party] = max(0, counts[party] - 1)
    for deputy, member in item.deputies:
        party = registry.party_of(member) or registry.party_of(deputy)
        if party in counts:
            counts[party] += 1
    return counts


def _vote(ws: Workspace, case: Case, item: Item, step: st.Vote) -> ev.Event:
    sides = list(step.between) if step.between else [step.on]  # type: ignore[list-item]
    for side in sides:
        _check_subject(item, side)
    rules = load_workflow(case.workflow).rules
    pending = [p for p in item.proposals.values() if p.kind == "utsettelsesforslag"
               and p.status == "proposed" and not item.voted_on(p.id)]
    if rules.postponement_first and pending and not set(sides) & {p.id for p in pending}:
        raise RuleViolation(
            f"Utsettelsesforslaget «{pending[0].id}» må voteres over først.",
            rule="postponement-first")
    numbers = step.parts or step.except_
    for n in numbers:
        if id_at(item.base, n) is None:
            raise _no_paragraph(item, n, "parts" if step.parts else "except")
    part_ids: list[str] = []
    if RECOMMENDATION in sides:
        if step.parts:
            part_ids = [id_at(item.base, n) for n in step.parts]  # type: ignore[misc]
        else:
            excluded = {id_at(item.base, n) for n in step.except_}
            part_ids = [p.id for p in item.base if p.id not in excluded]
    elif numbers:
        raise RuleViolation("parts og except hører til en votering over innstillingen.")
    present = present_counts(ws.registry, item)
    votes_for = voting.parse_tally(step.for_)
    votes_against = voting.parse_tally(step.against)
    try:
        voting.check_tally(votes_for, ws.registry.parties, present)
        voting.check_tally(votes_against, ws.registry.parties, present)
        if present is not None and votes_for and votes_against:
            for party, n in present.items():
                both = dict(votes_for).get(party, 0) + dict(votes_against).get(party, 0)
                if both > n:
                    raise RuleViolation(f"{both} stemmer fra {party}, men {party} har bare {n} "
                                        "medlemmer til stede.", rule="tally-exceeds-present")
    except RuleViolation as exc:
        # Say why a party has fewer members than seats: an inhabil member's vote never counts.
        left = [p for p in item.inhabil if f"fra {ws.registry.party_of(p)}," in str(exc)]
        if exc.rule != "tally-exceeds-present" or not left:
            raise
        raise RuleViolation(f"{exc} Inhabil og fratrådt: {', '.join(left)}.",
                            rule=exc.rule) from None
    present_total = sum(present.values()) if present is not None else None
    if step.between:
        if step.result == "falt":
            raise RuleViolation("I en alternativ votering vinner ett alternativ: bruk winner, "
                                "ikke result: falt.", rule="alternative")
        n_win, n_lose = _alternative_counts(votes_for, votes_against, step.unanimous,
                                            present_total)
        if n_win is not None and n_lose is not None and n_lose > n_win:
            raise RuleViolation(
                f"«{step.winner}» kan ikke vinne med {n_win} mot {n_lose} stemmer.",
                rule="result-contradicts")
        _check_one_winner(item, step.winner, part_ids)
        return ev.VoteHeld(
            meeting=item.meeting, between=sides, winner=step.winner, parts=list(step.parts),
            part_ids=part_ids, votes_for=list(votes_for) if votes_for else None,
            votes_against=list(votes_against) if votes_against else None,
            unanimous=step.unanimous, result="vedtatt", stated_result=step.result,
            casting_vote=n_win is not None and n_win == n_lose, n_for=n_win, n_against=n_lose)
    if rules.majority == "qualified":
        from engine.domain.procedure import count_qualified

        counted = count_qualified(votes_for=votes_for, votes_against=votes_against,
                                  unanimous=step.unanimous, stated=step.result,
                                  present_total=present_total, share=rules.qualified_share)
    else:
        counted = voting.count(votes_for=votes_for, votes_against=votes_against,
                               unanimous=step.unanimous, stated=step.result,
                               present_total=present_total)
    if counted.result == "vedtatt":
        _check_one_winner(item, step.on, part_ids)
    return ev.VoteHeld(
        meeting=item.meeting, on=step.on, parts=list(step.parts),
        except_parts=list(step.except_), part_ids=part_ids,
        votes_for=list(votes_for) if votes_for else None,
        votes_against=list(votes_against) if votes_against else None,
        unanimous=step.unanimous, result=counted.result,  # type: ignore[arg-type]
        stated_result=step.result, casting_vote=counted.casting_vote,
        n_for=counted.votes_for, n_against=counted.votes_against)


def _check_one_winner(item: Item, winner: str | None, part_ids: list[str]) -> None:
    """Two alternatives cannot both win: a second alternativt forslag adopted, or the
    recommendation adopted on paragraphs it already lost in an alternative vote."""
    proposal = item.proposals.get(winner or "")
    if proposal is not None and proposal.kind == "alternativt forslag":
        for other in item.proposals.values():
            if other.kind == "alternativt forslag" and other.status == "adopted":
                raise RuleViolation(f"«{winner}» og «{other.id}» er alternativer og kan ikke "
                                    "begge vinne.", rule="alternative")
    if winner == RECOMMENDATION:
        for vote in item.votes:
            if (vote.between and RECOMMENDATION in vote.between
                    and vote.winner != RECOMMENDATION and set(vote.part_ids) & set(part_ids)):
                raise RuleViolation(f"Innstillingen tapte alt mot «{vote.winner}»; to "
                                    "alternativer kan ikke begge vinne.", rule="alternative")


def _alternative_counts(votes_for: voting.Tally | None, votes_against: voting.Tally | None,
                        unanimous: bool, present_total: int | None,
                        ) -> tuple[int | None, int | None]:
    """Votes for the winner and for the loser of an alternative vote, where known."""
    if unanimous:
        return present_total, 0
    return voting.sides(votes_for, votes_against, present_total)


def _check_subject(item: Item, subject: str) -> None:
    if subject == RECOMMENDATION:
        return
    proposal = item.proposals.get(subject)
    if proposal is None:
        raise NotFound(f"Det finnes ikke noe forslag «{subject}» i denne behandlingen.")
    if proposal.status == "withdrawn":
        raise RuleViolation(f"Forslaget «{subject}» er trukket.", rule="withdrawn")
    if proposal.kind == "merknad":
        raise RuleViolation(f"«{subject}» er en merknad; det voteres ikke over merknader.",
                            rule="remark")
    if item.voted_on(subject):
        raise RuleViolation(f"Det er allerede votert over forslaget «{subject}».",
                            rule="voted")


def _join(ws: Workspace, case: Case, item: Item, step: st.Join) -> ev.Event:
    proposal = item.proposals.get(step.remark)
    if proposal is None:
        raise NotFound(f"Det finnes ingen merknad «{step.remark}» i denne behandlingen.")
    if proposal.kind != "merknad":
        raise RuleViolation(f"«{step.remark}» er et {proposal.kind}, ikke en merknad.",
                            rule="remark")
    if proposal.status == "withdrawn":
        raise RuleViolation(f"Merknaden «{step.remark}» er trukket.", rule="withdrawn")
    if not step.parties:
        raise RuleViolation("join nevner ingen partier.")
    for party in step.parties:
        _party(ws.registry, party)
    return ev.RemarkJoined(meeting=item.meeting, remark=step.remark, parties=list(step.parties))


def _take_note(ws: Workspace, case: Case, item: Item, step: st.TakeNote) -> ev.Event:
    paragraphs = as_paragraphs(step.text)
    prefix = f"orientering:{item.body}:{item.date}#"
    return ev.TakenNote(meeting=item.meeting, paragraphs=[
        ev.ParagraphData(id=f"{prefix}{i}", text=t) for i, t in enumerate(paragraphs, 1)])


def _postpone(ws: Workspace, case: Case, item: Item, step: st.Postpone) -> ev.Event:
    to = parse_date(step.to, "to") if step.to is not None else None
    if to is not None and to <= item.date:
        raise RuleViolation(f"Saken kan ikke utsettes til {to}, som ikke er etter møtet "
                            f"{item.date}.", rule="postpone-date")
    return ev.Postponed(meeting=item.meeting, to=to, text=step.text.strip())


_DECIDERS: dict[type, Callable[..., ev.Event]] = {
    st.Note: _note, st.Rapporteur: _rapporteur, st.Impartiality: _impartiality,
    st.Present: _present, st.Propose: _propose, st.Withdraw: _withdraw, st.Vote: _vote,
    st.Join: _join, st.TakeNote: _take_note, st.Postpone: _postpone,
}


def _register_returns() -> None:
    # Sending back and referring live in their own module (engine/returns.py).
    from engine.commands.returns import DECIDERS

    _DECIDERS.update(DECIDERS)


_register_returns()


# --- look-ups --------------------------------------------------------------------------------

def _body(registry: Registry, name: str) -> Body:
    body = registry.bodies.get(name)
    if body is None:
        raise NotFound(f"Utvalget «{name}» finnes ikke{_did_you_mean(name, registry.bodies)}.")
    return body


def _person(registry: Registry, name: str) -> None:
    if name not in registry.people:
        raise NotFound(f"Personen «{name}» finnes ikke{_did_you_mean(name, registry.people)}.")


def _party(registry: Registry, short: str) -> None:
    if short not in registry.parties:
        raise NotFound(f"Partiet «{short}» finnes ikke{_did_you_mean(short, registry.parties)}.")


def _did_you_mean(name: str, known: object) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(known), n=1)  # type: ignore[call-overload]
    return f" (mente du «{close[0]}»?)" if close else ""


def text_of(text: Text) -> list[str]:
    return [p.text for p in text]
