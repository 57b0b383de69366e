"""Signed checkpoints that anchor every stream's chain head, and triggers that keep the event
log and the checkpoints append-only (no UPDATE or DELETE; on PostgreSQL no TRUNCATE).

Revision ID: 0004_checkpoints
Revises: 0003_accounts
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from engine.store.schema import append_only_ddl, drop_append_only_ddl

revision = "0004_checkpoints"
down_revision = "0003_accounts"
branch_labels = None
depends_on = None

_meta = sa.table("store_meta", sa.column("key", sa.String), sa.column("value", sa.String))


def upgrade() -> None:
    op.create_table(
        "checkpoints",
        sa.Column("number", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("key_id", sa.String(64), nullable=False),
        sa.Column("signature", sa.String(128), nullable=False),
        sa.Column("imported", sa.Boolean, nullable=False, server_default=sa.false()),
    )
    for statement in append_only_ddl(op.get_bind().dialect.name):
        op.execute(statement)
    op.execute(_meta.update().where(_meta.c.key == "schema_version").values(value="4"))


def downgrade() -> None:
    op.execute(_meta.update().where(_meta.c.key == "schema_version").values(value="3"))
    for statement in drop_append_only_ddl(op.get_bind().dialect.name):
        op.execute(statement)
    op.drop_table("checkpoints")
