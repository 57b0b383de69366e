"""case: show, create, list, send back, refer, resubmit and withdraw cases."""

from __future__ import annotations

import click

from cli.options import (
    MEETING,
    Context,
    _completer,
    engine_errors,
    json_option,
    pass_ctx,
    say,
    text_of,
)


@click.group(name="case")
def case_group() -> None:
    """Saker: vis en sak og hvor den står."""


@case_group.command(name="show")
@click.argument("arkivsak")
@json_option
@pass_ctx
@engine_errors
def case_show(ctx: Context, arkivsak: str, as_json: bool) -> None:
    """Vis en sak: tittel, ruten med utfallet i hvert ledd, og hvor saken står nå.

    \b
    Eksempel:
      saksflyt case show 19/8286
    """
    if ctx.client:
        from cli.client import path_of

        ctx.client.echo("GET", f"/cases/{path_of(arkivsak)}", params={"json": as_json})
        return
    from documents.console import case_show as shown
    from documents.words import worded
    from engine.app.cases import show_case

    click.echo(shown(worded(show_case(ctx.store(), arkivsak)), as_json), nl=False)


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
    from engine.app.register import new_case

    new_case(ctx.store(), ctx.actor, arkivsak=arkivsak, title=title,
             recommendation=text_of([], rec_file) or [], route=route, workflow=workflow,
             prepared_by=prepared_by, prepared_date=prepared_date)
    say("case_created", arkivsak=arkivsak)


@case_group.command(name="list")
@click.option("--state", metavar="TILSTAND", help="Bare saker i denne tilstanden "
              "(som «innstilling», «avgjort» eller en del av statusen).")
@click.option("--body", metavar="UTVALG", help="Bare saker som nå ligger hos dette utvalget.")
@json_option
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
    if ctx.client:
        ctx.client.echo("GET", "/cases", params={"state": state, "body": body, "json": as_json})
        return
    from documents.console import case_list as listed
    from documents.words import case_status_text, worded
    from engine.app.cases import case_rows

    rows = worded(case_rows(ctx.store(), state, body, case_status_text))
    click.echo(listed(rows, as_json), nl=False)


@case_group.command(name="send-back")
@click.argument("arkivsak")
@click.option("--meeting", required=True, metavar=MEETING,
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
    from documents.words import case_status_text
    from engine.app.cases import send_back
    from engine.read.views import case_status

    case = send_back(ctx.store(), ctx.actor, arkivsak, meeting, to, text)
    say("sent_back", arkivsak=arkivsak, status=case_status_text(case_status(case)))


@case_group.command(name="refer")
@click.argument("arkivsak")
@click.option("--meeting", required=True, metavar=MEETING, help="Møtet som oversender saken.")
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
    from documents.words import case_status_text
    from engine.app.cases import refer
    from engine.read.views import case_status

    case = refer(ctx.store(), ctx.actor, arkivsak, meeting, to, role, text)
    say("referred", arkivsak=arkivsak, to=to, status=case_status_text(case_status(case)))


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
    from documents.words import case_status_text
    from engine.app.cases import resubmit
    from engine.read.views import case_status

    case = resubmit(ctx.store(), ctx.actor, arkivsak, date, list(paragraphs), by, at)
    say("resubmitted", round=case.round, arkivsak=arkivsak,
        status=case_status_text(case_status(case)))


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
    from documents.words import case_status_text
    from engine.app.cases import withdraw
    from engine.read.views import case_status

    case = withdraw(ctx.store(), ctx.actor, arkivsak, date, text, by)
    say("withdrawn", arkivsak=arkivsak, status=case_status_text(case_status(case)))
