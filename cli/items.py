"""item: open, status and close the item being logged; attendance and corrections."""

from __future__ import annotations

import click

from cli.options import (
    Context,
    _completer,
    engine_errors,
    json_option,
    json_text,
    meeting_argument,
    pass_ctx,
    say,
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
    from engine.app.items import open_item

    case, item = open_item(ctx.store(), ctx.actor, meeting, sak)
    say("item_opened", sak=item.sak, arkivsak=case.arkivsak, meeting=item.meeting,
        title=item.title or case.title)


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
    from documents.decision import decision_text
    from engine.app.items import close_item

    case, item = close_item(ctx.store(), ctx.actor, meeting, arkivsak)
    click.echo(decision_text(case, item), nl=False)


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
    from documents.decision import decision_text
    from documents.item_status import format_status
    from documents.words import worded
    from engine.app.items import item_preview
    from engine.app.live import item_status

    case, item, closed = item_preview(ctx.store(), meeting, arkivsak)
    status = worded(item_status(case, item, decision_text(case, closed)))
    click.echo(json_text(status) if as_json else format_status(status), nl=False)


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
    from documents.messages import say as word
    from engine.app.items import record_attendance
    from engine.app.live import split_list

    if bool(deputy) != bool(member):
        raise click.UsageError("--deputy og --for hører sammen.")
    found, item = record_attendance(ctx.store(), ctx.actor, meeting, absent=split_list(absent),
                                    deputy=deputy, member=member, item_only=item_only)
    say("attendance_logged", meeting=found.key,
        scope=word("attendance_item", sak=item.sak) if item else "")


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
    from engine.app.items import correct as record

    if (number is None) == (proposal is None):
        raise click.UsageError("Oppgi enten --vote N eller --proposal ID.")
    item = record(ctx.store(), ctx.actor, vote=number, proposal=proposal, votes_for=for_,
                  votes_against=against, text=text_of(text, text_file) if proposal else None,
                  reason=reason, after_approval=after_approval, meeting=meeting,
                  arkivsak=arkivsak)
    say("corrected", meeting=item.meeting, sak=item.sak, reason=reason)
