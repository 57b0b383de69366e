"""meeting: create, set the sakskart, show, approve, the møteprotokoll."""

from __future__ import annotations

from pathlib import Path

import click

from cli.options import (
    Context,
    emit,
    engine_errors,
    format_option,
    json_option,
    lang_option,
    meeting_argument,
    output_option,
    pass_ctx,
    say,
    to_stdout,
    write_file,
)


@click.group(name="meeting")
def meeting_group() -> None:
    """Møter: opprett, sett opp sakskartet, vis, godkjenn protokollen."""


@meeting_group.command(name="new")
@meeting_argument("bodies")
@pass_ctx
@engine_errors
def meeting_new(ctx: Context, meeting: str) -> None:
    """Opprett et møte.

    \b
    Eksempel:
      saksflyt meeting new "Bystyret 2019-08-29"
    """
    if ctx.client:
        ctx.client.echo("POST", "/meetings", {"meeting": meeting})
        return
    from documents.console import line
    from engine.app.meetings import new_meeting

    created = new_meeting(ctx.store(), ctx.actor, meeting)
    click.echo(line("meeting_created", meeting=created.key), nl=False)


@meeting_group.command(name="agenda")
@meeting_argument()
@click.argument("arkivsak")
@click.option("--sak", required=True, metavar="87/19", help="Utvalgets eget saksnummer.")
@click.option("--title", help="Tittel i protokollen, hvis ikke sakens.")
@click.option("--result", help="Protokollens Resultat-etikett, der standarden ikke passer.")
@pass_ctx
@engine_errors
def meeting_agenda(ctx: Context, meeting: str, arkivsak: str, sak: str, title: str | None,
                   result: str | None) -> None:
    """Sett en sak på møtets sakskart.

    \b
    Eksempel:
      saksflyt meeting agenda "Bystyret 2019-08-29" 19/8286 --sak 87/19
    """
    if ctx.client:
        from cli.client import quoted

        ctx.client.echo("POST", f"/meetings/{quoted(meeting)}/agenda",
                        {"arkivsak": arkivsak, "sak": sak, "title": title, "result": result})
        return
    from documents.console import line
    from engine.app.meetings import add_to_agenda

    found = add_to_agenda(ctx.store(), ctx.actor, meeting, arkivsak, sak, title, result)
    click.echo(line("agenda_added", sak=sak, arkivsak=arkivsak, meeting=found.key), nl=False)


@meeting_group.command(name="show")
@meeting_argument()
@json_option
@pass_ctx
@engine_errors
def meeting_show(ctx: Context, meeting: str, as_json: bool) -> None:
    """Vis møtets sakskart, oppmøte og hvor hver sak står.

    \b
    Eksempel:
      saksflyt meeting show "Bystyret 2019-08-29"
    """
    if ctx.client:
        from cli.client import quoted

        ctx.client.echo("GET", f"/meetings/{quoted(meeting)}", params={"json": as_json})
        return
    from documents.console import meeting_show as shown
    from documents.words import worded
    from engine.app.meetings import show_meeting

    click.echo(shown(worded(show_meeting(ctx.store(), meeting)), as_json), nl=False)


@meeting_group.command(name="record")
@meeting_argument()
@click.option("--place", help="Møtested.")
@click.option("--start", metavar="TT:MM", help="Når møtet startet.")
@click.option("--end", metavar="TT:MM", help="Når møtet sluttet.")
@click.option("--chair", metavar="NAVN", help="Møteleder.")
@click.option("--roll-call", is_flag=True,
              help="Oppmøtet er tatt: forfall er de som er ført (saksflyt attendance).")
@pass_ctx
@engine_errors
def meeting_record(ctx: Context, meeting: str, place: str | None, start: str | None,
                   end: str | None, chair: str | None, roll_call: bool) -> None:
    """Før møtebokens opplysninger om møtet (kommuneloven § 11-4): sted, tid, møteleder.

    \b
    Eksempel:
      saksflyt meeting record "Bystyret 2019-08-29" --place "Bystyresalen" \\
          --start 10:00 --end 15:30 --chair "Hilde Opoku" --roll-call
    """
    from engine.app.meetings import record_meeting

    found = record_meeting(ctx.store(), ctx.actor, meeting, place=place, start=start, end=end,
                           chair=chair, roll_call=roll_call)
    say("meeting_recorded", meeting=found.key)


