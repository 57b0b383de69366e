"""item: open, status and close the item being logged; attendance and corrections."""

from __future__ import annotations

import click

from cli.options import (
    Context,
    _completer,
    engine_errors,
    json_option,
    meeting_argument,
    pass_ctx,
    target,
    text_of,
)


@click.group(name="item")
def item_group() -> None:
    """Den åpne saken i møtet: åpne, se status, avslutte."""


@item_group.command(name="open")
@meeting_argument()
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
    from engine.app.items import open_item

    click.echo(item_opened(*open_item(ctx.store(), ctx.actor, meeting, sak)), nl=False)


@item_group.command(name="close")
@target
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
    from engine.app.items import close_item

    case, item = close_item(ctx.store(), ctx.actor, meeting, arkivsak)
    click.echo(decision_text(case, item), nl=False)


@item_group.command(name="reopen")
@meeting_argument()
@click.argument("sak")
@click.option("--reason", required=True, help="Hvorfor behandlingen åpnes igjen.")
@pass_ctx
@engine_errors
def item_reopen(ctx: Context, meeting: str, sak: str, reason: str) -> None:
    """Åpne en avsluttet behandling igjen, med begrunnelse, til protokollen er godkjent.

    Avslutningen står i loggen; saken avgjøres på nytt når den avsluttes igjen.

    \b
    Eksempel:
      saksflyt item reopen "Bystyret 2019-08-29" 87/19 --reason "Merknaden var ikke ført"
    """
    if ctx.client:
        ctx.client.echo("POST", "/items/reopen", {"meeting": meeting, "sak": sak,
                                                   "reason": reason})
        return
    from documents.console import line
    from engine.app.items import reopen

    _, item = reopen(ctx.store(), ctx.actor, meeting, sak, reason)
    click.echo(line("reopened", meeting=item.meeting, sak=item.sak, reason=reason.strip()),
               nl=False)


@click.command()
@target
@pass_ctx
@engine_errors
def undo(ctx: Context, meeting: str | None, arkivsak: str | None) -> None:
    """Angre den åpne sakens siste steg (før saken er avsluttet).

    Steget blir stående i loggen, merket som angret; saken avgjøres som om det aldri var
    tatt. Oppmøte angres ikke (før det på nytt).

    \b
    Eksempel:
      saksflyt undo
    """
    if ctx.client:
        ctx.client.echo("POST", "/items/undo", {"meeting": meeting, "case": arkivsak})
        return
    from documents.console import undone_line
    from engine.app.items import undo_last

    _, item, kind = undo_last(ctx.store(), ctx.actor, meeting, arkivsak)
    click.echo(undone_line(item.meeting, item.sak, kind), nl=False)


@item_group.command(name="status")
@target
@json_option
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
    from documents.console import item_status as status_text
    from engine.app.items import item_preview

    found = item_preview(ctx.store(), meeting, arkivsak)
    click.echo(status_text(*found, as_json=as_json), nl=False)


@click.command()
@meeting_argument(required=False)
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

    if bool(deputy) != bool(member):
        raise click.UsageError("--deputy og --for hører sammen.")
    if ctx.client:
        ctx.client.echo("POST", "/attendance", {
            "meeting": meeting, "absent": split_list(absent), "deputy": deputy,
            "for": member, "item_only": item_only})
        return
    from documents.console import attendance_logged
    from engine.app.items import record_attendance

    found, item = record_attendance(ctx.store(), ctx.actor, meeting, absent=split_list(absent),
                                    deputy=deputy, member=member, item_only=item_only)
    click.echo(attendance_logged(found, item), nl=False)


@click.command()
@click.option("--vote", "number", type=int, help="Voteringens nummer i saken (se item status).")
@click.option("--proposal", shell_complete=_completer("proposals"), help="Forslagets id.")
@click.option("--against", metavar='"3V, 2KrF"', help="Riktige stemmer imot.")
@click.option("--for", "for_", metavar='"3V, 2KrF"', help="Riktige stemmer for.")
@click.option("--text", multiple=True, help="Forslagets riktige tekst (gjentas per avsnitt).")
@click.option("--text-file", metavar="FIL", help="Riktig tekst fra fil («-»: standard inn).")
@click.option("--reason", required=True, help="Hvorfor det korrigeres.")
@click.option("--after-approval", is_flag=True, help="Korriger en godkjent protokoll.")
@target
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
    if (number is None) == (proposal is None):
        raise click.UsageError("Oppgi enten --vote N eller --proposal ID.")
    words = text_of(text, text_file) if proposal else None
    if ctx.client:
        ctx.client.echo("POST", "/items/correct", {
            "meeting": meeting, "case": arkivsak, "vote": number, "proposal": proposal,
            "for": for_, "against": against, "text": words, "reason": reason,
            "after_approval": after_approval})
        return
    from documents.console import line
    from engine.app.items import correct as record

    item = record(ctx.store(), ctx.actor, vote=number, proposal=proposal, votes_for=for_,
                  votes_against=against, text=words, reason=reason,
                  after_approval=after_approval, meeting=meeting, arkivsak=arkivsak)
    click.echo(line("corrected", meeting=item.meeting, sak=item.sak, reason=reason), nl=False)
