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
                 token: str | None = None, key: Path | None = None,
                 create: bool = False) -> None:
        self.db = db
        self.actor = actor
        self.server = server
        self.token = token
        self._client: Any = None
        self._key = key
        self.create = create
        """--create: this command may make a new store (db init, replay and import may)."""

    @property
    def client(self) -> Any:
        """The server's client in client mode (--server / SAKSFLYT_SERVER), else None."""
        if self.server and self._client is None:
            from cli.client import Client

            self._client = Client(self.server, self.token)
        return self._client

    @property
    def key_path(self) -> Path:
        """--key / SAKSFLYT_KEY, else the default in the user's configuration folder."""
        if self._key is not None:
            return self._key
        from engine.store.checkpoints import default_key_path

        return default_key_path(dict(os.environ))  # read here, at the edge

    def store(self, *, creates: bool = False) -> Any:
        """The store at --db. A SQLite file that does not exist is made only by a command
        that `creates` one (db init, replay, import) or with --create; any other command
        refuses it, naming the path, so a mistyped --db never becomes a new empty store."""
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
        from engine.store.eventstore import EventStore, require_sqlite_file

        store = EventStore(self.db)
        require_sqlite_file(store, create=creates or self.create)
        if not store.exists:
            click.get_current_context().call_on_close(lambda: self._made(store))
        return store

    def _made(self, store: Any) -> None:
        """After the command: if it made the store (where an old one may have stood), the
        key's record of the old one's latest checkpoint no longer applies."""
        if store.exists:
            from engine.store.checkpoints import remember

            remember(self.key_path, store, None)

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
            click.echo(f"Feil: {one_line(str(exc))}", err=True)
            sys.exit(2)

    return wrapper


def one_line(text: str) -> str:
    """A message as one line, control characters shown, never passed to the terminal."""
    from engine.domain.inputs import shown

    return shown(" ".join(text.split("\n")), 2000)


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


def output_option(help: str, required: bool = False, name: str = "output",
                  flags: tuple[str, ...] = ("-o", "--output")) -> Callable[..., Any]:
    """-o/--output: a file to write («-»: standard output), and --force to write over one
    that is there."""
    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        func = click.option("--force", is_flag=True,
                            help="Skriv over filen om den finnes fra før.")(func)
        return click.option(*flags, name, required=required,
                            type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
                            help=help)(func)

    return decorate


def to_stdout(output: Path | None) -> bool:
    return output is None or str(output) == "-"


def emit(text: str, output: Path | None, written: str, force: bool = False) -> None:
    """Text to standard output, or to the file `output` with the message `written`."""
    if to_stdout(output):
        click.echo(text, nl=False)
        return
    assert output is not None
    write_file(output, force, lambda path: path.write_text(text, encoding="utf-8"))
    say(written, path=output)


def write_file(path: Path, force: bool, write: Callable[[Path], Any]) -> Path:
    """Let `write` make the file in a new temporary file beside `path`, then move it into
    place: a half-written file never stands under the name, a symbolic link at `path` is
    replaced, never written through, and a file already there is kept unless `force`.
    `path` «-» sends the bytes to standard output."""
    import tempfile

    from engine.domain.errors import SaksflytError

    if str(path) == "-":
        with tempfile.TemporaryDirectory() as folder:
            temporary = Path(folder) / f"ut{path.suffix}"
            write(temporary)
            sys.stdout.buffer.write(temporary.read_bytes())
            sys.stdout.flush()
        return path
    if os.path.islink(path) and not force:
        raise SaksflytError(f"{path} er en symbolsk lenke; saksflyt skriver ikke gjennom "
                            "den (--force erstatter lenken med filen).")
    if path.is_dir():
        raise SaksflytError(f"{path} er en mappe, ikke en fil.")
    if path.exists() and not force:
        raise SaksflytError(f"{path} finnes allerede; bruk --force for å skrive over den.")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise SaksflytError(f"Mappen {folder} finnes ikke.")
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=f".tmp{path.suffix}",
                                dir=folder)
    os.close(fd)
    temporary = Path(name)
    try:
        write(temporary)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


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
