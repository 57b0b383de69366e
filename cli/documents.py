"""protocol and dossier: the documents of a case."""

from __future__ import annotations

from pathlib import Path

import click

from cli.options import (
    MEETING,
    Context,
    emit,
    engine_errors,
    format_option,
    lang_option,
    output_option,
    pass_ctx,
    say,
    to_stdout,
)


@click.command()
@click.argument("arkivsak")
@click.option("--meeting", required=True, metavar=MEETING, help="Møtet protokollen gjelder.")
@format_option()
@output_option("Skriv til denne filen (ellers standard ut; docx får et filnavn etter "
               "protokollen).")
@lang_option
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
    if ctx.client:
        from cli.client import path_of

        ctx.client.document(f"/cases/{path_of(arkivsak)}/protocol",
                            {"meeting": meeting, "format": fmt, "lang": lang}, output,
                            "wrote_protocol")
        return
    from engine.app.repository import require_case
    from engine.read.views import find_item

    registry, case = require_case(ctx.store(), arkivsak)
    item = find_item(case, meeting)
    if fmt == "docx":
        from documents.files import protocol_filename, write_protocol

        target = Path(protocol_filename(case, item)) if to_stdout(output) else output
        say("wrote_protocol", path=write_protocol(registry, case, item, target, lang))
        return
    from documents.compose import protocol_markup, render_markup

    emit(render_markup(protocol_markup(registry, case, item, lang), fmt), output,
         "wrote_protocol")


@click.command()
@click.argument("arkivsak")
@output_option("Word-filen som skal skrives (.docx).", required=True)
@lang_option
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
    say("wrote_dossier", path=write_dossier(registry, case, output, lang))
