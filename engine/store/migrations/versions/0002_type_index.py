"""An index on the event type, for reading every event of one kind across cases (the audit
trail, exports of one kind) without a full scan.

Revision ID: 0002_type_index
Revises: 0001_initial
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_type_index"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

_meta = sa.table("store_meta", sa.column("key", sa.String), sa.column("value", sa.String))


def upgrade() -> None:
    op.create_index("ix_events_type", "events", ["type"])
    op.execute(_meta.update().where(_meta.c.key == "schema_version").values(value="2"))


def downgrade() -> None:
    op.execute(_meta.update().where(_meta.c.key == "schema_version").values(value="1"))
    op.drop_index("ix_events_type", table_name="events")
