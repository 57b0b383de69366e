"""blame, diff and history: how a decision came to read as it does."""

from __future__ import annotations

from pathlib import Path

import click

from cli.options import (
    MEETING,
    Context,
    emit,
    engine_errors,
    format_option,
    json_option,
    output_option,
    pass_ctx,
    say,
    to_stdout,
)


@click.command()
@click.argument("arkivsak")
@click.option("--meeting", metavar=MEETING,
              help="Avsnittene i det dette møtet vedtok (ellers sakens vedtak).")
@json_option
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
    from documents.console import blame as blame_text
    from documents.words import worded
    from engine.app.audit import blame as blame_paragraphs

    paragraphs = worded(blame_paragraphs(ctx.store(), arkivsak, meeting))
    click.echo(blame_text(arkivsak, meeting, paragraphs, as_json), nl=False)


@click.command()
@click.argument("arkivsak")
@click.option("--from", "from_", default="forslag", show_default=True, metavar="TRINN",
              help='«forslag» (rådmannens), et møte «UTVALG ÅÅÅÅ-MM-DD», «innstilling» eller '
                   '«vedtak».')
@click.option("--to", "to", default="vedtak", show_default=True, metavar="TRINN",
              help="Som --from.")
@format_option("Ren tekst ([-strøket-] {+nytt+}), Markdown, Word med sporede endringer eller "
               "PDF/A (med LibreOffice).")
@output_option("Skriv til denne filen (docx og pdf: ellers endringer-ARKIVSAK.docx/.pdf).")
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
    if ctx.client:
        from cli.client import path_of

        ctx.client.document(f"/cases/{path_of(arkivsak)}/diff",
                            {"from": from_, "to": to, "format": fmt}, output, "wrote_diff",
                            f"endringer-{arkivsak.replace('/', '-')}.{fmt}")
        return
    from engine.app.audit import compare

    comparison = compare(ctx.store(), arkivsak, from_, to)
    if fmt in ("docx", "pdf"):
        from documents import pdf
        from documents.tracked_docx import write_docx

        path = (Path(f"endringer-{arkivsak.replace('/', '-')}.{fmt}") if to_stdout(output)
                else output)
        say("wrote_diff", path=pdf.write(fmt, path, lambda target: write_docx(
            comparison, target, municipality=comparison.municipality)))
        return
    from documents.tracked import render_text

    emit(render_text(comparison, markdown=fmt == "md"), output, "wrote_diff")


@click.command()
@click.argument("arkivsak")
@json_option
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

        ctx.client.echo("GET", f"/cases/{path_of(arkivsak)}/history", params={"json": as_json})
        return
    from documents.console import history as history_text
    from documents.words import worded
    from engine.app.audit import history as case_history

    click.echo(history_text(worded(case_history(ctx.store(), arkivsak)), as_json), nl=False)
