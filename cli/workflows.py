"""workflow: list, show and draw the case types."""

from __future__ import annotations

from pathlib import Path

import click

from cli.options import (
    Context,
    engine_errors,
    output_option,
    pass_ctx,
    say,
    to_stdout,
    write_file,
)


@click.group(name="workflow")
def workflow_group() -> None:
    """Arbeidsflyter (sakstyper): tilstander, overganger, regler og diagram."""


@workflow_group.command(name="list")
@pass_ctx
@engine_errors
def workflow_list(ctx: Context) -> None:
    """Vis arbeidsflytene som finnes i workflows/.

    \b
    Eksempel:
      saksflyt workflow list
    """
    from documents.messages import say as word
    from documents.tables import format_table
    from engine.app.workflows import workflow_rows

    rows = [[name, title, ", ".join(roles)] for name, title, roles in workflow_rows()]
    click.echo(format_table(word("workflow_headers").split("|"), rows))


@workflow_group.command(name="show")
@click.argument("name")
@pass_ctx
@engine_errors
def workflow_show(ctx: Context, name: str) -> None:
    """Vis en arbeidsflyt som tabeller: tilstander, overganger og regler.

    \b
    Eksempel:
      saksflyt workflow show politisk-sak
    """
    from documents.tables import format_table, workflow_tables
    from engine.domain.lifecycle import load_workflow

    workflow = load_workflow(name)
    d = workflow.definition
    click.echo(f"{d.title or d.name} ({d.name})")
    if d.description:
        click.echo(d.description)
    for heading, headers, rows in workflow_tables(workflow):
        click.echo(f"\n{heading}:")
        click.echo(format_table(headers, rows))


@workflow_group.command(name="diagram")
@click.argument("name")
@output_option("Fil å skrive: .svg eller .png (krever Graphviz), .dot eller .mmd.")
@click.option("--case", "arkivsak", metavar="ARKIVSAK",
              help="Tegn sakens vei gjennom arbeidsflyten oppå diagrammet.")
@click.option("--format", "fmt", type=click.Choice(["mermaid", "dot"]), default="mermaid",
              show_default=True, help="Tekstformat når diagrammet skrives til skjermen.")
@pass_ctx
@engine_errors
def workflow_diagram(ctx: Context, name: str, output: Path | None, force: bool,
                     arkivsak: str | None, fmt: str) -> None:
    """Tegn arbeidsflytens tilstandsmaskiner, eventuelt med en sak sin vei.

    Uten -o skrives Mermaid- eller DOT-tekst til skjermen. SVG og PNG lages med Graphviz.

    \b
    Eksempel:
      saksflyt workflow diagram politisk-sak -o politisk-sak.svg
      saksflyt workflow diagram politisk-sak --case 19/8286 -o 19-8286.png
    """
    from documents.words import diagram_headings, worded_path
    from engine.domain.lifecycle import load_workflow
    from engine.read import diagram

    workflow = load_workflow(name)
    path = None
    if arkivsak is not None:
        from engine.app.workflows import case_path

        path = worded_path(case_path(ctx.store(), workflow, arkivsak))
    headings = diagram_headings(workflow, arkivsak)
    if to_stdout(output):
        text = (diagram.to_mermaid(workflow, headings, path) if fmt == "mermaid"
                else diagram.to_dot(workflow, headings, path))
        click.echo(text, nl=False)
        return
    assert output is not None
    diagram.check_suffix(output)
    write_file(output, force, lambda target: diagram.write(workflow, target, headings, path,
                                                           output.suffix))
    say("wrote", path=output)
