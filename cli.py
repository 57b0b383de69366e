"""The saksflyt command line: parse, call the engine, print. No domain logic here.

Only click is imported at start-up; every command imports what it needs, so `--help` and
shell completion stay fast.
"""

from __future__ import annotations

import functools
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

DEFAULT_DB = "sqlite:///saksflyt.db"


class Context:
    def __init__(self, db: str, actor: str | None) -> None:
        self.db = db
        self.actor = actor

    def store(self) -> Any:
        from engine.store.eventstore import EventStore

        return EventStore(self.db)


def engine_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the engine's own errors into one line on standard error and exit status 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from engine.domain.errors import SaksflytError

        try:
            return func(*args, **kwargs)
        except SaksflytError as exc:
            click.echo(f"Feil: {exc}", err=True)
            sys.exit(2)

    return wrapper


pass_ctx = click.make_pass_decorator(Context)


def _actor() -> str | None:
    try:
        return os.environ.get("SAKSFLYT_USER") or getpass.getuser()
    except Exception:
        return None


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--db", envvar="SAKSFLYT_DB", default=DEFAULT_DB, show_default=True,
              help="Databasen: en SQLAlchemy-URL (SQLite-fil eller PostgreSQL). "
                   "Leses også fra SAKSFLYT_DB.")
@click.version_option(package_name="saksflyt", prog_name="saksflyt")
@click.pass_context
def main(ctx: click.Context, db: str) -> None:
    """saksflyt: saksbehandling for bystyresekretariatet.

    Fører forslag og voteringer i møtene, og lager vedtak, saksprotokoller og revisjonsspor
    fra protokollen alene.

    \b
    Eksempel:
      saksflyt replay examples/19-8286.yaml --out protokoller
      saksflyt vedtak 19/8286
    """
    ctx.obj = Context(db, _actor())


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path),
              help="Skriv også alle saksprotokoller og saksdokumentene til denne mappen.")
@click.option("--until", metavar="ÅÅÅÅ-MM-DD",
              help="Stopp etter møtene denne datoen (før livelogging videre).")
@pass_ctx
@engine_errors
def replay(ctx: Context, file: Path, out: Path | None, until: str | None) -> None:
    """Spill av et scenario (møte for møte) inn i databasen.

    Hele scenarioet sjekkes før noe lagres: et avvist scenario sier på én linje hva og hvor,
    avslutter med status 2 og lar databasen være som den var.

    \b
    Eksempel:
      saksflyt replay examples/19-8286.yaml
      saksflyt replay examples/19-8286.yaml --out protokoller
      saksflyt replay examples/19-8286.yaml --until 2019-06-13
    """
    from engine.app.repository import commit, workspace
    from engine.scenario.apply import apply_scenario

    store = ctx.store()
    ws = workspace(store)
    progress = _ReplayProgress(ws)
    summary = apply_scenario(ws, file, progress=progress.meeting if progress.on else None,
                             until=until)
    progress.storing()
    written = commit(store, ws, actor=ctx.actor)
    progress.done()
    click.echo(f"Spilte av {file.name}: {len(summary.cases)} sak(er), {summary.meetings} møter, "
               f"{summary.items} behandlinger, {written} hendelser lagret.")
    if out is not None:
        from documents.files import write_case_documents

        for arkivsak in summary.cases:
            for path in write_case_documents(store, arkivsak, out):
                click.echo(f"  skrev {path}")


@main.command()
@click.argument("arkivsak")
@click.option("--meeting", metavar='"UTVALG ÅÅÅÅ-MM-DD"',
              help="Hva dette møtet vedtok i saken (innstilling, uttalelse, utsettelse).")
@pass_ctx
@engine_errors
def vedtak(ctx: Context, arkivsak: str, meeting: str | None) -> None:
    """Skriv ut sakens vedtak med merknader, avsnitt for avsnitt.

    \b
    Eksempel:
      saksflyt vedtak 19/8286
      saksflyt vedtak 19/8286 --meeting "Finans- og næringskomiteen 2019-05-28"
    """
    from documents.decision import decision_text
    from engine.app.repository import require_case
    from engine.read.views import find_item

    _, case = require_case(ctx.store(), arkivsak)
    if meeting is None:
        item = next((i for i in reversed(case.items) if i.outcome is not None
                     and i.role == "vedtak" and i.outcome.kind != "postponed"), None)
        if case.decision is None or item is None:
            click.echo(f"Sak {arkivsak} har ikke noe vedtak ennå ({case.state}).", err=True)
            sys.exit(1)
    else:
        item = find_item(case, meeting)
        if item.outcome is None:
            click.echo(f"Behandlingen i «{item.meeting}» er ikke avsluttet ennå.", err=True)
            sys.exit(1)
    click.echo(decision_text(case, item), nl=False)


@main.group(name="case")
def case_group() -> None:
    """Saker: vis en sak og hvor den står."""


@case_group.command(name="show")
@click.argument("arkivsak")
@click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")
@pass_ctx
@engine_errors
def case_show(ctx: Context, arkivsak: str, as_json: bool) -> None:
    """Vis en sak: tittel, ruten med utfallet i hvert ledd, og hvor saken står nå.

    \b
    Eksempel:
      saksflyt case show 19/8286
    """
    from engine.app.repository import require_case
    from engine.read.views import case_overview

    _, case = require_case(ctx.store(), arkivsak)
    overview = case_overview(case)
    if as_json:
        import json

        click.echo(json.dumps(overview, ensure_ascii=False, indent=2))
        return
    click.echo(f"Sak {overview['arkivsak']}: {overview['title']}")
    click.echo(f"Status: {overview['status']}")
    for again in overview.get("resubmissions", []):
        click.echo(f"Nytt saksframlegg {again['date']} (runde {again['round']}), tas opp i "
                   f"{again['at']}")
    if overview.get("withdrawn"):
        gone = overview["withdrawn"]
        click.echo(f"Trukket {gone['date']}" + (f" av {gone['by']}" if gone["by"] else "")
                   + f": {gone['text']}")
    click.echo("Rute:")
    for stage in overview["route"]:
        marker = "→" if stage["current"] else " "
        click.echo(f" {marker} {stage['number']}. {stage['body']} ({stage['role']})")
        for meeting in stage["meetings"]:
            click.echo(f"      {meeting['date']}  sak {meeting['sak']}: {meeting['outcome']}")


# --- shared deployment: database, export and import ---


def _shown_url(url: str) -> str:
    import sqlalchemy as sa

    return sa.make_url(url).render_as_string(hide_password=True)


@main.group(name="db")
def db_group() -> None:
    """Databasen: skjemaversjon og oppgradering (SQLite eller PostgreSQL)."""


@db_group.command(name="upgrade")
@pass_ctx
@engine_errors
def db_upgrade(ctx: Context) -> None:
    """Oppgrader databasens skjema til det denne versjonen av saksflyt bruker.

    Alt skjer i én transaksjon; hendelsene og hashene røres ikke. En tom database får
    hele skjemaet.

    \b
    Eksempel:
      saksflyt --db postgresql+psycopg://saksflyt@localhost/saksflyt db upgrade
    """
    from engine.store.migrations import upgrade

    before, after = upgrade(ctx.store())
    if before == after:
        click.echo(f"Databasen er allerede oppdatert ({after}).")
    elif before is None:
        click.echo(f"Opprettet skjemaet i {_shown_url(ctx.db)} ({after}).")
    else:
        click.echo(f"Oppgraderte databasen fra {before} til {after}.")


