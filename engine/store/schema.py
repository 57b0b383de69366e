"""The store's schema: the event table, the checkpoints that anchor its chains, the store's
key/value metadata, and the triggers that keep the log append-only below the application.

The embedded default creates these tables directly (`create_head_schema`); a test keeps them
equal to what the Alembic migrations build.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from engine.store.account_tables import define_account_tables

# The schema's Alembic revisions (engine/migrations/versions), oldest first. The store compares
# the revision it finds with HEAD_REVISION by a plain query, so Alembic (slow to import) is
# loaded only by `saksflyt db upgrade` and `db status`. A test keeps this list and the
# migration scripts in step.
REVISIONS = ("0001_initial", "0002_type_index", "0003_accounts", "0004_checkpoints",
             "0005_case_summaries")
FIRST_REVISION, HEAD_REVISION = REVISIONS[0], REVISIONS[-1]
SCHEMA_VERSION = len(REVISIONS)
SEQ_CONSTRAINT = "uq_events_stream_seq"

class _Payload(sa.types.TypeDecorator[Any]):
    """JSON; JSONB on PostgreSQL. Chosen when a dialect asks (not `with_variant`), so that
    SQLAlchemy's PostgreSQL dialect package (~40 ms) is imported only for a PostgreSQL store."""

    impl = sa.JSON
    cache_ok = True

    def load_dialect_impl(self, dialect: sa.Dialect) -> sa.types.TypeEngine[Any]:
        if dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import JSONB

            return dialect.type_descriptor(JSONB())
        return dialect.type_descriptor(sa.JSON())


