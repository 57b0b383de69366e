"""The case list's read model (case_summaries): one row per case, kept in step with the
events in the same transaction. An upgraded store has none yet: it is marked not current, and
the first `case list` (or `saksflyt db rebuild`) builds it from the events.

Revision ID: 0005_case_summaries
Revises: 0004_checkpoints
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_case_summaries"
down_revision = "0004_checkpoints"
branch_labels = None
depends_on = None

_meta = sa.table("store_meta", sa.column("key", sa.String), sa.column("value", sa.String))


def upgrade() -> None:
    op.create_table(
        "case_summaries",
        sa.Column("arkivsak", sa.String(200), primary_key=True),
        sa.Column("opened", sa.Integer, nullable=False),
        sa.Column("state", sa.String(64), nullable=False),
        sa.Column("body", sa.String(200), nullable=True),
        sa.Column("summary", sa.Text, nullable=False),
    )
    op.create_index("ix_case_summaries_opened", "case_summaries", ["opened"])
    op.execute(_meta.delete().where(_meta.c.key == "case_summaries"))
    op.execute(_meta.insert().values(key="case_summaries", value="stale"))
    op.execute(_meta.update().where(_meta.c.key == "schema_version").values(value="5"))


def downgrade() -> None:
    op.execute(_meta.update().where(_meta.c.key == "schema_version").values(value="4"))
    op.execute(_meta.delete().where(_meta.c.key == "case_summaries"))
    op.drop_index("ix_case_summaries_opened", table_name="case_summaries")
    op.drop_table("case_summaries")
