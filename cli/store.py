"""db, export, import and verify: the store itself."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cli.options import (
    Context,
    engine_errors,
    pass_ctx,
    say,
)


def _shown_url(url: str) -> str:
    import sqlalchemy as sa

    return sa.make_url(url).render_as_string(hide_password=True)


@click.group(name="db")
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
        say("db_current", revision=after)
    elif before is None:
        say("db_created", url=_shown_url(ctx.db), revision=after)
    else:
        say("db_upgraded", before=before, after=after)


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
    say("db_url", url=_shown_url(ctx.db))
    if found.current is None:
        say("db_none", head=found.head)
    elif found.unknown:
        say("db_unknown", current=found.current, head=found.head)
        sys.exit(1)
    elif found.up_to_date:
        say("db_newest", current=found.current)
    else:
        say("db_pending", current=found.current, count=len(found.pending))
        for revision in found.pending:
            say("db_pending_line", id=revision.id, doc=revision.doc.splitlines()[0])
        say("db_run_upgrade")
        sys.exit(1)


@click.command(name="export")
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
    say("exported", events=counts.events, streams=counts.streams, path=out)


@click.command(name="import")
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
    say("imported", events=counts.events, streams=counts.streams, file=file.name)


@click.command()
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
    if ctx.client:
        ctx.client.echo("GET", "/verify", params={"case": arkivsak})
        return
    from documents.console import verify_report
    from engine.store.verify import verify_store

    ctx.output(verify_report(verify_store(ctx.store(), arkivsak)))
