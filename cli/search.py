"""search: the public full-text search, and rebuilding its table from the events."""

from __future__ import annotations

import click

from cli.options import Context, engine_errors, pass_ctx, say


@click.group(name="search")
def search_group() -> None:
    """Fritekstsøket på innsynssidene: søk, og bygg søketabellen på nytt."""


@search_group.command(name="rebuild")
@pass_ctx
@engine_errors
def search_rebuild(ctx: Context) -> None:
    """Bygg søketabellen på nytt fra hendelsene (den holdes ellers à jour av seg selv).

    \b
    Eksempel:
      saksflyt search rebuild
    """
    from engine.app.search import rebuild

    say("search_rebuilt", documents=rebuild(ctx.store()))


@search_group.command(name="find")
@click.argument("words")
@pass_ctx
@engine_errors
def search_find(ctx: Context, words: str) -> None:
    """Søk slik innsynssidene søker: bare i det som er offentlig.

    \b
    Eksempel:
      saksflyt search find vennskapsbyavtale
    """
    from engine.app.search import search

    hits = search(ctx.store(), words)
    for hit in hits:
        say("search_hit", title=hit.title, arkivsak=hit.arkivsak)
    if not hits:
        say("search_none")
