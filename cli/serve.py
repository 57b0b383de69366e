"""serve: the server (ASGI, on uvicorn) over the same store as the command line."""

from __future__ import annotations

import click

from cli.options import Context, pass_ctx, say


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Adressen serveren lytter på.")
@click.option("--port", default=8000, show_default=True, type=int, help="Porten.")
@click.option("--workers", default=1, show_default=True, type=int,
              help="Antall prosesser (PostgreSQL; alle deler databasen).")
@click.option("--insecure-cookies", is_flag=True,
              help="Informasjonskapsler uten Secure-flagget (bare for http på egen maskin).")
@pass_ctx
def serve(ctx: Context, host: str, port: int, workers: int, insecure_cookies: bool) -> None:
    """Start serveren: nettsidene for innloggede brukere og API-et under /api/v1.

    Databasen er den samme som kommandolinjens (--db / SAKSFLYT_DB). Hvem som fører noe,
    avgjør serveren ut fra innloggingen.

    \b
    Eksempel:
      saksflyt --db postgresql+psycopg://saksflyt@localhost/saksflyt serve --port 8000
    """
    import os

    import sqlalchemy as sa
    import uvicorn

    # The factory reads its settings from the environment in each worker process.
    os.environ["SAKSFLYT_DB"] = ctx.db
    if insecure_cookies:
        os.environ["SAKSFLYT_INSECURE_COOKIES"] = "1"
    say("serving", host=host, port=port,
        url=sa.make_url(ctx.db).render_as_string(hide_password=True))
    uvicorn.run("server.app:from_environment", factory=True, host=host, port=port,
                workers=workers, log_level="warning", access_log=False)