@meeting_group.command(name="approve")
@meeting_argument()
@click.option("--text", help="Merknad til godkjenningen (hvem, hvilket møte).")
@click.option("--by", "by", multiple=True, metavar="NAVN",
              help="Hvem som godkjente protokollen (gjentas for flere).")
@click.option("--how", "method", type=click.Choice(["elektronisk", "signert", "møte"]),
              help="Hvordan protokollen ble godkjent.")
@click.option("--date", metavar="ÅÅÅÅ-MM-DD", help="Godkjenningens dato (standard: i dag).")
@click.option("--as-recorded", is_flag=True,
              help="Godkjenn en gammel protokoll slik den er ført, med det møteboken mangler.")
@pass_ctx
@engine_errors
def meeting_approve(ctx: Context, meeting: str, text: str | None, by: tuple[str, ...],
                    method: str | None, date: str | None, as_recorded: bool) -> None:
    """Godkjenn møtets protokoll; senere korrigeringer trenger --after-approval.

    Møteboken må ha det kommuneloven § 11-4 krever (sted, tid, møteleder, hvem som møtte,
    hjemmel for inhabilitet, hvordan partiene stemte); ellers nektes godkjenningen med det
    som mangler, eller den godkjennes slik den er ført med --as-recorded. Protokollen
    forankres i et signert sjekkpunkt (se «saksflyt checkpoint»).

    \b
    Eksempel:
      saksflyt meeting approve "Bystyret 2019-08-29" --by "Kari Nordmann" --how elektronisk
      saksflyt meeting approve "Bystyret 2019-06-13" --as-recorded
    """
    import datetime as dt

    day = date or dt.date.today().isoformat()
    if ctx.client:
        from cli.client import quoted

        ctx.client.echo("POST", f"/meetings/{quoted(meeting)}/approve",
                        {"text": text, "by": list(by), "method": method,
                         "as_recorded": as_recorded, "date": day})
        return
    from cli.store import say_anchored
    from documents.console import line
    from engine.app.meetings import approve_and_anchor

    approved, anchored = approve_and_anchor(ctx.store(), ctx.actor, meeting, text,
                                            ctx.key_path, by=list(by), method=method,
                                            as_recorded=as_recorded, date=day)
    click.echo(line("approved", meeting=approved.key), nl=False)
    say_anchored(anchored)


@meeting_group.command(name="protocol")
@meeting_argument()
@format_option()
@output_option("Skriv til denne filen (docx får ellers et filnavn etter møtet).")
@lang_option
@pass_ctx
@engine_errors
def meeting_protocol(ctx: Context, meeting: str, fmt: str, output: Path | None, force: bool,
                     lang: str | None) -> None:
    """Lag hele møtets møteprotokoll: oppmøte, sakskart og hver saksprotokoll i rekkefølge.

    \b
    Eksempel:
      saksflyt meeting protocol "Bystyret 2019-08-29"
      saksflyt meeting protocol "Bystyret 2019-08-29" --format docx -o bystyret.docx
    """
    if ctx.client:
        from cli.client import quoted

        ctx.client.document(f"/meetings/{quoted(meeting)}/protocol",
                            {"format": fmt, "lang": lang}, output, "wrote_meeting_protocol")
        return
    from documents import meeting_protocol as mp
    from engine.app.approvals import approvals
    from engine.app.meetings import meeting_record

    store = ctx.store()
    registry, found, items = meeting_record(store, meeting)
    approval = approvals(store, [found.key]).get(found.key)
    if fmt in ("docx", "pdf"):
        from documents import pdf

        target = output or Path(mp.meeting_filename(found, fmt))
        write_file(target, force, lambda tmp: pdf.write(fmt, tmp, lambda path: (
            mp.write_meeting_protocol(registry, found, items, path, lang, approval))))
        if not to_stdout(target):
            say("wrote_meeting_protocol", path=target)
        return
    from documents.compose import render_markup

    text = render_markup(mp.meeting_markup(registry, found, items, lang, approval), fmt)
    emit(text, output, "wrote_meeting_protocol", force)
