"""protocol and dossier: the documents of a case."""

from __future__ import annotations

from pathlib import Path

import click

from cli.options import (
    Context,
    engine_errors,
    pass_ctx,
)

# --- documents: saksprotokoll and dossier ---


@click.command()
@click.argument("arkivsak")
@click.option("--meeting", required=True, metavar='"UTVALG ÅÅÅÅ-MM-DD"',
              help="Møtet protokollen gjelder.")
@click.option("--format", "fmt", type=click.Choice(["text", "md", "docx"]), default="text",
              show_default=True, help="Ren tekst, Markdown eller Word.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Skriv til denne filen (ellers standard ut; docx får et filnavn etter "
                   "protokollen).")
@click.option("--lang", type=click.Choice(["nb", "nn"]), default="nb", show_default=True,
              help="Målform: bokmål eller nynorsk.")
@pass_ctx
@engine_errors
def protocol(ctx: Context, arkivsak: str, meeting: str, fmt: str, output: Path | None,
             lang: str) -> None:
    """Lag saksprotokollen for en sak i ett møte.

    \b
    Eksempel:
      saksflyt protocol 19/8286 --meeting "Bystyret 2019-08-29"
      saksflyt protocol 19/8286 --meeting "Bystyret 2019-08-29" --format docx
      saksflyt protocol 19/8286 --meeting "Bystyret 2019-08-29" --lang nn -o protokoll.md \\
        --format md
    """
    from documents.console import wrote

    if ctx.client:
        from cli.client import path_of

        path, params = f"/cases/{path_of(arkivsak)}/protocol", {"meeting": meeting,
                                                                "format": fmt, "lang": lang}
        if fmt == "docx":
            answer = ctx.client.call("GET", path, params={**params, "format": "name"})
            target = output or Path(answer["filename"])
            ctx.client.download(path, params, target)
            click.echo(wrote("saksprotokollen", target), nl=False)
            return
        text = ctx.client.call("GET", path, params=params)["text"]
    else:
        from engine.app.reading import protocol_item

        registry, case, item = protocol_item(ctx.store(), arkivsak, meeting)
        if fmt == "docx":
            from documents.files import protocol_filename, write_protocol

            written = write_protocol(registry, case, item,
                                     output or Path(protocol_filename(case, item)), lang)
            click.echo(wrote("saksprotokollen", written), nl=False)
            return
        from documents.compose import protocol_markup, render_markup

        text = render_markup(protocol_markup(registry, case, item, lang), fmt)
    if output is None:
        click.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        click.echo(wrote("saksprotokollen", output), nl=False)


@click.command()
@click.argument("arkivsak")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Word-filen som skal skrives (.docx).")
@click.option("--lang", type=click.Choice(["nb", "nn"]), default="nb", show_default=True,
              help="Målform: bokmål eller nynorsk.")
@pass_ctx
@engine_errors
def dossier(ctx: Context, arkivsak: str, output: Path, lang: str) -> None:
    """Samle sakens dokumenter i én Word-fil: alle saksprotokoller og saksframlegget.

    Vedtaksprotokollen først, så resten av behandlingen (nyeste først), saksframlegget og
    rådenes uttalelser som vedlegg.

    \b
    Eksempel:
      saksflyt dossier 19/8286 -o saksdokumenter.docx
    """
    from documents.files import write_dossier
    from engine.app.repository import require_case

    registry, case = require_case(ctx.store(), arkivsak)
    path = write_dossier(registry, case, output, lang)
    click.echo(f"Skrev saksdokumentene til {path}")
