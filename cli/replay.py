"""replay and vedtak: a scenario into the store, and the decision out of it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from cli.options import (
    Context,
    engine_errors,
    pass_ctx,
)


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path),
              help="Skriv også alle saksprotokoller og saksdokumentene til denne mappen.")
@click.option("--until", metavar="ÅÅÅÅ-MM-DD",
              help="Stopp etter møtene denne datoen (før livelogging videre).")
@pass_ctx
@engine_errors
def replay(ctx: Context, file: Path, out: Path | None, until: str | None) -> None:
    """Spill av et scenario (møte for møte) inn i databasen.

    Hele scenarioet sjekkes før noe lagres: et avvist scenario sier på én linje hva og hvor,
    avslutter med status 2 og lar databasen være som den var.

    \b
    Eksempel:
      saksflyt replay examples/19-8286.yaml
      saksflyt replay examples/19-8286.yaml --out protokoller
      saksflyt replay examples/19-8286.yaml --until 2019-06-13
    """
    from engine.app.repository import commit, workspace
    from engine.scenario.apply import apply_scenario

    store = ctx.store()
    ws = workspace(store)
    progress = _ReplayProgress(ws)
    summary = apply_scenario(ws, file, progress=progress.meeting if progress.on else None,
                             until=until)
    progress.storing()
    written = commit(store, ws, actor=ctx.actor)
    progress.done()
    click.echo(f"Spilte av {file.name}: {len(summary.cases)} sak(er), {summary.meetings} møter, "
               f"{summary.items} behandlinger, {written} hendelser lagret.")
    if out is not None:
        from documents.files import write_case_documents

        for arkivsak in summary.cases:
            for path in write_case_documents(store, arkivsak, out):
                click.echo(f"  skrev {path}")


@click.command()
@click.argument("arkivsak")
@click.option("--meeting", metavar='"UTVALG ÅÅÅÅ-MM-DD"',
              help="Hva dette møtet vedtok i saken (innstilling, uttalelse, utsettelse).")
@pass_ctx
@engine_errors
def vedtak(ctx: Context, arkivsak: str, meeting: str | None) -> None:
    """Skriv ut sakens vedtak med merknader, avsnitt for avsnitt.

    \b
    Eksempel:
      saksflyt vedtak 19/8286
      saksflyt vedtak 19/8286 --meeting "Finans- og næringskomiteen 2019-05-28"
    """
    if ctx.client:
        from cli.client import path_of

        ctx.client.echo("GET", f"/cases/{path_of(arkivsak)}/vedtak",
                        params={"meeting": meeting})
        return
    from documents.decision import decision_text
    from engine.app.reading import NoDecisionYet, decision

    try:
        case, item = decision(ctx.store(), arkivsak, meeting)
    except NoDecisionYet as answer:
        click.echo(str(answer), err=True)
        sys.exit(1)
    click.echo(decision_text(case, item), nl=False)


# --- performance: replay progress ---


class _ReplayProgress:
    """One carriage-return line on standard error while a long scenario replays: meetings and
    cases done, events per second. Silent when standard error is not a terminal, so logs and
    pipes get only the summary."""

    def __init__(self, ws: Any) -> None:
        import time

        self.ws = ws
        self.on = sys.stderr.isatty()
        self.clock = time.monotonic
        self.start = self.clock()
        self.last = self.start - 1.0  # the first meeting shows at once
        self.meetings = 0
        self.shown = False

    def meeting(self, name: str) -> None:
        self.meetings += 1
        now = self.clock()
        if now - self.last < 0.2:
            return
        self.last = now
        events = len(self.ws.pending)
        # A replay drops decided cases' state (ws.evicted, counted in ws.decided).
        decided = self.ws.decided + sum(1 for case in self.ws.cases.values()
                                        if case.state == "avgjort")
        known = len(self.ws.cases) + len(self.ws.evicted)
        rate = events / max(now - self.start, 1e-9)
        self._show(f"{self.meetings} møter, {decided}/{known} saker avgjort, "
                   f"{events} hendelser ({rate:,.0f} hendelser/s) – {name}".replace(",", " "))

    def storing(self) -> None:
        if self.shown:
            self._show(f"lagrer {len(self.ws.pending)} hendelser …")

    def done(self) -> None:
        if self.shown:
            click.echo("\r\x1b[K", nl=False, err=True)

    def _show(self, line: str) -> None:
        if self.on:
            width = shutil_width()
            click.echo("\r\x1b[K" + line[: width - 1], nl=False, err=True)
            self.shown = True


def shutil_width() -> int:
    import shutil

    return shutil.get_terminal_size((100, 20)).columns
