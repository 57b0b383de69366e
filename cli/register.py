"""party, body and person: the register."""

from __future__ import annotations

import click

from cli.options import Context, engine_errors, pass_ctx, say


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
    from engine.app.register import add_party

    add_party(ctx.store(), ctx.actor, short, name)
    say("party_added", short=short, name=name)


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
    from engine.app.register import add_body

    add_body(ctx.store(), ctx.actor, name, kind, seats)
    say("body_added", name=name)


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
    from engine.app.register import add_person

    add_person(ctx.store(), ctx.actor, name, affiliation)
    say("person_added", name=name)
