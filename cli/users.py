"""user: the server's accounts (add, list, disable, a new API token)."""

from __future__ import annotations

import sys

import click

from cli.options import Context, engine_errors, pass_ctx, say


@click.group(name="user")
def user_group() -> None:
    """Brukere av serveren: legg til, vis, deaktiver, lag API-token."""


def _read_password() -> str:
    """From the terminal (asked twice, not echoed) or the first line of standard input; never
    from an argument, which other users of the machine could read."""
    if sys.stdin.isatty():
        import getpass

        from documents.messages import say as word
        from engine.domain.errors import RuleViolation

        first = getpass.getpass(word("password_prompt"))
        if getpass.getpass(word("password_again")) != first:
            raise RuleViolation(word("passwords_differ"))
        return first
    return sys.stdin.readline().rstrip("\r\n")


@user_group.command(name="add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(["admin", "sekretær", "lesetilgang"]),
              help="admin (brukere), sekretær (føring og godkjenning) eller lesetilgang.")
@pass_ctx
@engine_errors
def user_add(ctx: Context, name: str, role: str) -> None:
    """Legg til en bruker. Passordet leses fra standard inn (eller spørres om i terminalen).

    \b
    Eksempel:
      saksflyt user add "Kari Sekretær" --role sekretær < passord.txt
    """
    from engine.app.accounts import add_user

    user = add_user(ctx.store(), name, role, _read_password())
    say("user_added", name=user.name, role=user.role)


@user_group.command(name="list")
@pass_ctx
@engine_errors
def user_list(ctx: Context) -> None:
    """Vis brukerne og rollene deres.

    \b
    Eksempel:
      saksflyt user list
    """
    from documents.messages import say as word
    from engine.app.accounts import list_users

    users = list_users(ctx.store())
    if not users:
        say("no_users")
    for user in users:
        say("user_line", name=user.name, role=user.role,
            disabled=word("user_disabled_note") if user.disabled else "")


@user_group.command(name="disable")
@click.argument("name")
@pass_ctx
@engine_errors
def user_disable(ctx: Context, name: str) -> None:
    """Deaktiver en bruker: innlogging, økter og API-token slutter å virke med en gang.

    \b
    Eksempel:
      saksflyt user disable "Kari Sekretær"
    """
    from engine.app.accounts import disable_user

    disable_user(ctx.store(), name)
    say("user_disabled", name=name)


@user_group.command(name="token")
@click.argument("name")
@pass_ctx
@engine_errors
def user_token(ctx: Context, name: str) -> None:
    """Lag et nytt API-token for brukeren. Tokenet skrives ut alene, én gang: bare en hash
    av det lagres.

    \b
    Eksempel:
      export SAKSFLYT_TOKEN=$(saksflyt user token "Kari Sekretær")
    """
    from engine.app.accounts import new_token

    click.echo(new_token(ctx.store(), name))
