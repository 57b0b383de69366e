"""db, export, import and verify: the store itself."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from cli.options import (
    Context,
    engine_errors,
    pass_ctx,
    say,
    write_file,
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

    before, after = upgrade(ctx.store(creates=True))
    if before == after:
        say("db_current", revision=after)
    elif before is None:
        say("db_created", url=_shown_url(ctx.db), revision=after)
    else:
        say("db_upgraded", before=before, after=after)


@db_group.command(name="init")
@pass_ctx
@engine_errors
def db_init(ctx: Context) -> None:
    """Lag en ny, tom database med hele skjemaet (SQLite-filen, eller tabellene i en tom
    PostgreSQL-database). Andre kommandoer enn replay og import lager ingen database selv.

    \b
    Eksempel:
      saksflyt --db sqlite:///bystyret.db db init
    """
    from engine.app.trust import forget_store, init_store

    store = ctx.store(creates=True)
    created, revision = init_store(store)
    if created:
        forget_store(store, ctx.key_path)
    say("db_created" if created else "db_exists", url=_shown_url(ctx.db), revision=revision)


@db_group.command(name="rebuild")
@pass_ctx
@engine_errors
def db_rebuild(ctx: Context) -> None:
    """Lag sakslistens oversikt (case list) på nytt fra hendelsene, i én transaksjon.

    Oversikten holdes i takt med hendelsene av hver kommando; dette trengs bare etter at
    noen har skrevet hendelser utenom saksflyt (det gjør «case list» da også av seg selv).
    Hendelsene røres ikke.

    \b
    Eksempel:
      saksflyt db rebuild
    """
    from engine.app.case_list import rebuild

    say("db_rebuilt", cases=rebuild(ctx.store()))


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

    found = status(ctx.store(creates=True))  # reads only
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


@db_group.command(name="grant")
@click.argument("role")
@pass_ctx
@engine_errors
def db_grant(ctx: Context, role: str) -> None:
    """PostgreSQL: la applikasjonens rolle bare lese og legge til i hendelsesloggen.

    Rollen får SELECT og INSERT på events og checkpoints, SELECT på skjematabellene, og ingen
    UPDATE, DELETE eller TRUNCATE. Kjør som eieren av tabellene (den som kjørte «db
    upgrade»); applikasjonen kobler seg til som ROLE, som ikke må eie tabellene.

    \b
    Eksempel:
      saksflyt --db postgresql+psycopg://eier@localhost/saksflyt db grant saksflyt_app
    """
    from engine.app.trust import grant_append_only

    grant_append_only(ctx.store(), role)
    say("db_granted", role=role, url=_shown_url(ctx.db))


@click.command(name="export")
@click.argument("arkivsak", required=False)
@click.option("--all", "everything", is_flag=True, help="Eksporter hele databasen.")
@click.option("--meeting", metavar='"UTVALG ÅÅÅÅ-MM-DD"',
              help="Med «noark5»: møtet som avleveres (protokollen må være godkjent).")
@click.option("--force", is_flag=True, help="Skriv over filen om den finnes fra før.")
@click.option("-o", "--out", "out", required=True,
              type=click.Path(allow_dash=True, path_type=Path),
              help="Filen (JSON Lines; «-»: standard ut), eller mappen for «noark5».")
@pass_ctx
@engine_errors
def export_cmd(ctx: Context, arkivsak: str | None, everything: bool, meeting: str | None,
               force: bool, out: Path) -> None:
    """Eksporter hendelsesloggen for én sak (med registeret) eller alt, med hashene; eller,
    med «noark5», et godkjent møte til arkivet som Noark 5-møtemappe og eInnsyn-JSON.

    Filen kan leses inn i en annen database med «saksflyt import».

    \b
    Eksempel:
      saksflyt export 19/8286 -o 19-8286.jsonl
      saksflyt export --all -o alt.jsonl
      saksflyt export noark5 --meeting "Bystyret 2019-08-29" -o avlevering
    """
    if arkivsak == "noark5":
        _noark5(ctx, meeting, out)
        return
    if out.is_dir():
        raise click.UsageError(f"«{out}» er en mappe; oppgi en fil.")
    from engine.store.checkpoints import load_key
    from engine.store.transfer import export_file

    if everything == (arkivsak is not None):
        raise click.UsageError("Oppgi enten ARKIVSAK eller --all.")
    key = load_key(ctx.key_path) if ctx.key_path.exists() else None
    store = ctx.store()
    found: list[Any] = []
    write_file(out, force, lambda path: found.append(export_file(store, arkivsak, path, key)))
    from documents.messages import say as word

    # On standard output the file is the output: the report goes to standard error.
    report = click.echo if str(out) != "-" else lambda text: click.echo(text, err=True)
    report(word("exported", events=found[0].events, streams=found[0].streams, path=out))
    if key is not None:
        report(word("export_signed", key_id=key.key_id))
    else:
        click.echo(word("export_unsigned", path=ctx.key_path), err=True)


def _noark5(ctx: Context, meeting: str | None, out: Path) -> None:
    if not meeting:
        raise click.UsageError("noark5 trenger --meeting.")
    import datetime as dt

    from documents.noark5 import export_meeting
    from engine.app.archive import approved_meeting

    record, key = approved_meeting(ctx.store(), meeting)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    files = export_meeting(record, key, out, now)
    say("noark5_written", path=out, files=len(files))


@click.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--trust-key", "trust_key", metavar="FIL",
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Den offentlige nøkkelen eksporten skal være signert med (ellers din egen).")
@click.option("--unsigned", is_flag=True,
              help="Les inn en eksport uten signatur (det kan ikke vises at den er uendret).")
@pass_ctx
@engine_errors
def import_cmd(ctx: Context, file: Path, trust_key: Path | None, unsigned: bool) -> None:
    """Les inn en eksport fra «saksflyt export», med hashene urørt.

    Signaturen og hashkjedene sjekkes før noe skrives: en fil som ikke er signert med
    nøkkelen du stoler på (din egen, eller --trust-key), eller som er endret etter
    eksporten, avvises (status 2). En sak som finnes fra før avvises også, og da skrives
    ingenting; registeret godtas når det stemmer med databasens.

    \b
    Eksempel:
      saksflyt --db postgresql+psycopg://saksflyt@localhost/saksflyt import 19-8286.jsonl
    """
    from engine.store.checkpoints import load_key
    from engine.store.transfer import import_file

    path = trust_key or ctx.key_path
    trusted = load_key(path) if path.exists() else None
    counts = import_file(ctx.store(creates=True), file, trusted, allow_unsigned=unsigned)
    say("imported", events=counts.events, streams=counts.streams, file=file.name)


@click.command()
@click.argument("arkivsak", required=False)
@pass_ctx
@engine_errors
def verify(ctx: Context, arkivsak: str | None) -> None:
    """Kontroller at protokollen er uendret: regn ut hash-kjeden for hver strøm på nytt,
    sammenlign med det siste signerte sjekkpunktet, og meld hver hendelse som er endret,
    slettet, lagt inn eller flyttet, med sak og nummer, og hver strøm som er slettet, kortet
    av eller regnet om etter sjekkpunktet.

    Avslutter med status 0 når alt stemmer, 1 når noe er endret, 2 når det ikke er noe å
    kontrollere (databasen finnes ikke eller er tom) og 3 når databasen ikke kan nås.

    \b
    Eksempel:
      saksflyt verify
      saksflyt verify 19/8286
    """
    if ctx.client:
        ctx.client.echo("GET", "/verify", params={"case": arkivsak})
        return
    from documents.console import verify_report
    from engine.app.trust import verify as verify_record
    from engine.store.eventstore import StoreUnreachable

    try:
        report = verify_record(ctx.store(), ctx.key_path, arkivsak)
    except StoreUnreachable as exc:
        click.echo(f"Feil: {exc}", err=True)
        sys.exit(3)
    ctx.output(verify_report(report))


@click.command()
@click.option("--public-key", "public_key", metavar="FIL",
              type=click.Path(dir_okay=False, path_type=Path),
              help="Skriv også den offentlige nøkkelen hit (til den som skal kontrollere).")
@pass_ctx
@engine_errors
def checkpoint(ctx: Context, public_key: Path | None) -> None:
    """Forankre loggen i et signert sjekkpunkt: hver strøms siste hash, antall hendelser og
    siste posisjon, signert med en nøkkel som ikke ligger i databasen (Ed25519).

    «saksflyt verify» finner da slettede hendelser, slettede saker, en tømt tabell og en
    kjede som er regnet om etter sjekkpunktet. Finnes ingen nøkkel, lages en (i --key,
    SAKSFLYT_KEY eller ~/.config/saksflyt/signeringsnøkkel.pem), og stedet skrives ut.
    «saksflyt meeting approve» lager et sjekkpunkt av seg selv.

    \b
    Eksempel:
      saksflyt checkpoint
      saksflyt checkpoint --public-key saksflyt-offentlig.pem
    """
    from engine.app.trust import make_checkpoint

    anchored = make_checkpoint(ctx.store(), ctx.key_path, "checkpoint")
    say_anchored(anchored)
    if public_key is not None:
        public_key.write_bytes(anchored.key.public_pem())
        say("public_key_written", path=public_key)


def say_anchored(anchored: Any) -> None:
    """What a new checkpoint says: its number and size, and where a new key was made."""
    data = anchored.checkpoint.data
    if anchored.key_created:
        from documents.messages import say as word

        click.echo(word("key_created", path=anchored.key.path), err=True)
    say("checkpoint_made", number=anchored.checkpoint.number, events=data["events"],
        streams=len(data["heads"]), key_id=anchored.key.key_id)