@db_group.command(name="status")
@pass_ctx
@engine_errors
def db_status(ctx: Context) -> None:
    """Vis hvilken skjemaversjon databasen har, og om den må oppgraderes (status 1).

    \b
    Eksempel:
      saksflyt db status
    """
    from engine.store.migrations import status

    found = status(ctx.store())
    click.echo(f"Database: {_shown_url(ctx.db)}")
    if found.current is None:
        click.echo(f"Skjema: ingen ennå (nyeste er {found.head}). En SQLite-fil lages ved "
                   "første skriving; ellers kjør «saksflyt db upgrade».")
    elif found.unknown:
        click.echo(f"Skjema: {found.current}, ukjent for denne versjonen av saksflyt (nyeste "
                   f"den kjenner er {found.head}): oppgrader saksflyt.")
        sys.exit(1)
    elif found.up_to_date:
        click.echo(f"Skjema: {found.current} (nyeste).")
    else:
        click.echo(f"Skjema: {found.current}; {len(found.pending)} oppgradering(er) venter:")
        for revision in found.pending:
            click.echo(f"  {revision.id}: {revision.doc.splitlines()[0]}")
        click.echo("Kjør «saksflyt db upgrade».")
        sys.exit(1)


@main.command(name="export")
@click.argument("arkivsak", required=False)
@click.option("--all", "everything", is_flag=True, help="Eksporter hele databasen.")
@click.option("-o", "--out", "out", required=True,
              type=click.Path(dir_okay=False, path_type=Path), help="Filen (JSON Lines).")
@pass_ctx
@engine_errors
def export_cmd(ctx: Context, arkivsak: str | None, everything: bool, out: Path) -> None:
    """Eksporter hendelsesloggen for én sak (med registeret) eller alt, med hashene.

    Filen kan leses inn i en annen database med «saksflyt import».

    \b
    Eksempel:
      saksflyt export 19/8286 -o 19-8286.jsonl
      saksflyt export --all -o alt.jsonl
    """
    from engine.store.transfer import export_file

    if everything == (arkivsak is not None):
        raise click.UsageError("Oppgi enten ARKIVSAK eller --all.")
    counts = export_file(ctx.store(), arkivsak, out)
    click.echo(f"Eksporterte {counts.events} hendelser i {counts.streams} strømmer til {out}.")


@main.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_ctx
@engine_errors
def import_cmd(ctx: Context, file: Path) -> None:
    """Les inn en eksport fra «saksflyt export», med hashene urørt.

    Hashkjedene sjekkes før noe skrives. En sak som finnes fra før avvises (status 2), og da
    skrives ingenting; registeret godtas når det stemmer med databasens.

    \b
    Eksempel:
      saksflyt --db postgresql+psycopg://saksflyt@localhost/saksflyt import 19-8286.jsonl
    """
    from engine.store.transfer import import_file

    counts = import_file(ctx.store(), file)
    click.echo(f"Importerte {counts.events} hendelser i {counts.streams} strømmer fra "
               f"{file.name}.")


# --- live meeting logging ---


