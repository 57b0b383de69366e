"""meeting: create, set the sakskart, show, approve, the møteprotokoll."""

from __future__ import annotations

from pathlib import Path

import click

from cli.options import (
    Context,
    _completer,
    engine_errors,
    pass_ctx,
)


@click.group(name="meeting")
def meeting_group() -> None:
    """Møter: opprett, sett opp sakskartet, vis, godkjenn protokollen."""


@meeting_group.command(name="new")
@click.argument("meeting", metavar='"UTVALG ÅÅÅÅ-MM-DD"', shell_complete=_completer("bodies"))
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
    from documents.console import meeting_created
    from engine.app.desk import new_meeting

    click.echo(meeting_created(new_meeting(ctx.store(), ctx.actor, meeting).key), nl=False)


@meeting_group.command(name="agenda")
@click.argument("meeting", metavar='"UTVALG ÅÅÅÅ-MM-DD"', shell_complete=_completer("meetings"))
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
    from documents.console import agenda_added
    from engine.app.desk import add_to_agenda

    found = add_to_agenda(ctx.store(), ctx.actor, meeting, arkivsak, sak, title, result)
    click.echo(agenda_added(sak, arkivsak, found.key), nl=False)


@meeting_group.command(name="show")
@click.argument("meeting", metavar='"UTVALG ÅÅÅÅ-MM-DD"', shell_complete=_completer("meetings"))
@click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")
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
    from documents.console import json_text
    from engine.app.desk import meeting_overview
    from engine.app.meetings import format_meeting

    overview = meeting_overview(ctx.store(), meeting)
    click.echo(json_text(overview) if as_json else format_meeting(overview), nl=False)


@meeting_group.command(name="approve")
@click.argument("meeting", metavar='"UTVALG ÅÅÅÅ-MM-DD"', shell_complete=_completer("meetings"))
@click.option("--text", help="Merknad til godkjenningen (hvem, hvilket møte).")
@pass_ctx
@engine_errors
def meeting_approve(ctx: Context, meeting: str, text: str | None) -> None:
    """Godkjenn møtets protokoll; senere korrigeringer trenger --after-approval.

    \b
    Eksempel:
      saksflyt meeting approve "Bystyret 2019-08-29"
    """
    if ctx.client:
        from cli.client import quoted

        ctx.client.echo("POST", f"/meetings/{quoted(meeting)}/approve", {"text": text})
        return
    from documents.console import protocol_approved
    from engine.app.desk import approve

    click.echo(protocol_approved(approve(ctx.store(), ctx.actor, meeting, text).key), nl=False)


@meeting_group.command(name="protocol")
@click.argument("meeting", metavar='"UTVALG ÅÅÅÅ-MM-DD"', shell_complete=_completer("meetings"))
@click.option("--format", "fmt", type=click.Choice(["text", "md", "docx"]), default="text",
              show_default=True, help="Ren tekst, Markdown eller Word.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Skriv til denne filen (docx får ellers et filnavn etter møtet).")
@click.option("--lang", type=click.Choice(["nb", "nn"]), default="nb", show_default=True,
              help="Målform: bokmål eller nynorsk.")
@pass_ctx
@engine_errors
def meeting_protocol(ctx: Context, meeting: str, fmt: str, output: Path | None,
                     lang: str) -> None:
    """Lag hele møtets møteprotokoll: oppmøte, sakskart og hver saksprotokoll i rekkefølge.

    \b
    Eksempel:
      saksflyt meeting protocol "Bystyret 2019-08-29"
      saksflyt meeting protocol "Bystyret 2019-08-29" --format docx -o bystyret.docx
    """
    from documents.console import wrote

    if ctx.client:
        from cli.client import quoted

        path = f"/meetings/{quoted(meeting)}/protocol"
        params = {"format": fmt, "lang": lang}
        if fmt == "docx":
            answer = ctx.client.call("GET", path, params={**params, "format": "name"})
            target = output or Path(answer["filename"])
            ctx.client.download(path, params, target)
            click.echo(wrote("møteprotokollen", target), nl=False)
            return
        text = ctx.client.call("GET", path, params=params)["text"]
    else:
        from documents import meeting_protocol as mp
        from engine.app.desk import meeting_record

        registry, found, items = meeting_record(ctx.store(), meeting)
        if fmt == "docx":
            path = mp.write_meeting_protocol(registry, found, items,
                                             output or Path(mp.meeting_filename(found)), lang)
            click.echo(wrote("møteprotokollen", path), nl=False)
            return
        from documents.compose import render_markup

        text = render_markup(mp.meeting_markup(registry, found, items, lang), fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(wrote("møteprotokollen", output), nl=False)
