"""The saksflyt command line: parse, call the engine, print. No domain logic here.

Only click is imported at start-up; every command imports what it needs, so `--help` and
shell completion stay fast. One module per command group; shared options in cli.options.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cli import (
    audit,
    cases,
    documents,
    items,
    meetings,
    register,
    replay,
    search,
    serve,
    steps,
    store,
    users,
    workflows,
)
from cli.options import DEFAULT_DB, Context, _actor


class _Group(click.Group):
    """The root group: Ctrl-C ends any command with "Avbrutt." and status 130 (what a shell
    reports for SIGINT), not click's English "Aborted!" and status 1. A command's one
    transaction is never half-stored: the store rolls it back."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (KeyboardInterrupt, click.Abort):
            click.echo("\nAvbrutt.", err=True)
            sys.exit(130)


@click.group(cls=_Group,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--db", envvar="SAKSFLYT_DB", default=DEFAULT_DB, show_default=True,
              help="Databasen: en SQLAlchemy-URL (SQLite-fil eller PostgreSQL). "
                   "Leses også fra SAKSFLYT_DB.")
@click.option("--server", envvar="SAKSFLYT_SERVER", metavar="URL",
              help="Send føring og oppslag til en saksflyt-server (med SAKSFLYT_TOKEN) i "
                   "stedet for å åpne databasen. Leses også fra SAKSFLYT_SERVER.")
@click.option("--key", "key", envvar="SAKSFLYT_KEY", metavar="FIL",
              type=click.Path(dir_okay=False, path_type=Path),
              help="Signeringsnøkkelen for sjekkpunktene (Ed25519, PEM). Leses også fra "
                   "SAKSFLYT_KEY; standard: signeringsnøkkel.pem i ~/.config/saksflyt.")
@click.option("--create", is_flag=True,
              help="La kommandoen lage databasen om den ikke finnes (ellers bare db init, "
                   "replay og import).")
@click.version_option(package_name="saksflyt", prog_name="saksflyt")
@click.pass_context
def main(ctx: click.Context, db: str, server: str | None, key: Path | None,
         create: bool) -> None:
    """saksflyt: saksbehandling for bystyresekretariatet.

    Fører forslag og voteringer i møtene, og lager vedtak, saksprotokoller og revisjonsspor
    fra protokollen alene.

    \b
    Eksempel:
      saksflyt replay examples/19-8286.yaml --out protokoller
      saksflyt vedtak 19/8286
    """
    import os

    # The token comes from the environment only: an argument would show in `ps`.
    ctx.obj = Context(db, _actor(), server or None, os.environ.get("SAKSFLYT_TOKEN"), key,
                      create)
    _house_templates(ctx)


def _house_templates(ctx: click.Context) -> None:
    """The house's template folder, from SAKSFLYT_TEMPLATES or saksflyt.toml: read once, here,
    at start-up (only a configured house imports anything for it)."""
    import os
    import sys
    from pathlib import Path

    if not (os.environ.get("SAKSFLYT_TEMPLATES") or os.environ.get("SAKSFLYT_CONFIG")
            or Path("saksflyt.toml").exists()):
        if "documents.templating" in sys.modules:  # a process that ran a configured command
            sys.modules["documents.templating"].use_templates(None)
        return
    from documents.templating import use_templates
    from engine.app.settings import load_settings
    from engine.domain.errors import SaksflytError

    try:
        use_templates(load_settings(os.environ, Path.cwd()).templates)
    except SaksflytError as exc:
        click.echo(f"Feil: {exc}", err=True)
        ctx.exit(2)


for _command in (replay.replay, replay.vedtak, cases.case_group, store.db_group, store.export_cmd,
                 store.import_cmd, store.verify, store.checkpoint, register.party_group,
                 register.body_group,
                 register.person_group, meetings.meeting_group, items.item_group,
                 items.attendance, items.correct, items.undo, steps.note, steps.rapporteur,
                 steps.impartiality, steps.propose, steps.withdraw, steps.vote, steps.join,
                 steps.take_note, steps.postpone, steps.present, documents.protocol,
                 documents.dossier, audit.blame, audit.diff, audit.history,
                 workflows.workflow_group, users.user_group, serve.serve,
                 search.search_group):
    main.add_command(_command)


if __name__ == "__main__":
    main()