def _completer(kind: str) -> Callable[..., list[Any]]:
    """Tab completion from the store: bodies, meetings, people or the open item's proposals."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from click.shell_completion import CompletionItem

        try:
            from engine.app.meetings import completions
            from engine.store.eventstore import EventStore

            db = ctx.find_root().params.get("db") or os.environ.get("SAKSFLYT_DB", DEFAULT_DB)
            names = completions(EventStore(db), kind)
        except Exception:  # completion must never break the shell
            return []
        return [CompletionItem(n) for n in names if n.lower().startswith(incomplete.lower())]

    return complete


def _target(func: Callable[..., Any]) -> Callable[..., Any]:
    """--meeting and --case: act on another item than the open one."""
    func = click.option("--case", "arkivsak", metavar="ARKIVSAK",
                        help="Saken (arkivsak), hvis ikke den åpne.")(func)
    return click.option("--meeting", metavar='"UTVALG ÅÅÅÅ-MM-DD"',
                        shell_complete=_completer("meetings"),
                        help="Møtet, hvis ikke den åpne sakens.")(func)


def _text(values: tuple[str, ...] | list[str], file: str | None) -> str | list[str] | None:
    """Paragraphs from repeated options, or from a file (`-`: standard input)."""
    from engine.app.live import paragraphs_of, text_value

    if file is not None:
        with click.open_file(file, encoding="utf-8") as handle:
            return text_value(paragraphs_of(handle.read()))
    return text_value([sys.stdin.read().strip() if v == "-" else v for v in values])


def _step(ctx: Context, kind: str, values: dict[str, Any], meeting: str | None = None,
          arkivsak: str | None = None) -> None:
    """Build the step from its options, let the engine check it on the item, store it."""
    from engine.app.live import build_step, short_id, vote_summary
    from engine.app.meetings import LiveSession
    from engine.commands.deciders import apply_step

    session = LiveSession(ctx.store())
    case, item = session.target(meeting, arkivsak)
    generated = kind == "propose" and not values.get("id")
    if generated:
        values["id"] = short_id(values.get("by") or "", [p.id for i in case.items
                                                         for p in i.proposals.values()])
    step = build_step(kind, values)
    apply_step(session.ws, case, item, step)
    session.commit(ctx.actor)
    where = f"«{item.meeting}», sak {item.sak}"
    if kind == "propose":
        click.echo(f"Forslag «{values['id']}» ført i {where}."
                   + (" (Id-en ble laget automatisk.)" if generated else ""))
    elif kind == "vote":
        click.echo(f"Votering {len(item.votes)} ført i {where}: {vote_summary(item.votes[-1])}.")
    else:
        click.echo(f"{kind.replace('_', '-')} ført i {where}.")


def _json(data: Any) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@main.group(name="party")
def party_group() -> None:
    """Partier i registeret."""


@party_group.command(name="add")
@click.argument("short")
@click.argument("name")
@pass_ctx
@engine_errors
def party_add(ctx: Context, short: str, name: str) -> None:
    """Registrer et parti: forkortelse og fullt navn.

    \b
    Eksempel:
      saksflyt party add MDG "Miljøpartiet De Grønne"
    """
    from engine.app.meetings import LiveSession
    from engine.commands.deciders import register_party

    session = LiveSession(ctx.store())
    register_party(session.ws, short, name)
    session.commit(ctx.actor)
    click.echo(f"Partiet {short} ({name}) er registrert.")


@main.group(name="body")
def body_group() -> None:
    """Utvalg i registeret: bystyret, komiteer og råd."""


@body_group.command(name="add")
@click.argument("name")
@click.option("--kind", type=click.Choice(["council", "committee", "advisory"]), required=True,
              help="council (bystyret), committee (komité) eller advisory (råd).")
@click.option("--seats", metavar='"28Ap, 14H"', help="Setene per parti, i protokollens notasjon.")
@pass_ctx
@engine_errors
def body_add(ctx: Context, name: str, kind: str, seats: str | None) -> None:
    """Registrer et utvalg, med setene per parti der stemmetall skal sjekkes.

    \b
    Eksempel:
      saksflyt body add Bystyret --kind council --seats "28Ap, 14H, 5MDG"
    """
    from engine.app.meetings import LiveSession
    from engine.commands.deciders import register_body
    from engine.domain.voting import parse_seats

    session = LiveSession(ctx.store())
    register_body(session.ws, name, kind, parse_seats(seats))
    session.commit(ctx.actor)
    click.echo(f"Utvalget «{name}» er registrert.")


@main.group(name="person")
def person_group() -> None:
    """Personer i registeret: representanter, tjenestefolk, grupper som fremmer forslag."""


@person_group.command(name="add")
@click.argument("name")
@click.option("--affiliation", metavar="PARTI", help="Parti (forkortelse) eller annen tilhørighet.")
@pass_ctx
@engine_errors
def person_add(ctx: Context, name: str, affiliation: str | None) -> None:
    """Registrer en person, med parti eller annen tilhørighet.

    \b
    Eksempel:
      saksflyt person add "Silje Salomonsen" --affiliation SV
    """
    from engine.app.meetings import LiveSession
    from engine.commands.deciders import register_person

    session = LiveSession(ctx.store())
    register_person(session.ws, name, affiliation)
    session.commit(ctx.actor)
    click.echo(f"Personen «{name}» er registrert.")


@case_group.command(name="new")
@click.argument("arkivsak")
@click.option("--title", required=True, help="Sakens tittel.")
@click.option("--recommendation-file", "rec_file", required=True, metavar="FIL",
              help="Forslag til innstilling; avsnitt skilt med blank linje («-»: standard inn).")
@click.option("--route", "route", multiple=True, required=True, metavar='"UTVALG:ROLLE"',
              shell_complete=_completer("bodies"),
              help="Et ledd på ruten (rolle: uttalelse, innstilling eller vedtak); gjentas.")
@click.option("--workflow", default="politisk-sak", show_default=True, help="Arbeidsflyten.")
@click.option("--prepared-by", help="Hvem som skrev saksframlegget.")
@click.option("--prepared-date", metavar="ÅÅÅÅ-MM-DD", help="Saksframleggets dato.")
@pass_ctx
@engine_errors
def case_new(ctx: Context, arkivsak: str, title: str, rec_file: str, route: tuple[str, ...],
             workflow: str, prepared_by: str | None, prepared_date: str | None) -> None:
    """Opprett en sak med forslag til innstilling og ruten gjennom utvalgene.

    \b
    Eksempel:
      saksflyt case new 19/8286 --title "Internasjonal strategi" \\
        --recommendation-file innstilling.txt \\
        --route "Finans- og næringskomiteen:innstilling" --route "Bystyret:vedtak"
    """
    from engine.app.meetings import LiveSession, parse_route
    from engine.commands.deciders import open_case

    session = LiveSession(ctx.store())
    open_case(session.ws, arkivsak=arkivsak, title=title, recommendation=_text([], rec_file)
              or [], route=parse_route(route), workflow=workflow, prepared_by=prepared_by,
              prepared_date=prepared_date)
    session.commit(ctx.actor)
    click.echo(f"Sak {arkivsak} er opprettet.")


@main.group(name="meeting")
def meeting_group() -> None:
    """Møter: opprett, sett opp sakskartet, vis, godkjenn protokollen."""


@meeting_group.command(name="new")
@click.argument("meeting", metavar='"UTVALG ÅÅÅÅ-MM-DD"', shell_complete=_completer("bodies"))
@pass_ctx
@engine_errors
def meeting_new(ctx: Context, meeting: str) -> None:
    """Opprett et møte.

    \b
    Eksempel:
      saksflyt meeting new "Bystyret 2019-08-29"
    """
    from engine.app.meetings import LiveSession, new_meeting
    from engine.read.views import parse_meeting

    session = LiveSession(ctx.store())
    body, date = parse_meeting(meeting)
    created = new_meeting(session.ws, session.find_meeting(meeting), body, date)
    session.commit(ctx.actor)
    click.echo(f"Møtet «{created.key}» er opprettet.")


@meeting_group.command(name="agenda")
@click.argument("meeting", metavar='"UTVALG ÅÅÅÅ-MM-DD"', shell_complete=_completer("meetings"))
@click.argument("arkivsak")
@click.option("--sak", required=True, metavar="87/19", help="Utvalgets eget saksnummer.")
@click.option("--title", help="Tittel i protokollen, hvis ikke sakens.")
@click.option("--result", help="Protokollens Resultat-etikett, der standarden ikke passer.")
@pass_ctx
@engine_errors
def meeting_agenda(ctx: Context, meeting: str, arkivsak: str, sak: str, title: str | None,
                   result: str | None) -> None:
    """Sett en sak på møtets sakskart.

    \b
    Eksempel:
      saksflyt meeting agenda "Bystyret 2019-08-29" 19/8286 --sak 87/19
    """
    from engine.app.meetings import LiveSession, add_to_agenda

    session = LiveSession(ctx.store())
    found = session.meeting(meeting)
    add_to_agenda(session.ws, found, arkivsak, sak, title, result)
    session.commit(ctx.actor)
    click.echo(f"Sak {sak} ({arkivsak}) står på sakskartet til «{found.key}».")


@meeting_group.command(name="show")
@click.argument("meeting", metavar='"UTVALG ÅÅÅÅ-MM-DD"', shell_complete=_completer("meetings"))
@click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")
@pass_ctx
@engine_errors
def meeting_show(ctx: Context, meeting: str, as_json: bool) -> None:
    """Vis møtets sakskart, oppmøte og hvor hver sak står.

    \b
    Eksempel:
      saksflyt meeting show "Bystyret 2019-08-29"
    """
    from engine.app.meetings import LiveSession, format_meeting, meeting_overview

    session = LiveSession(ctx.store())
    overview = meeting_overview(session, session.recorded_meeting(meeting))
    click.echo(_json(overview) if as_json else format_meeting(overview), nl=False)


@meeting_group.command(name="approve")
@click.argument("meeting", metavar='"UTVALG ÅÅÅÅ-MM-DD"', shell_complete=_completer("meetings"))
@click.option("--text", help="Merknad til godkjenningen (hvem, hvilket møte).")
@pass_ctx
@engine_errors
def meeting_approve(ctx: Context, meeting: str, text: str | None) -> None:
    """Godkjenn møtets protokoll; senere korrigeringer trenger --after-approval.

    \b
    Eksempel:
      saksflyt meeting approve "Bystyret 2019-08-29"
    """
    from engine.app.meetings import LiveSession, approve

    session = LiveSession(ctx.store())
    found = session.meeting(meeting)
    approve(session.ws, found, [i for _, i in session.items(found)], text)
    session.commit(ctx.actor)
    click.echo(f"Protokollen for «{found.key}» er godkjent.")


@meeting_group.command(name="protocol")
@click.argument("meeting", metavar='"UTVALG ÅÅÅÅ-MM-DD"', shell_complete=_completer("meetings"))
@click.option("--format", "fmt", type=click.Choice(["text", "md", "docx"]), default="text",
              show_default=True, help="Ren tekst, Markdown eller Word.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Skriv til denne filen (docx får ellers et filnavn etter møtet).")
@click.option("--lang", type=click.Choice(["nb", "nn"]), default="nb", show_default=True,
              help="Målform: bokmål eller nynorsk.")
@pass_ctx
@engine_errors
def meeting_protocol(ctx: Context, meeting: str, fmt: str, output: Path | None,
                     lang: str) -> None:
    """Lag hele møtets møteprotokoll: oppmøte, sakskart og hver saksprotokoll i rekkefølge.

    \b
    Eksempel:
      saksflyt meeting protocol "Bystyret 2019-08-29"
      saksflyt meeting protocol "Bystyret 2019-08-29" --format docx -o bystyret.docx
    """
    from documents import meeting_protocol as mp
    from engine.app.meetings import LiveSession

    session = LiveSession(ctx.store())
    found = session.recorded_meeting(meeting)
    items, registry = session.items(found), session.ws.registry
    if fmt == "docx":
        path = mp.write_meeting_protocol(registry, found, items,
                                         output or Path(mp.meeting_filename(found)), lang)
        click.echo(f"Skrev møteprotokollen til {path}")
        return
    from documents.compose import render_markup

    text = render_markup(mp.meeting_markup(registry, found, items, lang), fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Skrev møteprotokollen til {output}")


@main.group(name="item")
def item_group() -> None:
    """Den åpne saken i møtet: åpne, se status, avslutte."""


@item_group.command(name="open")
@click.argument("meeting", metavar='"UTVALG ÅÅÅÅ-MM-DD"', shell_complete=_completer("meetings"))
@click.argument("sak")
@pass_ctx
@engine_errors
def item_open(ctx: Context, meeting: str, sak: str) -> None:
    """Åpne en sak på sakskartet: stegkommandoene fører på den til den lukkes.

    SAK er utvalgets saksnummer (87/19) eller arkivsaken (19/8286).

    \b
    Eksempel:
      saksflyt item open "Bystyret 2019-08-29" 87/19
    """
    from engine.app.meetings import LiveSession, open_live_item

    session = LiveSession(ctx.store())
    case, item = open_live_item(session.ws, session.meeting(meeting), sak)
    session.commit(ctx.actor)
    click.echo(f"Åpen sak: {item.sak} ({case.arkivsak}) i «{item.meeting}»: "
               f"{item.title or case.title}")


@item_group.command(name="close")
@_target
@pass_ctx
@engine_errors
def item_close(ctx: Context, meeting: str | None, arkivsak: str | None) -> None:
    """Avslutt den åpne saken: motoren avgjør den som ved avspilling, og vedtaket skrives ut.

    \b
    Eksempel:
      saksflyt item close
    """
    from documents.decision import decision_text
    from engine.app.meetings import LiveSession
    from engine.commands.deciders import close_item

    session = LiveSession(ctx.store())
    case, item = session.target(meeting, arkivsak)
    close_item(session.ws, case, item)
    session.commit(ctx.actor)
    click.echo(decision_text(case, item), nl=False)


@item_group.command(name="status")
@_target
@click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")
@pass_ctx
@engine_errors
def item_status(ctx: Context, meeting: str | None, arkivsak: str | None, as_json: bool) -> None:
    """Vis den åpne saken: innstillingen, forslagene, voteringene og vedtaket slik det blir.

    \b
    Eksempel:
      saksflyt item status
      saksflyt item status --meeting "Bystyret 2019-08-29" --case 19/8286 --json
    """
    from documents.decision import decision_text
    from engine.app.live import format_status, item_status, preview
    from engine.app.meetings import LiveSession

    session = LiveSession(ctx.store())
    case, item = session.target(meeting, arkivsak)
    status = item_status(case, item, decision_text(case, preview(session.ws.registry, item)))
    click.echo(_json(status) if as_json else format_status(status), nl=False)


@main.command()
@click.argument("text")
@_target
@pass_ctx
@engine_errors
def note(ctx: Context, text: str, meeting: str | None, arkivsak: str | None) -> None:
    """Før en linje i protokollens Behandling («-»: les teksten fra standard inn).

    \b
    Eksempel:
      saksflyt note "Rådmannen orienterte om saken."
    """
    _step(ctx, "note", {"text": _text([text], None)}, meeting, arkivsak)


@main.command()
@click.argument("person", shell_complete=_completer("people"))
@_target
@pass_ctx
@engine_errors
def rapporteur(ctx: Context, person: str, meeting: str | None, arkivsak: str | None) -> None:
    """Før saksordføreren for saken.

    \b
    Eksempel:
      saksflyt rapporteur "Tom Christian Lindvåg"
    """
    _step(ctx, "rapporteur", {"person": person}, meeting, arkivsak)


@main.command()
@click.option("--person", required=True, shell_complete=_completer("people"), help="Medlemmet.")
@click.option("--ruling", type=click.Choice(["habil", "inhabil"]), required=True,
              help="Utvalgets avgjørelse; inhabil fratrer saken.")
@click.option("--text", help="Protokollens tekst om vurderingen.")
@_target
@pass_ctx
@engine_errors
def impartiality(ctx: Context, person: str, ruling: str, text: str | None, meeting: str | None,
                 arkivsak: str | None) -> None:
    """Før utvalgets avgjørelse om et medlems habilitet.

    \b
    Eksempel:
      saksflyt impartiality --person "Roar Aas" --ruling inhabil
    """
    _step(ctx, "impartiality", {"person": person, "ruling": ruling, "text": text}, meeting,
          arkivsak)


@main.command()
@click.option("--id", "id_", metavar="ID", help="Forslagets id (ellers lages en kort id).")
@click.option("--by", required=True, shell_complete=_completer("people"), help="Forslagsstiller.")
@click.option("--kind", required=True, help="forslag, tilleggsforslag, endringsforslag, ...")
@click.option("--on-behalf-of", metavar="Ap,MDG", help="Partiene forslaget fremmes på vegne av.")
@click.option("--label", help="Hvordan voteringen omtaler forslaget.")
@click.option("--revises", help="Id-en til et tidligere forslag som dette tar opp igjen.")
@click.option("--add", multiple=True, help="Nytt avsnitt (gjentas for flere; «-»: standard inn).")
@click.option("--add-file", metavar="FIL", help="Nye avsnitt fra fil (blank linje skiller).")
@click.option("--at", type=int, help="Sett inn så det første nye avsnittet blir nummer N.")
@click.option("--replace", type=int, metavar="N", help="Avsnitt N får ny tekst (--text).")
@click.option("--text", multiple=True, help="Forslagets tekst (gjentas for flere avsnitt).")
@click.option("--text-file", metavar="FIL", help="Forslagets tekst fra fil («-»: standard inn).")
@click.option("--amend", type=int, metavar="N", help="Endre ord i avsnitt N (--old, --new).")
@click.option("--old", help="Ordene som endres.")
@click.option("--new", help="De nye ordene (tomt: stryk).")
@click.option("--strike", metavar="3,4", help="Avsnittene som strykes.")
@_target
@pass_ctx
@engine_errors
def propose(ctx: Context, id_: str | None, add: tuple[str, ...], add_file: str | None,
            text: tuple[str, ...], text_file: str | None, meeting: str | None,
            arkivsak: str | None, **options: Any) -> None:
    """Før et forslag. Uten --id får forslaget en kort id, som skrives ut.

    \b
    Eksempel:
      saksflyt propose --id salomonsen --by "Silje Salomonsen" --kind tilleggsforslag \\
        --add "Bystyret ber rådmannen ..."
      saksflyt propose --by "Ola Lund Renolen" --kind strykningsforslag --strike 3
    """
    from engine.app.live import propose_values

    values = propose_values(id=id_, add=_text(add, add_file), text=_text(text, text_file),
                            **options)
    _step(ctx, "propose", values, meeting, arkivsak)


@main.command()
@click.argument("proposal", shell_complete=_completer("proposals"))
@_target
@pass_ctx
@engine_errors
def withdraw(ctx: Context, proposal: str, meeting: str | None, arkivsak: str | None) -> None:
    """Før at forslagsstilleren trekker et forslag (før det er votert over).

    \b
    Eksempel:
      saksflyt withdraw salomonsen
    """
    _step(ctx, "withdraw", {"id": proposal}, meeting, arkivsak)


@main.command()
@click.option("--on", shell_complete=_completer("proposals"),
              help="Forslagets id, eller «innstillingen».")
@click.option("--between", metavar="A,B", help="Alternativ votering mellom to (ids).")
@click.option("--winner", help="Alternativet som vant (ved --between).")
@click.option("--parts", metavar="3", help="Bare disse avsnittene av innstillingen.")
@click.option("--except", "except_", metavar="3", help="Innstillingen unntatt disse avsnittene.")
@click.option("--unanimous", is_flag=True, help="Enstemmig.")
@click.option("--against", metavar='"3V, 2KrF"', help="Stemmene imot (ved --between: taperens).")
@click.option("--for", "for_", metavar='"3V, 2KrF"', help="Stemmene for.")
@click.option("--result", type=click.Choice(["vedtatt", "falt"]),
              help="Utfallet der tallene ikke avgjør (dobbeltstemme, utvalg uten seter).")
@_target
@pass_ctx
@engine_errors
def vote(ctx: Context, meeting: str | None, arkivsak: str | None, **options: Any) -> None:
    """Før en votering.

    \b
    Eksempel:
      saksflyt vote --on innstillingen --except 3 --unanimous
      saksflyt vote --between innstillingen,renolen-stryk --parts 3 --winner innstillingen \\
        --against "1Ap, 5MDG, 4SV, 2R"
      saksflyt vote --on salomonsen --against "3V, 2KrF"
    """
    from engine.app.live import vote_values

    _step(ctx, "vote", vote_values(**options), meeting, arkivsak)


@main.command()
@click.option("--remark", required=True, shell_complete=_completer("proposals"),
              help="Merknadens id.")
@click.option("--parties", required=True, metavar="Ap,H", help="Partiene som slutter seg til.")
@_target
@pass_ctx
@engine_errors
def join(ctx: Context, remark: str, parties: str, meeting: str | None,
         arkivsak: str | None) -> None:
    """Før at partier slutter seg til en merknad.

    \b
    Eksempel:
      saksflyt join --remark salomonsen-merknad --parties Ap,H,FrP
    """
    from engine.app.live import split_list

    _step(ctx, "join", {"remark": remark, "parties": split_list(parties)}, meeting, arkivsak)


@main.command(name="take-note")
@click.argument("text")
@_target
@pass_ctx
@engine_errors
def take_note(ctx: Context, text: str, meeting: str | None, arkivsak: str | None) -> None:
    """Før at utvalget tar saken til orientering; TEXT er vedtaket («-»: standard inn).

    \b
    Eksempel:
      saksflyt take-note "Ungdommens bystyre tar saken til orientering."
    """
    _step(ctx, "take_note", {"text": _text([text], None)}, meeting, arkivsak)


@main.command()
@click.option("--to", metavar="ÅÅÅÅ-MM-DD", help="Møtet saken flyttes til.")
@click.option("--text", required=True, help="Protokollens tekst om utsettelsen.")
@_target
@pass_ctx
@engine_errors
def postpone(ctx: Context, to: str | None, text: str, meeting: str | None,
             arkivsak: str | None) -> None:
    """Før at saken utsettes uten votering over et forslag.

    \b
    Eksempel:
      saksflyt postpone --to 2019-08-29 --text "Saken ble utsatt til bystyrets møte 29.08.2019."
    """
    _step(ctx, "postpone", {"to": to, "text": text}, meeting, arkivsak)


@main.command()
@click.argument("tally", metavar='"PARTI-TALL"')
@_target
@pass_ctx
@engine_errors
def present(ctx: Context, tally: str, meeting: str | None, arkivsak: str | None) -> None:
    """Før hvor mange som er til stede per parti for voteringene som følger.

    \b
    Eksempel:
      saksflyt present "27Ap, 14H"
    """
    from engine.domain.voting import parse_seats

    _step(ctx, "present", {"present": parse_seats(tally)}, meeting, arkivsak)


@main.command()
@click.argument("meeting", metavar='"UTVALG ÅÅÅÅ-MM-DD"', required=False,
                shell_complete=_completer("meetings"))
@click.option("--absent", metavar='"NAVN, NAVN"', help="Medlemmer med forfall.")
@click.option("--deputy", shell_complete=_completer("people"), help="Varamedlem som møter ...")
@click.option("--for", "member", shell_complete=_completer("people"),
              help="... for dette medlemmet (med forfall eller inhabil).")
@click.option("--item-only", is_flag=True, help="Bare for den åpne saken (f.eks. for en inhabil).")
@pass_ctx
@engine_errors
def attendance(ctx: Context, meeting: str | None, absent: str | None, deputy: str | None,
               member: str | None, item_only: bool) -> None:
    """Før forfall og varamedlemmer for møtet (fra den åpne saken og utover) eller én sak.

    \b
    Eksempel:
      saksflyt attendance "Bystyret 2019-08-29" --absent "Roar Aas" --deputy "Kari Vara" \\
        --for "Roar Aas"
      saksflyt attendance --deputy "Kari Vara" --for "Tom Christian Lindvåg" --item-only
    """
    from engine.app.live import split_list
    from engine.app.meetings import LiveSession, record_attendance

    session = LiveSession(ctx.store())
    current = session.ws.registry.current_item
    found = session.meeting(meeting or (current[0] if current else ""))
    target = session.target() if current and current[0] == found.key else None
    pairs = [(deputy, member)] if deputy or member else []
    if pairs and not (deputy and member):
        raise click.UsageError("--deputy og --for hører sammen.")
    record_attendance(session.ws, found, target, absent=split_list(absent),
                      deputies=pairs, only_item=item_only)  # type: ignore[arg-type]
    session.commit(ctx.actor)
    click.echo(f"Oppmøtet er ført for «{found.key}»"
               + (f", sak {target[1].sak}." if item_only and target else "."))


@main.command()
@click.option("--vote", "number", type=int, help="Voteringens nummer i saken (se item status).")
@click.option("--proposal", shell_complete=_completer("proposals"), help="Forslagets id.")
@click.option("--against", metavar='"3V, 2KrF"', help="Riktige stemmer imot.")
@click.option("--for", "for_", metavar='"3V, 2KrF"', help="Riktige stemmer for.")
@click.option("--text", multiple=True, help="Forslagets riktige tekst (gjentas per avsnitt).")
@click.option("--text-file", metavar="FIL", help="Riktig tekst fra fil («-»: standard inn).")
@click.option("--reason", required=True, help="Hvorfor det korrigeres.")
@click.option("--after-approval", is_flag=True, help="Korriger en godkjent protokoll.")
@_target
@pass_ctx
@engine_errors
def correct(ctx: Context, number: int | None, proposal: str | None, against: str | None,
            for_: str | None, text: tuple[str, ...], text_file: str | None, reason: str,
            after_approval: bool, meeting: str | None, arkivsak: str | None) -> None:
    """Korriger et stemmetall eller en forslagstekst; loggen beholder begge og begrunnelsen.

    \b
    Eksempel:
      saksflyt correct --vote 3 --against "3V, 2KrF" --reason "Feil tall ført"
      saksflyt correct --proposal salomonsen --text "..." --reason "Skrivefeil" \\
        --after-approval
    """
    from engine.app.meetings import LiveSession
    from engine.commands.corrections import correct_proposal, correct_vote

    session = LiveSession(ctx.store())
    case, item = session.target(meeting, arkivsak)
    flags = {"reason": reason, "approved": session.approved(item),
             "after_approval": after_approval}
    if (number is None) == (proposal is None):
        raise click.UsageError("Oppgi enten --vote N eller --proposal ID.")
    if number is not None:
        correct_vote(session.ws, case, item, number, votes_for=for_, votes_against=against,
                     **flags)
    else:
        correct_proposal(session.ws, case, item, proposal or "", _text(text, text_file) or [],
                         **flags)
    session.commit(ctx.actor)
    click.echo(f"Korrigeringen er ført i «{item.meeting}», sak {item.sak}: {reason}")

# --- documents: saksprotokoll and dossier ---


@main.command()
@click.argument("arkivsak")
@click.option("--meeting", required=True, metavar='"UTVALG ÅÅÅÅ-MM-DD"',
              help="Møtet protokollen gjelder.")
@click.option("--format", "fmt", type=click.Choice(["text", "md", "docx"]), default="text",
              show_default=True, help="Ren tekst, Markdown eller Word.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Skriv til denne filen (ellers standard ut; docx får et filnavn etter "
                   "protokollen).")
@click.option("--lang", type=click.Choice(["nb", "nn"]), default="nb", show_default=True,
              help="Målform: bokmål eller nynorsk.")
@pass_ctx
@engine_errors
def protocol(ctx: Context, arkivsak: str, meeting: str, fmt: str, output: Path | None,
             lang: str) -> None:
    """Lag saksprotokollen for en sak i ett møte.

    \b
    Eksempel:
      saksflyt protocol 19/8286 --meeting "Bystyret 2019-08-29"
      saksflyt protocol 19/8286 --meeting "Bystyret 2019-08-29" --format docx
      saksflyt protocol 19/8286 --meeting "Bystyret 2019-08-29" --lang nn -o protokoll.md \\
        --format md
    """
    from engine.app.repository import require_case
    from engine.read.views import find_item

    registry, case = require_case(ctx.store(), arkivsak)
    item = find_item(case, meeting)
    if fmt == "docx":
        from documents.files import protocol_filename, write_protocol

        path = write_protocol(registry, case, item, output or Path(protocol_filename(case, item)),
                              lang)
        click.echo(f"Skrev saksprotokollen til {path}")
        return
    from documents.compose import protocol_markup, render_markup

    text = render_markup(protocol_markup(registry, case, item, lang), fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Skrev saksprotokollen til {output}")


@main.command()
@click.argument("arkivsak")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Word-filen som skal skrives (.docx).")
@click.option("--lang", type=click.Choice(["nb", "nn"]), default="nb", show_default=True,
              help="Målform: bokmål eller nynorsk.")
@pass_ctx
@engine_errors
def dossier(ctx: Context, arkivsak: str, output: Path, lang: str) -> None:
    """Samle sakens dokumenter i én Word-fil: alle saksprotokoller og saksframlegget.

    Vedtaksprotokollen først, så resten av behandlingen (nyeste først), saksframlegget og
    rådenes uttalelser som vedlegg.

    \b
    Eksempel:
      saksflyt dossier 19/8286 -o saksdokumenter.docx
    """
    from documents.files import write_dossier
    from engine.app.repository import require_case

    registry, case = require_case(ctx.store(), arkivsak)
    path = write_dossier(registry, case, output, lang)
    click.echo(f"Skrev saksdokumentene til {path}")


# --- audit: blame, diff, history, verify ---


@main.command()
@click.argument("arkivsak")
@click.option("--meeting", metavar='"UTVALG ÅÅÅÅ-MM-DD"',
              help="Avsnittene i det dette møtet vedtok (ellers sakens vedtak).")
@click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")
@pass_ctx
@engine_errors
def blame(ctx: Context, arkivsak: str, meeting: str | None, as_json: bool) -> None:
    """Vis hvor hvert avsnitt i vedtaket kommer fra: hvem som foreslo det, i hvilket utvalg
    og når, tidligere versjoner med endringene ord for ord, og hver votering avsnittet gikk
    gjennom (også forslag om å stryke eller endre det som falt), med stemmene mot.

    \b
    Eksempel:
      saksflyt blame 19/8286
      saksflyt blame 19/8286 --meeting "Finans- og næringskomiteen 2019-05-28" --json
    """
    from engine.app.repository import require_case
    from engine.read.audit import blame as blame_paragraphs

    registry, case = require_case(ctx.store(), arkivsak)
    paragraphs = blame_paragraphs(case, registry, meeting)
    if as_json:
        import json

        click.echo(json.dumps(paragraphs, ensure_ascii=False, indent=2))
        return
    from documents.audit_text import render_blame

    click.echo(render_blame(case.arkivsak, meeting, paragraphs), nl=False)


@main.command()
@click.argument("arkivsak")
@click.option("--from", "from_", default="forslag", show_default=True, metavar="TRINN",
              help='«forslag» (rådmannens), et møte «UTVALG ÅÅÅÅ-MM-DD», «innstilling» eller '
                   '«vedtak».')
@click.option("--to", "to", default="vedtak", show_default=True, metavar="TRINN",
              help="Som --from.")
@click.option("--format", "fmt", type=click.Choice(["text", "md", "docx"]), default="text",
              show_default=True,
              help="Ren tekst ([-strøket-] {+nytt+}), Markdown eller Word med sporede "
                   "endringer.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Skriv til denne filen (docx: ellers endringer-ARKIVSAK.docx).")
@pass_ctx
@engine_errors
def diff(ctx: Context, arkivsak: str, from_: str, to: str, fmt: str,
         output: Path | None) -> None:
    """Vis hvordan teksten endret seg mellom to trinn, avsnitt for avsnitt og ord for ord.

    I Word-formatet er endringene sporede endringer, med utvalget og møtedatoen som gjorde
    dem, så de kan gås gjennom i Words gjennomgangsrute.

    \b
    Eksempel:
      saksflyt diff 19/8286
      saksflyt diff 19/8286 --from "Finans- og næringskomiteen 2019-05-28" --to vedtak
      saksflyt diff 19/8286 --format docx -o endringer.docx
    """
    from engine.app.repository import require_case
    from engine.read.compare import compare

    registry, case = require_case(ctx.store(), arkivsak)
    comparison = compare(case, from_, to)
    if fmt in ("docx", "pdf"):
        from documents import pdf
        from documents.tracked_docx import write_docx

        path = output or Path(f"endringer-{case.arkivsak.replace('/', '-')}.{fmt}")
        path = pdf.write(fmt, path, lambda p: write_docx(comparison, p,
                                                         municipality=registry.municipality))
        click.echo(f"Skrev endringene til {path}")
        return
    from documents.tracked import render_text

    text = render_text(comparison, markdown=fmt == "md")
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Skrev endringene til {output}")


@main.command()
@click.argument("arkivsak")
@click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")
@pass_ctx
@engine_errors
def history(ctx: Context, arkivsak: str, as_json: bool) -> None:
    """Vis sakens gang gjennom utvalgene: ruten, hvert møte med saksnummer og utfall,
    utsettelser, og hvert forslag med hva som ble av det (vedtatt, falt, trukket, bortfalt).

    \b
    Eksempel:
      saksflyt history 19/8286
    """
    from engine.app.repository import require_case
    from engine.read.history import history as case_history

    registry, case = require_case(ctx.store(), arkivsak)
    data = case_history(case, registry)
    if as_json:
        import json

        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    from documents.audit_text import render_history

    click.echo(render_history(data), nl=False)


@main.command()
@click.argument("arkivsak", required=False)
@pass_ctx
@engine_errors
def verify(ctx: Context, arkivsak: str | None) -> None:
    """Kontroller at protokollen er uendret: regn ut hash-kjeden for hver strøm på nytt og
    meld hver hendelse som er endret, slettet, lagt inn eller flyttet, med sak og nummer.

    Avslutter med status 0 når alt stemmer, 1 når noe er endret.

    \b
    Eksempel:
      saksflyt verify
      saksflyt verify 19/8286
    """
    from engine.store.verify import verify_store

    report = verify_store(ctx.store(), arkivsak)
    if report.intact:
        click.echo(f"Protokollen er uendret: {report.events} hendelser i {report.streams} "
                   "strømmer kontrollert.")
        return
    for problem in report.problems:
        click.echo(problem.message)
    click.echo(f"Protokollen er endret: {len(report.problems)} avvik i {report.events} "
               f"hendelser i {report.streams} strømmer.", err=True)
    sys.exit(1)


# --- workflows, case list, returns and withdrawals ---


@main.group(name="workflow")
def workflow_group() -> None:
    """Arbeidsflyter (sakstyper): tilstander, overganger, regler og diagram."""


@workflow_group.command(name="list")
@pass_ctx
@engine_errors
def workflow_list(ctx: Context) -> None:
    """Vis arbeidsflytene som finnes i workflows/.

    \b
    Eksempel:
      saksflyt workflow list
    """
    from engine.domain.lifecycle import load_workflow, workflow_names
    from engine.read.overview import format_table

    rows = []
    for name in workflow_names():
        d = load_workflow(name).definition
        rows.append([name, d.title, ", ".join(load_workflow(name).roles)])
    click.echo(format_table(["Navn", "Tittel", "Roller på ruten"], rows))


@workflow_group.command(name="show")
@click.argument("name")
@pass_ctx
@engine_errors
def workflow_show(ctx: Context, name: str) -> None:
    """Vis en arbeidsflyt som tabeller: tilstander, overganger og regler.

    \b
    Eksempel:
      saksflyt workflow show politisk-sak
    """
    from engine.domain.lifecycle import load_workflow
    from engine.read.overview import format_table, workflow_tables

    workflow = load_workflow(name)
    d = workflow.definition
    click.echo(f"{d.title or d.name} ({d.name})")
    if d.description:
        click.echo(d.description)
    for heading, headers, rows in workflow_tables(workflow):
        click.echo(f"\n{heading}:")
        click.echo(format_table(headers, rows))


@workflow_group.command(name="diagram")
@click.argument("name")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Fil å skrive: .svg eller .png (krever Graphviz), .dot eller .mmd.")
@click.option("--case", "arkivsak", metavar="ARKIVSAK",
              help="Tegn sakens vei gjennom arbeidsflyten oppå diagrammet.")
@click.option("--format", "fmt", type=click.Choice(["mermaid", "dot"]), default="mermaid",
              show_default=True, help="Tekstformat når diagrammet skrives til skjermen.")
@pass_ctx
@engine_errors
def workflow_diagram(ctx: Context, name: str, output: Path | None, arkivsak: str | None,
                     fmt: str) -> None:
    """Tegn arbeidsflytens tilstandsmaskiner, eventuelt med en sak sin vei.

    Uten -o skrives Mermaid- eller DOT-tekst til skjermen. SVG og PNG lages med Graphviz.

    \b
    Eksempel:
      saksflyt workflow diagram politisk-sak -o politisk-sak.svg
      saksflyt workflow diagram politisk-sak --case 19/8286 -o 19-8286.png
    """
    from engine.domain.errors import SaksflytError
    from engine.domain.lifecycle import load_workflow
    from engine.read import diagram

    workflow = load_workflow(name)
    path = None
    if arkivsak is not None:
        from engine.app.repository import load_registry

        store = ctx.store()
        events = [row.event() for row in store.read(f"sak:{arkivsak}")]
        if not events:
            raise SaksflytError(f"Saken {arkivsak} finnes ikke i databasen.")
        case, path = diagram.case_path(events, load_registry(store))
        if case.workflow != workflow.name:
            raise SaksflytError(f"Sak {arkivsak} følger arbeidsflyten «{case.workflow}», ikke "
                                f"«{workflow.name}».")
    if output is None:
        text = (diagram.to_mermaid(workflow, path) if fmt == "mermaid"
                else diagram.to_dot(workflow, path, arkivsak))
        click.echo(text, nl=False)
        return
    diagram.write(workflow, output, path, arkivsak)
    click.echo(f"Skrev {output}")


@case_group.command(name="list")
@click.option("--state", metavar="TILSTAND", help="Bare saker i denne tilstanden "
              "(som «innstilling», «avgjort» eller en del av statusen).")
@click.option("--body", metavar="UTVALG", help="Bare saker som nå ligger hos dette utvalget.")
@click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")
@pass_ctx
@engine_errors
def case_list(ctx: Context, state: str | None, body: str | None, as_json: bool) -> None:
    """Vis alle saker og hvor hver av dem står: sekretariatets daglige oversikt.

    \b
    Eksempel:
      saksflyt case list
      saksflyt case list --body Bystyret
      saksflyt case list --state avgjort --json
    """
    from engine.app.repository import load_case, load_registry
    from engine.read.overview import case_row, case_table, filter_rows, format_table

    store = ctx.store()
    registry = load_registry(store)
    rows = []
    for stream in store.streams("sak:"):
        case = load_case(store, registry, stream.removeprefix("sak:"))
        if case is not None:
            rows.append(case_row(case))
    rows = filter_rows(rows, state, body)
    if as_json:
        import json

        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("Ingen saker.")
        return
    click.echo(format_table(*case_table(rows)))


def _case_change(ctx: Context, arkivsak: str, change: Callable[[Any, Any], None]) -> Any:
    """Load the workspace, let `change(ws, case)` emit its events, store them."""
    from engine.app.repository import commit, workspace

    store = ctx.store()
    ws = workspace(store)
    case = ws.case(arkivsak)
    change(ws, case)
    commit(store, ws, actor=ctx.actor)
    return case


@case_group.command(name="send-back")
@click.argument("arkivsak")
@click.option("--meeting", required=True, metavar='"UTVALG ÅÅÅÅ-MM-DD"',
              help="Møtet som sender saken tilbake.")
@click.option("--to", "to", default="administration", show_default=True,
              help="administration, eller et utvalg saken har vært i.")
@click.option("--text", required=True, help="Utvalgets vedtak om å sende saken tilbake.")
@pass_ctx
@engine_errors
def case_send_back(ctx: Context, arkivsak: str, meeting: str, to: str, text: str) -> None:
    """Før at utvalget sender saken tilbake (til administrasjonen eller et tidligere utvalg).

    \b
    Eksempel:
      saksflyt case send-back 19/8286 --meeting "Bystyret 2019-06-13" \\
        --text "Saken sendes tilbake til rådmannen."
    """
    from engine.domain.steps import SendBack

    case = _case_change(ctx, arkivsak, _disposal(meeting, SendBack(to=to, text=text)))
    click.echo(f"Sak {arkivsak} er sendt tilbake; status: {_status(case)}.")


@case_group.command(name="refer")
@click.argument("arkivsak")
@click.option("--meeting", required=True, metavar='"UTVALG ÅÅÅÅ-MM-DD"',
              help="Møtet som oversender saken.")
@click.option("--to", "to", required=True, help="Utvalget saken oversendes til.")
@click.option("--role", help="Hva det utvalget gjør (standard: samme rolle som dette møtet).")
@click.option("--text", required=True, help="Utvalgets vedtak om oversendelsen.")
@pass_ctx
@engine_errors
def case_refer(ctx: Context, arkivsak: str, meeting: str, to: str, role: str | None,
               text: str) -> None:
    """Før at utvalget oversender saken til et annet utvalg.

    \b
    Eksempel:
      saksflyt case refer 25/402 --meeting "Oppvekstkomiteen 2025-01-20" \\
        --to "Helse- og velferdskomiteen" --text "Saken oversendes helsekomiteen."
    """
    from engine.domain.steps import Refer

    case = _case_change(ctx, arkivsak, _disposal(meeting, Refer(to=to, role=role, text=text)))
    click.echo(f"Sak {arkivsak} er oversendt {to}; status: {_status(case)}.")


@case_group.command(name="resubmit")
@click.argument("arkivsak")
@click.option("--date", required=True, metavar="ÅÅÅÅ-MM-DD", help="Det nye saksframleggets dato.")
@click.option("--text", "paragraphs", multiple=True, required=True,
              help="Et avsnitt i det nye forslaget til innstilling (gjentas).")
@click.option("--by", help="Hvem som la fram saksframlegget.")
@click.option("--at", "at", metavar="UTVALG", help="Utvalget på ruten der saken tas opp igjen.")
@pass_ctx
@engine_errors
def case_resubmit(ctx: Context, arkivsak: str, date: str, paragraphs: tuple[str, ...],
                  by: str | None, at: str | None) -> None:
    """Før et nytt saksframlegg for en sak som er sendt tilbake til administrasjonen.

    \b
    Eksempel:
      saksflyt case resubmit 19/8286 --date 2019-09-20 --by Rådmannen \\
        --text "Bystyret vedtar strategien." --text "Handlingsplan legges fram i 2020."
    """
    from engine.commands.returns import Resubmit, resubmit

    entry = Resubmit(case=arkivsak, date=date, recommendation=list(paragraphs), by=by, at=at)
    case = _case_change(ctx, arkivsak, lambda ws, case: resubmit(ws, case, entry))
    click.echo(f"Nytt saksframlegg (runde {case.round}) ført i sak {arkivsak}; status: "
               f"{_status(case)}.")


@case_group.command(name="withdraw")
@click.argument("arkivsak")
@click.option("--date", required=True, metavar="ÅÅÅÅ-MM-DD")
@click.option("--text", required=True, help="Begrunnelsen, slik den skal stå i saken.")
@click.option("--by", help="Hvem som trekker saken (standard: administrasjonen).")
@pass_ctx
@engine_errors
def case_withdraw(ctx: Context, arkivsak: str, date: str, text: str, by: str | None) -> None:
    """Før at administrasjonen trekker saken; den avsluttes uten vedtak.

    \b
    Eksempel:
      saksflyt case withdraw 25/403 --date 2025-01-30 --text "Saken trekkes."
    """
    from engine.commands.returns import WithdrawCase, withdraw_case

    entry = WithdrawCase(case=arkivsak, date=date, text=text, by=by)
    case = _case_change(ctx, arkivsak, lambda ws, case: withdraw_case(ws, case, entry))
    click.echo(f"Sak {arkivsak} er trukket; status: {_status(case)}.")


def _disposal(meeting: str, step: Any) -> Callable[[Any, Any], None]:
    """Send back or refer in the meeting's item, which ends the item there."""

    def change(ws: Any, case: Any) -> None:
        from engine.commands.deciders import apply_step, close_item
        from engine.read.views import find_item

        item = find_item(case, meeting)
        apply_step(ws, case, item, step)
        close_item(ws, case, item)

    return change


