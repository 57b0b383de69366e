"""item: open, status and close the item being logged; attendance and corrections."""

from __future__ import annotations

import click

from cli.options import (
    Context,
    _completer,
    _json,
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
    from engine.app.meetings import LiveSession, open_live_item

    session = LiveSession(ctx.store())
    case, item = open_live_item(session.ws, session.meeting(meeting), sak)
    session.commit(ctx.actor)
    click.echo(f"Åpen sak: {item.sak} ({case.arkivsak}) i «{item.meeting}»: "
               f"{item.title or case.title}")


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
    from documents.decision import decision_text
    from engine.app.meetings import LiveSession
    from engine.commands.deciders import close_item

    session = LiveSession(ctx.store())
    case, item = session.target(meeting, arkivsak)
    close_item(session.ws, case, item)
    session.commit(ctx.actor)
    click.echo(decision_text(case, item), nl=False)


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
    from documents.decision import decision_text
    from engine.app.live import format_status, item_status, preview
    from engine.app.meetings import LiveSession

    session = LiveSession(ctx.store())
    case, item = session.target(meeting, arkivsak)
    status = item_status(case, item, decision_text(case, preview(session.ws.registry, item)))
    click.echo(_json(status) if as_json else format_status(status), nl=False)


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
    from engine.app.meetings import LiveSession, record_attendance
    from engine.app.open_items import attendance_target

    session = LiveSession(ctx.store())
    found, target = attendance_target(session, meeting)
    pairs = [(deputy, member)] if deputy or member else []
    if pairs and not (deputy and member):
        raise click.UsageError("--deputy og --for hører sammen.")
    record_attendance(session.ws, found, target, absent=split_list(absent),
                      deputies=pairs, only_item=item_only)  # type: ignore[arg-type]
    session.commit(ctx.actor)
    click.echo(f"Oppmøtet er ført for «{found.key}»"
               + (f", sak {target[1].sak}." if item_only and target else "."))


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
    from engine.app.meetings import LiveSession
    from engine.commands.corrections import correct_proposal, correct_vote

    session = LiveSession(ctx.store())
    case, item = session.target(meeting, arkivsak)
    flags = {"reason": reason, "approved": session.approved(item),
             "after_approval": after_approval}
    if (number is None) == (proposal is None):
        raise click.UsageError("Oppgi enten --vote N eller --proposal ID.")
    if number is not None:
        correct_vote(session.ws, case, item, number, votes_for=for_, votes_against=against,
                     **flags)
    else:
        correct_proposal(session.ws, case, item, proposal or "", _text(text, text_file) or [],
                         **flags)
    session.commit(ctx.actor)
    click.echo(f"Korrigeringen er ført i «{item.meeting}», sak {item.sak}: {reason}")
