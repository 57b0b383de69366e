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
    write_file,
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
             force: bool, lang: str | None) -> None:
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
    from engine.app.approvals import case_approvals
    from engine.app.repository import require_case
    from engine.read.views import find_item

    store = ctx.store()
    registry, case = require_case(store, arkivsak)
    item = find_item(case, meeting)
    approval = case_approvals(store, case).get(item.meeting)
    if fmt in ("docx", "pdf"):
        from documents import pdf
        from documents.files import protocol_filename, write_protocol

        target = output or Path(protocol_filename(case, item, fmt))
        write_file(target, force, lambda tmp: pdf.write(fmt, tmp, lambda path: write_protocol(
            registry, case, item, path, lang, approval)))
        if not to_stdout(target):
            say("wrote_protocol", path=target)
        return
    from documents.compose import protocol_markup, render_markup

    emit(render_markup(protocol_markup(registry, case, item, lang, approval), fmt), output,
         "wrote_protocol", force)


@click.command()
@click.argument("arkivsak")
@output_option("Filen som skal skrives (.docx eller .pdf).", required=True)
@click.option("--format", "fmt", type=click.Choice(["docx", "pdf"]), default="docx",
              show_default=True, help="Word, eller PDF/A (med LibreOffice).")
@lang_option
@pass_ctx
@engine_errors
def dossier(ctx: Context, arkivsak: str, output: Path, force: bool, fmt: str,
            lang: str | None) -> None:
    """Samle sakens dokumenter i én fil: innholdsfortegnelse, alle saksprotokoller og
    saksframlegget.

    Vedtaksprotokollen først, så resten av behandlingen (nyeste først), saksframlegget og
    rådenes uttalelser som vedlegg.

    \b
    Eksempel:
      saksflyt dossier 19/8286 -o saksdokumenter.docx
      saksflyt dossier 19/8286 --format pdf -o saksdokumenter.pdf
    """
    from documents import pdf
    from documents.files import write_dossier
    from engine.app.approvals import case_approvals
    from engine.app.repository import require_case

    store = ctx.store()
    registry, case = require_case(store, arkivsak)
    approved = case_approvals(store, case)
    write_file(output, force, lambda tmp: pdf.write(fmt, tmp, lambda path: write_dossier(
        registry, case, path, lang, approved)))
    if not to_stdout(output):
        say("wrote_dossier", path=output)
