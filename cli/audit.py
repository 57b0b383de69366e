"""blame, diff and history: how a decision came to read as it does."""

from __future__ import annotations

from pathlib import Path

import click

from cli.options import (
    Context,
    engine_errors,
    pass_ctx,
)

# --- audit: blame, diff, history, verify ---


@click.command()
@click.argument("arkivsak")
@click.option("--meeting", metavar='"UTVALG ÅÅÅÅ-MM-DD"',
              help="Avsnittene i det dette møtet vedtok (ellers sakens vedtak).")
@click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")
@pass_ctx
@engine_errors
def blame(ctx: Context, arkivsak: str, meeting: str | None, as_json: bool) -> None:
    """Vis hvor hvert avsnitt i vedtaket kommer fra: hvem som foreslo det, i hvilket utvalg
    og når, tidligere versjoner med endringene ord for ord, og hver votering avsnittet gikk
    gjennom (også forslag om å stryke eller endre det som falt), med stemmene mot.

    \b
    Eksempel:
      saksflyt blame 19/8286
      saksflyt blame 19/8286 --meeting "Finans- og næringskomiteen 2019-05-28" --json
    """
    if ctx.client:
        from cli.client import path_of

        ctx.client.echo("GET", f"/cases/{path_of(arkivsak)}/blame",
                        params={"meeting": meeting, "json": as_json})
        return
    from documents.audit_text import render_blame
    from documents.console import json_text
    from engine.app.reading import blame as blame_data

    case, paragraphs = blame_data(ctx.store(), arkivsak, meeting)
    click.echo(json_text(paragraphs) if as_json
               else render_blame(case.arkivsak, meeting, paragraphs), nl=False)


@click.command()
@click.argument("arkivsak")
@click.option("--from", "from_", default="forslag", show_default=True, metavar="TRINN",
              help='«forslag» (rådmannens), et møte «UTVALG ÅÅÅÅ-MM-DD», «innstilling» eller '
                   '«vedtak».')
@click.option("--to", "to", default="vedtak", show_default=True, metavar="TRINN",
              help="Som --from.")
@click.option("--format", "fmt", type=click.Choice(["text", "md", "docx"]), default="text",
              show_default=True,
              help="Ren tekst ([-strøket-] {+nytt+}), Markdown eller Word med sporede "
                   "endringer.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Skriv til denne filen (docx: ellers endringer-ARKIVSAK.docx).")
@pass_ctx
@engine_errors
def diff(ctx: Context, arkivsak: str, from_: str, to: str, fmt: str,
         output: Path | None) -> None:
    """Vis hvordan teksten endret seg mellom to trinn, avsnitt for avsnitt og ord for ord.

    I Word-formatet er endringene sporede endringer, med utvalget og møtedatoen som gjorde
    dem, så de kan gås gjennom i Words gjennomgangsrute.

    \b
    Eksempel:
      saksflyt diff 19/8286
      saksflyt diff 19/8286 --from "Finans- og næringskomiteen 2019-05-28" --to vedtak
      saksflyt diff 19/8286 --format docx -o endringer.docx
    """
    from documents.console import wrote

    if ctx.client:
        from cli.client import path_of

        path = f"/cases/{path_of(arkivsak)}/diff"
        params = {"from": from_, "to": to, "format": fmt}
        if fmt == "docx":
            target = output or Path(f"endringer-{arkivsak.replace('/', '-')}.docx")
            ctx.client.download(path, params, target)
            click.echo(wrote("endringene", target), nl=False)
            return
        text = ctx.client.call("GET", path, params=params)["text"]
    else:
        from engine.app.reading import comparison

        case, changes = comparison(ctx.store(), arkivsak, from_, to)
        if fmt == "docx":
            from documents.tracked import write_docx

            path = output or Path(f"endringer-{case.arkivsak.replace('/', '-')}.docx")
            click.echo(wrote("endringene", write_docx(changes, path)), nl=False)
            return
        from documents.tracked import render_text

        text = render_text(changes, markdown=fmt == "md")
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(wrote("endringene", output), nl=False)


@click.command()
@click.argument("arkivsak")
@click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")
@pass_ctx
@engine_errors
def history(ctx: Context, arkivsak: str, as_json: bool) -> None:
    """Vis sakens gang gjennom utvalgene: ruten, hvert møte med saksnummer og utfall,
    utsettelser, og hvert forslag med hva som ble av det (vedtatt, falt, trukket, bortfalt).

    \b
    Eksempel:
      saksflyt history 19/8286
    """
    if ctx.client:
        from cli.client import path_of

        ctx.client.echo("GET", f"/cases/{path_of(arkivsak)}/history",
                        params={"json": as_json})
        return
    from documents.audit_text import render_history
    from documents.console import json_text
    from engine.app.reading import history as history_data

    data = history_data(ctx.store(), arkivsak)
    click.echo(json_text(data) if as_json else render_history(data), nl=False)
