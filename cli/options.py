"""What every command shares: the context (store URL and actor), the one-line error handling,
the shared options (--json, --lang, --format, -o) and how text reaches its output."""

from __future__ import annotations

import functools
import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

DEFAULT_DB = "sqlite:///saksflyt.db"
MEETING = '"UTVALG ÅÅÅÅ-MM-DD"'


class Context:
    def __init__(self, db: str, actor: str | None, server: str | None = None,
                 token: str | None = None) -> None:
        self.db = db
        self.actor = actor
        self.server = server
        self.token = token
        self._client: Any = None

    @property
    def client(self) -> Any:
        """The server's client in client mode (--server / SAKSFLYT_SERVER), else None."""
        if self.server and self._client is None:
            from cli.client import Client

            self._client = Client(self.server, self.token)
        return self._client

    def store(self) -> Any:
        if self.server:
            # Only the live-logging and read commands go through the server; the rest
            # (replay, registers, accounts, the database) run where the store is.
            from documents.messages import say as word
            from engine.domain.errors import SaksflytError

            here, names = click.get_current_context(), []
            while here.parent is not None:  # the command as typed, whatever runs it
                names.append(here.info_name or "")
                here = here.parent
            raise SaksflytError(word("not_via_server",
                                     command=" ".join(["saksflyt", *reversed(names)])))
        from engine.store.eventstore import EventStore

        return EventStore(self.db)

    def output(self, printed: Any) -> None:
        """Print a command's output (documents.console.Printed) with its exit status."""
        click.echo(printed.stdout, nl=False)
        if printed.stderr:
            click.echo(printed.stderr, nl=False, err=True)
        if printed.exit_code:
            sys.exit(printed.exit_code)


def engine_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn the engine's own errors into one line on standard error and exit status 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from engine.domain.errors import SaksflytError

        try:
            return func(*args, **kwargs)
        except SaksflytError as exc:
            click.echo(f"Feil: {exc}", err=True)
            sys.exit(2)

    return wrapper


pass_ctx = click.make_pass_decorator(Context)


def _actor() -> str | None:
    try:
        return os.environ.get("SAKSFLYT_USER") or getpass.getuser()
    except Exception:
        return None


def say(key: str, **fields: object) -> None:
    """Print one message of the catalogue (documents.messages)."""
    from documents.messages import say as word

    click.echo(word(key, **fields))


# --- shared options ----------------------------------------------------------------------------

json_option = click.option("--json", "as_json", is_flag=True, help="Skriv ut som JSON.")
lang_option = click.option("--lang", type=click.Choice(["nb", "nn"]), default=None,
                           help="Målform: bokmål eller nynorsk (standard: utvalgets egen, "
                                "ellers bokmål).")


def format_option(help: str = "Ren tekst, Markdown, Word eller PDF/A (med LibreOffice).",
                  ) -> Callable[..., Any]:
    return click.option("--format", "fmt", type=click.Choice(["text", "md", "docx", "pdf"]),
                        default="text", show_default=True, help=help)


def output_option(help: str, required: bool = False) -> Callable[..., Any]:
    """-o/--output: a file to write; «-» is standard output."""
    return click.option("-o", "--output", required=required,
                        type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
                        help=help)


def to_stdout(output: Path | None) -> bool:
    return output is None or str(output) == "-"


def emit(text: str, output: Path | None, written: str) -> None:
    """Text to standard output, or to the file `output` with the message `written`."""
    if to_stdout(output):
        click.echo(text, nl=False)
        return
    assert output is not None
    output.write_text(text, encoding="utf-8")
    say(written, path=output)


def json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --- the live item -------------------------------------------------------------------------


def _completer(kind: str) -> Callable[..., list[Any]]:
    """Tab completion from the store: bodies, meetings, people or the open item's proposals."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from click.shell_completion import CompletionItem

        try:
            from engine.app.session import completions
            from engine.store.eventstore import EventStore

            db = ctx.find_root().params.get("db") or os.environ.get("SAKSFLYT_DB", DEFAULT_DB)
            names = completions(EventStore(db), kind)
        except Exception:  # completion must never break the shell
            return []
        return [CompletionItem(n) for n in names if n.lower().startswith(incomplete.lower())]

    return complete


def meeting_argument(kind: str = "meetings", **kwargs: Any) -> Callable[..., Any]:
    return click.argument("meeting", metavar=MEETING, shell_complete=_completer(kind),
                          **kwargs)


def target(func: Callable[..., Any]) -> Callable[..., Any]:
    """--meeting and --case: act on another item than the open one."""
    func = click.option("--case", "arkivsak", metavar="ARKIVSAK",
                        help="Saken (arkivsak), hvis ikke den åpne.")(func)
    return click.option("--meeting", metavar=MEETING, envvar="SAKSFLYT_MEETING",
                        shell_complete=_completer("meetings"),
                        help="Møtet (ellers det ene møtet med en åpen sak); leses også fra "
                             "SAKSFLYT_MEETING.")(func)


def text_of(values: tuple[str, ...] | list[str], file: str | None) -> str | list[str] | None:
    """Paragraphs from repeated options, or from a file (`-`: standard input)."""
    from engine.app.live import paragraphs_of, text_value

    if file is not None:
        with click.open_file(file, encoding="utf-8") as handle:
            return text_value(paragraphs_of(handle.read()))
    return text_value([sys.stdin.read().strip() if v == "-" else v for v in values])


def step(ctx: Context, kind: str, values: dict[str, Any], meeting: str | None = None,
         arkivsak: str | None = None) -> None:
    """Log one step (the scenario format's, built from the options) on the item and say
    what was logged; as a client, the server does it."""
    values = {k: v for k, v in values.items() if v is not None and v != [] and v is not False}
    if ctx.client:
        ctx.client.echo("POST", "/steps", {"meeting": meeting, "case": arkivsak,
                                           "step": {kind: values}})
        return
    from documents.console import step_logged
    from engine.app.items import log_step

    click.echo(step_logged(log_step(ctx.store(), ctx.actor, kind, values, meeting, arkivsak)),
               nl=False)
