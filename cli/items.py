"""item: open, status and close the item being logged; attendance and corrections."""

from __future__ import annotations

import click

from cli.options import (
    Context,
    _completer,
    _target,
    _text,
    engine_errors,
    pass_ctx,
)


@click.group(name="item")
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
    if ctx.client:
        from cli.client import quoted

        ctx.client.echo("POST", f"/meetings/{quoted(meeting)}/open", {"sak": sak})
        return
    from documents.console import item_opened
    from engine.app.desk import open_item

    click.echo(item_opened(*open_item(ctx.store(), ctx.actor, meeting, sak)), nl=False)


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
    if ctx.client:
        ctx.client.echo("POST", "/items/close", {"meeting": meeting, "case": arkivsak})
        return
    from documents.decision import decision_text
    from engine.app.desk import close_item

    click.echo(decision_text(*close_item(ctx.store(), ctx.actor, meeting, arkivsak)), nl=False)


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
    if ctx.client:
        ctx.client.echo("GET", "/items/status", params={"meeting": meeting, "case": arkivsak,
                                                        "json": as_json})
        return
    from documents.console import item_status_text
    from engine.app.desk import item_preview

    click.echo(item_status_text(*item_preview(ctx.store(), meeting, arkivsak), as_json),
               nl=False)


@click.command()
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

    values = {"absent": split_list(absent), "deputy": deputy, "for": member,
              "item_only": item_only}
    if ctx.client:
        ctx.client.echo("POST", "/attendance", {"meeting": meeting, **values})
        return
    from documents.console import attendance_logged
    from engine.app.desk import attendance as log_attendance

    found, target = log_attendance(ctx.store(), ctx.actor, meeting, absent=values["absent"],
                                   deputy=deputy, member=member, item_only=item_only)
    click.echo(attendance_logged(found.key, target[1].sak if item_only and target else None),
               nl=False)


@click.command()
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
    values = {"vote": number, "proposal": proposal, "against": against, "for": for_,
              "text": _text(text, text_file), "reason": reason,
              "after_approval": after_approval}
    if ctx.client:
        ctx.client.echo("POST", "/items/correct", {"meeting": meeting, "case": arkivsak,
                                                   **values})
        return
    from documents.console import correction_logged
    from engine.app.desk import correct as log_correction

    item = log_correction(ctx.store(), ctx.actor, number=number, proposal=proposal,
                          against=against, for_=for_, text=values["text"], reason=reason,
                          after_approval=after_approval, meeting=meeting, arkivsak=arkivsak)
    click.echo(correction_logged(item, reason), nl=False)
