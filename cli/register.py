"""party, body and person: the register."""

from __future__ import annotations

import click

from cli.options import (
    Context,
    engine_errors,
    pass_ctx,
)


@click.group(name="party")
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


@click.group(name="body")
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


@click.group(name="person")
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
