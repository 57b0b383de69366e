"""Alembic's environment for the store's migrations: always run on a connection that the
caller opened (engine.store.migrations passes it in `config.attributes["connection"]`)."""

from __future__ import annotations

from alembic import context

from engine.store.eventstore import metadata

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError(
        "saksflyt's migrations run through engine.store.migrations (saksflyt db upgrade)")

context.configure(
    connection=connection,
    target_metadata=metadata,
    # SQLite alters a table by copying it; batch mode does that for us.
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
