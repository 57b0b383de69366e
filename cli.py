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
        from engine.store import EventStore

        return EventStore(self.db)


def engine_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the engine's own errors into one line on standard error and exit status 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from engine.errors import SaksflytError

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
@pass_ctx
@engine_errors
def replay(ctx: Context, file: Path, out: Path | None) -> None:
    """Spill av et scenario (møte for møte) inn i databasen.

    Hele scenarioet sjekkes før noe lagres: et avvist scenario sier på én linje hva og hvor,
    avslutter med status 2 og lar databasen være som den var.

    \b
    Eksempel:
      saksflyt replay examples/19-8286.yaml
      saksflyt replay examples/19-8286.yaml --out protokoller
    """
    from engine.repository import commit, workspace
    from engine.scenario import apply_scenario

    store = ctx.store()
    ws = workspace(store)
    summary = apply_scenario(ws, file)
    written = commit(store, ws, actor=ctx.actor)
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
    from engine.repository import require_case
    from engine.views import find_item

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
    from engine.repository import require_case
    from engine.views import case_overview

    _, case = require_case(ctx.store(), arkivsak)
    overview = case_overview(case)
    if as_json:
        import json

        click.echo(json.dumps(overview, ensure_ascii=False, indent=2))
        return
    click.echo(f"Sak {overview['arkivsak']}: {overview['title']}")
    click.echo(f"Status: {overview['status']}")
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
    from engine.migrations import upgrade

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
    from engine.migrations import status

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
    from engine.transfer import export_file

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
    from engine.transfer import import_file

    counts = import_file(ctx.store(), file)
    click.echo(f"Importerte {counts.events} hendelser i {counts.streams} strømmer fra "
               f"{file.name}.")


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
    from engine.repository import require_case
    from engine.views import find_item

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
    from engine.repository import require_case

    registry, case = require_case(ctx.store(), arkivsak)
    path = write_dossier(registry, case, output, lang)
    click.echo(f"Skrev saksdokumentene til {path}")


if __name__ == "__main__":
    main()