metadata = sa.MetaData()
events_table = sa.Table(
    "events", metadata,
    sa.Column("position", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("stream_id", sa.String(200), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("type", sa.String(64), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("payload", _Payload(), nullable=False),
    sa.Column("actor", sa.String(200), nullable=True),
    sa.Column("recorded_at", sa.String(40), nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
    sa.UniqueConstraint("stream_id", "seq", name=SEQ_CONSTRAINT),
    sa.Index("ix_events_type", "type"),
)
# The same table with the payload as text, for inserting payloads already serialised (SQLite).
_text_events_table = sa.Table(
    "events", sa.MetaData(),
    *[sa.Column(c.name, sa.Text if c.name == "payload" else c.type, primary_key=c.primary_key)
      for c in events_table.columns])
meta_table = sa.Table(
    "store_meta", metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(200), nullable=False),
)
account_tables = define_account_tables(metadata)
case_summaries_table = sa.Table(
    "case_summaries", metadata,
    sa.Column("arkivsak", sa.String(200), primary_key=True),
    sa.Column("opened", sa.Integer, nullable=False),
    sa.Column("state", sa.String(64), nullable=False),
    sa.Column("body", sa.String(200), nullable=True),
    sa.Column("summary", sa.Text, nullable=False),
    sa.Index("ix_case_summaries_opened", "opened"),
)
"""The case list's read model: one row per case, written in the same transaction as the
case's events (`opened`: the position of its first event, the list's order; `summary`: the
row as JSON). Derived, never the record: `saksflyt db rebuild` makes it again from the events."""
SUMMARIES_KEY = "case_summaries"
"""store_meta: "current" while the read model is in step with every case's events."""
# Alembic's own bookkeeping table, as Alembic creates it; kept apart from `metadata` so that
# comparing the migrations with `metadata` leaves it out.
_version_metadata = sa.MetaData()
version_table = sa.Table(
    "alembic_version", _version_metadata,
    sa.Column("version_num", sa.String(32), nullable=False),
    sa.PrimaryKeyConstraint("version_num", name="alembic_version_pkc"),
)


checkpoints_table = sa.Table(
    "checkpoints", metadata,
    sa.Column("number", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("created_at", sa.String(40), nullable=False),
    sa.Column("body", sa.Text, nullable=False),
    sa.Column("key_id", sa.String(64), nullable=False),
    sa.Column("signature", sa.String(128), nullable=False),
    sa.Column("imported", sa.Boolean, nullable=False, server_default=sa.false()),
)
"""Signed checkpoints: `body` is the canonical JSON the signature covers (each stream's head,
the table's count and last position, the previous checkpoint's digest)."""

APPEND_ONLY = ("events", "checkpoints")
"""Tables whose rows are never updated or deleted: triggers refuse it on both backends."""
TRIGGER_MESSAGE = "saksflyt: hendelsesloggen kan bare utvides, ikke endres eller slettes"


def append_only_ddl(dialect: str) -> list[str]:
    """The statements that make APPEND_ONLY tables refuse UPDATE and DELETE (and, on
    PostgreSQL, TRUNCATE). A table's owner can drop them: privileges (`saksflyt db grant`)
    keep the application's own role from doing so on PostgreSQL."""
    if dialect == "sqlite":
        return [f"CREATE TRIGGER IF NOT EXISTS {table}_append_only_{op.lower()} BEFORE {op} ON "
                f"{table} BEGIN SELECT RAISE(ABORT, '{TRIGGER_MESSAGE}'); END"
                for table in APPEND_ONLY for op in ("UPDATE", "DELETE")]
    if dialect == "postgresql":
        function = ("CREATE OR REPLACE FUNCTION saksflyt_append_only() RETURNS trigger "
                    "LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION "
                    f"'{TRIGGER_MESSAGE}'; END $$")
        triggers = []
        for table in APPEND_ONLY:
            triggers += [
                f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}",
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION saksflyt_append_only()",
                f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION saksflyt_append_only()",
            ]
        return [function, *triggers]
    return []


def drop_append_only_ddl(dialect: str) -> list[str]:
    if dialect == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {table}_append_only_{op.lower()}"
                for table in APPEND_ONLY for op in ("UPDATE", "DELETE")]
    if dialect == "postgresql":
        return [*(f"DROP TRIGGER IF EXISTS {table}_{kind} ON {table}" for table in APPEND_ONLY
                  for kind in ("append_only", "no_truncate")),
                "DROP FUNCTION IF EXISTS saksflyt_append_only()"]
    return []


def create_head_schema(conn: sa.Connection) -> None:
    """Create the store's tables at the head revision and record that revision."""
    metadata.create_all(conn)
    for statement in append_only_ddl(conn.dialect.name):
        conn.exec_driver_sql(statement)
    _version_metadata.create_all(conn)
    conn.execute(sa.delete(version_table))
    conn.execute(sa.insert(version_table).values(version_num=HEAD_REVISION))
    conn.execute(sa.delete(meta_table).where(meta_table.c.key == "schema_version"))
    conn.execute(sa.insert(meta_table).values(key="schema_version", value=str(SCHEMA_VERSION)))
    # An empty store's (empty) read model is in step with its (no) events.
    conn.execute(sa.delete(meta_table).where(meta_table.c.key == SUMMARIES_KEY))
    conn.execute(sa.insert(meta_table).values(key=SUMMARIES_KEY, value="current"))




def grant_statements(role: str) -> list[str]:
    """PostgreSQL: what the application's role may do, and no more: read everything, append
    to the events and the checkpoints, never change or delete a row of them (run as the
    tables' owner; the application connects as `role`, which must not own them)."""
    import re

    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]{0,62}", role):
        from engine.domain.errors import RuleViolation

        raise RuleViolation(f"Ugyldig rollenavn «{role[:64]}»: bruk bokstaver, tall og _.")
    quoted = f'"{role}"'
    tables = ("events", "checkpoints", "store_meta", "alembic_version", "case_summaries")
    accounts = ", ".join(account_tables)  # the server's accounts: not part of the record
    return [
        f"REVOKE ALL ON {', '.join(tables)}, {accounts} FROM {quoted}",
        f"GRANT SELECT, INSERT ON events, checkpoints TO {quoted}",
        f"GRANT SELECT ON alembic_version TO {quoted}",
        # The case list's read model is derived and rewritten; its freshness mark with it.
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON case_summaries, store_meta TO {quoted}",
        f"GRANT USAGE, SELECT ON SEQUENCE events_position_seq TO {quoted}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON {accounts} TO {quoted}",
    ]
