"""What every command shares: the context (store URL and actor), the one-line error
handling, shared options and the step runner."""

from __future__ import annotations

import functools
import getpass
import os
import sys
from collections.abc import Callable
from typing import Any

import click

DEFAULT_DB = "sqlite:///saksflyt.db"


class Context:
    def __init__(self, db: str, actor: str | None) -> None:
        self.db = db
        self.actor = actor

    def store(self) -> Any:
        from engine.store.eventstore import EventStore

        return EventStore(self.db)


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



def _completer(kind: str) -> Callable[..., list[Any]]:
    """Tab completion from the store: bodies, meetings, people or the open item's proposals."""

    def complete(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from click.shell_completion import CompletionItem

        try:
            from engine.app.meetings import completions
            from engine.store.eventstore import EventStore

            db = ctx.find_root().params.get("db") or os.environ.get("SAKSFLYT_DB", DEFAULT_DB)
            names = completions(EventStore(db), kind)
        except Exception:  # completion must never break the shell
            return []
        return [CompletionItem(n) for n in names if n.lower().startswith(incomplete.lower())]

    return complete


def _target(func: Callable[..., Any]) -> Callable[..., Any]:
    """--meeting and --case: act on another item than the open one."""
    func = click.option("--case", "arkivsak", metavar="ARKIVSAK",
                        help="Saken (arkivsak), hvis ikke den åpne.")(func)
    return click.option("--meeting", metavar='"UTVALG ÅÅÅÅ-MM-DD"', envvar="SAKSFLYT_MEETING",
                        shell_complete=_completer("meetings"),
                        help="Møtet (ellers det ene møtet med en åpen sak); leses også fra "
                             "SAKSFLYT_MEETING.")(func)


def _text(values: tuple[str, ...] | list[str], file: str | None) -> str | list[str] | None:
    """Paragraphs from repeated options, or from a file (`-`: standard input)."""
    from engine.app.live import paragraphs_of, text_value

    if file is not None:
        with click.open_file(file, encoding="utf-8") as handle:
            return text_value(paragraphs_of(handle.read()))
    return text_value([sys.stdin.read().strip() if v == "-" else v for v in values])


def _step(ctx: Context, kind: str, values: dict[str, Any], meeting: str | None = None,
          arkivsak: str | None = None) -> None:
    """Build the step from its options, let the engine check it on the item, store it."""
    from engine.app.live import build_step, short_id, vote_summary
    from engine.app.meetings import LiveSession
    from engine.commands.deciders import apply_step

    session = LiveSession(ctx.store())
    case, item = session.target(meeting, arkivsak)
    generated = kind == "propose" and not values.get("id")
    if generated:
        values["id"] = short_id(values.get("by") or "", [p.id for i in case.items
                                                         for p in i.proposals.values()])
    step = build_step(kind, values)
    apply_step(session.ws, case, item, step)
    session.commit(ctx.actor)
    where = f"«{item.meeting}», sak {item.sak}"
    if kind == "propose":
        click.echo(f"Forslag «{values['id']}» ført i {where}."
                   + (" (Id-en ble laget automatisk.)" if generated else ""))
    elif kind == "vote":
        click.echo(f"Votering {len(item.votes)} ført i {where}: {vote_summary(item.votes[-1])}.")
    else:
        click.echo(f"{kind.replace('_', '-')} ført i {where}.")


def _json(data: Any) -> str:
    import json

    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
