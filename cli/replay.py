"""replay and vedtak: a scenario into the store, and the decision out of it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from cli.options import MEETING, Context, engine_errors, pass_ctx, say


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
    from engine.app.replay import replay as run

    store = ctx.store(creates=True)  # a replay into a new folder makes its store
    progress = _ReplayProgress() if sys.stderr.isatty() else None
    done = run(store, ctx.actor, file, until, progress)
    summary = done.summary
    say("replayed", file=file.name, cases=len(summary.cases), meetings=summary.meetings,
        items=summary.items, written=done.written)
    if out is not None:
        from documents.files import write_case_documents

        for arkivsak in summary.cases:
            for path in write_case_documents(store, arkivsak, out):
                say("wrote_file", path=path)


@click.command()
@click.argument("arkivsak")
@click.option("--meeting", metavar=MEETING,
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

        ctx.client.echo("GET", f"/cases/{path_of(arkivsak)}/vedtak", params={"meeting": meeting})
        return
    from documents.console import decision
    from engine.app.decisions import decision_of

    ctx.output(decision(*decision_of(ctx.store(), arkivsak, meeting), arkivsak, meeting))


class _ReplayProgress:
    """One carriage-return line on standard error while a long scenario replays: meetings and
    cases done, events per second (only on a terminal: logs and pipes get the summary)."""

    def start(self, ws: Any) -> None:
        import time

        self.ws = ws
        self.clock = time.monotonic
        self.start_time = self.clock()
        self.last = self.start_time - 1.0  # the first meeting shows at once
        self.meetings = 0
        self.shown = False

    def meeting(self, name: str) -> None:
        from documents.messages import say as word

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
        rate = f"{events / max(now - self.start_time, 1e-9):,.0f}".replace(",", " ")
        self._show(word("replay_progress", meetings=self.meetings, decided=decided,
                        known=known, events=events, rate=rate, name=name))

    def storing(self) -> None:
        from documents.messages import say as word

        if self.shown:
            self._show(word("replay_storing", events=len(self.ws.pending)))

    def done(self) -> None:
        if self.shown:
            click.echo("\r\x1b[K", nl=False, err=True)

    def _show(self, line: str) -> None:
        import shutil

        width = shutil.get_terminal_size((100, 20)).columns
        click.echo("\r\x1b[K" + line[: width - 1], nl=False, err=True)
        self.shown = True
