"""meeting: create, set the sakskart, show, approve, the møteprotokoll."""

from __future__ import annotations

from pathlib import Path

import click

from cli.options import (
    Context,
    _completer,
    _json,
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
    from engine.app.meetings import LiveSession, new_meeting
    from engine.read.views import parse_meeting

    session = LiveSession(ctx.store())
    body, date = parse_meeting(meeting)
    created = new_meeting(session.ws, session.find_meeting(meeting), body, date)
    session.commit(ctx.actor)
    click.echo(f"Møtet «{created.key}» er opprettet.")


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
    from engine.app.meetings import LiveSession, add_to_agenda

    session = LiveSession(ctx.store())
    found = session.meeting(meeting)
    add_to_agenda(session.ws, found, arkivsak, sak, title, result)
    session.commit(ctx.actor)
    click.echo(f"Sak {sak} ({arkivsak}) står på sakskartet til «{found.key}».")


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
    from engine.app.meetings import LiveSession, format_meeting, meeting_overview

    session = LiveSession(ctx.store())
    overview = meeting_overview(session, session.recorded_meeting(meeting))
    click.echo(_json(overview) if as_json else format_meeting(overview), nl=False)


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
    from engine.app.meetings import LiveSession, approve

    session = LiveSession(ctx.store())
    found = session.meeting(meeting)
    approve(session.ws, found, [i for _, i in session.items(found)], text)
    session.commit(ctx.actor)
    click.echo(f"Protokollen for «{found.key}» er godkjent.")


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
    from documents import meeting_protocol as mp
    from engine.app.meetings import LiveSession

    session = LiveSession(ctx.store())
    found = session.recorded_meeting(meeting)
    items, registry = session.items(found), session.ws.registry
    if fmt == "docx":
        path = mp.write_meeting_protocol(registry, found, items,
                                         output or Path(mp.meeting_filename(found)), lang)
        click.echo(f"Skrev møteprotokollen til {path}")
        return
    from documents.compose import render_markup

    text = render_markup(mp.meeting_markup(registry, found, items, lang), fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(f"Skrev møteprotokollen til {output}")