def _status(case: Any) -> str:
    from engine.read.views import case_status

    return case_status(case)


# --- performance: replay progress ---


class _ReplayProgress:
    """One carriage-return line on standard error while a long scenario replays: meetings and
    cases done, events per second. Silent when standard error is not a terminal, so logs and
    pipes get only the summary."""

    def __init__(self, ws: Any) -> None:
        import time

        self.ws = ws
        self.on = sys.stderr.isatty()
        self.clock = time.monotonic
        self.start = self.clock()
        self.last = self.start - 1.0  # the first meeting shows at once
        self.meetings = 0
        self.shown = False

    def meeting(self, name: str) -> None:
        self.meetings += 1
        now = self.clock()
        if now - self.last < 0.2:
            return
        self.last = now
        events = len(self.ws.pending)
        # A replay drops decided cases' state (ws.evicted, counted in ws.decided).
        decided = self.ws.decided + sum(1 for case in self.ws.cases.values()
                                        if case.state == "avgjort")
        known = len(self.ws.cases) + len(self.ws.evicted)
        rate = events / max(now - self.start, 1e-9)
        self._show(f"{self.meetings} møter, {decided}/{known} saker avgjort, "
                   f"{events} hendelser ({rate:,.0f} hendelser/s) – {name}".replace(",", " "))

    def storing(self) -> None:
        if self.shown:
            self._show(f"lagrer {len(self.ws.pending)} hendelser …")

    def done(self) -> None:
        if self.shown:
            click.echo("\r\x1b[K", nl=False, err=True)

    def _show(self, line: str) -> None:
        if self.on:
            width = shutil_width()
            click.echo("\r\x1b[K" + line[: width - 1], nl=False, err=True)
            self.shown = True


def shutil_width() -> int:
    import shutil

    return shutil.get_terminal_size((100, 20)).columns


if __name__ == "__main__":
    main()
